"""Ending the command-line process once its command is done, without tearing the interpreter down.

    exit_now(status)   # skm/__main__.py, after skm.cli.main() returned

Python's own exit frees every module one by one before the process ends: with DuckDB, pyarrow and
numpy loaded that took 0,05–0,08 s (measured on two cores: a process importing them and leaving
through os._exit against one leaving normally), a twentieth of a 100k-row XLSX import, spent after
its last row was safe (issue 17). By the time `main` returns the command's work is over: the Store
is closed (its checkpoint written, files closed), every result of the helper threads taken. So this
does what the normal exit does that matters, in its order, and lets the kernel free the memory:

1. waits for every other non-daemon thread, as the normal exit does (a pool's worker that was told
   to shut down ends on its own); one still alive after `JOIN_WAIT` seconds, such as a pool nobody
   shut down, means this falls back to the normal exit, which deals with it as always;
2. runs the atexit handlers (a coverage or peak-memory wrapper's, logging's);
3. flushes standard output and error: a pipe closed by the reader gives status 120, as Python's own
   exit does when that flush fails;
4. os._exit(status).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time

JOIN_WAIT = 5.0  # seconds for the other threads together; then the normal exit is taken


def exit_now(status: int) -> None:
    if not _others_done(JOIN_WAIT):
        sys.exit(status)
    atexit._run_exitfuncs()  # what the interpreter calls at a normal exit (private, there since Python 2)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, or a stream closed by the command
            status = status or 120
    os._exit(status)


def _others_done(wait: float) -> bool:
    """Whether every thread but this one that the normal exit would wait for has ended."""
    deadline = time.monotonic() + wait
    for thread in threading.enumerate():
        if thread is threading.current_thread() or thread.daemon:
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            return False
    return True
