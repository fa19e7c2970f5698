"""Chart figures kept per their inputs. plotly builds a figure through its validators: 15–60 ms a
chart on the 2-core machine (heatmap ≈ 20, IKM bars ≈ 32, trend ≈ 30 ms warm), the biggest part of
a dashboard page's own script time (issue 15). A page drawn again with the same numbers, which is
what clicking between pages does, reuses the figure instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import plotly.graph_objects as go
import streamlit as st

P = ParamSpec("P")


def chart(build: Callable[P, go.Figure], *args: P.args, **kwargs: P.kwargs) -> go.Figure:
    """`build(*args, **kwargs)`, built once per arguments and shared by every session (like the
    summaries in ui.data): nobody may change the figure afterwards, so any change (a marked column,
    the legend moved) belongs inside `build`."""
    code = getattr(build, "__code__", None)
    where = f"{getattr(code, 'co_filename', build.__module__)}:{build.__qualname__}"  # a page's function too
    return _built(build, where, args, tuple(sorted(kwargs.items())))


@st.cache_resource(max_entries=256, show_spinner=False)
def _built(_build: Callable[..., go.Figure], where: str, args: tuple, kwargs: tuple) -> go.Figure:
    # `_build` is not hashed (leading underscore): `where` names it.
    return _build(*args, **dict(kwargs))
