#!/usr/bin/env python3
# Makes the scan fixtures of tests/test-scan.c (see README.md). Needs ImageMagick's convert
# for the JPEG encoding only; everything else is written byte by byte here.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import struct
import subprocess
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png(width, height, rows):
    raw = b"".join(b"\0" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def halves(width, height, left, right):
    """Left half one colour, right half another: shows which way an image was turned."""
    row = bytes(left) * (width // 2) + bytes(right) * (width - width // 2)
    return [row] * height


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


RED, BLUE = (220, 20, 20), (20, 20, 220)

# 64 × 32, red on the left, blue on the right.
write("small.png", png(64, 32, halves(64, 32, RED, BLUE)))

# The same pixels as a JPEG with EXIF orientation 6 (RightTop): shown upright it is 32 × 64,
# red on top.
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "in.png")
    out = os.path.join(tmp, "out.jpg")
    with open(src, "wb") as f:
        f.write(png(64, 32, halves(64, 32, RED, BLUE)))
    subprocess.run(["convert", src, "-strip", "-quality", "95", out], check=True)
    with open(out, "rb") as f:
        jpeg = f.read()
tiff_ifd = (b"MM\0*" + struct.pack(">I", 8) + struct.pack(">H", 1)
            + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0))
exif = b"Exif\0\0" + tiff_ifd
assert jpeg[:2] == b"\xff\xd8"
write("rotated.jpg", jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:])

# A PNG whose header says 100000 × 100000 (40 GB of pixels), with a correct CRC and a few
# bytes of data: it must be refused from the header, before any pixel is allocated.
write("huge-header.png",
      b"\x89PNG\r\n\x1a\n"
      + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0))
      + chunk(b"IDAT", zlib.compress(b"\0" * 64))
      + chunk(b"IEND", b""))

# A real PNG cut in the middle of its image data.
noise = [bytes((x * 37 + y * 91 + (x * y) % 251) % 256 for x in range(96 * 3)) for y in range(96)]
whole = png(96, 96, noise)
write("truncated.png", whole[: len(whole) // 2])

# A real JPEG cut in the middle of its data, and a progressive JPEG (several scans) whole.
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "in.png")
    with open(src, "wb") as f:
        f.write(png(96, 96, noise))
    for name, extra in (("whole.jpg", []), ("progressive.jpg", ["-interlace", "JPEG"])):
        subprocess.run(["convert", src, "-strip", "-quality", "90"] + extra
                       + [os.path.join(tmp, name)], check=True)
    with open(os.path.join(tmp, "whole.jpg"), "rb") as f:
        jpeg = f.read()
    write("truncated.jpg", jpeg[: len(jpeg) // 2])
    with open(os.path.join(tmp, "progressive.jpg"), "rb") as f:
        write("progressive.jpg", f.read())

# A baseline TIFF, uncompressed RGB, 16 × 8, big-endian ("MM\0*").
w, h = 16, 8
pixels = b"".join(halves(w, h, RED, BLUE))
entries = [
    (256, 3, 1, w),            # ImageWidth
    (257, 3, 1, h),            # ImageLength
    (258, 3, 3, None),         # BitsPerSample 8,8,8 (at an offset)
    (259, 3, 1, 1),            # Compression: none
    (262, 3, 1, 2),            # Photometric: RGB
    (273, 4, 1, None),         # StripOffsets
    (277, 3, 1, 3),            # SamplesPerPixel
    (278, 3, 1, h),            # RowsPerStrip
    (279, 4, 1, len(pixels)),  # StripByteCounts
]
ifd_size = 2 + 12 * len(entries) + 4
bps_offset = 8 + ifd_size
data_offset = bps_offset + 6
ifd = struct.pack(">H", len(entries))
for tag, kind, count, value in entries:
    if tag == 258:
        value = bps_offset
        ifd += struct.pack(">HHII", tag, kind, count, value)
    elif tag == 273:
        ifd += struct.pack(">HHII", tag, kind, count, data_offset)
    elif kind == 3:
        ifd += struct.pack(">HHIHH", tag, kind, count, value, 0)
    else:
        ifd += struct.pack(">HHII", tag, kind, count, value)
ifd += struct.pack(">I", 0)
tiff = b"MM\0*" + struct.pack(">I", 8) + ifd + struct.pack(">HHH", 8, 8, 8) + pixels
write("small.tif", tiff)
# The same TIFF without the last 100 bytes of its pixels.
write("truncated.tif", tiff[:-100])


# A two-page PDF: an A4 portrait page and an A4 landscape page, each with a blue square.
def pdf(pages):
    objects = []
    kids = " ".join("%d 0 R" % (3 + 2 * i) for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))).encode())
    for i, (pw, ph) in enumerate(pages):
        content = b"0 0 1 rg 100 100 200 200 re f"
        objects.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R >>"
                        % (pw, ph, 4 + 2 * i)).encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


two = pdf([(595, 842), (842, 595)])
write("two-pages.pdf", two)
# The same PDF under a photo's name: the content decides, not the name.
write("really-a-pdf.jpg", two)
# A GIF under a photo's name: not a scan format Xueshi takes.
write("really-a-gif.jpg", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
      b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
