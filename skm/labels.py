"""How a unit is named in running text: 'Kelurahan Halim Perdanakusuma' (report, questionnaire,
infografis), below report and storage so any of them can use it.

    unit_label(unit)   # 'Kecamatan Makasar'; a name that already says its level stays as it is
    level_name(unit)   # 'Kec. Makasar', for pickers and lists
    place_name(chain)  # 'Kel. Halim Perdanakusuma, Kec. Makasar', for a sentence
    path_name(unit, by_path)  # 'Kec. Makasar › Kel. Halim Perdanakusuma', for a column of a list
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from skm.units import Unit

LEVEL_WORD = {"kota": "Kota", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "provinsi": "Provinsi"}


def unit_label(unit: Unit) -> str:
    word = LEVEL_WORD.get(unit.level, "")
    if not word or unit.name.casefold().startswith(word.casefold() + " "):
        return unit.name
    return f"{word} {unit.name}"


LEVEL_SHORT = {"kota": "Kota", "kecamatan": "Kec.", "kelurahan": "Kel.", "provinsi": "Prov."}


def level_name(unit: Unit) -> str:
    """A unit's name with its level, short, for pickers, headers and lists, where a kecamatan and a
    kelurahan of one name must be told apart.

    >>> level_name(Unit(3, "Makasar", "kecamatan", 1, ("Jakarta Timur", "Makasar")))
    'Kec. Makasar'
    >>> level_name(Unit(1, "Kota Bekasi", "kota", None, ("Kota Bekasi",)))
    'Kota Bekasi'
    """
    word = LEVEL_SHORT.get(unit.level, "")
    long = LEVEL_WORD.get(unit.level, "")
    name = unit.name
    if not word or any(name.casefold().startswith(w.casefold() + " ") for w in (word, long)):
        return name
    return f"{word} {name}"


def place_name(chain: Sequence[Unit], depth: int = 2) -> str:
    """Where something is, as a person writes it: the unit and the units above it, innermost first,
    with their levels, at most `depth` of them (the kota is left out under a kecamatan).

    >>> kec = Unit(2, "Makasar", "kecamatan", 1, ("Jakarta Timur", "Makasar"))
    >>> kel = Unit(3, "Halim Perdanakusuma", "kelurahan", 2, ("Jakarta Timur", "Makasar", "Halim Perdanakusuma"))
    >>> place_name([kel, kec, Unit(1, "Jakarta Timur", "kota", None, ("Jakarta Timur",))])
    'Kel. Halim Perdanakusuma, Kec. Makasar'
    >>> place_name([kec])
    'Kec. Makasar'
    """
    return ", ".join(level_name(u) for u in chain[:depth])


def leaf_path_name(path: Sequence[str]) -> str:
    """A kelurahan's path (or its tail) with each level named, read from the end: the last name is
    the kelurahan, the one before it the kecamatan, then the kota. For a unit not yet in the tree.

    >>> leaf_path_name(("Jakarta Timur", "Makasar", "Makasar"))
    'Kota Jakarta Timur › Kec. Makasar › Kel. Makasar'
    >>> leaf_path_name(("Makasar", "Halim Perdanakusuma"))
    'Kec. Makasar › Kel. Halim Perdanakusuma'
    """
    levels = ("kota", "kecamatan", "kelurahan")[-len(path) :] if len(path) <= 3 else None
    if levels is None:
        return " › ".join(path)
    return " › ".join(level_name(Unit(0, name, level, None, ())) for name, level in zip(path, levels, strict=True))


def path_name(unit: Unit, by_path: Mapping[tuple[str, ...], Unit], skip: int = 1) -> str:
    """The unit's path with each level named, the first `skip` levels left out (the kota, which
    every row of a list shares); a name not found in `by_path` (units by their path) stays as it is.

    >>> kota = Unit(1, "Jakarta Timur", "kota", None, ("Jakarta Timur",))
    >>> kec = Unit(2, "Makasar", "kecamatan", 1, ("Jakarta Timur", "Makasar"))
    >>> kel = Unit(3, "Makasar", "kelurahan", 2, ("Jakarta Timur", "Makasar", "Makasar"))
    >>> tree = {u.path: u for u in (kota, kec, kel)}
    >>> path_name(kel, tree), path_name(kota, tree, skip=0), path_name(kota, tree)
    ('Kec. Makasar › Kel. Makasar', 'Kota Jakarta Timur', 'Kota Jakarta Timur')
    """
    first = min(skip, len(unit.path) - 1)  # a unit at the top keeps its own name
    parts = [by_path.get(unit.path[: i + 1]) for i in range(first, len(unit.path))]
    return " › ".join(level_name(u) if u else name for u, name in zip(parts, unit.path[first:], strict=True))
