"""Actions on a unit's follow-up: the RTL plan and its realisation, documentation photos, and the
publication record (skm.publikasi)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from skm import publikasi
from skm.access import RTL_EDIT
from skm.actions.door import Session, authorise
from skm.errors import StoreError
from skm.pekppp import Publication
from skm.rtl import Photo, RtlItem
from skm.storage import Store
from skm.units import Period

GONE = "Kegiatan atau foto ini sudah tidak ada; muat ulang halaman."


def save_rtl(store: Store, session: Session, unit_id: int, period: Period, items: Sequence[RtlItem]) -> list[RtlItem]:
    """The plan (and each item's realisation) replaced as a whole, atomically."""
    access = authorise(store, session, RTL_EDIT, unit_id)
    return store.save_rtl(unit_id, period, items, actor=access.user.name)


def _check_owner(
    store: Store, unit_id: int, period: Period, *, item_id: int | None = None, photo_id: int | None = None
) -> None:
    """The item or photo is the unit's, so a permission on one unit never reaches another's."""
    items = store.rtl_items(unit_id, period)
    ok = (
        any(i.id == item_id for i in items)
        if item_id is not None
        else any(p.id == photo_id for i in items for p in i.photos)
    )
    if not ok:
        raise StoreError(GONE)


def add_photo(
    store: Store,
    session: Session,
    unit_id: int,
    period: Period,
    item_id: int,
    content: bytes,
    file_name: str,
    caption: str = "",
) -> Photo:
    access = authorise(store, session, RTL_EDIT, unit_id)
    _check_owner(store, unit_id, period, item_id=item_id)
    return store.add_rtl_photo(item_id, content, file_name, caption, actor=access.user.name)


def delete_photo(store: Store, session: Session, unit_id: int, period: Period, photo_id: int) -> None:
    access = authorise(store, session, RTL_EDIT, unit_id)
    _check_owner(store, unit_id, period, photo_id=photo_id)
    store.delete_rtl_photo(photo_id, actor=access.user.name)


def add_publication(
    store: Store,
    session: Session,
    unit_id: int,
    period: Period,
    media: str,
    tanggal: date,
    tempat: str = "",
    proof: tuple[bytes, str] | None = None,
) -> Publication:
    access = authorise(store, session, publikasi.EDIT, unit_id)
    return publikasi.add(store, access, unit_id, period, media, tanggal, tempat, proof=proof)


def delete_publication(store: Store, session: Session, unit_id: int, publication_id: int) -> None:
    publikasi.delete(store, authorise(store, session, publikasi.EDIT, unit_id), publication_id)
