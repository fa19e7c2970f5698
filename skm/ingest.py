"""Read the survey files offices have into one shape, or refuse them with reasons.

    survey = read_survey(data, "skm_semester1.csv")
    survey.kind            # "responses" (one row per respondent) or "aggregate" (NRR per layanan)
    survey.columns         # which column became which unsur or profile field, and why
    survey.responses       # DataFrame: row, layanan, profile fields, U1..U9 (nullable 1-4)

Everything a file holds is either used, or named in `survey.warnings` as not used; any
value we cannot read exactly raises `ImportRejected` naming file, row and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from skm import safe_xlsx
from skm.errors import ImportRejected, Problem
from skm.unsur import CODES, UNSUR, answer_score, normalize_words, unsur_for_answer_words

KIND_RESPONSES = "responses"
KIND_AGGREGATE = "aggregate"
PROFILE_FIELDS = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")
RESPONSE_COLUMNS = ("row", "layanan", "submitted_at", *PROFILE_FIELDS, "saran", *CODES)
MAX_HEADER_SCAN = 20
MAX_PROBLEMS = 200


@dataclass
class Column:
    index: int
    header: str
    role: str  # unsur | layanan | timestamp | nomor | jenis_kelamin | usia | ... | unused
    unsur: str | None = None
    how: str = ""

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        return f'{self.letter} "{self.header}"' if self.header else self.letter


@dataclass
class Survey:
    filename: str
    sha256: str
    kind: str
    file_format: str  # csv | xlsx | xls | ods
    columns: list[Column]
    responses: pd.DataFrame | None = None
    aggregates: pd.DataFrame | None = None  # row, layanan, U1..U9, ikm_reported, respondents
    word_maps: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)  # encoding, delimiter, sheet

    @property
    def layanan(self) -> list[str]:
        frame = self.responses if self.kind == KIND_RESPONSES else self.aggregates
        assert frame is not None
        return [str(v) for v in frame["layanan"].unique()]  # in order of first appearance

    @property
    def row_count(self) -> int:
        frame = self.responses if self.kind == KIND_RESPONSES else self.aggregates
        return 0 if frame is None else len(frame)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------------------------------
# File -> grid of cell texts


def _reject(filename: str, message: str, row: int | None = None, column: str | None = None):
    raise ImportRejected([Problem(filename, message, row, column)])


# Binary formats people rename to .csv, by their first bytes (PDF and OLE have their own checks).
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
            _reject(
                filename,
                "Nama file berakhiran .csv tetapi isinya file Excel/ZIP. "
                "Ganti nama menjadi .xlsx atau simpan ulang sebagai CSV.",
            )
        kind = _binary_kind(data)
        if kind:
            _reject(
                filename,
                f"Nama file berakhiran .csv tetapi isinya bukan teks ({kind}). "
                "Buka file aslinya lalu simpan sebagai CSV.",
            )
        return "csv"
    if ext in ("xlsx", "xlsm"):
        if is_ole and _is_encrypted_office(data):
            _reject(
                filename,
                "File Excel ini dikunci kata sandi (terenkripsi), jadi isinya tidak dapat dibaca. "
                "Buka kuncinya di Excel (File › Info › Proteksi Buku Kerja), simpan ulang sebagai .xlsx, "
                "lalu unggah lagi.",
            )
        if is_ole:
            _reject(
                filename,
                "File ini bukan .xlsx biasa: isinya Excel lama (.xls) atau file Excel "
                "yang dikunci kata sandi. Buka kuncinya lalu simpan ulang sebagai .xlsx.",
            )
        if not is_zip:
            _reject(
                filename,
                "Nama file berakhiran .xlsx tetapi isinya bukan file Excel. Periksa file atau simpan ulang dari Excel.",
            )
        return "xlsx"
    if ext == "xls":
        if not is_ole:
            _reject(filename, "Nama file berakhiran .xls tetapi isinya bukan file Excel 97-2003.")
        return "xls"
    if ext == "ods":
        if not is_zip:
            _reject(filename, "Nama file berakhiran .ods tetapi isinya bukan file spreadsheet.")
        return "ods"
    _reject(filename, f"Jenis file '{ext or 'tanpa akhiran'}' tidak didukung. Unggah .csv atau .xlsx.")
    raise AssertionError  # unreachable


def decode_text(data: bytes, filename: str) -> tuple[str, str]:
    for bom, encoding in _UTF32_BOMS:
        if data.startswith(bom):
            try:
                return data[4:].decode(encoding), "UTF-32"
            except UnicodeDecodeError:
                _reject(filename, "File bertanda UTF-32 tetapi isinya tidak dapat dibaca.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            _reject(filename, "File bertanda UTF-16 tetapi isinya tidak dapat dibaca.")
    bare = _utf16_without_bom(data)
    if bare:
        try:
            return data.decode(bare), "UTF-16 tanpa BOM"
        except UnicodeDecodeError:
            _reject(filename, "File tampaknya UTF-16 (tanpa BOM) tetapi isinya tidak dapat dibaca.")
    try:
        text = data.decode("utf-8-sig")
        return text, "UTF-8 (BOM)" if data.startswith(b"\xef\xbb\xbf") else "UTF-8"
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if data.startswith(b"\xef\xbb\xbf"):
        _reject(
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
        _reject(
            filename,
            f"File ini mencampur dua encoding teks: sebagian UTF-8, sebagian bukan (byte ke-{bad_at + 1}). "
            "Huruf seperti é atau ’ akan terbaca salah. Simpan ulang seluruh file sebagai 'CSV UTF-8'.",
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        _reject(
            filename, "Encoding teks tidak dikenali (bukan UTF-8 atau Windows-1252). Simpan ulang sebagai 'CSV UTF-8'."
        )
    sample = text[:65536]
    if sum(1 for ch in sample if ch > "\x7f") * 10 > len(sample) * 3:
        # Indonesian text in Windows-1252 is mostly ASCII; this is some other encoding or binary.
        _reject(
            filename, "Encoding teks tidak dikenali (bukan UTF-8 atau Windows-1252). Simpan ulang sebagai 'CSV UTF-8'."
        )
    return text, "Windows-1252"


def _sniff_delimiter(text: str) -> str:
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
# 250 MB at both limits, see tests/hostile/report.py).
MAX_FILE_BYTES = 32 * 2**20
MAX_CELLS = safe_xlsx.MAX_CELLS
MAX_COLUMNS = safe_xlsx.MAX_COLUMNS


@dataclass(frozen=True)
class Limits:
    """How much one file may hold. Uploads through the web page get the tight default; the
    command line (someone at the server) may import kota-sized files."""

    max_bytes: int = MAX_FILE_BYTES
    max_cells: int = MAX_CELLS
    isolate: bool = True  # read spreadsheets in a child process under memory and time limits


UPLOAD_LIMITS = Limits()
CLI_LIMITS = Limits(max_bytes=2 * 2**30, max_cells=60_000_000, isolate=False)
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def _check_size(data: bytes, filename: str, limits: Limits = UPLOAD_LIMITS) -> None:
    if len(data) > limits.max_bytes:
        _reject(
            filename,
            f"File terlalu besar ({len(data) / 2**20:.0f} MB; batas {limits.max_bytes // 2**20} MB). "
            "Pecah data menjadi beberapa file, misalnya per layanan.",
        )


def read_csv_grid(data: bytes, filename: str, limits: Limits = UPLOAD_LIMITS) -> tuple[list[list[str]], dict[str, str]]:
    _check_size(data, filename, limits)
    text, encoding = decode_text(data, filename)
    if "\x00" in text:
        _reject(filename, "File berisi karakter biner (NUL); ini bukan file CSV yang utuh.")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        _reject(
            filename, "Isi file ini bukan teks (banyak karakter kendali); ini bukan file CSV. Simpan ulang sebagai CSV."
        )
    delim = _sniff_delimiter(text)
    rows: list[list[str]] = []
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                _reject(
                    filename,
                    f"baris ini punya {_thousands(len(row))} kolom; batasnya {_thousands(MAX_COLUMNS)} (batas Excel). "
                    "Periksa pemisah kolom pada file.",
                    row=len(rows) + 1,
                )
            cells += len(row) or 1  # a blank line costs a row all the same
            if cells > limits.max_cells:
                _reject(
                    filename,
                    f"File terlalu besar: lebih dari {_thousands(limits.max_cells)} sel "
                    f"(sampai baris {len(rows) + 1}). "
                    "Pecah data menjadi beberapa file, misalnya per layanan.",
                )
            rows.append(row)
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            detail = (
                f"satu isian lebih panjang dari {_thousands(csv.field_size_limit())} karakter; kemungkinan ada "
                'tanda kutip (") yang tidak ditutup'
            )
        elif "unexpected end of data" in reason:
            detail = 'tanda kutip (") dibuka tetapi tidak ditutup sampai akhir file'
        else:
            detail = f"tanda kutip tidak pada tempatnya ({reason})"
        # The record number goes in the text: a broken quote has no single row to point at.
        _reject(filename, f"Struktur CSV rusak mulai baris {len(rows) + 1}: {detail}. Periksa tanda kutip pada file.")
    return rows, {"encoding": encoding, "pemisah": DELIMITER_NAMES[delim]}


DELIMITER_NAMES = {";": "titik koma (;)", ",": "koma (,)", "\t": "tab", "|": "garis tegak (|)"}


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


_cell_text = safe_xlsx.cell_text  # calamine value -> text; the XLSX reader's child uses it too


def read_excel_grid(
    data: bytes, filename: str, fmt: str, limits: Limits = UPLOAD_LIMITS
) -> tuple[list[list[str]], dict[str, str]]:
    """The sheet to import; the workbook is checked and parsed in a child process (skm.safe_xlsx)."""
    _check_size(data, filename, limits)
    sheets = safe_xlsx.read_sheets(data, filename, fmt, max_cells=limits.max_cells)
    used = [(name, grid) for name, grid in sheets if any(any(c.strip() for c in r) for r in grid)]
    if not used:
        _reject(filename, "Semua lembar (sheet) pada file Excel ini kosong.")
    # The first sheet that looks like a survey; otherwise the first with anything in it.
    chosen = next((s for s in used if _find_header(s[1])[1] >= 3), used[0])
    info = {"lembar": chosen[0]}
    others = [name for name, _ in used if name != chosen[0]]
    if others:
        info["lembar lain (tidak dibaca)"] = ", ".join(others)
    return chosen[1], info


# ---------------------------------------------------------------------------------------
# Header rows -> column roles

_CODE = re.compile(r"(?:^|[^a-z0-9])(?:u|unsur)\s*[-_.]?\s*(\d{1,2})(?![0-9])", re.IGNORECASE)
_TIMESTAMP = {
    "tanggal",
    "tanggal layanan",
    "tanggal pelayanan",
    "cap waktu",
    "timestamp",
    "submission date",
    "waktu pengisian",
    "tanggal pengisian",
    "tanggal survei",
    "tanggal survey",
    "submitted at",
    "created at",
    "tanggal isi",
    "waktu submit",
    "start time",
    "completion time",
}
_NOMOR = {
    "no",
    "nomor",
    "no urut",
    "id",
    "submission id",
    "no responden",
    "nomor responden",
    "response id",
    "id responden",
}
_IGNORED_PERSONAL = (
    "nama",
    "email",
    "e mail",
    "alamat",
    "telepon",
    "no hp",
    "nomor hp",
    "whatsapp",
    "nik",
    "ip",
    "ip address",
)


def _profile_role(h: str, tokens: set[str]) -> str | None:
    if "kelamin" in tokens or "gender" in tokens or h in ("jk", "l p", "sex"):
        return "jenis_kelamin"
    if "umur" in tokens or "usia" in tokens:
        return "usia"
    if "pendidikan" in tokens:
        return "pendidikan"
    if "pekerjaan" in tokens or "profesi" in tokens:
        return "pekerjaan"
    # "Jenis Layanan", "Layanan yang diterima"; not "Kejelasan petugas pelayanan" (a 2004 question).
    if (
        ({"layanan", "pelayanan"} & tokens)
        and not ({"mutu", "ikm", "nilai", "indeks"} & tokens)
        and (h.split()[0] in ("jenis", "layanan", "pelayanan", "nama", "unit", "bidang") or "layanan yang" in h)
    ):
        return "layanan"
    if {"saran", "kritik", "masukan", "komentar", "harapan", "usulan"} & tokens:
        return "saran"
    return None


def _aggregate_role(h: str, tokens: set[str]) -> str | None:
    if "ikm" in tokens or "indeks" in tokens:
        return "ikm"
    if "responden" in tokens or h in ("n", "jumlah"):
        return "respondents"
    if h in ("rata rata", "rerata", "nrr", "nilai rata rata", "rata rata nrr", "nrr tertimbang"):
        return "row_mean"
    if {"mutu", "kategori", "kinerja", "predikat"} & tokens:
        return "mutu"
    return None


def classify_header(header: str) -> Column:
    """Role of one column from its header text alone (index filled in by the caller)."""
    h = normalize_words(header.replace("/", " "))
    tokens = set(h.split())
    col = Column(index=-1, header=header.strip(), role="unused")
    if not h:
        col.role = "unnamed"
        return col
    if h in _TIMESTAMP or h.startswith(("cap waktu", "timestamp")):
        col.role, col.how = "timestamp", "judul kolom"
        return col
    if h in _NOMOR:
        col.role, col.how = "nomor", "judul kolom"
        return col
    hits = [c for c, u in UNSUR.items() if tokens & set(u.keywords)]
    code_match = _CODE.search(header)
    code = f"U{int(code_match.group(1))}" if code_match else None
    if len(hits) == 1:
        col.role, col.unsur = "unsur", hits[0]
        kw = sorted(tokens & set(UNSUR[hits[0]].keywords))[0]
        col.how = f"makna judul ('{kw}')"
        if code and code != hits[0]:
            col.how += f"; nomor {code} di judul diabaikan"
        return col
    if code and not hits and h.replace(" ", "") == code.lower():
        col.role, col.unsur, col.how = "unsur", code, f"kode {code} di judul"
        return col
    role = _profile_role(h, tokens) or _aggregate_role(h, tokens)
    if role:
        col.role, col.how = role, "judul kolom"
        return col
    if code:
        col.role, col.unsur, col.how = "unsur", code, f"kode {code} di judul"
        if hits:
            col.how += " (judul menyebut beberapa unsur)"
        return col
    if any(h == p or h.startswith(p + " ") for p in _IGNORED_PERSONAL):
        col.role, col.how = "personal", "data pribadi, tidak disimpan"
    return col


def _header_hits(row: Sequence[str]) -> int:
    return sum(1 for cell in row if cell.strip() and classify_header(cell).role == "unsur")


def _find_header(grid: list[list[str]]) -> tuple[int, int]:
    best, best_hits = 0, -1
    for i, row in enumerate(grid[:MAX_HEADER_SCAN]):
        hits = _header_hits(row)
        if hits > best_hits:
            best, best_hits = i, hits
    return best, best_hits


def _is_number(text: str) -> bool:
    return _parse_number(text) is not None


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def _parse_number(text: str) -> float | None:
    t = text.strip()
    if not _NUMBER.match(t):
        return None
    return float(t.replace(",", "."))


def combined_headers(grid: list[list[str]], header_idx: int, width: int) -> list[str]:
    """Header text per column; a blank cell takes the text of the row above (merged cells)."""
    row = grid[header_idx] + [""] * (width - len(grid[header_idx]))
    above = []
    for k in (1, 2):
        i = header_idx - k
        if i >= 0 and any(c.strip() for c in grid[i]) and not any(_is_number(c) for c in grid[i]):
            above.append(grid[i] + [""] * (width - len(grid[i])))
    out = []
    for j in range(width):
        text = row[j].strip()
        for prev in above:
            if text:
                break
            # Only take text that is not a banner spanning the unsur columns.
            candidate = prev[j].strip()
            if candidate and classify_header(candidate).role not in ("unused",):
                text = candidate
        out.append(text)
    return out


# ---------------------------------------------------------------------------------------
# Cell values -> scores

_PREFIXED = re.compile(r"^\s*\(?([1-4a-dA-D])\s*[\.\):\-–]\s*(.+?)\s*$")
_SUFFIXED = re.compile(r"^\s*(.+?)\s*\(([1-4])\)\s*$")
BLANK_MARKS = {"", "-", "–"}


def score_of(code: str, raw: str) -> tuple[int | None, str | None]:
    """(score, None) or (None, Indonesian reason). A blank gives (None, None)."""
    text = raw.strip()
    if text in BLANK_MARKS:
        return None, None
    num = _parse_number(text)
    if num is not None:
        if not num.is_integer():
            return None, f"nilai '{text}' bukan bilangan bulat 1–4"
        n = int(num)
        if 1 <= n <= 4:
            return n, None
        if n == 5:
            return None, ("nilai 5 di luar skala 1–4; kuesioner skala 1–5 tidak sesuai PermenPANRB 14/2017")
        return None, f"nilai {n} di luar skala 1–4"
    number_hint: int | None = None
    m = _PREFIXED.match(text)
    if m:
        mark, text = m.group(1).lower(), m.group(2)
        number_hint = int(mark) if mark.isdigit() else "abcd".index(mark) + 1
    else:
        m = _SUFFIXED.match(text)
        if m:
            text, number_hint = m.group(1), int(m.group(2))
    score = answer_score(code, text)
    if score is None:
        # The first four words are the questionnaire's own; variants come after them.
        known = " / ".join(w.capitalize() for w in list(UNSUR[code].answers)[:4])
        return None, f"jawaban '{raw.strip()}' tidak dikenal untuk {code} {UNSUR[code].name} (dikenal: {known})"
    if number_hint is not None and number_hint != score:
        return None, f"jawaban '{raw.strip()}': nomor {number_hint} tidak cocok dengan kata '{text}' (nilai {score})"
    return score, None


# ---------------------------------------------------------------------------------------
# The whole file

_SUMMARY_ROW = re.compile(r"^(rata rata|rerata|mutu|jumlah|total|nilai|ikm|nrr|indeks|kategori)\b")


def read_survey(
    data: bytes,
    filename: str,
    *,
    layanan: str | None = None,
    overrides: Mapping[str, str | None] | None = None,
    limits: Limits = UPLOAD_LIMITS,
) -> Survey:
    """Read a CSV/XLSX survey file. `overrides` maps a column letter to an unsur code (or None
    to ignore the column); `layanan` names the layanan when the file has no such column;
    `limits` bounds the file (CLI_LIMITS for imports from the command line)."""
    _check_size(data, filename, limits)
    if not data or not (data[: 2**20].strip(b" \t\r\n\x00\xef\xbb\xbf") or data.strip(b" \t\r\n\x00\xef\xbb\xbf")):
        _reject(filename, "File kosong: tidak ada isi sama sekali.")
    fmt = detect_format(data, filename)
    if fmt == "csv":
        from skm import columnar

        fast = columnar.read_fast(data, filename, layanan=layanan, overrides=overrides, limits=limits)
        if fast is not None:
            return fast
    if fmt == "xlsx" and not limits.isolate:
        from skm import columnar

        fast = columnar.read_xlsx_trusted(data, filename, layanan=layanan, overrides=overrides, limits=limits)
        if fast is not None:
            return fast
    return read_by_rows(data, filename, fmt, layanan=layanan, overrides=overrides, limits=limits)


def read_by_rows(
    data: bytes,
    filename: str,
    fmt: str,
    *,
    layanan: str | None = None,
    overrides: Mapping[str, str | None] | None = None,
    limits: Limits = UPLOAD_LIMITS,
) -> Survey:
    """The row-by-row reader: every format, and every problem named by row and column."""
    if fmt == "csv":
        grid, details = read_csv_grid(data, filename, limits)
    else:
        grid, details = read_excel_grid(data, filename, fmt, limits)
    grid = [[c if isinstance(c, str) else _cell_text(c) for c in row] for row in grid]
    if not any(any(c.strip() for c in row) for row in grid):
        _reject(filename, "File tidak berisi data apa pun.")

    header_idx, hits = _find_header(grid)
    if hits < 1:
        header_idx = next(i for i, row in enumerate(grid) if any(c.strip() for c in row))
    width = max(len(r) for r in grid)
    headers = combined_headers(grid, header_idx, width)
    columns = []
    for j, text in enumerate(headers):
        col = classify_header(text)
        col.index = j
        columns.append(col)
    try:
        if hits < 1 and not overrides:
            _reject(
                filename,
                "Judul kolom unsur (U1–U9 atau pertanyaannya) tidak ditemukan di 20 baris "
                "pertama. Baris pertama harus berisi judul kolom, atau tentukan kolom unsur secara manual.",
                row=header_idx + 1,
            )
        return _read_rows(data, filename, fmt, details, grid, header_idx, columns, layanan, overrides)
    except ImportRejected as exc:
        exc.columns = columns  # so the user can correct the mapping and try again
        raise


def _read_rows(
    data: bytes,
    filename: str,
    fmt: str,
    details: dict[str, str],
    grid: list[list[str]],
    header_idx: int,
    columns: list[Column],
    layanan: str | None,
    overrides: Mapping[str, str | None] | None,
) -> Survey:
    width = max(len(r) for r in grid)
    body = [(i + 1, r + [""] * (width - len(r))) for i, r in enumerate(grid[header_idx + 1 :], start=header_idx + 1)]
    problems: list[Problem] = []
    warnings: list[str] = []

    # Ragged rows: a CSV line with more fields than the header row means shifted data.
    if fmt == "csv":
        for rownum, _ in body:
            n = len(grid[rownum - 1])
            if n != len(grid[header_idx]) and any(c.strip() for c in grid[rownum - 1]):
                problems.append(
                    Problem(
                        filename,
                        f"baris ini punya {n} kolom, judul punya "
                        f"{len(grid[header_idx])}; kemungkinan ada pemisah (; atau ,) "
                        "di dalam isian yang tidak diberi tanda kutip",
                        rownum,
                    )
                )
        if problems:
            raise ImportRejected(problems[:MAX_PROBLEMS])
    body = [(n, r) for n, r in body if any(c.strip() for c in r)]
    if not body:
        _reject(filename, "File hanya berisi judul kolom, tanpa baris data.", row=header_idx + 1)

    _apply_overrides(columns, overrides or {}, filename)
    _map_by_answer_words(columns, body)
    _check_unsur_set(columns, body, filename, warnings)

    by_role: dict[str, list[Column]] = {}
    for col in columns:
        by_role.setdefault(col.role, []).append(col)
    unsur_cols = {col.unsur: col for col in by_role.get("unsur", []) if col.unsur}

    # Mostly fractional numbers are NRR; one stray 3.5 in a respondent file is an error in that cell.
    numbers = [num for _, r in body for col in unsur_cols.values() if (num := _parse_number(r[col.index])) is not None]
    aggregate = bool(by_role.get("ikm") or by_role.get("row_mean")) or (
        sum(1 for x in numbers if not x.is_integer()) * 2 > len(numbers)
    )
    survey = Survey(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=KIND_AGGREGATE if aggregate else KIND_RESPONSES,
        file_format=fmt,
        columns=columns,
        details=details,
        warnings=warnings,
    )
    for role in ("layanan", "ikm", "row_mean", "respondents", "timestamp", *PROFILE_FIELDS, "saran"):
        extra = by_role.get(role, [])[1:]
        for col in extra:
            problems.append(
                Problem(
                    filename,
                    f"ada lebih dari satu kolom {role.replace('_', ' ')} "
                    f"({', '.join(c.label for c in by_role[role])}); tandai salah satu "
                    "sebagai tidak dipakai",
                    column=col.label,
                )
            )
    if problems:
        raise ImportRejected(problems)

    if aggregate:
        _read_aggregate(survey, body, by_role, unsur_cols, problems, layanan)
    else:
        _read_responses(survey, body, by_role, unsur_cols, problems, layanan)
    if problems:
        raise ImportRejected(
            problems[:MAX_PROBLEMS]
            + (
                [Problem(filename, f"… dan {len(problems) - MAX_PROBLEMS} masalah lain")]
                if len(problems) > MAX_PROBLEMS
                else []
            )
        )

    unused = [c.label for c in columns if c.role in ("unused", "personal")]
    if unused:
        warnings.append("Kolom yang tidak dipakai (tetap tersimpan di file asli): " + ", ".join(unused))
    return survey


def _apply_overrides(columns: list[Column], overrides: Mapping[str, str | None], filename: str) -> None:
    for key, code in overrides.items():
        col = next((c for c in columns if c.letter == key or (c.header and c.header == key)), None)
        if col is None:
            _reject(filename, f"Pemetaan manual menyebut kolom '{key}' yang tidak ada di file.")
            return
        if code is None or code == "":
            col.role, col.unsur, col.how = "unused", None, "ditandai tidak dipakai"
        elif code in CODES:
            col.role, col.unsur, col.how = "unsur", code, "dipetakan manual"
        elif code in ("layanan", "saran", "timestamp", *PROFILE_FIELDS, "ikm", "respondents"):
            col.role, col.unsur, col.how = code, None, "dipetakan manual"
        else:
            _reject(filename, f"Pemetaan manual: '{code}' bukan unsur (U1–U9) atau kolom yang dikenal.")


def _values(body: list[tuple[int, list[str]]], j: int) -> list[str]:
    return [r[j] for _, r in body]


def _map_by_answer_words(columns: list[Column], body: list[tuple[int, list[str]]]) -> None:
    """A column without a telling header is an unsur if its answers are that unsur's words."""
    taken = {c.unsur for c in columns if c.role == "unsur"}
    for col in columns:
        if col.role not in ("unused", "unnamed"):
            continue
        words = {normalize_words(v) for v in _values(body, col.index) if v.strip() not in BLANK_MARKS}
        if not words or any(_is_number(w) for w in words):
            continue
        candidates = unsur_for_answer_words(words) - taken
        if len(candidates) == 1:
            code = candidates.pop()
            col.role, col.unsur, col.how = "unsur", code, "kata jawabannya"
            taken.add(code)


