"""PermenPANRB 14/2017 arithmetic, checked against hand-computed figures and the seed report."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from skm import scoring
from skm.scoring import LayananStats, combine, ikm_from_nrr, mutu_ikm, mutu_nrr, score_layanan
from skm.unsur import CODES

# The seed's Tabel 1 (Laporan Hasil Tindak Lanjut SKM Semester I 2024, Kel. Halim Perdanakusuma).
SEED = {
    "Jumantik": ([3.97, 3.97, 3.97, 3.97, 3.96, 3.96, 3.97, 3.96, 3.97], 99.26),
    "Keterlibatan Umum": ([3.97, 3.97, 3.97, 3.96, 3.96, 3.96, 3.97, 3.97, 3.97], 99.24),
    "PKK": ([3.97, 3.97, 3.96, 3.96, 3.96, 3.96, 3.97, 3.96, 3.97], 99.22),
    "Posyandu": ([3.97, 3.97, 3.96, 3.96, 3.97, 3.97, 3.96, 3.96, 3.97], 99.20),
    "PPSU": ([3.93, 3.93, 3.95, 3.94, 3.93, 3.93, 3.95, 3.95, 3.94], 98.47),
    "RT/RW, LMK dan FKDM": ([3.97, 3.97, 3.96, 3.96, 3.96, 3.96, 3.96, 3.97, 3.97], 99.18),
}


def raw_stats(name: str, rows: list[list[int | None]]) -> LayananStats:
    """LayananStats from respondent rows, computed the long way round."""
    sums = {c: float(sum(r[i] for r in rows if r[i] is not None)) for i, c in enumerate(CODES)}
    answered = {c: sum(1 for r in rows if r[i] is not None) for i, c in enumerate(CODES)}
    means = {c: sums[c] / answered[c] for c in CODES}
    deviance = sum(
        sum((r[i] - means[c]) / answered[c] for i, c in enumerate(CODES) if r[i] is not None) ** 2 / 81 for r in rows
    )
    return LayananStats(
        name=name,
        respondents=len(rows),
        sums=sums,
        answered=answered,
        blank_respondents=sum(1 for r in rows if None in r),
        deviance=deviance,
    )


def seed_layanan(with_ikm: bool) -> list[scoring.Score]:
    return [
        score_layanan(
            LayananStats(name=n, nrr_reported=dict(zip(CODES, v, strict=True)), ikm_reported=ikm if with_ikm else None)
        )
        for n, (v, ikm) in SEED.items()
    ]


def test_ikm_uses_exactly_one_ninth():
    ppsu = dict(zip(CODES, SEED["PPSU"][0], strict=True))
    ikm = ikm_from_nrr(ppsu)
    assert round(ikm, 2) == 98.47
    # The approximations other tools use give other answers; that is why the weight is 1/9 exactly.
    for approx in (0.111, 0.1111, 0.11):
        assert round(sum(ppsu.values()) * approx * 25, 2) != 98.47
    assert ikm == pytest.approx(35.45 / 9 * 25, abs=1e-12)


def test_seed_unit_ikm_from_two_decimal_nrr_is_99_03():
    unit = combine("Halim Perdanakusuma", seed_layanan(with_ikm=False), scoring.METHOD_LAYANAN)
    assert f"{unit.ikm:.2f}" == "99.03"
    assert unit.mutu == scoring.MUTU_A
    assert [p.name for p in scoring.lowest_parts(unit)] == ["PPSU"]
    assert f"{scoring.lowest_parts(unit)[0].ikm:.2f}" == "98.47"


def test_seed_unit_ikm_with_reported_ikm_layanan_is_99_09():
    layanan = seed_layanan(with_ikm=True)
    unit = combine("Halim Perdanakusuma", layanan, scoring.METHOD_LAYANAN)
    assert f"{unit.ikm:.2f}" == "99.09"
    assert f"{unit.ikm_derived:.2f}" == "99.03"  # the NRR shown still give 99,03: both are reported
    assert unit.mutu.kinerja == "Sangat Baik"
    jumantik = layanan[0]
    assert jumantik.ikm == 99.26 and f"{jumantik.ikm_derived:.2f}" == "99.17"


def test_nrr_ignores_blanks_and_counts_per_unsur():
    rows: list[list[int | None]] = [
        [4, 4, 4, None, 4, 4, 4, 4, 4],
        [3, 3, 3, 2, 3, 3, 3, 3, 3],
        [2, 2, 2, None, 2, 2, 2, 2, 2],
    ]
    s = score_layanan(raw_stats("x", rows))
    assert s.nrr["U1"] == 3.0
    assert s.nrr["U4"] == 2.0  # one answer: 2 / 1, not (0 + 2 + 0) / 3
    assert s.blank_respondents == 2
    assert s.answered is not None and s.answered["U4"] == 1 and s.answered["U1"] == 3
    assert s.ikm == pytest.approx((3.0 * 8 + 2.0) / 9 * 25)


def test_hand_computed_layanan():
    # 4 respondents, chosen so every NRR is a short decimal: computed on paper.
    rows: list[list[int | None]] = [
        [4, 3, 4, 4, 3, 4, 4, 2, 3],
        [3, 3, 4, 4, 3, 4, 4, 2, 3],
        [4, 2, 3, 4, 4, 4, 3, 3, 3],
        [3, 4, 3, 4, 2, 4, 4, 1, 3],
    ]
    s = score_layanan(raw_stats("x", rows))
    assert s.nrr == {"U1": 3.5, "U2": 3.0, "U3": 3.5, "U4": 4.0, "U5": 3.0, "U6": 4.0, "U7": 3.75, "U8": 2.0, "U9": 3.0}
    # (3.5 + 3 + 3.5 + 4 + 3 + 4 + 3.75 + 2 + 3) / 9 * 25 = 29.75 / 9 * 25 = 82.638...
    assert f"{s.ikm:.2f}" == "82.64"
    assert s.mutu == scoring.MUTU_B
    assert scoring.priorities(s) == ["U8", "U2", "U5", "U9"]  # 2,0 then a three-way tie at 3,0


@pytest.mark.parametrize(
    ("ikm", "letter"),
    [
        (100.0, "A"),
        (88.31, "A"),
        (88.305, "A"),
        (88.3049, "B"),
        (88.30, "B"),
        (76.61, "B"),
        (76.605, "B"),
        (76.6049, "C"),
        (76.60, "C"),
        (65.00, "C"),
        (64.995, "C"),
        (64.994, "D"),
        (64.99, "D"),
        (25.0, "D"),
    ],
)
def test_mutu_bands_are_inclusive_on_the_rounded_value(ikm, letter):
    assert mutu_ikm(ikm).letter == letter


@pytest.mark.parametrize(
    ("nrr", "letter"),
    [(4.0, "A"), (3.5324, "A"), (3.5323, "B"), (3.0644, "B"), (3.0643, "C"), (2.60, "C"), (2.5999, "D"), (1.0, "D")],
)
def test_unsur_mutu_bands(nrr, letter):
    assert mutu_nrr(nrr).letter == letter


def test_kinerja_words():
    assert [m.kinerja for m in (scoring.MUTU_A, scoring.MUTU_B, scoring.MUTU_C, scoring.MUTU_D)] == [
        "Sangat Baik",
        "Baik",
        "Kurang Baik",
        "Tidak Baik",
    ]


def test_priorities_keep_ties_never_cut():
    ppsu = score_layanan(LayananStats(name="PPSU", nrr_reported=dict(zip(CODES, SEED["PPSU"][0], strict=True))))
    # The seed's RTL took U1, U2 and U6 from PPSU; U5 is tied with them at 3,93 and must show.
    assert scoring.priorities(ppsu) == ["U1", "U2", "U5", "U6"]
    assert scoring.lowest({"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0}, 3) == ["a", "b", "c", "d"]
    assert scoring.lowest({"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0}, 3) == ["a", "b", "c"]


def test_ties_survive_float_noise_from_different_sums():
    a = (0.1 + 0.2) + 0.3
    b = 0.1 + (0.2 + 0.3)
    assert a != b
    assert scoring.lowest({"x": 0.0, "y": a, "z": b, "w": 9.0}, 2) == ["x", "y", "z"]


def test_lowest_layanan_ties():
    layanan = [
        score_layanan(LayananStats(name=n, nrr_reported={c: v for c in CODES}))
        for n, v in (("A", 3.5), ("B", 3.2), ("C", 3.2))
    ]
    unit = combine("u", layanan, scoring.METHOD_LAYANAN)
    assert [p.name for p in scoring.lowest_parts(unit)] == ["B", "C"]


def test_wilayah_is_unweighted_mean_of_units_and_pooled_differs():
    big = raw_stats("L", [[4] * 9] * 90)
    small = raw_stats("L", [[2] * 9] * 10)
    u1 = combine("Kel A", [score_layanan(big)], scoring.METHOD_LAYANAN)
    u2 = combine("Kel B", [score_layanan(small)], scoring.METHOD_LAYANAN)
    kec = combine("Kec", [u1, u2], scoring.METHOD_WILAYAH)
    assert kec.ikm == 75.0  # (100 + 50) / 2, whatever the sample sizes
    pooled = scoring.pooled("Kec", [big, small])
    assert pooled is not None and pooled.ikm == pytest.approx((0.9 * 4 + 0.1 * 2) * 25)
    assert pooled.method == scoring.METHOD_POOLED and kec.method == scoring.METHOD_WILAYAH
    assert kec.respondents == 100


def test_pooled_is_none_when_any_data_is_aggregated():
    agg = LayananStats(name="x", nrr_reported={c: 3.0 for c in CODES})
    assert scoring.pooled("u", [raw_stats("y", [[3] * 9]), agg]) is None


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (10, 10),
        (50, 44),
        (100, 80),
        (200, 132),
        (500, 217),
        (1000, 278),
        (2000, 322),
        (5000, 357),
        (10000, 370),
        (1_000_000, 384),
    ],
)
def test_krejcie_morgan_matches_published_table(population, sample):
    assert scoring.krejcie_morgan(population) == sample


def test_confidence_interval_complete_data_equals_classic_formula():
    rng = random.Random(7)
    rows: list[list[int | None]] = [[rng.randint(2, 4) for _ in CODES] for _ in range(200)]
    s = score_layanan(raw_stats("x", rows))
    per_resp = [sum(r) / 9 * 25 for r in rows]  # type: ignore[arg-type]
    se = statistics.stdev(per_resp) / math.sqrt(len(rows))
    assert s.ikm == pytest.approx(statistics.fmean(per_resp))
    lo, hi = s.ci95  # type: ignore[misc]
    assert lo == pytest.approx(s.ikm - 1.959963984540054 * se)
    assert hi == pytest.approx(s.ikm + 1.959963984540054 * se)


def test_confidence_interval_covers_truth_about_95_percent():
    """Simulated surveys with blanks: the interval should hold the true IKM ~95% of the time."""
    rng = random.Random(11)
    probs = {c: [0.05, 0.15, 0.5, 0.3] if i % 2 else [0.02, 0.08, 0.4, 0.5] for i, c in enumerate(CODES)}
    truth = sum(sum((k + 1) * p for k, p in enumerate(probs[c])) for c in CODES) / 9 * 25
    hits, trials = 0, 400
    for _ in range(trials):
        rows = [
            [None if rng.random() < 0.05 else rng.choices([1, 2, 3, 4], probs[c])[0] for c in CODES] for _ in range(120)
        ]
        lo, hi = score_layanan(raw_stats("x", rows)).ci95  # type: ignore[misc]
        hits += lo <= truth <= hi
    assert 0.91 <= hits / trials <= 0.98


def test_no_interval_for_aggregated_tables():
    layanan = seed_layanan(with_ikm=True)
    assert layanan[0].ci95 is None
    assert combine("u", layanan, scoring.METHOD_LAYANAN).ci95 is None
