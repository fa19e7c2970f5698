"""One door (issue 13): what an attacker did with a tab that stayed open after their session ended,
done again through the real app (AppTest on a real DuckDB file), and a static check that pages and
ui/ write only through skm.actions.

- A pimpinan's account is disabled by the admin (through the action) while the page is open; the
  page's *Setujui* is pressed: the period stays diajukan and the audit has no approval.
- An operator's password is changed in another session; the open page's *Ajukan* does nothing.
- A disabled operator's open Laporan page: every document download gives an error, no bytes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.testing.v1 import AppTest

from skm import accounts
from skm.actions import Session
from skm.actions import admin as admin_actions
from skm.demo import SEED_UNIT
from skm.storage import STATUS_DIAJUKAN, STATUS_DRAFT, Store
from skm.units import Period
from tests.apptest import ADMIN, PASSWORD, choose, ensure_user, new_app

ROOT = Path(__file__).resolve().parents[1]
P1 = Period(2024, 1)
CAMAT = ("camat.makasar", accounts.PIMPINAN, "Jakarta Timur/Makasar")
OPERATOR = ("op.halim", accounts.OPERATOR, SEED_UNIT)
ANY_STATUS = ("draft", "diajukan", "disetujui", "dikembalikan")


def app_store() -> Store:
    from ui.data import get_store

    return get_store()


def admin_session() -> Session:
    ensure_user()
    return Session(accounts.login(app_store(), ADMIN, PASSWORD, client="uji-admin"))


def open_page(user: tuple[str, str, str], page: str, status: str) -> tuple[AppTest, int]:
    store = app_store()
    halim = store.find_unit(SEED_UNIT).id
    store.set_period_status(halim, P1, status, allowed_from=ANY_STATUS, actor="uji")
    name, role, unit_path = user
    at = new_app(120, name=name, role=role, unit_path=unit_path)
    at.run()
    choose(at, halim, P1.code)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at, halim


def status_actions(store: Store, halim: int) -> list[str]:
    return [e.action for e in store.audit_entries(unit_ids=[halim]) if e.action.startswith("status")]


def test_disabled_pimpinan_presses_setujui_on_an_open_tab(own_app):
    at, halim = open_page(CAMAT, "pages/ringkasan.py", STATUS_DIAJUKAN)
    store = app_store()
    before = status_actions(store, halim)
    assert [b for b in at.button if b.key == "approval_approve"], "the pimpinan sees Setujui"

    admin_actions.set_disabled(store, admin_session(), CAMAT[0], True)
    at.button(key="approval_approve").click()
    at.run()

    assert not at.exception
    assert store.period_status(halim, P1).status == STATUS_DIAJUKAN
    assert status_actions(store, halim) == before  # no approval in the audit
    assert not [e for e in store.audit_entries(actor=CAMAT[0]) if e.unit_id == halim]


def test_password_changed_elsewhere_then_ajukan(own_app):
    at, halim = open_page(OPERATOR, "pages/ringkasan.py", STATUS_DRAFT)
    store = app_store()
    before = status_actions(store, halim)
    assert [b for b in at.button if b.key == "approval_submit"], "the operator sees Ajukan"

    other = Session(accounts.login(store, OPERATOR[0], PASSWORD, client="tab-lain"))
    admin_actions.change_password(store, other, PASSWORD, "kata-sandi-baru-456", "kata-sandi-baru-456")
    at.button(key="approval_submit").click()
    at.run()

    assert not at.exception
    assert store.period_status(halim, P1).status == STATUS_DRAFT
    assert status_actions(store, halim) == before


@pytest.fixture
def deferred(monkeypatch):
    """Every deferred download the page registers: file name -> (its media manager, its file id)."""
    found: dict[str, tuple[MediaFileManager, str]] = {}
    real = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = real(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        found[file_name or coordinates] = (self, file_id)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return found


def test_disabled_operator_downloads_nothing(own_app, deferred):
    at, _ = open_page(OPERATOR, "pages/laporan.py", STATUS_DRAFT)
    names = sorted(deferred)
    assert any(n.endswith(".pdf") and n.startswith("laporan-tindak-lanjut") for n in names), names
    assert any(n.endswith(".xlsx") for n in names) and any(n.startswith("infografis") for n in names), names
    mgr, file_id = deferred[next(n for n in names if n.startswith("infografis") and n.endswith(".pdf"))]
    url = mgr.execute_deferred(file_id)  # while the account is active: a real file
    assert url

    admin_actions.set_disabled(app_store(), admin_session(), OPERATOR[0], True)
    for name in names:
        mgr, file_id = deferred[name]
        with pytest.raises(MediaFileStorageError, match="Sesi Anda sudah berakhir"):
            mgr.execute_deferred(file_id)


# ---------------------------------------------------------------- static: one door
WRITE_PREFIXES = ("set_", "save_", "add_", "delete_", "insert_", "update_", "import_", "undo_", "rename_")
WRITE_NAMES = {
    "ensure_unit_path",
    "review_held",
    "write_audit",
    "touch_session",
    "revoke_session",
    "begin_login_attempt",
    "settle_login_attempt",
    "clear_failed_logins",
    "transaction",
    "forget",
}


def store_write_methods() -> set[str]:
    """The Store's methods that change the database (the Store composes one part per area, in
    skm/storage/)."""
    from skm.storage import Store

    names = {n for n in dir(Store) if not n.startswith("__") and callable(getattr(Store, n))}
    return {n for n in names if n.startswith(WRITE_PREFIXES) or n in WRITE_NAMES}


def ui_sources() -> list[Path]:
    return sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"])


def test_store_write_methods_are_found():
    writes = store_write_methods()
    assert {"set_period_status", "save_rtl", "import_survey", "update_user", "add_publication"} <= writes
    assert "period_status" not in writes and "units" not in writes


def is_store(node: ast.expr) -> bool:
    """`store`, `the_store`, `get_store()`, `data.get_store()`: a receiver that is the Store (an
    action module's function of the same name, `admin.rename_unit(...)`, is not)."""
    if isinstance(node, ast.Call):
        node = node.func
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return "store" in name.lower()


def store_writes_in(source: str) -> list[str]:
    writes = store_write_methods()
    return [
        f"{node.lineno} .{node.func.attr}("
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in writes
        and is_store(node.func.value)
    ]


def test_the_static_check_finds_a_store_write():
    sample = "store.save_rtl(1, p, [])\ndata.get_store().set_population(1, p, 5)\nadmin.rename_unit(s, x, 1, 'a')\n"
    assert store_writes_in(sample) == ["1 .save_rtl(", "2 .set_population("]


def test_pages_and_ui_never_call_a_store_write():
    found = [
        f"{path.relative_to(ROOT)}:{hit}" for path in ui_sources() for hit in store_writes_in(path.read_text("utf-8"))
    ]
    assert not found, found


# The Access-taking layer below the actions (for the CLI, which has no browser session, and for
# tests): never called from a page or ui/ module.
BELOW_THE_DOOR = {
    "tinjauan": {"accept", "reject"},
    "publikasi": {"add", "delete"},
    "accounts": {"create_user", "set_role", "set_disabled", "reset_password", "unlock", "change_password"},
    "kuesioner": {"set_open", "ensure_layanan", "unit_links", "link_token"},
}


def calls_below_the_door(source: str) -> list[str]:
    return [
        f"{node.lineno} {node.func.value.id}.{node.func.attr}("
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.attr in BELOW_THE_DOOR.get(node.func.value.id, ())
    ]


def test_pages_and_ui_never_call_below_the_door():
    sample = "tinjauan.accept(store, access, 1, p, k)\nperiods.review_held(store, session, 1, p, k, accept=True)\n"
    assert calls_below_the_door(sample) == ["1 tinjauan.accept("]
    found = [
        f"{path.relative_to(ROOT)}:{hit}"
        for path in ui_sources()
        for hit in calls_below_the_door(path.read_text("utf-8"))
    ]
    assert not found, found


def test_no_string_permission_outside_access():
    pattern = re.compile(r"""(?:\.require|\.can)\(\s*["']""")
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in sorted([*(ROOT / "skm").rglob("*.py"), *ui_sources()])
        if path != ROOT / "skm" / "access.py"
        for m in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
