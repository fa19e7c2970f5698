"""A recorded publication of a unit's SKM results (PEKPPP indicators 6 and 7) and its media:
plain values the Store keeps and skm.pekppp scores.

    problems = publication_problems("cetak", date(2024, 7, 15), Period(2024, 1), date.today())
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from skm.rtl import period_start
from skm.units import Period


@dataclass(frozen=True)
class Medium:
    label: str
    elektronik: bool  # for indicator 6: published in non-electronic and electronic media
    examples: str


# The publication media of indicator 7 (LKE 7.a.T). A billboard/baliho counts as non-electronic.
MEDIA: dict[str, Medium] = {
    "cetak": Medium("Media cetak / non-elektronik", False, "brosur, leaflet, majalah, pamflet, papan pengumuman"),
    "elektronik": Medium("Media elektronik", True, "TV, layar monitor, kios-K"),
    "media_sosial": Medium("Media sosial", True, "Facebook, Instagram, X, WhatsApp"),
    "website": Medium("Website", True, "situs web atau subsitus unit"),
    "aplikasi": Medium("Aplikasi yang dapat diunduh", True, "aplikasi Android/iOS unit"),
    "papan_reklame": Medium("Papan reklame", False, "videotron, billboard, baliho"),
}


@dataclass(frozen=True)
class Publication:
    id: int
    unit_id: int
    period: Period
    media: str
    tanggal: date
    tempat: str
    file_name: str | None  # the proof image as uploaded (its clean copy is stored_path)
    stored_path: str | None
    created_by: str
    created_at: datetime

    @property
    def media_label(self) -> str:
        return MEDIA[self.media].label if self.media in MEDIA else self.media


MEDIA_CHOICES = ", ".join(MEDIA)


def publication_problems(media: str, tanggal: date, period: Period, today: date) -> list[str]:
    """What is wrong with a publication entry, in words (empty when it can be recorded)."""
    problems = []
    if media not in MEDIA:
        problems.append(f"Media '{media}' tidak dikenal. Pilihan: {MEDIA_CHOICES}.")
    if not isinstance(tanggal, date):
        problems.append("Tanggal publikasi harus berupa tanggal (YYYY-MM-DD).")
    elif tanggal > today:
        problems.append("Tanggal publikasi tidak boleh setelah hari ini.")
    elif tanggal < period_start(period):
        problems.append(f"Tanggal publikasi sebelum {period.label} dimulai; periksa tahunnya.")
    return problems
