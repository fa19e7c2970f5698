"""Where a click's server time goes, inside a real `streamlit run` (issue 15):

    SKM_PROFILE_DIR=build/prof PYTHONPATH=bench/profile .venv/bin/streamlit run app.py
    SKM_PROFILE_DIR=build/prof:prof …   # also a cProfile file per script run

`runs.log` in that folder gets one line per script run (its number, the page, milliseconds), one per
ScriptRunner run as a whole (the script plus Streamlit's work after it), one per full garbage
collection of any kind ("auto-gc2": its time, the objects it had to scan, how many are frozen) and
one per collection Streamlit forces after a run ("gc", when `runner.postScriptGC` is on). Read a .prof file with
`python -m pstats`. Python imports this module at start when its folder is on PYTHONPATH; without
SKM_PROFILE_DIR it does nothing.
"""

from __future__ import annotations

import cProfile
import gc
import os
import time
from pathlib import Path
from typing import Any

SPEC = os.environ.get("SKM_PROFILE_DIR", "")


def _install(out: Path, with_cprofile: bool) -> None:
    from streamlit.runtime.scriptrunner import script_runner

    out.mkdir(parents=True, exist_ok=True)
    log = out / "runs.log"
    runs = [0]

    def write(line: str) -> None:
        with open(log, "a", encoding="utf-8") as f:
            f.write(line + "\n")

    exec_script = script_runner.exec_func_with_error_handling

    def timed_exec(func: Any, ctx: Any) -> Any:
        profile = cProfile.Profile() if with_cprofile else None
        started = time.perf_counter()
        if profile:
            profile.enable()
        try:
            return exec_script(func, ctx)
        finally:
            if profile:
                profile.disable()
            ms = (time.perf_counter() - started) * 1000
            runs[0] += 1
            page = ctx.pages_manager.get_pages().get(ctx.page_script_hash, {})
            name = str(page.get("url_pathname") or page.get("page_name") or "?")
            write(f"{runs[0]}\t{name}\t{ms:.1f}")
            if profile:
                profile.dump_stats(str(out / f"{runs[0]:04d}-{name.replace('/', '_') or 'app'}.prof"))

    script_runner.exec_func_with_error_handling = timed_exec

    run_script = script_runner.ScriptRunner._run_script

    def timed_run(self: Any, rerun_data: Any) -> Any:
        started = time.perf_counter()
        try:
            return run_script(self, rerun_data)
        finally:
            write(f"run_script\t{(time.perf_counter() - started) * 1000:.1f}")

    script_runner.ScriptRunner._run_script = timed_run  # type: ignore[method-assign]

    collect = gc.collect

    def timed_collect(generation: int = 2) -> int:
        started = time.perf_counter()
        try:
            return collect(generation)
        finally:
            write(f"gc\t{generation}\t{(time.perf_counter() - started) * 1000:.1f}")

    script_runner.gc.collect = timed_collect  # type: ignore[assignment]
    full: list[float] = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            full[0] = time.perf_counter()
            return
        ms = (time.perf_counter() - full[0]) * 1000
        write(f"auto-gc2\t{ms:.1f}\ttracked={len(gc.get_objects())}\tfrozen={gc.get_freeze_count()}")

    gc.callbacks.append(on_gc)


if SPEC:
    folder, _, mode = SPEC.partition(":")
    _install(Path(folder), mode == "prof")
