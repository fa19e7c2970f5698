"""Has every unit below reported? Whether a wilayah's figure for a period is final or *sementara*.

    c = completeness(store, kecamatan, Period(2026, 1))
    c.count_text     # '1 dari 5 kelurahan'
    c.final          # every kelurahan has data, or the period is approved at this level
    c.missing        # the kelurahan without data, for the list one click away

What is counted are the **kelurahan** (the units that report their own data, the leaves of the
tree) under the unit, at a kota too: a walikota's figure is the mean over kecamatan, each the mean
over its kelurahan, so one missing kelurahan changes it whichever kecamatan it is in, and the
list names it grouped by kecamatan ('Kec. Makasar: Kel. Cipinang Melayu'). A kelurahan itself is
final as soon as it has data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skm.labels import level_name
from skm.storage import STATUS_DISETUJUI, STATUS_DRAFT, Store
from skm.units import Period, Unit


@dataclass(frozen=True)
class Completeness:
    unit: Unit
    period: Period
    expected: tuple[Unit, ...]  # every kelurahan under the unit (a kelurahan: itself)
    with_data: tuple[Unit, ...]  # those with data for the period
    statuses: tuple[tuple[int, str], ...]  # (unit id, approval status) of each expected unit
    approved_here: bool  # the period is approved (disetujui) for the unit itself
    parents: tuple[Unit, ...] = ()  # the units between, to group the missing ones

    @property
    def missing(self) -> tuple[Unit, ...]:
        have = {u.id for u in self.with_data}
        return tuple(u for u in self.expected if u.id not in have)

    @property
    def approved(self) -> tuple[Unit, ...]:
        done = {uid for uid, status in self.statuses if status == STATUS_DISETUJUI}
        return tuple(u for u in self.expected if u.id in done)

    def status_of(self, unit: Unit) -> str:
        return dict(self.statuses).get(unit.id, STATUS_DRAFT)

    @property
    def complete(self) -> bool:
        return bool(self.expected) and not self.missing

    @property
    def final(self) -> bool:
        return self.complete or self.approved_here

    @property
    def provisional(self) -> bool:
        """Some data, not final: the figure is *sementara*."""
        return bool(self.with_data) and not self.final

    @property
    def noun(self) -> str:
        return "kelurahan" if all(u.level == "kelurahan" for u in self.expected) else "unit"

    @property
    def count_text(self) -> str:
        """'1 dari 5 kelurahan'."""
        return f"{len(self.with_data)} dari {len(self.expected)} {self.noun}"

    @property
    def picker_note(self) -> str:
        """What the period picker adds to a period's name: '' when final."""
        if not self.with_data:
            return "belum ada data"
        if self.final:
            return ""
        return f"belum lengkap: {len(self.with_data)}/{len(self.expected)}"

    def missing_groups(self) -> list[tuple[str, list[str]]]:
        """The missing units by the unit directly below this one ('Kec. Makasar', [...]); under a
        kecamatan one group without a heading."""
        below = {u.id: u for u in self.parents}
        groups: dict[str, list[str]] = {}
        for u in self.missing:
            head = u
            while head.parent_id is not None and head.parent_id != self.unit.id and head.parent_id in below:
                head = below[head.parent_id]
            key = "" if head.id == u.id else level_name(head)
            groups.setdefault(key, []).append(level_name(u))
        return sorted(groups.items())


def completeness(store: Store, unit: Unit, period: Period) -> Completeness:
    below = store.descendants(unit.id)
    parent_ids = {u.parent_id for u in below}
    leaves = tuple(sorted((u for u in below if u.id not in parent_ids), key=lambda u: [p.casefold() for p in u.path]))
    expected = leaves or (unit,)
    ids = [u.id for u in expected]
    have = set(store.units_with_data(ids, period))
    statuses = store.period_statuses([*ids, unit.id], period)
    return Completeness(
        unit=unit,
        period=period,
        expected=expected,
        with_data=tuple(u for u in expected if u.id in have),
        statuses=tuple((uid, statuses[uid].status) for uid in ids if uid in statuses),
        approved_here=unit.id in statuses and statuses[unit.id].status == STATUS_DISETUJUI,
        parents=tuple(u for u in below if u.id in parent_ids),
    )


def by_period(store: Store, unit: Unit, periods: Sequence[Period]) -> dict[Period, Completeness]:
    return {p: completeness(store, unit, p) for p in periods}


def default_period(found: dict[Period, Completeness]) -> Period | None:
    """The latest period that is final for the unit, else the latest with any data (None: no data).

    A camat opening the dashboard sees the last semester every kelurahan has reported, not the
    one a single early upload has started."""
    with_data = sorted(p for p, c in found.items() if c.with_data)
    final = [p for p in with_data if found[p].final]
    chosen = final or with_data
    return chosen[-1] if chosen else None


def previous_final(found: dict[Period, Completeness], period: Period) -> Period | None:
    """The period a change is shown against: the latest earlier one that is final; None while
    `period` itself is *sementara* (a partial semester is not a fall)."""
    current = found.get(period)
    if current is not None and current.provisional:
        return None
    return max((p for p, c in found.items() if p < period and c.final), default=None)
