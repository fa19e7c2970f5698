"""Tables as plain data, shared by the dashboard and the report.

rows = tabel1(result)   # the seed's Tabel 1: parts × unsur, row mean, IKM, Rata-rata and Mutu rows
"""

from __future__ import annotations

from dataclasses import dataclass

from skm.scoring import CONVERSION, Score
from skm.summary import UnitSummary


@dataclass(frozen=True)
class Tabel1Row:
    label: str
    nrr: dict[str, float]
    row_mean: float  # the row's NRR tertimbang, Σ NRR × 1/9 = IKM / 25 (the laporan's column after U9)
    ikm: float | None
    kind: str  # part | mean | mutu
    mutu: dict[str, str] | None = None
    ikm_mutu: str | None = None


def tabel1(result: UnitSummary) -> list[Tabel1Row]:
    """Ringkasan Hasil SKM as the regulation's report lays it out (Tabel 1 of the seed)."""
    s = result.score
    rows = [Tabel1Row(p.name, dict(p.nrr), tertimbang(p), p.ikm, "part") for p in s.parts or [s]]
    unit_mean = tertimbang(s)
    rows.append(Tabel1Row("Rata-rata IKM per Unsur", dict(s.nrr), unit_mean, s.ikm, "mean"))
    rows.append(
        Tabel1Row(
            "Mutu Layanan",
            dict(s.nrr),
            unit_mean,
            s.ikm,
            "mutu",
            mutu={c: m.letter for c, m in s.nrr_mutu.items()},
            ikm_mutu=s.mutu.letter,
        )
    )
    return rows


def tertimbang(score: Score) -> float:
    """NRR tertimbang of a row: its IKM / 25, so the column agrees with the row's IKM.

    The same as the mean of its nine NRR for respondent data; for a table that states its IKM
    (the seed's Tabel 1) it is the stated IKM's, as the laporan prints it: PKK's NRR shown at two
    decimals average 3,964…, its IKM 99,22 gives 3,97.
    """
    return score.ikm / CONVERSION
