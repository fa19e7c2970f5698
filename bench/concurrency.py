"""Concurrent sessions against one Store, as one Streamlit server has them, and the figures.

    .venv/bin/python bench/concurrency.py                  # 12 sessions, 50 000-row import
    .venv/bin/python bench/concurrency.py --sessions 20 --rows 80000 --rounds 5
    .venv/bin/python bench/concurrency.py --browser 8      # and 8 Chromium sessions on a real server

Every workload starts its threads on a barrier so they really call the store at the same moment:

- mixed load: sessions importing into new kelurahan (created on the fly, two sessions per
  kelurahan), replacing the same layanan of one kelurahan, importing-replacing-undoing, sending
  the same file at once, and reading (`store.layanan_stats`, `skm.summary.unit_summary`) the
  whole time. Afterwards the database is checked: every successful import's rows are there
  exactly once, every layanan's active rows come from one batch (the expected one), nothing else
  was written, no undone batch counts, and every read during the load saw for each layanan
  exactly the content of one imported file (never a mix, never part of one);
- the same file sent by every session at the same moment: one 'imported', the rest 'duplicate';
- readers during one large import: each read sees the layanan's respondent count before or after;
- (--browser N) N Chromium sessions on one `streamlit run` server pressing 'Simpan' on the Unggah
  Data page together: different files, one replacement, two sessions sending the same file.

The tests (tests/test_concurrency.py) run these same functions and assert what this prints.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from skm.errors import ImportConflict  # noqa: E402
from skm.ingest import read_survey  # noqa: E402
from skm.storage import Store  # noqa: E402
from skm.summary import unit_summary  # noqa: E402

ADMIN, PASSWORD = "admin.uji", "kata-sandi-uji-123"  # the account tests.browser.ensure_account makes
from skm.units import period_of  # noqa: E402
from skm.unsur import CODES  # noqa: E402

# The current semester: the Unggah page asks to confirm one more than a year back or not yet begun.
PERIOD = period_of(date.today())
KECAMATAN = "Kota Uji/Kecamatan Uji"
HEADER = "Jenis Layanan;" + ";".join(CODES) + ";Jenis Kelamin;Saran"

Fingerprint = tuple[int, tuple[int, ...]]  # respondents, sum of answers per unsur


# ---------------------------------------------------------------------------------------- files


@dataclass(frozen=True)
class SurveyFile:
    """A respondent CSV as offices send it, with what it must put in the database."""

    name: str
    unit_path: str
    data: bytes
    expected: dict[str, Fingerprint]  # layanan -> (rows, sums of U1..U9)

    @property
    def rows(self) -> int:
        return sum(n for n, _ in self.expected.values())


def make_file(name: str, unit_path: str, layanan: dict[str, int], seed: int) -> SurveyFile:
    """`layanan` maps each layanan name to its number of respondent rows."""
    rnd = random.Random(seed)
    lines = [HEADER]
    expected: dict[str, Fingerprint] = {}
    for lay, n in layanan.items():
        sums = [0] * len(CODES)
        for i in range(n):
            answers = [rnd.randint(1, 4) for _ in CODES]
            sums = [s + a for s, a in zip(sums, answers, strict=True)]
            lines.append(";".join([lay, *map(str, answers), rnd.choice("LP"), f"saran {seed}-{i}"]))
        expected[lay] = (n, tuple(sums))
    return SurveyFile(name, unit_path, ("\n".join(lines) + "\n").encode(), expected)


def fingerprint(stats) -> Fingerprint:
    """(respondents, sums) of one LayananStats as the store aggregated it."""
    return int(stats.respondents or 0), tuple(int(round(stats.sums[c])) for c in CODES)


# ---------------------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Event:
    session: int
    action: str  # import | replace | undo | same
    file: SurveyFile | None
    status: str  # imported | duplicate | conflict | undone | error
    batch_id: int | None
    seconds: float
    error: str | None = None


@dataclass
class Reads:
    """What the reader sessions saw while the others wrote."""

    count: int = 0
    bad: list[str] = field(default_factory=list)  # a read that matched no imported file
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _import(store: Store, session: int, action: str, f: SurveyFile, replace: bool = False) -> Event:
    t0 = time.perf_counter()
    try:
        unit = store.ensure_unit_path(f.unit_path)[0]
        survey = read_survey(f.data, f.name)
        outcome = store.import_survey(survey, f.data, unit.id, PERIOD, replace=replace, source="uji")
    except ImportConflict:
        return Event(session, action, f, "conflict", None, time.perf_counter() - t0)
    except Exception as exc:  # reported, never swallowed: the checks fail on any error
        return Event(session, action, f, "error", None, time.perf_counter() - t0, f"{type(exc).__name__}: {exc}")
    return Event(session, action, f, outcome.status, outcome.batch_id, time.perf_counter() - t0)


def _undo(store: Store, session: int, batch_id: int) -> Event:
    t0 = time.perf_counter()
    try:
        store.undo_import(batch_id)
    except Exception as exc:
        return Event(session, "undo", None, "error", batch_id, time.perf_counter() - t0, f"{type(exc).__name__}: {exc}")
    return Event(session, "undo", None, "undone", batch_id, time.perf_counter() - t0)


def _run_threads(
    writers: list[Callable[[threading.Barrier], None]],
    readers: Sequence[Callable[[threading.Barrier], None]] = (),
    stop: threading.Event | None = None,
) -> float:
    """One thread per session, all released by one barrier. Readers run until the writers are
    done (`stop` is set then). Returns the writers' wall time."""
    barrier = threading.Barrier(len(writers) + len(readers) + 1)
    wthreads = [threading.Thread(target=w, args=(barrier,), daemon=True) for w in writers]
    rthreads = [threading.Thread(target=r, args=(barrier,), daemon=True) for r in readers]
    for t in (*wthreads, *rthreads):
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    try:
        for t in wthreads:
            t.join(timeout=600)
            if t.is_alive():
                raise RuntimeError("a session did not finish within 600 s (deadlock?)")
        return time.perf_counter() - t0
    finally:
        if stop is not None:
            stop.set()
        for t in rthreads:
            t.join(timeout=600)


