"""The Presentasi page through AppTest on the demo database: at kecamatan and kota level the
completeness, ranking, lowest-unsur and RTL-progress slides with the engine's figures; the
full-screen toggle puts ?mode=presentasi in the address and "Keluar presentasi" takes it out.
(Keys, fit and type size in a real browser: tests/test_browser_presentasi.py.)"""

from __future__ import annotations

import pytest

from skm import slides
from skm.formatting import angka
from skm.storage import Store
from skm.summary import unit_summary
from skm.units import Period
from tests.apptest import open_page

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
    assert "Kelengkapan data" in seen["Kelengkapan"] and "5 dari 5 kelurahan ada data" in seen["Kelengkapan"]
    if level == "kecamatan":
        assert "Halim Perdanakusuma" in seen["Kelengkapan"] and "Draf" in seen["Kelengkapan"]
    else:
        assert "5 dari 5 kelurahan" in seen["Kelengkapan"] and "0 dari 5 disetujui" in seen["Kelengkapan"]
    for r in slides.ranking(result):
        assert f"{r.rank}. {r.name}" in seen["Peringkat"] and angka(r.ikm) in seen["Peringkat"]
    lowest = slides.unsur_spread(result)[0]
    assert f"terendah: {lowest.code}" in seen["Unsur terendah"] and angka(lowest.lowest) in seen["Unsur terendah"]
    assert "1 dari 5 kelurahan punya RTL" in seen["Realisasi RTL"] and "belum ada RTL" in seen["Realisasi RTL"]


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
