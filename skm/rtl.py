"""Rencana Tindak Lanjut: plan rows, their realisation, and progress as the national evaluation
reads it.

    items = store.rtl_items(unit.id, period)
    p = progress(items, period, today=date(2024, 7, 9))
    p.percent, p.band, p.overdue
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from skm.units import Period

TRIWULAN = ("I", "II", "III", "IV")
STATUS_SUDAH = "sudah"
STATUS_BELUM = "belum"


@dataclass(frozen=True)
class Photo:
    id: int
    file_name: str
    stored_path: str
    caption: str = ""


@dataclass(frozen=True)
class RtlItem:
    """One plan row (program/kegiatan) with its realisation."""

    nomor: int  # the priority it serves: 1, 2, 3 (several programs may share one)
    unsur: str  # U1..U9
    program: str
    triwulan: tuple[str, ...]  # planned quarters of the plan year, e.g. ("II",) or ("II", "III")
    penanggung_jawab: str = ""
    status: str = STATUS_BELUM
    tanggal: date | None = None  # of the realisation
    deskripsi: str = ""
    hambatan: str = ""
    id: int | None = None
    photos: tuple[Photo, ...] = field(default=())

    @property
    def done(self) -> bool:
        return self.status == STATUS_SUDAH


def triwulan_end(tahun: int, tw: str) -> date:
    """Last day of a quarter: TW II 2024 ends on 30 June 2024."""
    month = 3 * (TRIWULAN.index(tw) + 1)
    return date(tahun, month, 31 if month in (3, 12) else 30)


def plan_year(period: Period) -> int:
    """The year an RTL is scheduled in: the survey's own year (the seed plans TW II-IV 2024 for S1 2024)."""
    return period.tahun


def is_overdue(item: RtlItem, period: Period, today: date) -> bool:
    """Still 'belum' after the last quarter it was planned for has ended."""
    if item.done or not item.triwulan:
        return False
    last = max(item.triwulan, key=TRIWULAN.index)
    return today > triwulan_end(plan_year(period), last)


def realisation_band(planned: int, realised: int) -> int | None:
    """National evaluation score for realisation (realised ÷ planned):
    100% -> 5, > 80% -> 4, 30-80% -> 3, < 30% -> 2; None when nothing is planned."""
    if planned <= 0:
        return None
    ratio = realised / planned
    if realised >= planned:
        return 5
    if ratio > 0.8:
        return 4
    if ratio >= 0.3:
        return 3
    return 2


def months_between(start: date, end: date) -> float:
    """Whole and partial months from start to end (negative when end comes first)."""
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 30.0


@dataclass(frozen=True)
class Progress:
    planned: int
    realised: int
    band: int | None
    overdue: tuple[RtlItem, ...]
    # Months from the end of the survey period to each realisation (0 when done before it ended).
    months_to_realise: tuple[float, ...]

    @property
    def percent(self) -> float | None:
        return None if not self.planned else self.realised / self.planned

    @property
    def mean_months(self) -> float | None:
        m = self.months_to_realise
        return None if not m else sum(m) / len(m)


def period_end(period: Period) -> date:
    return date(period.tahun, 6, 30) if period.semester == 1 else date(period.tahun, 12, 31)


def progress(items: list[RtlItem], period: Period, today: date) -> Progress:
    done = [i for i in items if i.done]
    end = period_end(period)
    months = tuple(max(0.0, months_between(end, i.tanggal)) for i in done if i.tanggal is not None)
    return Progress(
        planned=len(items),
        realised=len(done),
        band=realisation_band(len(items), len(done)),
        overdue=tuple(i for i in items if is_overdue(i, period, today)),
        months_to_realise=months,
    )