def _check_unsur_set(columns: list[Column], body, filename: str, warnings: list[str]) -> None:
    unsur_cols = [c for c in columns if c.role == "unsur"]
    beyond = sorted({int(c.unsur[1:]) for c in unsur_cols if c.unsur and c.unsur not in CODES})
    if beyond:
        total = max(len(unsur_cols), max(beyond))
        first = next(c for c in unsur_cols if c.unsur == f"U{beyond[0]}")
        _reject(
            filename,
            f"Kuesioner ini memiliki {total} unsur (ada kolom U{beyond[0]}). "
            "PermenPANRB 14/2017 memakai tepat 9 unsur (U1–U9); formulir 11 atau 14 unsur dari "
            "aturan lama tidak dapat diolah.",
            column=first.label,
        )
    # Rating-like columns we could not place: many of them means another questionnaire.
    rating_like = [
        c
        for c in columns
        if c.role in ("unused", "unnamed")
        and c.header
        and all(
            (n := _parse_number(v)) is not None and n.is_integer() and 1 <= n <= 5
            for v in _values(body, c.index)
            if v.strip()
        )
        and any(v.strip() for v in _values(body, c.index))
    ]
    if len(unsur_cols) + len(rating_like) in (11, 14) and rating_like:
        _reject(
            filename,
            f"Kuesioner ini tampaknya memiliki {len(unsur_cols) + len(rating_like)} "
            "pertanyaan penilaian. PermenPANRB 14/2017 memakai tepat 9 unsur (U1–U9).",
        )
    seen: dict[str, Column] = {}
    problems = []
    for col in unsur_cols:
        assert col.unsur is not None
        if col.unsur in seen:
            problems.append(
                Problem(
                    filename,
                    f"kolom {seen[col.unsur].label} dan {col.label} sama-sama "
                    f"dikenali sebagai {col.unsur} {UNSUR[col.unsur].name}; perbaiki "
                    "pemetaan kolom",
                    column=col.label,
                )
            )
        seen[col.unsur] = col
    missing = [c for c in CODES if c not in seen]
    if missing:
        names = ", ".join(f"{c} {UNSUR[c].name}" for c in missing)
        problems.append(
            Problem(
                filename,
                f"kolom unsur tidak ditemukan: {names}. File harus memuat "
                "kesembilan unsur PermenPANRB 14/2017 (U1–U9).",
            )
        )
    if problems:
        raise ImportRejected(problems)
    for col in unsur_cols:
        code = _CODE.search(col.header)
        if code and f"U{int(code.group(1))}" != col.unsur:
            warnings.append(
                f"Kolom {col.label} dibaca sebagai {col.unsur} {UNSUR[col.unsur or ''].name} "
                f"menurut maknanya, bukan U{int(code.group(1))} menurut nomornya."
            )


