"""Online answers held for review: counts, groups, acceptance or rejection."""

from __future__ import annotations

from collections.abc import Sequence

from skm.storage import kuesioner as kuesioner_store
from skm.storage.approval import ApprovalMixin
from skm.storage.audit import audit
from skm.units import Period


class TinjauanMixin(ApprovalMixin):
    def held_count(self, unit_ids: Sequence[int], period: Period) -> int:
        """Online answers of these units in the period held for review (skm.tinjauan), not counted;
        every unit's count read once per data version, as the figures are."""
        every = self._memoised(("held", period), lambda: kuesioner_store.held_counts(self.cursor(), period))
        return sum(every.get(u, 0) for u in unit_ids)

    def held_groups(self, unit_id: int, period: Period) -> list[tuple]:
        return kuesioner_store.held_groups(self.cursor(), unit_id, period)

    def review_held(self, unit_id: int, period: Period, group_key: str, *, accept: bool, actor: str) -> int:
        """Accept a held group into the figures (not while the period is locked) or reject it (kept,
        never counted), with its audit row, in one transaction; returns how many answers."""
        with self.transaction() as cur:
            if accept:
                self._check_unlocked(cur, unit_id, period)
            count, reason = kuesioner_store.review(cur, unit_id, period, group_key, accept, actor)
            action = "kuesioner_terima" if accept else "kuesioner_tolak"
            audit(cur, actor, action, unit_id, period, jumlah=count, alasan=reason, kelompok=group_key)
        return count
