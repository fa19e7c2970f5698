"""Every page through Streamlit's AppTest on the demo database: no exception at kelurahan,
kecamatan and kota level, and the key numbers shown are the engine's."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from skm.formatting import angka
from skm.storage import Store
from skm.summary import unit_summary
from skm.units import Period
from tests.apptest import open_page, static_tables

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
ALL_PAGES = sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))
PUBLIC = ("pages/kuesioner.py", "pages/hasil.py")  # only through /?isi= or /?hasil= (test_kuesioner, test_hasil)
# The login and first-start pages are the only ones before logging in (tests/test_login_pages.py).
PAGES = [p for p in ALL_PAGES if p not in ("pages/masuk.py", "pages/mulai.py")]
DASHBOARD = [p for p in PAGES if p not in PUBLIC]
LEVELS = {
    "kelurahan": "Jakarta Timur/Makasar/Halim Perdanakusuma",
    "kecamatan": "Jakarta Timur/Makasar",
    "kota": "Jakarta Timur",
}


@pytest.fixture(scope="module")
def engine(db_path):
    store = Store(db_path)
    yield store
    store.close()


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [x.value for x in at.info] + [x.value for x in at.warning] + [x.value for x in at.success]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in [*at.dataframe, *at.table]]
    parts += [t.to_csv() for t in static_tables(at)]
    return "\n".join(str(p) for p in parts)


def test_every_page_is_listed_in_the_router():
    text = Path(APP).read_text(encoding="utf-8")
    assert PAGES and all(f'"{p}"' in text for p in ALL_PAGES)


@pytest.mark.parametrize("page", DASHBOARD)
@pytest.mark.parametrize("level", list(LEVELS))
def test_page_runs_at_every_level(app, engine, page, level):
    unit = engine.find_unit(LEVELS[level])
    at = open_page(page, unit.id, "2024-S2")
    assert "Traceback" not in shown(at)


def test_ringkasan_shows_seed_tabel1(app, engine):
    unit = engine.find_unit(LEVELS["kelurahan"])
    at = open_page("pages/ringkasan.py", unit.id, "2024-S1")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["IKM"] == "99,09"
    assert metrics["Mutu pelayanan"] == "A"
    table = static_tables(at)[0]
    rows = {r.iloc[0]: r for _, r in table.iterrows()}
    assert rows["PPSU"]["IKM"] == "98,47" and rows["PPSU"]["U1"] == "3,93"
    assert rows["Jumantik"]["IKM"] == "99,26"
    assert rows["Rata-rata IKM per Unsur"]["IKM"] == "99,09"
    assert rows["Mutu Layanan"]["IKM"] == "A"
    text = shown(at)
    assert "IKM = 99,03" in text  # the value derived from the 2-decimal NRR is reported too
    assert "PPSU" in text and "DATA DEMO" in text


@pytest.mark.parametrize("level", ["kecamatan", "kota"])
def test_ringkasan_aggregates_children_with_method_labelled(app, engine, level):
    unit = engine.find_unit(LEVELS[level])
    expected = unit_summary(engine, unit, Period(2024, 2))
    assert expected is not None
    at = open_page("pages/ringkasan.py", unit.id, "2024-S2")
    assert {m.label: m.value for m in at.metric}["IKM"] == angka(expected.score.ikm)
    assert "rata-rata IKM unit di bawahnya" in shown(at)


def test_perbandingan_ranks_children_as_the_engine(app, engine):
    kec = engine.find_unit(LEVELS["kecamatan"])
    expected = unit_summary(engine, kec, Period(2025, 1))
    assert expected is not None
    at = open_page("pages/perbandingan.py", kec.id, "2025-S1")
    ranking = static_tables(at)[0]
    want = sorted(expected.score.parts, key=lambda p: -p.ikm)
    assert list(ranking["Unit"]) == [f"Kel. {p.name}" for p in want]  # every unit name says its level
    assert list(ranking["IKM"]) == [angka(p.ikm) for p in want]
    assert "Semua 5 kelurahan sudah memiliki data" in shown(at)


def test_perbandingan_lists_units_without_data(app, engine, tmp_path):
    kec = engine.find_unit(LEVELS["kecamatan"])
    # 2024-S1: Halim has only its Tabel 1; every kelurahan has data. 2026-S1: nobody has.
    at = open_page("pages/perbandingan.py", kec.id, "2024-S1")
    assert "Semua 5 kelurahan" in shown(at)


def test_perbandingan_drills_down(app, engine):
    kec = engine.find_unit(LEVELS["kecamatan"])
    target = engine.find_unit("Jakarta Timur/Makasar/Kebon Pala")
    at = open_page("pages/perbandingan.py", kec.id, "2024-S2")
    at.selectbox(key="perbandingan_target").set_value(target.id)
    next(b for b in at.button if b.label == "Lihat ringkasan unit").click()
    at.run()
    assert not at.exception
    assert at.session_state["unit_id"] == target.id
    assert at.title[0].value == "Ringkasan"


def test_perbandingan_explains_itself_for_a_kelurahan(app, engine):
    unit = engine.find_unit(LEVELS["kelurahan"])
    at = open_page("pages/perbandingan.py", unit.id, "2024-S2")
    assert "tidak memiliki unit di bawahnya" in shown(at)


def test_presentasi_steps_through_slides(app, engine):
    unit = engine.find_unit(LEVELS["kelurahan"])
    at = open_page("pages/presentasi.py", unit.id, "2024-S1")
    first = "\n".join(str(h.proto) for h in at.get("html"))
    assert "99,09" in first and "Sangat Baik" in first
    titles = []
    for _ in range(8):
        titles.append([m.value for m in at.markdown if "Slide" in m.value][0])
        nxt = next(b for b in at.button if "Berikutnya" in b.label)
        if nxt.disabled:
            break
        nxt.click()
        at.run()
        assert not at.exception
    assert titles[0].startswith("<div") and "Slide 1 dari 6" in titles[0]
    assert "Slide 6 dari 6" in titles[-1] and "RTL" in titles[-1]
    rtl_text = "\n".join(m.value for m in at.markdown)
    assert "Melakukan evaluasi dan pengawasan terhadap Petugas PPSU" in rtl_text
