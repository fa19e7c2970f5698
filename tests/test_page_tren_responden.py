"""The Tren and Responden pages through Streamlit's AppTest, on the demo data: every level runs,
and the numbers shown are the engine's."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from skm.demo import synthetic_csv
from skm.formatting import angka
from skm.ingest import read_survey
from skm.storage import Store
from skm.summary import unit_summary
from skm.units import Period, Unit
from skm.unsur import CODES, UNSUR
from tests.apptest import bar_lists, choose, new_app, static_tables
from ui.data import get_store
from ui.tables import PAGE_ROWS

TIMEOUT = 120

KOTA = "Jakarta Timur"
KECAMATAN = "Jakarta Timur/Makasar"
KELURAHAN = "Jakarta Timur/Makasar/Kebon Pala"
HALIM = "Jakarta Timur/Makasar/Halim Perdanakusuma"


def _open(page: str, path: str, period: str) -> tuple[AppTest, Store, Unit]:
    """The app on `page` with the sidebar's unit set to the one at `path` and its period to
    `period`; with the app's own Store (same process, same cache) for the expected values."""
    at = new_app(TIMEOUT)
    at.run()
    store = get_store()
    unit = store.find_unit(path)
    choose(at, unit.id, period)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at, store, unit


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [f"{m.label}: {m.value} {m.proto.delta}" for m in at.metric]
    return "\n".join(parts)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ---------------------------------------------------------------- Tren


@pytest.mark.parametrize("path", [KELURAHAN, KECAMATAN, KOTA, HALIM])
def test_tren_every_level_without_exception(app, path):
    at, _store, _unit = _open("pages/tren.py", path, "2024-S2")
    assert at.title[0].value == "Tren IKM"
    table = static_tables(at)[0]
    assert len(table) == 6  # six demo semesters, 2023-S1 … 2025-S2
    chosen = table[table["Periode"].str.contains("dipilih")]
    assert len(chosen) == 1 and chosen["Periode"].iloc[0].startswith("Semester II 2024")


def test_tren_kecamatan_ikm_matches_engine(app):
    at, store, unit = _open("pages/tren.py", KECAMATAN, "2024-S2")
    now = unit_summary(store, unit, Period(2024, 2))
    before = unit_summary(store, unit, Period(2024, 1))
    assert now is not None and before is not None and now.score.respondents is not None
    expected = angka(now.score.ikm)
    table = static_tables(at)[0]
    row = table[table["Periode"].str.startswith("Semester II 2024")].iloc[0]
    assert row["IKM"] == expected
    assert row["Mutu"] == f"{now.score.mutu.letter} — {now.score.mutu.kinerja}"
    assert row["Responden"] == angka(now.score.respondents, 0)
    delta = round(now.score.ikm, 2) - round(before.score.ikm, 2)
    assert row["Perubahan IKM"] == f"{'▲' if delta > 0 else '▼'} {angka(abs(delta))}"
    # The headline says the same, with the same change.
    headline = at.metric[0]
    assert headline.label == "IKM Semester II 2024" and headline.value == expected
    assert headline.proto.delta == ("+" if delta > 0 else "-") + angka(abs(delta))


def test_tren_children_checkbox(app):
    at, _store, _unit = _open("pages/tren.py", KECAMATAN, "2024-S2")
    box = at.checkbox(key="tren_children")
    assert "kelurahan" in box.label and "(5)" in box.label
    box.check()
    at.run()
    assert not at.exception
    at, _store, _unit = _open("pages/tren.py", KOTA, "2024-S2")
    assert "kecamatan" in at.checkbox(key="tren_children").label
    # A kelurahan has no units under it: no checkbox.
    at, _store, _unit = _open("pages/tren.py", KELURAHAN, "2024-S2")
    assert not [c for c in at.checkbox if c.key == "tren_children"]


def test_tren_period_without_data_is_said(app):
    at, _store, _unit = _open("pages/tren.py", KECAMATAN, "2026-S1")
    assert "belum memiliki data" in _texts(at)
    assert not static_tables(at)[0]["Periode"].str.contains("dipilih").any()


def test_tren_mixed_semester_counts_raw_respondents(app):
    """Kecamatan Makasar 2024-S1 includes Halim's tabel NRR: IKM shown, the respondents of the four
    kelurahan with raw answers plus '1 tabel NRR', explained."""
    at, store, unit = _open("pages/tren.py", KECAMATAN, "2024-S1")
    result = unit_summary(store, unit, Period(2024, 1))
    assert result is not None
    row = static_tables(at)[0].iloc[2]
    assert row["Periode"].startswith("Semester I 2024")
    assert result.raw_only is not None and result.raw_only.respondents
    assert row["IKM"] == angka(result.score.ikm)
    assert row["Responden"] == f"{angka(result.raw_only.respondents, 0)} + 1 tabel NRR"
    assert "tabel NRR" in _texts(at)


