"""What the meeting mode (Presentasi) shows, as plain values: the slide geometry for a screen,
and the kecamatan/kota slides' figures (ranking, completeness, RTL progress, the lowest unsur).

size = SlideSize.fit(1920, 1080)        # base 26 px, title 47 px, chart height from the viewport
rows = ranking(result)                  # child units, best first, with mutu
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from skm.approval import STATUS_LABELS
from skm.completeness import Completeness
from skm.labels import level_name
from skm.rtl import Progress
from skm.scoring import METHOD_WILAYAH, Mutu, Score, mutu_nrr
from skm.summary import UnitSummary
from skm.units import Unit
from skm.unsur import CODES


@dataclass(frozen=True)
class SlideSize:
    """Font sizes and the chart height of one slide on a screen of width × height CSS pixels.

    Text scales with the screen width like a projected slide: 26 px at 1920 (the back of a
    room), 18–19 px on a 1366 laptop. The chart gets what the title, its subtitle and the
    navigation bar leave of the height."""

    width: int
    height: int
    base: int  # axis labels, values, body text
    title: int
    chart_height: int

    @classmethod
    def fit(cls, width: int, height: int, full_screen: bool = True) -> SlideSize:
        """
        >>> s = SlideSize.fit(1920, 1080)
        >>> s.base, s.title, s.chart_height
        (26, 47, 912)
        >>> SlideSize.fit(1366, 768).base, SlideSize.fit(1366, 768, full_screen=False).base
        (18, 14)
        """
        width, height = max(width, 800), max(height, 500)
        # Beside the sidebar (about 340 px) the slide is narrower: the type follows what is left.
        content = width if full_screen else width - 340
        base = max(16 if full_screen else 14, min(round(26 * content / 1920), round(26 * height / 1080)))
        title = round(base * 1.8)
        # Title and subtitle lines and the gap under them, the navigation bar pinned to the bottom,
        # the page's top padding (1,2vh); outside full screen also Streamlit's header, the toggle
        # row and link above the slide and the navigation bar under it (in the flow there).
        reserved = round(title * 1.2 + base * 1.4) + 16 + 46 + round(0.012 * height) + (0 if full_screen else 170)
        return cls(width, height, base, title, height - reserved)


@dataclass(frozen=True)
class Ranked:
    rank: int  # ties share a rank (IKM rounded to 2 decimals as shown)
    name: str
    ikm: float
    mutu: Mutu


def ranking(result: UnitSummary) -> list[Ranked]:
    """The child units with data, best IKM first."""
    parts = sorted(result.score.parts, key=lambda p: (-round(p.ikm, 2), p.name.casefold()))
    out: list[Ranked] = []
    for i, p in enumerate(parts):
        rank = out[-1].rank if out and round(out[-1].ikm, 2) == round(p.ikm, 2) else i + 1
        out.append(Ranked(rank, p.name, p.ikm, p.mutu))
    return out


@dataclass(frozen=True)
class UnsurSpread:
    code: str
    lowest: float
    mean: float
    highest: float
    lowest_units: tuple[str, ...]  # ties kept
    values: tuple[tuple[str, float], ...]  # every child unit's NRR of this unsur

    @property
    def mutu(self) -> Mutu:
        return mutu_nrr(self.lowest)


PathLabel = Callable[[tuple[str, ...]], str]


def path_text(path: tuple[str, ...]) -> str:
    return " › ".join(path)


def kelurahan_scores(
    score: Score, label: PathLabel = path_text, above: tuple[str, ...] = ()
) -> list[tuple[str, Score]]:
    """The kelurahan under a kecamatan or kota score, named by `label` of their path below it
    ("Makasar › Halim Perdanakusuma" under a kota)."""
    out = []
    for part in score.parts:
        path = (*above, part.name)
        if part.method == METHOD_WILAYAH:
            out += kelurahan_scores(part, label, path)
        else:
            out.append((label(path), part))
    return out


def unsur_spread(result: UnitSummary, label: PathLabel = path_text) -> list[UnsurSpread]:
    """Per unsur the lowest, mean and highest NRR over the kelurahan below the unit (named by
    `label` of their path below it), lowest unsur first."""
    units = kelurahan_scores(result.score, label)
    out = []
    for code in CODES:
        values = tuple((name, p.nrr[code]) for name, p in units)
        low = min(v for _, v in values)
        out.append(
            UnsurSpread(
                code=code,
                lowest=low,
                mean=sum(v for _, v in values) / len(values),
                highest=max(v for _, v in values),
                lowest_units=tuple(n for n, v in values if round(v, 2) == round(low, 2)),
                values=values,
            )
        )
    return sorted(out, key=lambda s: (round(s.lowest, 2), CODES.index(s.code)))


@dataclass(frozen=True)
class ChildCompleteness:
    name: str
    leaves: int  # kelurahan under this child unit (1 for a kelurahan)
    with_data: int
    approved: int
    status: str | None  # the kelurahan's own approval status label; None for a kecamatan row
    missing: tuple[str, ...] = ()  # its kelurahan without data (a kecamatan row)


def completeness(found: Completeness, children: Sequence[Unit]) -> list[ChildCompleteness]:
    """Who has reported and who is approved, per child unit of a kecamatan or kota, in the
    children's order, split from skm.completeness's count (the one count of who has reported).
    A kelurahan row carries its approval status; a kecamatan row counts its kelurahan."""
    have = {u.id for u in found.with_data}
    approved = {u.id for u in found.approved}
    rows = []
    for child in children:
        leaves = [u for u in found.expected if u.path[: len(child.path)] == child.path] or [child]
        own = len(leaves) == 1 and leaves[0].id == child.id
        rows.append(
            ChildCompleteness(
                name=level_name(child),
                leaves=len(leaves),
                with_data=sum(1 for u in leaves if u.id in have),
                approved=sum(1 for u in leaves if u.id in approved),
                status=STATUS_LABELS[found.status_of(child)] if own else None,
                missing=() if own else tuple(level_name(u) for u in leaves if u.id not in have),
            )
        )
    return rows


@dataclass(frozen=True)
class RtlRow:
    name: str
    progress: Progress

    @property
    def label(self) -> str:
        p = self.progress
        if not p.planned:
            return "belum ada RTL"
        band = "" if p.band is None else f" · nilai {p.band}"
        return f"{p.realised} dari {p.planned}{band}"


def rtl_rows(progress: Mapping[str, Progress]) -> list[RtlRow]:
    """Every kelurahan's RTL progress, most realised first, those without a plan last."""
    rows = [RtlRow(name, p) for name, p in progress.items()]
    return sorted(rows, key=lambda r: (r.progress.percent is None, -(r.progress.percent or 0), r.name.casefold()))


def chunks(items: Sequence, size: int) -> list[list]:
    """Items in slides of at most `size` (an RTL list that would not fit one screen)."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]
