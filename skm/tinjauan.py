"""Online answers held for review (*menunggu tinjauan*): when an answer is held, and the operator's
two actions on a held group.

    rules = Rules.from_env()                                   # thresholds (SKM_KUESIONER_*)
    groups = held_groups(store, unit.id, period)               # what is held and why
    accept(store, access, unit.id, period, group.key)          # counted from now on
    reject(store, access, unit.id, period, group.key)          # never counted, kept for audit
    held_note(store.held_count([unit.id], period))             # '3 jawaban daring menunggu tinjauan, …'

An answer is stored but held, not counted in any figure, when it arrives in a burst (more than
`burst_per_link` answers through one link, or `burst_per_client` from one client, within
`burst_minutes`) or repeats another answer of the unit's period exactly (the nine answers, the
profile and the layanan) within `pattern_hours`: then the whole run is held, the earlier answer too.
Above `per_link_day` answers a day through one link, answers are refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from skm.access import IMPORT, Access
from skm.formatting import angka
from skm.storage import Store
from skm.units import Period

REASON_POLA, REASON_KLIEN, REASON_TAUTAN = "pola", "klien", "tautan"
REASON_LABELS = {
    REASON_POLA: "jawaban sama persis berulang (sembilan jawaban, profil dan layanan)",
    REASON_KLIEN: "banyak jawaban dari satu perangkat atau jaringan dalam waktu singkat",
    REASON_TAUTAN: "banyak jawaban lewat satu tautan dalam waktu singkat",
}


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass(frozen=True)
class Rules:
    per_link_day: int = 300  # answers a day through one link; above it refused
    burst_minutes: float = 10.0
    burst_per_link: int = 5  # answers through one link within burst_minutes that count at once
    burst_per_client: int = 3  # answers from one client within burst_minutes that count at once
    same_pattern: int = 2  # this many identical answers within pattern_hours: the whole run is held
    pattern_hours: float = 24.0
    form_minutes: float = 120.0  # how long a drawn form's one-time token stays valid

    @classmethod
    def from_env(cls) -> Rules:
        """SKM_KUESIONER_PER_LINK_DAY, SKM_KUESIONER_BURST_MINUTES, SKM_KUESIONER_BURST_PER_LINK,
        SKM_KUESIONER_BURST_PER_CLIENT, SKM_KUESIONER_SAME_PATTERN, SKM_KUESIONER_PATTERN_HOURS,
        SKM_KUESIONER_FORM_MINUTES; the defaults above otherwise."""
        d = cls()
        return cls(
            per_link_day=int(_env_number("SKM_KUESIONER_PER_LINK_DAY", d.per_link_day)),
            burst_minutes=_env_number("SKM_KUESIONER_BURST_MINUTES", d.burst_minutes),
            burst_per_link=int(_env_number("SKM_KUESIONER_BURST_PER_LINK", d.burst_per_link)),
            burst_per_client=int(_env_number("SKM_KUESIONER_BURST_PER_CLIENT", d.burst_per_client)),
            same_pattern=int(_env_number("SKM_KUESIONER_SAME_PATTERN", d.same_pattern)),
            pattern_hours=_env_number("SKM_KUESIONER_PATTERN_HOURS", d.pattern_hours),
            form_minutes=_env_number("SKM_KUESIONER_FORM_MINUTES", d.form_minutes),
        )

    @classmethod
    def off(cls) -> Rules:
        """No cap and nothing held (benchmarks and tests of storage itself, which say so)."""
        big = 10**9
        return cls(per_link_day=big, burst_per_link=big, burst_per_client=big, same_pattern=big)


@dataclass(frozen=True)
class HeldGroup:
    key: str  # 'pola:…', 'klien:…', 'tautan:…'
    reason: str
    count: int
    first: datetime
    last: datetime
    layanan: str  # the layanan the answers name, comma-separated
    mean_score: float  # the mean answer × 25: what the group would look like as an IKM
    sample: tuple[int, ...]  # the nine answers of one of them (all of them, for 'pola')

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def held_groups(store: Store, unit_id: int, period: Period) -> list[HeldGroup]:
    return [HeldGroup(*row) for row in store.held_groups(unit_id, period)]


def held_note(count: int) -> str | None:
    """'3 jawaban daring menunggu tinjauan, belum dihitung.' or None when nothing is held."""
    if not count:
        return None
    return f"{angka(count, 0)} jawaban daring menunggu tinjauan, belum dihitung."


def accept(store: Store, access: Access, unit_id: int, period: Period, group_key: str) -> int:
    """Count a held group from now on (refused while the period is approved and locked)."""
    access.require(IMPORT, unit_id)
    return store.review_held(unit_id, period, group_key, accept=True, actor=access.user.name)


def reject(store: Store, access: Access, unit_id: int, period: Period, group_key: str) -> int:
    """Never count a held group; its answers stay stored, marked rejected, for the audit."""
    access.require(IMPORT, unit_id)
    return store.review_held(unit_id, period, group_key, accept=False, actor=access.user.name)
