import Hummingbird
import ServiceLifecycle
import SitegenSite

/// Answers every request: the event stream, or a file of the site from memory.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: SiteStore
    let hub: EventHub
    /// The base path the site is served under (`/`).
    let mount: String

    func respond(to request: Request, context: Context) async throws -> Response {
        let target = request.head.path ?? "/"
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "405 Method Not Allowed\n", extra: [.allow: "GET, HEAD"])
        }
        if target == LiveReload.eventsPath || target.hasPrefix(LiveReload.eventsPath + "?") {
            return events()
        }
        let isHead = request.method == .head
        switch RequestPath.resolve(target, mount: mount, exists: store.exists) {
        case .badRequest:
            return plain(.badRequest, "400 Bad Request\n")
        case .folderRedirect(let location):
            return Response(
                status: .movedPermanently,
                headers: [.location: location, .cacheControl: "no-cache", .contentType: "text/plain; charset=utf-8"],
                body: isHead ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: "Moved to \(location)\n")))
        case .notFound:
            return notFound(isHead: isHead)
        case .file(let path):
            let shown = store.lookup(path)
            guard let file = shown.file else {
                if !store.hasSite, let diagnostics = shown.diagnostics { return errorPage(diagnostics, isHead: isHead) }
                return notFound(isHead: isHead)
            }
            return serve(file, status: .ok, request: request, shown: shown)
        }
    }

    // MARK: - Files

    private func serve(
        _ file: ServedFile, status: HTTPResponse.Status, request: Request, shown: SiteStore.Shown
    ) -> Response {
        var body = file.body
        var etag = file.etag
        if file.isHTML, let overlay = shown.overlay {
            // While the build fails, pages carry the overlay (while it warns, the warnings panel);
            // the tag changes with each build that may change it.
            let bytes = Array(buffer: body)
            body = ByteBuffer(bytes: LiveReload.inject(overlay, into: bytes))
            etag = String(etag.dropLast()) + shown.tagSuffix + "\""
        }
        var headers: HTTPFields = [
            .contentType: file.contentType,
            .cacheControl: "no-cache",
            .eTag: etag,
        ]
        // An SVG opened on its own is a document of the site's origin: the build keeps only an
        // allow-list of its elements and attributes, and the server forbids script in it as well.
        if file.contentType.hasPrefix("image/svg+xml") {
            headers[.contentSecurityPolicy] = "script-src 'none'"
        }
        if status == .ok, let match = request.headers[.ifNoneMatch], Self.matches(match, etag) {
            return Response(status: .notModified, headers: headers, body: ResponseBody())
        }
        headers[.contentLength] = String(body.readableBytes)
        let isHead = request.method == .head
        return Response(status: status, headers: headers, body: isHead ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    /// Whether an `If-None-Match` value names `etag` (or is `*`); weak tags match too.
    static func matches(_ header: String, _ etag: String) -> Bool {
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == etag { return true }
        }
        return false
    }

    private func notFound(isHead: Bool) -> Response {
        let shown = store.lookup(SitePaths.notFound)
        guard let page = shown.file else { return plain(.notFound, "404 Not Found\n", isHead: isHead) }
        var body = page.body
        if let overlay = shown.overlay {
            body = ByteBuffer(bytes: LiveReload.inject(overlay, into: Array(buffer: body)))
        }
        return Response(
            status: .notFound,
            headers: [.contentType: page.contentType, .cacheControl: "no-cache", .contentLength: String(body.readableBytes)],
            body: isHead ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    private func errorPage(_ diagnostics: [String], isHead: Bool) -> Response {
        let bytes = LiveReload.errorPage(diagnostics)
        return Response(
            status: .internalServerError,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache", .contentLength: String(bytes.count)],
            body: isHead ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func plain(
        _ status: HTTPResponse.Status, _ text: String, isHead: Bool = false, extra: HTTPFields = [:]
    ) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"]
        headers.append(contentsOf: extra)
        headers[.contentLength] = String(text.utf8.count)
        return Response(status: status, headers: headers, body: isHead ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Events

    /// The live-reload stream; it ends when the server shuts down gracefully, so shutdown never waits on a tab.
    private func events() -> Response {
        let stream = hub.subscribe()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(asyncSequence: stream.cancelOnGracefulShutdown()))
    }
}
