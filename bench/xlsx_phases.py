"""Where a whole `python -m skm import` of an XLSX spends its time (issue 17): one fresh process,
each phase's wall time (perf_counter), the CPU time of the thread that ran it (thread_time) and
the process's peak memory when it ended (VmHWM), with the process's CPU time at the end.

    .venv/bin/python bench/xlsx_phases.py [FILE.xlsx] [--runs 3]

Without FILE the bench's 100k-row sheet (build/bench-data/). Each run is its own process; a phase
that runs on another thread (the error-cell scan) shows its own thread's CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (module, attribute path) of each phase timed; a phase not found in this tree is skipped.
PHASES = [
    ("skm.safe_xlsx", "check_archive"),
    ("skm.ingest.xlsx_arrow", "sheet_table"),
    ("skm.ingest.xlsx_arrow", "_starts_in_a1"),
    ("skm.ingest.xlsx_arrow", "texts"),
    ("skm.ingest.xlsx_errors", "has_error_cells"),
    ("skm.ingest.columnar", "_survey"),
    ("skm.ingest.columnar", "_sha256"),
    ("skm.storage.core", "StoreCore.__init__"),
    ("skm.storage.core", "StoreCore._migrate"),
    ("skm.storage.core", "StoreCore.close"),
    ("skm.storage.units", "UnitsMixin.ensure_unit_path"),
    ("skm.storage.imports", "ImportsMixin.import_survey"),
    ("skm.storage.imports", "ImportsMixin._insert_rows"),
]

CHILD = r"""
import importlib, json, sys, time, threading
from functools import wraps
T0, C0 = time.perf_counter(), time.process_time()
got = {}
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
def timed(name, fn):
    @wraps(fn)
    def inner(*a, **k):
        w, c = time.perf_counter(), time.thread_time()
        try:
            return fn(*a, **k)
        finally:
            s = got.setdefault(name, [0.0, 0.0, 0, 0.0])
            s[0] += time.perf_counter() - w; s[1] += time.thread_time() - c; s[2] += 1; s[3] = hwm()
    return inner
w, c = time.perf_counter(), time.thread_time()
import skm.cli, skm.ingest, skm.ingest.columnar, skm.storage
got["imports (skm.cli, skm.ingest, skm.storage)"] = [time.perf_counter() - w, time.thread_time() - c, 1, hwm()]
import fastexcel
for cls, meth in ((fastexcel.ExcelReader, "load_sheet"), (fastexcel.ExcelSheet, "to_arrow")):
    setattr(cls, meth, timed(f"fastexcel {meth}", getattr(cls, meth)))
for mod, attr in PHASES:
    try:
        m = importlib.import_module(mod)
    except ImportError:
        continue
    *owner, last = attr.split(".")
    obj = m
    for o in owner:
        obj = getattr(obj, o)
    if hasattr(obj, last):
        setattr(obj, last, timed(attr, getattr(obj, last)))
w, c = time.perf_counter(), time.thread_time()
rc = skm.cli.main(ARGS)
got["cli.main"] = [time.perf_counter() - w, time.thread_time() - c, 1, hwm()]
got["whole process so far"] = [time.perf_counter() - T0, time.process_time() - C0, 1, hwm()]
assert rc == 0
print(json.dumps(got))
"""


def run_once(path: Path) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(dir=ROOT / "build") as tmp:
        args = ["--db", f"{tmp}/skm.duckdb", "import", str(path), "--unit", "A/B/C", "--period", "2025-S1"]
        code = f"PHASES = {PHASES!r}\nARGS = {args!r}\n" + CHILD
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = args.file or next((ROOT / "build" / "bench-data").glob("xlsx-100k-*/*.xlsx"))
    runs = [run_once(path) for _ in range(args.runs)]
    print(f"{path.name}; load average {os.getloadavg()[0]:.2f}")
    print("phase, calls, then per run wall / CPU of its thread (s); first run's peak (VmHWM) when it ended")
    for name in runs[0]:
        cells = "  ".join(f"{r[name][0]:.3f}/{r[name][1]:.3f}" for r in runs if name in r)
        print(f"{name:<48} ×{runs[0][name][2]:<3} {cells}  {runs[0][name][3]:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