def _layanan_values(survey, body, by_role, problems, layanan) -> list[str]:
    cols = by_role.get("layanan", [])
    if not cols:
        if layanan and layanan.strip():
            survey.warnings.append(
                f"File tidak punya kolom jenis layanan; semua baris dicatat sebagai layanan '{layanan.strip()}'."
            )
            return [layanan.strip()] * len(body)
        raise ImportRejected(
            [
                Problem(
                    survey.filename,
                    "kolom jenis layanan tidak ditemukan. Tambahkan "
                    "kolom 'Jenis Layanan' atau pilih layanan saat mengunggah.",
                )
            ]
        )
    col = cols[0]
    out = []
    for rownum, r in body:
        name = " ".join(r[col.index].split())
        if not name:
            problems.append(Problem(survey.filename, "jenis layanan kosong", rownum, col.label))
        out.append(name)
    return out


def _read_responses(survey: Survey, body, by_role, unsur_cols, problems, layanan) -> None:
    fn = survey.filename
    names = _layanan_values(survey, body, by_role, problems, layanan)
    frame: dict[str, list] = {"row": [n for n, _ in body], "layanan": names}
    for role, key in (("timestamp", "submitted_at"), *((f, f) for f in PROFILE_FIELDS), ("saran", "saran")):
        cols = by_role.get(role, [])
        frame[key] = [(r[cols[0].index].strip() or None) if cols else None for _, r in body]
    blanks_marked = 0
    for code in CODES:
        col = unsur_cols[code]
        raw = _values(body, col.index)
        cache: dict[str, tuple[int | None, str | None]] = {}
        scores: list[int | None] = []
        for (rownum, _), value in zip(body, raw, strict=True):
            if value not in cache:
                cache[value] = score_of(code, value)
            score, reason = cache[value]
            if reason:
                problems.append(Problem(fn, reason, rownum, col.label))
            scores.append(score)
        blanks_marked += sum(1 for v in raw if v.strip() in ("-", "–"))
        frame[code] = scores
        counts = Counter(v.strip() for v in raw)
        survey.word_maps[code] = sorted(
            ((v, s, counts[v.strip()]) for v, (s, r) in cache.items() if s is not None), key=lambda t: (t[1], t[0])
        )
    if problems:
        return
    for i, (rownum, _) in enumerate(body):
        if all(frame[c][i] is None for c in CODES):
            problems.append(Problem(fn, "baris ini tidak menjawab satu pun dari sembilan unsur", rownum))
    df = pd.DataFrame(frame, columns=list(RESPONSE_COLUMNS))
    for code in CODES:
        df[code] = df[code].astype("Int8")
    survey.responses = df
    blank_rows = int(df[list(CODES)].isna().any(axis=1).sum())
    if blank_rows:
        per = ", ".join(f"{c}: {int(df[c].isna().sum())}" for c in CODES if df[c].isna().any())
        survey.warnings.append(
            f"{blank_rows} responden tidak menjawab semua unsur (kosong per unsur — "
            f"{per}). Jawaban kosong tidak dihitung, bukan dianggap nol."
        )
    if blanks_marked:
        survey.warnings.append(f"{blanks_marked} sel berisi '-' dibaca sebagai tidak dijawab.")


