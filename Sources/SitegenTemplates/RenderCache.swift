import Foundation

/// The output of `{% include "…" cached_by key %}`, kept for the other pages of one render pass.
///
/// A list of 20 cards on each of 3,000 topic pages renders each article's card five or six
/// times over; with `cached_by item.url` it is rendered once and its bytes copied after that.
/// The template promises that the partial's output depends only on the key (as Hugo's
/// `partialCached` does). Make one cache per pass over the site and render every page of that
/// pass with it; a new pass, after the content changed, needs a new cache. Safe to share
/// between threads (two threads may both render a key the first time; either result is kept).
public final class RenderCache: @unchecked Sendable {
    struct Key: Hashable {
        var template: Int
        var value: String
    }

    private var entries: [Key: [UInt8]] = [:]
    private let lock = NSLock()

    public init() {}

    /// How many outputs are kept.
    public var count: Int { lock.withLock { entries.count } }

    func bytes(for key: Key) -> [UInt8]? {
        lock.withLock { entries[key] }
    }

    func store(_ bytes: ArraySlice<UInt8>, for key: Key) {
        let copy = Array(bytes)
        lock.withLock { entries[key] = copy }
    }
}
