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

from dataclasses import dataclass
from datetime import datetime

from skm.access import IMPORT, Access
from skm.formatting import angka
from skm.integrity import REASON_KLIEN, REASON_POLA, REASON_TAUTAN
from skm.integrity import Rules as Rules  # re-exported: callers name the rules with the review
from skm.storage import Store
from skm.units import Period

REASON_LABELS = {
    REASON_POLA: "jawaban sama persis berulang (sembilan jawaban, profil dan layanan)",
    REASON_KLIEN: "banyak jawaban dari satu perangkat atau jaringan dalam waktu singkat",
    REASON_TAUTAN: "banyak jawaban lewat satu tautan dalam waktu singkat",
}


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