def _reader(store: Store, valid: dict[tuple[str, str], set[Fingerprint]], reads: Reads, stop: threading.Event):
    """Read like a dashboard session until told to stop; check every layanan seen."""

    def run(barrier: threading.Barrier) -> None:
        barrier.wait()
        while True:
            last = stop.is_set()  # one more full read after the writers are done
            t0 = time.perf_counter()
            try:
                units = store.units()
                names = {u.id: u.name for u in units}
                stats = store.layanan_stats(list(names), PERIOD)
                kec = next((u for u in units if u.path_text == KECAMATAN), None)
                if kec is not None:
                    unit_summary(store, kec, PERIOD)
            except Exception as exc:
                with reads.lock:
                    reads.errors.append(f"{type(exc).__name__}: {exc}")
                return
            elapsed = time.perf_counter() - t0
            bad = [
                f"{names[uid]}/{s.name}: {fingerprint(s)}"
                for uid, lst in stats.items()
                for s in lst
                if fingerprint(s) not in valid.get((names[uid], s.name), set())
            ]
            with reads.lock:
                reads.count += 1
                reads.seconds.append(elapsed)
                reads.bad.extend(bad)
            if last:
                return

    return run


# ---------------------------------------------------------------------------------------- mixed load

ROLES = ("new", "replace", "undo", "same", "read")


@dataclass
class MixedLoad:
    sessions: int
    rounds: int
    events: list[Event]
    reads: Reads
    seconds: float
    expected_active: dict[tuple[str, str], int | None]  # (kelurahan, layanan) -> batch id, None: none active
    files: list[SurveyFile]

    def by_action(self, action: str) -> list[Event]:
        return [e for e in self.events if e.action == action]


