"""The PEKPPP evidence pack of a unit and year: which documents prove which indicator.

    result = score_year(store, unit, 2024, today)
    year_json(result)           # {unit, year, indicators: {"6": {score, why, ...}, ...}, documents: [...]}
    documents(store, result)    # the pack's documents, in order, with the indicators each proves

What the LKE asks for (skm.pekppp names the source): the SKM report of year n-1 with its RTL and the
report of its follow-up (8); the SKM reports of the last two years and their follow-up (9); the
SKM report and the questionnaire used (6); a photo or screenshot of each publication (6, 7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skm.pekppp import YearScore
from skm.storage import Store
from skm.units import Period, Unit


@dataclass(frozen=True)
class Document:
    file: str  # name inside the ZIP
    title: str
    indicators: tuple[str, ...]  # PEKPPP indicator numbers it proves
    kind: str  # skm_report | tindak_lanjut | publikasi | kuesioner
    period: Period | None = None

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "title": self.title,
            "indicators": list(self.indicators),
            "period": self.period.code if self.period else None,
        }


def slug(text: str) -> str:
    """'Halim Perdanakusuma' -> 'halim-perdanakusuma'.

    >>> slug("RT/RW, LMK & FKDM")
    'rt-rw-lmk-fkdm'
    """
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower() or "unit"


def _has_data(store: Store, unit: Unit, period: Period) -> bool:
    return unit.id in store.units_with_data([unit.id], period)


def documents(store: Store, result: YearScore) -> list[Document]:
    """The documents of the pack that exist for the unit, in the order the index lists them."""
    unit, year = result.unit, result.year
    out: list[Document] = []

    def add(kind: str, title: str, indicators: tuple[str, ...], period: Period | None, name: str) -> None:
        out.append(Document(f"{len(out) + 1:02d}_{name}", title, indicators, kind, period))

    for s in result.semesters:
        if s.has_data:
            add(
                "skm_report",
                f"Laporan Survei Kepuasan Masyarakat {s.period.label}",
                ("6", "8", "9"),
                s.period,
                f"laporan-skm_{s.period.code}.pdf",
            )
    for s in result.semesters:
        if s.has_data:
            add(
                "tindak_lanjut",
                f"Laporan Hasil Tindak Lanjut SKM {s.period.label}",
                ("8", "9"),
                s.period,
                f"laporan-tindak-lanjut_{s.period.code}.pdf",
            )
    for previous in (year - 1, year - 2):
        for semester in (1, 2):
            period = Period(previous, semester)
            if _has_data(store, unit, period):
                add(
                    "skm_report",
                    f"Laporan Survei Kepuasan Masyarakat {period.label} (tahun sebelumnya)",
                    ("8", "9") if previous == year - 1 else ("9",),
                    period,
                    f"laporan-skm_{period.code}.pdf",
                )
    add(
        "publikasi",
        f"Catatan publikasi hasil SKM tahun {year} dengan bukti",
        ("6", "7"),
        None,
        f"publikasi-skm_{year}.pdf",
    )
    add("kuesioner", "Kuesioner SKM (PermenPANRB 14/2017) yang digunakan", ("6",), None, "kuesioner-skm.pdf")
    return out


def year_json(result: YearScore, docs: list[Document] | None = None) -> dict:
    return {
        "unit": result.unit.path_text,
        "year": result.year,
        "indicators": {n: {"name": i.name, **i.to_json()} for n, i in result.indicators.items()},
        "documents": [d.to_json() for d in docs or []],
    }
