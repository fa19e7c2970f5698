"""What kind of table a file holds, from its mapped columns and values: respondent rows (one
answer 1-4 per unsur and row) or an NRR table aggregated by layanan, and the summary rows under
respondent rows."""

from __future__ import annotations

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
    """The block of summary rows at the bottom of a respondent table, found from the bottom up:
    a row labelled as one in any column that holds no answers, or (when all nine unsur columns
    are known) a row of nine numbers that are sums, means or weights rather than answers 1-4."""
    unsur = {c.unsur: c.index for c in columns if c.role == "unsur" and c.unsur}
    label_cols = [c.index for c in columns if c.role != "unsur"]
    found: list[SummaryRow] = []
    for rownum, cells in reversed(body):
        label, kind = "", None
        for j in label_cols:
            text = cells[j].strip() if j < len(cells) else ""
            if text and (kind := summary_label_kind(text)):
                label = text
                break
        values = {
            code: num for code, j in unsur.items() if j < len(cells) and (num := parse_number(cells[j])) is not None
        }
        if kind is None and set(unsur) == set(CODES):
            kind = _value_kind(values)
        if kind is None:
            break
        numbers = tuple(n for c in cells if (n := parse_number(c)) is not None)
        found.append(SummaryRow(rownum, kind, label, values, numbers))
    return found[::-1]
