"""Actions on a unit's period: approval, population, the letter's settings, the online
questionnaire (open/close) and the answers held for review."""

from __future__ import annotations

from skm import approval, kuesioner, tinjauan
from skm.access import APPROVE, IMPORT, REOPEN, SETTINGS_EDIT, SUBMIT
from skm.actions.door import Session, authorise
from skm.report.settings import ReportSettings
from skm.storage import PeriodStatus, Store
from skm.units import Period


def submit(store: Store, session: Session, unit_id: int, period: Period) -> PeriodStatus:
    return approval.submit(store, authorise(store, session, SUBMIT, unit_id), unit_id, period)


def approve(store: Store, session: Session, unit_id: int, period: Period, note: str | None = None) -> PeriodStatus:
    return approval.approve(store, authorise(store, session, APPROVE, unit_id), unit_id, period, note)


def return_for_changes(store: Store, session: Session, unit_id: int, period: Period, note: str | None) -> PeriodStatus:
    access = authorise(store, session, APPROVE, unit_id)
    return approval.return_for_changes(store, access, unit_id, period, note)


def reopen(store: Store, session: Session, unit_id: int, period: Period, note: str | None) -> PeriodStatus:
    return approval.reopen(store, authorise(store, session, REOPEN, unit_id), unit_id, period, note)


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
