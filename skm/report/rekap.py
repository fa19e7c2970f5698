"""The Laporan Rekapitulasi SKM of a kecamatan (over its kelurahan) or a kota (over its kecamatan),
gathered once as plain data: what a camat sends to the walikota.

    rekap = rekap_data(store, unit, Period(2024, 1), today=date.today())
    pdf_bytes = build_rekap_pdf(rekap)      # skm.report.rekap_pdf
    xlsx_bytes = build_rekap_xlsx(rekap)    # skm.report.rekap_xlsx

Every figure is skm.summary's (exact; rounded only where it is shown). A child unit is one row:
its NRR per unsur, IKM and mutu, rank, change from the previous semester, whether it has data,
its approval status, its priorities and the progress of its RTL. A period that is not final
(skm.completeness: not every kelurahan below has data, and not approved at this level) is *sementara*.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from skm import scoring
from skm.completeness import Completeness, completeness
from skm.errors import SkmError
from skm.formatting import angka
from skm.labels import LEVEL_WORD, unit_label
from skm.report.data import UnitLetter, UnsurValue, effective_settings, unsur_values
from skm.rtl import Progress, RtlItem, progress
from skm.scoring import Score
from skm.settings import ReportSettings
from skm.storage import STATUS_DRAFT, Store
from skm.summary import unit_summary
from skm.units import Period, Unit

TITLE = "Laporan Rekapitulasi SKM"
STATUS_WORDS = {"draft": "draf", "diajukan": "diajukan", "disetujui": "disetujui", "dikembalikan": "dikembalikan"}


def reported_children(found: Completeness, children: list[Unit]) -> list[Unit]:
    """The children with data for the period (theirs or a kelurahan's below them), from
    skm.completeness's count of who has reported."""
    have = [u.path for u in found.with_data]
    return [c for c in children if any(p[: len(c.path)] == c.path for p in have)]


@dataclass(frozen=True)
class ChildRow:
    """One child unit in the rekap."""

    unit: Unit
    score: Score | None  # None: no data for the period
    previous_ikm: float | None  # the previous semester's IKM, None when it had no data
    rank: int | None  # 1 = highest IKM; ties share a rank
    statuses: tuple[str, ...]  # approval status of each unit that reports under it (itself, or its kelurahan)
    priorities: tuple[UnsurValue, ...]  # three lowest unsur, ties kept
    rtl: Progress

    @property
    def label(self) -> str:
        return unit_label(self.unit)

    @property
    def status(self) -> str:
        """'disetujui', or for a child with units below it '3 disetujui, 2 draf'."""
        return status_text(list(self.statuses))

    @property
    def has_data(self) -> bool:
        return self.score is not None

    @property
    def priorities_text(self) -> str:
        """'U8 Penanganan Pengaduan, Saran dan Masukan (3,23); U1 Persyaratan (3,30); …' or '–'."""
        return "; ".join(f"{u.code} {u.name} ({angka(u.nrr)})" for u in self.priorities) or "–"

    @property
    def delta(self) -> float | None:
        if self.score is None or self.previous_ikm is None:
            return None
        return self.score.ikm - self.previous_ikm


@dataclass(frozen=True)
class RekapData(UnitLetter):
    unit: Unit
    period: Period
    today: date
    settings: ReportSettings
    score: Score  # the unit's own figure: unweighted mean over the children with data
    previous_ikm: float | None
    children: tuple[ChildRow, ...]  # in the unit tree's order
    found: Completeness  # who below has reported (skm.completeness)

    @property
    def reported(self) -> tuple[ChildRow, ...]:
        return tuple(c for c in self.children if c.has_data)

    @property
    def missing(self) -> tuple[ChildRow, ...]:
        return tuple(c for c in self.children if not c.has_data)

    @property
    def missing_units(self) -> tuple[Unit, ...]:
        """The kelurahan below without data for the period."""
        return self.found.missing

    @property
    def sementara(self) -> bool:
        """Not final: not every kelurahan below has data and the period is not approved at this
        level, so the figures may still change."""
        return self.found.provisional

    @property
    def child_word(self) -> str:
        """'kelurahan' under a kecamatan, 'kecamatan' under a kota."""
        levels = {c.unit.level for c in self.children}
        return LEVEL_WORD.get(levels.pop(), "unit").lower() if len(levels) == 1 else "unit"

    @property
    def completeness_text(self) -> str:
        """'4 dari 5 kelurahan'."""
        return f"{len(self.reported)} dari {len(self.children)} {self.child_word}"

    @property
    def ranking(self) -> tuple[ChildRow, ...]:
        """Children with data, highest IKM first (ties in tree order)."""
        return tuple(sorted(self.reported, key=lambda c: c.rank or 0))

    @property
    def rtl_total(self) -> tuple[int, int]:
        """Planned and realised RTL items over every child."""
        return sum(c.rtl.planned for c in self.children), sum(c.rtl.realised for c in self.children)

    @property
    def status_summary(self) -> str:
        """Approval over every reporting unit: '5 kelurahan: 1 disetujui, 4 draf'."""
        statuses = [s for c in self.children for s in c.statuses]
        counts = status_text(statuses) if len(statuses) > 1 else f"1 {status_text(statuses)}"
        return f"{len(statuses)} kelurahan: {counts}"

    @property
    def rtl_units(self) -> int:
        """How many children have recorded an RTL for the period."""
        return sum(1 for c in self.children if c.rtl.planned)


def ranks(values: list[float]) -> list[int]:
    """Competition ranks, highest first; equal values (to 1e-9) share a rank.

    >>> ranks([90.0, 95.5, 90.0, 80.0])
    [2, 1, 2, 4]
    """
    return [1 + sum(1 for w in values if w > v + 1e-9) for v in values]


def status_text(statuses: list[str]) -> str:
    """One unit's status word, or the counts over the units below a child ('3 disetujui, 2 draf').

    >>> status_text(["disetujui"]), status_text(["draft", "disetujui", "draft"])
    ('disetujui', '1 disetujui, 2 draf')
    """
    if len(statuses) == 1:
        return STATUS_WORDS.get(statuses[0], statuses[0])
    counts = Counter(statuses)
    order = ("disetujui", "diajukan", "dikembalikan", "draft")
    return ", ".join(f"{counts[s]} {STATUS_WORDS[s]}" for s in order if counts[s])


def _leaves(store: Store, unit: Unit) -> list[Unit]:
    """The units that report (and approve, and plan an RTL) under a child: itself when it has no
    units below it, else the lowest units beneath it."""
    below = store.descendants(unit.id)
    parents = {u.parent_id for u in below}
    leaves = [u for u in below if u.id not in parents]
    return leaves or [unit]


def _child_row(store: Store, child: Unit, score: Score | None, period: Period, today: date) -> ChildRow:
    leaves = _leaves(store, child)
    statuses = store.period_statuses([u.id for u in leaves], period)
    items: list[RtlItem] = [i for u in leaves for i in store.rtl_items(u.id, period)]
    previous = unit_summary(store, child, period.previous())
    return ChildRow(
        unit=child,
        score=score,
        previous_ikm=None if previous is None else previous.score.ikm,
        rank=None,
        statuses=tuple(statuses[u.id].status if u.id in statuses else STATUS_DRAFT for u in leaves),
        priorities=() if score is None else unsur_values(score, scoring.priorities(score)),
        rtl=progress(items, period, today),
    )


def rekap_data(store: Store, unit: Unit, period: Period, today: date) -> RekapData:
    """Gather the rekap of a kecamatan or kota for a period.

    Raises SkmError (Indonesian) for a unit without units below it (a kelurahan has its own
    Laporan Hasil Tindak Lanjut) or when nothing under it has data for the period."""
    children = store.children(unit.id)
    if not children:
        raise SkmError(
            f"{TITLE} dibuat untuk kecamatan atau kota (merangkum unit di bawahnya); {unit.path_text} tidak "
            "memiliki unit di bawahnya. Gunakan Laporan Hasil Tindak Lanjut untuk unit ini."
        )
    result = unit_summary(store, unit, period)
    found = completeness(store, unit, period)
    reported = reported_children(found, children)
    if result is None or not reported:
        raise SkmError(
            f"Belum ada data {period.label} untuk {unit.path_text} maupun unit di bawahnya; {TITLE} tidak dapat dibuat."
        )
    parts = {p.name: p for p in result.score.parts} if result.is_wilayah else {}
    rows = [_child_row(store, c, parts.get(c.name) if c in reported else None, period, today) for c in children]
    ikms = {r.unit.id: r.score.ikm for r in rows if r.score is not None}
    rank_of = dict(zip(ikms, ranks(list(ikms.values())), strict=True))
    rows = [replace(r, rank=rank_of.get(r.unit.id)) for r in rows]
    previous = unit_summary(store, unit, period.previous())
    return RekapData(
        unit=unit,
        period=period,
        today=today,
        settings=effective_settings(store.report_settings(unit, period), unit, period, title=TITLE),
        score=result.score,
        previous_ikm=None if previous is None else previous.score.ikm,
        children=tuple(rows),
        found=found,
    )
