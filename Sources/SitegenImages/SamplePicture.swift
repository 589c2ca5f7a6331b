/// The neutral photos `sitegen init` puts in a new site, drawn here rather than shipped: a soft
/// diagonal gradient between two colours with two pale discs over it; no text, no mark. Drawn
/// in integer arithmetic with a fixed dither, then encoded by libvips, so one design
/// gives the same bytes every time (on one libvips and libjpeg).
public enum SamplePicture {
    /// A colour, 8 bits a channel, sRGB.
    public struct Colour: Sendable, Hashable {
        public var red: Int, green: Int, blue: Int
        public init(_ red: Int, _ green: Int, _ blue: Int) {
            self.red = red
            self.green = green
            self.blue = blue
        }
        var channels: [Int] { [red, green, blue] }
    }

    /// A disc: its centre and radius in hundredths of the width (x) and of the height (y,
    /// radius), and how much of the disc colour it lays over the gradient, out of 256.
    public struct Disc: Sendable, Hashable {
        public var x: Int, y: Int, radius: Int, opacity: Int
        public init(x: Int, y: Int, radius: Int, opacity: Int) {
            self.x = x
            self.y = y
            self.radius = radius
            self.opacity = opacity
        }
    }

    public struct Design: Sendable, Hashable {
        /// The gradient runs from `from` at the top left to `to` at the bottom right.
        public var from: Colour, to: Colour
        public var disc: Colour
        public var discs: [Disc]
        public init(from: Colour, to: Colour, disc: Colour, discs: [Disc]) {
            self.from = from
            self.to = to
            self.disc = disc
            self.discs = discs
        }
    }

    /// Slate blue to sea green, a large disc high on the right and a smaller one below it.
    public static let harbour = Design(
        from: Colour(0x2E, 0x4A, 0x62), to: Colour(0x7F, 0xB0, 0xA8), disc: Colour(0xF4, 0xEF, 0xE1),
        discs: [Disc(x: 70, y: 38, radius: 30, opacity: 56), Disc(x: 56, y: 66, radius: 17, opacity: 40)])

    /// Indigo to apricot, a large disc low on the left and a smaller one above it.
    public static let dusk = Design(
        from: Colour(0x3A, 0x3F, 0x6B), to: Colour(0xE8, 0xB4, 0x8A), disc: Colour(0xF4, 0xEF, 0xE1),
        discs: [Disc(x: 30, y: 62, radius: 32, opacity: 52), Disc(x: 46, y: 30, radius: 15, opacity: 40)])

    /// `design` drawn at `width` × `height` and encoded as a JPEG (metadata-free, as every image
    /// sitegen writes).
    public static func jpeg(_ design: Design, width: Int = 1600, height: Int = 900, quality: Int = 85) throws(ImageError) -> [UInt8] {
        let picture = try ImageCodec.picture(rgb: pixels(design, width: width, height: height), width: width, height: height)
        return try ImageCodec.encode(picture, as: .jpeg, quality: quality)
    }

    /// The dither's threshold at a pixel, 0 to 255: an integer hash of its place, a fine grain
    /// that leaves no bands in a gradient of a few dozen levels across 1,600 pixels, and no
    /// pattern for a resize to turn into a grid (as an ordered dither's would).
    static func threshold(_ x: Int, _ y: Int) -> Int {
        var h = UInt32(truncatingIfNeeded: x) &* 374_761_393 &+ UInt32(truncatingIfNeeded: y) &* 668_265_263
        h = (h ^ (h >> 13)) &* 1_274_126_177
        return Int((h ^ (h >> 16)) & 255)
    }

    /// The RGB bytes of `design`, row by row. Every value is worked out in 1/256ths of a level.
    static func pixels(_ design: Design, width: Int, height: Int) -> [UInt8] {
        let from = design.from.channels, to = design.to.channels, disc = design.disc.channels
        // Each disc in pixels; its edge fades over `feather` pixels, so it looks soft, not cut out.
        let feather = max(2, height / 60)
        let discs = design.discs.map { d in
            (x: width * d.x / 100, y: height * d.y / 100, radius: height * d.radius / 100, opacity: d.opacity)
        }
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        bytes.withUnsafeMutableBufferPointer { out in
            var value = (0, 0, 0)
            for y in 0..<height {
                for x in 0..<width {
                    // 0 at the top left to 65,535 at the bottom right.
                    let t = (x * 65535 / max(1, width - 1) + y * 65535 / max(1, height - 1)) / 2
                    value.0 = from[0] * 256 + (to[0] - from[0]) * 256 * t / 65535
                    value.1 = from[1] * 256 + (to[1] - from[1]) * 256 * t / 65535
                    value.2 = from[2] * 256 + (to[2] - from[2]) * 256 * t / 65535
                    for d in discs {
                        let dx = x - d.x, dy = y - d.y
                        let reach = d.radius + feather
                        let squared = dx * dx + dy * dy
                        guard squared < reach * reach else { continue }
                        // The distance in 1/16ths of a pixel (the square root of an integer: IEEE's is exact).
                        let distance = Int(Double(squared * 256).squareRoot())
                        let inside = (d.radius * 16 + feather * 8 - distance) * 256 / (feather * 16)
                        let cover = d.opacity * min(256, max(0, inside)) / 256
                        value.0 += (disc[0] * 256 - value.0) * cover / 256
                        value.1 += (disc[1] * 256 - value.1) * cover / 256
                        value.2 += (disc[2] * 256 - value.2) * cover / 256
                    }
                    let threshold = Self.threshold(x, y)
                    let at = (y * width + x) * 3
                    out[at] = UInt8(min(255, max(0, (value.0 + threshold) >> 8)))
                    out[at + 1] = UInt8(min(255, max(0, (value.1 + threshold) >> 8)))
                    out[at + 2] = UInt8(min(255, max(0, (value.2 + threshold) >> 8)))
                }
            }
        }
        return bytes
    }
}
