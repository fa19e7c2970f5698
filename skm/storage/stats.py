"""Queries behind the figures: per-layanan sums of a period, respondent groups, saran, population."""

from __future__ import annotations

from collections.abc import Sequence

from skm.scoring import LayananStats
from skm.storage.audit import audit
from skm.storage.query import _one
from skm.storage.sql import U_COLS, summary_select
from skm.storage.units import UnitsMixin
from skm.units import Period
from skm.unsur import CODES

SARAN_LIMIT = 500  # saran rows one search returns

# Respondent profile groupings, normalised from what forms write; raw text stays in the table.
PROFILE_GROUPS: dict[str, str] = {
    "jenis_kelamin": """CASE
        WHEN lower(trim(jenis_kelamin)) IN ('l', 'lk', 'laki-laki', 'laki laki', 'laki', 'pria', 'male')
            THEN 'Laki-laki'
        WHEN lower(trim(jenis_kelamin)) IN ('p', 'pr', 'perempuan', 'wanita', 'female') THEN 'Perempuan'
        WHEN jenis_kelamin IS NULL OR trim(jenis_kelamin) = '' THEN 'Tidak diisi'
        ELSE 'Lainnya' END""",
    "usia": """CASE
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) IS NULL THEN 'Tidak diisi'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 20 THEN '< 20 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 30 THEN '20–29 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 40 THEN '30–39 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 50 THEN '40–49 tahun'
        WHEN try_cast(regexp_extract(usia, '\\d+') AS INTEGER) < 60 THEN '50–59 tahun'
        ELSE '≥ 60 tahun' END""",
    "pendidikan": "coalesce(nullif(trim(pendidikan), ''), 'Tidak diisi')",
    "pekerjaan": "coalesce(nullif(trim(pekerjaan), ''), 'Tidak diisi')",
}


