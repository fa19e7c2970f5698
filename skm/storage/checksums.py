"""A fingerprint of every table's content (tests, backups, restore checks)."""

from __future__ import annotations

import duckdb


def table_checksums(cur: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """count:sum(hash) per table of the main schema, on any connection or cursor."""
    out = {}
    tables = [
        r[0]
        for r in cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
        ).fetchall()
    ]
    for t in tables:
        rows = cur.execute(f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{t}" t').fetchall()
        out[t] = f"{rows[0][0]}:{rows[0][1]}"
    return out