def mixed_load(store: Store, sessions: int = 12, rounds: int = 3, seed: int = 1) -> MixedLoad:
    """Run `sessions` threads at once against `store` (roles in turn: new, replace, undo, same, read)."""
    roles = [ROLES[i % len(ROLES)] for i in range(sessions)]
    events: list[Event] = []
    ev_lock = threading.Lock()
    reads = Reads()
    stop = threading.Event()
    files: list[SurveyFile] = []
    valid: dict[tuple[str, str], set[Fingerprint]] = {}
    plans: list[Callable[[threading.Barrier], None]] = []
    undo_plans: list[tuple[SurveyFile, SurveyFile, SurveyFile]] = []

    def record(e: Event) -> Event:
        with ev_lock:
            events.append(e)
        return e

    def add(f: SurveyFile) -> SurveyFile:
        files.append(f)
        kel = f.unit_path.rsplit("/", 1)[-1]
        for lay, fp in f.expected.items():
            valid.setdefault((kel, lay), set()).add(fp)
        return f

    same_files = [
        add(make_file(f"kembar-{r}.csv", f"{KECAMATAN}/Kelurahan Kembar", {f"Kembar {r}": 40 + r}, seed * 1000 + r))
        for r in range(rounds)
    ]
    counters: Counter[str] = Counter()
    for session, role in enumerate(roles):
        k = counters[role]
        counters[role] += 1
        rng = seed * 100_000 + session * 100
        if role == "new":
            own = [
                add(
                    make_file(
                        f"baru-{session}-{r}.csv",
                        f"{KECAMATAN}/Kelurahan Baru {k // 2}",
                        {f"Layanan {session}-{r}a": 30 + session + r, f"Layanan {session}-{r}b": 20 + r},
                        rng + r,
                    )
                )
                for r in range(rounds)
            ]

            def run_new(barrier, session=session, own=own):
                barrier.wait()
                for f in own:
                    record(_import(store, session, "import", f))

            plans.append(run_new)
        elif role == "replace":
            own = [
                add(
                    make_file(
                        f"ganti-{session}-{r}.csv",
                        f"{KECAMATAN}/Kelurahan Bersama",
                        {"Loket Bersama": 50 + 7 * session + r},
                        rng + r,
                    )
                )
                for r in range(rounds)
            ]

            def run_replace(barrier, session=session, own=own):
                barrier.wait()
                for f in own:
                    record(_import(store, session, "replace", f, replace=True))

            plans.append(run_replace)
        elif role == "undo":
            unit = f"{KECAMATAN}/Kelurahan Batal {k}"
            first = add(make_file(f"batal-{session}-a.csv", unit, {"Loket": 25 + session}, rng))
            second = add(make_file(f"batal-{session}-b.csv", unit, {"Loket": 35 + session}, rng + 1))
            temp = add(make_file(f"batal-{session}-c.csv", unit, {"Sementara": 15 + session}, rng + 2))
            undo_plans.append((first, second, temp))

            def run_undo(barrier, session=session, first=first, second=second, temp=temp):
                barrier.wait()
                record(_import(store, session, "import", first))
                b = record(_import(store, session, "replace", second, replace=True))
                if b.batch_id is not None:
                    record(_undo(store, session, b.batch_id))
                c = record(_import(store, session, "import", temp))
                if c.batch_id is not None:
                    record(_undo(store, session, c.batch_id))

            plans.append(run_undo)
        elif role == "same":

            def run_same(barrier, session=session):
                barrier.wait()
                for f in same_files:
                    record(_import(store, session, "same", f))

            plans.append(run_same)
        else:
            plans.append(_reader(store, valid, reads, stop))

    writers = [p for p, role in zip(plans, roles, strict=True) if role != "read"]
    readers = [p for p, role in zip(plans, roles, strict=True) if role == "read"]
    seconds = _run_threads(writers, readers, stop)

    # What must be active at the end, from what each session did.
    expected: dict[tuple[str, str], int | None] = {}
    by_file = {e.file.name: e for e in events if e.file is not None and e.status == "imported"}
    for f in files:
        kel = f.unit_path.rsplit("/", 1)[-1]
        if f.name.startswith("baru-") and f.name in by_file:
            for lay in f.expected:
                expected[(kel, lay)] = by_file[f.name].batch_id
    replaced = [e for e in events if e.action == "replace" and e.file and "Bersama" in e.file.unit_path]
    if replaced:
        wins = [e.batch_id for e in replaced if e.batch_id is not None]
        expected[("Kelurahan Bersama", "Loket Bersama")] = max(wins) if wins else None
    for first, _second, _temp in undo_plans:
        kel = first.unit_path.rsplit("/", 1)[-1]
        ev = by_file.get(first.name)
        expected[(kel, "Loket")] = ev.batch_id if ev else None
        expected[(kel, "Sementara")] = None
    for f in same_files:
        won = [e for e in events if e.file is f and e.status == "imported"]
        if won:
            expected[("Kelurahan Kembar", next(iter(f.expected)))] = won[0].batch_id
    return MixedLoad(sessions, rounds, events, reads, seconds, expected, files)


# ---------------------------------------------------------------------------------------- checks


