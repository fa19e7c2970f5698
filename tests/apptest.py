"""Driving the app with Streamlit's AppTest: open a page with a unit and period chosen.

The sidebar keeps its choice in the session-state keys `unit_id` and `period_code` (see
ui.context), which is also what a test sets."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(page: str, unit_id: int | None = None, period: str | None = None, timeout: int = 120) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    choose(at, unit_id, period)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose(at: AppTest, unit_id: int | None = None, period: str | None = None) -> None:
    """Set the sidebar's unit and/or period as a user would, for the next run."""
    if unit_id is not None:
        at.session_state["unit_id"] = unit_id
    if period is not None:
        at.session_state["period_code"] = period
