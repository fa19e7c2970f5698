"""Where a whole `python -m skm import` of an XLSX spends its time (issue 17): one fresh process,
each phase's wall time (perf_counter), the CPU time of the thread that ran it (thread_time) and
the process's peak memory when it ended (VmHWM), with the process's CPU time at the end.

    .venv/bin/python bench/xlsx_phases.py [FILE.xlsx] [--runs 3]

Without FILE the bench's 100k-row sheet (build/bench-data/). Each run is its own process; its
modules are timed as the CLI itself imports them (an import hook), on whichever thread does.
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
    ("skm.ingest", "read_survey"),
    ("skm.storage", "Store.__init__"),
    ("skm.sheet_load", "load"),
    ("skm.safe_xlsx", "check_archive"),
    ("skm.ingest.xlsx_arrow", "sheet_table"),
    ("skm.ingest.xlsx_arrow", "_starts_in_a1"),
    ("skm.ingest.xlsx_arrow", "texts"),
    ("skm.ingest.xlsx_errors", "has_error_cells"),
    ("skm.ingest.columnar", "_survey"),
    ("skm.ingest.columnar", "_sha256"),
    ("skm.storage.core", "StoreCore._migrate"),
    ("skm.storage.core", "StoreCore.close"),
    ("skm.storage.units", "UnitsMixin.ensure_unit_path"),
    ("skm.storage.imports", "ImportsMixin.import_survey"),
    ("skm.storage.imports", "ImportsMixin._insert_rows"),
]

CHILD = r"""
import importlib.abc, importlib.util, json, sys, threading, time
from functools import wraps
T0, C0 = time.perf_counter(), time.process_time()
events = []
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
            events.append([name, threading.current_thread().name, w - T0, time.perf_counter() - w,
                           time.thread_time() - c, hwm()])
    return inner
def patch(module):
    for mod, attr in PHASES:
        if mod != module.__name__:
            continue
        *owner, last = attr.split(".")
        obj = module
        for o in owner:
            obj = getattr(obj, o)
        if hasattr(obj, last):
            setattr(obj, last, timed(attr, getattr(obj, last)))
class Hook(importlib.abc.MetaPathFinder):
    # Patches each module of PHASES as it is first imported, so the order of imports is the CLI's own.
    def find_spec(self, name, path, target=None):
        if name not in {m for m, _ in PHASES}:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        run = spec.loader.exec_module
        def exec_module(module):
            w, c = time.perf_counter(), time.thread_time()
            run(module)
            events.append([f"import {name}", threading.current_thread().name, w - T0, time.perf_counter() - w,
                           time.thread_time() - c, hwm()])
            patch(module)
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, Hook())
import fastexcel
for cls, meth in ((fastexcel.ExcelReader, "load_sheet"), (fastexcel.ExcelSheet, "to_arrow_with_errors")):
    setattr(cls, meth, timed(f"fastexcel {meth}", getattr(cls, meth)))
import skm.cli
rc = skm.cli.main(ARGS)
events.append(["whole process (CPU: all threads)", "MainThread", 0.0, time.perf_counter() - T0,
               time.process_time() - C0, hwm()])
assert rc == 0
print(json.dumps(events))
"""


def run_once(path: Path) -> list[list]:
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
    print(f"{path.name}; load average {os.getloadavg()[0]:.2f}")
    for n in range(args.runs):
        print(f"\nrun {n + 1}: phase, thread, start, wall, CPU of its thread (s), peak (VmHWM) when it ended")
        for name, thread, start, wall, cpu, peak in sorted(run_once(path), key=lambda e: e[2]):
            print(f"  {name:<40} {thread[:14]:<14} {start:6.3f} {wall:6.3f} {cpu:6.3f} {peak:5.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
