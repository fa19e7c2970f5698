"""Actions on imported data: store a read survey (new units on the way only for an admin), undo an
import, add a jenis layanan (for the questionnaire links)."""

from __future__ import annotations

from skm import kuesioner
from skm.access import ADMIN_ACTION, IMPORT
from skm.actions.door import Session, authorise
from skm.ingest import Survey
from skm.storage import ImportOutcome, Store
from skm.units import Period


def import_survey(
    store: Store,
    session: Session,
    survey: Survey,
    content: bytes,
    target: int | str,
    period: Period,
    *,
    replace: bool = False,
) -> tuple[int, ImportOutcome]:
    """Import into a unit (its id) or a slash path that may not exist yet (an admin only); returns
    the unit's id and what happened."""
    if isinstance(target, str):
        access = authorise(store, session, ADMIN_ACTION)
        unit_id = store.ensure_unit_path(target, actor=access.user.name)[0].id
    else:
        unit_id = target
    access = authorise(store, session, IMPORT, unit_id)
    outcome = store.import_survey(
        survey, content, unit_id, period, replace=replace, source="unggah", user=access.user.name
    )
    return unit_id, outcome


def undo_import(store: Store, session: Session, batch_id: int) -> list[str]:
    access = authorise(store, session, IMPORT, store.batch_unit(batch_id))
    return store.undo_import(batch_id, user=access.user.name)


def add_layanan(store: Store, session: Session, unit_id: int, name: str) -> int:
    """A jenis layanan of the unit (for the questionnaire's links); its id, new or existing."""
    authorise(store, session, IMPORT, unit_id)
    return kuesioner.ensure_layanan(store, unit_id, name)


def questionnaire_links(store: Store, session: Session, unit_id: int) -> list[kuesioner.Link]:
    """The unit's questionnaire links (the unit-wide one first), each made when missing."""
    authorise(store, session, IMPORT, unit_id)
    return kuesioner.unit_links(store, unit_id)
