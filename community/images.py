"""Images members upload (avatars, lab covers): verified by decoding, re-encoded, resized, stored.

Nothing a member sends is kept as sent. The bytes must decode with Pillow as JPEG, PNG or WebP
within size and dimension limits (a small file that claims enormous dimensions is a
decompression bomb and is refused before its pixels are decoded); the picture is then turned
upright, stripped of every metadata block (EXIF, GPS, comments, ICC) by re-encoding, cropped to
the sizes the pages use (squares for avatars, wide boxes for lab covers) and written under a
name derived from its content, so it can be cached forever.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from flask_babel import format_number
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from community.errors import ServiceError

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 8000
# 16 megapixels (a 12 MP phone photo passes): checked from the header, before any pixel is decoded. At
# 40 MP a 5 KB PNG of 8000x5000 made a worker allocate about 730 MB.
MAX_PIXELS = 16_000_000
OUTPUT_FORMAT = "WEBP"
OUTPUT_EXTENSION = "webp"

# Pillow warns past MAX_IMAGE_PIXELS and refuses past twice that; open_image turns the warning
# into a refusal as well, so no image larger than MAX_PIXELS is ever decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageError(ServiceError):
    pass


def upload_key() -> str:
    """Rate-limit key of picture uploads (avatars and lab covers count together): the member."""
    from flask import request
    from flask_login import current_user

    return f"image-upload:{current_user.id or request.remote_addr}"


def upload_limits() -> str:
    from flask import current_app

    return current_app.config["IMAGE_UPLOAD_LIMITS"]


Box = tuple[int, int]  # width, height
Size = int | Box  # a square's side, or a box


@dataclass(frozen=True)
class StoredImage:
    key: str
    sizes: tuple[Size, ...]


def read_upload(stream: IO[bytes], max_bytes: int = MAX_BYTES) -> bytes:
    """The uploaded bytes, refused past ``max_bytes`` without reading much further."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageError(_("The image is larger than %(size)s MB.", size=max_bytes // (1024 * 1024)))
    if not data:
        raise ImageError(_("The file is empty."))
    return data


def open_image(
    data: bytes, max_side: int = MAX_SIDE, max_pixels: int = MAX_PIXELS, target: Box | None = None
) -> Image.Image:
    """Decode ``data`` fully (at a reduced scale when ``target`` is enough and the format allows it),
    or raise ImageError with a message the member can act on."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise _refused()
            width, height = probe.size
            if width > max_side or height > max_side or width * height > max_pixels:
                raise _too_big(max_side)
            probe.verify()  # checksums and structure, without keeping the pixels
            image = Image.open(io.BytesIO(data))
            if target is not None:
                image.draft("RGB", target)  # JPEG: decode at 1/2, 1/4 or 1/8 scale when that is enough
            image.load()  # every pixel decodes: a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_big(max_side) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _refused() from error
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # an animation keeps its first frame only
    return image


def _refused() -> ImageError:
    return ImageError(_("This file is not a picture we accept. Upload a JPEG, PNG or WebP image."))


def _too_big(max_side: int) -> ImageError:
    side = format_number(max_side)  # 10,000 in English, 10.000 in Dutch
    return ImageError(_("The picture is too large: at most %(side)s pixels on a side.", side=side))


def _upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation, then drop transparency onto white."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("RGB")


def _needed(boxes: tuple[Box, ...]) -> Box:
    """A size whose shorter side covers every box in either orientation (before EXIF turns it)."""
    side = max(max(box) for box in boxes)
    return side, side


def _shrunk(image: Image.Image, boxes: tuple[Box, ...]) -> Image.Image:
    """Reduce the picture to what the largest box needs before any conversion copies its pixels."""
    side = _needed(boxes)[0]
    width, height = image.size
    scale = side / min(width, height)
    if scale >= 1:
        return image
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    if image.mode == "P":  # a palette cannot be averaged: pick pixels down to twice the size, then blend
        double = (min(width, 2 * target[0]), min(height, 2 * target[1]))
        image = image.resize(double, Image.Resampling.NEAREST).convert("RGBA")
    image.thumbnail(
        target,
        Image.Resampling.LANCZOS,
        reducing_gap=2.0,  # integer reduction first (fast, little memory), then a fine resample
    )
    return image


def fitted_variants(image: Image.Image, boxes: tuple[Box, ...]) -> dict[Box, bytes]:
    """The picture centre-cropped to each (width, height), re-encoded without any metadata."""
    image = _upright(_shrunk(image, boxes))
    variants = {}
    for box in boxes:
        fitted = ImageOps.fit(image, box, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        fitted.save(buffer, OUTPUT_FORMAT, quality=82, method=4)
        variants[box] = buffer.getvalue()
    return variants


def _box(size: Size) -> Box:
    return (size, size) if isinstance(size, int) else size


def size_label(size: Size) -> str:
    """``256`` for a square, ``1200x400`` for any other box: names files and URLs."""
    width, height = _box(size)
    return str(width) if width == height else f"{width}x{height}"


def file_name(key: str, size: Size) -> str:
    return f"{key}-{size_label(size)}.{OUTPUT_EXTENSION}"


def store_square(data: bytes, folder: Path, sizes: tuple[int, ...], salt: str = "") -> StoredImage:
    """Verify, re-encode and write ``data`` as squares of ``sizes`` under ``folder``."""
    return store_fitted(data, folder, sizes, salt)


def store_fitted(data: bytes, folder: Path, sizes: tuple[Size, ...], salt: str = "") -> StoredImage:
    """Verify, re-encode and write ``data`` cropped to each size (a side, or width and height)."""
    boxes = tuple(_box(size) for size in sizes)
    variants = fitted_variants(open_image(data, target=_needed(boxes)), boxes)
    digest = hashlib.sha256(salt.encode())
    for size in sizes:
        digest.update(variants[_box(size)])
    key = digest.hexdigest()[:32]
    folder.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        _write_atomically(folder / file_name(key, size), variants[_box(size)])
    return StoredImage(key=key, sizes=sizes)


def _write_atomically(path: Path, content: bytes) -> None:
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    draft.write_bytes(content)
    os.replace(draft, path)


def remove(folder: Path, key: str | None, sizes: tuple[Size, ...]) -> None:
    """Delete every size of a stored image; a missing file is not an error."""
    if not key:
        return
    for size in sizes:
        (folder / file_name(key, size)).unlink(missing_ok=True)
