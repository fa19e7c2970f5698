"""What a file really is (format, text encoding, delimiter), whatever its name says."""

from __future__ import annotations

import csv
import re
from collections import Counter

from skm.ingest.html_tables import looks_like_html
from skm.ingest.survey import reject

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF87a", "gambar GIF"),
    (b"GIF89a", "gambar GIF"),
    (b"BM", None),  # only with a NUL soon after (checked below); "BM..." can start a text
    (b"\x1f\x8b", "arsip GZIP"),
    (b"\x7fELF", "program (ELF)"),
    (b"MZ", None),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7z"),
    (b"Rar!\x1a\x07", "arsip RAR"),
    (b"SQLite format 3\x00", "basis data SQLite"),
    (b"BZh", None),
    (b"\xfd7zXZ\x00", "arsip XZ"),
    (b"\x28\xb5\x2f\xfd", "arsip Zstandard"),
)
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")  # not tab, line breaks, VT, FF, EOF
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF32_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"))


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for text saved as UTF-16 without a BOM (mostly ASCII: every
    other byte is NUL), else None."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            return encoding
    return None


def _binary_kind(data: bytes) -> str | None:
    """What a file that is not text is, from its first bytes; None when it may be text."""
    if data.startswith(b"%PDF"):
        return "PDF"
    if data.startswith(_OLE):
        return "Excel lama (.xls) atau dokumen Office terkunci"
    for magic, kind in _BINARY_SIGNATURES:
        if data.startswith(magic) and (kind or b"\x00" in data[:64]):
            return kind or "file biner"
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or _utf16_without_bom(data):
        return None
    if b"\x00" in data[:4096]:
        return "file biner"
    sample = data[:65536]
    if len(_CONTROL_BYTES.findall(sample)) > max(8, len(sample) // 100):
        return "file biner, banyak karakter kendali"
    return None


def _is_encrypted_office(data: bytes) -> bool:
    """An OLE container holding an encrypted OOXML package (what Excel writes for a password)."""
    return "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data


def detect_format(data: bytes, filename: str) -> str:
    """The real format of a file, checked against what its name says."""
    name = filename.lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    is_zip = data[:4] == b"PK\x03\x04"
    is_ole = data[:8] == _OLE
    if ext in ("csv", "txt", "tsv"):
        if is_zip:
            reject(
                filename,
                "Nama file berakhiran .csv tetapi isinya file Excel/ZIP. "
                "Ganti nama menjadi .xlsx atau simpan ulang sebagai CSV.",
            )
        kind = _binary_kind(data)
        if kind:
            reject(
                filename,
                f"Nama file berakhiran .csv tetapi isinya bukan teks ({kind}). "
                "Buka file aslinya lalu simpan sebagai CSV.",
            )
        return "csv"
    if ext in ("xlsx", "xlsm"):
        if is_ole and _is_encrypted_office(data):
            reject(
                filename,
                "File Excel ini dikunci kata sandi (terenkripsi), jadi isinya tidak dapat dibaca. "
                "Buka kuncinya di Excel (File › Info › Proteksi Buku Kerja), simpan ulang sebagai .xlsx, "
                "lalu unggah lagi.",
            )
        if is_ole:
            reject(
                filename,
                "File ini bukan .xlsx biasa: isinya Excel lama (.xls) atau file Excel "
                "yang dikunci kata sandi. Buka kuncinya lalu simpan ulang sebagai .xlsx.",
            )
        if not is_zip:
            reject(
                filename,
                "Nama file berakhiran .xlsx tetapi isinya bukan file Excel. Periksa file atau simpan ulang dari Excel.",
            )
        return "xlsx"
    if ext in ("html", "htm") or (ext == "xls" and not is_ole and _is_html(data)):
        return "html"
    if ext == "xls":
        if not is_ole:
            reject(filename, "Nama file berakhiran .xls tetapi isinya bukan file Excel 97-2003.")
        return "xls"
    if ext == "ods":
        if not is_zip:
            reject(filename, "Nama file berakhiran .ods tetapi isinya bukan file spreadsheet.")
        return "ods"
    reject(filename, f"Jenis file '{ext or 'tanpa akhiran'}' tidak didukung. Unggah .csv atau .xlsx.")


def _is_html(data: bytes) -> bool:
    """An HTML table saved with an .xls name (what PHP SKM applications export)."""
    if _binary_kind(data):
        return False
    head = data[:65536].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:65536].decode("utf-16", errors="replace")
    return looks_like_html(head)


def decode_text(data: bytes, filename: str) -> tuple[str, str]:
    for bom, encoding in _UTF32_BOMS:
        if data.startswith(bom):
            try:
                return data[4:].decode(encoding), "UTF-32"
            except UnicodeDecodeError:
                reject(filename, "File bertanda UTF-32 tetapi isinya tidak dapat dibaca.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            reject(filename, "File bertanda UTF-16 tetapi isinya tidak dapat dibaca.")
    bare = _utf16_without_bom(data)
    if bare:
        try:
            return data.decode(bare), "UTF-16 tanpa BOM"
        except UnicodeDecodeError:
            reject(filename, "File tampaknya UTF-16 (tanpa BOM) tetapi isinya tidak dapat dibaca.")
    try:
        text = data.decode("utf-8-sig")
        return text, "UTF-8 (BOM)" if data.startswith(b"\xef\xbb\xbf") else "UTF-8"
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if data.startswith(b"\xef\xbb\xbf"):
        reject(
            filename,
            f"File bertanda UTF-8 (BOM) tetapi byte ke-{bad_at + 1} bukan UTF-8 yang sah; file ini "
            "kemungkinan gabungan dua encoding. Simpan ulang sebagai 'CSV UTF-8'.",
        )
    # Letters that are valid UTF-8 next to bytes that are not: two encodings in one file. (Counted
    # on a decoded copy: a regex over the bytes needs gigabytes for a hostile 30 MB file.)
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    letters = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    del replaced
    if letters and letters * 2 >= bad:
        reject(
            filename,
            f"File ini mencampur dua encoding teks: sebagian UTF-8, sebagian bukan (byte ke-{bad_at + 1}). "
            "Huruf seperti é atau ’ akan terbaca salah. Simpan ulang seluruh file sebagai 'CSV UTF-8'.",
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        reject(
            filename, "Encoding teks tidak dikenali (bukan UTF-8 atau Windows-1252). Simpan ulang sebagai 'CSV UTF-8'."
        )
    sample = text[:65536]
    if sum(1 for ch in sample if ch > "\x7f") * 10 > len(sample) * 3:
        # Indonesian text in Windows-1252 is mostly ASCII; this is some other encoding or binary.
        reject(
            filename, "Encoding teks tidak dikenali (bukan UTF-8 atau Windows-1252). Simpan ulang sebagai 'CSV UTF-8'."
        )
    return text, "Windows-1252"


def sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    lines = sample.splitlines()[:60]
    best, best_score = ",", -1.0
    for delim in (";", ",", "\t", "|"):
        counts = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        if not counts:
            continue
        width, freq = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = freq / len(counts) * 1000 + width
        if score > best_score:
            best, best_score = delim, score
    return best


# A semester of SKM data is a few MB; these bound the importing process's memory (about
DELIMITER_NAMES = {";": "titik koma (;)", ",": "koma (,)", "\t": "tab", "|": "garis tegak (|)"}
CONTROL = re.compile(r"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def mostly_control(text: str) -> bool:
    """Whether the start of a decoded text holds so many control characters it is no text file."""
    sample = text[:65536]
    return len(CONTROL.findall(sample)) > max(8, len(sample) // 100)