def check_database(store: Store, imported: dict[int, SurveyFile]) -> list[str]:
    """Every imported batch has its file's rows exactly once and nothing else is stored."""
    problems: list[str] = []
    cur = store.cursor()
    batches = {
        bid: (rc, undone)
        for bid, rc, undone in cur.execute("SELECT id, row_count, undone_at IS NOT NULL FROM import_batches").fetchall()
    }
    if set(batches) != set(imported):
        problems.append(f"batches stored {sorted(batches)} but imports reported {sorted(imported)}")
    stored = dict(cur.execute("SELECT batch_id, count(*) FROM responses GROUP BY ALL").fetchall())
    for bid, f in imported.items():
        if bid in batches and batches[bid][0] != f.rows:
            problems.append(f"batch {bid} ({f.name}): row_count {batches[bid][0]}, file has {f.rows}")
        if stored.get(bid, 0) != f.rows:
            problems.append(f"batch {bid} ({f.name}): {stored.get(bid, 0)} rows stored, file has {f.rows}")
    orphans = set(stored) - set(imported)
    if orphans:
        problems.append(f"rows of unknown batches {sorted(orphans)}")
    per_layanan = cur.execute(
        """SELECT b.id, l.name, count(*) FROM responses r JOIN import_batches b ON b.id = r.batch_id
           JOIN layanan l ON l.id = r.layanan_id GROUP BY ALL"""
    ).fetchall()
    for bid, lay, n in per_layanan:
        src = imported.get(bid)
        if src is not None and src.expected.get(lay, (None,))[0] != n:
            problems.append(f"batch {bid} layanan {lay}: {n} rows, file has {src.expected.get(lay)}")
    for lay_id, n in cur.execute(
        """SELECT bl.layanan_id, count(*) FROM batch_layanan bl JOIN import_batches b ON b.id = bl.batch_id
           WHERE bl.active GROUP BY bl.layanan_id, b.tahun, b.semester HAVING count(*) > 1"""
    ).fetchall():
        problems.append(f"layanan #{lay_id} has {n} active batches in one period")
    for bid, lay_id in cur.execute(
        """SELECT bl.batch_id, bl.layanan_id FROM batch_layanan bl JOIN import_batches b ON b.id = bl.batch_id
           WHERE bl.active AND b.undone_at IS NOT NULL"""
    ).fetchall():
        problems.append(f"undone batch {bid} is still active for layanan #{lay_id}")
    for parent, name, n in cur.execute(
        "SELECT parent_id, lower(name), count(*) FROM units GROUP BY ALL HAVING count(*) > 1"
    ).fetchall():
        problems.append(f"unit '{name}' under #{parent} exists {n} times")
    cur.close()
    return problems


def active_batches(store: Store) -> dict[tuple[str, str], int]:
    """(kelurahan, layanan) -> the batch whose rows are active in PERIOD."""
    cur = store.cursor()
    rows = cur.execute(
        """SELECT u.name, l.name, bl.batch_id FROM batch_layanan bl JOIN import_batches b ON b.id = bl.batch_id
           JOIN layanan l ON l.id = bl.layanan_id JOIN units u ON u.id = l.unit_id
           WHERE bl.active AND b.tahun = ? AND b.semester = ?""",
        [PERIOD.tahun, PERIOD.semester],
    ).fetchall()
    cur.close()
    return {(u, lay): bid for u, lay, bid in rows}


def check_mixed(store: Store, load: MixedLoad) -> list[str]:
    problems = [
        f"session {e.session} {e.action} {e.file.name if e.file else e.batch_id}: {e.error}"
        for e in load.events
        if e.status == "error"
    ]
    problems += [f"{e.file.name if e.file else ''}: unexpected conflict" for e in load.events if e.status == "conflict"]
    problems += [f"reader: {err}" for err in load.reads.errors]
    problems += [f"read matched no imported file: {b}" for b in load.reads.bad[:10]]
    imported = {e.batch_id: e.file for e in load.events if e.status == "imported" and e.batch_id and e.file}
    problems += check_database(store, imported)
    # The same file sent at once by several sessions: one import, every other answer 'duplicate'.
    for name, evs in _group(e for e in load.events if e.action == "same").items():
        statuses = Counter(e.status for e in evs)
        if statuses["imported"] != 1 or statuses["duplicate"] != len(evs) - 1:
            problems.append(f"{name} sent by {len(evs)} sessions: {dict(statuses)}")
        if len({e.batch_id for e in evs}) != 1:
            problems.append(f"{name}: answers name different batches {sorted({e.batch_id or 0 for e in evs})}")
    active = active_batches(store)
    for key, bid in load.expected_active.items():
        if active.get(key) != bid:
            problems.append(f"{key[0]}/{key[1]}: active batch {active.get(key)}, expected {bid}")
    # Final figures per layanan equal the active file's content.
    units = {u.id: u.name for u in store.units()}
    by_batch = {e.batch_id: e.file for e in load.events if e.status == "imported" and e.file}
    for uid, lst in store.layanan_stats(list(units), PERIOD).items():
        for s in lst:
            bid = active.get((units[uid], s.name))
            f = by_batch.get(bid)
            if f is None or fingerprint(s) != f.expected.get(s.name):
                problems.append(f"{units[uid]}/{s.name}: figures {fingerprint(s)} are not batch {bid}'s")
    return problems


