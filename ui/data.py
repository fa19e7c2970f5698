"""Cached access to the store. One Store (one DuckDB connection) per server process; every
read takes its own cursor inside `skm.storage`; query results are cached per data version."""

from __future__ import annotations

import streamlit as st

from skm.demo import ensure_demo
from skm.storage import Store, default_db_path
from skm.summary import UnitSummary, unit_summary
from skm.units import Period, Unit


@st.cache_resource
def get_store() -> Store:
    store = Store(default_db_path())
    ensure_demo(store)
    return store


def data_version() -> int:
    return get_store().data_version()


@st.cache_data(max_entries=64, show_spinner=False)
def units(version: int) -> list[Unit]:
    return get_store().units()


@st.cache_data(max_entries=512, show_spinner=False)
def summary(unit_id: int, tahun: int, semester: int, version: int) -> UnitSummary | None:
    store = get_store()
    return unit_summary(store, store.unit(unit_id), Period(tahun, semester))


@st.cache_data(max_entries=256, show_spinner=False)
def periods(unit_ids: tuple[int, ...], version: int) -> list[Period]:
    return get_store().periods_with_data(list(unit_ids))
