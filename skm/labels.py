"""How a unit is named in running text: 'Kelurahan Halim Perdanakusuma' (report, questionnaire,
infografis), below report and storage so any of them can use it.

    unit_label(unit)   # 'Kecamatan Makasar'; a name that already says its level stays as it is
"""

from __future__ import annotations

from skm.units import Unit

LEVEL_WORD = {"kota": "Kota", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "provinsi": "Provinsi"}


def unit_label(unit: Unit) -> str:
    word = LEVEL_WORD.get(unit.level, "")
    if not word or unit.name.casefold().startswith(word.casefold() + " "):
        return unit.name
    return f"{word} {unit.name}"
