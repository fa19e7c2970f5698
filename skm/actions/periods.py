"""Actions on a unit's period: population, the letter's settings, the online questionnaire
(open/close) and the answers held for review. Approval's actions are skm.approval."""

from __future__ import annotations

from skm import kuesioner, tinjauan
from skm.access import IMPORT, SETTINGS_EDIT
from skm.actions.door import Session, authorise
from skm.report.settings import ReportSettings
from skm.storage import Store
from skm.units import Period


def set_population(store: Store, session: Session, unit_id: int, period: Period, populasi: int | None) -> None:
    access = authorise(store, session, SETTINGS_EDIT, unit_id)
    store.set_population(unit_id, period, populasi, actor=access.user.name)


def save_report_settings(
    store: Store, session: Session, unit_id: int, period: Period, settings: ReportSettings
) -> None:
    access = authorise(store, session, SETTINGS_EDIT, unit_id)
    store.save_report_settings(unit_id, period, settings, actor=access.user.name)


def set_questionnaire_open(store: Store, session: Session, unit_id: int, period: Period, is_open: bool) -> None:
    access = authorise(store, session, IMPORT, unit_id)
    kuesioner.set_open(store, unit_id, period, is_open, by=access.user.name)


def review_held(store: Store, session: Session, unit_id: int, period: Period, group_key: str, *, accept: bool) -> int:
    """Accept a held group into the figures, or reject it (kept for the audit); how many answers."""
    access = authorise(store, session, IMPORT, unit_id)
    review = tinjauan.accept if accept else tinjauan.reject
    return review(store, access, unit_id, period, group_key)
