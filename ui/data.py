"""Cached access to the store. One Store (one DuckDB connection) per server process; every
read takes its own cursor inside `skm.storage`; query results are cached per data version,
so an import (which bumps the version) refreshes every page."""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from datetime import date

import streamlit as st

from skm.completeness import Completeness
from skm.completeness import by_period as completeness_by_period
from skm.completeness import completeness as unit_completeness
from skm.demo import ensure_demo
from skm.images import thumbnail
from skm.kuesioner import public_url_problem
from skm.pekppp import YearScore, score_year
from skm.proxies import trusted_proxies
from skm.rtl import RtlItem
from skm.scoring import LayananStats
from skm.storage import Store, default_db_path
from skm.storage.backup import start_scheduler
from skm.summary import UnitSummary, unit_summary
from skm.summary import trend as summary_trend
from skm.units import Period, Unit

log = logging.getLogger(__name__)


@st.cache_resource
def get_store() -> Store:
    store = Store(default_db_path())
    if store.recovery_note is None:  # a database emptied by recovery must not fill up with demo data
        ensure_demo(store)
    start_scheduler(store)  # a snapshot to data/backups/ when the data changed, a few kept
    _check_deployment()
    _freeze_startup()
    return store


def _freeze_startup() -> None:
    """Once per server process: what exists after the start (modules, the Store) lives as long as the
    process, so it is moved out of the garbage collector's way (gc.freeze); Python's full collections,
    which run every few clicks, then scan only what the script runs made since. (Streamlit's own full
    collection after every run is off: `runner.postScriptGC` in .streamlit/config.toml.)"""
    gc.collect()
    gc.freeze()


def _check_deployment() -> None:
    """At start (once per server process): settings a production server must have, in the log."""
    if problem := public_url_problem():
        log.warning(problem)
    trusted_proxies()  # a malformed SKM_TRUSTED_PROXIES stops the start with its message


def data_version() -> int:
    return get_store().data_version()


# The unit tree and summaries are frozen values shared by every session (cache_resource: no
# pickling on each rerun, which grew with a province's tree); keyed by the data version.
@st.cache_resource(max_entries=64, show_spinner=False)
def _units(version: int) -> tuple[Unit, ...]:
    return tuple(get_store().units())


def units(version: int) -> list[Unit]:
    return list(_units(version))


def subtree_ids(unit: Unit, version: int) -> tuple[int, ...]:
    return tuple(u.id for u in units(version) if u.path[: len(unit.path)] == unit.path)


@st.cache_resource(max_entries=512, show_spinner=False)
def summary(unit_id: int, tahun: int, semester: int, version: int) -> UnitSummary | None:
    store = get_store()
    return unit_summary(store, store.unit(unit_id), Period(tahun, semester))


@st.cache_data(max_entries=256, show_spinner=False)
def periods(unit_ids: tuple[int, ...], version: int) -> list[Period]:
    return get_store().periods_with_data(list(unit_ids))


@st.cache_resource(max_entries=512, show_spinner=False)
def completeness(unit_id: int, tahun: int, semester: int, version: int) -> Completeness:
    store = get_store()
    return unit_completeness(store, store.unit(unit_id), Period(tahun, semester))


@st.cache_resource(max_entries=128, show_spinner=False)
def completeness_periods(unit_id: int, version: int) -> dict[Period, Completeness]:
    """Per period with data under the unit: who has reported (the period picker, Tren)."""
    store = get_store()
    unit = store.unit(unit_id)
    return completeness_by_period(store, unit, periods(subtree_ids(unit, version), version))


@st.cache_data(max_entries=128, show_spinner=False)
def trend(unit_id: int, version: int) -> list[UnitSummary]:
    store = get_store()
    unit = store.unit(unit_id)
    return summary_trend(store, unit, periods(subtree_ids(unit, version), version))


@st.cache_data(max_entries=256, show_spinner=False)
def respondent_groups(
    unit_ids: tuple[int, ...], tahun: int, semester: int, dimension: str, version: int
) -> list[LayananStats]:
    return get_store().respondent_groups(list(unit_ids), Period(tahun, semester), dimension)


@st.cache_data(max_entries=256, show_spinner=False)
def saran(
    unit_ids: tuple[int, ...], tahun: int, semester: int, search: str, version: int
) -> list[tuple[str, str, str | None, str]]:
    return get_store().saran(list(unit_ids), Period(tahun, semester), search)


@st.cache_data(max_entries=256, show_spinner=False)
def rtl_items(unit_id: int, tahun: int, semester: int, version: int) -> list[RtlItem]:
    return get_store().rtl_items(unit_id, Period(tahun, semester))


@dataclass(frozen=True)
class LeafReport:
    """One unit's row of Laporan's kecamatan/kota table: its figures, RTL count and letter."""

    unit_id: int
    summary: UnitSummary | None
    rtl_done: int
    rtl_planned: int
    letter_ready: bool  # the letter has its number and signatory


@st.cache_resource(max_entries=128, show_spinner=False)
def leaf_reports(unit_ids: tuple[int, ...], tahun: int, semester: int, version: int) -> tuple[LeafReport, ...]:
    """Every unit's LeafReport at once: one cache lookup per run instead of three per unit (the demo kota's
    17 letters were 17 queries on every visit of Laporan, about 50 ms; issue 15)."""
    store = get_store()
    period = Period(tahun, semester)
    out = []
    for unit_id in unit_ids:
        items = store.rtl_items(unit_id, period)
        letter = store.report_settings(store.unit(unit_id), period)
        out.append(
            LeafReport(
                unit_id,
                summary(unit_id, tahun, semester, version),
                sum(1 for i in items if i.done),
                len(items),
                bool(letter.nomor and letter.penandatangan),
            )
        )
    return tuple(out)


def population(unit_id: int, period: Period) -> int | None:
    return get_store().population(unit_id, period)


@st.cache_data(max_entries=256, show_spinner=False)
def units_with_data(unit_ids: tuple[int, ...], tahun: int, semester: int, version: int) -> list[int]:
    return get_store().units_with_data(list(unit_ids), Period(tahun, semester))


@st.cache_data(max_entries=256, show_spinner=False)
def counted_sources(unit_ids: tuple[int, ...], tahun: int, semester: int, version: int) -> set[str]:
    """The sources (demo, kuesioner, an upload…) of the period's counted batches under the units: what
    the DATA DEMO notice says (every page's header, so cached rather than read on every run)."""
    ids = set(unit_ids)
    return {
        b.source
        for b in get_store().batches(period=Period(tahun, semester))
        if b.unit_id in ids and b.undone_at is None and b.active_layanan
    }


@st.cache_data(max_entries=256, show_spinner=False)
def held_count(unit_ids: tuple[int, ...], tahun: int, semester: int, version: int) -> int:
    return get_store().held_count(list(unit_ids), Period(tahun, semester))


@st.cache_data(max_entries=512, show_spinner=False)
def photo_thumbnail(path: str, stamp: tuple[int, int]) -> bytes | None:
    """A stored photo decoded and drawn again small (None: it does not decode); stamp is the file's
    (mtime, size), so a file replaced or damaged on disk is read again."""
    return thumbnail(path)


@st.cache_resource(max_entries=512, show_spinner=False)
def pekppp_year(unit_id: int, year: int, today: date, version: int) -> YearScore:
    """PEKPPP indicators 6–9 of a unit and year (frozen, shared; a new data version or day recomputes)."""
    store = get_store()
    return score_year(store, store.unit(unit_id), year, today)
