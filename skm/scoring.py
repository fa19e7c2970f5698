"""PermenPANRB 14/2017 arithmetic: NRR, IKM, mutu, priorities, sample size, intervals.

Everything here is pure and works on unrounded numbers; rounding happens only when a
number is shown (see `skm.formatting`), except that mutu is read from the ×25 value
rounded to two decimals, as the regulation's interval table is written.

    >>> ikm_from_nrr({c: 3.5 for c in CODES})
    87.5
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from skm.formatting import angka
from skm.unsur import CODES

WEIGHT = 1 / 9  # every unsur weighs the same: 1 / number of unsur, exactly
CONVERSION = 25  # 1-4 scale to 25-100
Z95 = 1.959963984540054

METHOD_LAYANAN = "rata-rata layanan tanpa bobot"
METHOD_WILAYAH = "rata-rata unit di bawahnya tanpa bobot"
METHOD_POOLED = "gabungan seluruh responden"
METHOD_REPORTED = "IKM Layanan sesuai file"
METHOD_REPORTED_WRONG = "IKM dihitung dari NRR (IKM di file tidak sesuai NRR-nya)"
SOURCE_RESPONDEN = "responden"
SOURCE_AGREGAT = "agregat"
SOURCE_CAMPURAN = "campuran"


@dataclass(frozen=True)
class Mutu:
    letter: str
    kinerja: str

    def __str__(self) -> str:
        return f"{self.letter} ({self.kinerja})"


MUTU_A = Mutu("A", "Sangat Baik")
MUTU_B = Mutu("B", "Baik")
MUTU_C = Mutu("C", "Kurang Baik")
MUTU_D = Mutu("D", "Tidak Baik")
MUTU_BY_LETTER = {m.letter: m for m in (MUTU_A, MUTU_B, MUTU_C, MUTU_D)}

# (lower bound, mutu), highest first. IKM bounds on the 25-100 scale, NRR bounds on 1-4.
IKM_BANDS: tuple[tuple[float, Mutu], ...] = ((88.31, MUTU_A), (76.61, MUTU_B), (65.00, MUTU_C))
NRR_BANDS: tuple[tuple[float, Mutu], ...] = ((3.5324, MUTU_A), (3.0644, MUTU_B), (2.60, MUTU_C))


def mutu_bounds_text(sep: str = " · ", kinerja: bool = True) -> str:
    """The IKM bands in words, from IKM_BANDS.

    >>> mutu_bounds_text()
    'A ≥ 88,31 Sangat Baik · B ≥ 76,61 Baik · C ≥ 65,00 Kurang Baik · D < 65,00 Tidak Baik'
    >>> mutu_bounds_text("; ", kinerja=False)
    'A ≥ 88,31; B ≥ 76,61; C ≥ 65,00'
    """
    parts = [f"{m.letter} ≥ {angka(bound)}" + (f" {m.kinerja}" if kinerja else "") for bound, m in IKM_BANDS]
    if kinerja:
        parts.append(f"{MUTU_D.letter} < {angka(IKM_BANDS[-1][0])} {MUTU_D.kinerja}")
    return sep.join(parts)


def mutu_ikm(ikm: float) -> Mutu:
    """Mutu of an IKM (25-100), read from the value rounded to two decimals, bounds inclusive."""
    shown = round(ikm, 2)
    for bound, mutu in IKM_BANDS:
        if shown >= bound:
            return mutu
    return MUTU_D


def mutu_nrr(nrr: float) -> Mutu:
    """Mutu of an NRR on the 1-4 scale, read at the four decimals its bounds are written in."""
    shown = round(nrr, 4)
    for bound, mutu in NRR_BANDS:
        if shown >= bound:
            return mutu
    return MUTU_D


def ikm_from_nrr(nrr: Mapping[str, float]) -> float:
    """IKM = (sum of the nine NRR × 1/9) × 25."""
    missing = [c for c in CODES if c not in nrr]
    if missing:
        raise ValueError(f"NRR missing for {', '.join(missing)}")
    return math.fsum(nrr[c] for c in CODES) * CONVERSION / len(CODES)


def shown_decimals(value: float, most: int = 6) -> int:
    """How many decimals a number read from a file was written with (at most `most`).

    >>> shown_decimals(3.45), shown_decimals(99.0), shown_decimals(1 / 3)
    (2, 0, 6)
    """
    for d in range(most + 1):
        if abs(round(value, d) - value) <= 1e-9 * max(1.0, abs(value)):
            return d
    return most


def reported_ikm_tolerance(
    nrr: Mapping[str, float], reported: float, nrr_decimals: int | None = None, ikm_decimals: int | None = None
) -> float:
    """How far an office's own IKM may lie from the IKM of the NRR it shows: each NRR rounded to
    d decimals is off by at most half a unit, so their mean ×25 by 25 × 0,5 × 10^-d (0,125 for two
    decimals), plus the IKM's own rounding. The decimals are those the file shows (the importer
    counts them in the text); without them, those the numbers need.

    >>> round(reported_ikm_tolerance({c: 3.45 for c in CODES}, 99.09), 4)
    0.13
    """
    d_nrr = nrr_decimals if nrr_decimals is not None else max(shown_decimals(nrr[c]) for c in CODES)
    d_ikm = ikm_decimals if ikm_decimals is not None else shown_decimals(reported)
    return CONVERSION * 0.5 * 10.0**-d_nrr + 0.5 * 10.0**-d_ikm + 1e-9


def reported_ikm_holds(
    nrr: Mapping[str, float], reported: float, nrr_decimals: int | None = None, ikm_decimals: int | None = None
) -> bool:
    """Whether an office's own IKM (an "IKM Layanan" column or an IKM row) can come from the NRR
    it shows. When it holds, it is the headline (it was computed from unrounded data: the seed's
    99,09 next to 99,03 from the rounded NRR); when not, the regulation's figure is. The importer
    decides with the decimals the file shows and keeps only an IKM that holds; `score_layanan`
    asks again of what is stored (fewer decimals known means a wider tolerance, never a narrower)."""
    tolerance = reported_ikm_tolerance(nrr, reported, nrr_decimals, ikm_decimals)
    return abs(reported - ikm_from_nrr(nrr)) <= tolerance


def reported_ikm_cause(nrr: Mapping[str, float], reported: float) -> str:
    """The likely wrong formula behind an office's IKM that its NRR cannot give."""
    total = math.fsum(nrr[c] for c in CODES)
    tolerance = reported_ikm_tolerance(nrr, reported, 2, 2)
    candidates = (
        ("bobot 0,111 per unsur, bukan 1/9", total * 0.111 * CONVERSION),
        ("bobot 0,11 per unsur, bukan 1/9", total * 0.11 * CONVERSION),
        ("NRR tertimbang dibulatkan sebelum dikali 25", sum(round(nrr[c] / 9, 2) for c in CODES) * CONVERSION),
        ("rata-rata NRR dibulatkan sebelum dikali 25", round(total / 9, 2) * CONVERSION),
        ("rata-rata NRR dibulatkan ke satu desimal sebelum dikali 25", round(total / 9, 1) * CONVERSION),
    )
    near = [(abs(value - reported), cause) for cause, value in candidates if abs(value - reported) <= tolerance]
    if near:
        return min(near)[1]
    return "rumus lain (misalnya bobot unsur yang tidak sama atau IKM dari data lain)"


