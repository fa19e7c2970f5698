"""The columnar reader for respondent tables: whole columns at a time, mapped set-wise.

    survey = read_fast(data, "ekspor.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS)
    survey = read_xlsx_trusted(data, "ekspor.xlsx", layanan=None, overrides=None, limits=CLI_LIMITS)

CSV goes through DuckDB's own parser; XLSX from the command line (a file the person at the
server chose, `Limits.isolate` false) through fastexcel or python-calamine in this process. Both
give exactly the Survey the row-by-row reader (skm.ingest.rows) gives (same columns, frame, word
maps, warnings: tests/conftest.py checks it for every file any test reads; the rows are kept as
Arrow in `Survey.table`, the DataFrame made only when asked for, and no array here is built through
pyarrow.array, which imports pandas: skm.ingest.arrays), in a fraction of the time for large
files, or None whenever the file is not plainly a well-formed respondent table: then the
row-by-row reader reads it and, for a bad file, names each problem by row and column. Nothing
here refuses a file or changes a value: an answer word is mapped through the same `score_of`,
one distinct value at a time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial, reduce
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from skm import safe_xlsx
from skm.errors import ImportRejected
from skm.ingest import arrays, notes, xlsx_arrow, xlsx_errors
from skm.ingest.crosscheck import row_ranges
from skm.ingest.mapping import (
    MAX_HEADER_SCAN,
    apply_overrides,
    check_unsur_set,
    columns_from_headers,
    combined_headers,
    find_header,
    map_by_answer_words,
)
from skm.ingest.shapes import SINGLE_ROLES, is_nrr_table, roles, summary_rows
from skm.ingest.sniff import DELIMITER_NAMES, decode_text, mostly_control, sniff_delimiter
from skm.ingest.spreadsheet import choose_sheet
from skm.ingest.survey import (
    KIND_RESPONSES,
    MAX_COLUMNS,
    NO_LAYANAN,
    PROFILE_FIELDS,
    RESPONSE_COLUMNS,
    Column,
    Limits,
    Survey,
    name_column,
)
from skm.ingest.vocabulary import parse_number, score_of
from skm.unsur import CODES

# A value that str.strip() would change or empty: starts or ends with what str.isspace() calls
# whitespace (tests/test_columnar.py checks the set), or is empty.
_PY_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_EDGE_SPACE = f"^[{_PY_SPACE}]|[{_PY_SPACE}]$|^$"
_ALL_SPACE = f"^[{_PY_SPACE}]*$"
PY_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
_DIGITS = {"", "1", "2", "3", "4"}
# Bytes a whitespace character's UTF-8 form starts or ends with (see _edge_suspects).
_FIRST_BYTES = np.zeros(256, dtype=bool)
_LAST_BYTES = np.zeros(256, dtype=bool)
for _ch in PY_WHITESPACE:
    _FIRST_BYTES[_ch.encode()[0]] = _LAST_BYTES[_ch.encode()[-1]] = True
HEAD_BYTES = 256 * 1024  # where the header rows and the delimiter are looked for
DISTINCT_CAP = 2000  # more distinct values than this: not an answer-word or rating column
UNSUR_DISTINCT_CAP = 10_000  # an unsur column with more distinct texts goes to the row-by-row reader
_MANY = "\x00many"  # stands for "more distinct values than DISTINCT_CAP" in the value sets


def read_fast(
    data: bytes,
    filename: str,
    *,
    layanan: str | None,
    overrides: Mapping[str, str | None] | None,
    limits: Limits,
    path: Path | None = None,
) -> Survey | None:
    sha256 = partial(_sha256, data)  # of the bytes as uploaded, whatever is parsed
    head = _head(data)
    if head is None:
        utf8 = _from_windows_1252(data, filename)
        if utf8 is None:
            return None
        data, path, (text, _) = utf8, None, _head(utf8) or ("", "")
        encoding = "Windows-1252"
    else:
        text, encoding = head
    if not text or mostly_control(text):
        return None
    delim = sniff_delimiter(text)
    try:
        grid = _records(text, delim)
    except csv.Error:
        return None
    header_idx, hits = find_header(grid)
    if header_idx != 0 or hits < 1 or not grid[0]:
        return None
    width = len(grid[0])
    if width > MAX_COLUMNS:
        return None
    columns = columns_from_headers(combined_headers(grid, 0, width))
    # Hashing and counting line breaks let go of the GIL: done while DuckDB parses.
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(sha256)
        breaks = pool.submit(_line_breaks, data)
        try:
            raw = _parse_bytes(data, path, delim, width)
        except duckdb.Error:
            return None
    if raw.num_rows * width > limits.max_cells or raw.num_rows < 2:
        return None
    rows = _record_rows(data, raw.num_rows, breaks.result())
    if rows is None:
        return None
    try:
        details = {"encoding": encoding, "pemisah": DELIMITER_NAMES[delim]}
        return _survey(raw, digest.result(), filename, "csv", details, columns, layanan, overrides, rows)
    except (ImportRejected, _Fallback):
        return None


def read_xlsx_trusted(
    data: bytes,
    filename: str,
    *,
    layanan: str | None,
    overrides: Mapping[str, str | None] | None,
    limits: Limits,
    path: Path | None = None,
) -> Survey | None:
    """An XLSX the command line imports, read in this process (no child, no XML pre-check:
    the archive is still checked, and a sheet with an error cell such as #N/A goes to the
    row-by-row reader, which shows the code rather than a blank: fastexcel reports error cells,
    for calamine the XML is scanned while it reads)."""
    try:
        safe_xlsx.check_archive(data, filename, "xlsx")
        arrow = xlsx_arrow.sheet_table(_same_file(path, data) or data, limits)  # ErrorCells: rows
        sheets: list[tuple[str, list[list]]] = []
        if arrow is None:
            with ThreadPoolExecutor(max_workers=1) as pool:  # inflating the XML lets go of the GIL
                errors = pool.submit(xlsx_errors.has_error_cells, data)
                read = _calamine_sheets(data, limits)
                if errors.result() or read is None:
                    return None
                sheets = read
    except (ImportRejected, zipfile.BadZipFile, Exception):  # the row-by-row reader names the problem
        return None
    if arrow is not None:
        name, raw = arrow
        grid = [list(r.values()) for r in raw.slice(0, MAX_HEADER_SCAN + 1).to_pylist()]
        details = choose_sheet([(name, grid)])[1]
    else:
        picked = _calamine_table(sheets)
        if picked is None:
            return None
        grid, raw, details = picked
    header_idx, hits = find_header(grid)
    if header_idx != 0 or hits < 1 or raw is None or raw.num_rows < 2:
        return None
    columns = columns_from_headers(combined_headers(grid, 0, raw.num_columns))
    try:
        return _survey(raw, _sha256(data), filename, "xlsx", details, columns, layanan, overrides)
    except (ImportRejected, _Fallback):
        return None


def _calamine_table(
    sheets: list[tuple[str, list[list]]],
) -> tuple[list[list[str]], pa.Table | None, dict[str, str]] | None:
    """The sheet to read of calamine's rows: its first rows as texts, all of it as a text table."""
    heads = [
        (name, [[safe_xlsx.cell_text(v) for v in r] for r in rows[: MAX_HEADER_SCAN + 1]]) for name, rows in sheets
    ]
    used = [i for i, (_name, rows) in enumerate(sheets) if _any_text(heads[i][1]) or _any_text(rows)]
    if not used:
        return None
    picked, details = choose_sheet([heads[i] for i in used])
    chosen = used[picked]
    grid, rows = heads[chosen][1], sheets[chosen][1]
    if not rows or not rows[0]:
        return None
    return grid, _text_table(rows, max(map(len, rows))), details


