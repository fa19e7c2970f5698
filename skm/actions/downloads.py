"""A unit's documents, built when the download is clicked, after the same check as a change: the
session as it is now and the permission on the unit. A denied or ended session gets an error and
no bytes (Streamlit's deferred download reports it and serves nothing).

    pdf = build_report(store, session, unit.id, period, LAPORAN_PDF)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from skm import kuesioner
from skm.access import REPORT, Access
from skm.actions.door import Session, authorise
from skm.actions.imports import questionnaire_links
from skm.bukti import build_pack
from skm.errors import StoreError
from skm.infografis import infografis_data, infografis_pdf, infografis_png
from skm.qr import poster_pdf, qr_png
from skm.report.data import report_data, unit_label
from skm.report.pdf import build_pdf
from skm.report.rekap import rekap_data
from skm.report.rekap_pdf import build_rekap_pdf
from skm.report.rekap_xlsx import build_rekap_xlsx
from skm.report.survei import build_survey_pdf, survey_data
from skm.report.xlsx import build_xlsx
from skm.storage import Store
from skm.units import Period, Unit

LAPORAN_PDF, LAPORAN_XLSX, SKM_PDF, INFOGRAFIS_PNG, INFOGRAFIS_PDF, REKAP_PDF, REKAP_XLSX = (
    "laporan_pdf",
    "laporan_xlsx",
    "skm_pdf",
    "infografis_png",
    "infografis_pdf",
    "rekap_pdf",
    "rekap_xlsx",
)


def _infografis(store: Store, unit: Unit, period: Period, today: date, png: bool) -> bytes:
    found = infografis_data(store, unit, period, today=today)
    if found is None:
        return b""
    pdf = infografis_pdf(found)
    return infografis_png(pdf) if png else pdf


BUILDERS: dict[str, Callable[[Store, Unit, Period, date], bytes]] = {
    LAPORAN_PDF: lambda s, u, p, t: build_pdf(report_data(s, u, p, today=t)),
    LAPORAN_XLSX: lambda s, u, p, t: build_xlsx(report_data(s, u, p, today=t)),
    SKM_PDF: lambda s, u, p, t: build_survey_pdf(survey_data(s, u, p, today=t)),
    INFOGRAFIS_PNG: lambda s, u, p, t: _infografis(s, u, p, t, png=True),
    INFOGRAFIS_PDF: lambda s, u, p, t: _infografis(s, u, p, t, png=False),
    REKAP_PDF: lambda s, u, p, t: build_rekap_pdf(rekap_data(s, u, p, today=t)),
    REKAP_XLSX: lambda s, u, p, t: build_rekap_xlsx(rekap_data(s, u, p, today=t)),
}


def _seen_unit(store: Store, access: Access, unit_id: int) -> Unit:
    """The unit as this account may see it: nothing above its scope in a path or a letter."""
    unit = store.unit(unit_id)
    return replace(unit, path=access.display_path(unit))


def build_report(
    store: Store, session: Session, unit_id: int, period: Period, kind: str, today: date | None = None
) -> bytes:
    """One of the unit's documents (LAPORAN_PDF, LAPORAN_XLSX, SKM_PDF, INFOGRAFIS_PNG/PDF, and at a
    kecamatan/kota REKAP_PDF, REKAP_XLSX) as bytes."""
    access = authorise(store, session, REPORT, unit_id)
    return BUILDERS[kind](store, _seen_unit(store, access, unit_id), period, today or date.today())


def build_evidence_pack(store: Store, session: Session, unit_id: int, year: int, today: date | None = None) -> bytes:
    """The PEKPPP evidence pack (ZIP) of the unit and year (skm.bukti)."""
    access = authorise(store, session, REPORT, unit_id)
    return build_pack(store, access, _seen_unit(store, access, unit_id), year, today or date.today())


def _link(store: Store, session: Session, unit_id: int, token: str) -> kuesioner.Link:
    found = next((link for link in questionnaire_links(store, session, unit_id) if link.token == token), None)
    if found is None:
        raise StoreError("Tautan kuesioner ini sudah tidak ada; muat ulang halaman.")
    return found


def questionnaire_qr(store: Store, session: Session, unit_id: int, token: str) -> bytes:
    """The QR code (PNG) of one of the unit's questionnaire links."""
    return qr_png(kuesioner.questionnaire_url(_link(store, session, unit_id, token).token), scale=8)


def questionnaire_poster(store: Store, session: Session, unit_id: int, token: str, size: str) -> bytes:
    """The printable poster (PDF, A4 or A5) of one of the unit's questionnaire links."""
    link = _link(store, session, unit_id, token)
    url = kuesioner.questionnaire_url(link.token)
    return poster_pdf(url, unit_label(store.unit(unit_id)), link.layanan, size=size)
