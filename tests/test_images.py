"""Uploaded photos are decoded and drawn again: disguised, damaged or huge files are refused by
name, and what is kept carries no metadata and stands upright."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from skm.errors import ImageRefused
from skm.images import MAX_SIDE, clean_image


def encode(image: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **kw)
    return out.getvalue()


def test_png_signature_followed_by_html_is_refused():
    fake = b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"
    with pytest.raises(ImageRefused, match=r"^foto\.png: bukan foto PNG atau JPEG\.$"):
        clean_image(fake, "foto.png")


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_files_are_refused(cut):
    data = encode(Image.effect_noise((200, 200), 60).convert("RGB"), "JPEG")
    with pytest.raises(ImageRefused, match="potong.jpg"):
        clean_image(data[: int(len(data) * cut)], "potong.jpg")


def test_other_formats_are_refused():
    gif = encode(Image.new("RGB", (10, 10)), "GIF")
    with pytest.raises(ImageRefused, match="anim.gif"):
        clean_image(gif, "anim.gif")


@pytest.mark.parametrize(("side", "named"), [(7_000, r" \(7000×7000 piksel\)"), (10_000, "")])
def test_a_decompression_bomb_is_refused_before_decoding(side, named):
    # 1-bit PNGs of 49 and 100 MP: a few kB on disk, hundreds of MB when decoded.
    bomb = encode(Image.new("1", (side, side)), "PNG")
    assert len(bomb) < 100_000
    with pytest.raises(ImageRefused, match=rf"^bom.png: gambar terlalu besar{named}\. Perkecil"):
        clean_image(bomb, "bom.png")


def test_metadata_is_stripped_and_orientation_applied():
    image = Image.new("RGB", (300, 100), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    exif[0x010F] = "KameraRahasia"
    data = encode(image, "JPEG", exif=exif, comment=b"lokasi: rumah pak RT")
    clean = clean_image(data, "foto.jpg")
    assert clean.kind == "jpg" and (clean.width, clean.height) == (100, 300)
    assert b"KameraRahasia" not in clean.data and b"rumah pak RT" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as back:
        assert back.format == "JPEG" and back.size == (100, 300)
        assert not back.getexif()


def test_large_photos_are_scaled_and_transparency_kept():
    big = encode(Image.new("RGB", (4000, 3000), (10, 90, 160)), "JPEG")
    clean = clean_image(big, "besar.jpg")
    assert max(clean.width, clean.height) == MAX_SIDE and clean.width * 3 == clean.height * 4
    logo = encode(Image.new("RGBA", (50, 40), (0, 0, 0, 0)), "PNG")
    clean = clean_image(logo, "logo.png")
    with Image.open(io.BytesIO(clean.data)) as back:
        assert back.format == "PNG" and back.mode == "RGBA" and back.size == (50, 40)