def _calamine_sheets(data: bytes, limits: Limits) -> list[tuple[str, list[list]]] | None:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    cells = 0
    for meta in wb.sheets_metadata:
        if not safe_xlsx.visible(meta):
            continue
        sheet = wb.get_sheet_by_name(meta.name)
        if sheet.end is not None:
            cells += (sheet.end[0] + 1) * (sheet.end[1] + 1)
        if cells > limits.max_cells:
            return None
        sheets.append((meta.name, sheet.to_python(skip_empty_area=False)))
    return sheets


def _any_text(rows: Sequence[Sequence[object]]) -> bool:
    return any(any(_text(v).strip() for v in r) for r in rows)


def _text(value: object) -> str:
    return value if isinstance(value, str) else safe_xlsx.cell_text(value)


class _Texts(dict):
    """value -> its cell text, worked out once per distinct value."""

    def __missing__(self, value: object) -> str:
        text = self[value] = _text(value)
        return text


def _datetime_texts(column: list[datetime]) -> pa.Array | None:
    """datetime.isoformat(sep=" ") of whole seconds, for the column at once (a form's Timestamp).
    Calamine's datetimes are naive (a workbook has no time zones)."""
    if column and column[0].tzinfo is not None:
        return None
    try:
        seconds = pa.array(column, pa.timestamp("us")).cast(pa.timestamp("s"))  # refuses to drop a fraction
    except pa.ArrowInvalid:
        return None
    return pc.strftime(seconds, "%Y-%m-%d %H:%M:%S")


