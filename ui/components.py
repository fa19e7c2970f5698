"""Small render helpers shared by pages, so every page says things the same way."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from skm.charts import MUTU_COLORS, MUTU_LIGHT
from skm.demo import SOURCE_SEED, SOURCE_SYNTHETIC
from skm.scoring import Mutu
from skm.units import Unit
from ui.context import Selection

MUTU_BADGE = {"A": "green", "B": "blue", "C": "orange", "D": "red"}
PLOTLY_CONFIG = {"displaylogo": False, "locale": "id", "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def page_header(title: str, sel: Selection) -> None:
    st.title(title)
    st.caption(f"{' › '.join(sel.unit.path)} · {sel.period.label}")
    if sel.unit.is_demo:
        demo_notice()


def demo_notice() -> None:
    st.info(
        "**DATA DEMO.** Kelurahan Halim Perdanakusuma Semester I 2024 memuat Tabel 1 laporan asli; "
        "data lain di Kecamatan Makasar adalah **data sintetis** untuk peragaan, bukan hasil survei.",
        icon=":material/science:",
    )


def mutu_badge(mutu: Mutu) -> None:
    st.badge(f"Mutu {mutu.letter} — {mutu.kinerja}", color=MUTU_BADGE[mutu.letter])  # type: ignore[arg-type]


def no_data(sel: Selection) -> None:
    st.info(
        f"Belum ada data {sel.period.label} untuk {sel.unit.name}. Pilih periode lain di samping, "
        "atau unggah data pada halaman **Unggah Data**.",
        icon=":material/info:",
    )


def source_label(source: str) -> str:
    return {SOURCE_SEED: "demo (laporan asli)", SOURCE_SYNTHETIC: "demo (sintetis)"}.get(source, source)


def unit_label(unit: Unit) -> str:
    return {"kota": "Kota", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}.get(unit.level, "") + f" {unit.name}"


def mutu_style(frame: pd.DataFrame, letters: pd.DataFrame) -> Styler:
    """Tint each cell with the colour of its mutu (the same colours as every chart).
    `letters` has the frame's shape, holding "A".."D" or None per cell."""

    def css(letter: object) -> str:
        if letter not in MUTU_LIGHT:
            return ""
        return f"background-color: {MUTU_LIGHT[str(letter)]}; color: {MUTU_COLORS[str(letter)]}; font-weight: 600"

    styles = letters.map(css)
    styles.columns = frame.columns
    return frame.style.apply(lambda _: styles, axis=None)