def _read_aggregate(survey: Survey, body, by_role, unsur_cols, problems, layanan) -> None:
    fn = survey.filename
    lay_cols = by_role.get("layanan") or [
        c
        for c in survey.columns
        if c.role in ("unused", "unnamed") and c.index < min(u.index for u in unsur_cols.values())
    ]
    if not lay_cols:
        raise ImportRejected([Problem(fn, "kolom jenis layanan tidak ditemukan pada tabel NRR")])
    lay_col = lay_cols[0]
    if lay_col.role != "layanan":
        lay_col.role, lay_col.how = "layanan", "kolom teks pertama"
    ikm_col = (by_role.get("ikm") or [None])[0]
    mean_col = (by_role.get("row_mean") or [None])[0]
    resp_col = (by_role.get("respondents") or [None])[0]
    if mean_col is None:
        # An unnamed numeric column right after the unsur is the row mean of the seed's Tabel 1.
        last = max(u.index for u in unsur_cols.values())
        cand = next((c for c in survey.columns if c.index == last + 1 and c.role == "unnamed"), None)
        if cand is not None:
            cand.role, cand.how = "row_mean", "kolom tanpa judul setelah U9"
            mean_col = cand
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for rownum, r in body:
        name = " ".join(r[lay_col.index].split())
        if _SUMMARY_ROW.match(normalize_words(name)):
            survey.warnings.append(
                f"Baris {rownum} '{name}' adalah baris ringkasan; tidak diimpor, "
                "nilainya dihitung ulang dari baris layanan."
            )
            continue
        if not name:
            problems.append(Problem(fn, "nama layanan kosong", rownum, lay_col.label))
            continue
        if name in seen:
            problems.append(
                Problem(fn, f"layanan '{name}' muncul dua kali (juga di baris {seen[name]})", rownum, lay_col.label)
            )
            continue
        seen[name] = rownum
        rec: dict = {"row": rownum, "layanan": name}
        for code in CODES:
            col = unsur_cols[code]
            text = r[col.index].strip()
            num = _parse_number(text)
            if not text:
                problems.append(Problem(fn, f"NRR {code} kosong", rownum, col.label))
            elif num is None:
                problems.append(Problem(fn, f"'{text}' bukan angka NRR", rownum, col.label))
            elif not 1 <= num <= 4:
                extra = " (skala 1–5 tidak sesuai PermenPANRB 14/2017)" if 4 < num <= 5 else ""
                problems.append(Problem(fn, f"NRR {text} di luar rentang 1–4{extra}", rownum, col.label))
            rec[code] = num
        rec["ikm_reported"] = None
        if ikm_col is not None and r[ikm_col.index].strip():
            num = _parse_number(r[ikm_col.index])
            if num is None or not 25 <= num <= 100:
                problems.append(
                    Problem(fn, f"IKM '{r[ikm_col.index].strip()}' bukan angka 25–100", rownum, ikm_col.label)
                )
            rec["ikm_reported"] = num
        rec["respondents"] = None
        if resp_col is not None and r[resp_col.index].strip():
            num = _parse_number(r[resp_col.index])
            if num is None or not num.is_integer() or num < 1:
                problems.append(Problem(fn, "jumlah responden harus bilangan bulat positif", rownum, resp_col.label))
            else:
                rec["respondents"] = int(num)
        if mean_col is not None and r[mean_col.index].strip() and not problems:
            stated = _parse_number(r[mean_col.index])
            mean = sum(rec[c] for c in CODES) / 9
            if stated is None or abs(round(mean, 2) - stated) > 0.0101:
                survey.warnings.append(
                    f"Baris {rownum} '{name}': rata-rata di file "
                    f"({r[mean_col.index].strip()}) berbeda dari rata-rata sembilan NRR "
                    f"({mean:.4f}).".replace(".", ",", 1)
                )
        rows.append(rec)
    if not rows and not problems:
        problems.append(Problem(fn, "tabel NRR tidak berisi satu pun baris layanan"))
    if problems:
        return
    survey.aggregates = pd.DataFrame(rows, columns=["row", "layanan", *CODES, "ikm_reported", "respondents"])
    for col in (c for c in survey.columns if c.role == "mutu"):
        survey.warnings.append(f"Kolom {col.label} (mutu) tidak diimpor; mutu dihitung ulang.")
