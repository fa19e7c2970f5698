"""Our Tabel 1 is the seed's Tabel 1, cell for cell, as the laporan prints it.

The expected cells are the published report's own (tests/seed/halim_2024s1_tabel1_laporan.tsv, copied
verbatim from shared/seed); the input is the layanan rows of that table (skm/demo), the only figures
the laporan publishes. Its "Rata-rata IKM per Unsur" row was computed by the office from respondent
data the table does not carry: U1, U2, U7 and U9 print 3,97 where the mean of the six printed layanan
values is 3,963…, 3,963…, 3,963… and exactly 3,965, while its IKM 99,09 sits below the printed
layanan IKMs' mean 99,095. No computation on the printed table gives that row, so its nine NRR and
NRR tertimbang are pinned within 0,01 (the printed values' rounding), and every other cell, the
headline IKM 99,09 included, exactly.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from skm.demo import SEED_FILE, SEED_PERIOD, SEED_UNIT
from skm.formatting import angka
from skm.ingest import read_survey
from skm.summary import unit_summary
from skm.tables import tabel1
from skm.unsur import CODES

PUBLISHED = Path(__file__).parent / "seed" / "halim_2024s1_tabel1_laporan.tsv"
FROM_UNROUNDED_DATA = {("Rata-rata IKM per Unsur", i) for i in range(len(CODES) + 1)}  # NRR and tertimbang


def published_rows() -> dict[str, list[str]]:
    lines = [line for line in PUBLISHED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {cells[0]: cells[1:] for cells in (line.split("\t") for line in lines)}


@pytest.fixture
def rows(store):
    unit, _ = store.ensure_unit_path(SEED_UNIT)
    data = resources.files("skm.demo").joinpath(SEED_FILE).read_bytes()
    store.import_survey(read_survey(data, SEED_FILE), data, unit.id, SEED_PERIOD, user="uji", source="uji")
    result = unit_summary(store, unit, SEED_PERIOD)
    assert result is not None
    return {r.label: r for r in tabel1(result)}


def test_every_number_of_tabel1_as_published(rows):
    published = published_rows()
    numbered = [label for label in published if label != "Mutu Layanan"]
    assert set(numbered) <= set(rows)
    for label in numbered:
        row = rows[label]
        ours = [row.nrr[c] for c in CODES] + [row.row_mean, row.ikm]
        for i, (value, printed) in enumerate(zip(ours, published[label], strict=True)):
            if (label, i) in FROM_UNROUNDED_DATA:
                assert abs(value - float(printed.replace(",", "."))) <= 0.01 + 1e-9, (label, i)
            else:
                assert angka(value) == printed, (label, i)


def test_mutu_row_as_published(rows):
    mutu = rows["Mutu Layanan"].mutu
    assert mutu is not None
    assert [mutu[c] for c in CODES] == published_rows()["Mutu Layanan"][: len(CODES)]