def _text_table(rows: Sequence[Sequence[object]], width: int) -> pa.Table | None:
    """Calamine's rows as a table of cell texts, one column at a time (the first row, the
    header, on its own: its texts would hide a column of numbers or dates)."""
    if not rows or set(map(len, rows)) != {width}:
        return None
    grid = np.empty((len(rows) - 1, width), dtype=object)
    grid[:] = rows[1:]
    columns = []
    for j in range(width):
        head = arrays.texts([_text(rows[0][j])])
        columns.append(pa.concat_arrays([head, _column_texts(grid[:, j].tolist())]))
    return pa.table(columns, names=[f"c{j}" for j in range(width)])


def _column_texts(column: list) -> pa.Array:
    kinds = set(map(type, column))
    if kinds <= {str}:
        return arrays.texts(column)
    if kinds == {datetime} and (stamps := _datetime_texts(column)) is not None:
        return stamps
    memo = _Texts()
    texts = list(map(memo.__getitem__, column))
    if bool in kinds or 0 in memo:  # True == 1 and -0.0 == 0.0 share a key: each value on its own
        texts = [_text(v) for v in column]
    return arrays.texts(texts)


class _Fallback(Exception):
    """The row-by-row reader must read this file (to name a problem, or an unusual layout)."""


def _head(data: bytes) -> tuple[str, str] | None:
    if not data or b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    whole = len(data) <= HEAD_BYTES
    chunk = data if whole else data[: data.rfind(b"\n", 0, HEAD_BYTES) + 1]
    try:
        text = chunk.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not whole and len(text) < 65536:
        return None
    return text, "UTF-8 (BOM)" if bom else "UTF-8"


def _from_windows_1252(data: bytes, filename: str) -> bytes | None:
    """A file the row-by-row reader reads as Windows-1252 (an Excel "CSV" of Indonesian locale),
    as UTF-8 for DuckDB: the same texts, the same lines (CR and LF are the same bytes in both).
    None for any other file, or one that reader refuses (it names the problem)."""
    if not data or b"\x00" in data[:HEAD_BYTES]:
        return None
    try:
        text, encoding = decode_text(data, filename)
    except ImportRejected:
        return None
    return text.encode("utf-8") if encoding == "Windows-1252" else None


def _line_breaks(data: bytes) -> tuple[int, int]:
    """How many line feeds and carriage returns the file holds (looking for a carriage return
    first is a quarter of counting them, and most exports have none)."""
    return data.count(b"\n"), data.count(b"\r") if b"\r" in data else 0


def _has_blank_lines(data: bytes, records: int, line_breaks: tuple[int, int]) -> bool:
    """DuckDB skips empty lines; the row-by-row reader counts them, so row numbers would differ.
    When every record is one line (line breaks = records, give or take the last), there is none."""
    breaks, returns = line_breaks
    one_line_each = breaks == records - (0 if data.endswith(b"\n") else 1)
    if one_line_each and (returns == 0 or (returns == breaks and data.count(b"\r\n") == breaks)):
        return False
    return b"\n\n" in data or b"\n\r\n" in data or b"\r\r" in data


