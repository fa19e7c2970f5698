"""An XLSX sheet as Arrow text columns through fastexcel (calamine underneath, the columns built in
Rust): the command line's fast path for a one-sheet workbook whose table starts in A1.

Why fastexcel and what stays on python-calamine (issue 17; 100k-row form export, 2 cores, whole
processes): bare fastexcel → Arrow 0,65 s, bare python-calamine `to_python()` 0,83 s; turning
calamine's Python cell objects into Arrow texts cost another 0,35 s on top. fastexcel returns each
column typed, and the texts are made here column-wise, exactly as `safe_xlsx.cell_text` writes a
calamine value (tests/conftest.py compares every test file with the row-by-row reader):

- string: as is (empty → "");  number / bool: per distinct value through `cell_text`;
- datetime: python-calamine gives a date at midnight, a time before 1900 and a datetime otherwise,
  so the same rule here (whole seconds only; a fraction goes to the calamine path).

Everything else stays on python-calamine: workbooks with several sheets (the sheet is chosen on
the first rows of each), a column fastexcel reads with mixed types (strict, no coercion), a header
cell it had to name itself (blank or repeated), a table not starting in A1, durations, and every
upload from the web page (the isolated child process reads with python-calamine).

An error cell (#N/A, #DIV/0!, …) is one fastexcel cannot give as its column's type: it reports it
beside the table (`to_arrow_with_errors`), and `ErrorCells` sends the file to the row-by-row
reader, which names it. So the sheet's XML is inflated once; only the calamine path still scans it
for error cells (skm.ingest.xlsx_errors), as calamine reads them as blanks.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from skm import safe_xlsx, sheet_load
from skm.ingest import arrays
from skm.ingest.survey import Limits

_DAY_MS = 86_400_000
_YEAR_1900_MS = int((datetime(1900, 1, 1) - datetime(1970, 1, 1)).total_seconds() * 1000)


class NotColumnar(Exception):
    """fastexcel cannot give this sheet's texts exactly: the calamine path reads it."""


class ErrorCells(Exception):
    """The sheet holds an error cell (#N/A, …): neither fast path may read it as a blank."""


def sheet_table(source: bytes | Path, limits: Limits) -> tuple[str, pa.Table] | None:
    """The only sheet of a workbook (its bytes, or the file that holds them: fastexcel then keeps
    no copy), its name and a table of its cell texts (header row first), or None when the calamine
    path must read it. ErrorCells when fastexcel met an error cell in the table's rows."""
    import fastexcel  # only the XLSX import of the command line needs it

    try:
        reader, sheet = sheet_load.take(source) or sheet_load.load(source)  # the command line started it
        if sheet is None or not _starts_in_a1(source):
            return None
        if not safe_xlsx.visible(sheet) or (sheet.height + 1) * sheet.width > limits.max_cells:
            return None
        infos = sheet.selected_columns  # all of them; available_columns() works the types out again (0,035 s)
        names = [c.name for c in infos]
        if not names or any(c.column_name_from != "looked_up" for c in infos) or _renamed(names):
            return None  # a header fastexcel named itself (blank) or renamed (repeated)
        (body, errors), title = sheet.to_arrow_with_errors(), reader.sheet_names[0]
        if errors is not None:
            raise ErrorCells(errors.errors[0].detail)
        del sheet, reader  # calamine's cells (most of the read's memory) go before the texts are made
        columns = [pa.concat_arrays([arrays.texts([n]), texts(body.column(j))]) for j, n in enumerate(names)]
    except (NotColumnar, fastexcel.FastExcelError, pa.ArrowException, zipfile.BadZipFile):
        return None
    return title, pa.table(columns, names=[f"c{j}" for j in range(len(columns))])


def _starts_in_a1(source: bytes | Path) -> bool:
    """Whether the sheet's first cell is A1: fastexcel reads from the first cell written, calamine's
    rows (and so the column letters) from A1."""
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
        xml = [i for i in zf.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
        if len(xml) != 1:
            return False
        with zf.open(xml[0]) as fh:
            head = fh.read(1 << 16)
    cell = re.search(rb"<(?:\w+:)?c[\s>/]([^>]*)", head)
    ref = re.search(rb'\br="([^"]+)"', cell.group(1)) if cell else None
    return ref is not None and ref.group(1) == b"A1"


def _renamed(names: list[str]) -> bool:
    """fastexcel writes a repeated header 'U1' as 'U1_1'."""
    seen = set(names)
    return len(seen) != len(names) or any(m and m.group(1) in seen for m in map(_SUFFIXED.match, names))


_SUFFIXED = re.compile(r"^(.*)_\d+$")


def texts(column: pa.Array) -> pa.Array:
    """A typed fastexcel column as the texts `safe_xlsx.cell_text` gives calamine's values."""
    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pc.fill_null(column.cast(pa.string()), arrays.EMPTY)
    if pa.types.is_null(kind):
        return pc.fill_null(pa.nulls(len(column), pa.string()), arrays.EMPTY)
    if pa.types.is_timestamp(kind):
        return _timestamp_texts(column)
    if pa.types.is_floating(kind) or pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        return _per_distinct(column)
    raise NotColumnar(kind)


def _per_distinct(column: pa.Array) -> pa.Array:
    """Each distinct value through cell_text once (True and 1 never share a column here: strict)."""
    distinct = pc.unique(column)
    words = arrays.texts([safe_xlsx.cell_text(v) for v in distinct.to_pylist()])
    return pc.fill_null(words.take(pc.index_in(column, distinct)), arrays.EMPTY)


def _timestamp_texts(column: pa.Array) -> pa.Array:
    ms = arrays.values(
        column.cast(pa.timestamp("ms")).cast(pa.int64()).fill_null(arrays.small_ints([0], pa.int64())[0])
    )
    if (ms % 1000).any() or (ms < _YEAR_1900_MS).any():
        raise NotColumnar("fraction of a second, or a time of day without a date")
    # A cast gives "YYYY-MM-DD HH:MM:SS" for whole seconds from 1900 on (checked above), as
    # strftime would, about 100 times faster.
    out = column.cast(pa.timestamp("s")).cast(pa.string())
    midnight = ((ms % _DAY_MS) == 0) & arrays.flags(column.is_valid())
    if midnight.any():  # calamine reads a value at midnight as a date
        out = pc.if_else(arrays.numbers(midnight), pc.utf8_slice_codeunits(out, 0, 10), out)
    return pc.fill_null(out, arrays.EMPTY)
