import SitegenSupport

/// Front-matter's `image:`, the article's lead image: `image: crew.jpg`, or
/// `image: {src: crew.jpg, alt: "…", caption: "…", credit: "NASA/Joel Kowsky", focus: [0.5, 0.3]}`.
public struct LeadImage: Sendable, Hashable {
    /// The file, as written: relative to the article's folder, or from `Content/` with a leading `/`.
    public var src: String
    public var alt: String?
    public var caption: String?
    /// Who made it: shown under the image (never read from EXIF).
    public var credit: String?
    /// Where the subject is, as fractions of the width and height: crops keep it in view. Without
    /// it, crops keep what libvips' attention finds most interesting.
    public var focus: FocusPoint?
    /// Where `src` is written.
    public var position: SourcePosition

    public struct FocusPoint: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    public init(src: String, alt: String? = nil, caption: String? = nil, credit: String? = nil, focus: FocusPoint? = nil,
                position: SourcePosition) {
        self.src = src
        self.alt = alt
        self.caption = caption
        self.credit = credit
        self.focus = focus
        self.position = position
    }

    /// The keys of the long form.
    static let keys = ["src", "alt", "caption", "credit", "focus"]
}

extension BinaryWriter {
    public mutating func write(_ image: LeadImage, in path: String) {
        write(image.src)
        write(image.alt)
        write(image.caption)
        write(image.credit)
        write(image.focus != nil)
        if let focus = image.focus {
            write(focus.x)
            write(focus.y)
        }
        write(image.position, in: path)
    }
}

extension BinaryReader {
    public mutating func readLeadImage(in path: String) throws(MalformedData) -> LeadImage {
        let src = try readString()
        let alt = try readOptionalString()
        let caption = try readOptionalString()
        let credit = try readOptionalString()
        let focus = try readBool() ? LeadImage.FocusPoint(x: try readDouble(), y: try readDouble()) : nil
        return LeadImage(src: src, alt: alt, caption: caption, credit: credit, focus: focus, position: try readPosition(in: path))
    }
}
