"""Small render helpers shared by pages, so every page says things the same way."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from skm import demo
from skm.demo import SOURCE_SEED, SOURCE_SYNTHETIC
from skm.rtl import Photo
from skm.scoring import Mutu
from skm.storage import SOURCE_KUESIONER
from skm.tinjauan import held_note
from ui import data
from ui.context import Selection
from ui.markdown import md as md

MUTU_BADGE = {"A": "green", "B": "blue", "C": "orange", "D": "red"}
# Plotly's toolbar in Indonesian: Streamlit's plotly.js bundle registers no locale but "en", so the
# "id" dictionary goes with every chart (plotly.js config.locales); only download, zoom and reset stay.
PLOTLY_LOCALE = {
    "Download plot as a PNG": "Unduh grafik (PNG)",
    "Download plot": "Unduh grafik",
    "Zoom": "Perbesar bidang",
    "Pan": "Geser",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "Autoscale": "Skala otomatis",
    "Reset axes": "Kembalikan sumbu",
    "Reset view": "Kembalikan tampilan",
    "Box Select": "Pilih kotak",
    "Lasso Select": "Pilih laso",
    "Toggle Spike Lines": "Garis bantu",
    "Show closest data on hover": "Data terdekat",
    "Compare data on hover": "Bandingkan data",
    "Double-click to zoom back out": "Klik dua kali untuk kembali",
    "Click to enter Colorscale title": "Klik untuk judul skala warna",
    "Click to enter Plot title": "Klik untuk judul grafik",
    "Taking snapshot - this may take a few seconds": "Membuat gambar, tunggu sebentar",
}
PLOTLY_CONFIG = {
    "displaylogo": False,
    "locale": "id",
    "locales": {"id": {"dictionary": PLOTLY_LOCALE}},
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d"],
    "toImageButtonOptions": {"filename": "grafik-skm", "scale": 2},
}


def page_header(title: str, sel: Selection) -> None:
    st.title(title)
    st.caption(f"{' › '.join(md(p) for p in sel.path_labels())} · {sel.period.label}")
    if sel.unit.is_demo:
        demo_notice(sel)
    held_notice(sel)


def held_notice(sel: Selection) -> None:
    """How many online answers of the selected unit (and below) wait for review: no figure counts them."""
    ids = data.subtree_ids(sel.unit, sel.version)
    note = held_note(data.held_count(ids, sel.period.tahun, sel.period.semester, sel.version))
    if note:
        st.warning(f"{note} Tinjau di **Unggah Data › Kuesioner daring**.", icon=":material/pending_actions:")


def demo_notice(sel: Selection) -> None:
    """DATA DEMO on a demo unit, worded from the sources of the period's counted data (an operator's
    own upload into a demo unit is not demo data). Names no unit: an account sees this on its own
    unit and must not learn others' names."""
    sources = data.counted_sources(
        data.subtree_ids(sel.unit, sel.version), sel.period.tahun, sel.period.semester, sel.version
    )
    st.info(demo.demo_notice(sources, sel.period.label), icon=":material/science:")


def mutu_badge(mutu: Mutu) -> None:
    st.badge(f"Mutu {mutu.letter} — {mutu.kinerja}", color=MUTU_BADGE[mutu.letter])  # type: ignore[arg-type]


def no_data(sel: Selection) -> None:
    st.info(
        f"Belum ada data {sel.period.label} untuk {md(sel.unit.name)}. Pilih periode lain di samping, "
        "atau unggah data pada halaman **Unggah Data**.",
        icon=":material/info:",
    )


def source_label(source: str) -> str:
    labels = {
        SOURCE_SEED: "demo (laporan asli)",
        SOURCE_SYNTHETIC: "demo (sintetis)",
        SOURCE_KUESIONER: "kuesioner daring",
    }
    return labels.get(source, source)


def photo_thumb(photo: Photo) -> None:
    """A documentation photo, small; a file that is gone or does not decode (damaged on disk, or
    stored before uploads were re-encoded) is a placeholder naming the file, never an error."""
    path = Path(photo.stored_path)
    try:
        stat = path.stat()
    except OSError:
        st.caption(f"{md(photo.file_name)}: file foto tidak ditemukan di server.")
        return
    thumb = data.photo_thumbnail(str(path), (stat.st_mtime_ns, stat.st_size))
    if thumb is not None:
        st.image(thumb, width=200, caption=md(photo.caption or photo.file_name))
        return
    with st.container(border=True, width=200):
        st.markdown(":material/broken_image: **Foto tidak dapat ditampilkan**")
        st.caption(f"{md(photo.file_name)}: berkasnya rusak atau bukan foto. Hapus, lalu unggah ulang.")