class StatsMixin(UnitsMixin):
    def periods_with_data(self, unit_ids: Sequence[int] | None = None) -> list[Period]:
        params: list = []
        where = ""
        if unit_ids is not None:
            where = "AND l.unit_id IN (SELECT unnest(?))"
            params.append(list(unit_ids))
        rows = (
            self.cursor()
            .execute(
                f"""SELECT DISTINCT b.tahun, b.semester FROM batch_layanan bl
                JOIN import_batches b ON b.id = bl.batch_id JOIN layanan l ON l.id = bl.layanan_id
                WHERE bl.active {where} ORDER BY 1, 2""",
                params,
            )
            .fetchall()
        )
        return [Period(t, s) for t, s in rows]

    def units_with_data(self, unit_ids: Sequence[int], period: Period) -> list[int]:
        """Which of these units have active data of their own for the period."""
        rows = (
            self.cursor()
            .execute(
                """SELECT DISTINCT l.unit_id FROM batch_layanan bl
                   JOIN import_batches b ON b.id = bl.batch_id JOIN layanan l ON l.id = bl.layanan_id
                   WHERE bl.active AND b.tahun = ? AND b.semester = ? AND l.unit_id IN (SELECT unnest(?))
                   ORDER BY 1""",
                [period.tahun, period.semester, list(unit_ids)],
            )
            .fetchall()
        )
        return [r[0] for r in rows]

    def layanan_stats(self, unit_ids: Sequence[int], period: Period) -> dict[int, list[LayananStats]]:
        """Per unit: the active data of each of its layanan in the period (see _period_stats)."""
        every = self._period_stats(period)
        return {u: every[u] for u in unit_ids if u in every}

    def _period_stats(self, period: Period) -> dict[int, list[LayananStats]]:
        """Every unit's layanan figures for the period, read once per data version: a dashboard
        asks for the same period from many pages and units."""
        return self._memoised(("period_stats", period), lambda: self._read_period_stats(period))

    def _read_period_stats(self, period: Period) -> dict[int, list[LayananStats]]:
        """From the per-batch sums kept at import time (layanan_summary), so the cost does not
        grow with the responses. A layanan with several active batches (an upload and the
        online questionnaire) gets their sums added and its deviance recomputed from its rows
        around the pooled NRR."""
        cur = self.cursor()
        params = [period.tahun, period.semester]
        active = """WITH act AS (
                    SELECT bl.batch_id, bl.layanan_id, l.unit_id, l.name FROM batch_layanan bl
                    JOIN import_batches b ON b.id = bl.batch_id
                    JOIN layanan l ON l.id = bl.layanan_id
                    WHERE bl.active AND b.tahun = ? AND b.semester = ?)"""
        rows = cur.execute(
            f"""{active}
            SELECT act.unit_id, act.layanan_id, act.name, 'r' AS kind, s.n, s.blank, s.deviance,
                   {", ".join(f"s.s_{u}" for u in U_COLS)}, {", ".join(f"s.c_{u}" for u in U_COLS)}
            FROM layanan_summary s JOIN act USING (batch_id, layanan_id)""",
            params,
        ).fetchall()
        if self._has_aggregates():
            rows += cur.execute(
                f"""{active}
                SELECT act.unit_id, act.layanan_id, act.name, 'a', a.respondents, NULL, a.ikm_reported,
                       {", ".join(f"a.{u}" for u in U_COLS)}, {", ".join("NULL" for _ in U_COLS)}
                FROM aggregates a JOIN act USING (batch_id, layanan_id)""",
                params,
            ).fetchall()
        rows.sort(key=lambda r: (r[0], r[1]))
        # Rows of one layanan from several active batches are added up here (rare: an upload
        # next to the online questionnaire); a GROUP BY in the query would cost every call.
        merged: dict[tuple[int, int], list] = {}
        for unit_id, lid, name, kind, n, blank, dev, *vals in rows:
            key = (unit_id, lid) if kind == "r" else (unit_id, -len(merged) - 1)
            if key in merged:
                prev = merged[key]
                prev[4], prev[5], prev[6] = prev[4] + n, prev[5] + blank, None
                prev[7] = [a + b for a, b in zip(prev[7], vals, strict=True)]
            else:
                merged[key] = [unit_id, lid, name, kind, n, blank, dev, vals]
        pooled = [m[1] for m in merged.values() if m[3] == "r" and m[6] is None and m[4]]
        deviances: dict[int, float] = {}
        if pooled:
            source = f"""{active}
                SELECT r.* FROM responses r JOIN act USING (batch_id, layanan_id)
                WHERE r.layanan_id IN (SELECT unnest(?))"""
            deviances = {
                r[0]: r[-1] for r in cur.execute(summary_select(source, "layanan_id"), [*params, pooled]).fetchall()
            }
        out: dict[int, list[LayananStats]] = {}
        for unit_id, lid, name, kind, n, blank, deviance, vals in merged.values():
            if kind == "r":
                stats = LayananStats(
                    name=name,
                    respondents=n,
                    sums=dict(zip(CODES, map(float, vals[:9]), strict=True)),
                    answered=dict(zip(CODES, vals[9:], strict=True)),
                    blank_respondents=blank,
                    deviance=deviances.get(lid, deviance),
                )
            else:  # an aggregated table: NRR per unsur as reported, and the IKM it printed
                nrr = dict(zip(CODES, vals[:9], strict=True))
                stats = LayananStats(name=name, respondents=n, nrr_reported=nrr, ikm_reported=deviance)
            out.setdefault(unit_id, []).append(stats)
        return out

    def _active_responses_sql(self) -> str:
        return """WITH act AS (
                    SELECT bl.batch_id, bl.layanan_id FROM batch_layanan bl
                    JOIN import_batches b ON b.id = bl.batch_id
                    JOIN layanan l ON l.id = bl.layanan_id
                    WHERE bl.active AND b.tahun = ? AND b.semester = ? AND l.unit_id IN (SELECT unnest(?))),
                r AS (SELECT r.* FROM responses r JOIN act USING (batch_id, layanan_id))"""

    def respondent_groups(self, unit_ids: Sequence[int], period: Period, dimension: str) -> list[LayananStats]:
        """Raw responses of the units pooled by a profile group (jenis_kelamin, usia, ...), one
        LayananStats per group named after it, so scoring gives each group its NRR and IKM."""
        group = PROFILE_GROUPS[dimension]
        sums = ", ".join(f"sum({u}), count({u})" for u in U_COLS)
        any_blank = " OR ".join(f"{u} IS NULL" for u in U_COLS)
        rows = (
            self.cursor()
            .execute(
                f"""{self._active_responses_sql()}
                SELECT {group} AS grp, count(*), count(*) FILTER (WHERE {any_blank}), {sums}
                FROM r GROUP BY grp ORDER BY count(*) DESC, grp""",
                [period.tahun, period.semester, list(unit_ids)],
            )
            .fetchall()
        )
        out = []
        for grp, n, blank, *pairs in rows:
            s_vals, c_vals = pairs[0::2], pairs[1::2]
            out.append(
                LayananStats(
                    name=grp,
                    respondents=n,
                    sums={c: float(v or 0) for c, v in zip(CODES, s_vals, strict=True)},
                    answered=dict(zip(CODES, c_vals, strict=True)),
                    blank_respondents=blank,
                )
            )
        return out

    def saran(
        self, unit_ids: Sequence[int], period: Period, search: str = "", limit: int = SARAN_LIMIT
    ) -> list[tuple[str, str, str | None, str]]:
        """(unit, layanan, submitted_at, saran) of respondents who wrote one, newest file rows first."""
        escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        return (
            self.cursor()
            .execute(
                f"""{self._active_responses_sql()}
                SELECT u.name, l.name, r.submitted_at, r.saran FROM r
                JOIN layanan l ON l.id = r.layanan_id JOIN units u ON u.id = l.unit_id
                WHERE r.saran IS NOT NULL AND trim(r.saran) <> '' AND r.saran ILIKE ? ESCAPE '\\'
                ORDER BY u.name, l.name, r.row_number LIMIT ?""",
                [period.tahun, period.semester, list(unit_ids), pattern, limit],
            )
            .fetchall()
        )

    def population(self, unit_id: int, period: Period) -> int | None:
        row = _one(
            self.cursor(),
            "SELECT populasi FROM unit_population WHERE unit_id = ? AND tahun = ? AND semester = ?",
            [unit_id, period.tahun, period.semester],
        )
        return None if row is None else int(row[0])

    def set_population(self, unit_id: int, period: Period, populasi: int | None, actor: str | None = None) -> None:
        with self.transaction() as cur:
            audit(cur, actor or "sistem", "population_set", unit_id, period, populasi=populasi)
            cur.execute(
                "DELETE FROM unit_population WHERE unit_id = ? AND tahun = ? AND semester = ?",
                [unit_id, period.tahun, period.semester],
            )
            if populasi:
                cur.execute(
                    "INSERT INTO unit_population VALUES (?, ?, ?, ?)",
                    [unit_id, period.tahun, period.semester, populasi],
                )
