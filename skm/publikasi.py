"""The publication record: where a unit published its SKM results (PEKPPP indicators 6 and 7).

    pub = add(store, access, unit.id, Period(2024, 1), "website", date(2024, 7, 15),
              "https://kelurahan.example.go.id/skm", proof=(png_bytes, "tangkapan.png"))
    delete(store, access, pub.id)

Each change: permission (the accounts that edit the unit's RTL: its operator, an admin) → one Store
method that validates, writes in one transaction and writes its audit row. The public results page
(`/?hasil=`) and the infografis count as publications only when recorded here. Not locked with
the approved period: publishing comes after approval.
"""

from __future__ import annotations

from datetime import date

from skm.access import RTL_EDIT, VIEW, Access
from skm.errors import AccessDenied, StoreError
from skm.pekppp import Publication
from skm.storage import Store
from skm.units import Period

EDIT = RTL_EDIT  # who may record or remove a publication


def add(
    store: Store,
    access: Access,
    unit_id: int,
    period: Period,
    media: str,
    tanggal: date,
    tempat: str = "",
    proof: tuple[bytes, str] | None = None,
) -> Publication:
    access.require(EDIT, unit_id)
    return store.add_publication(unit_id, period, media, tanggal, tempat, actor=access.user.name, proof=proof)


def delete(store: Store, access: Access, publication_id: int) -> None:
    found = store.publication(publication_id)
    if found is None:
        raise StoreError("Catatan publikasi ini sudah tidak ada; muat ulang halaman.")
    if not access.can(EDIT, found.unit_id):  # a record out of scope: the message names nothing
        raise AccessDenied()
    store.delete_publication(publication_id, actor=access.user.name)


def listed(store: Store, access: Access, unit_id: int, period: Period | None = None) -> list[Publication]:
    access.require(VIEW, unit_id)
    return store.publications(unit_id, period)
