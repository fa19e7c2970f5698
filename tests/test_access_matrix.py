"""Role × action, through the whole app (AppTest) on a real database: an admin, two pimpinan of
different kecamatan, two operators of different kelurahan × view, import, RTL edit, approve and
report, every cell asserted allowed or denied; a denied user never sees the other unit's name
anywhere in what the app drew. And two sessions as different users side by side."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from skm.demo import SEED_FILE, SEED_UNIT, ensure_demo
from skm.ingest import read_survey
from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, Store
from skm.units import Period
from tests.apptest import choose, new_app
from tests.test_accounts import ROOT

SEED = (ROOT / "skm" / "demo" / SEED_FILE).read_bytes()
HALIM = SEED_UNIT
P1 = Period(2024, 1)
USERS = {
    "admin.uji": ("admin", None),
    "camat.makasar": ("pimpinan", "Jakarta Timur/Makasar"),
    "camat.duren": ("pimpinan", "Jakarta Timur/Duren Sawit"),
    "op.halim": ("operator", HALIM),
    "op.kebon": ("operator", "Jakarta Timur/Makasar/Kebon Pala"),
}
ALLOWED = {
    "view": {"admin.uji", "camat.makasar", "op.halim"},
    "import": {"admin.uji", "op.halim"},
    "rtl_edit": {"admin.uji", "op.halim"},
    "approve": {"admin.uji", "camat.makasar"},
    "report": {"admin.uji", "camat.makasar", "op.halim"},
}
# Names each user must never see (outside their scope); "Halim" is the target of every action.
FORBIDDEN = {
    "admin.uji": [],
    "camat.makasar": ["Duren Sawit", "Pondok Bambu", "Jakarta Timur"],
    "camat.duren": ["Halim", "Makasar", "Kebon Pala", "Jakarta Timur"],
    "op.halim": ["Kebon Pala", "Pinang Ranti", "Duren Sawit", "Pondok Bambu", "Jakarta Timur", "Makasar ›"],
    "op.kebon": ["Halim", "Pinang Ranti", "Duren Sawit", "Pondok Bambu", "Jakarta Timur", "Makasar ›"],
}
CELLS = [(action, user) for action in ALLOWED for user in USERS]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """The demo database plus a second kecamatan with data of its own."""
    path = tmp_path_factory.mktemp("matrix") / "skm.duckdb"
    store = Store(path)
    ensure_demo(store)
    pondok, _ = store.ensure_unit_path("Jakarta Timur/Duren Sawit/Pondok Bambu")
    store.import_survey(read_survey(SEED, "pondok.csv"), SEED, pondok.id, P1, user="uji")
    store.close()
    return path


def login(name: str) -> AppTest:
    role, unit = USERS[name]
    return new_app(120, name=name, role=role, unit_path=unit)


def open_as(name: str, page: str, unit_id: int, period: str = P1.code) -> AppTest:
    at = login(name)
    at.run()
    choose(at, unit_id, period)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tree_text(at: AppTest) -> str:
    """Everything the app sent to draw: texts, labels, options, table data."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def assert_no_foreign_names(at: AppTest, user: str, allow: tuple[str, ...] = ()) -> None:
    text = tree_text(at)
    leaked = [n for n in FORBIDDEN[user] if n in text and n not in allow]
    assert not leaked, f"{user} sees {leaked}"


def store() -> Store:
    from ui.data import get_store

    return get_store()


def halim_id() -> int:
    return store().find_unit(HALIM).id


@pytest.fixture(autouse=True)
def accounts_ready(app):
    from tests.apptest import ensure_user

    for name, (role, unit) in USERS.items():
        ensure_user(name, role, unit)
    yield


def _view(at_user: str) -> bool:
    at = open_as(at_user, "pages/ringkasan.py", halim_id())
    assert_no_foreign_names(at, at_user)
    shows_halim = "Halim Perdanakusuma" in at.caption[0].value
    if shows_halim:
        assert {m.label: m.value for m in at.metric}["IKM"] == "99,09"
    return shows_halim


def _import(user: str) -> bool:
    period = {"admin.uji": "2026-S1"}.get(user, "2026-S2")
    try:
        at = open_as(user, "pages/unggah.py", halim_id(), period)
    except ValueError as exc:  # AppTest: the page is not in this account's navigation
        assert "Could not find a navigation page" in str(exc)
        return False
    assert_no_foreign_names(at, user)
    before = {b.id for b in store().batches(halim_id())}
    content = SEED.replace(b"PKK;3,97", b"PKK;3,9" + str(len(user) % 7).encode())
    at.file_uploader[0].set_value(("hasil.csv", content, "text/csv"))
    at.run()
    at.button(key="unggah_save").click()
    at.run()
    assert not at.exception
    return {b.id for b in store().batches(halim_id())} != before


