"""Read an untrusted spreadsheet (XLSX, ODS, XLS) without letting it hurt the process reading it.

    sheets = read_sheets(data, "rekap.xlsx", "xlsx")   # [(sheet name, rows of cell texts)], visible only

Two steps, each refusing with an `ImportRejected` that names the file:

1. `check_archive` (in this process, nothing extracted): the ZIP's end record and central
   directory are inspected for the number of entries, the declared sizes, each entry's
   compression ratio, encryption, unknown compression methods, duplicate names and the
   workbook part; then the first bytes of every entry are streamed (at most `PROLOG_LIMIT`
   each) and any DTD (`<!DOCTYPE`, `<!ENTITY`: "billion laughs", external entities) is refused.
2. The parse runs in a child process (`python -I skm/safe_xlsx.py`, which imports only the
   standard library and python_calamine, not pandas) under `RLIMIT_AS` and a wall-clock
   timeout. For XLSX the child first checks every worksheet's XML with expat: cell
   addresses inside Excel's grid, shared-string indices that exist, numbers that are
   numbers, formulas that carry a value, and at most `MAX_CELLS` cells from A1; calamine
   then reads the visible sheets and the child prints them as JSON (never pickle: the
   child handles hostile bytes). A crash, a signal, a Rust panic, a MemoryError or the
   timeout becomes "File Excel ini tidak dapat dibaca dengan aman: …".

The limits can be changed per call, or with the environment variables `SKM_XLSX_TIMEOUT`
(seconds) and `SKM_XLSX_MEMORY_MB`.

>>> column_index("XFD"), column_name(16383), split_ref("AB12"), split_ref("A0")
(16383, 'XFD', (12, 28), None)
>>> cell_text(3.0), cell_text(3.25), cell_text(None), cell_text(True)
('3', '3.25', '', 'TRUE')
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import posixpath
import re
import signal
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, NoReturn

MAX_ENTRIES = 1000  # an XLSX from Excel holds a few dozen parts
MAX_TOTAL_UNCOMPRESSED = 200 * 2**20  # all parts together, as declared in the central directory
MAX_RATIO = 200  # uncompressed : compressed, for any entry larger than RATIO_FLOOR
RATIO_FLOOR = 2**20  # small parts (shared strings of a few cells, styles) may compress better
PROLOG_LIMIT = 64 * 2**10  # where an XML part must have reached its root element
MAX_CELLS = 1_000_000  # cells from A1 to the last used cell, all visible sheets (75 000 respondents)
MAX_TEXT = 10_000_000  # characters of cell text the child sends back (one shared string can fill many cells)
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's grid
TIMEOUT = 60.0  # seconds of wall-clock time for the child
MEMORY_MB = 1536  # the child's address space

# What the last child reported about itself (peak_rss in bytes), for measurements.
last_child: dict[str, Any] = {}
UNSAFE = "File Excel ini tidak dapat dibaca dengan aman: "
BROKEN_ZIP = "File Excel rusak atau terpotong (arsip ZIP tidak utuh). Unduh atau simpan ulang file tersebut."
_ERROR_CODES = {
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
}


# ----------------------------------------------------------------------------- shared helpers


def cell_text(value: object) -> str:
    """A calamine cell value as the text the importer reads (3.0 -> '3', a date -> ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_name(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def split_ref(ref: str) -> tuple[int, int] | None:
    """'AB12' -> (12, 28): row and column, both counted from 1; None for anything else."""
    m = _REF.fullmatch(ref)
    if not m:
        return None
    return int(m.group(2)), column_index(m.group(1)) + 1


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)")


def _prolog_text(buf: bytes) -> str:
    for bom, encoding in _BOMS:
        if buf.startswith(bom):
            start = len(bom) if not bom.startswith(b"<") and not bom.startswith(b"\x00<") else 0
            return buf[start:].decode(encoding, errors="ignore")
    return buf.decode("latin-1")  # the markup we look for is ASCII


def prolog_status(buf: bytes, at_end: bool) -> tuple[str, str]:
    """What the first bytes of a part say: ('root', local name) | ('dtd', '') | ('text', '')
    (not XML) | ('more', '') (undecided: read on) | ('empty', '') (ended before a root)."""
    text = _prolog_text(buf)
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return "dtd", ""
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos >= n:
            return ("empty" if at_end else "more"), ""
        if text[pos] != "<":
            return "text", ""
        if n - pos < 4 and not at_end:
            return "more", ""  # "<!-" could still become a comment
        if text.startswith("<?", pos) or text.startswith("<!--", pos):
            closer = "?>" if text[pos + 1] == "?" else "-->"
            end = text.find(closer, pos + 2)
            if end < 0:
                return ("empty" if at_end else "more"), ""
            pos = end + len(closer)
            continue
        if text.startswith("<!", pos):
            return "dtd", ""  # any other declaration before the root element: a DOCTYPE
        m = _ROOT.match(text, pos)
        if m and (m.end() < n or at_end):
            return "root", m.group(1).rpartition(":")[2]
        if at_end or n - pos > 256:
            return "text", ""
        return "more", ""


def scan_prolog(read: Callable[[int], bytes], limit: int = PROLOG_LIMIT) -> tuple[str, str]:
    """prolog_status over a stream, reading at most `limit` bytes (then ('long', ''))."""
    buf = b""
    while True:
        chunk = read(min(16384, limit - len(buf)) or 1)
        buf += chunk
        status = prolog_status(buf, at_end=not chunk)
        if status[0] != "more":
            return status
        if len(buf) >= limit:
            return "long", ""


# ----------------------------------------------------------------------------- parent side


def _reject(filename: str, message: str, row: int | None = None, column: str | None = None) -> NoReturn:
    from skm.errors import ImportRejected, Problem

    raise ImportRejected([Problem(filename, message, row, column)])


def _end_record(data: bytes) -> tuple[int, int, int] | None:
    """(position, entries, central directory size) of the ZIP end record, zip64 aware."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if at < 0 or len(data) - at < 22:
        return None
    _, _, _, _, entries, cd_size, _, _ = struct.unpack("<4s4H2LH", data[at : at + 22])
    locator = at - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        offset = struct.unpack("<Q", data[locator + 8 : locator + 16])[0]
        rec = data[offset : offset + 56] if offset < len(data) else b""
        if len(rec) == 56 and rec[:4] == b"PK\x06\x06":
            entries, cd_size = struct.unpack("<QQ", rec[32:48])
    return at, entries, cd_size


def check_archive(data: bytes, filename: str, fmt: str) -> None:
    """Refuse a ZIP-based workbook whose structure could exhaust memory or time, before any parse."""
    end = _end_record(data)
    if end is None:
        _reject(filename, BROKEN_ZIP)
    at, declared, cd_size = end
    # Every central directory entry starts with this signature: an upper bound of what zipfile
    # would build objects for, counted before it builds them.
    found = data.count(b"PK\x01\x02", max(0, at - min(cd_size, at) - 76), at)
    if max(declared, found) > MAX_ENTRIES:
        _reject(
            filename,
            UNSAFE + f"arsipnya berisi {_thousands(max(declared, found))} bagian (batas {_thousands(MAX_ENTRIES)}); "
            "file Excel biasa hanya berisi beberapa puluh bagian. Simpan ulang dari Excel.",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # BadZipFile, NotImplementedError, ValueError, EOFError, UnicodeDecodeError, ...
        _reject(filename, BROKEN_ZIP)
    with zf:
        total = 0
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            # Readers differ on case and on "\\" in names: two parts that could be one are refused.
            key = name.replace("\\", "/").lower()
            if key in seen:
                _reject(filename, UNSAFE + f"arsipnya berisi dua bagian bernama '{name}'.")
            seen.add(key)
            if info.flag_bits & 0x1:
                _reject(
                    filename,
                    f"File Excel ini dikunci/terenkripsi (bagian '{name}' terenkripsi). "
                    "Buka kuncinya di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.",
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                _reject(
                    filename,
                    UNSAFE + f"bagian '{name}' memakai metode kompresi yang tidak dipakai Excel "
                    f"(nomor {info.compress_type}). Simpan ulang dari Excel.",
                )
            total += info.file_size
            if total > MAX_TOTAL_UNCOMPRESSED:
                _reject(
                    filename,
                    UNSAFE + f"isinya setelah dibuka lebih dari {MAX_TOTAL_UNCOMPRESSED // 2**20} MB "
                    f"(bagian '{name}' saja {_thousands(info.file_size // 2**20)} MB). "
                    "Ini ciri 'zip bomb'; file survei biasa jauh lebih kecil.",
                )
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                _reject(
                    filename,
                    UNSAFE + f"bagian '{name}' mengembang {_thousands(ratio)} kali lipat saat dibuka "
                    f"(batas {MAX_RATIO}×). Ini ciri 'zip bomb'.",
                )
        needed = "xl/workbook.xml" if fmt == "xlsx" else "content.xml"
        if needed not in {i.filename for i in infos}:
            _reject(filename, "File ini arsip ZIP tetapi bukan buku kerja Excel (.xlsx).")
        for info in infos:
            if info.is_dir() or info.file_size == 0:
                continue
            try:
                with zf.open(info) as part:
                    status, _ = scan_prolog(part.read)
            except Exception:  # a damaged local header or deflate stream
                _reject(filename, BROKEN_ZIP)
            if status == "dtd":
                _reject(
                    filename,
                    UNSAFE + f"bagian '{info.filename}' berisi deklarasi DTD/ENTITY (<!DOCTYPE …>). "
                    "Excel tidak pernah menulisnya; deklarasi itu dipakai untuk serangan 'billion laughs' "
                    "atau untuk membaca berkas lain.",
                )
            if status == "long":
                _reject(
                    filename,
                    UNSAFE + f"bagian XML '{info.filename}' belum dimulai setelah "
                    f"{PROLOG_LIMIT // 1024} KB pertama. Simpan ulang dari Excel.",
                )


def _limit(value: float | None, env: str, default: float) -> float:
    if value is not None:
        return value
    try:
        return float(os.environ.get(env, "") or default)
    except ValueError:
        return default


def read_sheets(
    data: bytes,
    filename: str,
    fmt: str,
    *,
    timeout: float | None = None,
    memory_mb: int | None = None,
    max_cells: int = MAX_CELLS,
) -> list[tuple[str, list[list[str]]]]:
    """The visible sheets of a workbook as rows of cell texts, read safely (see the module)."""
    if fmt in ("xlsx", "ods"):
        check_archive(data, filename, fmt)
    last_child.clear()
    seconds = _limit(timeout, "SKM_XLSX_TIMEOUT", TIMEOUT)
    memory = int(_limit(memory_mb, "SKM_XLSX_MEMORY_MB", MEMORY_MB))
    args = json.dumps({"fmt": fmt, "memory_mb": memory, "cpu_s": int(seconds) + 5, "max_cells": max_cells})
    env = dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0")
    try:
        proc = subprocess.run(
            [sys.executable, "-I", "-B", os.path.abspath(__file__), args],
            input=data,
            capture_output=True,
            timeout=seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        _reject(
            filename,
            UNSAFE + f"pembacaan melebihi batas waktu {f'{seconds:g}'.replace('.', ',')} detik. "
            "Buka di Excel lalu simpan ulang.",
        )
    except OSError as exc:
        _reject(filename, UNSAFE + f"pembaca terpisah tidak dapat dijalankan ({exc.strerror or exc}).")
    try:
        answer = json.loads(proc.stdout) if proc.returncode == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        if proc.returncode < 0:
            try:
                name = signal.Signals(-proc.returncode).name
            except ValueError:
                name = str(-proc.returncode)
            _reject(
                filename,
                UNSAFE + f"pembaca Excel berhenti mendadak (sinyal {name}); file ini rusak atau membutuhkan "
                f"memori lebih dari {_thousands(memory)} MB. Buka di Excel lalu simpan ulang.",
            )
        _reject(
            filename,
            UNSAFE + f"pembaca Excel gagal (kode keluar {proc.returncode}). Buka di Excel lalu simpan ulang.",
        )
    last_child["peak_rss"] = answer.get("peak_rss")
    return _answer_sheets(answer, filename, memory)


def _is_sheet(item: object) -> bool:
    """[name, rows of cell texts], exactly: the importer trusts this shape."""
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)):
        return False
    return all(isinstance(row, list) and all(isinstance(c, str) for c in row) for row in item[1])


def _answer_sheets(answer: dict[str, Any], filename: str, memory: int) -> list[tuple[str, list[list[str]]]]:
    kind = answer.get("error")
    detail = str(answer.get("detail", ""))[:200]
    if kind is None:
        sheets = answer.get("sheets")
        if isinstance(sheets, list) and all(_is_sheet(s) for s in sheets):
            return [(name, grid) for name, grid in sheets]
        _reject(filename, UNSAFE + "jawaban pembaca Excel tidak dapat dipahami.")
    if kind in ("invalid", "too_big"):
        _reject(filename, str(answer.get("message")), answer.get("row"), answer.get("column"))
    if kind == "zip":
        _reject(filename, BROKEN_ZIP)
    if kind == "password":
        _reject(filename, "File Excel dikunci kata sandi. Buka kuncinya lalu unggah lagi.")
    if kind == "memory":
        _reject(filename, UNSAFE + f"pembacaannya membutuhkan memori lebih dari {_thousands(memory)} MB.")
    if kind == "panic":
        _reject(filename, UNSAFE + f"pembaca Excel gagal (panic: {detail}). Buka di Excel lalu simpan ulang.")
    _reject(filename, f"File Excel rusak atau tidak dapat dibaca ({detail}). Buka di Excel lalu simpan ulang.")


# ----------------------------------------------------------------------------- child side


class _Refused(Exception):
    def __init__(self, kind: str, message: str, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.kind, self.message, self.row, self.column = kind, message, row, column


def _relationships(zf: zipfile.ZipFile) -> tuple[dict[str, str], int]:
    """Worksheet part -> sheet name, for every worksheet the workbook's relationships name
    (what calamine will read), and the number of shared strings."""
    from xml.parsers import expat

    def parse(name: str, start: Callable[[str, dict[str, str]], None]) -> None:
        if name not in zf.namelist():
            return
        parser = expat.ParserCreate()
        parser.StartElementHandler = start
        with zf.open(name) as part:
            parser.ParseFile(part)

    rid_name: dict[str, str] = {}
    rid_target: dict[str, str] = {}
    count = [0]

    def on_sheet(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "sheet":
            rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id" and ":" in k), None)
            if rid and "name" in attrs:
                rid_name[rid] = attrs["name"]

    def on_rel(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "Relationship" and attrs.get("Type", "").endswith("/worksheet"):
            rid_target[attrs.get("Id", "")] = attrs.get("Target", "")

    def on_si(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "si":
            count[0] += 1

    for name, handler in (("xl/workbook.xml", on_sheet), ("xl/_rels/workbook.xml.rels", on_rel)):
        with contextlib.suppress(expat.ExpatError):  # calamine names the damage; labels are for messages
            parse(name, handler)
    try:
        parse("xl/sharedStrings.xml", on_si)
    except expat.ExpatError as exc:
        raise _Refused(
            "invalid", f"File Excel rusak: daftar teks bersama (xl/sharedStrings.xml) tidak utuh ({exc})."
        ) from None
    labels = {}
    for rid, target in rid_target.items():
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
        labels[path] = rid_name.get(rid, path)
    return labels, count[0]


class _SheetCheck:
    """expat handlers that refuse the cells calamine would misread or choke on. They run once
    per cell, so they are written for speed: no per-cell regex beyond the address, a cache of
    column letters, the text handler switched on only inside <v>."""

    def __init__(self, parser: Any, label: str, shared: int, max_cells: int):
        self.parser, self.label, self.shared, self.max_cells = parser, label, shared, max_cells
        self.row = self.col = self.max_row = self.max_col = 0
        self.cur = (0, 0)
        self.in_cell = False
        self.t: str | None = None
        self.has_f = False
        self.v: list[str] | None = None
        self.letters: dict[str, int] = {}
        self.errors: list[tuple[int, int, str]] = []  # (row, column, '#N/A'), both from 1
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end

    def _bad(self, message: str, row: int | None = None, col: int | None = None) -> NoReturn:
        raise _Refused(
            "invalid",
            f"File Excel rusak: lembar '{self.label}' {message}. Buka di Excel lalu simpan ulang.",
            row,
            column_name(col - 1) if col else None,
        )

    def _bad_ref(self, ref: str) -> NoReturn:
        self._bad(f"berisi alamat sel '{ref[:40]}' di luar batas Excel (kolom A–XFD, baris 1–{_thousands(MAX_ROWS)})")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c" or tag[-2:] == ":c":
            ref = attrs.get("r")
            if ref is None:
                self.col += 1
                row, col = self.row or 1, self.col
                if col > MAX_COLUMNS:
                    self._bad(f"baris {row} berisi lebih dari {_thousands(MAX_COLUMNS)} kolom (batas Excel)", row)
            else:
                m = _REF.fullmatch(ref)
                if m is None:
                    self._bad_ref(ref)
                letters, digits = m.groups()
                col = self.letters.get(letters, 0)
                if not col:
                    col = self.letters[letters] = column_index(letters) + 1
                row = int(digits)
                if row > MAX_ROWS or col > MAX_COLUMNS:
                    self._bad_ref(ref)
                self.col = col
            self.cur = (row, col)
            if row > self.max_row or col > self.max_col:
                self._grow(row, col)
            self.in_cell, self.t, self.has_f, self.v = True, attrs.get("t"), False, None
        elif tag == "v" or tag[-2:] == ":v":
            if self.in_cell:
                self.v = []
                self.parser.CharacterDataHandler = self.v.append
        elif tag == "row" or tag[-4:] == ":row":
            ref = attrs.get("r")
            if ref is None:
                self.row += 1
            elif ref.isdigit() and 1 <= int(ref) <= MAX_ROWS:
                self.row = int(ref)
            else:
                self._bad(f"berisi nomor baris '{ref[:40]}' di luar batas Excel (1–{_thousands(MAX_ROWS)})")
            self.col = 0
        elif (tag == "f" or tag[-2:] == ":f") and self.in_cell:
            self.has_f = True

    def _grow(self, row: int, col: int) -> None:
        self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)
        if self.max_row * self.max_col > self.max_cells:
            raise _Refused(
                "too_big",
                f"File Excel terlalu besar: lembar '{self.label}' mencakup A1:{column_name(self.max_col - 1)}"
                f"{self.max_row} (lebih dari {_thousands(self.max_cells)} sel). Hapus isi di luar tabel "
                "survei atau pecah file menjadi beberapa bagian.",
            )

    def end(self, tag: str) -> None:
        if tag == "v" or tag[-2:] == ":v":
            self.parser.CharacterDataHandler = None
            if self.v is not None and len(self.v) > 4096:  # one value in thousands of pieces
                self._bad("berisi nilai sel yang terlalu panjang", *self.cur)
        elif (tag == "c" or tag[-2:] == ":c") and self.in_cell:
            self.in_cell = False
            t, v = self.t, self.v
            if v is None:
                if self.has_f and t != "inlineStr":
                    row, col = self.cur
                    self._bad(
                        f"sel {column_name(col - 1)}{row} berisi rumus tanpa nilai tersimpan; buka file di "
                        "Excel dan simpan ulang agar nilai rumus ikut tersimpan",
                        row,
                        col,
                    )
                return
            value = v[0] if len(v) == 1 else "".join(v)
            if t is None or t == "n":
                if not value.isdigit() or len(value) > 300:  # 10**309 is no float: calamine gives inf
                    self._check_number(value.strip())
            elif t == "s":
                if not value.isdigit() or int(value) >= self.shared:
                    self._check_shared(value.strip())
            elif t == "b":
                if value.strip() not in ("0", "1"):
                    self._bad_cell("berisi nilai benar/salah yang tidak sah")
            elif t == "e":
                if value.strip() not in _ERROR_CODES:
                    self._bad_cell("berisi kode galat yang tidak dikenal")
                self.errors.append((*self.cur, value.strip()))  # calamine reads it as blank

    def _bad_cell(self, what: str) -> NoReturn:
        row, col = self.cur
        self._bad(f"sel {column_name(col - 1)}{row} {what}", row, col)

    def _check_number(self, value: str) -> None:
        if not value:
            return
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self._bad_cell(f"berisi angka yang tidak sah ('{value[:20]}')")

    def _check_shared(self, value: str) -> None:
        if value and (not value.isdigit() or int(value) >= self.shared):
            self._bad_cell(
                f"merujuk teks bersama nomor '{value[:20]}', padahal file hanya berisi "
                f"{_thousands(self.shared)} teks bersama"
            )


def _check_worksheets(zf: zipfile.ZipFile, max_cells: int) -> dict[str, list[tuple[int, int, str]]]:
    """Refuse what calamine would misread (see _SheetCheck); return the error cells (#N/A, …)
    of each sheet by name, which calamine reads as blank."""
    from xml.parsers import expat

    labels, shared = _relationships(zf)
    used = 0
    errors: dict[str, list[tuple[int, int, str]]] = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        if info.filename not in labels:  # a worksheet part the relationships do not name
            with zf.open(info) as part:
                status, root = scan_prolog(part.read)
            if status != "root" or root != "worksheet":
                continue
        label = labels.get(info.filename, info.filename)
        parser = expat.ParserCreate()
        parser.buffer_text = True
        check = _SheetCheck(parser, label, shared, max_cells - used)

        def no_dtd(*_: object, label: str = label) -> NoReturn:
            raise _Refused("invalid", f"File Excel rusak: lembar '{label}' berisi deklarasi DTD/ENTITY.")

        parser.StartDoctypeDeclHandler = no_dtd
        parser.EntityDeclHandler = no_dtd
        try:
            with zf.open(info) as part:
                while chunk := part.read(2**20):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise _Refused(
                "invalid",
                f"File Excel rusak: XML lembar '{label}' tidak utuh (baris {exc.lineno}, kolom {exc.offset}: "
                f"{expat.ErrorString(exc.code)}). Buka di Excel lalu simpan ulang.",
            ) from None
        used += check.max_row * check.max_col
        if check.errors:
            errors.setdefault(label, []).extend(check.errors)
    return errors


def visible(meta: Any) -> bool:
    text = str(meta.visible).lower()
    return text.endswith("visible") and "hidden" not in text


def _html_child(data: bytes, max_cells: int) -> list[list[Any]]:
    """HTML tables (an .xls a PHP application wrote), by skm/ingest/html_tables.py loaded by path:
    this script runs isolated (-I), without the package on its path."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ingest", "html_tables.py")
    spec = importlib.util.spec_from_file_location("html_tables", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        return [[name, grid] for name, grid in module.read_tables(data.decode("utf-8"), max_cells)]
    except module.TooBig as exc:
        raise _Refused("too_big", f"Tabel HTML terlalu besar atau rumit: {exc}.") from exc


def _read_child(data: bytes, fmt: str, max_cells: int) -> list[list[Any]]:
    if fmt == "html":
        return _html_child(data, max_cells)
    errors: dict[str, list[tuple[int, int, str]]] = {}
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            errors = _check_worksheets(zf, max_cells)
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[list[Any]] = []
    cells = chars = 0
    for meta in wb.sheets_metadata:
        if not visible(meta):
            continue
        sheet = wb.get_sheet_by_name(meta.name)
        end = sheet.end
        if end is not None:
            cells += (end[0] + 1) * (end[1] + 1)
            if cells > max_cells:
                raise _Refused(
                    "too_big",
                    f"File Excel terlalu besar: lembar '{meta.name}' mencakup A1:{column_name(end[1])}{end[0] + 1}; "
                    f"semua lembar bersama lebih dari {_thousands(max_cells)} sel. Hapus isi di luar tabel survei "
                    "atau pecah file menjadi beberapa bagian.",
                )
        grid = []
        for row in sheet.to_python(skip_empty_area=False):
            texts = [cell_text(v) for v in row]
            chars += sum(map(len, texts))
            grid.append(texts)
        # An error cell shows its code in Excel ("#N/A"); a blank would read as "not answered".
        for row_no, col_no, code in errors.get(meta.name, ()):
            if row_no <= len(grid) and col_no <= len(grid[row_no - 1]):
                grid[row_no - 1][col_no - 1] = code
        if chars > MAX_TEXT:
            raise _Refused(
                "too_big",
                f"File Excel terlalu besar: isi teks semua lembar lebih dari {_thousands(MAX_TEXT)} karakter.",
            )
        sheets.append([meta.name, grid])
    return sheets


def _peak_rss() -> int | None:
    """This process's peak resident memory in bytes (Linux: VmHWM, which starts afresh at exec)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def _child(argv: list[str]) -> int:
    options = json.loads(argv[1])
    try:
        import resource

        memory = int(options["memory_mb"]) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (int(options["cpu_s"]), int(options["cpu_s"]) + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass  # no resource module (not Linux): the wall-clock timeout still holds
    data = sys.stdin.buffer.read()
    answer: dict[str, Any]
    try:
        answer = {"sheets": _read_child(data, options["fmt"], int(options["max_cells"]))}
    except _Refused as exc:
        answer = {"error": exc.kind, "message": exc.message, "row": exc.row, "column": exc.column}
    except MemoryError:
        answer = {"error": "memory"}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        answer = {"error": "zip", "detail": f"{type(exc).__name__}: {exc}"}
    except Exception as exc:  # calamine's errors for damaged files
        kind = "password" if type(exc).__name__ == "PasswordError" else "calamine"
        answer = {"error": kind, "detail": f"{type(exc).__name__}: {str(exc)[:150]}"}
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        answer = {"error": "panic", "detail": f"{str(exc)[:150]}"}
    answer["peak_rss"] = _peak_rss()
    out = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8", errors="replace")
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv))
