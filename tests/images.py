"""Pictures for the upload tests, made in memory."""

import io
import struct
import zlib

from PIL import Image


def picture(fmt: str = "PNG", size=(300, 200), color=(200, 30, 30), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save)
    return buffer.getvalue()


def halves(size=(200, 100), exif: bytes | None = None) -> bytes:
    """A JPEG, left half red and right half blue, with the EXIF block given."""
    image = Image.new("RGB", size, (255, 0, 0))
    image.paste((0, 0, 255), (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height``: a decompression bomb's shape."""
    data = bytearray(picture("PNG", size=(1, 1)))
    # IHDR starts at byte 8: length (4), type (4), width (4), height (4)…, then its CRC.
    data[16:24] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    data[29:33] = struct.pack(">I", crc)
    return bytes(data)
