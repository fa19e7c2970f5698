"""Crash safety and backup figures for the README's reliability section.

    .venv/bin/python bench/reliability.py                   # 50 + 50 trials, 100 000-row import
    .venv/bin/python bench/reliability.py --trials 200 --rows 20000 --seed 7

Crash trials. A child process opens the store and either
  - imports a generated N-row CSV (`import`: one transaction, then Store.close(), which checkpoints), or
  - having committed that import and one more small write to the WAL (automatic checkpoints off),
    runs CHECKPOINT (`checkpoint`),
and is killed with SIGKILL at a random moment (seeded) spread over 0–120% of the operation's
duration, measured first on uninterrupted runs. The parent then opens the database as the app
would (WAL replay, every table read once) with automatic recovery OFF, and checks:
  - it opens;
  - responses hold either the old count or old + N, never anything between, and import_batches,
    batch_layanan, layanan and the data version agree with that (all of the import or none of it);
  - `checkpoint`: the committed import and the small write are all there (nothing committed lost);
  - it still takes a write.
The Store's write lock is in-process only: what is tested is DuckDB's WAL and checkpoint on disk.

Backup round trip: the demo database plus one N-row import -> backup() -> restore() into a new
file -> table_checksums() equal, every row of every table equal, uploads equal.

The importer refuses files above 1 000 000 cells (skm.ingest.MAX_CELLS, about 75 000 respondents),
so the N-row CSV is read in chunks (read_large) into one Survey of the whole file; what is stored
and crash-tested is the same single-transaction Store.import_survey.

tests/test_crash.py runs the same trials in CI (20 000 rows; 100 000 with SKM_LONG_TESTS=1).
The child side is this file run with --child.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from skm.storage import Store  # noqa: E402
from skm.units import Period  # noqa: E402

UNIT = "Kota Uji/Kecamatan Uji/Kelurahan Uji"
BASE_PERIOD = Period(2024, 1)
CRASH_PERIOD = Period(2025, 1)
BASE_LAYANAN = ("PPSU", "Posyandu", "PKK", "Jumantik")
CRASH_LAYANAN = (*BASE_LAYANAN, "Layanan Baru")  # the import also creates a layanan
BASE_ROWS = 500
MODES = ("import", "checkpoint")
SPREAD = 1.2  # kills spread over 0..120% of the measured duration


def make_csv(rows: int, layanan: tuple[str, ...] = CRASH_LAYANAN, seed: int = 7) -> bytes:
    """A plain respondent export (numeric answers, a few blanks and profile columns), fast to make."""
    rng = random.Random(seed)
    out = ["Jenis Layanan;Jenis Kelamin;Usia;Pendidikan;U1;U2;U3;U4;U5;U6;U7;U8;U9;Saran"]
    pend = ("SD", "SMP", "SMA/SMK", "D3", "S1", "S2")
    choices = "1234"
    for i in range(rows):
        answers = ";".join("" if rng.random() < 0.003 else rng.choice(choices) for _ in range(9))
        saran = "Pelayanan baik" if i % 17 == 0 else ""
        out.append(f"{layanan[i % len(layanan)]};{'LP'[i % 2]};{18 + i % 55};{pend[i % 6]};{answers};{saran}")
    return ("\n".join(out) + "\n").encode()


@dataclass
class Env:
    """The prepared inputs: a base database with some data, the pickled N-row survey."""

    root: Path
    rows: int
    base_db: Path
    payload: Path
    sha256: str
    base: dict[str, int]  # counts in the base database
    durations: dict[str, float] = field(default_factory=dict)  # measured per mode (seconds)


def read_large(data: bytes, filename: str, chunk_rows: int = 20_000):
    """read_survey() of a CSV bigger than the importer's cell limit (skm.ingest.MAX_CELLS, about
    75 000 respondents): read in chunks, the rows put together into one Survey of the whole file
    (its sha256, its line numbers). Store.import_survey then stores it exactly as any survey."""
    import dataclasses
    import hashlib

    import pandas as pd

    from skm.ingest import read_survey

    header, *lines = data.decode().splitlines()
    frames, first = [], None
    for start in range(0, len(lines), chunk_rows):
        part = "\n".join([header, *lines[start : start + chunk_rows]]) + "\n"
        sv = read_survey(part.encode(), filename)
        assert sv.responses is not None
        frame = sv.responses.copy()
        frame["row"] = frame["row"] + start
        frames.append(frame)
        first = first or sv
    assert first is not None
    responses = pd.concat(frames, ignore_index=True)
    return dataclasses.replace(first, sha256=hashlib.sha256(data).hexdigest(), frame=responses, table=None)


def prepare(root: Path, rows: int) -> Env:
    from skm.ingest import read_survey

    root.mkdir(parents=True, exist_ok=True)
    data = make_csv(rows)
    survey = read_large(data, f"crash-{rows}.csv")
    assert survey.row_count == rows, survey.warnings
    payload = root / "survey.pickle"
    payload.write_bytes(pickle.dumps((survey, data)))

    base_db = root / "base" / "skm.duckdb"
    store = Store(base_db)
    unit, _ = store.ensure_unit_path(UNIT)
    base_data = make_csv(BASE_ROWS, BASE_LAYANAN, seed=1)
    store.import_survey(read_survey(base_data, "awal.csv"), base_data, unit.id, BASE_PERIOD)
    base = counts(store, survey.sha256)
    store.close()
    return Env(root, rows, base_db, payload, survey.sha256, base)


def counts(store: Store, sha256: str) -> dict[str, int]:
    cur = store.cursor()
    row = cur.execute(
        """SELECT (SELECT count(*) FROM responses),
                  (SELECT count(*) FROM import_batches),
                  (SELECT count(*) FROM import_batches WHERE sha256 = ?),
                  (SELECT coalesce(max(row_count), 0) FROM import_batches WHERE sha256 = ?),
                  (SELECT count(*) FROM batch_layanan bl JOIN import_batches b ON b.id = bl.batch_id
                     WHERE b.sha256 = ? AND bl.active),
                  (SELECT count(*) FROM responses r JOIN import_batches b ON b.id = r.batch_id WHERE b.sha256 = ?),
                  (SELECT count(*) FROM layanan),
                  (SELECT count(*) FROM unit_population)""",
        [sha256] * 4,
    ).fetchall()[0]
    keys = ("responses", "batches", "new_batches", "new_batch_rows", "new_active", "new_responses", "layanan", "pop")
    return {**dict(zip(keys, row, strict=True)), "data_version": store.data_version()}


# ---------------------------------------------------------------- child process


def child(mode: str, db: str, payload: str) -> None:
    survey, data = pickle.loads(Path(payload).read_bytes())
    store = Store(db)
    unit = store.find_unit(UNIT)
    if mode == "import":
        print("READY", flush=True)
        store.import_survey(survey, data, unit.id, CRASH_PERIOD)
        print("COMMITTED", flush=True)
        store.close()  # checkpoints the WAL into the file
        print("DONE", flush=True)
    elif mode == "checkpoint":
        store.cursor().execute("SET checkpoint_threshold = '100GB'")  # everything stays in the WAL
        store.import_survey(survey, data, unit.id, CRASH_PERIOD)
        store.set_population(unit.id, CRASH_PERIOD, 12345)
        print("READY", flush=True)
        store.cursor().execute("CHECKPOINT")
        print("DONE", flush=True)
        os._exit(0)  # no second checkpoint on close
    else:
        raise SystemExit(f"unknown mode {mode}")


@dataclass
class ChildRun:
    ready_to_done: float | None  # seconds, parent's clock; None when killed
    last: str  # the last step it reported before the kill: READY | COMMITTED | DONE
    returncode: int
    stderr: str

    @property
    def killed_before_done(self) -> bool:
        return self.last != "DONE"


def run_child(mode: str, db: Path, payload: Path, kill_after: float | None) -> ChildRun:
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(db), str(payload)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        line = proc.stdout.readline().strip()
        if line != "READY":
            proc.kill()
            _, err = proc.communicate()
            raise RuntimeError(f"child did not start ({mode}): {line!r} {err[-2000:]}")
        t0 = time.monotonic()
        if kill_after is not None:
            time.sleep(kill_after)
            proc.send_signal(signal.SIGKILL)  # a no-op when it has already exited
            out, err = proc.communicate()
            return ChildRun(None, (["READY", *out.split()])[-1], proc.returncode, err)
        seen = ""
        while seen != "DONE":
            seen = proc.stdout.readline().strip()
            if not seen:
                break
        elapsed = time.monotonic() - t0
        _, err = proc.communicate()
        if seen != "DONE" or proc.returncode != 0:
            raise RuntimeError(f"child failed ({mode}, rc {proc.returncode}): {err[-2000:]}")
        return ChildRun(elapsed, "DONE", proc.returncode, err)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def _copy_base(env: Env, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    db = dest / "skm.duckdb"
    shutil.copyfile(env.base_db, db)
    return db


def calibrate(env: Env, mode: str, workers: int = 2, runs: int = 4) -> float:
    """Median READY->DONE time of uninterrupted runs, `workers` at a time as in the trials: the
    window the kills are spread over."""

    def one(i: int) -> float:
        db = _copy_base(env, env.root / f"calibrate-{mode}-{i}")
        run = run_child(mode, db, env.payload, None)
        assert run.ready_to_done is not None
        check = Store(db, recover=False)
        got = counts(check, env.sha256)["responses"]
        check.close()
        if got != env.base["responses"] + env.rows:
            raise RuntimeError(f"uninterrupted {mode} run stored {got} responses")
        shutil.rmtree(db.parent)
        return run.ready_to_done

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        times = list(pool.map(one, range(max(runs, workers))))
    env.durations[mode] = statistics.median(times)
    return env.durations[mode]


@dataclass
class TrialResult:
    mode: str
    index: int
    delay: float
    last: str  # what the child had reported when it was killed: READY | COMMITTED | DONE
    opened: bool
    outcome: str  # all | none | partial | lost | error
    detail: str = ""


def verify(env: Env, mode: str, db: Path) -> tuple[bool, str, str]:
    """(opened, outcome, detail) of a database a killed child left behind."""
    try:
        store = Store(db, recover=False)  # WAL replay and every table read once; no restore allowed
    except Exception as exc:
        return False, "error", f"{type(exc).__name__}: {exc}"
    try:
        c = counts(store, env.sha256)
        b, n = env.base, env.rows
        none = (
            c["responses"] == b["responses"]
            and c["batches"] == b["batches"]
            and c["new_batches"] == 0
            and c["new_active"] == 0
            and c["layanan"] == b["layanan"]
            and c["data_version"] == b["data_version"]
        )
        full = (
            c["responses"] == b["responses"] + n
            and c["batches"] == b["batches"] + 1
            and c["new_batches"] == 1
            and c["new_batch_rows"] == n
            and c["new_responses"] == n
            and c["new_active"] == len(CRASH_LAYANAN)
            and c["layanan"] == b["layanan"] + 1
        )
        if mode == "import":
            full = full and c["data_version"] == b["data_version"] + 1
            outcome = "all" if full else "none" if none else "partial"
        else:  # both writes were committed before the checkpoint began: nothing may be missing
            full = full and c["pop"] == b["pop"] + 1 and c["data_version"] == b["data_version"] + 2
            outcome = "all" if full else "lost"
        # and it still takes a write
        store.ensure_unit_path("Kota Uji/Kecamatan Uji/Sesudah Crash")
        return True, outcome, "" if outcome in ("all", "none") else repr(c)
    except Exception as exc:
        return True, "error", f"{type(exc).__name__}: {exc}"
    finally:
        store.close()


def trial(env: Env, mode: str, index: int, delay: float, keep_failed: bool = True) -> TrialResult:
    folder = env.root / f"trial-{mode}-{index:04d}"
    db = _copy_base(env, folder)
    try:
        run = run_child(mode, db, env.payload, delay)
    except RuntimeError as exc:
        return TrialResult(mode, index, delay, "?", False, "error", str(exc))
    opened, outcome, detail = verify(env, mode, db)
    if run.returncode not in (0, -signal.SIGKILL):
        outcome, detail = "error", f"child rc {run.returncode}: {run.stderr[-1000:]}"
    result = TrialResult(mode, index, delay, run.last, opened, outcome, detail)
    if outcome in ("all", "none") or not keep_failed:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def run_trials(env: Env, mode: str, trials: int, seed: int, workers: int = 2) -> list[TrialResult]:
    if mode not in env.durations:
        calibrate(env, mode, workers)
    window = env.durations[mode] * SPREAD
    rng = random.Random(f"{seed}-{mode}")
    delays = [rng.uniform(0, window) for _ in range(trials)]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda a: trial(env, mode, *a), enumerate(delays)))


@dataclass
class Summary:
    mode: str
    trials: int
    opened: int
    all_or_nothing: int
    all_: int
    none: int
    phases: dict[str, int]  # what the child had reported when killed
    window: float
    failures: list[TrialResult]

    @property
    def killed_before_done(self) -> int:
        return self.trials - self.phases.get("DONE", 0)


def summarise(env: Env, mode: str, results: list[TrialResult]) -> Summary:
    good = [r for r in results if r.opened and r.outcome in ("all", "none")]
    return Summary(
        mode=mode,
        trials=len(results),
        opened=sum(r.opened for r in results),
        all_or_nothing=len(good),
        all_=sum(r.outcome == "all" for r in results),
        none=sum(r.outcome == "none" for r in results),
        phases={p: sum(r.last == p for r in results) for p in ("READY", "COMMITTED", "DONE")},
        window=env.durations[mode],
        failures=[r for r in results if r not in good],
    )


# ---------------------------------------------------------------- backup round trip


@dataclass
class RoundTrip:
    tables: int
    rows: int
    identical: bool
    rows_identical: bool
    files_identical: bool
    backup_s: float
    restore_s: float
    size_mb: float


def backup_round_trip(root: Path, extra_rows: int) -> RoundTrip:
    import duckdb

    from skm.demo import ensure_demo
    from skm.storage import backup as bk

    db = root / "roundtrip" / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    if extra_rows:
        data = make_csv(extra_rows)
        unit, _ = store.ensure_unit_path(UNIT)
        store.import_survey(read_large(data, "besar.csv"), data, unit.id, CRASH_PERIOD)
    before = store.table_checksums()
    t0 = time.perf_counter()
    folder = bk.backup(store)
    backup_s = time.perf_counter() - t0
    store.close()

    target = root / "restored" / "skm.duckdb"
    t0 = time.perf_counter()
    bk.restore(folder, target)
    restore_s = time.perf_counter() - t0
    restored = Store(target, recover=False)
    identical = restored.table_checksums() == before
    restored.close()

    a, b = duckdb.connect(str(db), read_only=True), duckdb.connect(str(target), read_only=True)
    rows_identical, total = True, 0
    for t in before:
        ra = a.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall()
        rows_identical &= ra == b.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall()
        total += len(ra)
    a.close()
    b.close()
    files_identical = all(
        sorted(p.read_bytes() for p in (db.parent / sub).glob("*"))
        == sorted(p.read_bytes() for p in (target.parent / sub).glob("*"))
        for sub in ("uploads", "rtl")
    )
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
    return RoundTrip(len(before), total, identical, rows_identical, files_identical, backup_s, restore_s, size)


# ---------------------------------------------------------------- report


def _n(x: int) -> str:
    return f"{x:,}".replace(",", " ")


def markdown(env: Env, summaries: list[Summary], rt: RoundTrip | None, seed: int, elapsed: float) -> str:
    import duckdb

    yes = {True: "yes", False: "**NO**"}
    lines = [
        f"Crash trials: SIGKILL at a random moment in 0–{SPREAD:.0%} of the measured duration (seed {seed}), "
        f"{_n(env.rows)}-row import, {os.cpu_count()} CPU, DuckDB {duckdb.__version__}.",
        "",
        "| operation killed | trials | database opened | all-or-nothing held | after reopen: all / none "
        "| child had reported: started / committed / done | measured duration |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    names = {
        "import": f"import of {_n(env.rows)} rows, then close (checkpoint)",
        "checkpoint": "CHECKPOINT of the committed import",
    }
    for s in summaries:
        ph = s.phases
        when = (
            f"{ph['READY']} / {ph['COMMITTED']} / {ph['DONE']}"
            if s.mode == "import"
            else f"– / {ph['READY']} / {ph['DONE']}"
        )
        lines.append(
            f"| {names[s.mode]} | {s.trials} | {s.opened}/{s.trials} | {s.all_or_nothing}/{s.trials} "
            f"| {s.all_} / {s.none} | {when} | {s.window * 1000:.0f} ms |"
        )
    lines += [
        "",
        "Import: *started* = killed inside the import transaction (or after its commit, before the child "
        "could say so); *committed* = killed during Store.close()'s checkpoint. CHECKPOINT: the import and "
        "a second write were committed to the WAL first; *committed* = killed during the CHECKPOINT. Every "
        "database was then opened with automatic recovery off (WAL replay, every table read).",
    ]
    if rt is not None:
        lines += [
            "",
            "| backup → restore into a new file | result |",
            "| --- | --- |",
            f"| tables / rows | {rt.tables} / {_n(rt.rows)} |",
            f"| every table identical (checksums) | {yes[rt.identical]} |",
            f"| every row identical | {yes[rt.rows_identical]} |",
            f"| uploads and photos identical | {yes[rt.files_identical]} |",
            f"| backup (EXPORT DATABASE, Parquet) | {rt.backup_s:.2f} s, {rt.size_mb:.1f} MiB |",
            f"| restore (IMPORT DATABASE + verify) | {rt.restore_s:.2f} s |",
        ]
    lines += ["", f"Total {elapsed:.0f} s."]
    for s in summaries:
        for f in s.failures[:10]:
            lines.append(f"FAILED {f.mode} #{f.index} (kill after {f.delay * 1000:.0f} ms): {f.outcome} {f.detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--trials", type=int, default=50, help="kills per operation (default 50)")
    p.add_argument("--rows", type=int, default=100_000, help="rows of the import (default 100000)")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--workers", type=int, default=2, help="trials run side by side")
    p.add_argument("--modes", default="import,checkpoint")
    p.add_argument("--no-backup", action="store_true", help="skip the backup round trip")
    p.add_argument("--workdir", type=Path, default=None, help="keep the files here (default: a temp dir)")
    args = p.parse_args(argv)
    started = time.perf_counter()
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="skm-reliability-")
        root = Path(tmp.name)
    else:
        root = args.workdir
    try:
        env = prepare(root, args.rows)
        summaries = []
        for mode in args.modes.split(","):
            results = run_trials(env, mode, args.trials, args.seed, args.workers)
            summaries.append(summarise(env, mode, results))
        rt = None if args.no_backup else backup_round_trip(root, args.rows)
        print(markdown(env, summaries, rt, args.seed, time.perf_counter() - started))
        ok = all(s.all_or_nothing == s.trials for s in summaries) and (
            rt is None or (rt.identical and rt.rows_identical and rt.files_identical)
        )
        return 0 if ok else 1
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
    else:
        sys.exit(main())
