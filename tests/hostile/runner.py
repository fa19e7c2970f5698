"""Run one corpus file the way the CLI does (read_survey, then Store.import_survey) and
measure it: what happened, how long it took, and how much memory the reading process used.

    store, unit = seeded_store(path)
    result = run_case(case, store, unit)
    result.outcome      # "refused" | "imported" | "conflict" | "crash"
"""

from __future__ import annotations

import os
import resource
import threading
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from skm import safe_xlsx
from skm.errors import ImportConflict, ImportRejected
from skm.ingest import read_survey
from skm.storage import Store
from skm.units import Period, Unit

from .corpus import PEOPLE, SEED, Case, Reads, csv_text, rows_of

UNIT = "Jakarta Timur/Makasar/Halim Perdanakusuma"
PERIOD = Period(2024, 2)


@dataclass
class Result:
    case: Case
    outcome: str
    message: str = ""
    problems: list = field(default_factory=list)
    survey: object = None
    error: BaseException | None = None
    seconds: float = 0.0  # read_survey (and the XLSX child) only
    traced_peak: int | None = None  # bytes: the peak of Python allocations while reading (tracemalloc)
    rss_growth: int = 0  # bytes: the reading process's RSS, sampled every 2 ms, above its start
    child_rss: int | None = None  # bytes: the XLSX child's own peak RSS (VmHWM), when a child ran
    size: int = 0
    checksums_unchanged: bool | None = None
    uploads_unchanged: bool | None = None


def seeded_store(path: Path) -> tuple[Store, Unit]:
    """A store that already holds a respondent file and the seed's aggregated table."""
    store = Store(path)
    unit, _ = store.ensure_unit_path(UNIT)
    good = csv_text(rows_of(PEOPLE)).encode()
    store.import_survey(read_survey(good, "baik.csv"), good, unit.id, Period(2024, 1))
    seed = SEED.read_bytes()
    store.import_survey(read_survey(seed, SEED.name), seed, unit.id, Period(2024, 1))
    return store, unit


def uploads(store: Store) -> list[str]:
    return sorted(p.name for p in store.upload_dir.rglob("*"))


_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_now() -> int:
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except OSError:  # not Linux: the lifetime peak is the best there is
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class RssPeak:
    """The peak of this process's resident memory while the block runs (a sampling thread)."""

    def __init__(self, interval: float = 0.002):
        self.interval = interval
        self.start = self.peak = rss_now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss_now())

    def __enter__(self) -> RssPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_now())

    @property
    def growth(self) -> int:
        return max(0, self.peak - self.start)


def run_case(case: Case, store: Store, unit: Unit, *, trace: bool | None = None) -> Result:
    """`trace`: measure Python allocations with tracemalloc (slow for the 16 384-column files,
    so by default not for cases tagged "untraced"; their RSS is still sampled)."""
    if trace is None:
        trace = "untraced" not in case.tags
    data = case.build()
    if isinstance(case.expect, Reads):  # a unit of its own, so a good file always imports
        unit, _ = store.ensure_unit_path(f"Korpus/{case.name}")
    before, files_before = store.table_checksums(), uploads(store)
    result = Result(case, "crash", size=len(data))
    survey = None
    safe_xlsx.last_child.clear()
    with RssPeak() as rss:
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        try:
            survey = read_survey(data, case.filename, layanan=case.layanan)
        except ImportRejected as exc:
            result.outcome, result.message, result.problems = "refused", str(exc), list(exc.problems)
        except BaseException as exc:  # recorded, and the test fails on it
            result.error, result.message = exc, f"{type(exc).__name__}: {exc}"
        finally:
            result.seconds = time.perf_counter() - start
            if trace:
                result.traced_peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
    result.rss_growth = rss.growth
    result.child_rss = safe_xlsx.last_child.get("peak_rss")
    if survey is not None:
        result.survey = survey
        try:
            outcome = store.import_survey(survey, data, unit.id, PERIOD)
            result.outcome, result.message = "imported", outcome.message
        except ImportRejected as exc:
            result.outcome, result.message, result.problems = "refused", str(exc), list(exc.problems)
        except ImportConflict as exc:
            result.outcome, result.message = "conflict", str(exc)
        except BaseException as exc:
            result.outcome, result.error, result.message = "crash", exc, f"{type(exc).__name__}: {exc}"
    if result.outcome != "imported":
        result.checksums_unchanged = store.table_checksums() == before
        result.uploads_unchanged = uploads(store) == files_before
    return result
