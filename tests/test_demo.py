"""The demo set: three kecamatan of Jakarta Timur with their real kelurahan names, synthetic data
labelled and imported through the importer, figures that differ between units, RTL progress that
differs per kelurahan, the kecamatan letter settings; the seed's Makasar files unchanged."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from skm import rtl
from skm.demo import (
    KECAMATAN,
    KELURAHAN,
    KOTA,
    PERIODS,
    SEED_PERIOD,
    SEED_UNIT,
    SOURCE_SEED,
    SOURCE_SYNTHETIC,
    load_demo,
    synthetic_csv,
)
from skm.demo.wilayah import KECAMATAN_SINTETIS
from skm.storage import Store
from skm.summary import unit_summary

LATEST = PERIODS[-1]


@pytest.fixture(scope="module")
def demo(db_path):
    store = Store(db_path)
    yield store
    store.close()


def test_three_kecamatan_with_their_kelurahan(demo):
    kota = demo.find_unit(KOTA)
    kecamatan = {u.name: u for u in demo.children(kota.id)}
    assert set(kecamatan) == {KECAMATAN, *(k.name for k in KECAMATAN_SINTETIS)}
    assert {u.name for u in demo.children(kecamatan[KECAMATAN].id)} == set(KELURAHAN)
    assert {u.name for u in demo.children(kecamatan["Kramat Jati"].id)} == {
        "Kramat Jati", "Batu Ampar", "Balekambang", "Tengah", "Dukuh", "Cawang", "Cililitan"
    }  # fmt: skip
    assert {u.name for u in demo.children(kecamatan["Pasar Rebo"].id)} == {
        "Pekayon", "Kalisari", "Baru", "Cijantung", "Gedong"
    }  # fmt: skip
    assert all(u.is_demo for u in demo.units())


def test_every_semester_of_every_kelurahan_is_labelled_synthetic(demo):
    for unit in demo.units():
        if unit.level != "kelurahan":
            continue
        batches = demo.batches(unit.id)
        assert {b.period for b in batches} == set(PERIODS), unit.path_text
        for b in batches:
            seed = unit.path_text == SEED_UNIT and b.period == SEED_PERIOD
            assert b.source == (SOURCE_SEED if seed else SOURCE_SYNTHETIC)
            assert seed or b.file_name.startswith("demo-sintetis_")


def test_makasar_files_are_those_of_the_first_demo(demo):
    """The seed's kecamatan keeps its synthetic files byte for byte (tests and screenshots rely on it)."""
    for i, name in enumerate(KELURAHAN):
        unit = demo.find_unit(f"{KOTA}/{KECAMATAN}/{name}")
        stored = {b.period: b.sha256 for b in demo.batches(unit.id) if b.source == SOURCE_SYNTHETIC}
        for period, digest in stored.items():
            assert digest == hashlib.sha256(synthetic_csv(i, period)).hexdigest()


def test_the_kota_ranking_shows_differences(demo):
    kota = unit_summary(demo, demo.find_unit(KOTA), LATEST)
    assert kota is not None and not kota.missing_children
    kec_ikm = [p.ikm for p in kota.score.parts]
    assert len(kec_ikm) == 3 and max(kec_ikm) - min(kec_ikm) > 2
    kelurahan_ikm = [u.ikm for kec in kota.score.parts for u in kec.parts]
    assert len(kelurahan_ikm) == 17
    assert len({u.mutu.letter for k in kota.score.parts for u in k.parts}) >= 3
    assert max(kelurahan_ikm) - min(kelurahan_ikm) > 10


def test_rtl_progress_differs_per_kelurahan_and_serves_its_priorities(demo):
    shares = set()
    for kec in KECAMATAN_SINTETIS:
        for kel in kec.kelurahan:
            unit = demo.find_unit(f"{KOTA}/{kec.name}/{kel.name}")
            items = demo.rtl_items(unit.id, LATEST)
            if kel.rtl_done is None:
                assert items == []
                continue
            summary = unit_summary(demo, unit, LATEST)
            assert summary is not None
            assert [i.unsur for i in items] == summary.priorities[:3]
            done = rtl.progress(items, LATEST, date(2026, 12, 1))
            assert done.realised == kel.rtl_done and all(i.tanggal for i in items if i.done)
            shares.add(done.percent)
    assert len(shares) >= 3  # none, some, all
    for name in KELURAHAN:  # Makasar's synthetic kelurahan keep no RTL (the seed's Halim has its own)
        unit = demo.find_unit(f"{KOTA}/{KECAMATAN}/{name}")
        assert unit.path_text == SEED_UNIT or demo.rtl_items(unit.id, LATEST) == []


def test_each_kecamatan_has_its_letter_settings(demo):
    for name in (KECAMATAN, *(k.name for k in KECAMATAN_SINTETIS)):
        unit = demo.find_unit(f"{KOTA}/{name}")
        settings = demo.report_settings(unit, LATEST)
        assert settings.kop_unit == f"KECAMATAN {name.upper()}"
        assert settings.kepada == "Yth. Walikota Kota Administrasi Jakarta Timur"
        assert settings.jabatan == f"Camat Kecamatan {name}"


def test_loading_again_changes_nothing(demo):
    def rows() -> dict[str, str]:  # 'meta' holds the data version, which any write transaction moves
        return {t: c for t, c in demo.table_checksums().items() if t != "meta"}

    before = rows()
    lines = list(load_demo(demo))
    assert all("sudah diimpor sebelumnya" in line for line in lines if "sintetis" in line or "asli" in line)
    assert rows() == before
