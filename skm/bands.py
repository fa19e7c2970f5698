"""The bands of PEKPPP indicators 6-9 (PermenPANRB 29/2022), read from public LKE forms: one table
that skm.pekppp scores with and skm.rtl names the realisation band from (so neither imports the other).

    score_of("8", 0.81)        # 4: more than 80% of the RTL realised
    realisation_score(4, 3)    # 3
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    score: int
    rule: str  # the LKE's answer, shortened
    limit: float | None = None  # the number the band is read from (see score_of)
    strict: bool = False  # the value must be above limit (8: "lebih dari 80%"), not at least it


# Highest band first. 7: at least `limit` media; 8: at least (or above) `limit` of the RTL realised;
# 9: the whole RTL realised within `limit` months of the SKM report's issue date.
BANDS: dict[str, tuple[Band, ...]] = {
    "6": (
        Band(5, "SKM sesuai PermenPANRB, dipublikasikan di media non-elektronik dan elektronik, dan ditindaklanjuti"),
        Band(4, "SKM sesuai PermenPANRB, dipublikasikan di media non-elektronik dan elektronik"),
        Band(3, "SKM sesuai PermenPANRB dan dipublikasikan di media non-elektronik"),
        Band(2, "SKM sesuai PermenPANRB 14/2017"),
        Band(1, "SKM dilaksanakan tetapi tidak sesuai PermenPANRB 14/2017"),
        Band(0, "belum melaksanakan SKM"),
    ),
    "7": (
        Band(5, "dipublikasikan di lebih dari 4 media", 5),
        Band(4, "dipublikasikan di 4 media", 4),
        Band(3, "dipublikasikan di 3 media", 3),
        Band(2, "dipublikasikan di 2 media", 2),
        Band(1, "dipublikasikan di 1 media", 1),
        Band(0, "tidak dipublikasikan", 0),
    ),
    "8": (
        Band(5, "100% terealisasi", 1.0),
        Band(4, "lebih dari 80%", 0.8, strict=True),
        Band(3, "30–80%", 0.3),
        Band(2, "kurang dari 30%", 0.0, strict=True),
        Band(1, "ada RTL tetapi belum dilaksanakan", 0.0),
        Band(0, "tidak ada RTL"),
    ),
    "9": (
        Band(5, "seluruh RTL selesai dalam 1 bulan setelah laporan SKM terbit", 1),
        Band(4, "seluruh RTL selesai dalam 3 bulan", 3),
        Band(3, "seluruh RTL selesai dalam 6 bulan", 6),
        Band(2, "seluruh RTL selesai dalam 9 bulan", 9),
        Band(1, "seluruh RTL selesai dalam 12 bulan", 12),
        Band(0, "RTL tidak (seluruhnya) ditindaklanjuti"),
    ),
}
NAMES = {
    "6": "SKM dilaksanakan sesuai PermenPANRB",
    "7": "Jumlah media publikasi hasil SKM",
    "8": "Persentase RTL hasil SKM yang selesai ditindaklanjuti",
    "9": "Kecepatan tindak lanjut hasil SKM seluruh jenis pelayanan",
}
REALISATION_RULES = {b.score: b.rule for b in BANDS["8"] if b.score >= 1}


def band(indicator: str, score: int) -> Band:
    return next(b for b in BANDS[indicator] if b.score == score)


def score_of(indicator: str, value: float) -> int:
    """The band a number falls in: 7 media count, 8 share realised, 9 months to the last realisation.

    >>> score_of("7", 0), score_of("7", 4), score_of("7", 6)
    (0, 4, 5)
    >>> score_of("8", 0.8), score_of("8", 0.81), score_of("8", 0.0), score_of("8", 1.0)
    (3, 4, 1, 5)
    >>> score_of("9", 1.0), score_of("9", 1.2), score_of("9", 12), score_of("9", 12.5)
    (5, 4, 1, 0)
    """
    bands = [b for b in BANDS[indicator] if b.limit is not None]
    for b in bands:
        assert b.limit is not None
        if indicator == "9":
            if value <= b.limit:
                return b.score
        elif value > b.limit if b.strict else value >= b.limit:
            return b.score
    return min(b.score for b in BANDS[indicator])


def realisation_score(planned: int, realised: int) -> int:
    """Indicator 8 for a plan of `planned` items of which `realised` are done (planned > 0)."""
    return score_of("8", realised / planned)
