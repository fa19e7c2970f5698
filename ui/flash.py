"""A message for the next run, shown where the user acted (a callback or a form that reruns):

    flash("rtl_plan", "success", "Rencana disimpan.")     # in the callback
    show("rtl_plan")                                        # where the message belongs, next run

The text is Markdown as given: escape user-typed parts with ui.components.md before flashing.
`extra` keeps more for the one who shows it (the import's warnings; `icon`), returned by
`show`/`take`."""

from __future__ import annotations

from typing import Any

import streamlit as st

KINDS = ("success", "info", "warning", "error")


def flash(key: str, kind: str, text: str, **extra: object) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    st.session_state[f"flash_{key}"] = {"kind": kind, "text": text, **extra}


def take(key: str) -> dict[str, Any] | None:
    """The waiting message, removed (to draw it yourself)."""
    return st.session_state.pop(f"flash_{key}", None)


def show(key: str, icon: str | None = None) -> dict[str, Any] | None:
    """Draw the waiting message, if any, and return it."""
    msg = take(key)
    if msg is not None:
        draw = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[msg["kind"]]
        draw(msg["text"], icon=icon or msg.get("icon"))
    return msg
