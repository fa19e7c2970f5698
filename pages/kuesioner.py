"""Kuesioner: the public questionnaire of one unit (and maybe one layanan), reached through
/?isi=<token> without an account. It reads only what skm.kuesioner.public_form gives (the unit's
name and its layanan names) and can only add one response per press of "Kirim jawaban"."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from functools import partial

import streamlit as st

from skm import kuesioner
from skm.errors import SkmError
from skm.kuesioner import (
    ANSWERS,
    JENIS_KELAMIN,
    PEKERJAAN,
    PENDIDIKAN,
    QUESTIONS,
    SARAN_MAX,
    USIA_MAX,
    USIA_MIN,
    Entry,
    FormExpired,
    LinkInvalid,
)
from skm.proxies import trusted_proxies
from skm.unsur import CODES
from ui.components import md
from ui.data import get_store

log = logging.getLogger(__name__)
SORRY = "Maaf, terjadi gangguan sehingga permintaan Anda belum dapat diproses. Silakan coba lagi beberapa saat lagi."

# This page only: large touch targets and no wasted width on a 375 px phone.
st.html(
    """<style>
    [data-testid="stMainBlockContainer"] { padding: 1.25rem 0.9rem 4rem; max-width: 720px; }
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
    h1 { font-size: 1.9rem !important; }
    [data-testid="stRadioGroup"] { gap: 0.45rem; width: 100%; align-items: stretch; }
    [data-testid="stRadioGroup"] > div { width: 100%; display: flex; }
    [data-testid="stRadioOption"] {
        flex: 1 1 auto;
        min-height: 48px; width: 100%; margin: 0; padding: 0.55rem 0.8rem; box-sizing: border-box;
        border: 1px solid #CBD5E1; border-radius: 0.6rem; background: #FFFFFF; align-items: center;
    }
    [data-testid="stRadioOption"]:has(input:checked) { border-color: #0B5394; background: #E1ECF7; }
    [data-testid="stRadioOption"] p, [data-testid="stWidgetLabel"] p { font-size: 1.05rem; }
    [data-testid="stFormSubmitButton"] button, [data-testid="stButton"] button { min-height: 52px; }
    </style>"""
)

st.session_state.setdefault("kq_session", uuid.uuid4().hex)
st.session_state.setdefault("kq_rev", 0)
st.session_state.setdefault("kq_done", None)
st.session_state.setdefault("kq_form_token", None)  # one per drawn form; never sent to the browser


def answer_word(code: str, value: int) -> str:
    """The words of answer 1–4 of an unsur's question."""
    return ANSWERS[code][value - 1]


def _again() -> None:
    """'Isi lagi': a fresh, empty form (new widget keys) for the next response."""
    st.session_state["kq_done"] = None
    st.session_state["kq_rev"] += 1


st.title("Survei Kepuasan Masyarakat")
token = st.query_params.get(kuesioner.QUERY_KEY, "")
store = get_store()
try:
    form = kuesioner.public_form(store, token)
except LinkInvalid:
    st.error(
        "**Maaf, tautan tidak berlaku.** Pindai kembali kode QR di tempat layanan, atau mintalah tautan "
        "kuesioner yang benar kepada petugas.",
        icon=":material/link_off:",
    )
    st.stop()
except Exception:  # never an internal error in front of the public
    log.exception("questionnaire link could not be read")
    st.error(SORRY, icon=":material/error:")
    st.stop()

where = f"**{md(form.unit_name)}**"
if form.fixed_layanan:
    where += f" · Layanan **{md(form.fixed_layanan)}**"
st.markdown(where)

if st.session_state["kq_done"]:
    st.success(
        "**Terima kasih!** Jawaban Anda telah kami terima dan akan dipakai untuk memperbaiki pelayanan.",
        icon=":material/check_circle:",
    )
    st.caption("Untuk mengisi kuesioner bagi layanan lain atau responden lain, tekan **Isi lagi**.")
    st.button("Isi lagi", on_click=_again, icon=":material/replay:", width="stretch", key="kq_again")
    st.stop()

if not form.open_periods:
    st.info(
        "Maaf, kuesioner unit ini sedang tidak dibuka. Silakan tanyakan kepada petugas layanan.",
        icon=":material/event_busy:",
    )
    st.stop()
if not form.layanan:
    st.info(
        "Maaf, kuesioner unit ini belum siap diisi. Silakan tanyakan kepada petugas layanan.", icon=":material/info:"
    )
    st.stop()

st.caption(
    "Tanpa nama dan tanpa akun. Jawaban Anda hanya dipakai untuk menghitung Indeks Kepuasan Masyarakat "
    "dan memperbaiki pelayanan. Semua pertanyaan wajib dijawab, kecuali saran."
)
today = date.today()
rev = st.session_state["kq_rev"]
if st.session_state["kq_form_token"] is None:
    try:
        st.session_state["kq_form_token"] = kuesioner.issue_form(store, token)
    except Exception:
        log.exception("questionnaire form could not be drawn")
        st.error(SORRY, icon=":material/error:")
        st.stop()
with st.form(f"kq_form_{rev}", border=False, enter_to_submit=False):
    st.subheader("Data responden")
    jenis_kelamin = st.radio("Jenis kelamin", JENIS_KELAMIN, index=None, key=f"kq_jk_{rev}", width="stretch")
    usia = st.number_input(
        "Usia (tahun)",
        min_value=USIA_MIN,
        max_value=USIA_MAX,
        value=None,
        step=1,
        placeholder="misalnya 35",
        key=f"kq_usia_{rev}",
    )
    pendidikan = st.radio("Pendidikan terakhir", PENDIDIKAN, index=None, key=f"kq_pendidikan_{rev}", width="stretch")
    pekerjaan = st.radio("Pekerjaan", PEKERJAAN, index=None, key=f"kq_pekerjaan_{rev}", width="stretch")
    if form.fixed_layanan:
        layanan: str | None = form.fixed_layanan
    else:
        layanan = st.radio(
            "Jenis layanan yang Anda terima",
            form.layanan,
            format_func=md,  # radio options are Markdown: a layanan name must not become a link
            index=None,
            key=f"kq_layanan_{rev}",
            width="stretch",
        )
    tanggal = st.date_input(
        "Tanggal menerima layanan",
        value=today,
        min_value=kuesioner.EARLIEST,
        max_value=today,
        format="DD/MM/YYYY",
        key=f"kq_tanggal_{rev}",
    )
    st.subheader("Pendapat Anda tentang pelayanan")
    answers: dict[str, int | None] = {}
    for number, code in enumerate(CODES, start=1):
        answers[code] = st.radio(
            f"{number}. {QUESTIONS[code]}",
            [1, 2, 3, 4],
            format_func=partial(answer_word, code),
            index=None,
            key=f"kq_{code}_{rev}",
            width="stretch",
        )
    saran = st.text_area("Saran dan masukan (boleh dikosongkan)", max_chars=SARAN_MAX, key=f"kq_saran_{rev}")
    sent = st.form_submit_button("Kirim jawaban", type="primary", icon=":material/send:", width="stretch")

if sent:
    entry = Entry(
        jenis_kelamin=jenis_kelamin,
        usia=int(usia) if usia is not None else None,
        pendidikan=pendidikan,
        pekerjaan=pekerjaan,
        layanan=layanan,
        tanggal_layanan=tanggal if isinstance(tanggal, date) else None,
        answers=answers,
        saran=saran or "",
    )
    client = kuesioner.client_key(
        st.context.headers.get("X-Forwarded-For"), st.context.ip_address, trusted=trusted_proxies()
    )
    try:
        kuesioner.validate(form, entry, today)  # complete first: a half-filled form costs no slot
        with kuesioner.LIMITER.slot(client, st.session_state["kq_session"]):
            kuesioner.submit(store, token, entry, form_token=st.session_state["kq_form_token"], client=client)
    except FormExpired as exc:  # replayed, or drawn too long ago: a new form token for the answers on screen
        st.session_state["kq_form_token"] = kuesioner.issue_form(store, token)
        st.error(md(exc), icon=":material/error:")
    except SkmError as exc:
        st.error(md(exc), icon=":material/error:")
    except Exception:
        log.exception("questionnaire answer could not be stored")
        st.error(SORRY, icon=":material/error:")
    else:
        st.session_state["kq_done"] = True
        st.session_state["kq_form_token"] = None  # used: "Isi lagi" draws a form with a new one
        st.rerun()
