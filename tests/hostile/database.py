"""The hostile database: units, layanan, saran, profile answers, file names, RTL rows and letter
settings holding HTML and Markdown, used by the browser checks (tests/test_web_security.py) and
the page walk (tests/test_escaping.py)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from skm import accounts, kuesioner
from skm.ingest import read_survey
from skm.kuesioner import Entry, period_of
from skm.rtl import STATUS_BELUM, STATUS_SUDAH, RtlItem
from skm.settings import ReportSettings
from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DRAFT, Store
from skm.units import Period
from skm.unsur import CODES

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
MD_LINK = "**x** [link](javascript:alert(1))"
MD_BOLD = "**tebal** [klik](javascript:alert(1))"
MD_MISC = ":red[merah] $x^2$ _miring_ :smile:"
FORMULAS = ['=HYPERLINK("http://evil.example","klik")', "+62 812 3456", "-2+3", "@SUM(A1:A9)", "\tTAB=1+1"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

KOTA = "Kota Uji"
KECAMATAN = IMG  # a kecamatan called <img src=x onerror=alert(1)>
KEL_A = SVG  # with two semesters of data, RTL and letter settings
KEL_B = MD_LINK  # one semester, and an upload through the browser
KEL_C = MD_MISC  # no data: listed as missing
P1, P2 = Period(2024, 1), Period(2024, 2)
PAGES = ["ringkasan", "perbandingan", "tren", "responden", "unggah", "rtl", "laporan", "presentasi"]
HEADER = "Jenis Layanan;" + ";".join(CODES) + ";Pendidikan;Pekerjaan;Saran"


def csv_bytes(rows_by_layanan: dict[str, list[int]], saran: list[str]) -> bytes:
    """One respondent per score in each layanan's list (the same score for all nine unsur)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER.split(";"))
    k = 0
    for lay, scores in rows_by_layanan.items():
        for s in scores:
            text = saran[k % len(saran)] if saran else ""
            profile = [MD_BOLD, IMG] if k % 2 else ["SMA", "Swasta"]
            writer.writerow([lay, *[str(s)] * 9, *profile, text])
            k += 1
    return out.getvalue().encode()


def build_db(path: Path) -> dict[str, int]:
    """The hostile database; returns unit ids by role."""
    store = Store(path)
    try:
        a = store.ensure_unit_path(f"{KOTA}/{KECAMATAN}/{KEL_A}")[0]
        b = store.ensure_unit_path(f"{KOTA}/{KECAMATAN}/{KEL_B}")[0]
        store.ensure_unit_path(f"{KOTA}/{KECAMATAN}/{KEL_C}")
        saran = [SCRIPT, IMG, SVG, MD_LINK, *FORMULAS]
        layanan = {SCRIPT: [2, 2, 3], IMG: [4, 3, 4], MD_BOLD: [3, 4, 4], "Loket Biasa": [4, 4, 4]}
        for period, bump in ((P1, 0), (P2, 1)):
            data = csv_bytes({k: [min(4, s + bump) for s in v] for k, v in layanan.items()}, saran)
            store.import_survey(read_survey(data, f"{IMG}.csv"), data, a.id, period)
        data = csv_bytes({SCRIPT: [3, 3], MD_BOLD: [4, 2]}, saran)
        store.import_survey(read_survey(data, f"{SVG}.csv"), data, b.id, P1)
        store.save_rtl(
            a.id,
            P1,
            [
                RtlItem(1, "U1", SCRIPT, ("I",), penanggung_jawab=IMG),
                RtlItem(1, "U1", FORMULAS[0], ("II",), penanggung_jawab=MD_LINK, hambatan=FORMULAS[3]),
                RtlItem(
                    2,
                    "U2",
                    MD_BOLD,
                    ("I",),
                    status=STATUS_SUDAH,
                    tanggal=date(2024, 9, 2),
                    deskripsi=MD_LINK,
                    hambatan=SVG,
                ),
                RtlItem(3, "U3", FORMULAS[2], ("III",), status=STATUS_BELUM, deskripsi=FORMULAS[1]),
            ],
        )
        settings = ReportSettings(
            kop_pemerintah=SCRIPT,
            kop_unit=MD_LINK,
            nomor=FORMULAS[0],
            hal=SVG,
            kepada=IMG,
            jabatan=MD_BOLD,
            penandatangan=FORMULAS[3],
            nip=FORMULAS[1],
            tembusan=[FORMULAS[2], SCRIPT],
        )
        store.save_report_settings(a.id, P1, settings)
        kec = next(u for u in store.units() if u.name == KECAMATAN)
        return {"a": a.id, "b": b.id, "kecamatan": kec.id}
    finally:
        store.close()


# The issue's own example (a live link and red text to citizens), and HTML that plotly would draw.
EVIL = "**Tebal** [Klik hadiah](https://evil.example/phish) :red[MERAH]"
EVIL_HTML = '<a href="https://evil.example/x">klik</a> <b>tebal</b> :material/home:'
# Account names have no spaces, but may hold everything else.
ACCOUNT = "**op**[klik](https://evil.example/akun):red[x]"


@dataclass(frozen=True)
class PublicSide:
    token: str  # the questionnaire (?isi=) and results (?hasil=) token of kelurahan A
    period: Period  # open for answers today


def add_public_side(path: Path, ids: dict[str, int], today: date | None = None) -> PublicSide:
    """Kelurahan A gets the EVIL layanan, an online answer with an EVIL saran, its questionnaire
    open today, P2 approved (so ?hasil= publishes it), and an operator called ACCOUNT."""
    today = today or date.today()
    store = Store(path)
    try:
        unit_id = ids["a"]
        for name in (EVIL, EVIL_HTML):
            kuesioner.ensure_layanan(store, unit_id, name)
        period = period_of(today)
        kuesioner.set_open(store, unit_id, period, True)
        token = kuesioner.link_token(store, unit_id)
        entry = Entry("Perempuan", 40, "SMA/SMK", "Swasta", EVIL, today, dict.fromkeys(CODES, 2), EVIL)
        kuesioner.submit(store, token, entry, form_token=kuesioner.issue_form(store, token))
        store.set_period_status(unit_id, P2, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="operator")
        store.set_period_status(unit_id, P2, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="camat")
        accounts.create_user(
            store, ACCOUNT, "kata-sandi-uji-123", accounts.OPERATOR, unit_id, actor=ACCOUNT, email="x@evil.example"
        )
        return PublicSide(token, period)
    finally:
        store.close()
