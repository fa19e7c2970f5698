"""The PEKPPP section of the Laporan page through AppTest: the four scores with reasons, a
publication recorded and removed through the form (audited, the score moves), and every
kelurahan's scores at kecamatan level."""

from __future__ import annotations

from datetime import date

from skm.demo import SEED_UNIT
from skm.storage import Store
from skm.units import Period
from tests.apptest import ADMIN, TAB_KEY, open_page, static_tables

PAGE = "pages/laporan.py"


def ids(path) -> dict[str, int]:
    store = Store(path)
    try:
        return {"halim": store.find_unit(SEED_UNIT).id, "kecamatan": store.find_unit("Jakarta Timur/Makasar").id}
    finally:
        store.close()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def shown(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [x.value for x in at.info] + [x.value for x in at.success] + [x.value for x in at.error]
    return "\n".join(str(p) for p in parts)


def test_scores_publication_added_and_removed(own_app):
    uid = ids(own_app)["halim"]
    at = open_page(PAGE, uid, "2024-S1", opened={TAB_KEY: "PEKPPP"})
    m = metrics(at)
    assert (m["Indikator 6"], m["Indikator 7"], m["Indikator 8"], m["Indikator 9"]) == (
        "2 / 5",
        "0 / 5",
        "5 / 5",
        "5 / 5",
    )
    text = shown(at)
    assert "Semester I 2024: 4 dari 4 kegiatan RTL terealisasi (100%)." in text
    assert "Catat publikasi di 1 media lagi untuk nilai 1." in text
    assert "Belum ada publikasi hasil SKM yang dicatat" in text

    form = f"pek_{uid}_2024_0"
    at.selectbox(key=f"{form}_media").set_value("papan_reklame")
    at.date_input(key=f"{form}_tanggal").set_value(date(2024, 7, 10))
    at.text_input(key=f"{form}_tempat").set_value("Baliho depan kantor kelurahan")
    next(b for b in at.button if b.label == "Simpan publikasi").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Publikasi Papan reklame 10 Juli 2024 dicatat." in shown(at)
    assert metrics(at)["Indikator 7"] == "1 / 5" and metrics(at)["Indikator 6"] == "3 / 5"
    table = next(t for t in static_tables(at) if "Media" in t.columns)
    assert list(table["Tempat / alamat"]) == ["Baliho depan kantor kelurahan"]
    assert at.text_input(key=f"pek_{uid}_2024_1_tempat").value == ""  # a fresh form

    from ui.data import get_store

    store = get_store()  # the app holds the file: read through its own Store
    entry = store.audit_entries(actions=["publikasi_add"])[0]
    assert (entry.actor, entry.unit_id, entry.period) == (ADMIN, uid, Period(2024, 1))

    next(b for b in at.button if b.label == "Hapus").click()
    at.run()
    assert not at.exception
    assert "Catatan publikasi dihapus." in shown(at)
    assert metrics(at)["Indikator 7"] == "0 / 5"
    assert store.audit_entries(actions=["publikasi_delete"])[0].actor == ADMIN


def test_bad_publication_says_why_and_records_nothing(own_app):
    uid = ids(own_app)["halim"]
    at = open_page(PAGE, uid, "2024-S1", opened={TAB_KEY: "PEKPPP"})
    next(b for b in at.button if b.label == "Simpan publikasi").click()  # no date
    at.run()
    assert not at.exception
    assert "Tanggal publikasi harus berupa tanggal" in shown(at)
    from ui.data import get_store

    assert get_store().publications(uid) == []


def test_kecamatan_table_of_every_kelurahan(app, db_path):
    at = open_page(PAGE, ids(db_path)["kecamatan"], "2024-S1")
    table = next(t for t in static_tables(at) if "Indikator 8" in t.columns)
    assert len(table) == 5
    halim = table[table["Unit"].str.contains("Halim")].iloc[0]
    assert [halim[f"Indikator {n}"] for n in (6, 7, 8, 9)] == ["2", "0", "5", "5"]  # the texts shown
    others = table[~table["Unit"].str.contains("Halim")]
    assert set(others["Indikator 8"]) == {"0"}  # the synthetic kelurahan have no RTL


def test_camat_sees_scores_and_pack_but_records_nothing(app, db_path):
    from tests.apptest import choose, new_app

    at = new_app(name="camat.uji", role="pimpinan", unit_path="Jakarta Timur/Makasar")
    at.run()
    choose(at, ids(db_path)["halim"], "2024-S1")
    at.session_state[TAB_KEY] = "PEKPPP"
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["Indikator 8"] == "5 / 5"
    assert not [b for b in at.button if b.label in ("Simpan publikasi", "Hapus")]
    assert "Unduh paket bukti PEKPPP 2024 (ZIP)" in [b.label for b in at.download_button]
