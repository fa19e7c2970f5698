"""What kind of table a file holds, from its mapped columns and values: respondent rows (one
answer 1-4 per unsur and row) or an NRR table aggregated by layanan."""

from __future__ import annotations

from collections.abc import Iterable

from skm.ingest.survey import PROFILE_FIELDS, Column

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
