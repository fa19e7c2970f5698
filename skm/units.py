"""The unit tree (kota > kecamatan > kelurahan) and periods (tahun + semester).

>>> Period.parse("2024-S1").label, Period.parse("2024-1").previous()
('Semester I 2024', Period(tahun=2023, semester=2))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from skm.errors import PeriodInvalid

LEVELS = ("provinsi", "kota", "kecamatan", "kelurahan")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/ ]\s*(?:s|sem|semester)?\s*([12])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    tahun: int
    semester: int

    @classmethod
    def parse(cls, text: str) -> Period:
        m = _PERIOD.match(text)
        if not m:
            raise PeriodInvalid(
                f"Periode '{text}' tidak dikenal. Tulis tahun dan semester, misalnya 2024-S1 atau 2024-1."
            )
        tahun = int(m.group(1))
        if not 2000 <= tahun <= 2100:
            raise PeriodInvalid(f"Tahun {tahun} pada periode '{text}' tidak masuk akal.")
        return cls(tahun, int(m.group(2)))

    @property
    def code(self) -> str:
        return f"{self.tahun}-S{self.semester}"

    @property
    def label(self) -> str:
        return f"Semester {'I' if self.semester == 1 else 'II'} {self.tahun}"

    def previous(self) -> Period:
        return Period(self.tahun, 1) if self.semester == 2 else Period(self.tahun - 1, 2)

    def next(self) -> Period:
        return Period(self.tahun, 2) if self.semester == 1 else Period(self.tahun + 1, 1)

    def __str__(self) -> str:
        return self.code


def period_of(day: date) -> Period:
    """The semester a date falls in: January–June is I, July–December II."""
    return Period(day.year, 1 if day.month <= 6 else 2)


def unusual_period(period: Period, today: date) -> str | None:
    """Why saving data into `period` deserves a second look (a typo in the year is the usual cause):
    a semester that has not started yet, or one more than a year back; None for the usual ones.

    >>> unusual_period(Period(2026, 2), date(2026, 12, 1)) is None
    True
    >>> unusual_period(Period(2025, 2), date(2026, 12, 1)) is None
    True
    >>> unusual_period(Period(2025, 1), date(2026, 12, 1))
    'Semester I 2025 lebih dari setahun yang lalu.'
    >>> unusual_period(Period(2027, 1), date(2026, 12, 1))
    'Semester I 2027 belum dimulai.'
    """
    now = period_of(today)
    if period > now:
        return f"{period.label} belum dimulai."
    if period < now.previous().previous():
        return f"{period.label} lebih dari setahun yang lalu."
    return None


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    level: str
    parent_id: int | None
    path: tuple[str, ...]
    is_demo: bool = False

    @property
    def path_text(self) -> str:
        return "/".join(self.path)


def split_path(text: str) -> list[str]:
    """'Jakarta Timur / Makasar/Halim' -> ['Jakarta Timur', 'Makasar', 'Halim']."""
    return [part.strip() for part in text.split("/") if part.strip()]


def level_for_depth(depth: int) -> str:
    """Depth 0 is a kota, 1 a kecamatan, 2 and below a kelurahan."""
    return LEVELS[min(depth + 1, len(LEVELS) - 1)]
