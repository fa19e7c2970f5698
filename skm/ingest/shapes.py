"""What kind of table a file holds, from its mapped columns and values: respondent rows (one
answer 1-4 per unsur and row) or an NRR table aggregated by layanan, and the summary rows under
respondent rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from skm.ingest.survey import PROFILE_FIELDS, Column, SummaryRow
from skm.ingest.vocabulary import parse_number, summary_label_kind
from skm.unsur import CODES

# Roles a table has at most one column of.
SINGLE_ROLES = ("layanan", "ikm", "row_mean", "respondents", "timestamp", *PROFILE_FIELDS, "saran")


def roles(columns: list[Column]) -> dict[str, list[Column]]:
    """The columns of each role, in file order."""
    by_role: dict[str, list[Column]] = {}
    for col in columns:
        by_role.setdefault(col.role, []).append(col)
    return by_role


def is_nrr_table(by_role: dict[str, list[Column]], numbers: Iterable[tuple[float, int]]) -> bool:
    """An NRR table aggregated by layanan: an IKM or row-mean column, or mostly fractional numbers
    in the unsur columns (given as (number, how many cells hold it)); one stray 3.5 in a
    respondent file is an error in that cell, not an NRR."""
    if by_role.get("ikm") or by_role.get("row_mean"):
        return True
    fractional = total = 0
    for value, count in numbers:
        total += count
        fractional += 0 if value.is_integer() else count
    return fractional * 2 > total


def _value_kind(values: Mapping[str, float]) -> str | None:
    """What an unlabelled row of nine numbers is when it cannot be one respondent's answers (a
    respondent's slip, one 7 or one 3,5, stays a respondent and is refused by its cell)."""
    numbers = list(values.values())
    if len(numbers) < len(CODES):
        return None
    if all(v > 5 for v in numbers):
        return "jumlah"  # sums of answers (not a 1-5 scale respondent's 5s)
    if all(0 < v < 1 for v in numbers):
        return "tertimbang"  # NRR × 1/9
    if sum(not v.is_integer() for v in numbers) >= 3 and all(1 <= v <= 4 for v in numbers):
        return "nrr"  # means
    return None


def summary_rows(body: Sequence[tuple[int, Sequence[str]]], columns: list[Column]) -> list[SummaryRow]:
    """The rows under a respondent table that are not respondents: from the first row labelled
    as a summary in a column that holds no answers ("Σ Nilai / Unsur", "Jumlah", "IKM Unit
    Pelayanan") to the end (what follows such rows is their legend, kind "catatan"), and above
    it, from the bottom up, rows of nine numbers that are sums, means or weights rather than
    answers 1-4 (when all nine unsur columns are known). None in an NRR table (its own
    "Rata-rata" rows are read with it)."""
    unsur = {c.unsur: c.index for c in columns if c.role == "unsur" and c.unsur}
    label_cols = [c.index for c in columns if c.role != "unsur"]

    def label_of(cells: Sequence[str]) -> tuple[str, str | None]:
        for j in label_cols:
            text = cells[j].strip() if j < len(cells) else ""
            if text and (kind := summary_label_kind(text)):
                return text, kind
        return "", None

    def summary(rownum: int, cells: Sequence[str], label: str, kind: str) -> SummaryRow:
        values = {c: n for c, j in unsur.items() if j < len(cells) and (n := parse_number(cells[j])) is not None}
        numbers = tuple(n for c in cells if (n := parse_number(c)) is not None)
        return SummaryRow(rownum, kind, label, values, numbers)

    cut = next((i for i, (_n, cells) in enumerate(body) if i and label_of(cells)[1]), len(body))
    head = body[:cut]
    numbers = Counter(n for _, cells in head for j in unsur.values() if (n := parse_number(cells[j])) is not None)
    if is_nrr_table(roles(columns), numbers.items()):
        return []
    found: list[SummaryRow] = []
    if set(unsur) >= set(CODES):
        for rownum, cells in reversed(head[1:]):
            row = summary(rownum, cells, "", "")
            kind = _value_kind({c: row.values[c] for c in CODES if c in row.values})
            if kind is None:
                break
            found.insert(0, summary(rownum, cells, "", kind))
    for rownum, cells in body[cut:]:
        label, kind = label_of(cells)
        if kind is None:
            values = {c: n for c in CODES if (n := parse_number(cells[unsur[c]] if c in unsur else "")) is not None}
            kind = _value_kind(values) or "catatan"
        found.append(summary(rownum, cells, label, kind))
    return found


def headerless_answers(grid: Sequence[Sequence[str]]) -> int | None:
    """Where nine answer columns start in a file without a header row: the one run of exactly
    nine side-by-side columns holding nothing but whole numbers 1-4 (or blanks) in every row."""
    rows = [r for r in grid if any(c.strip() for c in r)]
    if len(rows) < 2:
        return None
    width = max(len(r) for r in rows)

    def answers_only(j: int) -> bool:
        values = [r[j].strip() if j < len(r) else "" for r in rows]
        numbers = [parse_number(v) for v in values if v]
        return bool(numbers) and all(n is not None and n.is_integer() and 1 <= n <= 4 for n in numbers)

    flags = [answers_only(j) for j in range(width)]
    runs, start = [], None
    for j, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = j
        elif not flag and start is not None:
            runs.append((start, j - start))
            start = None
    nine = [s for s, n in runs if n == len(CODES)]
    return nine[0] if len(nine) == 1 and not any(n > len(CODES) for _s, n in runs) else None
