"""Hasil SKM: the public results page of one unit, reached through /?hasil=<token> without an
account. It shows the unit's infografis for periods its pimpinan approved, and nothing else."""

from __future__ import annotations

import logging

import streamlit as st

from skm.errors import SkmError
from skm.formatting import slug
from skm.kuesioner import LinkInvalid
from skm.publik import published
from ui.components import md
from ui.data import get_store
from ui.publik import infografis_files

log = logging.getLogger(__name__)
SORRY = "Maaf, terjadi gangguan sehingga hasil belum dapat ditampilkan. Silakan coba lagi beberapa saat lagi."

st.html(
    """<style>
    [data-testid="stMainBlockContainer"] { padding: 1.25rem 0.9rem 4rem; max-width: 760px; }
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
    h1 { font-size: 1.8rem !important; }
    </style>"""
)


token = st.query_params.get("hasil", "")
try:
    unit, periods = published(get_store(), token)
except LinkInvalid:
    st.title("Hasil Survei Kepuasan Masyarakat")
    st.error("Maaf, tautan tidak berlaku. Periksa kembali tautan atau kode QR dari unit layanan.")
    st.stop()
except Exception:  # never an internal error on a public page
    log.exception("public results page failed")
    st.error(SORRY)
    st.stop()

st.title("Hasil Survei Kepuasan Masyarakat")
st.markdown(f"**{md(unit.name)}**")
if not periods:
    st.info("Belum ada hasil survei yang sudah disetujui untuk dipublikasikan oleh unit ini.")
    st.stop()

labels = {p.label: p for p in periods}
choice = st.selectbox("Periode", list(labels), index=0, key="hasil_periode", placeholder="Pilih…")
period = labels[choice]
try:
    made = infografis_files(unit.id, period)
except SkmError:
    made = None
except Exception:
    log.exception("public infografis failed")
    made = None
if made is None:
    st.error(SORRY)
    st.stop()
pdf, png = made
st.image(png, caption=f"Infografis SKM {md(unit.name)}, {period.label}", width="stretch")
name = f"infografis-skm-{slug(unit.name)}-{period.code}"
left, right = st.columns(2)
left.download_button("Unduh gambar (PNG)", png, f"{name}.png", "image/png", width="stretch")
right.download_button("Unduh PDF", pdf, f"{name}.pdf", "application/pdf", width="stretch")
st.caption(
    "Hanya periode yang sudah disetujui pimpinan yang ditampilkan. Sumber: hasil SKM unit ini (PermenPANRB 14/2017)."
)
