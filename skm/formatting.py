"""Indonesian display formats: 99,09 and Jumat, 31 Mei 2024.

>>> angka(99.0949999), angka(1234567.891, 1), tanggal(date(2024, 5, 31))
('99,09', '1.234.567,9', 'Jumat, 31 Mei 2024')
"""

from __future__ import annotations

import re
from datetime import date, datetime

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def angka(value: float | None, decimals: int = 2, empty: str = "–") -> str:
    """A number the Indonesian way: '.' groups thousands, ',' marks decimals."""
    if value is None:
        return empty
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def persen(value: float | None, decimals: int = 0) -> str:
    return "–" if value is None else f"{angka(value * 100, decimals)}%"


def tanggal(d: date, with_day: bool = True) -> str:
    text = f"{d.day} {BULAN[d.month - 1]} {d.year}"
    return f"{HARI[d.weekday()]}, {text}" if with_day else text


def terbilang(n: int) -> str:
    """Small whole numbers in words, as letters write '7 (tujuh)'."""
    words = (
        "nol",
        "satu",
        "dua",
        "tiga",
        "empat",
        "lima",
        "enam",
        "tujuh",
        "delapan",
        "sembilan",
        "sepuluh",
        "sebelas",
    )
    if 0 <= n < len(words):
        return words[n]
    if n < 20:
        return f"{words[n - 10]} belas"
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{words[tens]} puluh" + (f" {words[ones]}" if ones else "")
    return str(n)


def selisih(current: float, previous: float) -> str:
    """A change between two figures, signed: computed from the unrounded values, shown rounded."""
    delta = current - previous
    if abs(delta) < 0.005:
        return "±0,00"
    return ("+" if delta > 0 else "-") + angka(abs(delta))  # ASCII minus: st.metric reads it


TIME_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H.%M.%S", "%Y-%m-%d")


def waktu_teks(text: str | None) -> str:
    """A form's timestamp the Indonesian way; anything not understood is shown as the file wrote it."""
    if not text:
        return "–"
    for fmt in TIME_FORMATS:
        try:
            when = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        day = tanggal(when.date(), with_day=False)
        return day if fmt == "%Y-%m-%d" else f"{day} {when:%H.%M}"
    return text


def slug(text: str) -> str:
    """'Halim Perdanakusuma' -> 'halim-perdanakusuma'.

    >>> slug("RT/RW, LMK & FKDM")
    'rt-rw-lmk-fkdm'
    """
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower() or "unit"
