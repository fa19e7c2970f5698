"""Small helpers every part of the Store reads rows with."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from skm.errors import StoreError


def _one(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None) -> tuple | None:
    """The first row of a query, with the result read to its end (DuckDB 2.0 keeps it open otherwise)."""
    rows = cur.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def _scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None):
    """The first value of a query that always returns a row (count, RETURNING id)."""
    row = _one(cur, sql, params)
    if row is None:
        raise StoreError(f"Query returned no row: {sql.split()[0]}")
    return row[0]
