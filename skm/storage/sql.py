"""The per batch x layanan sums behind every figure (`layanan_summary`), as SQL text."""

from __future__ import annotations

from skm.unsur import CODES

U_COLS = [c.lower() for c in CODES]


def summary_select(source: str, keys: str) -> str:
    """Per group of `keys`: respondents, respondents with a blank, per-unsur sums and answer
    counts, and the deviance the 95% interval needs (each respondent's linearised deviation
    from the group's own NRR, squared and summed), over the rows of `source` (a subquery)."""
    sums = ", ".join(f"coalesce(sum({u}), 0) AS s_{u}, count({u}) AS c_{u}" for u in U_COLS)
    any_blank = " OR ".join(f"{u} IS NULL" for u in U_COLS)
    dev = " + ".join(f"coalesce(({u} - s_{u} / c_{u}) / c_{u}, 0)" for u in U_COLS)
    key_list = [k.strip() for k in keys.split(",")]
    return f"""
    WITH r AS ({source}),
    st AS (SELECT {keys}, count(*) AS n, count(*) FILTER (WHERE {any_blank}) AS blank, {sums}
           FROM r GROUP BY {keys}),
    dv AS (SELECT {", ".join(f"r.{k}" for k in key_list)}, sum(pow(({dev}) / 9, 2)) AS deviance
           FROM r JOIN st USING ({keys}) GROUP BY {", ".join(f"r.{k}" for k in key_list)})
    SELECT {", ".join(f"st.{k}" for k in key_list)}, st.n, st.blank,
           {", ".join(f"st.s_{u}" for u in U_COLS)}, {", ".join(f"st.c_{u}" for u in U_COLS)}, dv.deviance
    FROM st JOIN dv USING ({keys})"""


def summary_sql(batch_filter: str) -> str:
    """INSERT of the per batch×layanan sums behind every figure (see summary_select), for the
    batches the filter (an SQL condition on `batch_id`) selects."""
    return (
        "INSERT INTO layanan_summary "
        + summary_select(f"SELECT * FROM responses WHERE {batch_filter}", "batch_id, layanan_id")
        + ";"
    )
