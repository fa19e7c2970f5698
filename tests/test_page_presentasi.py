"""The Presentasi page through AppTest on the demo database: at kecamatan and kota level the
completeness, ranking, lowest-unsur and RTL-progress slides with the engine's figures; the
full-screen toggle puts ?mode=presentasi in the address and "Keluar presentasi" takes it out.
(Keys, fit and type size in a real browser: tests/test_browser_presentasi.py.)"""

from __future__ import annotations

import pytest

from skm import slides
from skm.demo import KELURAHAN_PER_KECAMATAN
from skm.formatting import angka
from skm.labels import level_name
from skm.storage import Store
from skm.summary import unit_summary
from skm.units import Period
from tests.apptest import open_page
from tests.test_completeness import IN_KOTA, KECAMATAN, KOTA, LAST_DEMO, NEXT, partial_app, partial_path  # noqa: F401

P1 = Period(2024, 1)
LEVELS = {"kecamatan": "Jakarta Timur/Makasar", "kota": "Jakarta Timur"}


@pytest.fixture(scope="module")
def engine(db_path):
    store = Store(db_path)
    yield store
    store.close()


def html_of(at) -> str:
    return "\n".join(str(h.proto) for h in at.get("html"))


def step_through(at) -> dict[str, str]:
    """Every slide's title and what it showed (st.html and the charts' data), by the counter's label."""
    seen: dict[str, str] = {}
    for _ in range(20):
        counter = next(m.value for m in at.markdown if "Slide" in m.value)
        label = counter.split(" · ")[-1].split("<")[0]
        charts = "\n".join(str(c.proto) for c in at.get("plotly_chart"))
        seen[label] = html_of(at) + "\n" + charts
        nxt = next(b for b in at.button if b.label.startswith("Berikutnya ▶"))
        if nxt.disabled:
            break
        nxt.click()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return seen


@pytest.mark.parametrize("level", list(LEVELS))
def test_wilayah_slides_show_the_engines_figures(app, engine, level):
    unit = engine.find_unit(LEVELS[level])
    result = unit_summary(engine, unit, P1)
    assert result is not None
    at = open_page("pages/presentasi.py", unit.id, P1.code)
    seen = step_through(at)
    assert list(seen)[:3] == ["Ringkasan", "Kelengkapan", "Peringkat"]
    assert {"Peta unsur", "Prioritas", "Unsur terendah", "Realisasi RTL", "Tren"} <= set(seen)
    assert angka(result.score.ikm) in seen["Ringkasan"]
    n = IN_KOTA if level == "kota" else KELURAHAN_PER_KECAMATAN["Makasar"]
    assert "Kelengkapan data" in seen["Kelengkapan"] and f"{n} dari {n} kelurahan ada data" in seen["Kelengkapan"]
    if level == "kecamatan":
        assert "Kel. Halim Perdanakusuma" in seen["Kelengkapan"] and "Draf" in seen["Kelengkapan"]
    else:
        for k in KELURAHAN_PER_KECAMATAN.values():  # a row per kecamatan
            assert f"{k} dari {k} kelurahan" in seen["Kelengkapan"] and f"0 dari {k} disetujui" in seen["Kelengkapan"]
    level = {u.name: level_name(u) for u in result.child_units}
    for r in slides.ranking(result):
        assert f"{r.rank}. {level[r.name]}" in seen["Peringkat"] and angka(r.ikm) in seen["Peringkat"]
    lowest = slides.unsur_spread(result)[0]
    assert f"terendah: {lowest.code}" in seen["Unsur terendah"] and angka(lowest.lowest) in seen["Unsur terendah"]
    assert f"1 dari {n} kelurahan punya RTL" in seen["Realisasi RTL"] and "belum ada RTL" in seen["Realisasi RTL"]


def test_full_screen_toggle_and_exit(app, engine):
    unit = engine.find_unit("Jakarta Timur/Makasar/Halim Perdanakusuma")
    at = open_page("pages/presentasi.py", unit.id, P1.code)
    assert "mode" not in at.query_params
    assert not [b for b in at.button if b.label == "Keluar presentasi"]
    at.toggle(key="skm_full").set_value(True)
    at.run()
    assert not at.exception
    assert at.query_params.get("mode") == "presentasi"
    assert "stSidebar" in html_of(at)  # the chrome is hidden by the injected styles
    exit_button = next(b for b in at.button if b.label == "Keluar presentasi")
    exit_button.click()
    at.run()
    assert not at.exception
    assert "mode" not in at.query_params
    assert [t for t in at.toggle if t.key == "skm_full"]


@pytest.mark.parametrize(("path", "count"), [(KECAMATAN, "1 dari 5 kelurahan"), (KOTA, f"1 dari {IN_KOTA} kelurahan")])
@pytest.mark.usefixtures("partial_app")
def test_partial_period_headline_is_sementara_without_change(path, count):
    """Kebon Pala alone has 2026-S1: the headline says how many have reported, sementara, who is
    missing, and shows no change (a partial semester is not a fall); the ranking says so too."""
    from ui.data import get_store

    at = open_page("pages/presentasi.py", get_store().find_unit(path).id, NEXT.code)
    seen = step_through(at)
    head = seen["Ringkasan"]
    assert "Indeks Kepuasan Masyarakat (sementara)" in head
    assert f"{count} · sementara" in head and "Kel. Pinang Ranti" in head
    assert "dibanding" not in head and "▼" not in head and "▲" not in head
    if path == KOTA:
        assert "Kec. Makasar: " in head  # the missing ones grouped by kecamatan


@pytest.mark.usefixtures("partial_app")
def test_final_period_headline_shows_change_from_the_latest_final():
    from ui.data import get_store

    at = open_page("pages/presentasi.py", get_store().find_unit(KECAMATAN).id, LAST_DEMO.code)
    head = step_through(at)["Ringkasan"]
    assert "(sementara)" not in head and "dari 5 kelurahan" not in head
    assert f"dibanding {LAST_DEMO.previous().label}" in head


@pytest.mark.usefixtures("partial_app")
def test_trend_slide_marks_the_partial_semester_hollow_and_dashed():
    from ui.data import get_store

    at = open_page("pages/presentasi.py", get_store().find_unit(KECAMATAN).id, NEXT.code)
    while not any("Slide" in m.value and "· Tren" in m.value for m in at.markdown):
        next(b for b in at.button if b.label.startswith("Berikutnya ▶")).click()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    import json

    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    hollow = [t for t in fig["data"] if t.get("marker", {}).get("symbol") == "circle-open"]
    dashed = [t for t in fig["data"] if t.get("line", {}).get("dash") == "dash"]
    assert hollow and hollow[0]["x"] == [NEXT.label]
    assert dashed and NEXT.label in dashed[0]["x"]
    solid = next(t for t in fig["data"] if t.get("name") == "Kec. Makasar")
    assert solid["y"][-1] is None  # the partial point is not on the solid line
    assert "sementara" in html_of(at)
