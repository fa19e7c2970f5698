"""Whether an XLSX holds an error cell (#N/A, #DIV/0!, …), which python-calamine reads as a blank:
the command line's calamine path sends such a file to the row-by-row reader, which names the cell.
(fastexcel reports error cells itself: skm.ingest.xlsx_arrow.)"""

from __future__ import annotations

import io
import zipfile


def has_error_cells(data: bytes) -> bool:
    """Whether a worksheet of the archive holds an error cell (`t="e"`)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return any(_holds(zf, info, b't="e"') for info in zf.infolist() if info.filename.startswith("xl/worksheets/"))


def _holds(zf: zipfile.ZipFile, info: zipfile.ZipInfo, needle: bytes) -> bool:
    """Whether an archive member holds `needle`, inflated a megabyte at a time (the whole sheet's
    XML of a 100k-row workbook would be 60 MB at once, next to the reader's own copy)."""
    with zf.open(info) as fh:
        tail = b""
        while chunk := fh.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-(len(needle) - 1) :]
    return False
