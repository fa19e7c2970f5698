"""The PEKPPP evidence pack of a unit and year: which documents prove which indicator.

    result = score_year(store, unit, 2024, today)
    year_json(result)           # {unit, year, indicators: {"6": {score, why, ...}, ...}, documents: [...]}
    documents(store, result)    # the pack's documents, in order, with the indicators each proves
    build_pack(store, access, unit, 2024, today)   # the ZIP: 00_indeks-bukti.pdf, then each document

What the LKE asks for (skm.pekppp names the source): the SKM report of year n-1 with its RTL and the
report of its follow-up (8); the SKM reports of the last two years and their follow-up (9); the
SKM report and the questionnaire used (6); a photo or screenshot of each publication (6, 7).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from skm.access import REPORT, Access
from skm.formatting import slug
from skm.pekppp import Publication, YearScore, score_year
from skm.report.data import report_data
from skm.report.pdf import build_pdf
from skm.report.pekppp_pdf import index_pdf, publication_pdf
from skm.report.survei import build_questionnaire_pdf, build_survey_pdf, survey_data
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
        if s.has_data and s.rtl:  # a follow-up report needs a plan to follow up
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


def _proof_file(store: Store, publication: Publication) -> Path | None:
    """The proof image as stored, else under the store's own publikasi/ folder (a relative path
    written by a process that ran elsewhere); None when there is none."""
    if not publication.stored_path:
        return None
    stored = Path(publication.stored_path)
    for candidate in (stored, store.path.parent / "publikasi" / stored.name):
        if candidate.is_file():
            return candidate
    return None


def _content(store: Store, result: YearScore, doc: Document, today: date) -> bytes:
    unit = result.unit
    if doc.kind == "skm_report":
        assert doc.period is not None
        return build_survey_pdf(survey_data(store, unit, doc.period, today))
    if doc.kind == "tindak_lanjut":
        assert doc.period is not None
        return build_pdf(report_data(store, unit, doc.period, today))
    if doc.kind == "publikasi":
        pubs = result.publications
        return publication_pdf(unit, result.year, pubs, [_proof_file(store, p) for p in pubs])
    return build_questionnaire_pdf(demo=unit.is_demo)


INDEX_FILE = "00_indeks-bukti.pdf"


def build_pack(store: Store, access: Access, unit: Unit, year: int, today: date) -> bytes:
    """The evidence pack as ZIP bytes: the index first, then each document (checked against the
    account first: the pack holds the unit's reports)."""
    access.require(REPORT, unit.id)
    result = score_year(store, unit, year, today)
    docs = documents(store, result)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr(INDEX_FILE, index_pdf(result, docs))
        for doc in docs:
            pack.writestr(doc.file, _content(store, result, doc, today))
    return out.getvalue()


def pack_name(unit: Unit, year: int) -> str:
    return f"bukti-pekppp_{slug(unit.name)}_{year}.zip"
