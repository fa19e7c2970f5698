"""The HTML reader: tables that PHP SKM applications export with an .xls name, read as a grid of
cell texts like a spreadsheet (the parser and why: skm.ingest.html_tables). Uploads are parsed in
the spreadsheet child process under the same memory and time limits (skm.safe_xlsx); the command
line parses in this process, like its XLSX."""

from __future__ import annotations

from skm import safe_xlsx
from skm.ingest.html_tables import TooBig, read_tables
from skm.ingest.sniff import decode_text
from skm.ingest.spreadsheet import choose_sheet
from skm.ingest.survey import UPLOAD_LIMITS, Limits, check_size, reject


def read_html_grid(
    data: bytes, filename: str, limits: Limits = UPLOAD_LIMITS
) -> tuple[list[list[str]], dict[str, str]]:
    check_size(data, filename, limits)
    text, encoding = decode_text(data, filename)
    if limits.isolate:
        tables = safe_xlsx.read_sheets(text.encode("utf-8"), filename, "html", max_cells=limits.max_cells)
    else:
        try:
            tables = read_tables(text, limits.max_cells)
        except TooBig as exc:
            reject(filename, f"Tabel HTML terlalu besar atau rumit: {exc}.")
    used = [(name, grid) for name, grid in tables if any(any(c.strip() for c in r) for r in grid)]
    if not used:
        reject(filename, "File ini halaman HTML tanpa tabel berisi data; tidak ada yang dapat diimpor.")
    chosen, info = choose_sheet(used)
    info = {"isi": "tabel HTML (bukan file Excel asli)", "encoding": encoding, **info}
    info["tabel"] = info.pop("lembar")
    if "lembar lain (tidak dibaca)" in info:
        info["tabel lain (tidak dibaca)"] = info.pop("lembar lain (tidak dibaca)")
    return used[chosen][1], info