def test_tren_single_semester_is_said_and_shown(tmp_path, monkeypatch):
    """A unit with one semester of data: the page says there is no trend yet and still shows it."""
    path = tmp_path / "one.duckdb"
    store = Store(path)
    unit, _ = store.ensure_unit_path("Kota Uji/Kecamatan Uji/Kelurahan Uji")
    data = synthetic_csv(0, Period(2024, 2))
    store.import_survey(read_survey(data, "uji.csv"), data, unit.id, Period(2024, 2))
    expected = unit_summary(store, unit, Period(2024, 2))
    store.close()
    assert expected is not None
    monkeypatch.setenv("SKM_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at, _store, _unit = _open("pages/tren.py", "Kota Uji/Kecamatan Uji/Kelurahan Uji", "2024-S2")
        assert "Baru satu semester" in _texts(at)
        table = static_tables(at)[0]
        assert len(table) == 1 and table["IKM"].iloc[0] == angka(expected.score.ikm)
        assert table["Perubahan IKM"].iloc[0] == "–"
    finally:
        get_store().close()
        st.cache_resource.clear()
        st.cache_data.clear()


# ---------------------------------------------------------------- Responden


@pytest.mark.parametrize("path", [KELURAHAN, KECAMATAN, KOTA])
def test_responden_totals_match_engine(app, path):
    at, store, unit = _open("pages/responden.py", path, "2024-S2")
    result = unit_summary(store, unit, Period(2024, 2))
    assert result is not None
    s = result.score
    assert s.respondents is not None and s.blank_respondents is not None and s.answered is not None
    metrics = _metrics(at)
    assert metrics["Responden"] == angka(s.respondents, 0)
    assert metrics["Ada jawaban kosong"].startswith(angka(s.blank_respondents, 0) + " (")
    assert result.pooled is not None and metrics["IKM gabungan responden"] == angka(result.pooled.ikm)
    # Blanks per unsur = respondents - answered.
    blanks = static_tables(at)[1]
    assert list(blanks["Kosong"]) == [angka(s.respondents - s.answered[c], 0) for c in s.answered]
    text = _texts(at)
    assert "tidak dihitung sebagai nol" in text
    assert "gabungan responden" in text
    # Each profile dimension covers every respondent.
    profile = static_tables(at)[0]
    assert set(profile["Profil"]) == {"Jenis kelamin", "Usia", "Pendidikan terakhir", "Pekerjaan"}
    for _dim, rows in profile.groupby("Profil"):
        assert sum(int(v.replace(".", "")) for v in rows["Responden"]) == s.respondents
    # The bar lists show the table's figures, group by group, in its order.
    bars = bar_lists(at)
    for dim, rows in profile.groupby("Profil", sort=False):
        assert bars[dim] == [
            (r["Kelompok"], r["Responden"] + (f" · IKM {r['IKM gabungan']}" if r["IKM gabungan"] != "–" else ""))
            for _, r in rows.iterrows()
        ]
    assert bars["Responden yang mengosongkan unsur"] == list(
        zip([f"{c} {UNSUR[c].short}" for c in CODES], blanks["Kosong"], strict=True)
    )


def _saran_pages(at: AppTest) -> list[str]:
    """Every saran of the paged table, page after page (each page at most PAGE_ROWS rows)."""
    pickers = [b for b in at.selectbox if b.key and b.key.startswith("responden_saran_hal_")]
    numbers = pickers[0].options if pickers else ["1"]
    texts: list[str] = []
    for i, _ in enumerate(numbers):
        if pickers:
            at.selectbox(key=pickers[0].key).set_value(i + 1).run()
            assert not at.exception
        page = static_tables(at)[-1]
        assert len(page) <= PAGE_ROWS
        texts += list(page["Saran"])
    return texts


def test_responden_saran_search_matches_store(app):
    at, store, unit = _open("pages/responden.py", KECAMATAN, "2024-S2")
    ids = [unit.id] + [u.id for u in store.descendants(unit.id)]
    everything = store.saran(ids, Period(2024, 2), "")
    parkir = store.saran(ids, Period(2024, 2), "parkir")
    assert 0 < len(parkir) < len(everything)
    assert f"**{angka(len(everything), 0)} saran**." in _texts(at)
    assert len(everything) > PAGE_ROWS  # so the list is paged
    assert _saran_pages(at) == [" ".join(t.split()) for _unit, _layanan, _waktu, t in everything]

    at.text_input(key="responden_saran_cari").input("PARKIR").run()
    assert not at.exception
    assert f"**{angka(len(parkir), 0)} saran** memuat “PARKIR”" in _texts(at)
    table = static_tables(at)[-1]
    assert list(table.columns) == ["Unit", "Layanan", "Waktu", "Saran"]
    assert _saran_pages(at) == [" ".join(t.split()) for _unit, _layanan, _waktu, t in parkir]
    assert table["Saran"].str.contains("parkir", case=False).all()

    at.text_input(key="responden_saran_cari").input("tidak-ada-kata-ini").run()
    assert not at.exception
    assert "**0 saran** memuat" in _texts(at)


def test_responden_tabel_nrr_is_explained(app):
    at, _store, _unit = _open("pages/responden.py", HALIM, "2024-S1")
    text = _texts(at)
    assert "tabel NRR" in text and "profil responden" in text
    # What the table does have is shown: its six layanan and the seed's IKM 99,09.
    assert len(static_tables(at)) == 1 and list(static_tables(at)[0]["Jenis layanan"])[4] == "PPSU"
    assert len(static_tables(at)[0]) == 6
    assert _metrics(at)["IKM"] == "99,09"
    assert not [t for t in at.text_input if t.key == "responden_saran_cari"]


def test_responden_mixed_period_names_the_tabel_nrr_unit(app):
    """Kecamatan Makasar 2024-S1: four kelurahan with respondents, Halim with its tabel NRR."""
    at, store, unit = _open("pages/responden.py", KECAMATAN, "2024-S1")
    others = [u for u in store.descendants(unit.id) if u.name != "Halim Perdanakusuma"]
    counts = [unit_summary(store, u, Period(2024, 1)) for u in others]
    total = sum(r.score.respondents or 0 for r in counts if r is not None)
    assert total > 0
    assert "Data Semester I 2024 untuk Kel. Halim Perdanakusuma berupa **tabel NRR**" in _texts(at)
    assert _metrics(at)["Responden"] == angka(total, 0)
