"""Spreadsheets (XLSX, XLS, ODS) as a grid of cell texts: checked and parsed in a child
process under memory and time limits (skm.safe_xlsx)."""

from __future__ import annotations

from skm import safe_xlsx
from skm.ingest.mapping import find_header
from skm.ingest.survey import UPLOAD_LIMITS, Limits, check_size, reject

cell_text = safe_xlsx.cell_text  # calamine value -> text; the child process uses it too


def read_excel_grid(
    data: bytes, filename: str, fmt: str, limits: Limits = UPLOAD_LIMITS
) -> tuple[list[list[str]], dict[str, str]]:
    """The sheet to import; the workbook is checked and parsed in a child process (skm.safe_xlsx)."""
    check_size(data, filename, limits)
    sheets = safe_xlsx.read_sheets(data, filename, fmt, max_cells=limits.max_cells)
    used = [(name, grid) for name, grid in sheets if any(any(c.strip() for c in r) for r in grid)]
    if not used:
        reject(filename, "Semua lembar (sheet) pada file Excel ini kosong.")
    chosen, info = choose_sheet(used)
    return used[chosen][1], info


def choose_sheet(used: list[tuple[str, list[list[str]]]]) -> tuple[int, dict[str, str]]:
    """Which of the sheets with anything in them to read (given their names and first rows): the
    first that looks like a survey, otherwise the first; and the details that name it."""
    chosen = next((i for i, (_name, head) in enumerate(used) if find_header(head)[1] >= 3), 0)
    info = {"lembar": used[chosen][0]}
    others = [name for i, (name, _) in enumerate(used) if i != chosen]
    if others:
        info["lembar lain (tidak dibaca)"] = ", ".join(others)
    return chosen, info
