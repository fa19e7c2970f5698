"""Log Audit's "Rincian": every audit row written by real changes on a real database reads as an
Indonesian sentence, never JSON (issue 15); an unknown key still shows as "kunci: nilai"."""

from __future__ import annotations

import json

import pytest

from skm import accounts
from skm.audit_text import rincian
from skm.demo import SEED_UNIT, ensure_demo


def test_every_written_audit_row_reads_as_a_sentence(store):
    demo = store
    ensure_demo(demo)
    unit = demo.find_unit(SEED_UNIT)
    batch = max(b.id for b in demo.batches(unit.id))
    demo.undo_import(batch, user="operator.halim")
    demo.rename_unit(unit.id, "Halim Baru", actor="admin.kota")
    accounts.create_user(demo, "operator.baru", "kata-sandi-panjang-1", accounts.OPERATOR, unit.id, actor="admin")
    entries = demo.audit_entries(limit=1000)
    assert {"import", "undo", "unit_rename", "user_create"} <= {e.action for e in entries}
    names = {unit.id: "Makasar › Halim Baru"}
    for e in entries:
        text = rincian(e.action, e.detail, names)
        assert "{" not in text and "[" not in text and '"' not in text, (e.action, text)
        if e.detail:
            assert text.endswith(".") and text[0].isupper(), (e.action, text)
    by_action = {e.action: rincian(e.action, e.detail, names) for e in entries}
    imported = next(e for e in entries if e.action == "import" and e.detail["batch"] == batch)
    assert rincian("import", imported.detail).startswith(f"Impor #{batch}, file “")
    assert f"{imported.detail['rows']} baris" in rincian("import", imported.detail)
    assert by_action["undo"].startswith(f"Impor #{batch} dibatalkan")
    assert by_action["unit_rename"] == f"Dari “{SEED_UNIT.rsplit('/', 1)[1]}”, menjadi “Halim Baru”."
    assert by_action["user_create"] == "Akun operator.baru, peran Operator."


def test_unknown_keys_are_kunci_nilai_and_empty_values_are_left_out():
    assert rincian("aksi_baru", {"jumlah_baru": 3, "daftar": ["a", "b"], "kosong": None}) == (
        "Jumlah_baru: 3, daftar: a, b."
    )
    assert rincian("import", {}) == "" and rincian("logout", None) == ""
    text = rincian("replace", {"batch": 5, "replaced": [2, 3], "rows": 1500})
    assert text == "Impor #5, menggantikan impor #2, #3, 1.500 baris."
    assert rincian("user_role", {"user": "x", "role": "pimpinan", "unit_id": 4}, {4: "Makasar"}) == (
        "Akun x, peran Pimpinan, unit Makasar."
    )
    assert json.dumps({"a": 1}) not in rincian("x", {"a": {"b": 1}})


def test_log_audit_page_shows_sentences_not_json(app):
    from tests.apptest import open_page, static_tables

    at = open_page("pages/audit.py")
    [table] = static_tables(at)
    assert list(table.columns) == ["Waktu", "Pengguna", "Tindakan", "Unit", "Periode", "Rincian"]
    rincian_texts = [str(v) for v in table["Rincian"]]
    assert rincian_texts and not [t for t in rincian_texts if "{" in t or '"batch"' in t]
    assert any(t.startswith("Impor #") and "baris" in t for t in rincian_texts)


def test_an_unknown_client_address_is_left_out(store):
    """A login from no browser connection is recorded against the 'unknown' client; Log Audit does
    not read it out as an address ("Dari alamat tidak-diketahui")."""
    accounts.create_user(store, "operator.uji", "kata-sandi-panjang-1", accounts.ADMIN, None, actor="admin")
    with pytest.raises(accounts.LoginRefused):
        accounts.login(store, "operator.uji", "salah-sekali-123", client=None)
    accounts.login(store, "operator.uji", "kata-sandi-panjang-1", client="10.0.0.7")
    rows = {e.action: e for e in store.audit_entries(limit=100)}
    failed = rows["login_failed"]
    assert failed.detail.get("client") == accounts.UNKNOWN_CLIENT  # still counted against it
    text = rincian(failed.action, failed.detail)
    assert "alamat" not in text and "tidak-diketahui" not in text
    assert text == ""  # the action column already says the login failed
    assert rincian(rows["login"].action, rows["login"].detail) == "Dari alamat 10.0.0.7."
