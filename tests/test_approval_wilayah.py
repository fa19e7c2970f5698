"""Approval one level up (issue 15): the camat's account submits the kecamatan's own period (its
rekap) to the walikota, the walikota approves or returns it, and approves the kota's own period
(nobody above it); through the one door (skm.approval: the live session re-checked at that moment),
each change with its audit row, on a real demo database."""

from __future__ import annotations

import shutil

import pytest

from skm import accounts, approval
from skm.actions import Session
from skm.completeness import completeness
from skm.demo import SEED_UNIT
from skm.errors import AccessDenied, LoginRefused, SkmError
from skm.storage import STATUS_DIAJUKAN, STATUS_DIKEMBALIKAN, STATUS_DISETUJUI, STATUS_DRAFT, Store
from skm.units import Period

PW = "kata-sandi-yang-panjang"
P = Period(2025, 2)
KOTA, KECAMATAN = "Jakarta Timur", "Jakarta Timur/Makasar"


@pytest.fixture
def demo(demo_template, tmp_path):
    shutil.copytree(demo_template.parent, tmp_path / "db")
    s = Store(tmp_path / "db" / demo_template.name)
    yield s
    s.close()


def sessions(store: Store) -> dict[str, Session]:
    """The camat of Makasar, the walikota, the operator of Halim Perdanakusuma, logged in."""
    units = {"camat": KECAMATAN, "walikota": KOTA, "op": SEED_UNIT}
    for name, path in units.items():
        role = accounts.OPERATOR if name == "op" else accounts.PIMPINAN
        accounts.create_user(store, name, PW, role, store.find_unit(path).id, actor="uji")
    return {name: Session(accounts.login(store, name, PW, client="uji")) for name in units}


def status(store: Store, path: str) -> str:
    return store.period_status(store.find_unit(path).id, P).status


def test_camat_submits_the_kecamatan_and_the_walikota_approves_it(demo):
    people = sessions(demo)
    kec = demo.find_unit(KECAMATAN)
    for who in ("walikota", "op"):  # only the kecamatan's own account submits its rekap
        with pytest.raises(AccessDenied):
            approval.submit(demo, people[who], kec.id, P)
    assert approval.submit(demo, people["camat"], kec.id, P).status == STATUS_DIAJUKAN
    with pytest.raises(AccessDenied):
        approval.approve(demo, people["camat"], kec.id, P)  # nobody approves their own
    with pytest.raises(SkmError, match="catatan"):
        approval.return_for_changes(demo, people["walikota"], kec.id, P, " ")
    returned = approval.return_for_changes(demo, people["walikota"], kec.id, P, "Lengkapi Kebon Pala")
    assert (returned.status, returned.note) == (STATUS_DIKEMBALIKAN, "Lengkapi Kebon Pala")
    approval.submit(demo, people["camat"], kec.id, P)
    assert approval.approve(demo, people["walikota"], kec.id, P).status == STATUS_DISETUJUI
    assert completeness(demo, kec, P).approved_here  # the rekap is final now
    with pytest.raises(AccessDenied):
        approval.reopen(demo, people["camat"], kec.id, P, "salah")
    approval.reopen(demo, people["walikota"], kec.id, P, "Data Pinang Ranti diperbaiki")
    assert status(demo, KECAMATAN) == STATUS_DRAFT
    # The kelurahan below are untouched: each keeps its own approval.
    assert status(demo, SEED_UNIT) == STATUS_DRAFT

    entries = reversed(demo.audit_entries(unit_ids=[kec.id]))
    got = [(e.actor, e.action, e.period) for e in entries if e.action.startswith("status_")]
    assert got == [
        ("camat", "status_diajukan", P),
        ("walikota", "status_dikembalikan", P),
        ("camat", "status_diajukan", P),
        ("walikota", "status_disetujui", P),
        ("walikota", "status_draft", P),
    ]


def test_the_walikota_approves_the_kota_without_a_submission(demo):
    people = sessions(demo)
    kota = demo.find_unit(KOTA)
    for who in ("camat", "op"):  # out of their scope
        with pytest.raises(AccessDenied) as denied:
            approval.approve(demo, people[who], kota.id, P)
        assert "Jakarta" not in str(denied.value)
    with pytest.raises(AccessDenied):
        approval.submit(demo, people["walikota"], kota.id, P)  # nobody above the kota to submit to
    assert approval.approve(demo, people["walikota"], kota.id, P).status == STATUS_DISETUJUI
    assert completeness(demo, kota, P).final
    [entry] = [e for e in demo.audit_entries(unit_ids=[kota.id]) if e.action == "status_disetujui"]
    assert entry.actor == "walikota" and entry.detail["dari"] == STATUS_DRAFT


def test_the_session_is_checked_again_when_the_button_is_pressed(demo):
    """The camat's tab was drawn with Ajukan; the account is disabled before it is pressed."""
    people = sessions(demo)
    kec = demo.find_unit(KECAMATAN)
    accounts.set_disabled(demo, "camat", True, actor="admin")
    with pytest.raises(LoginRefused, match="Sesi Anda sudah berakhir"):
        approval.submit(demo, people["camat"], kec.id, P)
    # The walikota moved to another role a second ago: the approval is refused too.
    approval.submit(demo, Session(accounts.login(demo, "op", PW, client="uji")), demo.find_unit(SEED_UNIT).id, P)
    accounts.set_role(demo, "walikota", accounts.OPERATOR, demo.find_unit(SEED_UNIT).id, actor="admin")
    with pytest.raises(LoginRefused):
        approval.approve(demo, people["walikota"], demo.find_unit(KOTA).id, P)
    assert status(demo, KECAMATAN) == STATUS_DRAFT and status(demo, KOTA) == STATUS_DRAFT
