"""The sidebar's unit and period pickers, drawn by every page with `sidebar()`.

The choice lives in plain session-state keys, `unit_id` and `period_code`, that any page or
callback may set. `period_code` is set only by a choice (the picker, a link's `periode`, a page
such as an upload); without one the sidebar shows the unit's latest final period, which therefore
follows a change of unit, while a chosen period stays.

The widgets have keys of their own that are loaded from those on every run and copy back on
change: a widget drawn inside a page belongs to that page, and Streamlit forgets its
state when another page runs (Streamlit docs, "Widgets in multipage apps").
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from skm.access import Access
from skm.completeness import Completeness, default_period
from skm.errors import PeriodInvalid
from skm.labels import level_name
from skm.units import Period, Unit
from ui import auth, data

OUT_OF_SCOPE = "Unit pada tautan tidak tersedia untuk akun Anda; yang ditampilkan unit Anda."


@dataclass(frozen=True)
class Selection:
    unit: Unit
    period: Period
    version: int
    access: Access
    units: tuple[Unit, ...]  # every unit this account may see; pages list units from here only

    def path(self, unit: Unit | None = None) -> tuple[str, ...]:
        """A unit's path as this account may see it (from the top of its scope)."""
        return self.access.display_path(unit or self.unit)

    def path_labels(self, unit: Unit | None = None) -> tuple[str, ...]:
        """The same path with each unit's level: ('Kota Jakarta Timur', 'Kec. Makasar', 'Kel. Makasar')."""
        target = unit or self.unit
        shown = len(self.path(target))
        by_path = {u.path: u for u in self.units}
        chain = [by_path.get(target.path[:i]) for i in range(len(target.path) - shown + 1, len(target.path) + 1)]
        return tuple(level_name(u) if u is not None else name for u, name in zip(chain, self.path(target), strict=True))

    def name_below(self, unit: Unit) -> str:
        """A unit named by its path below the selected unit, each part with its level
        ('Kec. Makasar › Kel. Makasar' under a kota, 'Kel. Makasar' under its kecamatan)."""
        return " › ".join(self.path_labels(unit)[len(self.path_labels()) :])


def sidebar() -> Selection | None:
    """Draw the pickers and return the unit and period chosen (None when there are no units in scope)."""
    auth.ensure_router()
    access = auth.current_access()
    if access is None:  # the session ended between the router and here: back through the router
        st.switch_page("app.py")
        st.stop()
    selection = _draw(access)
    auth.sidebar_account(access)
    return selection


def selection() -> Selection:
    """`sidebar()` for a page that shows nothing without a unit in scope: stops the page there."""
    chosen = sidebar()
    if chosen is None:
        st.stop()
    return chosen


def _keep(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = st.session_state[widget_key]


def _draw(access: Access) -> Selection | None:
    version = data.data_version()
    units = sorted(access.visible(data.units(version)), key=lambda u: [p.casefold() for p in u.path])
    if not units:
        st.sidebar.info(
            "Belum ada unit. Unggah data pada halaman Unggah Data."
            if access.is_admin
            else "Akun Anda belum terikat pada unit yang ada. Hubungi admin."
        )
        return None
    by_id = {u.id: u for u in units}
    # A link can carry the selection (?unit=12&periode=2024-S1); the sidebar keeps it afterwards.
    # An id out of this account's scope and one that does not exist get the same answer.
    if "unit_id" not in st.session_state:
        params = st.session_state.pop("route_params", None) or st.query_params.to_dict()
        wanted = params.get("unit", "")
        ok = wanted.isdigit() and int(wanted) in by_id
        st.session_state["unit_id"] = int(wanted) if ok else _default_unit(units)
        if wanted and not ok:
            st.toast(OUT_OF_SCOPE, icon=":material/info:")
        if params.get("periode"):  # a link's period counts as the user's choice
            st.session_state["period_code"] = params["periode"]
    if st.session_state["unit_id"] not in by_id:
        st.session_state["unit_id"] = _default_unit(units)
    st.session_state["sidebar_unit"] = st.session_state["unit_id"]
    depth = len(access.root_path)
    unit_id = st.sidebar.selectbox(
        "Unit",
        [u.id for u in units],
        format_func=lambda i: "\u2003" * (len(by_id[i].path) - 1 - depth) + level_name(by_id[i]),
        key="sidebar_unit",
        on_change=_keep,
        args=("sidebar_unit", "unit_id"),
        placeholder="Pilih…",
    )
    unit = by_id[unit_id]
    subtree = data.subtree_ids(unit, version)
    available = data.periods(subtree, version)
    found = data.completeness_periods(unit.id, version)
    options = sorted(set(available) | {available[-1].next()} if available else {Period(2024, 1)}, reverse=True)
    # `period_code` holds a period someone chose; without one the unit's latest final period is
    # shown, so it follows a change of unit.
    chosen = st.session_state.get("period_code")
    if chosen is not None and chosen not in [p.code for p in options]:
        try:
            options = sorted({*options, Period.parse(chosen)}, reverse=True)
        except PeriodInvalid:  # a hand-typed link: the default instead
            chosen = st.session_state["period_code"] = None
    st.session_state["sidebar_period"] = chosen or (default_period(found) or options[0]).code
    code = st.sidebar.selectbox(
        "Periode",
        [p.code for p in options],
        format_func=lambda c: period_label(Period.parse(c), found),
        key="sidebar_period",
        on_change=_keep,
        args=("sidebar_period", "period_code"),
        placeholder="Pilih…",
    )
    st.query_params.update({"unit": str(unit.id), "periode": code})
    if unit.is_demo:
        st.sidebar.warning("DATA DEMO — bukan data resmi.", icon=":material/science:")
    return Selection(unit, Period.parse(code), version, access, tuple(units))


def period_label(period: Period, found: dict[Period, Completeness]) -> str:
    """'Sem. II 2026 (belum lengkap: 1/5)', 'Semester II 2026 (belum ada data)', or the plain name when
    final. 'Sem.' and '1/5' keep a partial one whole in the sidebar's select box at 1366 px."""
    known = found.get(period)
    note = known.picker_note if known is not None else "belum ada data"
    if known is not None and known.provisional:
        return f"{period.label.replace('Semester', 'Sem.')} ({note})"
    return period.label + (f" ({note})" if note else "")


def _default_unit(units: list[Unit]) -> int:
    return min(units, key=lambda u: (len(u.path), u.path)).id
