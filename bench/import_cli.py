"""Import as a user runs it: whole `python -m skm` processes next to bare readers in fresh processes
(issue 17). Wall time and peak memory (VmHWM) of each child; the sides alternate, best and median.

    .venv/bin/python bench/import_cli.py            # 2M-row CSV, 100k-row XLSX, 5 runs each
    .venv/bin/python bench/import_cli.py --quick    # 200k-row CSV, 20k-row XLSX, 3 runs

Measured:
  0. `python -m skm --help`                       vs  `python -c pass` (goal ≤ 0,3 s)
  1. `python -m skm import` of the coded CSV      vs  `CREATE TABLE t AS SELECT * FROM read_csv(...)`
     into a fresh DuckDB file (goal ≤ 1,5×; peak ≤ 2×)
  2. `python -m skm import` of the XLSX           vs  the fastest bare reader of the sheet (fastexcel
     to Arrow, python-calamine to_python), each in a fresh process (goal ≤ 1,3×; peak ≤ 2×); shown
     beside it, fastexcel followed by a DuckDB CTAS of its table into a new file (the least any import
     that stores the sheet does)
 2b. the same, into a database that already holds the CSV's rows and was closed cleanly (copied and
     opened once before each run, not timed), as an office's database is
A goal is judged on the median of the rounds' ratios (ours / baseline run one after the other),
the figure least moved by other jobs on a shared machine; best / best is shown too.
Every child runs under one small wrapper (below) that writes its own VmHWM when it exits: the peak of
that process alone (ru_maxrss would carry the parent's across fork + exec).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import scale  # noqa: E402  (the generators and the cache of build/bench-data/)

PY = sys.executable
UNIT = f"{scale.PROVINSI}/Kota 1/Kecamatan 1-1/Kelurahan 1-1-1"
# Runs `python -c CODE` or `python -m skm ARGS` and writes VmHWM (kB) to $PEAK_OUT at exit.
WRAPPER = """
import atexit, os, sys
def _peak():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            open(os.environ['PEAK_OUT'], 'w').write(line.split()[1])
atexit.register(_peak)
if sys.argv[1] == '-c':
    code = sys.argv[2]
    sys.argv = ['-c']
    exec(compile(code, '<bench>', 'exec'), {'__name__': '__main__'})
else:
    import runpy
    sys.argv = ['skm', *sys.argv[2:]]
    runpy.run_module('skm', run_name='__main__', alter_sys=True)
"""
BARE_CSV = """
import duckdb
con = duckdb.connect(DB)
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [SRC])
con.close()
"""
BARE_FASTEXCEL = """
import fastexcel
table = fastexcel.read_excel(SRC).load_sheet(0).to_arrow()
assert table.num_rows == ROWS, table.num_rows
"""
BARE_FASTEXCEL_DB = """
import duckdb, fastexcel
sheet = fastexcel.read_excel(SRC).load_sheet(0).to_arrow()
con = duckdb.connect(DB)
con.execute("CREATE TABLE t AS SELECT * FROM sheet")
con.close()
"""
BARE_CALAMINE = """
import python_calamine
grid = python_calamine.CalamineWorkbook.from_path(SRC).get_sheet_by_index(0).to_python()
assert len(grid) == ROWS + 1, len(grid)
"""


def child(argv: list[str], tmp: Path) -> tuple[float, int]:
    """Wall time (s) and VmHWM (bytes) of one wrapped process; it must succeed. `--cwd DIR` first:
    run in another checkout (`python -m skm` imports the skm of its working directory)."""
    cwd = ROOT
    if argv[0] == "--cwd":
        cwd, argv = Path(argv[1]), argv[2:]
    peak = tmp / "peak"
    env = {**os.environ, "PEAK_OUT": str(peak)}
    t0 = time.perf_counter()
    done = subprocess.run([PY, "-c", WRAPPER, *argv], cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{argv[:3]} failed:\n{done.stdout}\n{done.stderr}")
    return took, int(peak.read_text()) * 1024


def existing_database(base: Path, db: Path, tree: Path = ROOT) -> Path:
    """A copy of `base` at `db`, opened and closed once by the Store of `tree` (not timed): the
    state in which the app or an earlier import leaves an office's database."""
    shutil.copy2(base, db)
    code = f"from skm.storage import Store\nStore({str(db)!r}).close()"
    subprocess.run([PY, "-c", code], cwd=tree, check=True, capture_output=True)
    return db


