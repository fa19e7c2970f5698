"""Presentasi: meeting mode. One figure or table per slide, large type, next / previous."""

from __future__ import annotations

import html

import streamlit as st

from skm import charts, scoring
from skm.formatting import angka, persen, tanggal
from skm.tinjauan import held_note
from skm.unsur import CODES, UNSUR
from ui import data
from ui.components import PLOTLY_CONFIG, held_notice, md, no_data
from ui.context import selection

sel = selection()
found = data.summary(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
if found is None:
    st.title("Presentasi")
    held_notice(sel)
    no_data(sel)
    st.stop()
result = found

# Static styles only: no user text goes into this block.
st.html(
    """<style>
    .skm-slide-title {font-size: 2.6rem; font-weight: 700; line-height: 1.15; margin: 0 0 .2rem 0;}
    .skm-slide-sub {font-size: 1.35rem; color: #475569; margin-bottom: 1rem;}
    .skm-big {font-size: 7rem; font-weight: 800; line-height: 1; margin: 1.5rem 0 .5rem 0;}
    .skm-mutu {display: inline-block; font-size: 2rem; font-weight: 700; color: white;
               padding: .3rem 1.2rem; border-radius: .6rem;}
    .skm-line {font-size: 1.6rem; margin: .6rem 0;}
    .skm-demo {font-size: 1rem; color: #92400E; background: #FEF3C7; padding: .3rem .8rem;
               border-radius: .4rem; display: inline-block;}
    </style>"""
)

s = result.score
trend = data.trend(sel.unit.id, sel.version)
rtl = [] if result.is_wilayah else data.rtl_items(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
unit_name = html.escape(sel.unit.name)
period = html.escape(sel.period.label)
parts_noun = "unit" if result.is_wilayah else "jenis layanan"


def title(text: str, sub: str | None = None) -> None:
    st.html(
        f'<div class="skm-slide-title">{html.escape(text)}</div>'
        f'<div class="skm-slide-sub">{unit_name} · {period}'
        + (f" · {html.escape(sub)}" if sub else "")
        + ("" if not sel.unit.is_demo else ' · <span class="skm-demo">DATA DEMO</span>')
        + "</div>"
    )


def slide_headline() -> None:
    title("Indeks Kepuasan Masyarakat")
    color = charts.MUTU_COLORS[s.mutu.letter]
    resp = f"{angka(s.respondents, 0)} responden" if s.respondents is not None else "dari tabel NRR"
    st.html(
        f'<div class="skm-big">{angka(s.ikm)}</div>'
        f'<span class="skm-mutu" style="background:{color}">Mutu {s.mutu.letter} — {s.mutu.kinerja}</span>'
        f'<div class="skm-line">{html.escape(resp)} · {len(s.parts)} {parts_noun}</div>'
    )
    if note := held_note(result.held):
        st.html(f'<div class="skm-line"><span class="skm-demo">{html.escape(note)}</span></div>')
    prev = next((t for t in trend if t.period == sel.period.previous()), None)
    if prev is not None:
        change = s.ikm - prev.score.ikm
        arrow = "▲" if change >= 0 else "▼"
        st.html(
            f'<div class="skm-line">{arrow} {angka(abs(change))} dibanding '
            f"{html.escape(prev.period.label)} ({angka(prev.score.ikm)})</div>"
        )


def slide_heatmap() -> None:
    title(f"Nilai unsur per {parts_noun}", "NRR skala 1–4")
    rows = [p.name for p in s.parts]
    st.plotly_chart(
        charts.heatmap(
            rows,
            CODES,
            [[p.nrr[c] for c in CODES] for p in s.parts],
            scale="nrr",
            column_labels=charts.unsur_columns(),
            big=True,
        ),
        config=PLOTLY_CONFIG,
        width="stretch",
    )


def slide_layanan() -> None:
    title(f"IKM per {parts_noun}")
    st.plotly_chart(
        charts.ikm_bars([p.name for p in s.parts], [p.ikm for p in s.parts], big=True),
        config=PLOTLY_CONFIG,
        width="stretch",
    )


def slide_priorities() -> None:
    title("Prioritas perbaikan", "tiga unsur dengan nilai terendah")
    lines = "".join(
        f'<div class="skm-line">{i}. <b>{c} {html.escape(UNSUR[c].name)}</b> — {angka(s.nrr[c])}</div>'
        for i, c in enumerate(result.priorities, start=1)
    )
    low = result.lowest_parts
    if low:
        lp = low[0]
        lines += (
            f'<div class="skm-line" style="margin-top:2rem">{parts_noun.capitalize()} terendah: '
            f"<b>{html.escape(lp.name)}</b> — IKM {angka(lp.ikm)}<br>"
            + ", ".join(f"{c} {html.escape(UNSUR[c].short)} {angka(lp.nrr[c])}" for c in scoring.priorities(lp))
            + "</div>"
        )
    st.html(lines)


def slide_trend() -> None:
    title("Tren IKM", "per semester")
    st.plotly_chart(
        charts.trend(
            [t.period.label for t in trend],
            {sel.unit.name: [t.score.ikm for t in trend]},
            big=True,
            highlight=sel.unit.name,
        ),
        config=PLOTLY_CONFIG,
        width="stretch",
    )


def slide_rtl() -> None:
    done = sum(1 for r in rtl if r.done)
    title("Tindak lanjut (RTL)", f"{done} dari {len(rtl)} kegiatan terlaksana ({persen(done / len(rtl))})")
    for r in rtl:
        mark = "✅" if r.done else "⏳"
        when = tanggal(r.tanggal) if r.tanggal else "rencana TW " + ", ".join(r.triwulan)
        st.markdown(f"#### {mark} {md(r.program)}")
        st.caption(f"{r.unsur} {UNSUR[r.unsur].name} · {when} · penanggung jawab {md(r.penanggung_jawab or '–')}")


slides = [
    ("Ringkasan", slide_headline),
    ("Peta unsur", slide_heatmap),
    ("IKM", slide_layanan),
    ("Prioritas", slide_priorities),
]
if len(trend) > 1:
    slides.append(("Tren", slide_trend))
if rtl:
    slides.append(("RTL", slide_rtl))

key = f"presentasi_{sel.unit.id}_{sel.period.code}"
st.session_state.setdefault(key, 0)
index = min(st.session_state[key], len(slides) - 1)

nav_prev, nav_label, nav_next = st.columns([1, 4, 1], vertical_alignment="center")
nav_prev.button(
    "◀ Sebelumnya", disabled=index == 0, width="stretch", on_click=lambda: st.session_state.update({key: index - 1})
)
nav_next.button(
    "Berikutnya ▶",
    disabled=index == len(slides) - 1,
    width="stretch",
    type="primary",
    on_click=lambda: st.session_state.update({key: index + 1}),
)
nav_label.markdown(
    f"<div style='text-align:center;color:#475569'>Slide {index + 1} dari {len(slides)} · "
    f"{html.escape(slides[index][0])}</div>",
    unsafe_allow_html=True,
)
with st.container(border=True):
    slides[index][1]()
