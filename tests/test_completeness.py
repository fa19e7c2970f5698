"""Completeness (skm/completeness.py) on the demo data plus one kelurahan that has already uploaded
the next semester (2026-S1): counted, final or sementara, the default period, and what Ringkasan,
Tren and the sidebar show for it."""

from __future__ import annotations

import shutil

import pytest

from skm import charts
from skm.approval import approve, submit
from skm.completeness import by_period, completeness, default_period
from skm.demo import KELURAHAN_PER_KECAMATAN, PERIODS, synthetic_csv
from skm.ingest import read_survey
from skm.labels import level_name
from skm.storage import STATUS_DISETUJUI, Store
from skm.summary import unit_summary
from skm.units import Period
from tests.apptest import choose, new_app, static_tables
from tests.conftest import app_on
from ui.approval import STATUSES_KEY

KOTA, KECAMATAN = "Jakarta Timur", "Jakarta Timur/Makasar"
EARLY = "Jakarta Timur/Makasar/Kebon Pala"
NEXT = Period(2026, 1)
IN_KOTA = sum(KELURAHAN_PER_KECAMATAN.values())  # every kelurahan of the demo kota
LAST_DEMO = Period(2025, 2)
TIMEOUT = 120


def _upload_next(store: Store) -> None:
    """Kebon Pala uploads 2026-S1 before the four other kelurahan, with answers well below the
    kecamatan's (the synthetic set of the weakest demo kelurahan): alone it would read as a fall."""
    unit = store.find_unit(EARLY)
    data = synthetic_csv(1, PERIODS[0])
    store.import_survey(read_survey(data, "awal.csv"), data, unit.id, NEXT, user="uji")


