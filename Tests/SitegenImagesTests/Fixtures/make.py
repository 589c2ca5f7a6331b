#!/usr/bin/env python3
"""Makes the image fixtures of SitegenImagesTests (committed; run again only to change them).
Needs Pillow (`pip install pillow`)."""
import io, pathlib, struct, zlib
from PIL import Image, ImageDraw

here = pathlib.Path(__file__).parent

def photo(w, h):
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    for x in range(w):
        draw.line([(x, 0), (x, h)], fill=(x * 255 // max(1, w - 1), 90, 200 - x * 150 // max(1, w - 1)))
    draw.rectangle([w // 2, h // 4, w // 2 + w // 8, h // 2], fill=(250, 250, 40))
    return image

# 600×400 pixels stored on their side: EXIF orientation 6 (turn 90° clockwise) shows 400×600;
# GPS position of a reporter's photo (48°51'N 2°21'E), camera make and a comment that must not be published.
exif = Image.Exif()
exif[0x0112] = 6
exif[0x010F] = "SecretCam"
gps = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
exif[0x8825] = gps
photo(600, 400).save(here / "rotated-gps.jpg", "JPEG", quality=90, exif=exif.tobytes(), comment=b"GPS-SECRET")

rgba = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
ImageDraw.Draw(rgba).ellipse([20, 20, 280, 180], fill=(200, 30, 30, 255))
rgba.save(here / "alpha.png")

frames = []
for i in range(3):
    frame = Image.new("RGB", (40, 30), (i * 100, 40, 200 - i * 60))
    ImageDraw.Draw(frame).rectangle([i * 10, 5, i * 10 + 8, 20], fill=(255, 255, 255))
    frames.append(frame)
frames[0].save(here / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0, optimize=False)

photo(900, 600).save(here / "photo-900.jpg", "JPEG", quality=85)
buffer = io.BytesIO()
photo(900, 600).save(buffer, "JPEG", quality=85)
(here / "truncated.jpg").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 3])
photo(50, 40).save(here / "photo.tiff", "TIFF")
(here / "not-an-image.jpg").write_bytes(b"<html>This is a web page saved with a .jpg name</html>\n")

# A PNG whose header claims 60000 x 60000 pixels (3.6 billion): it must be refused from the header.
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
idat = zlib.compress(b"\x00" * 1000)
(here / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
