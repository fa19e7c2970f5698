"""The sidebar's unit and period pickers, shared by every page through session state."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from skm.units import Period, Unit
from ui import data


@dataclass(frozen=True)
class Selection:
    unit: Unit
    period: Period
    version: int


def _indent(unit: Unit) -> str:
    return "\u2003" * (len(unit.path) - 1) + unit.name


def sidebar() -> Selection | None:
    version = data.data_version()
    units = sorted(data.units(version), key=lambda u: [p.casefold() for p in u.path])
    if not units:
        st.sidebar.info("Belum ada unit. Unggah data pada halaman Unggah Data.")
        return None
    by_id = {u.id: u for u in units}
    st.session_state.setdefault("unit_id", _default_unit(units))
    if st.session_state["unit_id"] not in by_id:
        st.session_state["unit_id"] = units[0].id
    unit_id = st.sidebar.selectbox(
        "Unit", [u.id for u in units], format_func=lambda i: _indent(by_id[i]), key="unit_id"
    )
    unit = by_id[unit_id]
    subtree = tuple(u.id for u in units if u.path[: len(unit.path)] == unit.path)
    available = data.periods(subtree, version)
    options = sorted(set(available) | {available[-1].next()} if available else {Period(2024, 1)}, reverse=True)
    if st.session_state.get("period_code") not in [p.code for p in options]:
        st.session_state["period_code"] = (available[-1] if available else options[0]).code
    code = st.sidebar.selectbox(
        "Periode",
        [p.code for p in options],
        format_func=lambda c: Period.parse(c).label + ("" if Period.parse(c) in available else " (belum ada data)"),
        key="period_code",
    )
    if unit.is_demo:
        st.sidebar.warning("DATA DEMO — bukan data resmi.", icon=":material/science:")
    return Selection(unit, Period.parse(code), version)


def _default_unit(units: list[Unit]) -> int:
    return min(units, key=lambda u: (len(u.path), u.path)).id
