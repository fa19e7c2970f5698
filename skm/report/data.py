"""Everything the Laporan Hasil Tindak Lanjut needs, gathered once as plain data.

    data = report_data(store, unit, Period(2024, 1), today=date.today())
    pdf_bytes = build_pdf(data)      # skm.report.pdf
    xlsx_bytes = build_xlsx(data)    # skm.report.xlsx

The builders never touch the store: a ReportData can be built in one thread and rendered in
another, and tests can render hand-made data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from skm import scoring
from skm.errors import SkmError
from skm.formatting import ROMAWI
from skm.labels import unit_label
from skm.rtl import TRIWULAN, Progress, RtlItem, progress
from skm.scoring import Mutu, Score
from skm.settings import ReportSettings, default_addressee, default_settings
from skm.storage import Store
from skm.summary import UnitSummary, unit_summary
from skm.tables import Tabel1Row, tabel1
from skm.units import Period, Unit
from skm.unsur import UNSUR

TW_DEFAULT = {1: ("II", "III", "IV"), 2: ("III", "IV")}


@dataclass(frozen=True)
class UnsurValue:
    """One unsur of a unit or layanan: U1 Persyaratan 3,97 (A)."""

    code: str
    name: str
    nrr: float
    mutu: Mutu


class UnitLetter:
    """What a document about one unit and period, with a cover letter, says of itself (ReportData,
    skm.report.rekap.RekapData)."""

    unit: Unit
    period: Period
    today: date
    settings: ReportSettings

    @property
    def is_demo(self) -> bool:
        return self.unit.is_demo

    @property
    def unit_label(self) -> str:
        """'Kelurahan Halim Perdanakusuma' (a name that already says its level is kept as is)."""
        return unit_label(self.unit)

    @property
    def period_text(self) -> str:
        """'Semester I Tahun 2024', as the report writes it."""
        return period_text(self.period)

    @property
    def letter_date(self) -> date:
        return self.settings.tanggal or self.today


@dataclass(frozen=True)
class ReportData(UnitLetter):
    unit: Unit
    period: Period
    today: date
    settings: ReportSettings  # a copy with blanks the document needs filled in (hal, jabatan)
    summary: UnitSummary
    tabel1: tuple[Tabel1Row, ...]
    layanan: tuple[str, ...]  # the unit's layanan, in Tabel 1 order
    priorities: tuple[UnsurValue, ...]  # the three lowest unsur of the unit, ties kept
    lowest_layanan: tuple[Score, ...]  # the layanan with the lowest IKM, ties kept
    lowest_layanan_unsur: tuple[UnsurValue, ...]  # the lowest unsur of the (first) lowest layanan, ties kept
    rtl: tuple[RtlItem, ...]
    photos: tuple[tuple[Path, ...], ...]  # per RTL item (same order): its photo files that exist
    missing_photos: int  # photos on record whose file is gone
    progress: Progress

    @property
    def score(self) -> Score:
        return self.summary.score

    @property
    def triwulan_columns(self) -> tuple[str, ...]:
        """The quarters Tabel 2 shows: TW II–IV for a first semester (as the seed), TW III–IV for a
        second, plus any quarter an RTL item is planned in."""
        wanted = set(TW_DEFAULT[self.period.semester]) | {tw for i in self.rtl for tw in i.triwulan}
        return tuple(tw for tw in TRIWULAN if tw in wanted)


def period_text(period: Period) -> str:
    return f"Semester {ROMAWI[period.semester]} Tahun {period.tahun}"


def unsur_values(score: Score, codes: list[str]) -> tuple[UnsurValue, ...]:
    return tuple(UnsurValue(c, UNSUR[c].name, score.nrr[c], score.nrr_mutu[c]) for c in codes)


def _photo_files(store: Store, item: RtlItem) -> tuple[tuple[Path, ...], int]:
    """The item's photo files that exist: as stored, else under the store's own rtl/ folder
    (a relative path stored by a process that ran from another directory)."""
    found: list[Path] = []
    missing = 0
    for photo in item.photos:
        stored = Path(photo.stored_path)
        for candidate in (stored, store.path.parent / "rtl" / stored.name):
            if candidate.is_file():
                found.append(candidate)
                break
        else:
            missing += 1
    return tuple(found), missing


def effective_settings(
    settings: ReportSettings, unit: Unit, period: Period, title: str = "Laporan Hasil Tindak Lanjut Pelaksanaan SKM"
) -> ReportSettings:
    """Fill what the document cannot do without (Hal from the document's title); what the office
    wrote is kept."""
    guess = default_settings(unit)
    out = dataclasses.replace(settings, tembusan=list(settings.tembusan))
    if not out.hal.strip():
        out.hal = f"{title} {period_text(period)} {unit_label(unit)}"
    if not out.jabatan.strip():
        out.jabatan = guess.jabatan
    if not out.kop_unit.strip():
        out.kop_unit = guess.kop_unit
    if not out.kepada.strip():  # a letter always has an addressee (a kota's: the governor)
        out.kepada = default_addressee(unit, out.kop_pemerintah)
    return out


def report_data(store: Store, unit: Unit, period: Period, today: date) -> ReportData:
    """Gather the report of one unit (a kelurahan, or any unit with layanan of its own) for a period.

    Raises SkmError (Indonesian message) when the unit has no data for the period, or when it is
    a kecamatan/kota whose figures come from the units under it: the report is per unit."""
    result = unit_summary(store, unit, period)
    if result is None:
        raise SkmError(
            f"Belum ada data {period.label} untuk {unit.path_text}; laporan tidak dapat dibuat. "
            "Unggah data survei periode ini terlebih dahulu."
        )
    if result.is_wilayah:
        names = ", ".join(u.name for u in result.child_units)
        raise SkmError(
            f"Laporan Hasil Tindak Lanjut dibuat per unit layanan (kelurahan). {unit.path_text} merangkum "
            f"unit di bawahnya ({names}); buat laporan untuk masing-masing unit tersebut."
        )
    score = result.score
    lowest = tuple(scoring.lowest_parts(score))
    lowest_unsur = unsur_values(lowest[0], scoring.lowest(lowest[0].nrr, n=1)) if lowest else ()
    items = tuple(store.rtl_items(unit.id, period))
    photos: list[tuple[Path, ...]] = []
    missing = 0
    for item in items:
        files, gone = _photo_files(store, item)
        photos.append(files)
        missing += gone
    saved = store.report_settings(unit, period)
    return ReportData(
        unit=unit,
        period=period,
        today=today,
        settings=effective_settings(saved, unit, period),
        summary=result,
        tabel1=tuple(tabel1(result)),
        layanan=tuple(p.name for p in score.parts) or (score.name,),
        priorities=unsur_values(score, result.priorities),
        lowest_layanan=lowest,
        lowest_layanan_unsur=lowest_unsur,
        rtl=items,
        photos=tuple(photos),
        missing_photos=missing,
        progress=progress(list(items), period, today, issued=saved.tanggal_terbit),
    )
