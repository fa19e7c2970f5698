"""skm.process_exit: the command line leaves without tearing the interpreter down, but only once
everything the normal exit would still do is done (real child processes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_the_status_output_and_atexit_handlers_survive_the_fast_exit(tmp_path):
    done = run(
        """
        import atexit, sys
        from skm.process_exit import exit_now
        atexit.register(lambda: print("atexit ran"))
        print("out", end="")          # no newline: still in the buffer when exit_now is called
        print("err", file=sys.stderr, end="")
        exit_now(3)
        print("never")
        """,
        tmp_path,
    )
    assert done.returncode == 3
    assert done.stdout == "outatexit ran\n"
    assert done.stderr == "err"


def test_a_thread_still_working_is_waited_for(tmp_path):
    mark = tmp_path / "written"
    done = run(
        f"""
        import threading, time
        from pathlib import Path
        from skm.process_exit import exit_now
        def work():
            time.sleep(0.5)
            Path({str(mark)!r}).write_text("done")
        threading.Thread(target=work).start()
        exit_now(0)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert mark.read_text() == "done"


def test_a_thread_outlasting_the_wait_gets_the_normal_exit(tmp_path):
    """Past JOIN_WAIT the process leaves as Python always does: that exit waits for the thread too,
    and the status is kept."""
    mark = tmp_path / "written"
    done = run(
        f"""
        import threading, time
        from pathlib import Path
        import skm.process_exit as pe
        pe.JOIN_WAIT = 0.1
        def work():
            time.sleep(1.0)
            Path({str(mark)!r}).write_text("done")
        threading.Thread(target=work).start()
        pe.exit_now(4)
        """,
        tmp_path,
    )
    assert done.returncode == 4, done.stderr
    assert mark.read_text() == "done"


def test_a_daemon_thread_is_not_waited_for(tmp_path):
    done = run(
        """
        import threading
        from skm.process_exit import exit_now
        threading.Thread(target=threading.Event().wait, daemon=True).start()
        exit_now(0)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
