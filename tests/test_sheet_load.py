"""The command line's XLSX import starts fastexcel's load of the sheet before its heavy imports
(skm/sheet_load.py), hands that load to the reader, and opens the database only once the load is
over (calamine's peak memory and DuckDB's would add up)."""

from __future__ import annotations

import io
import threading
import time

import pytest
import xlsxwriter

from skm import cli, sheet_load
from skm.storage import Store
from skm.unsur import CODES


def form(sheets: int = 1, rows: int = 40) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    for n in range(sheets):
        ws = wb.add_worksheet(f"Form {n + 1}")
        ws.write_row(0, 0, ["Layanan", *CODES])
        for r in range(1, rows + 1):
            ws.write(r, 0, "KTP" if r % 2 else "KK")
            ws.write_row(r, 1, [1 + (r + j) % 4 for j in range(len(CODES))])
    wb.close()
    return out.getvalue()


def test_the_import_reads_the_sheet_it_started_loading_and_opens_the_database_after(tmp_path, monkeypatch):
    path = tmp_path / "ekspor.xlsx"
    path.write_bytes(form())
    events: list[tuple[str, str, float]] = []
    real_load, real_take, real_init = sheet_load.load, sheet_load.take, Store.__init__

    def load(source):
        got = real_load(source)
        time.sleep(0.2)  # a slow parse: the database must still wait for it
        events.append(("loaded", threading.current_thread().name, time.perf_counter()))
        return got

    def take(source):
        got = real_take(source)
        events.append(("taken" if got is not None else "not started", "", time.perf_counter()))
        return got

    def init(self, *a, **k):
        events.append(("store", threading.current_thread().name, time.perf_counter()))
        real_init(self, *a, **k)

    monkeypatch.setattr(sheet_load, "load", load)
    monkeypatch.setattr(sheet_load, "take", take)
    monkeypatch.setattr(Store, "__init__", init)
    db = tmp_path / "skm.duckdb"
    assert cli.main(["--db", str(db), "import", str(path), "--unit", "A/B/C", "--period", "2024-S1"]) == 0
    kinds = [e[0] for e in events]
    assert kinds.count("loaded") == 1 and "taken" in kinds, events  # loaded once, early, and used
    loaded = next(e for e in events if e[0] == "loaded")
    store = next(e for e in events if e[0] == "store")
    assert loaded[1].startswith("sheet-load") and store[1] == "MainThread"
    assert loaded[2] <= store[2]
    monkeypatch.undo()
    reopened = Store(db)
    try:
        assert reopened.cursor().execute("SELECT count(*) FROM responses").fetchall() == [(40,)]
    finally:
        reopened.close()


def test_a_workbook_of_several_sheets_is_opened_but_no_sheet_loaded(tmp_path):
    path = tmp_path / "dua.xlsx"
    data = form(sheets=2)
    path.write_bytes(data)
    sheet_load.start(path, data)
    got = sheet_load.take(path)
    assert got is not None and got[1] is None
    assert sheet_load.take(path) is None  # handed over once


def test_a_load_the_reader_did_not_take_is_let_go(tmp_path, monkeypatch, capsys):
    """A file refused before the reader reached its sheet (here the reader is made to refuse at
    once): the load started for it is dropped, not kept until the process ends."""
    import skm.ingest
    from skm.ingest.survey import reject

    path = tmp_path / "ekspor.xlsx"
    path.write_bytes(form())
    monkeypatch.setattr(skm.ingest, "read_survey", lambda _data, name, **_k: reject(name, "Ditolak untuk uji."))
    db = tmp_path / "skm.duckdb"
    assert cli.main(["--db", str(db), "import", str(path), "--unit", "A/B/C", "--period", "2024-S1"]) == 1
    assert "Ditolak untuk uji." in capsys.readouterr().err
    assert path not in sheet_load._started


@pytest.mark.parametrize(
    ("name", "data"),
    [("rusak.xlsx", b"PK\x03\x04 not a zip at all"), ("ekspor.csv", b"Layanan,U1\nKTP,4\n"), ("kosong.xlsx", b"")],
)
def test_nothing_is_started_for_a_file_that_is_no_sound_xlsx(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    sheet_load.start(path, data)
    sheet_load.wait(path)  # returns at once
    assert sheet_load.take(path) is None
