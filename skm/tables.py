"""Tables as plain data, shared by the dashboard and the report.

rows = tabel1(result)   # the seed's Tabel 1: parts × unsur, row mean, IKM, Rata-rata and Mutu rows
"""

from __future__ import annotations

from dataclasses import dataclass

from skm.summary import UnitSummary
from skm.unsur import CODES


@dataclass(frozen=True)
class Tabel1Row:
    label: str
    nrr: dict[str, float]
    row_mean: float
    ikm: float | None
    kind: str  # part | mean | mutu
    mutu: dict[str, str] | None = None
    ikm_mutu: str | None = None


def tabel1(result: UnitSummary) -> list[Tabel1Row]:
    """Ringkasan Hasil SKM as the regulation's report lays it out (Tabel 1 of the seed)."""
    s = result.score
    rows = [
        Tabel1Row(p.name, dict(p.nrr), sum(p.nrr[c] for c in CODES) / len(CODES), p.ikm, "part") for p in s.parts
    ] or [Tabel1Row(s.name, dict(s.nrr), sum(s.nrr[c] for c in CODES) / len(CODES), s.ikm, "part")]
    unit_mean = sum(s.nrr[c] for c in CODES) / len(CODES)
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
