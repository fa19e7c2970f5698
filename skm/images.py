"""Uploaded images (RTL documentation photos, publication proofs): decoded and re-encoded.

A file is trusted for what it decodes to, never for its bytes: a PNG signature followed by HTML,
a truncated JPEG or a decompression bomb is refused with a message naming the file; what passes
is drawn again into a fresh PNG or JPEG without metadata (no EXIF location, no comments), turned
upright by its EXIF orientation first, and scaled down to at most MAX_SIDE pixels a side.

    clean = clean_image(data, "foto.jpg")   # ImageRefused when it is not an image we can show
    clean.data, clean.kind                  # bytes to store, 'png' or 'jpg'
    thumb = thumbnail(path, (400, 300))     # a stored photo, small, as PNG; None when it does not decode

A stored file is decoded again wherever it is shown (rows from before re-encoding existed, and a
file can be damaged on disk): what does not decode is shown as a placeholder, never an error.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from skm.errors import ImageRefused

MAX_BYTES = 20 * 1024 * 1024  # as uploaded
MAX_PIXELS = 40_000_000  # refused above this before any pixel is decoded (a 12 MP phone photo is far below)
MAX_SIDE = 2400  # stored photos are scaled to this: sharp in an A4 report, small on disk
FORMATS = {"PNG": "png", "JPEG": "jpg"}
JPEG_QUALITY = 85


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    kind: str  # 'png' or 'jpg'
    width: int
    height: int


def clean_image(data: bytes, file_name: str) -> CleanImage:
    """Decode a PNG or JPEG completely and re-encode it; ImageRefused names the file otherwise."""
    if len(data) > MAX_BYTES:
        raise ImageRefused(f"{file_name}: foto lebih dari {MAX_BYTES // (1024 * 1024)} MB. Perkecil dulu fotonya.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as source:
                fmt = source.format or ""
                width, height = source.size
                if width * height > MAX_PIXELS:
                    raise ImageRefused(
                        f"{file_name}: gambar terlalu besar ({width}×{height} piksel). "
                        "Perkecil ukurannya lalu unggah lagi."
                    )
                source.load()  # every pixel decoded: a truncated or disguised file fails here
                image = ImageOps.exif_transpose(source)
    except ImageRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageRefused(f"{file_name}: gambar terlalu besar. Perkecil ukurannya lalu unggah lagi.") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Warning) as exc:
        raise ImageRefused(f"{file_name}: bukan foto PNG atau JPEG.") from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    kind = FORMATS.get(fmt, "png")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.info = {}  # no comment, EXIF, ICC or XMP rides along into the new file
    out = io.BytesIO()
    if kind == "jpg" and not has_alpha:
        image.convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        kind = "png"
        image.save(out, format="PNG", optimize=True)
    return CleanImage(out.getvalue(), kind, image.width, image.height)


def open_photo(path: str | Path, box: tuple[int, int]) -> Image.Image | None:
    """A stored photo decoded, upright, scaled into box (RGB); None when it is missing or does not
    decode as a PNG or JPEG of at most MAX_PIXELS."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=list(FORMATS)) as source:
                if source.width * source.height > MAX_PIXELS:
                    return None
                source.draft("RGB", (box[0] * 2, box[1] * 2))  # JPEG: decode at a reduced size
                picture = ImageOps.exif_transpose(source).convert("RGB")
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Warning):
        return None
    return ImageOps.contain(picture, box)


def thumbnail(path: str | Path, box: tuple[int, int] = (400, 400)) -> bytes | None:
    """A stored photo as a small PNG drawn afresh (see open_photo); None when it cannot be shown."""
    picture = open_photo(path, box)
    if picture is None:
        return None
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()