@pytest.fixture(scope="module")
def partial_path(db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("partial") / "skm.duckdb"
    shutil.copy(db_path, path)
    store = Store(path)
    _upload_next(store)
    store.close()
    return path


@pytest.fixture
def partial(partial_path):
    store = Store(partial_path)
    yield store
    store.close()


@pytest.fixture
def partial_app(partial_path, monkeypatch):
    with app_on(partial_path, monkeypatch) as path:
        yield path


# ---------------------------------------------------------------- the domain


def test_kecamatan_partial_counts_kelurahan(partial):
    kec = partial.find_unit(KECAMATAN)
    found = completeness(partial, kec, NEXT)
    assert found.count_text == "1 dari 5 kelurahan"
    assert [u.name for u in found.with_data] == ["Kebon Pala"]
    assert {u.name for u in found.missing} == {"Halim Perdanakusuma", "Makasar", "Pinang Ranti", "Cipinang Melayu"}
    assert not found.complete and not found.final and found.provisional
    assert found.picker_note == "belum lengkap: 1/5"
    done = completeness(partial, kec, LAST_DEMO)
    assert done.complete and done.final and not done.provisional and done.picker_note == ""


def test_kota_counts_kelurahan_grouped_by_kecamatan(partial):
    kota = partial.find_unit(KOTA)
    found = completeness(partial, kota, NEXT)
    assert found.count_text == f"1 dari {IN_KOTA} kelurahan"
    groups = dict(found.missing_groups())
    assert set(groups) == {f"Kec. {name}" for name in KELURAHAN_PER_KECAMATAN}
    assert "Kel. Makasar" in groups["Kec. Makasar"] and "Kel. Kebon Pala" not in groups["Kec. Makasar"]


def test_leaf_with_data_is_final_and_empty_period_says_so(partial):
    leaf = partial.find_unit(EARLY)
    assert completeness(partial, leaf, NEXT).final
    other = completeness(partial, partial.find_unit("Jakarta Timur/Makasar/Makasar"), NEXT)
    assert not other.final and not other.provisional and other.picker_note == "belum ada data"


def test_default_period_is_latest_final(partial):
    kec = partial.find_unit(KECAMATAN)
    periods = partial.periods_with_data([kec.id, *(u.id for u in partial.descendants(kec.id))])
    assert periods[-1] == NEXT
    assert default_period(by_period(partial, kec, periods)) == LAST_DEMO
    leaf = partial.find_unit(EARLY)
    assert default_period(by_period(partial, leaf, periods)) == NEXT
    assert default_period({}) is None


def test_approval_at_the_level_makes_it_final(partial_path, tmp_path):
    from skm import accounts
    from skm.actions.door import Session

    path = tmp_path / "skm.duckdb"
    shutil.copy(partial_path, path)
    store = Store(path)
    try:
        kec = store.find_unit(KECAMATAN)
        accounts.create_user(store, "admin.kelengkapan", "kata-sandi-uji-123", accounts.ADMIN, None, actor="uji")
        session = Session(accounts.login(store, "admin.kelengkapan", "kata-sandi-uji-123", client="uji"), "uji")
        submit(store, session, kec.id, NEXT)
        approve(store, session, kec.id, NEXT)
        found = completeness(store, kec, NEXT)
        assert found.approved_here and found.final and not found.complete and not found.provisional
        assert store.period_status(kec.id, NEXT).status == STATUS_DISETUJUI
    finally:
        store.close()


def test_mixed_sources_count_raw_respondents_and_interval(db_path):
    """2024-S1 of the demo: Halim sent its Tabel 1 (no respondents), four kelurahan raw answers."""
    store = Store(db_path)
    try:
        kec = store.find_unit(KECAMATAN)
        result = unit_summary(store, kec, Period(2024, 1))
        assert result is not None and result.score.respondents is None and result.score.ci95 is None
        raw = result.raw_only
        assert raw is not None and result.table_units == 1
        halim = store.find_unit("Jakarta Timur/Makasar/Halim Perdanakusuma")
        others = [u for u in store.descendants(kec.id) if u.id != halim.id]
        expected = sum(unit_summary(store, u, Period(2024, 1)).score.respondents for u in others)  # type: ignore[union-attr,misc]
        assert raw.respondents == expected > 0
        assert raw.ci95 is not None and raw.ci95[0] < raw.ikm < raw.ci95[1]
        only_raw = unit_summary(store, kec, Period(2024, 2))
        assert only_raw is not None and only_raw.raw_only is None and only_raw.table_units == 0
    finally:
        store.close()


def test_level_name_tells_kecamatan_from_kelurahan(partial):
    kec = partial.find_unit(KECAMATAN)
    kel = partial.find_unit("Jakarta Timur/Makasar/Makasar")
    assert (level_name(kec), level_name(kel)) == ("Kec. Makasar", "Kel. Makasar")
    assert level_name(partial.find_unit(KOTA)) == "Kota Jakarta Timur"


# ---------------------------------------------------------------- the chart


def test_trend_marks_partial_points_hollow_and_dashed():
    fig = charts.trend(["S1", "S2", "S3"], {"Kec. X": [90.0, 91.0, 70.0]}, partial={"Kec. X": [False, False, True]})
    solid = [t for t in fig.data if t.line.dash in (None, "solid") and "lines" in (t.mode or "")]
    assert solid and list(solid[0].y) == [90.0, 91.0, None]  # no solid line into the partial point
    dashed = [t for t in fig.data if t.line.dash == "dash"]
    assert dashed and 70.0 in list(dashed[0].y) and 91.0 in list(dashed[0].y)
    hollow = [t for t in fig.data if t.marker.symbol == "circle-open"]
    assert hollow and list(hollow[0].y) == [70.0] and "sementara (belum lengkap)" in hollow[0].name
    whole = charts.trend(["S1", "S2"], {"Kec. X": [90.0, 91.0]})
    assert not [t for t in whole.data if t.line.dash == "dash" or t.marker.symbol == "circle-open"]


# ---------------------------------------------------------------- pages


def _open(page: str, path: str, period: str | None):
    from ui.data import get_store

    at = new_app(TIMEOUT)
    at.run()
    unit = get_store().find_unit(path)
    choose(at, unit.id, period)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_sidebar_defaults_to_latest_final_and_labels_partial(partial_app):
    from ui.data import get_store

    at = new_app(TIMEOUT)
    at.session_state["unit_id"] = get_store().find_unit(KECAMATAN).id
    at.run()
    assert not at.exception
    picker = at.sidebar.selectbox(key="sidebar_period")
    assert picker.value == LAST_DEMO.code
    labels = picker.options
    assert "Sem. I 2026 (belum lengkap: 1/5)" in labels
    assert "Semester II 2026 (belum ada data)" in labels
    assert "Semester II 2025" in labels
    units = at.sidebar.selectbox(key="sidebar_unit").options
    assert any(o.strip() == "Kec. Makasar" for o in units) and any(o.strip() == "Kel. Makasar" for o in units)


@pytest.mark.parametrize("path", [KECAMATAN, KOTA])
def test_ringkasan_partial_is_sementara_without_delta(partial_app, path):
    at = _open("pages/ringkasan.py", path, NEXT.code)
    head = at.metric[0]
    assert head.label == "IKM (sementara)"
    assert not head.proto.delta  # no fall drawn from 1 of 5 kelurahan
    expected = IN_KOTA if path == KOTA else KELURAHAN_PER_KECAMATAN["Makasar"]
    pops = [p for p in at.get("popover") if f"1 dari {expected} kelurahan" in p.proto.popover.label]
    assert pops, [p.proto.popover.label for p in at.get("popover")]
    inside = "\n".join(m.value for m in pops[0].markdown)
    assert "Kel. Pinang Ranti" in inside and "Kel. Kebon Pala" not in inside


def test_ringkasan_final_period_has_delta_and_no_badge(partial_app):
    at = _open("pages/ringkasan.py", KECAMATAN, LAST_DEMO.code)
    head = at.metric[0]
    assert head.label == "IKM" and head.proto.delta
    assert not [p for p in at.get("popover") if "dari 5 kelurahan" in p.proto.popover.label]


def test_ringkasan_mixed_sources_counts_raw_respondents(app):
    from ui.data import get_store

    at = _open("pages/ringkasan.py", KECAMATAN, "2024-S1")
    store = get_store()
    result = unit_summary(store, store.find_unit(KECAMATAN), Period(2024, 1))
    assert result is not None and result.raw_only is not None and result.raw_only.ci95 is not None
    metrics = {m.label: m for m in at.metric}
    from skm.formatting import angka

    assert metrics["Responden"].value == angka(result.raw_only.respondents, 0)
    assert metrics["Responden"].proto.delta == "+ 1 unit dengan tabel NRR"
    low, high = result.raw_only.ci95
    assert metrics["Selang kepercayaan 95%"].value == f"{angka(low)} – {angka(high)}"


def test_tren_kecamatan_marks_partial_semester(partial_app):
    at = _open("pages/tren.py", KECAMATAN, NEXT.code)
    table = static_tables(at)[0]
    row = table[table["Periode"].str.startswith("Semester I 2026")].iloc[0]
    assert "sementara" in row["Periode"]
    assert not row["Perubahan IKM"].startswith(("▼", "▲"))
    assert at.metric[0].label.endswith("(sementara)") and not at.metric[0].proto.delta


def test_perbandingan_kota_marks_partial_kecamatan(partial_app):
    at = _open("pages/perbandingan.py", KOTA, NEXT.code)
    ranking = static_tables(at)[0]
    row = ranking.iloc[0]
    assert row["Unit"] == "Kec. Makasar (sementara: 1 dari 5 kelurahan)"
    assert row["Perubahan"] == "–"  # no fall from one kelurahan
    warned = "\n".join(w.value for w in at.warning)
    assert "Kec. Makasar" in warned and "Kel. Pinang Ranti" in warned and "Kebon Pala" not in warned
    assert [m.value for m in at.metric if m.label == "Kelurahan sudah melapor"] == [f"1 dari {IN_KOTA}"]


def test_approval_line_counts_per_status_and_says_who_has_data(partial_app):
    at = _open("pages/ringkasan.py", KECAMATAN, NEXT.code)
    line = next(e for e in at.expander if e.label.startswith("Status persetujuan"))
    assert line.label == "Status persetujuan Semester I 2026: 5 kelurahan: draf · 1 dari 5 ada data"
    assert not line.markdown  # the list is built when the expander is opened (a click reruns the page)
    at.session_state[STATUSES_KEY] = True  # the click (the label, part of the widget's identity, is the same)
    at.run()
    line = next(e for e in at.expander if e.label.startswith("Status persetujuan"))
    listed = "\n".join(m.value for m in line.markdown)
    assert "Kel. Kebon Pala: **Draf** · ada data" in listed
    assert "Kel. Pinang Ranti: **Draf** · **belum ada data**" in listed


def test_responden_mixed_sources_says_table_units(app):
    at = _open("pages/responden.py", KECAMATAN, "2024-S1")
    head = next(m for m in at.metric if m.label == "Responden")
    assert head.proto.delta == "+ 1 unit dengan tabel NRR"


def test_tren_kota_child_kecamatan_line_marked_partial(partial_app):
    import json

    at = _open("pages/tren.py", KOTA, NEXT.code)
    at.checkbox(key="tren_children").check().run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    hollow = [t["name"] for t in spec["data"] if t.get("marker", {}).get("symbol") == "circle-open"]
    assert "Kec. Makasar: sementara (belum lengkap)" in hollow
    assert "Kota Jakarta Timur: sementara (belum lengkap)" in hollow


def test_sidebar_period_follows_the_unit_until_the_user_chooses_one(partial_app):
    """Switching unit re-defaults the period to that unit's latest final one, unless the user chose
    a period (the picker, or a link's periode): then it stays."""
    from ui.data import get_store

    store = get_store()
    kec, early = store.find_unit(KECAMATAN).id, store.find_unit(EARLY).id
    at = new_app(TIMEOUT)
    at.session_state["unit_id"] = kec
    at.run()

    def switch(unit_id: int) -> str:
        at.sidebar.selectbox(key="sidebar_unit").set_value(unit_id)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at.sidebar.selectbox(key="sidebar_period").value

    assert at.sidebar.selectbox(key="sidebar_period").value == LAST_DEMO.code
    assert switch(early) == NEXT.code  # Kebon Pala has reported 2026-S1: final for it
    assert switch(kec) == LAST_DEMO.code  # the kecamatan's 2026-S1 is 1 of 5: not its default
    chosen = PERIODS[0]
    at.sidebar.selectbox(key="sidebar_period").set_value(chosen.code)
    at.run()
    assert switch(early) == chosen.code and switch(kec) == chosen.code

    linked = new_app(TIMEOUT)
    linked.query_params["unit"] = str(kec)
    linked.query_params["periode"] = NEXT.code
    linked.run()
    assert not linked.exception
    assert linked.sidebar.selectbox(key="sidebar_period").value == NEXT.code
    linked.sidebar.selectbox(key="sidebar_unit").set_value(early)
    linked.run()
    linked.sidebar.selectbox(key="sidebar_unit").set_value(kec)
    linked.run()
    assert linked.sidebar.selectbox(key="sidebar_period").value == NEXT.code


def test_laporan_rekap_warns_sementara_with_the_count_and_who_is_missing(partial_app):
    at = _open("pages/laporan.py", KECAMATAN, NEXT.code)
    warning = next(w.value for w in at.warning if "SEMENTARA" in w.value)
    assert "1 dari 5 kelurahan di bawah Kec. Makasar" in warning and "Kel. Pinang Ranti" in warning
    assert "Kel. Kebon Pala" not in warning
    at = _open("pages/laporan.py", KECAMATAN, LAST_DEMO.code)
    assert not [w for w in at.warning if "SEMENTARA" in w.value]