def _rtl_edit(user: str) -> bool:
    at = open_as(user, "pages/rtl.py", halim_id())
    assert_no_foreign_names(at, user)
    editable = bool(at.data_editor) and any((b.key or "").startswith("rtl_real_save_") for b in at.button)
    if not editable and "Halim" not in tree_text(at):
        return False
    if editable:  # and the edit really is saved
        items = store().rtl_items(halim_id(), P1)
        key = f"rtl_hambatan_{items[0].id}"
        at.text_input(key=key).set_value(f"catatan {user}")
        at.button(key=f"rtl_real_save_{items[0].id}").click()
        at.run()
        assert not at.exception
        return store().rtl_items(halim_id(), P1)[0].hambatan == f"catatan {user}"
    return False


def _approve(user: str) -> bool:
    store().set_period_status(
        halim_id(),
        P1,
        STATUS_DIAJUKAN,
        allowed_from=("draft", "diajukan", "disetujui", "dikembalikan"),
        actor="uji",
    )
    at = open_as(user, "pages/ringkasan.py", halim_id())
    assert_no_foreign_names(at, user)
    buttons = [b for b in at.button if b.key == "approval_approve"]
    if not buttons:
        return False
    buttons[0].click()
    at.run()
    assert not at.exception
    approved = store().period_status(halim_id(), P1).status == STATUS_DISETUJUI
    assert "Disetujui" in tree_text(at)
    return approved


def _report(user: str) -> bool:
    at = open_as(user, "pages/laporan.py", halim_id())
    # The unit's own saved letterhead (kop surat, "Yth. Camat ...", typed by its office) names the
    # kota above it: that is the unit's own text, not another unit's. Nothing beside it shows.
    assert_no_foreign_names(at, user, allow=("Jakarta Timur", "Makasar ›"))
    downloads = [d for d in at.get("download_button") if "laporan_pdf" in str(d.proto.id)]
    return bool(downloads) and "Halim Perdanakusuma" in at.caption[0].value


ACTIONS = {"view": _view, "import": _import, "rtl_edit": _rtl_edit, "approve": _approve, "report": _report}


@pytest.mark.parametrize(("action", "user"), CELLS, ids=[f"{a}-{u}" for a, u in CELLS])
def test_role_action_matrix(action, user):
    assert ACTIONS[action](user) == (user in ALLOWED[action])


def test_out_of_scope_link_falls_back_without_naming_the_unit():
    at = login("op.kebon")
    at.query_params["unit"] = str(halim_id())
    at.run()
    assert not at.exception
    assert "Kebon Pala" in at.caption[0].value
    assert_no_foreign_names(at, "op.kebon")
    assert at.selectbox(key="sidebar_unit").options == ["Kel. Kebon Pala"]


def test_pimpinan_has_no_import_page():
    at = login("camat.makasar")
    at.run()
    assert "Unggah Data" not in tree_text(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/unggah.py")


def who(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Masuk sebagai"))


def test_two_sessions_as_different_users_stay_apart():
    one, two = login("op.halim"), login("op.kebon")
    one.run()
    two.run()
    for _ in range(2):  # interleaved reruns
        one.run()
        two.run()
    assert one.selectbox(key="sidebar_unit").options == ["Kel. Halim Perdanakusuma"]
    assert two.selectbox(key="sidebar_unit").options == ["Kel. Kebon Pala"]
    assert one.session_state["auth_token"] != two.session_state["auth_token"]
    assert who(one) == "Masuk sebagai **op.halim**  \nOperator, Halim Perdanakusuma"
    assert who(two) == "Masuk sebagai **op.kebon**  \nOperator, Kebon Pala"
    assert_no_foreign_names(one, "op.halim")
    assert_no_foreign_names(two, "op.kebon")
    # Logging out in one session leaves the other logged in.
    one.button(key="auth_logout").click()
    one.run()
    two.run()
    assert [t.value for t in one.title] == ["SKM Dashboard"] and "auth_token" not in one.session_state
    assert who(two).startswith("Masuk sebagai **op.kebon**")
