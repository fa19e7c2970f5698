"""Presentasi: meeting mode. One figure or table per slide sized to the screen, large type,
next / previous with the buttons, ← → PageUp PageDown and space; full screen with ?mode=presentasi.
At kecamatan/kota also the ranking, completeness, RTL progress per kelurahan and the lowest unsur."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from skm import charts, scoring, slides
from skm.completeness import previous_final
from skm.formatting import angka, persen, tanggal
from skm.labels import level_name
from skm.tinjauan import held_note
from skm.unsur import CODES, UNSUR
from ui import completeness as kelengkapan
from ui import data
from ui import presentasi as mode
from ui.components import held_notice, md, no_data
from ui.context import selection

sel = selection()
full = mode.full_screen()
size = slides.SlideSize.fit(*mode.screen(), full_screen=full)
mode.style(size, full)
if full:
    st.button("Keluar presentasi", key="skm_exit", on_click=mode.set_full_screen, args=(False,))
else:
    st.toggle("Layar penuh (mode presentasi)", key="skm_full", on_change=mode.set_full_screen, args=(True,))
    st.caption(
        f"Tautan layar penuh: `/presentasi?mode=presentasi&unit={sel.unit.id}&periode={sel.period.code}` · "
        "tombol → ← (juga PageDown, PageUp, spasi dari clicker) untuk berpindah slide"
    )

summary = data.summary(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
if summary is None:
    st.title("Presentasi")
    held_notice(sel)
    no_data(sel)
    st.stop()
result = summary
s = result.score
trend = data.trend(sel.unit.id, sel.version)
rtl = [] if result.is_wilayah else data.rtl_items(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
unit_name = html.escape(level_name(sel.unit))
# A wilayah's parts are units: named with their level ("Kec. Makasar" and "Kel. Makasar" differ).
shown = {u.name: level_name(u) for u in result.child_units}
found_by_period = data.completeness_periods(sel.unit.id, sel.version)
found = kelengkapan.of(sel.unit, sel.period, sel.version)
period = html.escape(sel.period.label)
parts_noun = "unit" if result.is_wilayah else "jenis layanan"
CONFIG = {"displayModeBar": False, "locale": "id"}


def title(text: str, sub: str | None = None) -> None:
    st.html(
        f'<div class="skm-slide-title">{html.escape(text)}</div>'
        f'<div class="skm-slide-sub">{unit_name} · {period}'
        + (f" · {html.escape(sub)}" if sub else "")
        + ("" if not sel.unit.is_demo else ' · <span class="skm-demo">DATA DEMO</span>')
        + "</div>"
    )


def chart(fig: go.Figure) -> None:
    st.plotly_chart(charts.slide_fit(fig, size.base, size.chart_height), config=CONFIG, width="stretch")


def slide_headline() -> None:
    title(kelengkapan.headline("Indeks Kepuasan Masyarakat", found))
    color = charts.MUTU_COLORS[s.mutu.letter]
    resp = f"{angka(s.respondents, 0)} responden" if s.respondents is not None else "dari tabel NRR"
    lines = (
        f'<div class="skm-big">{angka(s.ikm)}</div>'
        f'<span class="skm-mutu" style="background:{color}">Mutu {s.mutu.letter} — {s.mutu.kinerja}</span>'
        f'<div class="skm-line">{html.escape(resp)} · {len(s.parts)} {parts_noun}</div>'
    )
    if found.missing and len(found.expected) > 1:
        # As on Ringkasan: sementara until every kelurahan has reported or the period is approved.
        state = kelengkapan.SEMENTARA if found.provisional else "periode disetujui"
        groups = "; ".join((f"{head}: " if head else "") + ", ".join(n) for head, n in found.missing_groups())
        lines += (
            f'<div class="skm-line"><span class="skm-demo">{html.escape(found.count_text)} · {state}</span> '
            f"belum ada data: {html.escape(groups)}</div>"
        )
    if note := held_note(result.held):
        lines += f'<div class="skm-line"><span class="skm-demo">{html.escape(note)}</span></div>'
    earlier = previous_final(found_by_period, sel.period)
    prev = next((t for t in trend if t.period == earlier), None)
    if prev is not None:
        change = s.ikm - prev.score.ikm
        arrow = "▲" if change >= 0 else "▼"
        lines += (
            f'<div class="skm-line">{arrow} {angka(abs(change))} dibanding '
            f"{html.escape(prev.period.label)} ({angka(prev.score.ikm)})</div>"
        )
    st.html(lines)


def slide_heatmap() -> None:
    title(f"Nilai unsur per {parts_noun}", "NRR skala 1–4")
    rows = [shown.get(p.name, p.name) for p in s.parts]
    values = [[p.nrr[c] for c in CODES] for p in s.parts]
    chart(charts.heatmap(rows, CODES, values, scale="nrr", column_labels=charts.unsur_columns(), big=True))


def slide_layanan() -> None:
    title(f"IKM per {parts_noun}")
    chart(charts.ikm_bars([shown.get(p.name, p.name) for p in s.parts], [p.ikm for p in s.parts], big=True))


def slide_ranking() -> None:
    ranked = slides.ranking(result)
    missing = f"{found.count_text} · {kelengkapan.SEMENTARA}" if found.provisional else None
    title(f"Peringkat {parts_noun} menurut IKM", missing)
    names = [f"{r.rank}. {shown.get(r.name, r.name)}" for r in ranked]
    chart(charts.ikm_bars(names, [r.ikm for r in ranked], big=True))


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
            f'<div class="skm-line" style="margin-top:{size.base * 2}px">{parts_noun.capitalize()} terendah: '
            f"<b>{html.escape(shown.get(lp.name, lp.name))}</b> — IKM {angka(lp.ikm)}<br>"
            + ", ".join(f"{c} {html.escape(UNSUR[c].short)} {angka(lp.nrr[c])}" for c in scoring.priorities(lp))
            + "</div>"
        )
    st.html(lines)


def slide_trend() -> None:
    periods = [t.period for t in trend]
    partial = [p in found_by_period and found_by_period[p].provisional for p in periods]
    title("Tren IKM", "per semester" + (" · titik kosong dan garis putus-putus: sementara" if any(partial) else ""))
    name = level_name(sel.unit)
    series = {name: [t.score.ikm for t in trend]}
    fig = charts.trend([p.label for p in periods], series, big=True, highlight=name, partial={name: partial})
    if sel.period in periods:
        charts.mark_column(fig, periods.index(sel.period))
    chart(fig)


def slide_rtl(items: list, part: int, parts: int) -> Callable[[], None]:
    def draw() -> None:
        done = sum(1 for r in rtl if r.done)
        more = f" · bagian {part} dari {parts}" if parts > 1 else ""
        title("Tindak lanjut (RTL)", f"{done} dari {len(rtl)} kegiatan terlaksana ({persen(done / len(rtl))}){more}")
        for r in items:
            mark = "✔ " if r.done else "○ "  # symbols every font has (no emoji font on a kiosk)
            when = tanggal(r.tanggal) if r.tanggal else "rencana TW " + ", ".join(r.triwulan)
            st.markdown(f"#### {mark} {md(r.program)}")
            st.markdown(f"{r.unsur} {UNSUR[r.unsur].name} · {when} · penanggung jawab {md(r.penanggung_jawab or '–')}")

    return draw


def slide_completeness() -> None:
    rows = mode.completeness_rows(sel, result)
    leaves = sum(r.leaves for r in rows)
    reported = sum(r.with_data for r in rows)
    approved = sum(r.approved for r in rows)
    title("Kelengkapan data", f"{reported} dari {leaves} kelurahan ada data · {approved} disetujui")
    per_kelurahan = all(r.status is not None for r in rows)
    head = "<tr><th>Unit</th><th>Data</th><th>Status persetujuan</th></tr>"
    body = ""
    for r in rows:
        if per_kelurahan:
            has = '<span class="skm-ok">✔ ada data</span>' if r.with_data else '<span class="skm-no">✘ belum ada</span>'
            status = html.escape(r.status or "")
        else:
            cls = "skm-ok" if r.with_data == r.leaves else "skm-no"
            absent = f" (belum: {html.escape(', '.join(r.missing))})" if r.missing else ""
            has = f'<span class="{cls}">{r.with_data} dari {r.leaves} kelurahan</span>{absent}'
            status = f"{r.approved} dari {r.leaves} disetujui"
        body += f"<tr><td>{html.escape(r.name)}</td><td>{has}</td><td>{status}</td></tr>"
    st.html(f'<table class="skm-table">{head}{body}</table>')


def slide_rtl_progress() -> None:
    rows = slides.rtl_rows(mode.rtl_progress(sel, date.today()))
    planned = sum(r.progress.planned for r in rows)
    realised = sum(r.progress.realised for r in rows)
    with_plan = sum(1 for r in rows if r.progress.planned)
    title(
        "Realisasi RTL per kelurahan",
        f"{with_plan} dari {len(rows)} kelurahan punya RTL · {realised} dari {planned} kegiatan terlaksana",
    )
    chart(
        charts.slide_rtl(
            [r.name for r in rows],
            [r.progress.percent for r in rows],
            [r.progress.band for r in rows],
            [r.label for r in rows],
        )
    )


def slide_unsur_spread() -> None:
    spread = slides.unsur_spread(result, mode.path_label(sel))
    low = spread[0]
    title(
        "Unsur terendah antar-kelurahan",
        f"terendah: {low.code} {UNSUR[low.code].name} di {', '.join(low.lowest_units)}",
    )
    chart(
        charts.slide_unsur_spread(
            [x.code for x in spread], [x.values for x in spread], [x.lowest_units for x in spread], size.base
        )
    )


slide_list: list[tuple[str, Callable[[], None]]] = [("Ringkasan", slide_headline)]
if result.is_wilayah:
    slide_list += [("Kelengkapan", slide_completeness), ("Peringkat", slide_ranking)]
else:
    slide_list += [("IKM", slide_layanan)]
slide_list += [("Peta unsur", slide_heatmap), ("Prioritas", slide_priorities)]
if result.is_wilayah:
    slide_list += [("Unsur terendah", slide_unsur_spread), ("Realisasi RTL", slide_rtl_progress)]
if len(trend) > 1:
    slide_list.append(("Tren", slide_trend))
if rtl:
    pages = slides.chunks(rtl, 4)
    slide_list += [("RTL", slide_rtl(chunk, i, len(pages))) for i, chunk in enumerate(pages, start=1)]

slide_box = st.container(key="skm_slide")
with st.container():
    index = mode.navigation(f"presentasi_{sel.unit.id}_{sel.period.code}", len(slide_list), [n for n, _ in slide_list])
with slide_box:
    slide_list[index][1]()
