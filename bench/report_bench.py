"""How long the Laporan Hasil Tindak Lanjut takes to build, next to a baseline measured in the same run.

    .venv/bin/python bench/report_bench.py             # 15 runs each, fresh demo database in a temp dir
    .venv/bin/python bench/report_bench.py --runs 31 --db data/skm.duckdb

Measures, for the demo unit (Jakarta Timur/Makasar/Halim Perdanakusuma, 2024-S1):
  - report_data (the store queries), build_pdf and build_xlsx: median, min, max of N runs;
  - the baseline: a one-page fpdf2 document with the same two embedded DejaVu faces (font parsing,
    subsetting and compression are most of any small PDF's cost), and build_pdf ÷ baseline;
  - peak Python memory of one build_pdf (tracemalloc; DuckDB's own memory is not Python's).
The goal is a unit's report well under 1–2 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fpdf import FPDF  # noqa: E402

from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo  # noqa: E402
from skm.report.data import report_data  # noqa: E402
from skm.report.pdf import FONT_FILES, build_pdf  # noqa: E402
from skm.report.xlsx import build_xlsx  # noqa: E402
from skm.storage import Store  # noqa: E402


def baseline_pdf() -> bytes:
    """A trivial one-page document with the report's fonts."""
    pdf = FPDF()
    fonts = resources.files("skm.report").joinpath("fonts")
    for style, name in FONT_FILES.items():
        with resources.as_file(fonts.joinpath(name)) as path:
            pdf.add_font("DejaVu", style, path)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(text="Laporan Hasil Tindak Lanjut SKM")
    pdf.ln(10)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, "Kelurahan Halim Perdanakusuma, Semester I Tahun 2024: IKM 99,09 (A, Sangat Baik).")
    return bytes(pdf.output())


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    fn()  # warm-up: imports, lazy caches (the font's cmap), first DuckDB plan
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def ms(values: tuple[float, float, float]) -> str:
    med, lo, hi = values
    return f"median {med * 1000:7.1f} ms   (min {lo * 1000:6.1f}, max {hi * 1000:6.1f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, default=None, help="an existing database with the demo data")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.db is None:
            store = Store(Path(tmp) / "skm.duckdb")
            started = time.perf_counter()
            ensure_demo(store)
            print(f"demo database loaded in {time.perf_counter() - started:.1f} s")
        else:
            store = Store(args.db)
        try:
            unit = store.find_unit(SEED_UNIT)
            today = date(2024, 7, 9)
            data = report_data(store, unit, SEED_PERIOD, today)
            pdf = build_pdf(data)
            print(
                f"{unit.path_text} {SEED_PERIOD.label}: PDF {len(pdf) / 1024:.0f} KiB, "
                f"{pdf.count(b'/Type /Page') - pdf.count(b'/Type /Pages')} pages; "
                f"{args.runs} runs, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
            )
            base = timed(baseline_pdf, args.runs)
            t_data = timed(lambda: report_data(store, unit, SEED_PERIOD, today), args.runs)
            t_pdf = timed(lambda: build_pdf(data), args.runs)
            t_xlsx = timed(lambda: build_xlsx(data), args.runs)
            tracemalloc.start()
            build_pdf(data)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            store.close()
    print(f"baseline (1 page, same fonts)  {ms(base)}")
    print(f"report_data                    {ms(t_data)}")
    print(f"build_pdf                      {ms(t_pdf)}")
    print(f"build_xlsx                     {ms(t_xlsx)}")
    print(f"build_pdf / baseline           {t_pdf[0] / base[0]:.1f}x")
    print(
        f"report_data + build_pdf        {(t_data[0] + t_pdf[0]) * 1000:.0f} ms (what a click on 'Unduh laporan' costs)"
    )
    print(f"peak Python memory, build_pdf  {peak / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
