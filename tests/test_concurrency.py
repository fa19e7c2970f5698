"""Many sessions at once in one server process: imports, replacements, undos and reads against
the one Store the server has (threads released together by a barrier), then the same through a
real `streamlit run` server driven by several Chromium sessions pressing 'Simpan' together.

The workloads and the checks live in bench/concurrency.py, which prints the same figures for the
README. SKM_LONG_TESTS=1 runs them larger (20 sessions, 80 000-row import, 12 browser sessions).
"""

from __future__ import annotations

import os
import threading
from collections import Counter

import pytest

from bench.concurrency import (
    KECAMATAN,
    PERIOD,
    active_batches,
    browser_sessions,
    check_database,
    check_mixed,
    check_same,
    large_import_with_readers,
    make_file,
    mixed_load,
    same_file_race,
)
from skm.errors import ImportConflict
from skm.ingest import read_survey
from skm.storage import ImportOutcome
from tests.browser import require_browser

LONG = os.environ.get("SKM_LONG_TESTS") == "1"
SESSIONS = 20 if LONG else 12
ROUNDS = 6 if LONG else 3
LARGE_ROWS = 80_000 if LONG else 50_000  # the reader takes at most 1 000 000 cells (12 columns here)
BROWSER_SESSIONS = 12 if LONG else 8


def test_mixed_load_loses_and_duplicates_nothing(store):
    load = mixed_load(store, SESSIONS, ROUNDS)
    assert check_mixed(store, load) == []
    statuses = Counter((e.action, e.status) for e in load.events)
    # Every session did what it was there for: nothing refused, nothing failed.
    assert statuses[("replace", "imported")] == len(load.by_action("replace"))
    assert statuses[("undo", "undone")] == len(load.by_action("undo")) > 0
    assert statuses[("same", "imported")] == ROUNDS
    assert load.reads.count >= 2 * (SESSIONS // 5) and not load.reads.errors


def test_mixed_load_with_eight_sessions(store):
    """The smallest load the issue names: 8 sessions (2 new, 2 replace, 2 undo, 1 same, 1 read)."""
    load = mixed_load(store, 8, 2, seed=2)
    assert check_mixed(store, load) == []


def test_same_file_at_the_same_moment_is_imported_once(store):
    result = same_file_race(store, SESSIONS, ROUNDS)
    assert check_same(store, result) == []
    for r in range(ROUNDS):
        answers = [e for e in result.events if e.file and e.file.name == f"sama-{r}.csv"]
        assert Counter(e.status for e in answers) == {"imported": 1, "duplicate": SESSIONS - 1}
        assert len({e.batch_id for e in answers}) == 1  # every duplicate names the batch that won


def test_the_same_file_check_would_catch_an_unlocked_duplicate_check(store, monkeypatch):
    """The check has teeth: a store whose duplicate check ran outside the write lock is caught."""

    def racy(survey, data, unit_id, period, *, replace=False, user=None, source="unggah"):
        cur = store.cursor()
        dup = cur.execute(
            "SELECT id FROM import_batches WHERE unit_id = ? AND sha256 = ? AND undone_at IS NULL",
            [unit_id, survey.sha256],
        ).fetchall()
        cur.close()
        threading.Event().wait(0.05)  # the others check meanwhile
        if dup:
            return ImportOutcome("duplicate", dup[0][0], 0, survey.layanan)
        return store._import_new(survey, data, unit_id, period, True, user, source)

    monkeypatch.setattr(store, "import_survey", racy)
    result = same_file_race(store, 6, 1)
    assert any("sent by 6 sessions at once" in p for p in check_same(store, result))


def test_different_files_for_one_layanan_at_once_one_wins_the_rest_are_refused(store):
    """Without 'ganti data lama', only one of several files for the same layanan gets in."""
    unit = store.ensure_unit_path(f"{KECAMATAN}/Kelurahan Rebut")[0]
    files = [make_file(f"rebut-{i}.csv", unit.path_text, {"Loket Rebut": 20 + i}, 300 + i) for i in range(SESSIONS)]
    outcomes: list[ImportOutcome | str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(files))

    def send(f):
        survey = read_survey(f.data, f.name)
        barrier.wait()
        try:
            got: ImportOutcome | str = store.import_survey(survey, f.data, unit.id, PERIOD)
        except ImportConflict:
            got = "conflict"
        with lock:
            outcomes.append(got)

    threads = [threading.Thread(target=send, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    won = [o for o in outcomes if isinstance(o, ImportOutcome)]
    assert len(won) == 1 and won[0].status == "imported"
    assert outcomes.count("conflict") == SESSIONS - 1
    winner = next(f for f in files if f.rows == won[0].rows)
    assert check_database(store, {won[0].batch_id: winner}) == []
    assert active_batches(store) == {("Kelurahan Rebut", "Loket Rebut"): won[0].batch_id}


def test_readers_never_see_half_an_import(store):
    large = large_import_with_readers(store, LARGE_ROWS, readers=4)
    assert large.partial == 0, (large.seen, large.seen_totals)
    before, after = tuple(sorted(large.before.items())), tuple(sorted(large.after.items()))
    assert set(large.seen) == {before, after}  # both states were read, nothing in between
    assert large.reads_during > 0, "no read overlapped the import: the test proved nothing"


def test_undo_of_an_import_replaced_meanwhile_stays_undone(store):
    unit = store.ensure_unit_path(f"{KECAMATAN}/Kelurahan Basi")[0]
    first = make_file("basi-a.csv", unit.path_text, {"Loket": 30}, 1)
    second = make_file("basi-b.csv", unit.path_text, {"Loket": 40}, 2)
    a = store.import_survey(read_survey(first.data, first.name), first.data, unit.id, PERIOD)
    # Session 1 lists import a as active in 'Batalkan impor'; session 2 now replaces it ...
    b = store.import_survey(read_survey(second.data, second.name), second.data, unit.id, PERIOD, replace=True)
    store.undo_import(a.batch_id)  # ... and session 1 confirms the undo of a (stale page)
    store.undo_import(b.batch_id)  # later someone undoes b
    assert check_database(store, {a.batch_id: first, b.batch_id: second}) == []
    assert active_batches(store) == {}  # a was undone: nothing is active for Loket


@pytest.mark.browser
def test_browser_sessions_saving_at_once_on_one_server(tmp_path):
    """BROWSER_SESSIONS Chromium contexts on one `streamlit run`: different files into different
    kelurahan, one replacing existing data, and two sending the same file at the same moment."""
    require_browser()
    pytest.importorskip("playwright.async_api")
    run = browser_sessions(tmp_path, BROWSER_SESSIONS)
    # The session that failed first, before the ones it released from the barrier.
    assert not run.problems, "\n".join(sorted(run.problems, key=lambda p: "BrokenBarrier" in p))
    assert run.rows_stored == run.rows_expected > 0
    pair = run.outcomes[-2:]
    assert sorted(o.status for o in pair) == ["duplicate", "imported"]
    assert "sudah diimpor sebelumnya" in next(o.message for o in pair if o.status == "duplicate")
    assert run.outcomes[0].status == "replaced"
