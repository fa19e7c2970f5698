"""Every change of state, and every download of a unit's documents, through one door.

    session = Session(token, fp)                      # what the browser session holds, not an Access
    actions.periods.approve(store, session, unit.id, period)
    actions.downloads.report_pdf(store, session, unit.id, period)   # bytes, built at click time

Each action re-checks the session against the database at that moment (`door.authorise`: the
account disabled, its password changed or its role moved a second ago ends it here, "Sesi Anda sudah
berakhir; silakan masuk lagi."), builds the Access from the live account, requires a permission
constant of `skm.access`, and calls one Store method (or one module shaped like `skm.approval`)
that validates, writes in one transaction and writes its audit row. Pages and `ui/` write through
nothing else (tests/test_one_door.py checks it).
"""

from skm.actions.door import SESSION_ENDED, Session, authorise, live_user

__all__ = ["SESSION_ENDED", "Session", "authorise", "live_user"]
