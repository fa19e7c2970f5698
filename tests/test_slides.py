"""skm/slides.py on the demo database (a real DuckDB file): the slide geometry, the ranking, the
lowest unsur across kelurahan, completeness and RTL progress as the kecamatan/kota slides show them."""

from __future__ import annotations

from datetime import date

import pytest

from skm import rtl, slides
from skm.storage import Store
from skm.summary import unit_summary
from skm.units import Period
from skm.unsur import CODES

P1 = Period(2024, 1)
KECAMATAN = "Jakarta Timur/Makasar"


@pytest.fixture(scope="module")
def store(db_path):
    s = Store(db_path)
    yield s
    s.close()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (1280, 720), (2560, 1440)])
def test_slide_size_leaves_room_and_scales_type(width, height):
    size = slides.SlideSize.fit(width, height)
    assert size.title > size.base >= 16
    assert 0.6 * height < size.chart_height < height - size.title - size.base
    assert slides.SlideSize.fit(width, height, full_screen=False).chart_height < size.chart_height
    if width >= 1920 and height >= 1080:
        assert size.base >= 24  # the back of a room


def test_ranking_is_best_first_and_ties_share_a_rank(store):
    result = unit_summary(store, store.find_unit(KECAMATAN), P1)
    assert result is not None
    ranked = slides.ranking(result)
    assert sorted(r.name for r in ranked) == sorted(p.name for p in result.score.parts)
    ikms = [round(r.ikm, 2) for r in ranked]
    assert ikms == sorted(ikms, reverse=True)
    assert ranked[0].rank == 1 and all(r.mutu.letter in "ABCD" for r in ranked)
    # A tie (as shown, 2 decimals) keeps the rank; the next one skips.
    assert [r.rank for r in _ranks([90.004, 90.001, 89.0])] == [1, 1, 3]


def _ranks(values: list[float]) -> list[slides.Ranked]:
    from skm.scoring import mutu_ikm

    class Part:
        def __init__(self, name: str, ikm: float) -> None:
            self.name, self.ikm, self.mutu = name, ikm, mutu_ikm(ikm)

    class Fake:
        class score:  # noqa: N801 - stands in for UnitSummary.score
            parts = [Part(f"u{i}", v) for i, v in enumerate(values)]

    return slides.ranking(Fake)  # type: ignore[arg-type]


def test_unsur_spread_over_kelurahan_lowest_first(store):
    kec = unit_summary(store, store.find_unit(KECAMATAN), P1)
    kota = unit_summary(store, store.find_unit("Jakarta Timur"), P1)
    assert kec is not None and kota is not None
    spread = slides.unsur_spread(kec)
    assert sorted(s.code for s in spread) == sorted(CODES)
    lows = [round(s.lowest, 2) for s in spread]
    assert lows == sorted(lows)
    for s in spread:
        values = [v for _, v in s.values]
        assert len(values) == len(kec.score.parts)
        assert s.lowest == min(values) and s.highest == max(values)
        assert s.mean == pytest.approx(sum(values) / len(values))
        assert s.lowest_units and all(dict(s.values)[n] == pytest.approx(s.lowest, abs=0.005) for n in s.lowest_units)
    # A kota reaches down to the same kelurahan, named by their path below it.
    kota_spread = {s.code: s for s in slides.unsur_spread(kota)}
    for s in spread:
        named = dict(kota_spread[s.code].values)
        in_makasar = {n.split(" › ")[-1]: v for n, v in named.items() if n.startswith("Makasar › ")}
        assert in_makasar == dict(s.values)
        assert all(" › " in n for n in named) and len(named) > len(in_makasar)  # the other kecamatan too


def test_completeness_splits_the_completeness_module_per_child(tmp_path, db_path):
    """The slide's rows come from skm.completeness: one kelurahan without data, one approved."""
    import shutil

    from skm.completeness import completeness
    from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DRAFT

    path = tmp_path / "skm.duckdb"
    shutil.copy(db_path, path)
    own = Store(path)
    try:
        kec, kota = own.find_unit(KECAMATAN), own.find_unit("Jakarta Timur")
        kids = sorted(own.children(kec.id), key=lambda u: u.name)
        gone, done = kids[0], kids[1]
        for batch in own.batches(gone.id, P1):
            own.undo_import(batch.id, user="uji")
        own.set_period_status(done.id, P1, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="uji")
        own.set_period_status(done.id, P1, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="uji")
        rows = slides.completeness(completeness(own, kec, P1), kids)
        by_name = {r.name: r for r in rows}
        assert [r.name for r in rows] == [f"Kel. {k.name}" for k in kids]
        assert (by_name[f"Kel. {gone.name}"].with_data, by_name[f"Kel. {gone.name}"].status) == (0, "Draf")
        assert (by_name[f"Kel. {done.name}"].approved, by_name[f"Kel. {done.name}"].status) == (1, "Disetujui")
        assert sum(r.with_data for r in rows) == len(kids) - 1
        # A kecamatan row under a kota counts its kelurahan and carries no status of its own.
        (row,) = slides.completeness(completeness(own, kota, P1), [kec])
        assert row.name == "Kec. Makasar" and row.status is None
        assert (row.leaves, row.with_data, row.approved) == (len(kids), len(kids) - 1, 1)
        assert row.missing == (f"Kel. {gone.name}",)
    finally:
        own.close()


def test_unsur_spread_names_each_level(store):
    kota = unit_summary(store, store.find_unit("Jakarta Timur"), P1)
    assert kota is not None
    label = lambda path: " › ".join(f"L{i}:{n}" for i, n in enumerate(path))  # noqa: E731
    names = {n for s in slides.unsur_spread(kota, label) for n, _ in s.values}
    assert "L0:Makasar › L1:Makasar" in names and all(n.startswith("L0:") for n in names)


def test_rtl_rows_most_realised_first_without_plan_last(store):
    halim = store.find_unit(f"{KECAMATAN}/Halim Perdanakusuma")
    items = store.rtl_items(halim.id, P1)
    assert items
    today = date(2026, 1, 1)
    half = rtl.progress(items[:2] + [item_undone(i) for i in items[2:]], P1, today)
    full = rtl.progress(items, P1, today)
    rows = slides.rtl_rows({"Tanpa": rtl.progress([], P1, today), "Separuh": half, "Halim": full})
    assert [r.name for r in rows] == ["Halim", "Separuh", "Tanpa"]
    assert rows[0].label == f"{len(items)} dari {len(items)} · nilai 5"
    assert rows[-1].label == "belum ada RTL" and rows[-1].progress.percent is None


def item_undone(item: rtl.RtlItem) -> rtl.RtlItem:
    from dataclasses import replace

    return replace(item, status=rtl.STATUS_BELUM, tanggal=None)


def test_chunks_keep_every_item_in_order():
    assert slides.chunks(list(range(9)), 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8]]
    assert slides.chunks([], 4) == [[]]