def _group(events) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for e in events:
        out.setdefault(e.file.name if e.file else "?", []).append(e)
    return out


# ---------------------------------------------------------------------------------------- same file


@dataclass
class SameFile:
    sessions: int
    rounds: int
    events: list[Event]
    seconds: float


def _same_sender(store: Store, session: int, f: SurveyFile, events: list[Event], lock: threading.Lock):
    renamed = SurveyFile(f"{f.name[:-4]}-sesi-{session}.csv", f.unit_path, f.data, f.expected)

    def run(barrier: threading.Barrier) -> None:
        barrier.wait()
        e = _import(store, session, "same", renamed)
        with lock:
            events.append(Event(e.session, e.action, f, e.status, e.batch_id, e.seconds, e.error))

    return run


def same_file_race(store: Store, sessions: int = 12, rounds: int = 3, seed: int = 7) -> SameFile:
    """Every session sends the same bytes for one kelurahan and period at the same moment, `rounds`
    times with a new file each time (file names differ per session: the content decides)."""
    events: list[Event] = []
    lock = threading.Lock()
    t_total = 0.0
    for r in range(rounds):
        f = make_file(f"sama-{r}.csv", f"{KECAMATAN}/Kelurahan Sama", {f"Layanan Sama {r}": 60 + r}, seed + r)
        t_total += _run_threads([_same_sender(store, s, f, events, lock) for s in range(sessions)])
    return SameFile(sessions, rounds, events, t_total)


def check_same(store: Store, result: SameFile) -> list[str]:
    problems = [f"session {e.session}: {e.error}" for e in result.events if e.status == "error"]
    for name, evs in _group(result.events).items():
        statuses = Counter(e.status for e in evs)
        if statuses != Counter({"imported": 1, "duplicate": result.sessions - 1}):
            problems.append(f"{name} sent by {result.sessions} sessions at once: {dict(statuses)}")
    imported = {e.batch_id: e.file for e in result.events if e.status == "imported" and e.batch_id and e.file}
    return problems + check_database(store, imported)


# ---------------------------------------------------------------------------------------- large import


@dataclass
class LargeImport:
    rows: int
    readers: int
    before: dict[str, int]
    after: dict[str, int]
    seen: Counter  # per-layanan respondent counts as one read saw them -> how many reads
    seen_totals: Counter  # unit_summary's respondents over the layanan -> how many reads
    reads: int
    reads_during: int  # reads that ran while the import was running (overlapping it)
    import_seconds: float

    @property
    def partial(self) -> int:
        """Reads that saw neither the state before the import nor the one after it."""
        ok = {tuple(sorted(self.before.items())), tuple(sorted(self.after.items()))}
        totals = {sum(self.before.values()), sum(self.after.values())}
        return sum(n for state, n in self.seen.items() if state not in ok) + sum(
            n for total, n in self.seen_totals.items() if total not in totals
        )


