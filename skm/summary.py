"""Figures for a unit and period: storage queries in, scoring out.

result = unit_summary(store, unit, Period(2024, 1))
result.score.ikm, result.priorities, result.to_json()
"""

from __future__ import annotations

from dataclasses import dataclass

from skm import scoring
from skm.scoring import Score
from skm.storage import Store
from skm.units import Period, Unit
from skm.unsur import CODES, UNSUR


@dataclass(frozen=True)
class UnitSummary:
    unit: Unit
    period: Period
    score: Score
    pooled: Score | None  # every respondent of the subtree counted once
    is_demo: bool
    child_units: tuple[Unit, ...]  # children that are part of the score
    missing_children: tuple[Unit, ...]  # children with no data for the period
    held: int = 0  # online answers of the subtree held for review (skm.tinjauan), not in any figure
    # Mixed sources (some units sent a tabel NRR, others raw answers): the same tree over the raw
    # answers only, for the respondents and the interval, and how many units sent only tables.
    raw_only: Score | None = None
    table_units: int = 0

    @property
    def priorities(self) -> list[str]:
        return scoring.priorities(self.score)

    @property
    def lowest_parts(self) -> list[Score]:
        return scoring.lowest_parts(self.score)

    @property
    def is_wilayah(self) -> bool:
        return bool(self.child_units)

    def layanan_scores(self) -> list[Score]:
        """Every layanan under this unit (its own, or its children's)."""
        out: list[Score] = []

        def walk(s: Score) -> None:
            if s.method in (scoring.METHOD_LAYANAN, scoring.METHOD_WILAYAH):
                for p in s.parts:
                    walk(p)
            else:
                out.append(s)

        walk(self.score)
        return out

    def to_json(self) -> dict:
        s = self.score
        lowest = self.lowest_parts
        lowest_prior = scoring.priorities(lowest[0]) if lowest else []
        parts_key = "units" if self.is_wilayah else "layanan"
        parts = [
            {
                "name": p.name,
                "respondents": p.respondents,
                "nrr": {c: p.nrr[c] for c in CODES},
                "ikm": p.ikm,
                "ikm_derived": p.ikm_derived,
                "ikm_reported": p.ikm_reported,
                "mutu": p.mutu.letter,
                "source": p.source,
            }
            for p in s.parts
        ]
        return {
            "unit": self.unit.path_text,
            "period": self.period.code,
            "demo": self.is_demo,
            "method": s.method,
            "ikm": s.ikm,
            "ikm_derived": s.ikm_derived,
            "mutu": s.mutu.letter,
            "kinerja": s.mutu.kinerja,
            "respondents": s.respondents,
            "blank_respondents": s.blank_respondents,
            "ci95": list(s.ci95) if s.ci95 else None,
            "raw_only": None
            if self.raw_only is None
            else {
                "respondents": self.raw_only.respondents,
                "ikm": self.raw_only.ikm,
                "ci95": list(self.raw_only.ci95) if self.raw_only.ci95 else None,
                "table_units": self.table_units,
            },
            "layanan": parts if parts_key == "layanan" else [],
            "units": parts if parts_key == "units" else [],
            "missing_units": [u.name for u in self.missing_children],
            "held_for_review": self.held,
            "unsur": {c: {"name": UNSUR[c].name, "nrr": s.nrr[c], "mutu": s.nrr_mutu[c].letter} for c in CODES},
            "lowest_layanan": lowest[0].name if lowest else None,
            "lowest_layanan_ties": [p.name for p in lowest],
            "lowest_layanan_priorities": lowest_prior,
            "priorities": self.priorities,
            "pooled": None
            if self.pooled is None
            else {
                "method": self.pooled.method,
                "ikm": self.pooled.ikm,
                "mutu": self.pooled.mutu.letter,
                "nrr": {c: self.pooled.nrr[c] for c in CODES},
            },
        }


def _score_tree(
    unit: Unit, children: dict[int | None, list[Unit]], stats: dict[int, list[scoring.LayananStats]]
) -> Score | None:
    """The unit's score from its own layanan and its children's scores (None: no data below)."""
    own_stats = stats.get(unit.id, [])
    own = (
        scoring.combine(unit.name, [scoring.score_layanan(s) for s in own_stats], scoring.METHOD_LAYANAN)
        if own_stats
        else None
    )
    kids = [k for k in (_score_tree(c, children, stats) for c in children.get(unit.id, [])) if k is not None]
    if not kids:
        return own
    return scoring.combine(unit.name, kids + ([own] if own else []), scoring.METHOD_WILAYAH)


def unit_summary(store: Store, unit: Unit, period: Period) -> UnitSummary | None:
    """The unit's figures for the period, or None when nothing under it has data."""
    tree = [unit, *store.descendants(unit.id)]
    stats = store.layanan_stats([u.id for u in tree], period)
    children: dict[int | None, list[Unit]] = {}
    for u in tree:
        children.setdefault(u.parent_id, []).append(u)

    score = _score_tree(unit, children, stats)
    if score is None:
        return None
    direct = children.get(unit.id, [])
    with_data = {p.name for p in score.parts} if score.method == scoring.METHOD_WILAYAH else set()
    all_stats = [s for lst in stats.values() for s in lst]
    raw = {uid: [s for s in lst if s.sums is not None] for uid, lst in stats.items()}
    table_units = sum(1 for uid, lst in stats.items() if len(raw[uid]) < len(lst))
    mixed = 0 < table_units < len(stats) and any(raw.values())
    return UnitSummary(
        unit=unit,
        period=period,
        score=score,
        pooled=scoring.pooled(unit.name, all_stats),
        is_demo=unit.is_demo,
        child_units=tuple(c for c in direct if c.name in with_data),
        missing_children=tuple(c for c in direct if c.name not in with_data),
        held=store.held_count([u.id for u in tree], period),
        raw_only=_score_tree(unit, children, {k: v for k, v in raw.items() if v}) if mixed else None,
        table_units=table_units if mixed else 0,
    )


def trend(store: Store, unit: Unit, periods: list[Period]) -> list[UnitSummary]:
    """The unit's summary for each period that has data, oldest first."""
    out = []
    for period in sorted(periods):
        result = unit_summary(store, unit, period)
        if result is not None:
            out.append(result)
    return out


def layanan_by_part(result: UnitSummary) -> dict[str, dict[str, float]]:
    """For a wilayah: each child unit's IKM per layanan name (a layanan found in several
    kelurahan under one child is the unweighted mean over them)."""
    out: dict[str, dict[str, float]] = {}

    def leaves(s: Score) -> list[Score]:
        if s.method in (scoring.METHOD_LAYANAN, scoring.METHOD_WILAYAH):
            return [x for p in s.parts for x in leaves(p)]
        return [s]

    for part in result.score.parts:
        values: dict[str, list[float]] = {}
        for leaf in leaves(part):
            values.setdefault(leaf.name, []).append(leaf.ikm)
        out[part.name] = {name: sum(v) / len(v) for name, v in values.items()}
    return out
