"""Published results: what a unit's public results page (/?hasil=<token>) may show, and nothing
more. PermenPANRB 14/2017 asks units to publish their SKM results; only a period the pimpinan has
approved (status disetujui) is published, as the unit's infografis.

    unit, periods = published(store, token)     # newest approved period first
    url = results_url(token)                     # <SKM_PUBLIC_URL>/?hasil=<token>
    key = published_key(store, unit.id, period)  # (approved at, held answers): the cache key of its page

The token is the unit's questionnaire link token (skm.kuesioner): one printed QR code leads to the
questionnaire, the results link sits next to it; a layanan's token shows its unit's results.
"""

from __future__ import annotations

from skm import kuesioner
from skm.storage import STATUS_DISETUJUI, Store
from skm.units import Period, Unit

QUERY_KEY = "hasil"


def results_url(token: str, base: str | None = None) -> str:
    return f"{(base or kuesioner.public_base_url()).rstrip('/')}/?{QUERY_KEY}={token}"


def approved_periods(store: Store, unit_id: int) -> list[Period]:
    """Periods of the unit that are approved and hold data under it, newest first."""
    subtree = [unit_id, *(u.id for u in store.descendants(unit_id))]
    with_data = set(store.periods_with_data(subtree))
    return [p for p in store.periods_with_status(unit_id, STATUS_DISETUJUI) if p in with_data]


def published(store: Store, token: str) -> tuple[Unit, list[Period]]:
    """The unit a results link names and its published periods; LinkInvalid for a bad link."""
    unit_id, _layanan = kuesioner.resolve(store, token)
    return store.unit(unit_id), approved_periods(store, unit_id)


def published_key(store: Store, unit_id: int, period: Period) -> tuple[str, int]:
    """What a published infografis depends on besides its unit and period: when the period was
    approved (a reopened and re-approved period is a new publication) and how many answers wait
    for review. An approved period is closed to answers, so nothing else moves its figures."""
    status = store.period_status(unit_id, period)
    approved = status.updated_at.isoformat() if status.updated_at and status.locked else ""
    subtree = [unit_id, *(u.id for u in store.descendants(unit_id))]
    return approved, store.held_count(subtree, period)