def large_import_with_readers(store: Store, rows: int = 50_000, readers: int = 4, seed: int = 11) -> LargeImport:
    """Replace one layanan by a file of `rows` respondents (80% for it, 20% for a new layanan) while
    `readers` sessions read the kelurahan's per-layanan respondent counts and summary in a loop."""
    unit_path = f"{KECAMATAN}/Kelurahan Besar"
    old = make_file("besar-lama.csv", unit_path, {"Loket Besar": 1_000}, seed)
    layanan = {"Loket Besar": rows - rows // 5, "Loket Tambahan": rows // 5}
    new = make_file("besar-baru.csv", unit_path, layanan, seed + 1)
    unit = store.ensure_unit_path(unit_path)[0]
    store.import_survey(read_survey(old.data, old.name), old.data, unit.id, PERIOD)
    survey = read_survey(new.data, new.name)  # parsed beforehand: the race is about the store
    seen: Counter = Counter()
    totals: Counter = Counter()
    window: list[float] = []
    log: list[tuple[float, float]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def read(barrier: threading.Barrier) -> None:
        barrier.wait()
        while True:
            last = stop.is_set()
            t0 = time.perf_counter()
            stats = store.layanan_stats([unit.id], PERIOD).get(unit.id, [])
            summary = unit_summary(store, unit, PERIOD)
            t1 = time.perf_counter()
            with lock:
                log.append((t0, t1))
                seen[tuple(sorted((s.name, s.respondents) for s in stats))] += 1
                totals[sum(p.respondents or 0 for p in summary.score.parts) if summary else 0] += 1
            if last:
                return

    def write(barrier: threading.Barrier) -> None:
        barrier.wait()
        time.sleep(0.05)  # the readers have read the old state a few times
        t0 = time.perf_counter()
        store.import_survey(survey, new.data, unit.id, PERIOD, replace=True)
        window.extend([t0, time.perf_counter()])
        time.sleep(0.05)  # and read the new one a few times

    _run_threads([write], [read] * readers, stop)
    during = sum(1 for t0, t1 in log if t0 < window[1] and t1 > window[0])
    before = {k: v[0] for k, v in old.expected.items()}
    after = {k: v[0] for k, v in new.expected.items()}
    return LargeImport(rows, readers, before, after, seen, totals, len(log), during, window[1] - window[0])


# ---------------------------------------------------------------------------------------- browser


@dataclass(frozen=True)
class BrowserJob:
    """One browser session: open Unggah Data on a kelurahan, upload a file, save at the signal."""

    session: int
    unit_id: int
    file: SurveyFile
    path: Path
    replace: bool = False  # the kelurahan already has this layanan: answer the conflict with 'Ganti'


@dataclass(frozen=True)
class BrowserOutcome:
    job: BrowserJob
    status: str  # imported | duplicate | replaced | error
    batch_id: int | None
    message: str
    seconds: float  # from the click on 'Simpan' to the answer on the page
    page_errors: tuple[str, ...] = ()
    dialogs: tuple[str, ...] = ()


@dataclass
class BrowserRun:
    sessions: int
    outcomes: list[BrowserOutcome]
    seconds: float
    problems: list[str]
    rows_expected: int = 0
    rows_stored: int = 0


BATCH_RE = re.compile(r"impor #(\d+)")


async def _idle(page, timeout: float = 120) -> None:
    """Streamlit has finished running the script (the running-man status widget is gone)."""
    await page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    await asyncio.sleep(0.4)
    while time.monotonic() < deadline and await page.locator('[data-testid="stStatusWidget"]').count():
        await asyncio.sleep(0.2)


async def _drive(browser, url: str, job: BrowserJob, barrier: asyncio.Barrier) -> BrowserOutcome:
    context = await browser.new_context(viewport={"width": 1400, "height": 1600}, locale="id-ID")
    page = await context.new_page()
    page_errors: list[str] = []
    dialogs: list[str] = []

    async def on_dialog(dialog) -> None:  # an alert() from injected text would land here
        dialogs.append(dialog.message)
        await dialog.dismiss()

    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.on("dialog", on_dialog)
    waited = False
    try:
        await page.goto(f"{url}/unggah?unit={job.unit_id}&periode={PERIOD.code}", timeout=120_000)
        # Every new browser session logs in first; the app then opens the page the link named.
        await page.get_by_label("Kata sandi", exact=True).wait_for(timeout=120_000)
        await _idle(page)
        await page.get_by_label("Nama akun").fill(ADMIN)
        await page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
        await page.get_by_role("button", name="Masuk").click()
        await page.locator('[data-testid="stFileUploader"]').wait_for(timeout=120_000)
        await _idle(page)
        await page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(job.path))
        save = page.get_by_role("button", name="Simpan ke basis data")
        await save.wait_for(timeout=120_000)
        await _idle(page)
        await barrier.wait()
        waited = True
        t0 = time.perf_counter()
        await save.click()
        answer = page.locator('[data-testid="stAlert"]').filter(
            has_text=re.compile("baris diimpor|sudah diimpor sebelumnya|Sudah ada data|tidak tersimpan")
        )
        await answer.first.wait_for(timeout=120_000)
        text = await answer.first.inner_text()
        status = "imported" if "baris diimpor" in text else "duplicate" if "sudah diimpor" in text else "error"
        if "Sudah ada data" in text and job.replace:
            await page.get_by_role("button", name="Ganti data lama").click()
            done = page.locator('[data-testid="stAlert"]').filter(has_text="baris diimpor")
            await done.first.wait_for(timeout=120_000)
            text = await done.first.inner_text()
            status = "replaced" if "Menggantikan data" in text else "imported"
        seconds = time.perf_counter() - t0
        found = BATCH_RE.search(text)
        return BrowserOutcome(
            job, status, int(found.group(1)) if found else None, text, seconds, tuple(page_errors), tuple(dialogs)
        )
    except Exception as exc:  # one failed session is a finding, not a crash of the run
        if not waited:  # the others must not wait for this one forever
            await barrier.abort()
        return BrowserOutcome(job, "error", None, f"{type(exc).__name__}: {exc}", 0.0, tuple(page_errors))
    finally:
        await context.close()


async def _drive_all(url: str, jobs: list[BrowserJob], chromium: str, args: list[str]) -> list[BrowserOutcome]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=args)
        try:
            barrier = asyncio.Barrier(len(jobs))
            return list(await asyncio.gather(*(_drive(browser, url, job, barrier) for job in jobs)))
        finally:
            await browser.close()


