"""HTML tables as grids of cell texts: what many PHP SKM applications send as "laporan.xls"
(an HTML <table> with an Excel name and content type).

    tables = read_tables(text, max_cells=1_000_000)   # [("1", [["No", "P1", ...], ...]), ...]

The parser is the standard library's `html.parser.HTMLParser`, chosen over lxml and html5lib:
it is pure Python with no native code parsing the untrusted bytes (lxml wraps libxml2), it never
fetches anything and knows no DTDs or external entities (only HTML's named character
references), it tolerates the unclosed <td>/<tr> such exports are full of, and it adds no
dependency (html5lib is slower and barely maintained). It streams: nothing but the cells is
kept, bounded by `max_cells`, and nesting deeper than MAX_DEPTH is refused.

This module imports only the standard library: the spreadsheet child process
(skm.safe_xlsx) loads it by path to read uploads under the same memory and time limits.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_DEPTH = 64  # open table/row/cell elements at once (tables inside cells inside tables ...)
MAX_SPAN = 1000  # colspan/rowspan honoured up to this
_IGNORED = {"script", "style", "head", "title"}


class TooBig(ValueError):
    """The tables hold more than the allowed cells, or nest too deep."""


class _Tables(HTMLParser):
    def __init__(self, max_cells: int):
        super().__init__(convert_charrefs=True)
        self.max_cells = max_cells
        self.cells = 0
        self.tables: list[list[list[str]]] = []
        self.stack: list[dict] = []  # open tables: rows, the current row, the open cell, row spans
        self.ignored = 0

    # A table's state: rows (done), row (current cells), cell (text parts or None), spans
    # (column -> rows still covered by a rowspan from above).
    def _table(self) -> dict | None:
        return self.stack[-1] if self.stack else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IGNORED:
            self.ignored += 1
            return
        table = self._table()
        if tag == "table":
            if len(self.stack) >= MAX_DEPTH:
                raise TooBig("tabel bersarang terlalu dalam")
            self.stack.append({"rows": [], "row": None, "cell": None, "spans": {}, "span": (1, 1)})
        elif table is None:
            return
        elif tag == "tr":
            self._end_row(table)
            table["row"] = []
            self._fill_spans(table)
        elif tag in ("td", "th"):
            self._end_cell(table)
            if table["row"] is None:
                table["row"] = []
                self._fill_spans(table)
            named = dict(attrs)
            table["cell"] = []
            table["span"] = (_span(named.get("colspan")), _span(named.get("rowspan")))
        elif tag == "br" and table["cell"] is not None:
            table["cell"].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _IGNORED:
            self.ignored = max(0, self.ignored - 1)
            return
        table = self._table()
        if table is None:
            return
        if tag in ("td", "th"):
            self._end_cell(table)
        elif tag == "tr":
            self._end_row(table)
        elif tag == "table":
            self._end_row(table)
            self.stack.pop()
            self.tables.append(table["rows"])

    def handle_data(self, data: str) -> None:
        table = self._table()
        if table is not None and table["cell"] is not None and not self.ignored:
            table["cell"].append(data)

    def close(self) -> None:
        super().close()
        while self.stack:  # an export that never closes its table
            table = self.stack.pop()
            self._end_row(table)
            self.tables.append(table["rows"])

    def _count(self, n: int) -> None:
        self.cells += n
        if self.cells > self.max_cells:
            raise TooBig(f"lebih dari {self.max_cells:,} sel".replace(",", "."))

    def _fill_spans(self, table: dict) -> None:
        """Columns a rowspan from a row above still covers get an empty cell, in place."""
        row = table["row"]
        while table["spans"].get(len(row), 0) > 0:
            table["spans"][len(row)] -= 1
            row.append("")
            self._count(1)

    def _end_cell(self, table: dict) -> None:
        if table["cell"] is None:
            return
        text = " ".join("".join(table["cell"]).split())
        cols, rows = table["span"]
        row = table["row"]
        for k in range(cols):
            if rows > 1:
                table["spans"][len(row)] = rows - 1
            row.append(text if k == 0 else "")
        self._count(cols)
        table["cell"] = None
        self._fill_spans(table)

    def _end_row(self, table: dict) -> None:
        self._end_cell(table)
        if table["row"] is not None:
            table["rows"].append(table["row"])
            table["row"] = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(value).strip())))
    except ValueError:
        return 1


def looks_like_html(text: str) -> bool:
    """Whether a file's text is an HTML table (what a PHP export names .xls)."""
    head = text[:65536].lstrip("\ufeff \t\r\n").lower()
    return head.startswith("<") and "<table" in head


def read_tables(text: str, max_cells: int) -> list[tuple[str, list[list[str]]]]:
    """Every table with at least one non-empty cell, as ("N", rows) in the order they close; rows
    padded to one width."""
    parser = _Tables(max_cells)
    parser.feed(text)
    parser.close()
    out = []
    for n, rows in enumerate(parser.tables, start=1):
        if any(any(c for c in r) for r in rows):
            width = max(map(len, rows))
            out.append((f"{n}", [r + [""] * (width - len(r)) for r in rows]))
    return out