def bare(code: str, **names: object) -> list[str]:
    prelude = "".join(f"{k} = {v!r}\n" for k, v in names.items())
    return ["-c", prelude + code]


def ours(path: Path, db: Path) -> list[str]:
    return ["-m", "--db", str(db), "import", str(path), "--unit", UNIT, "--period", "2025-S1"]


def alternate(sides: Mapping[str, Callable[[Path], list[str]]], runs: int) -> dict[str, list[tuple[float, int]]]:
    """Each side `runs` times, in turn (ours, bare, ours, bare …), each into a fresh folder."""
    out: dict[str, list[tuple[float, int]]] = {name: [] for name in sides}
    CPU.clear()
    for _ in range(runs):
        for name, make in sides.items():
            tmp = Path(tempfile.mkdtemp(dir=scale._tmp_dir()))
            before = _children_cpu()
            try:
                out[name].append(child(make(tmp / "skm.duckdb"), tmp))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            CPU.setdefault(name, []).append(_children_cpu() - before)
    return out


CPU: dict[str, list[float]] = {}  # user + sys seconds of each side's children, in run order


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def cpu_line(sides: list[str]) -> str:
    """CPU time (user + sys, every thread) of each side's processes: on a machine other jobs load,
    wall time tends to it, and it shows work moved onto the second core as no gain."""
    cells = [f"{n} {statistics.median(CPU[n]):.2f} s (" + " / ".join(f"{t:.2f}" for t in CPU[n]) + ")" for n in sides]
    return "| CPU time, user + sys: median (each run) | " + " | ".join(cells + [""] * (5 - len(cells))) + " |"


def summary(samples: list[tuple[float, int]]) -> dict[str, float]:
    times = [t for t, _ in samples]
    return {"best": min(times), "median": statistics.median(times), "peak": max(p for _, p in samples)}


def paired(ours: list[tuple[float, int]], base: list[tuple[float, int]]) -> float:
    """Median of each round's ours / baseline: the two ran one after the other, so a burst of other
    jobs on the shared machine tends to hit both sides of a pair."""
    return statistics.median(a / b for (a, _), (b, _) in zip(ours, base, strict=True))


def row(
    what: str, a: dict[str, float], b: dict[str, float], base: str, goal: float, peak_goal: float | None, ratio: float
) -> str:
    r_best = a["best"] / b["best"]
    met = "ya" if ratio <= goal else "**TIDAK**"
    text = (
        f"| {what} | {a['best']:.2f} s (median {a['median']:.2f} s) | {base}: {b['best']:.2f} s "
        f"(median {b['median']:.2f} s) | {ratio:.2f}× median of pairs ({r_best:.2f}× best) | ≤ {goal}× | {met} |"
    )
    if peak_goal is not None:
        r = a["peak"] / b["peak"]
        text += (
            f"\n| {what}: peak memory (VmHWM) | {scale.fmt_mb(a['peak'])} | {scale.fmt_mb(b['peak'])} | "
            f"{r:.2f}× | ≤ {peak_goal}× | {'ya' if r <= peak_goal else '**TIDAK**'} |"
        )
    return text


def before_side(before: Path | None, path: Path) -> dict[str, Callable[[Path], list[str]]]:
    return {} if before is None else {"before": lambda db: ["--cwd", str(before), *ours(path, db)]}


def emit_before(emit: Callable[[str], None], got: dict[str, list[tuple[float, int]]], base: str) -> None:
    if "before" in got:
        a, b = summary(got["before"]), summary(got[base])
        emit(
            f"| (before, same run) | {a['best']:.2f} s (median {a['median']:.2f} s), peak {scale.fmt_mb(a['peak'])} "
            f"| | {paired(got['before'], got[base]):.2f}× median of pairs ({a['best'] / b['best']:.2f}× best) | | |"
        )


