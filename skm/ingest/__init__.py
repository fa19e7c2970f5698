"""Read the survey files offices have into one shape, or refuse them with reasons.

    survey = read_survey(data, "skm_semester1.csv")
    survey.kind            # "responses" (one row per respondent) or "aggregate" (NRR per layanan)
    survey.columns         # which column became which unsur or profile field, and why
    survey.responses       # DataFrame: row, layanan, profile fields, U1..U9 (nullable 1-4)

Everything a file holds is either used, or named in `survey.warnings` as not used; any
value we cannot read exactly raises `ImportRejected` naming file, row and column.

The package: `sniff` (what a file really is), one reader of cells per source (`delimited`,
`spreadsheet`), `vocabulary` (header and answer words), `mapping` (column → role/unsur with the
reason), `shapes` (what kind of table), `rows` (the row-by-row reader) and `columnar` (the fast
path for plain respondent exports, checked against `rows` by tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from skm.ingest import columnar
from skm.ingest.edits import assign_layanan, duplicate_rows, without_rows
from skm.ingest.mapping import classify_header
from skm.ingest.rows import read_by_rows
from skm.ingest.sniff import detect_format
from skm.ingest.survey import (
    CLI_LIMITS,
    KIND_AGGREGATE,
    KIND_RESPONSES,
    MAX_CELLS,
    MAX_FILE_BYTES,
    NO_LAYANAN,
    PROFILE_FIELDS,
    RESPONSE_COLUMNS,
    UPLOAD_LIMITS,
    Column,
    Limits,
    Survey,
    check_size,
    column_letter,
    reject,
)
from skm.ingest.vocabulary import score_of

__all__ = [
    "CLI_LIMITS",
    "KIND_AGGREGATE",
    "KIND_RESPONSES",
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "NO_LAYANAN",
    "PROFILE_FIELDS",
    "RESPONSE_COLUMNS",
    "UPLOAD_LIMITS",
    "Column",
    "Limits",
    "Survey",
    "assign_layanan",
    "classify_header",
    "column_letter",
    "detect_format",
    "duplicate_rows",
    "read_by_rows",
    "read_survey",
    "score_of",
    "without_rows",
]

_BLANK_BYTES = b" \t\r\n\x00\xef\xbb\xbf"


def read_survey(
    data: bytes,
    filename: str,
    *,
    layanan: str | None = None,
    overrides: Mapping[str, str | None] | None = None,
    limits: Limits = UPLOAD_LIMITS,
    path: Path | None = None,
) -> Survey:
    """Read a CSV/XLSX survey file. `overrides` maps a column letter to an unsur code (or None
    to ignore the column); `layanan` names the layanan when the file has no such column;
    `limits` bounds the file (CLI_LIMITS for imports from the command line); `path`, when the
    bytes were just read from a file, lets DuckDB parse that file instead of a copy of it."""
    check_size(data, filename, limits)
    if not data or not (data[: 2**20].strip(_BLANK_BYTES) or data.strip(_BLANK_BYTES)):
        reject(filename, "File kosong: tidak ada isi sama sekali.")
    fmt = detect_format(data, filename)
    fast = None
    if fmt == "csv":
        fast = columnar.read_fast(data, filename, layanan=layanan, overrides=overrides, limits=limits, path=path)
    elif fmt == "xlsx" and not limits.isolate:
        fast = columnar.read_xlsx_trusted(
            data, filename, layanan=layanan, overrides=overrides, limits=limits, path=path
        )
    if fast is not None:
        return fast
    return read_by_rows(data, filename, fmt, layanan=layanan, overrides=overrides, limits=limits)
