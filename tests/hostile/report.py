"""Figures for the hostile-file corpus: how many files were tried, refused and read exactly,
and the worst memory and time per file.

    .venv/bin/python tests/hostile/report.py            # every file
    .venv/bin/python tests/hostile/report.py xlsx bom   # only files whose name contains a word

Each file goes the way the CLI goes (read_survey, then Store.import_survey) against a fresh
store holding data. Memory is the importing process's: the peak of Python allocations
(tracemalloc; not for the two 16 384-column files, where it costs seconds) and the peak of
its resident set, sampled every 2 ms, above where it started. XLSX/ODS/XLS files are parsed
in a child process; the largest child is reported too.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for path in (HERE.parents[1], HERE.parent):  # the checkout (skm) and tests/ (hostile)
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from hostile.corpus import CASES, Reads, Refused  # noqa: E402
from hostile.runner import Result, run_case, seeded_store  # noqa: E402
from skm import safe_xlsx  # noqa: E402

MB = 2**20


def verdict(result: Result) -> str:
    """'refused' / 'read exactly' as the corpus expects, else what went wrong."""
    expect = result.case.expect
    if result.error is not None or result.outcome == "crash":
        return "crash"
    if isinstance(expect, Refused):
        if result.outcome != "refused":
            return f"expected a refusal, got {result.outcome}"
        missing = [
            p
            for p in expect.parts
            if not (p in result.message if isinstance(p, str) else any(a in result.message for a in p))
        ]
        if missing:
            return f"refused, but the message lacks {missing}"
        if not (result.checksums_unchanged and result.uploads_unchanged):
            return "refused, but the database or uploads changed"
        return "refused"
    if result.outcome != "imported":
        return f"expected a reading, got {result.outcome}: {result.message.splitlines()[-1][:120]}"
    try:
        assert isinstance(expect, Reads)
        expect.check(result.survey)
        assert result.survey.row_count == expect.rows  # type: ignore[attr-defined]
    except AssertionError as exc:
        return f"read wrongly: {exc}"
    return "read exactly"


def main(words: list[str]) -> int:
    cases = [c for c in CASES if not words or any(w in c.name for w in words)]
    results: list[tuple[Result, str]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store, unit = seeded_store(Path(tmp) / "db" / "skm.duckdb")
        try:
            for case in cases:
                result = run_case(case, store, unit)
                results.append((result, verdict(result)))
                result.survey = None  # keep the report's own memory small
        finally:
            store.close()
    total = time.perf_counter() - started

    refused = [r for r, v in results if v == "refused"]
    exact = [r for r, v in results if v == "read exactly"]
    wrong = [(r, v) for r, v in results if v not in ("refused", "read exactly")]
    by_rss = max(results, key=lambda rv: rv[0].rss_growth)[0]
    traced = [r for r, _ in results if r.traced_peak is not None]
    by_traced = max(traced, key=lambda r: r.traced_peak or 0) if traced else None
    by_time = max(results, key=lambda rv: rv[0].seconds)[0]
    largest = max(results, key=lambda rv: rv[0].size)[0]
    children = [r for r, _ in results if r.child_rss is not None]
    by_child = max(children, key=lambda r: r.child_rss or 0) if children else None

    print(f"files tried:                 {len(results)}")
    print(f"refused (clear message):     {len(refused)}")
    print(f"read exactly:                {len(exact)}")
    print(f"not as expected:             {len(wrong)}")
    for r, v in wrong:
        print(f"  - {r.case.name}: {v}")
    print(f"largest file:                {largest.size / MB:.1f} MB ({largest.case.name})")
    print(f"max parent RSS growth:       {by_rss.rss_growth / MB:.1f} MB ({by_rss.case.name})")
    if by_traced is not None:
        print(f"max Python allocation peak:  {(by_traced.traced_peak or 0) / MB:.1f} MB ({by_traced.case.name})")
    if by_child is not None:
        print(
            f"max XLSX child RSS:          {(by_child.child_rss or 0) / MB:.1f} MB ({by_child.case.name}; "
            f"its address space is capped at {safe_xlsx.MEMORY_MB} MB)"
        )
    print(f"max time per file:           {by_time.seconds:.2f} s ({by_time.case.name})")
    bomb = next((r for r, _ in results if r.case.name == "xlsx-zip-bomb-1gb"), None)
    if bomb is not None:
        print(
            f"zip bomb (1.1 GiB inflated): {bomb.size / MB:.2f} MB file, refused in {bomb.seconds:.3f} s, "
            f"RSS growth {bomb.rss_growth / MB:.1f} MB"
        )
    print(f"total:                       {total:.1f} s")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
