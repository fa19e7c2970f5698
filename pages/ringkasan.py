"""Ringkasan: IKM headline, layanan × unsur heatmap, Tabel 1, priorities, sample, interval."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from skm import scoring
from skm.access import SETTINGS_EDIT
from skm.actions import periods
from skm.completeness import previous_final
from skm.errors import SkmError
from skm.formatting import angka, selisih
from skm.labels import level_name
from skm.tables import tabel1
from skm.unsur import CODES, UNSUR
from ui import auth, data
from ui import completeness as kelengkapan
from ui.approval import status_panel
from ui.bars import ikm_bars
from ui.components import md, no_data, page_header
from ui.context import sidebar
from ui.heat import UNSUR_COLUMNS, heat_table
from ui.tables import mutu_css, static_table

sel = sidebar()
if sel is None:
    st.stop()
page_header("Ringkasan", sel)
status_panel(sel)
result = data.summary(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
if result is None:
    no_data(sel)
    st.stop()

s = result.score
found = kelengkapan.of(sel.unit, sel.period, sel.version)
# Change is shown against the latest earlier semester that is final (complete or approved), as on
# Tren; none while this one is sementara: a partial semester is not a fall.
earlier = previous_final(data.completeness_periods(sel.unit.id, sel.version), sel.period)
prev = None if earlier is None else data.summary(sel.unit.id, earlier.tahun, earlier.semester, sel.version)
parts_label = "Unit" if result.is_wilayah else "Jenis Layanan"
# A wilayah's parts are units: named with their level ("Kec. Makasar" and "Kel. Makasar" differ).
shown = {u.name: level_name(u) for u in result.child_units}

# ---- headline
c1, c2, c3, c4 = st.columns([1.4, 1, 1, 1.3])
with c1:
    st.metric(
        kelengkapan.headline("IKM", found),
        angka(s.ikm),
        delta=None if prev is None else selisih(s.ikm, prev.score.ikm),
        delta_description=None if prev is None else f"dari {prev.period.label.replace('Semester', 'Sem.')}",
        help=kelengkapan.DELTA_HIDDEN if found.provisional else None,
        border=True,
    )
    kelengkapan.badge(found, "ringkasan_kelengkapan")
with c2:
    st.metric(
        kelengkapan.headline("Mutu pelayanan", found, "Mutu"),
        s.mutu.letter,
        delta=s.mutu.kinerja,
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
raw = result.raw_only  # mixed sources: respondents and interval over the units with raw answers
with c3:
    st.metric(
        "Responden",
        angka(s.respondents, 0) if s.respondents is not None else angka(raw.respondents, 0) if raw else "–",
        delta=f"+ {result.table_units} unit dengan tabel NRR" if raw and s.respondents is None else None,
        delta_color="off",
        delta_arrow="off",
        help="Tabel NRR agregat tidak memuat jumlah responden." if s.respondents is None else None,
        border=True,
    )
with c4:
    ci = s.ci95 or (raw.ci95 if raw else None)
    st.metric(
        "Selang kepercayaan 95%",
        f"{angka(ci[0])} – {angka(ci[1])}" if ci else "–",
        delta=f"IKM {angka(raw.ikm)} tanpa tabel NRR" if raw and s.ci95 is None and ci else None,
        delta_color="off",
        delta_arrow="off",
        help="Dihitung dari jawaban mentah responden (varians linear dari sembilan rata-rata unsur). "
        "Tidak tersedia untuk tabel NRR agregat"
        + ("; di sini selang dan IKM-nya atas unit dengan data responden saja." if raw else "."),
        border=True,
    )
method = {
    scoring.METHOD_LAYANAN: "rata-rata IKM layanan, tanpa bobot",
    scoring.METHOD_WILAYAH: "rata-rata IKM unit di bawahnya, tanpa bobot",
}.get(s.method, s.method)
notes = [f"Metode: {method}."]
if s.ikm_reported is not None and abs(s.ikm - s.ikm_derived) >= 0.005:
    notes.append(
        f"IKM Layanan diambil dari file (dihitung kantor dari data tak dibulatkan); dari NRR dua desimal "
        f"yang tampil, IKM = {angka(s.ikm_derived)} (selisih {angka(s.ikm - s.ikm_derived)})."
    )
if result.pooled is not None and result.is_wilayah:
    notes.append(f"Gabungan seluruh responden (tiap responden berbobot sama): {angka(result.pooled.ikm)}.")
if found.missing and not found.provisional and len(found.expected) > 1:
    notes.append(f"Periode disetujui dengan {found.count_text}; belum ada data: " + kelengkapan.names(found) + ".")
st.caption(" ".join(notes))

# ---- heatmap
rows = [shown.get(p.name, p.name) for p in s.parts] or [s.name]
matrix = [[p.nrr[c] for c in CODES] for p in (s.parts or (s,))]
heat_table(rows, UNSUR_COLUMNS, matrix, scale="nrr", title=f"Nilai unsur per {parts_label.lower()} (NRR, skala 1–4)")

left, right = st.columns([1.25, 1])
with left:
    ikm_bars(rows, [p.ikm for p in s.parts] or [s.ikm], title=f"IKM per {parts_label.lower()}")
with right:
    st.subheader("Prioritas perbaikan")
    prio = result.priorities
    tied = len(prio) > 3
    # One Markdown element (not one per line): fewer elements to draw when a unit is picked.
    lines = ["Tiga unsur dengan nilai terendah" + (" (ada nilai sama, semua ditampilkan)" if tied else "") + ":", ""]
    lines += [
        f"{rank}. **{code} {UNSUR[code].name}** — NRR {angka(s.nrr[code])} "
        f"(mutu {s.nrr_mutu[code].letter}; nilai lengkap {angka(s.nrr[code], 4)})"
        for rank, code in enumerate(prio, start=1)
    ]
    noun = "Unit" if result.is_wilayah else "Layanan"
    for low in result.lowest_parts:
        low_prio = scoring.priorities(low)
        lines += [
            "",
            f"{noun} terendah: **{md(shown.get(low.name, low.name))}** — IKM {angka(low.ikm)} ({low.mutu.letter}). "
            "Unsur terendahnya: " + ", ".join(f"{c} {UNSUR[c].short} {angka(low.nrr[c])}" for c in low_prio) + ".",
        ]
    st.markdown("\n".join(lines))

# ---- Tabel 1
st.subheader(f"Tabel 1. Ringkasan Hasil SKM {sel.period.label}")
table, letters = [], []
for row in tabel1(result):
    if row.kind == "mutu":
        assert row.mutu is not None
        table.append({parts_label: row.label, **row.mutu, "Rata-rata": "", "IKM": row.ikm_mutu or ""})
        letters.append({parts_label: None, **row.mutu, "Rata-rata": None, "IKM": row.ikm_mutu})
    else:
        table.append(
            {
                parts_label: shown.get(row.label, row.label),
                **{c: angka(row.nrr[c]) for c in CODES},
                "Rata-rata": angka(row.row_mean),
                "IKM": angka(row.ikm),
            }
        )
        letters.append(
            {
                parts_label: None,
                **{c: scoring.mutu_nrr(row.nrr[c]).letter for c in CODES},
                "Rata-rata": scoring.mutu_nrr(row.row_mean).letter,
                "IKM": None if row.ikm is None else scoring.mutu_ikm(row.ikm).letter,
            }
        )
static_table(pd.DataFrame(table), mutu_css(pd.DataFrame(letters)), {c: UNSUR[c].name for c in CODES})
st.caption(
    f"Rata-rata IKM {parts_label.lower()}: **{angka(s.ikm)} ({s.mutu.letter} atau {s.mutu.kinerja})**. "
    f"Interval: {scoring.mutu_bounds_text()}. " + " · ".join(f"{c} {UNSUR[c].short}" for c in CODES) + "."
)

# ---- sample adequacy
st.subheader("Kecukupan sampel")
if s.respondents is None:
    st.info("Tabel NRR agregat tidak memuat jumlah responden, jadi kecukupan sampel tidak dapat dinilai.")
else:
    store = data.get_store()
    current = data.population(sel.unit.id, sel.period)
    col_a, col_b = st.columns([1, 2])
    with col_a:
        populasi = st.number_input(
            "Jumlah penerima layanan dalam periode ini (populasi)",
            min_value=0,
            step=1,
            value=current or 0,
            key=f"ringkasan_pop_{sel.unit.id}_{sel.period.code}",
            help="Isi dari buku register layanan. Dipakai untuk target sampel Krejcie–Morgan.",
            disabled=not sel.access.can(SETTINGS_EDIT, sel.unit.id),
        )
        if populasi and populasi != (current or 0) and sel.access.can(SETTINGS_EDIT, sel.unit.id):
            try:
                periods.set_population(store, auth.session(), sel.unit.id, sel.period, int(populasi))
            except SkmError as exc:
                st.error(md(exc), icon=":material/error:")
            else:
                st.rerun()
    with col_b:
        if populasi:
            target = scoring.krejcie_morgan(int(populasi))
            ok = s.respondents >= target
            text = (
                f"{angka(s.respondents, 0)} responden dari target minimal **{angka(target, 0)}** "
                f"(Krejcie–Morgan untuk populasi {angka(populasi, 0)})."
            )
            (st.success if ok else st.warning)(("Sampel cukup: " if ok else "Sampel belum cukup: ") + text)
        else:
            st.info(
                f"{angka(s.respondents, 0)} responden. Untuk populasi besar (≥ 1.000.000) target minimal "
                f"adalah {angka(scoring.krejcie_morgan(1_000_000), 0)} responden; isi populasi untuk target "
                "yang tepat."
            )
    if s.parts and not result.is_wilayah:
        static_table(
            pd.DataFrame(
                {
                    "Layanan": [p.name for p in s.parts],
                    "Responden": [angka(p.respondents, 0) if p.respondents is not None else "–" for p in s.parts],
                    "Ada jawaban kosong": [
                        angka(p.blank_respondents, 0) if p.blank_respondents is not None else "–" for p in s.parts
                    ],
                    "IKM": [angka(p.ikm) for p in s.parts],
                    "Selang 95%": [f"{angka(p.ci95[0])} – {angka(p.ci95[1])}" if p.ci95 else "–" for p in s.parts],
                }
            )
        )