def browser_sessions(workdir: Path, sessions: int = 8) -> BrowserRun:
    """`sessions` Chromium contexts on one `streamlit run` server, all pressing 'Simpan' together:
    different files into different kelurahan, one replacing a layanan that has data, and the
    last two sending the same file to the same kelurahan. Checked in the database afterwards."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, ensure_account, streamlit_server

    if sessions < 4:
        raise ValueError("at least 4 sessions: distinct files, one replace, one same-file pair")
    db = workdir / "skm.duckdb"
    store = Store(db)
    units = [store.ensure_unit_path(f"{KECAMATAN}/Kelurahan Web {i}")[0] for i in range(sessions - 2)]
    pair_unit = store.ensure_unit_path(f"{KECAMATAN}/Kelurahan Kembar Web")[0]
    old = make_file("web-lama.csv", units[0].path_text, {"Loket Web 0": 33}, 500)
    old_batch = store.import_survey(read_survey(old.data, old.name), old.data, units[0].id, PERIOD).batch_id
    store.close()

    jobs: list[BrowserJob] = []
    for i, unit in enumerate(units):
        f = make_file(f"web-{i}.csv", unit.path_text, {f"Loket Web {i}": 40 + i, f"Arsip Web {i}": 10 + i}, 600 + i)
        path = workdir / f.name
        path.write_bytes(f.data)
        jobs.append(BrowserJob(i, unit.id, f, path, replace=i == 0))
    twin = make_file("web-kembar.csv", pair_unit.path_text, {"Loket Kembar": 44}, 700)
    for k in range(2):  # the same bytes under two names, as two offices would send them
        path = workdir / f"web-kembar-{k}.csv"
        path.write_bytes(twin.data)
        jobs.append(BrowserJob(len(units) + k, pair_unit.id, twin, path))

    ensure_account(db, ADMIN)
    t0 = time.perf_counter()
    with streamlit_server(db) as url:
        outcomes = asyncio.run(_drive_all(url, jobs, CHROMIUM, CHROMIUM_ARGS))
    seconds = time.perf_counter() - t0

    problems = [f"session {o.job.session}: {o.message}" for o in outcomes if o.status == "error"]
    problems += [f"session {o.job.session}: page error {e}" for o in outcomes for e in o.page_errors]
    problems += [f"session {o.job.session}: dialog {d}" for o in outcomes for d in o.dialogs]
    for o in outcomes[: len(units)]:
        want = "replaced" if o.job.replace else "imported"
        if o.status != want:
            problems.append(f"session {o.job.session} ({o.job.file.name}): {o.status}, expected {want}")
    pair = Counter(o.status for o in outcomes[len(units) :])
    if pair != Counter({"imported": 1, "duplicate": 1}):
        problems.append(f"the same file sent by two sessions at once: {dict(pair)}")
    imported = {o.batch_id: o.job.file for o in outcomes if o.status in ("imported", "replaced") and o.batch_id}
    store = Store(db)
    try:
        problems += check_database(store, {old_batch: old, **imported})
        active = active_batches(store)
        for o in outcomes[: len(units)]:
            for lay in o.job.file.expected:
                if active.get((units[o.job.session].name, lay)) != o.batch_id:
                    problems.append(
                        f"{lay}: active batch {active.get((units[o.job.session].name, lay))}, expected {o.batch_id}"
                    )
        rows_stored = stored_rows(store, list(imported))
    finally:
        store.close()
    rows_expected = sum(f.rows for f in imported.values())
    return BrowserRun(sessions, outcomes, seconds, problems, rows_expected, rows_stored)


# ---------------------------------------------------------------------------------------- report


def stored_rows(store: Store, batch_ids: list[int]) -> int:
    cur = store.cursor()
    n = cur.execute("SELECT count(*) FROM responses WHERE batch_id IN (SELECT unnest(?))", [batch_ids]).fetchall()
    cur.close()
    return int(n[0][0])


def _ms(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{statistics.median(values) * 1000:.0f} / {max(values) * 1000:.0f}"


def figures(
    load: MixedLoad, rows_stored: int, same: SameFile, large: LargeImport, web: BrowserRun | None, problems: list[str]
) -> str:
    """The markdown table of the README's reliability section."""
    imports = [e for e in load.events if e.action != "undo"]
    ok = [e for e in imports if e.status == "imported"]
    roles = Counter(ROLES[i % len(ROLES)] for i in range(load.sessions))
    same_ok = sum(1 for e in same.events if e.status == "imported")
    same_dup = sum(1 for e in same.events if e.status == "duplicate")
    rows: list[tuple[str, str]] = [
        (
            "Sessions at once (mixed load)",
            f"{load.sessions}: " + ", ".join(f"{n} {r}" for r, n in roles.items()),
        ),
        ("Imports attempted / succeeded", f"{len(imports)} / {len(ok)}"),
        ("Duplicates detected (same file at once)", str(sum(1 for e in imports if e.status == "duplicate"))),
        ("Replacements / undos", f"{len(load.by_action('replace'))} / {len(load.by_action('undo'))}"),
        ("Rows expected / stored", f"{sum(e.file.rows for e in ok if e.file)} / {rows_stored}"),
        ("Reads during the load / partial or mixed", f"{load.reads.count} / {len(load.reads.bad)}"),
        ("Import call (parse, wait for the write lock, write), median / max (ms)", _ms([e.seconds for e in ok])),
        ("Read (layanan_stats + unit_summary of the kecamatan), median / max (ms)", _ms(load.reads.seconds)),
        ("Mixed load wall time (s)", f"{load.seconds:.2f}"),
        (
            f"Same file by {same.sessions} sessions at once, {same.rounds} times: imported / duplicate",
            f"{same_ok} / {same_dup}",
        ),
        (f"Import of {large.rows:,} rows (s)".replace(",", "."), f"{large.import_seconds:.2f}"),
        (
            f"Reads by {large.readers} sessions meanwhile: all / overlapping the import / partial",
            f"{large.reads} / {large.reads_during} / {large.partial}",
        ),
    ]
    if web is not None:
        status = Counter(o.status for o in web.outcomes)
        rows += [
            (
                "Browser sessions on one server (Chromium), saving at once",
                f"{web.sessions}: " + ", ".join(f"{n} {s}" for s, n in status.items()),
            ),
            ("Browser: rows expected / stored", f"{web.rows_expected} / {web.rows_stored}"),
            ("Browser: click to answer, median / max (ms)", _ms([o.seconds for o in web.outcomes if o.seconds])),
        ]
    rows.append(("Consistency problems found", str(len(problems))))
    return "\n".join(["| figure | value |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in rows)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=12, help="threads of the mixed load and the same-file race")
    parser.add_argument("--rounds", type=int, default=3, help="files each session sends")
    parser.add_argument(
        "--rows", type=int, default=50_000, help="rows of the large import (at most 83 000: 1 000 000 cells)"
    )
    parser.add_argument("--readers", type=int, default=4, help="reader sessions during the large import")
    parser.add_argument("--browser", type=int, default=0, metavar="N", help="also N Chromium sessions (e.g. 8)")
    args = parser.parse_args()

    problems: list[str] = []
    web: BrowserRun | None = None
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "mixed" / "skm.duckdb")
        load = mixed_load(store, args.sessions, args.rounds)
        problems += check_mixed(store, load)
        rows_stored = stored_rows(store, [e.batch_id for e in load.events if e.status == "imported" and e.batch_id])
        store.close()

        store = Store(Path(tmp) / "same" / "skm.duckdb")
        same = same_file_race(store, args.sessions, args.rounds)
        problems += check_same(store, same)
        store.close()

        store = Store(Path(tmp) / "large" / "skm.duckdb")
        large = large_import_with_readers(store, args.rows, args.readers)
        if large.partial:
            problems.append(f"{large.partial} partial reads during the large import")
        store.close()

        if args.browser:
            (Path(tmp) / "web").mkdir()
            web = browser_sessions(Path(tmp) / "web", args.browser)
            problems += web.problems

    print(f"Concurrent sessions against one server process (one Store), {os.cpu_count()} CPU cores:\n")
    print(figures(load, rows_stored, same, large, web, problems))
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