def _record_rows(data: bytes, records: int, line_breaks: tuple[int, int]) -> np.ndarray | None:
    """The row number the row-by-row reader gives each record DuckDB parsed, or None when the
    lines cannot tell it. csv.reader counts an empty line as a row (then left out as blank);
    DuckDB skips it. When every record is one line, the records are the non-empty lines."""
    if not _has_blank_lines(data, records, line_breaks):
        return np.arange(1, records + 1, dtype=np.int64)
    if line_breaks[1] and line_breaks[1] != data.count(b"\r\n"):
        return None  # a carriage return of its own ends a line too: not worked out here
    raw = np.frombuffer(data, dtype=np.uint8)
    bounds = np.concatenate(([-1], _newlines(raw), [len(raw)]))  # line k lies between bounds k and k + 1
    gaps = np.diff(bounds)  # each line's length + 1
    empty = gaps == 1
    one = np.flatnonzero(gaps == 2)  # a line of one byte is empty when it is the \r of a \r\n
    empty[one] = raw[bounds[one + 1] - 1] == 13
    full = np.flatnonzero(~empty)
    # A record over several lines has at least two non-empty lines: equal counts mean one line each.
    if len(full) != records or full[0] != 0:
        return None
    return full + 1


def _newlines(raw: np.ndarray) -> np.ndarray:
    """Positions of every line feed, found a slice at a time (a mask of the whole file at once
    would hold its size again)."""
    step = 16 << 20
    found = [np.flatnonzero(raw[i : i + step] == 10) + i for i in range(0, len(raw), step)]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _records(text: str, delim: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    out = []
    for row in reader:
        out.append(row)
        if len(out) > MAX_HEADER_SCAN:
            break
    return out


def _same_file(path: Path | None, data: bytes) -> Path | None:
    """The file the bytes were read from, when it still holds that many bytes (the command line)."""
    return path if path is not None and path.is_file() and path.stat().st_size == len(data) else None


def _parse_bytes(data: bytes, path: Path | None, delim: str, width: int) -> pa.Table:
    """DuckDB parses a file: the one the bytes came from when it still holds them (the command
    line; writing a 170 MB copy took 0,4 s), else a temporary copy."""
    with duckdb.connect() as con:
        if (same := _same_file(path, data)) is not None:
            return _parse(con, same, delim, width)
        with tempfile.TemporaryDirectory(prefix="skm-csv-") as tmp:
            copy = Path(tmp) / "data.csv"
            copy.write_bytes(data)
            return _parse(con, copy, delim, width)


def _parse(con: duckdb.DuckDBPyConnection, path: Path, delim: str, width: int) -> pa.Table:
    names = {f"c{j}": "VARCHAR" for j in range(width)}
    table = con.sql(
        """SELECT * FROM read_csv(?, delim = ?, quote = '"', escape = '"', header = false,
               columns = ?, auto_detect = false, strict_mode = true, null_padding = false,
               max_line_size = 2097152)""",
        params=[str(path), delim, names],
    ).to_arrow_table()
    return table


def _mapped(column: pa.ChunkedArray, fn: Callable[[str], object], out_type: pa.DataType) -> pa.Array:
    """`fn` applied to every value (a missing one reads as ''), once per distinct value."""
    encoded = column.combine_chunks().dictionary_encode()
    values: list[Any] = [fn(v) for v in encoded.dictionary.to_pylist()]
    indices = encoded.indices
    if encoded.null_count:
        values.append(fn(""))
        indices = pc.fill_null(indices, arrays.small_ints([len(values) - 1], indices.type)[0])
    mapped = arrays.texts(values) if out_type == pa.string() else arrays.small_ints(values, out_type)
    return pc.take(mapped, indices)


def _scores(column: pa.ChunkedArray, cache: Mapping[str, tuple[int | None, str | None]]) -> pa.Array | pa.ChunkedArray:
    if all(v in _DIGITS for v in cache):  # plain numbers, blank = missing: a cast says the same
        try:
            return pc.cast(column, pa.int8())  # chunk by chunk: no copy of the texts first
        except pa.ArrowInvalid:  # an empty text rather than a missing value
            pass
    return _mapped(column, lambda v: cache[v][0], pa.int8())


def _edge_suspects(flat: pa.Array, *, last: bool = True) -> np.ndarray:
    """Per value: empty, or its first (and last) byte could belong to whitespace. A quick
    look at the bytes; values it clears certainly have no whitespace at that edge. Missing
    values are not suspects."""
    _validity, offsets, data = flat.buffers()
    width = np.int64 if pa.types.is_large_string(flat.type) else np.int32
    off = np.frombuffer(offsets, dtype=width)[flat.offset : flat.offset + len(flat) + 1]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None and data.size else np.zeros(1, np.uint8)
    starts, ends = off[:-1], off[1:]
    empty = np.less_equal(ends, starts)
    suspect = empty | _FIRST_BYTES[raw[np.where(empty, 0, starts)]]
    if last:
        suspect |= _LAST_BYTES[raw[np.where(empty, 0, ends - 1)]]
    if flat.null_count:
        suspect &= arrays.flags(flat.is_valid())
    return suspect


def _stripped(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """str.strip() of every value, '' as missing; untouched (chunks and all: no copy) when no
    value needs either."""
    if not any(_edge_suspects(chunk).any() for chunk in column.chunks):
        return column
    if not pc.any(pc.match_substring_regex(column, _EDGE_SPACE)).as_py():
        return column
    trimmed = pc.utf8_trim(column, characters=PY_WHITESPACE)
    return pc.if_else(pc.equal(trimmed, arrays.EMPTY), arrays.NULL_TEXT, trimmed)


def _counts(column: pa.ChunkedArray) -> list[tuple[str, int]]:
    """Each distinct value (a missing one as '') and how many rows hold it."""
    found = Counter[str]()
    for item in pc.value_counts(column).to_pylist():
        found[item["values"] if item["values"] is not None else ""] += item["counts"]
    return list(found.items())


def _blank_mask(column: pa.ChunkedArray) -> np.ndarray:
    """Which values str.strip() would leave empty (a missing one counts as empty)."""
    return arrays.flags(pc.match_substring_regex(column, _ALL_SPACE)) | arrays.flags(pc.is_null(column))


def _blank_rows(raw: pa.Table) -> np.ndarray:
    """Positions of rows whose every cell is blank; the row-by-row reader leaves them out."""
    first = raw.column(0)
    # Only a missing value, or one that starts like whitespace, can be blank: looked for one chunk
    # at a time (combining the chunks would copy the column).
    starts = np.cumsum([0, *(len(c) for c in first.chunks)])
    candidates = np.concatenate(
        [
            np.zeros(0, np.int64),
            *(
                np.flatnonzero(_edge_suspects(c, last=False) | arrays.flags(c.is_null())) + start
                for c, start in zip(first.chunks, starts, strict=False)
            ),
        ]
    )
    if len(candidates):
        candidates = candidates[_blank_mask(first.take(arrays.numbers(candidates)))]
    for j in range(1, raw.num_columns):
        if not len(candidates):
            break
        candidates = candidates[_blank_mask(raw.column(j).take(arrays.numbers(candidates)))]
    return candidates


SLICED_UP_TO = 1000  # rows left out by slicing around them (no copy); more: the table is filtered


def _without(table: pa.Table, positions: np.ndarray) -> pa.Table:
    """The table without the rows at these (sorted) positions. A few rows are left out by joining
    the slices between them: no value is copied (filtering 2M rows copied every text, 0,1–0,7 s and
    the table's size again at the peak)."""
    if len(positions) > SLICED_UP_TO:
        keep = np.ones(table.num_rows, dtype=bool)
        keep[positions] = False
        return table.filter(arrays.numbers(keep))
    bounds = [-1, *positions.tolist(), table.num_rows]
    parts = [table.slice(a + 1, b - a - 1) for a, b in pairwise(bounds) if b - a > 1]
    return pa.concat_tables(parts) if parts else table.slice(0, 0)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _survey(
    raw: pa.Table,
    sha256: str,
    filename: str,
    file_format: str,
    details: dict[str, str],
    columns: list[Column],
    layanan: str | None,
    overrides: Mapping[str, str | None] | None,
    rows: np.ndarray | None = None,
) -> Survey:
    """`rows`: the row-by-row reader's number of each record of `raw` (by default 1, 2, 3, …)."""
    width = len(columns)
    body = raw.slice(1)
    # Rows as the row-by-row reader numbers them (the header is row 1); all-blank rows left out.
    rownum = np.arange(2, raw.num_rows + 1, dtype=np.int64) if rows is None else rows[1:]
    blank = _blank_rows(body)
    if len(blank):
        body, rownum = _without(body, blank), np.delete(rownum, blank)
    if body.num_rows == 0:
        raise _Fallback

    # Column roles from the set of values each column holds, exactly as the row-by-row reader.
    apply_overrides(columns, overrides or {}, filename)
    if _has_summary_rows(body, rownum, columns):
        raise _Fallback  # an olah-data sheet: the row-by-row reader leaves them out and names them
    values: dict[int, list[tuple[str, int]]] = {}
    counted = [col.index for col in columns if col.role in ("unused", "unnamed", "unsur")]
    with ThreadPoolExecutor(max_workers=2) as pool:  # Arrow's kernels let go of the GIL
        for j, found in zip(counted, pool.map(lambda j: _counts(body.column(j)), counted), strict=True):
            values[j] = found if len(found) <= DISTINCT_CAP else [(_MANY, 1)]
    warnings: list[str] = []
    map_by_answer_words(columns, _value_rows(values, width))
    check_unsur_set(columns, _value_rows(values, width), filename, warnings)

    by_role = roles(columns)
    unsur_cols = {col.unsur: col for col in by_role.get("unsur", []) if col.unsur}
    numbers = [
        (x, k) for col in unsur_cols.values() for v, k in _full(body, col, values) if (x := parse_number(v)) is not None
    ]
    if is_nrr_table(by_role, numbers):
        raise _Fallback  # an NRR table: small, and the row-by-row reader checks it cell by cell
    if any(len(by_role.get(role, [])) > 1 for role in SINGLE_ROLES):
        raise _Fallback

    survey = Survey(
        filename=filename,
        sha256=sha256,
        kind=KIND_RESPONSES,
        file_format=file_format,
        columns=columns,
        details=details,
        warnings=warnings,
    )
    # Each output column is one job; Arrow's kernels let go of the GIL, so two run at once.
    jobs: dict[str, Callable[[], pa.Array | pa.ChunkedArray]] = {
        "row": lambda: arrays.numbers(rownum),
        "layanan": lambda: _layanan(body, rownum, survey, by_role, layanan),
    }
    for key, role in _OPTIONAL:
        cols = by_role.get(role, [])
        if cols:
            jobs[key] = partial(_stripped, body.column(cols[0].index))
        else:  # Arrow's null type: None objects in the DataFrame, as the row-by-row reader has it
            jobs[key] = lambda: pa.nulls(body.num_rows)
    blanks_marked = 0
    for code in CODES:
        col = unsur_cols[code]
        counts: Counter[str] = Counter()
        cache: dict[str, tuple[int | None, str | None]] = {}
        for v, k in _full(body, col, values):
            cache[v] = score_of(code, v)
            if cache[v][1]:
                raise _Fallback  # a wrong answer: the row-by-row reader names its row and column
            counts[v.strip()] += k
            if v.strip() in ("-", "–"):
                blanks_marked += k
        survey.word_maps[code] = sorted(
            ((v, s, counts[v.strip()]) for v, (s, _r) in cache.items() if s is not None), key=lambda t: (t[1], t[0])
        )
        jobs[code] = partial(_scores, body.column(col.index), cache)
    with ThreadPoolExecutor(max_workers=2) as pool:
        out = dict(zip(jobs, pool.map(lambda job: job(), jobs.values()), strict=True))
    table = pa.table([out[c] for c in RESPONSE_COLUMNS], names=list(RESPONSE_COLUMNS))
    named = name_column(columns)
    names = None if named is None else _stripped(body.column(named.index))
    # A row that answers none of the nine unsur (a saran-only submission, an empty form) is left
    # out and named, as the row-by-row reader does; a file of only such rows is refused there.
    unanswered = arrays.flags(pc.invert(reduce(pc.or_, [pc.is_valid(out[c]) for c in CODES])))
    if unanswered.all():
        raise _Fallback
    if unanswered.any():
        survey.warnings.append(notes.unanswered_rows(row_ranges(rownum[unanswered].tolist())))
        table = _without(table, np.flatnonzero(unanswered))
        names = None if names is None else _without(pa.table([names], names=["n"]), np.flatnonzero(unanswered))[0]
    survey.table = table
    if names is not None:  # only to find the same person's submission twice; never stored
        survey.names = [v or None for v in names.to_pylist()]

    answered = [pc.is_valid(table.column(c)) for c in CODES]
    blank_count = pc.sum(pc.invert(reduce(pc.and_, answered))).as_py() or 0
    survey.warnings.extend(
        notes.blank_answers(blank_count, {c: table.column(c).null_count for c in CODES}, blanks_marked)
    )
    unused = [c.label for c in columns if c.role in ("unused", "personal")]
    if unused:
        survey.warnings.append(notes.unused_columns(unused))
    return survey


SUMMARY_TAIL = 32  # rows at the bottom looked at for summary rows ("Jumlah", "NRR / Unsur", …)


def _has_summary_rows(body: pa.Table, rownum: np.ndarray, columns: list[Column]) -> bool:
    tail = body.slice(max(0, body.num_rows - SUMMARY_TAIL))
    cells = [[v if v is not None else "" for v in tail.column(j).to_pylist()] for j in range(tail.num_columns)]
    rows = [(int(n), [col[i] for col in cells]) for i, n in enumerate(rownum[-tail.num_rows :])]
    return bool(summary_rows(rows, columns))


_OPTIONAL = [("submitted_at", "timestamp"), *((f, f) for f in PROFILE_FIELDS), ("saran", "saran")]


def _full(body: pa.Table, col: Column, values: dict[int, list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """Every distinct value of an unsur column with its count."""
    found = values.get(col.index)
    if found is None or found == [(_MANY, 1)]:
        found = _counts(body.column(col.index))
        if len(found) > UNSUR_DISTINCT_CAP:
            raise _Fallback
    return found


def _value_rows(values: dict[int, list[tuple[str, int]]], width: int) -> list[tuple[int, list[str]]]:
    """Rows that hold each column's distinct values: all the column-role checks look at."""
    depth = max((len(v) for v in values.values()), default=0)
    rows = []
    for k in range(depth):
        row = [""] * width
        for j, found in values.items():
            if k < len(found):
                row[j] = found[k][0]
        rows.append((k + 2, row))
    return rows


def _layanan(
    body: pa.Table, rownum: np.ndarray, survey: Survey, by_role, layanan: str | None
) -> pa.Array | pa.ChunkedArray:
    cols = by_role.get("layanan", [])
    if not cols:
        if layanan and layanan.strip():
            survey.warnings.append(notes.one_layanan(layanan.strip()))
            return pc.take(arrays.texts([layanan.strip()]), arrays.numbers(np.zeros(body.num_rows, np.int64)))
        raise _Fallback
    column = body.column(cols[0].index)
    distinct = pc.unique(column).to_pylist()
    if all(v and " ".join(v.split()) == v for v in distinct):
        return column  # every name already as the row-by-row reader writes it: no copy (0,2 s of 2M rows)
    blanks = [v for v in distinct if v is not None and not v.strip()]
    mask = arrays.flags(pc.is_null(column))
    if blanks:
        mask |= arrays.flags(pc.is_in(column, value_set=arrays.texts(blanks)))
    positions = np.flatnonzero(mask)
    if len(positions):  # named, and recorded as NO_LAYANAN
        survey.warnings.append(notes.blank_layanan(row_ranges(rownum[positions].tolist()), cols[0].label))
    if len(positions) <= SLICED_UP_TO and all(v is None or not v.strip() or " ".join(v.split()) == v for v in distinct):
        return _with_text_at(column, positions, NO_LAYANAN)
    return _mapped(column, lambda v: " ".join(v.split()) or NO_LAYANAN, pa.string())


def _with_text_at(column: pa.ChunkedArray, positions: np.ndarray, text: str) -> pa.ChunkedArray:
    """The column with `text` at these (sorted) positions and the rest of it as it is, as slices
    (no copy: mapping 2M layanan names for 40 blank cells took 0,25 s, as did Arrow's fill_null)."""
    one = arrays.texts([text]).cast(column.type)
    chunks: list[pa.Array] = []
    start = 0
    for at in positions.tolist():
        chunks.extend(column.slice(start, at - start).chunks)
        chunks.append(one)
        start = at + 1
    chunks.extend(column.slice(start).chunks)
    return pa.chunked_array([c for c in chunks if len(c)], type=column.type)
