"""The public results page's infografis, cached per approved period: the key is the unit, the
period, the moment it was approved and how many answers wait for review, never the data version,
so answers to an open period (which move the data version) do not rebuild a published page."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from skm.infografis import infografis_data, infografis_pdf, infografis_png
from skm.publik import published_key
from skm.units import Period
from ui.data import get_store

BUILDS: Counter[tuple[int, str]] = Counter()  # infografis built per (unit, period): tests count rebuilds


@st.cache_data(max_entries=64, show_spinner="Menyiapkan infografis…")
def _files(unit_id: int, period_code: str, approved_at: str, held: int) -> tuple[bytes, bytes] | None:
    BUILDS[(unit_id, period_code)] += 1
    store = get_store()
    data = infografis_data(store, store.unit(unit_id), Period.parse(period_code))
    if data is None:
        return None
    pdf = infografis_pdf(data)
    return pdf, infografis_png(pdf)


def infografis_files(unit_id: int, period: Period) -> tuple[bytes, bytes] | None:
    """(PDF, PNG) of the unit's published infografis for an approved period."""
    return _files(unit_id, period.code, *published_key(get_store(), unit_id, period))
