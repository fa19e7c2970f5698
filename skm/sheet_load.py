"""fastexcel's load of a workbook's only sheet, which the command line starts before anything heavy
is imported (issue 17). Outside skm.ingest on purpose: importing any module of that package
imports DuckDB, numpy and pyarrow first (a quarter of a second), and fastexcel lets go of the GIL
while calamine parses, so the load runs on one core while the other imports those modules and
opens the Store.

    sheet_load.start(path, data)      # the command line, once the file's bytes are read
    sheet_load.wait(path)             # the command line, before it opens the database
    reader, sheet = sheet_load.take(path) or sheet_load.load(path)   # skm.ingest.xlsx_arrow

`start` runs the archive check on the bytes first (skm.safe_xlsx; a bad archive is left for the
importer, which refuses it with its message) and loads only a one-sheet workbook. `take` hands over
what was started for that file, once; `discard` drops one nobody took.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skm import safe_xlsx
from skm.errors import ImportRejected

if TYPE_CHECKING:
    import fastexcel

Loaded = tuple["fastexcel.ExcelReader", "fastexcel.ExcelSheet | None"]
_started: dict[Path, Future[Loaded]] = {}  # until `take` hands it over (then only the reader holds the cells)
_finished: dict[Path, threading.Event] = {}  # set once the load is over, whoever took it


def load(source: bytes | Path) -> Loaded:
    """The workbook and, when it has exactly one sheet, that sheet loaded with every row's type
    checked (no type guessed from a sample, no coercion: xlsx_arrow's texts are exact)."""
    import fastexcel

    reader = fastexcel.read_excel(source if isinstance(source, bytes) else str(source))
    if len(reader.sheet_names) != 1:
        return reader, None
    return reader, reader.load_sheet(0, header_row=0, schema_sample_rows=None, dtype_coercion="strict")


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def start(path: Path, data: bytes) -> None:
    """Begin loading the XLSX at `path` (whose bytes are `data`) on a thread of its own."""
    if not is_xlsx(path) or data[:4] != b"PK\x03\x04":
        return
    try:
        safe_xlsx.check_archive(data, path.name, "xlsx")
    except ImportRejected:
        return
    finished = _finished[path] = threading.Event()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sheet-load")
    try:
        _started[path] = pool.submit(_load_and_say, path, finished)
    finally:
        pool.shutdown(wait=False)


def _load_and_say(path: Path, finished: threading.Event) -> Loaded:
    try:
        return load(path)
    finally:
        finished.set()


def wait(path: Path) -> None:
    """Until the load started for this file (if any) is over: calamine's peak memory is behind."""
    finished = _finished.get(path)
    if finished is not None:
        finished.wait()


def discard(path: Path) -> None:
    """Let go of a load nobody took: its cells go as soon as it is over (`wait` still waits for it)."""
    _started.pop(path, None)


def take(source: Any) -> Loaded | None:
    """What `start` loaded from this file (waited for; its error raised here), or None."""
    started = _started.pop(source, None) if isinstance(source, Path) else None
    return None if started is None else started.result()
