"""Responden: who answered (profile groups with their pooled IKM), blanks per unsur, and the
respondents' saran, for the selected unit's whole subtree and period."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from skm import scoring
from skm.formatting import angka, persen, waktu_teks
from skm.labels import level_name
from skm.report.data import unit_label
from skm.scoring import Score
from skm.storage import SARAN_LIMIT
from skm.unsur import CODES, UNSUR
from ui import data
from ui.bars import bar_list
from ui.components import md, no_data, page_header
from ui.context import sidebar
from ui.tables import PAGE_ROWS, page_rows, static_table

DIMENSIONS = {
    "jenis_kelamin": "Jenis kelamin",
    "usia": "Usia",
    "pendidikan": "Pendidikan terakhir",
    "pekerjaan": "Pekerjaan",
}
USIA_ORDER = ("< 20 tahun", "20–29 tahun", "30–39 tahun", "40–49 tahun", "50–59 tahun", "≥ 60 tahun", "Tidak diisi")


def _units_by_source(score: Score) -> tuple[list[str], list[str]]:
    """Names of the units under `score` whose layanan come from raw responses / from a tabel NRR."""
    raw: list[str] = []
    table: list[str] = []

    def walk(s: Score) -> None:
        if s.method == scoring.METHOD_WILAYAH:
            for p in s.parts:
                walk(p)
            return
        sources = {p.source for p in s.parts} if s.method == scoring.METHOD_LAYANAN else {s.source}
        if scoring.SOURCE_RESPONDEN in sources:
            raw.append(s.name)
        if scoring.SOURCE_AGREGAT in sources:
            table.append(s.name)

    walk(score)
    return raw, table


def _group_ikm(stats: scoring.LayananStats) -> float | None:
    # A tiny group can have no answer at all to some unsur; it then has no IKM.
    try:
        return scoring.score_layanan(stats).ikm
    except ValueError:
        return None


sel = sidebar()
if sel is None:
    st.stop()
page_header("Responden", sel)
result = data.summary(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
if result is None:
    no_data(sel)
    st.stop()

s = result.score
ids = data.subtree_ids(sel.unit, sel.version)
raw_layanan = [p for p in result.layanan_scores() if p.source == scoring.SOURCE_RESPONDEN]
raw_units, table_units = _units_by_source(s)
# The units with own data are kelurahan: named with their level, so "Kel. Makasar" is not the kecamatan.
leaf_names = {u.name: level_name(u) for u in sel.units if u.level == "kelurahan"}
raw_units, table_units = [leaf_names.get(n, n) for n in raw_units], [leaf_names.get(n, n) for n in table_units]

if not raw_layanan:
    # ---- only aggregated NRR tables: say what is missing, show what the table has
    st.warning(
        f"Data {sel.period.label} untuk {md(unit_label(sel.unit).strip())} berupa **tabel NRR** (nilai rata-rata "
        "per unsur untuk tiap layanan), bukan jawaban per responden. Karena itu **profil responden** (jenis "
        "kelamin, usia, pendidikan, pekerjaan), **jawaban kosong per unsur** dan **saran** tidak tersedia "
        "untuk periode ini. Yang tersedia dari tabel ditampilkan di bawah.",
        icon=":material/table_chart:",
    )
    leaves = result.layanan_scores()
    c1, c2, c3 = st.columns(3)
    c1.metric("Jenis layanan dalam tabel", angka(len(leaves), 0), border=True)
    c2.metric("IKM", angka(s.ikm), border=True)
    c3.metric(
        "Responden",
        angka(s.respondents, 0) if s.respondents is not None else "–",
        help="Tabel NRR ini tidak mencantumkan jumlah responden."
        if s.respondents is None
        else "Jumlah responden seperti tercantum pada tabel NRR.",
        border=True,
    )
    columns: dict[str, list[str]] = {"Jenis layanan": [p.name for p in leaves]}
    if any(p.respondents is not None for p in leaves):
        columns["Responden"] = [angka(p.respondents, 0) if p.respondents is not None else "–" for p in leaves]
    columns.update({c: [angka(p.nrr[c]) for p in leaves] for c in CODES})
    columns["IKM"] = [angka(p.ikm) for p in leaves]
    columns["Mutu"] = [p.mutu.letter for p in leaves]
    static_table(pd.DataFrame(columns), titles={c: UNSUR[c].name for c in CODES})
    st.caption(
        " · ".join(f"{c} {UNSUR[c].short}" for c in CODES)
        + ". NRR dan IKM seperti tercantum pada tabel. Untuk profil responden, unggah jawaban per responden "
        "(ekspor Google Forms/Jotform atau templat isian) pada halaman **Unggah Data**."
    )
    st.page_link("pages/ringkasan.py", label="Lihat Ringkasan periode ini", icon=":material/dashboard:")
    st.stop()

# ---- totals (respondent rows only; a tabel NRR has none)
respondents = sum(p.respondents or 0 for p in raw_layanan)
blank_respondents = sum(p.blank_respondents or 0 for p in raw_layanan)
answered = {c: sum((p.answered or {}).get(c, 0) for p in raw_layanan) for c in CODES}
if s.respondents is not None and s.answered is not None:  # no tabel NRR anywhere: the summary's own counts
    respondents, answered = s.respondents, s.answered
    blank_respondents = s.blank_respondents or 0

if table_units:
    st.info(
        f"Data {sel.period.label} untuk {', '.join(map(md, table_units))} berupa **tabel NRR** tanpa jawaban per "
        f"responden, sehingga tidak ikut dalam profil, jawaban kosong dan saran di halaman ini. Angka di bawah "
        f"hanya dari unit dengan data responden ({', '.join(map(md, raw_units))}).",
        icon=":material/table_chart:",
    )

c1, c2, c3 = st.columns(3)
c1.metric(
    "Responden",
    angka(respondents, 0),
    delta=f"+ {len(table_units)} unit dengan tabel NRR" if table_units else None,
    delta_color="off",
    delta_arrow="off",
    border=True,
)
c2.metric(
    "Ada jawaban kosong",
    f"{angka(blank_respondents, 0)} ({persen(blank_respondents / respondents if respondents else None, 1)})",
    help="Responden yang mengosongkan sedikitnya satu dari sembilan unsur.",
    border=True,
)
pooled = result.pooled
c3.metric(
    "IKM gabungan responden",
    angka(pooled.ikm) if pooled is not None else "–",
    help="Semua jawaban dihitung bersama, tiap responden berbobot sama. IKM resmi unit adalah rata-rata "
    "layanan/unit tanpa bobot (lihat Ringkasan)."
    + (" Tidak dihitung bila sebagian data berupa tabel NRR." if pooled is None else ""),
    border=True,
)

# ---- profile
st.subheader("Profil responden")
st.caption(
    "IKM tiap kelompok dihitung dari **gabungan responden**: semua jawaban responden dalam kelompok itu "
    "dihitung bersama, lintas layanan dan kelurahan. Angka ini untuk membandingkan kelompok, bukan IKM resmi "
    f"unit ({angka(s.ikm)}, rata-rata {'unit di bawahnya' if result.is_wilayah else 'layanan'} tanpa bobot)."
    + (f" IKM gabungan seluruh responden: {angka(pooled.ikm)}." if pooled is not None else "")
)
table_rows = []
for i, (dim, title) in enumerate(DIMENSIONS.items()):
    if i % 2 == 0:
        pair = st.columns(2, gap="large")
    groups = data.respondent_groups(ids, sel.period.tahun, sel.period.semester, dim, sel.version)
    if dim == "usia":
        groups = sorted(groups, key=lambda g: USIA_ORDER.index(g.name) if g.name in USIA_ORDER else len(USIA_ORDER))
    names = [g.name for g in groups]
    counts = [g.respondents or 0 for g in groups]
    ikms = [_group_ikm(g) for g in groups]
    total = sum(counts)
    with pair[i % 2]:
        bar_list(names, counts, ikms, title=title)
    for name, n, ikm in zip(names, counts, ikms, strict=True):
        table_rows.append(
            {
                "Profil": title,
                "Kelompok": name,
                "Responden": angka(n, 0),
                "Persen": persen(n / total if total else None, 1),
                "IKM gabungan": angka(ikm),
                "Mutu": scoring.mutu_ikm(ikm).letter if ikm is not None else "–",
            }
        )
st.caption(
    "Angka pada batang: jumlah responden · IKM gabungan kelompok. Warna batang = mutu IKM kelompok "
    "(hijau A Sangat Baik · biru B Baik · jingga C Kurang Baik · merah D Tidak Baik; abu-abu: ada unsur yang "
    "tidak dijawab seorang pun di kelompok itu, jadi IKM-nya tidak dihitung)."
)
with st.expander("Lihat angka profil sebagai tabel"):
    static_table(pd.DataFrame(table_rows))

# ---- blanks per unsur
st.subheader("Jawaban kosong per unsur")
blanks = [respondents - answered[c] for c in CODES]
left, right = st.columns([1.2, 1])
with left:
    bar_list(
        [f"{c} {UNSUR[c].short}" for c in CODES], blanks, [None] * len(CODES), title="Responden yang mengosongkan unsur"
    )
with right:
    static_table(
        pd.DataFrame(
            {
                "Unsur": [f"{c} {UNSUR[c].short}" for c in CODES],
                "Menjawab": [angka(answered[c], 0) for c in CODES],
                "Kosong": [angka(b, 0) for b in blanks],
                "Persen kosong": [persen(b / respondents if respondents else None, 1) for b in blanks],
            }
        )
    )
st.caption(
    "**Jawaban kosong tidak dihitung sebagai nol.** NRR suatu unsur = jumlah nilai ÷ jumlah responden yang "
    "menjawab unsur itu; responden yang mengosongkan unsur tidak masuk pembagi unsur tersebut."
)

# ---- saran
st.subheader("Saran responden")
search = st.text_input(
    "Cari dalam saran",
    key="responden_saran_cari",
    placeholder="misalnya: parkir, pengaduan, posyandu",
)
saran = data.saran(ids, sel.period.tahun, sel.period.semester, search.strip(), sel.version)
matching = f" memuat “{md(search.strip())}”" if search.strip() else ""
if len(saran) >= SARAN_LIMIT:  # the query stops at the limit: the total is not known, so not claimed
    found = (
        f"Ditampilkan **{angka(SARAN_LIMIT, 0)} saran pertama**{matching}; mungkin ada lebih banyak, "
        "persempit pencarian untuk melihatnya"
    )
else:
    found = f"**{angka(len(saran), 0)} saran**{matching}"
st.markdown(found + ".")
if saran:
    # A page at a time in a wrapping table: every saran readable in full at 1366 px.
    shown = saran[page_rows(len(saran), PAGE_ROWS, f"responden_saran_hal_{len(saran)}", "saran")]
    static_table(
        pd.DataFrame(
            [
                {"Unit": unit, "Layanan": layanan, "Waktu": waktu_teks(waktu), "Saran": text}
                for unit, layanan, waktu, text in shown
            ]
        )
    )
elif search.strip():
    st.info("Tidak ada saran yang memuat kata itu. Coba kata lain.", icon=":material/search_off:")
else:
    st.info("Belum ada responden yang menulis saran pada periode ini.", icon=":material/info:")
