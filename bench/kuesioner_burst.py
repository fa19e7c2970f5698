"""Do online questionnaire answers slow the dashboard? 1,000 responses submitted through the skm
API from threads while the Ringkasan query (skm.summary.unit_summary) is timed before, during and
after the burst, on one Store as one server has.

    .venv/bin/python bench/kuesioner_burst.py                   # 1,000 answers, 4 threads
    .venv/bin/python bench/kuesioner_burst.py --answers 3000 --threads 8

Prints, for the kelurahan receiving the answers and for its kecamatan (5 kelurahan of demo data):
(and a kelurahan that receives nothing, as a control for the machine's own noise)
unit_summary median / p95 before, during, after, and after a CHECKPOINT (DuckDB folds the many
small commits into the file; it does so by itself when the WAL grows), as ratios to before; and the
submissions' own latency and rate. The rate limiter is per client and session (pages/kuesioner.py),
so it is not in this path: here every answer is one skm.kuesioner.issue_form (the drawn form's
one-time token) and one skm.kuesioner.submit. The integrity rules are switched off explicitly
(skm.tinjauan.Rules.off(): no daily cap, nothing held), so all answers are counted and the bench
measures what counting them costs; the submission bookkeeping the rules read is still written.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from skm import kuesioner  # noqa: E402
from skm.demo import ensure_demo  # noqa: E402
from skm.storage import Store  # noqa: E402
from skm.summary import unit_summary  # noqa: E402
from skm.tinjauan import Rules  # noqa: E402
from skm.units import Period  # noqa: E402
from skm.unsur import CODES  # noqa: E402

KELURAHAN = "Jakarta Timur/Makasar/Kebon Pala"
KECAMATAN = "Jakarta Timur/Makasar"
CONTROL = "Jakarta Timur/Makasar/Pinang Ranti"  # receives nothing: what the machine itself did meanwhile
PERIOD = Period(2025, 1)
NOW = datetime(2025, 6, 30, 12, 0)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--answers", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--reps", type=int, default=40, help="summary timings before and after")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "skm.duckdb")
        ensure_demo(store)
        kel = store.find_unit(KELURAHAN)
        kec = store.find_unit(KECAMATAN)
        for name in ("Layanan Daring A", "Layanan Daring B"):
            kuesioner.ensure_layanan(store, kel.id, name)
        kuesioner.set_open(store, kel.id, PERIOD, True)
        token = kuesioner.link_token(store, kel.id)
        targets = {"kelurahan": kel, "kecamatan": kec, "kontrol": store.find_unit(CONTROL)}

        def summaries(label: str) -> dict[str, list[float]]:
            return {
                k: [timed(lambda u=u: unit_summary(store, u, PERIOD)) for _ in range(args.reps)]
                for k, u in targets.items()
            }

        for u in targets.values():  # warm up
            unit_summary(store, u, PERIOD)
        before = summaries("before")

        rules = Rules.off()  # explicitly: no cap, nothing held (see the docstring)

        def send(entry: kuesioner.Entry, client: str) -> None:
            form_token = kuesioner.issue_form(store, token, NOW, rules)
            kuesioner.submit(store, token, entry, now=NOW, form_token=form_token, client=client, rules=rules)

        latencies: list[float] = []
        lock = threading.Lock()
        per_thread = args.answers // args.threads
        done = threading.Event()

        def submitter(seed: int) -> None:
            own = []
            for i in range(per_thread):
                n = seed * per_thread + i
                entry = kuesioner.Entry(
                    jenis_kelamin=kuesioner.JENIS_KELAMIN[n % 2],
                    usia=18 + n % 60,
                    pendidikan=kuesioner.PENDIDIKAN[n % len(kuesioner.PENDIDIKAN)],
                    pekerjaan=kuesioner.PEKERJAAN[n % len(kuesioner.PEKERJAAN)],
                    layanan=("Layanan Daring A", "Layanan Daring B")[n % 2],
                    tanggal_layanan=date(2025, 1 + n % 6, 1 + n % 28),
                    answers={c: 1 + (n + j) % 4 for j, c in enumerate(CODES)},
                    saran=f"saran {n}",
                )
                own.append(timed(lambda e=entry, c=f"bench-{seed}": send(e, c)))
            with lock:
                latencies.extend(own)

        threads = [threading.Thread(target=submitter, args=(t,)) for t in range(args.threads)]
        during: dict[str, list[float]] = {k: [] for k in targets}
        start = time.perf_counter()
        for t in threads:
            t.start()

        def watch() -> None:
            for t in threads:
                t.join()
            done.set()

        threading.Thread(target=watch).start()
        while not done.is_set():
            for k, u in targets.items():
                during[k].append(timed(lambda u=u: unit_summary(store, u, PERIOD)))
        burst = time.perf_counter() - start
        after = summaries("after")
        with store._lock:  # what DuckDB does by itself once its WAL is large enough
            store.cursor().execute("CHECKPOINT")
        checkpointed = summaries("after CHECKPOINT")

        result = unit_summary(store, kel, PERIOD)
        stored = kuesioner.response_count(store, kel.id, PERIOD)
        store.close()

    total = per_thread * args.threads
    lat_med, lat_p95 = stats(latencies)
    print("integrity rules: off (skm.tinjauan.Rules.off(): no daily cap, no answer held), set explicitly")
    print(
        f"{total} answers from {args.threads} threads in {burst:.2f} s ({total / burst:.0f}/s); "
        f"form + submit latency median {lat_med * 1000:.1f} ms, p95 {lat_p95 * 1000:.1f} ms"
    )
    print(
        f"stored {stored}; {KELURAHAN} {PERIOD.label}: IKM {result.score.ikm:.2f} from "
        f"{result.score.respondents} respondents"
        if result
        else "no summary"
    )
    print("unit_summary median ms (p95): before | during | after | after CHECKPOINT; ratios to before")
    for k in targets:
        b, d, a, c = (stats(x[k]) for x in (before, during, after, checkpointed))
        cells = " | ".join(f"{m * 1000:6.2f} ({p * 1000:5.1f})" for m, p in (b, d, a, c))
        print(
            f"  {k:<10} {cells}   during/before {d[0] / b[0]:.2f}×, after/before {a[0] / b[0]:.2f}×, "
            f"after CHECKPOINT/before {c[0] / b[0]:.2f}×  [{len(during[k])} timed during]"
        )


if __name__ == "__main__":
    main()