@dataclass(frozen=True)
class LayananStats:
    """What the store knows about one layanan in one period.

    Raw responses give `sums` and `answered` (per-unsur answer counts, blanks excluded);
    an aggregated table gives `nrr_reported` and maybe `ikm_reported`.
    """

    name: str
    respondents: int | None = None
    sums: Mapping[str, float] | None = None
    answered: Mapping[str, int] | None = None
    blank_respondents: int | None = None
    nrr_reported: Mapping[str, float] | None = None
    ikm_reported: float | None = None
    # Sum over respondents of the squared linearised deviation of the 1-4 mean score
    # (see `storage.layanan_stats`); lets us give a 95% interval for the IKM.
    deviance: float | None = None


@dataclass(frozen=True)
class Score:
    """IKM figures of a layanan, a unit (over its layanan) or a wilayah (over its units)."""

    name: str
    method: str
    source: str
    nrr: dict[str, float]
    ikm: float
    ikm_derived: float  # from the nine NRR shown, exactly 1/9 each
    ikm_reported: float | None
    respondents: int | None
    blank_respondents: int | None
    answered: dict[str, int] | None
    variance: float | None  # of the IKM estimate, for the interval
    parts: tuple[Score, ...] = field(default=())

    @property
    def mutu(self) -> Mutu:
        return mutu_ikm(self.ikm)

    @property
    def nrr_mutu(self) -> dict[str, Mutu]:
        return {c: mutu_nrr(v) for c, v in self.nrr.items()}

    @property
    def ci95(self) -> tuple[float, float] | None:
        if self.variance is None:
            return None
        half = Z95 * math.sqrt(self.variance)
        return max(25.0, self.ikm - half), min(100.0, self.ikm + half)


def score_layanan(stats: LayananStats) -> Score:
    if stats.sums is not None and stats.answered is not None:
        nrr = {}
        for c in CODES:
            if not stats.answered.get(c):
                raise ValueError(f"layanan {stats.name!r}: no answers for {c}")
            nrr[c] = stats.sums[c] / stats.answered[c]
        source = SOURCE_RESPONDEN
        method = "dari jawaban responden"
        variance = None
        if stats.deviance is not None and stats.respondents and stats.respondents > 1:
            n = stats.respondents
            variance = (CONVERSION**2) * stats.deviance * n / (n - 1)
    elif stats.nrr_reported is not None:
        nrr = {c: float(stats.nrr_reported[c]) for c in CODES}
        source = SOURCE_AGREGAT
        method = "dari tabel NRR"
        variance = None
    else:
        raise ValueError(f"layanan {stats.name!r} has neither responses nor NRR")
    derived = ikm_from_nrr(nrr)
    ikm = derived
    if stats.ikm_reported is not None and reported_ikm_holds(nrr, stats.ikm_reported):
        ikm, method = stats.ikm_reported, METHOD_REPORTED
    elif stats.ikm_reported is not None:
        method = METHOD_REPORTED_WRONG
    return Score(
        name=stats.name,
        method=method,
        source=source,
        nrr=nrr,
        ikm=ikm,
        ikm_derived=derived,
        ikm_reported=stats.ikm_reported,
        respondents=stats.respondents,
        blank_respondents=stats.blank_respondents,
        answered=dict(stats.answered) if stats.answered is not None else None,
        variance=variance,
    )