def emit_existing(
    emit: Callable[[str], None], path: Path, rows: int, base_rows: int, runs: int, before: Path | None, bare_name: str
) -> None:
    """2b. The XLSX imported into a database that already holds a CSV import of `base_rows` rows
    and was closed cleanly (copied and opened once before each run, not timed)."""
    source = next(scale.file_folder("csv", base_rows, False).glob("*.csv"))
    with tempfile.TemporaryDirectory(dir=scale._tmp_dir()) as tmp:
        base = Path(tmp) / "base.duckdb"
        done = subprocess.run(
            [PY, "-m", "skm", "--db", str(base), "import", str(source), "--unit", UNIT, "--period", "2024-S1"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"preparing the database failed:\n{done.stderr}")
        code = BARE_FASTEXCEL if bare_name == "fastexcel" else BARE_CALAMINE
        sides: dict[str, Callable[[Path], list[str]]] = {
            "ours": lambda db: ours(path, existing_database(base, db)),
            "bare": lambda db: bare(code, SRC=str(path), ROWS=rows),
        }
        if before is not None:
            sides["before"] = lambda db: ["--cwd", str(before), *ours(path, existing_database(base, db, before))]
        got = alternate(sides, runs)
        what = (
            f"2b. the same XLSX into a database holding {scale._n(base_rows)} rows "
            f"({base.stat().st_size / 2**20:.0f} MiB), closed cleanly"
        )
    ratio = paired(got["ours"], got["bare"])
    emit(row(what, summary(got["ours"]), summary(got["bare"]), f"{bare_name} (bare)", 1.3, 2.0, ratio))
    emit_before(emit, got, "bare")


def odd_csv(source: Path) -> Path:
    """The bench's CSV with what real exports hold and the columnar reader takes since round 11
    (before, such a file went to the row-by-row reader: 2M rows in about a minute): every 100.000th
    row answers no unsur, every 50.000th has a blank layanan cell, a blank line after every
    250.000th row and at the end."""

    def make(folder: Path) -> None:
        with source.open(encoding="utf-8") as src, (folder / "skm_odd.csv").open("w", encoding="utf-8") as out:
            out.write(next(src))
            for i, line in enumerate(src, start=1):
                cells = line.rstrip("\n").split(",")
                if i % 100_000 == 0:
                    cells[6:15] = [""] * 9  # U1..U9
                if i % 50_000 == 25_000:
                    cells[1] = ""  # Layanan
                out.write(",".join(cells) + "\n" + ("\n" if i % 250_000 == 0 else ""))
            out.write("\n")

    return next(scale.cached(f"{source.parent.name}-odd", "1", False, make).glob("*.csv"))


def coded_csv(source: Path) -> Path:
    """The bench's CSV without its time stamp and saran: 14 columns, the shape issue 17 measured."""
    import duckdb

    def make(folder: Path) -> None:
        with duckdb.connect() as con:
            con.execute(
                f"""COPY (SELECT * EXCLUDE ("Timestamp", "Saran") FROM read_csv(?, all_varchar = true))
                    TO '{folder / "skm_coded.csv"}' (HEADER)""",
                [str(source)],
            )

    return next(scale.cached(f"{source.parent.name}-coded", "1", False, make).glob("*.csv"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--only", choices=("help", "csv", "xlsx"), default=None)
    parser.add_argument("--before", type=Path, help="another checkout (e.g. `git archive` of main) measured alongside")
    args = parser.parse_args(argv)
    csv_rows, xlsx_rows = (200_000, 20_000) if args.quick else (2_000_000, 100_000)
    runs = args.runs or (3 if args.quick else 5)
    lines = [
        f"# bench/import_cli.py — {time.strftime('%Y-%m-%d %H:%M')}",
        f"{scale.machine()}; load average at start {os.getloadavg()[0]:.2f}",
        "",
        "| measurement (whole processes) | ours | baseline | ratio | goal | met? |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    print("\n".join(lines), flush=True)

    def emit(text: str) -> None:
        lines.append(text)
        print(text, flush=True)

    if args.only in (None, "help"):
        got = alternate({"ours": lambda db: ["-m", "--help"], "bare": lambda db: bare("pass")}, max(runs, 5))
        a, b = summary(got["ours"]), summary(got["bare"])
        met = "ya" if a["best"] <= 0.3 else "**TIDAK**"
        emit(
            f"| 0. `python -m skm --help` | {a['best']:.3f} s (median {a['median']:.3f} s) | "
            f"`python -c pass` {b['best']:.3f} s | +{a['best'] - b['best']:.3f} s | ≤ 0,3 s | {met} |"
        )
    if args.only in (None, "csv"):
        path = next(scale.file_folder("csv", csv_rows, False).glob("*.csv"))
        mb = path.stat().st_size / 2**20
        got = alternate(
            {"ours": lambda db: ours(path, db), "bare": lambda db: bare(BARE_CSV, SRC=str(path), DB=str(db))}
            | before_side(args.before, path),
            runs,
        )
        what = f"1. CSV {scale._n(csv_rows)} rows ({mb:.0f} MiB): `python -m skm import`"
        ratio = paired(got["ours"], got["bare"])
        emit(row(what, summary(got["ours"]), summary(got["bare"]), "DuckDB CTAS read_csv", 1.5, 2.0, ratio))
        emit_before(emit, got, "bare")
        emit(cpu_line([name for name in got if name in CPU]))
    if args.only in (None, "csv"):
        source = next(scale.file_folder("csv", csv_rows, False).glob("*.csv"))
        for what, path in (
            ("1b. the same CSV with rows answering no unsur, blank layanan cells and blank lines", odd_csv(source)),
            ("1c. a coded CSV of 14 columns (no time stamp, no saran)", coded_csv(source)),
        ):
            got = alternate(
                {
                    "ours": lambda db, p=path: ours(p, db),
                    "bare": lambda db, p=path: bare(BARE_CSV, SRC=str(p), DB=str(db)),
                },
                runs,
            )
            what = f"{what} ({path.stat().st_size / 2**20:.0f} MiB)"
            ratio = paired(got["ours"], got["bare"])
            emit(row(what, summary(got["ours"]), summary(got["bare"]), "DuckDB CTAS read_csv", 1.5, 2.0, ratio))
    if args.only in (None, "xlsx"):
        path = next(scale.file_folder("xlsx", xlsx_rows, False).glob("*.xlsx"))
        sides = {
            "ours": lambda db: ours(path, db),
            "fastexcel": lambda db: bare(BARE_FASTEXCEL, SRC=str(path), ROWS=xlsx_rows),
            "calamine": lambda db: bare(BARE_CALAMINE, SRC=str(path), ROWS=xlsx_rows),
            "fastexcel+duckdb": lambda db: bare(BARE_FASTEXCEL_DB, SRC=str(path), DB=str(db)),
        }
        got = alternate(sides | before_side(args.before, path), runs)
        s = {k: summary(v) for k, v in got.items()}
        fastest = min(("fastexcel", "calamine"), key=lambda k: s[k]["best"])
        other = "calamine" if fastest == "fastexcel" else "fastexcel"
        what = f"2. XLSX {scale._n(xlsx_rows)} rows: `python -m skm import`"
        ratio = paired(got["ours"], got[fastest])
        emit(row(what, s["ours"], s[fastest], f"{fastest} (fastest bare)", 1.3, 2.0, ratio))
        emit_before(emit, got, fastest)
        emit(
            f"| (the other bare reader) | | {other}: {s[other]['best']:.2f} s, "
            f"peak {scale.fmt_mb(s[other]['peak'])} | | | |"
        )
        stored_name = "fastexcel+duckdb"
        stored = s[stored_name]
        emit(
            f"| (fastexcel, then DuckDB CTAS of its table into a new file: the least an import that "
            f"stores the sheet does) | | {stored['best']:.2f} s (median {stored['median']:.2f} s), peak "
            f"{scale.fmt_mb(stored['peak'])} | {paired(got['ours'], got[stored_name]):.2f}× median of pairs | | |"
        )
        emit_existing(emit, path, xlsx_rows, csv_rows, runs, args.before, fastest)
    emit(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    scale.OUT_DIR.mkdir(parents=True, exist_ok=True)
    (scale.OUT_DIR / "import_cli.md").write_text("\n".join(lines) + "\n")
    (scale.OUT_DIR / "import_cli.json").write_text(json.dumps(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