def _sum_or_none(values: Iterable[int | None]) -> int | None:
    vals = list(values)
    return None if any(v is None for v in vals) else sum(v for v in vals if v is not None)


def combine(name: str, parts: Sequence[Score], method: str) -> Score:
    """Unweighted mean over parts: a unit over its layanan, a wilayah over its units."""
    if not parts:
        raise ValueError(f"{name!r}: nothing to combine")
    k = len(parts)
    # Plain left-to-right sums, in the order the parts were stored.
    nrr = {c: sum(p.nrr[c] for p in parts) / k for c in CODES}
    ikm = sum(p.ikm for p in parts) / k
    reported = [p for p in parts if p.ikm_reported is not None and p.method != METHOD_REPORTED_WRONG]
    variances = [p.variance for p in parts]
    variance = None if any(v is None for v in variances) else sum(v for v in variances if v is not None) / k**2
    sources = {p.source for p in parts}
    answered = None
    if all(p.answered is not None for p in parts):
        answered = {c: sum(p.answered[c] for p in parts if p.answered) for c in CODES}
    return Score(
        name=name,
        method=method,
        source=sources.pop() if len(sources) == 1 else SOURCE_CAMPURAN,
        nrr=nrr,
        ikm=ikm,
        ikm_derived=ikm_from_nrr(nrr),
        ikm_reported=ikm if reported else None,
        respondents=_sum_or_none(p.respondents for p in parts),
        blank_respondents=_sum_or_none(p.blank_respondents for p in parts),
        answered=answered,
        variance=variance,
        parts=tuple(parts),
    )


def pooled(name: str, stats: Sequence[LayananStats]) -> Score | None:
    """Every respondent counted once, whatever layanan or unit: None if any data is aggregated."""
    if not stats or any(s.sums is None or s.answered is None for s in stats):
        return None
    sums = {c: math.fsum(s.sums[c] for s in stats if s.sums) for c in CODES}
    answered = {c: sum(s.answered[c] for s in stats if s.answered) for c in CODES}
    pooled_stats = LayananStats(
        name=name,
        respondents=_sum_or_none(s.respondents for s in stats),
        sums=sums,
        answered=answered,
        blank_respondents=_sum_or_none(s.blank_respondents for s in stats),
    )
    score = score_layanan(pooled_stats)
    return Score(
        name=score.name,
        method=METHOD_POOLED,
        source=SOURCE_RESPONDEN,
        nrr=score.nrr,
        ikm=score.ikm,
        ikm_derived=score.ikm_derived,
        ikm_reported=None,
        respondents=score.respondents,
        blank_respondents=score.blank_respondents,
        answered=score.answered,
        variance=None,
    )


TIE_TOLERANCE = 1e-9


def lowest(values: Mapping[str, float], n: int = 3) -> list[str]:
    """Keys of the n lowest values, ascending; anything tied with the n-th comes along.

    >>> lowest({"U1": 3.0, "U2": 2.0, "U3": 3.0, "U4": 4.0}, n=2)
    ['U2', 'U1', 'U3']
    """
    order = {k: i for i, k in enumerate(values)}
    # Values equal but for float noise rank as ties, in the order they were given (U1 before U5).
    ranked = sorted(values, key=lambda k: (round(values[k], 9), order[k]))
    if len(ranked) <= n:
        return ranked
    cutoff = values[ranked[n - 1]]
    return [k for k in ranked if values[k] <= cutoff + TIE_TOLERANCE]


def priorities(score: Score, n: int = 3) -> list[str]:
    """The unsur to improve first: the n lowest NRR, ties kept."""
    return lowest(score.nrr, n)


def lowest_parts(score: Score) -> list[Score]:
    """The part(s) with the lowest IKM (a unit's lowest layanan), ties kept."""
    if not score.parts:
        return []
    names = lowest({p.name: p.ikm for p in score.parts}, n=1)
    by_name = {p.name: p for p in score.parts}
    return [by_name[nm] for nm in names]


def krejcie_morgan(population: int) -> int:
    """Minimum sample for a population of service users (95% confidence, ±5%, P = 0,5).

    >>> krejcie_morgan(100), krejcie_morgan(1000), krejcie_morgan(1_000_000)
    (80, 278, 384)
    """
    if population < 1:
        raise ValueError("population must be at least 1")
    chi2, p, d = 3.841, 0.5, 0.05
    s = chi2 * population * p * (1 - p) / (d**2 * (population - 1) + chi2 * p * (1 - p))
    # Round half up like the published table, never above the population itself.
    return min(population, math.floor(s + 0.5))
