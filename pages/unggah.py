"""Unggah Data: bring a semester's survey file into the database. The operator sees where the
data will go, how every column and answer was read, can correct the column mapping, saves (or
replaces old data on purpose), and can undo any earlier import."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st

from skm.access import IMPORT
from skm.errors import PeriodInvalid
from skm.formatting import angka
from skm.ingest import KIND_RESPONSES, NO_LAYANAN, Survey, duplicate_rows
from skm.labels import leaf_path_name
from skm.report.data import unit_label
from skm.template import template_xlsx
from skm.units import Period, Unit, period_of, split_path, unusual_period
from ui import auth, data, upload
from ui import kuesioner as kuesioner_ui
from ui.approval import LOCKED_TEXT
from ui.components import md
from ui.context import Selection, sidebar
from ui.flash import take
from ui.tables import page_rows, static_table

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xls"]
LEVEL_PREFIX = re.compile(r"^(kelurahan|kel\.|kecamatan|kec\.)\s*", re.IGNORECASE)

sel = sidebar()
version = sel.version if sel is not None else data.data_version()
live = sel.access if sel is not None else auth.current_access()
if live is None or not live.can(IMPORT):
    st.error("Akun Anda tidak dapat mengunggah data.", icon=":material/block:")
    st.stop()
access = live
all_units = list(sel.units) if sel is not None else []
root_path = access.root_path


def shown(path: tuple[str, ...]) -> tuple[str, ...]:
    """A path as this account may see it (nothing above its scope)."""
    return path[len(root_path) :] if root_path and path[: len(root_path)] == root_path else path


for key, default in (
    ("unggah_uploader_rev", 0),
    ("unggah_editor_rev", 0),
    ("unggah_overrides", {}),
    ("unggah_layanan_name", ""),
    ("unggah_file_id", None),
):
    st.session_state.setdefault(key, default)


def _path_key(u: Unit) -> list[str]:
    return [p.casefold() for p in u.path]


def _pick_or_new(label: str, options: list[Unit], key: str, root: Unit, new_label: str) -> int | None:
    """A selectbox of existing units plus a 'new' entry; None until the user chooses."""
    by_id = {u.id: u for u in options}
    ids = [u.id for u in sorted(options, key=_path_key)] + ([upload.NEW] if access.is_admin else [])
    if st.session_state.get(key) not in ids:
        st.session_state.pop(key, None)
    return st.selectbox(
        label,
        ids,
        index=None,
        placeholder="Pilih…",
        format_func=lambda i: new_label if i == upload.NEW else upload.unit_short(by_id[i], root),
        key=key,
    )


def _new_name(label: str, key: str) -> str | None:
    """A typed unit name, without a leading 'Kelurahan'/'Kecamatan' (the level says that)."""
    name = LEVEL_PREFIX.sub("", " ".join(st.text_input(label, key=key, max_chars=80).split()))
    if "/" in name:
        st.error("Nama unit tidak boleh memuat garis miring (/).")
        return None
    return name or None


def pick_target(sel: Selection | None) -> upload.Target | None:
    """The kelurahan the data goes to: the sidebar's unit, or one chosen (or named) below it."""
    if sel is None:
        if not access.is_admin:
            return None
        text = st.text_input(
            "Unit tujuan", key="unggah_new_path", placeholder="Jakarta Timur/Makasar/Halim Perdanakusuma"
        )
        parts = split_path(text)
        if len(parts) < 3:
            st.caption("Tulis kota, kecamatan, dan kelurahan, dipisah garis miring (/).")
            return None
        return upload.Target(None, tuple(parts))
    unit = sel.unit
    if unit.level == "kelurahan":
        st.markdown(f"**{md(unit_label(unit))}**  \n{' › '.join(md(p) for p in sel.path_labels(unit))}")
        st.caption("Untuk unit lain, ganti pilihan **Unit** di samping.")
        return upload.Target(unit.id, unit.path)

    below = [u for u in all_units if u.level == "kelurahan" and u.path[: len(unit.path)] == unit.path]
    # Keys carry the data version: the options change after an import, and a keyed selectbox
    # whose options change can keep showing a stale choice in the browser.
    choice = _pick_or_new(
        f"Kelurahan di {md(unit_label(unit))}", below, f"unggah_target_{unit.id}_{version}", unit, "+ Kelurahan baru…"
    )
    if choice is None:
        return None
    if choice != upload.NEW or not access.is_admin:
        chosen = next(u for u in below if u.id == choice)
        return upload.Target(chosen.id, chosen.path)

    parent: tuple[str, ...] | None = unit.path
    siblings = [u for u in all_units if u.parent_id == unit.id]
    if unit.level == "kota":  # a kelurahan needs its kecamatan
        kecamatan = [u for u in all_units if u.parent_id == unit.id]
        kec = _pick_or_new("Kecamatan", kecamatan, f"unggah_kecamatan_{unit.id}_{version}", unit, "+ Kecamatan baru…")
        if kec is None:
            parent = None
        elif kec == upload.NEW:
            kec_name = _new_name("Nama kecamatan baru", "unggah_new_kecamatan_name")
            parent = (*unit.path, kec_name) if kec_name else None
            siblings = []
        else:
            parent = next(u for u in kecamatan if u.id == kec).path
            siblings = [u for u in all_units if u.parent_id == kec]
    name = _new_name("Nama kelurahan baru", "unggah_new_name")
    if parent is None or name is None:
        return None
    same = next((u for u in siblings if u.name.casefold() == name.casefold()), None)
    if same is not None:
        st.caption(f"{md(unit_label(same))} sudah ada; data akan masuk ke sana.")
        return upload.Target(same.id, same.path)
    return upload.Target(None, (*parent, name))


def _period_chosen() -> None:
    """Tahun/Semester changed here: the sidebar's period follows (one period for every page)."""
    st.session_state["period_code"] = Period(
        int(st.session_state["unggah_tahun"]), int(st.session_state["unggah_semester"])
    ).code


def pick_period(sel: Selection | None) -> Period:
    """The sidebar's period, changeable here (the sidebar follows). The widgets are loaded from
    `period_code` on every run: Streamlit forgets a page's widget state when another page runs,
    and a forgotten number input would come back as its minimum (2000)."""
    base = sel.period if sel is not None else None
    if base is None:
        try:
            base = Period.parse(st.session_state.get("period_code") or "")
        except PeriodInvalid:
            base = period_of(date.today())
    st.session_state["unggah_tahun"] = base.tahun
    st.session_state["unggah_semester"] = base.semester
    st.number_input("Tahun", min_value=2000, max_value=2100, step=1, key="unggah_tahun", on_change=_period_chosen)
    st.radio(
        "Semester",
        [1, 2],
        format_func=lambda s: "I (Januari–Juni)" if s == 1 else "II (Juli–Desember)",
        horizontal=True,
        key="unggah_semester",
        on_change=_period_chosen,
    )
    st.caption("Sama dengan **Periode** di samping; mengubahnya di sini mengubah periode di samping juga.")
    return base


def period_confirmed(period: Period) -> bool:
    """A semester not yet started or more than a year back is saved only after a tick."""
    reason = unusual_period(period, date.today())
    if reason is None:
        return True
    st.warning(f"{reason} Periksa tahun dan semesternya sebelum menyimpan.", icon=":material/event_busy:")
    return st.checkbox(f"Ya, simpan ke {period.label}", key=f"unggah_period_ok_{period.code}")


def show_flash(area: str) -> None:
    """The result of the last save ('import') or undo ('undo'), next to where the user acted."""
    msg = take(f"unggah_{area}")
    if not msg:
        return
    if msg["kind"] == "success":
        where = f"Tersimpan — {md(msg['where'])}." if msg.get("where") else "Selesai."
        st.success(f"**{where}** {md(msg['text'])}", icon=":material/check_circle:")
        for warning in msg.get("warnings") or []:
            st.caption(f"Catatan: {md(warning)}")
        if msg.get("where"):
            st.page_link("pages/ringkasan.py", label="Lihat Ringkasan data ini", icon=":material/dashboard:")
    elif msg["kind"] == "info":
        st.info(md(msg["text"]), icon=":material/info:")
    else:
        st.error(md(msg["text"]), icon=":material/error:")


def show_mapping(result: upload.ReadResult) -> None:
    table = upload.mapping_table(result.columns)
    editor_key = f"unggah_map_{st.session_state['unggah_editor_rev']}"
    st.markdown(
        "**Kolom file dan artinya.** Bila ada kolom yang salah dikenali, klik dua kali sel pada kolom "
        "*Dipakai sebagai* lalu pilih yang benar; file dibaca ulang dengan pemetaan itu."
    )
    st.data_editor(
        table,
        key=editor_key,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 740),  # every column of a usual form without scrolling
        num_rows="fixed",
        disabled=["Kolom", "Judul di file", "Alasan"],
        column_config={
            "Kolom": st.column_config.TextColumn(width="small"),
            "Judul di file": st.column_config.TextColumn(width=300),
            upload.MAP_COLUMN: st.column_config.SelectboxColumn(
                upload.MAP_COLUMN, options=upload.mapping_options(table), required=True, width=300
            ),
        },
        on_change=upload.on_mapping_edit,
        args=(editor_key, list(table["Kolom"]), list(table[upload.MAP_COLUMN])),
    )
    if st.session_state["unggah_overrides"]:
        changed = ", ".join(sorted(st.session_state["unggah_overrides"]))
        st.caption(f"Pemetaan diubah manual untuk kolom {changed}.")
        st.button("Kembalikan ke pembacaan otomatis", key="unggah_reset_map", on_click=upload.reset_mapping)


def show_survey(result: upload.ReadResult, survey: Survey) -> None:
    """What was read (with the page's choices applied to `survey`)."""
    st.success(
        f"File terbaca: **{upload.kind_label(survey)}** — {angka(survey.row_count, 0)} baris, "
        f"{len(survey.layanan)} layanan.",
        icon=":material/task_alt:",
    )
    st.caption(md(upload.details_text(survey)))
    if survey.warnings:
        st.warning("**Perhatikan:**\n" + "\n".join(f"- {md(w)}" for w in survey.warnings), icon=":material/warning:")
    show_choices(survey)
    tab_names = ["Kolom", "Layanan", "Pratinjau data"]
    if survey.kind == KIND_RESPONSES:
        tab_names.insert(1, "Jawaban → nilai")
    tabs = dict(zip(tab_names, st.tabs(tab_names), strict=True))
    with tabs["Kolom"]:
        show_mapping(result)
    if "Jawaban → nilai" in tabs:
        with tabs["Jawaban → nilai"]:
            st.caption("Setiap jawaban yang ada di file dan nilai 1–4 yang diberikan kepadanya.")
            st.dataframe(upload.word_map_table(survey), hide_index=True, width="stretch", height=420)
    with tabs["Layanan"]:
        st.dataframe(upload.layanan_table(survey), hide_index=True, width="stretch")
    with tabs["Pratinjau data"]:
        st.caption(f"{min(upload.PREVIEW_ROWS, survey.row_count)} baris pertama, sebagaimana akan disimpan.")
        st.dataframe(upload.preview_table(survey), hide_index=True, width="stretch")


def show_choices(survey: Survey) -> None:
    """The rows without a layanan get one; exact duplicate submissions stay or go (one choice each)."""
    if NO_LAYANAN in survey.layanan and upload.has_layanan_column(survey.columns):
        others = [name for name in survey.layanan if name != NO_LAYANAN]
        st.selectbox(
            "Layanan untuk baris tanpa jenis layanan",
            [NO_LAYANAN, *others],
            key="unggah_blank_layanan",
            help="Baris yang kolom layanannya kosong dicatat sebagai 'Tidak disebutkan', kecuali Anda memilih layanan.",
            placeholder="Pilih…",
        )
    dupes = duplicate_rows(survey)
    if dupes:
        listed = ", ".join(f"{row} (= baris {first})" for row, first in dupes[:10])
        listed += ", …" if len(dupes) > 10 else "."
        st.info(f"{len(dupes)} baris sama persis dengan baris sebelumnya: {listed}", icon=":material/content_copy:")
        st.checkbox(f"Hapus {len(dupes)} baris duplikat", key="unggah_drop_duplicates")


def show_history(sel: Selection | None) -> None:
    st.subheader("Riwayat impor")
    if sel is None:
        st.caption("Belum ada unit.")
        return
    root = sel.unit
    ids = data.subtree_ids(root, version)
    items = upload.batches(ids, version)
    names = {u.id: upload.unit_short(u, root) for u in all_units if u.id in ids} if len(ids) > 1 else None
    scope = " dan unit di bawahnya" if len(ids) > 1 else ""
    st.caption(f"Semua impor untuk {md(unit_label(root))}{scope}, terbaru di atas.")
    if not items:
        show_flash("undo")
        st.info("Belum ada impor untuk unit ini.", icon=":material/info:")
        return
    # A static table (no grid to lay out on a canvas: half of the page's drawing time, bench/pages.py):
    # every column in view, long names wrapped, a page of HISTORY_ROWS imports at a time.
    history = upload.history_table(items, names)
    shown = page_rows(len(history), upload.HISTORY_ROWS, f"unggah_history_page_{root.id}_{version}", "impor")
    with st.container(key=f"unggah_history_{root.id}_{version}"):
        static_table(history[shown])
    show_flash("undo")
    active = [b for b in items if upload.batch_status(b) == "aktif"]
    if not active:
        return
    by_id = {b.id: b for b in active}
    pick_key = f"unggah_undo_pick_{root.id}_{version}"  # fresh options, fresh widget (see pick_target)
    pick_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
    pick_col.selectbox(
        "Batalkan impor",
        list(by_id),
        format_func=lambda i: upload.batch_choice(by_id[i], names),
        key=pick_key,
        help="Data impor yang dibatalkan tidak lagi dihitung; data lama yang digantikannya aktif kembali.",
        placeholder="Pilih…",
    )
    button_col.button(
        "Batalkan impor…", key="unggah_undo", on_click=upload.request_undo, args=(pick_key,), icon=":material/undo:"
    )
    pending = by_id.get(st.session_state.get("unggah_undo_pending", 0))
    if pending is None:
        return
    with st.container(border=True):
        st.warning(
            f"Yakin membatalkan **impor #{pending.id}** ({md(pending.file_name)}, {pending.period.label}, "
            f"{angka(pending.row_count, 0)} baris; layanan: {md(pending.layanan)})? Datanya tidak lagi dihitung di "
            "dasbor; data lama yang pernah digantikannya aktif kembali. File aslinya tetap tersimpan.",
            icon=":material/help:",
        )
        yes, no = st.columns(2)
        yes.button(
            f"Ya, batalkan impor #{pending.id}",
            key="unggah_undo_yes",
            type="primary",
            on_click=upload.confirm_undo,
            args=(pending.id,),
        )
        no.button("Tidak jadi", key="unggah_undo_no", on_click=upload.cancel_undo)


# ---------------------------------------------------------------------------------------- page

head, template_col = st.columns([3, 1], vertical_alignment="bottom")
head.title("Unggah Data")
head.caption(
    "Masukkan hasil SKM satu semester dari file CSV atau Excel: ekspor Google Forms/Jotform, templat isian, "
    "atau tabel NRR per layanan. Periksa hasil pembacaan, lalu simpan. Setiap impor dapat dibatalkan."
)
template_col.download_button(
    "Unduh templat Excel",
    data=template_xlsx,
    file_name="templat-skm.xlsx",
    mime=XLSX_MIME,
    on_click="ignore",
    icon=":material/download:",
    help="Templat isian dengan pilihan jawaban; semua kolomnya langsung dikenali saat diunggah.",
)

st.subheader("1. Tujuan data")
target_col, period_col = st.columns([3, 2], gap="large")
with target_col:
    target = pick_target(sel)
with period_col:
    period = pick_period(sel)
if target is None:
    st.warning("Pilih kelurahan tujuan (atau tulis nama kelurahan baru) dahulu.", icon=":material/place:")
else:
    where = unit_label(next(u for u in all_units if u.id == target.unit_id)) if target.unit_id else None
    note = f" Kelurahan baru **{md(target.name)}** dibuat saat data disimpan." if where is None else ""
    if target.unit_id is not None:
        existing = [
            b
            for b in upload.batches((target.unit_id,), version)
            if b.period == period and upload.batch_status(b) == "aktif"
        ]
        if existing:
            note = (
                f" Unit ini sudah punya data {period.label} (impor "
                f"{', '.join(f'#{b.id}' for b in existing)}); layanan yang sama hanya dapat disimpan dengan "
                "mengganti data lama."
            )
    named_path = leaf_path_name(shown(target.path))
    st.info(
        f"Data akan disimpan ke **{md(where or 'Kelurahan ' + target.name)}** ({md(named_path)}), "
        f"periode **{period.label}**.{note}",
        icon=":material/place:",
    )
target_locked = (
    target is not None and target.unit_id is not None and data.get_store().period_status(target.unit_id, period).locked
)
if target_locked:
    st.warning(LOCKED_TEXT, icon=":material/lock:")

st.subheader("2. File survei")
uploaded = st.file_uploader(
    "Pilih file CSV atau Excel",
    type=FILE_TYPES,
    key=f"unggah_file_{st.session_state['unggah_uploader_rev']}",
    help="Satu baris per responden (jawaban 1–4 atau kata jawaban kuesioner), atau tabel NRR per layanan.",
)
file_id = uploaded.file_id if uploaded is not None else None
if file_id != st.session_state["unggah_file_id"]:  # another file: forget corrections made for the last one
    st.session_state["unggah_file_id"] = file_id
    st.session_state["unggah_overrides"] = {}
    st.session_state["unggah_layanan_name"] = ""
    st.session_state["unggah_blank_layanan"] = NO_LAYANAN
    st.session_state["unggah_drop_duplicates"] = False
    st.session_state.pop("unggah_conflict", None)

if uploaded is None:
    show_flash("import")
    st.caption("Belum ada file dipilih. Tidak ada yang disimpan sebelum Anda menekan **Simpan ke basis data**.")
else:
    content = uploaded.getvalue()
    overrides = tuple(sorted(st.session_state["unggah_overrides"].items()))
    result = upload.read_upload(content, uploaded.name, st.session_state["unggah_layanan_name"], overrides)

    st.subheader("3. Periksa hasil pembacaan")
    if result.columns and not upload.has_layanan_column(result.columns):
        st.text_input(
            "Nama layanan untuk semua baris",
            key="unggah_layanan_name",
            placeholder="misalnya Pelayanan Administrasi Kependudukan",
            help="File ini tidak punya kolom jenis layanan; semua baris dicatat untuk layanan yang Anda tulis.",
        )
    if result.survey is None:
        st.error(
            f"**File ditolak — tidak ada data yang disimpan.** Ditemukan {len(result.problems)} masalah "
            "(lihat tabel). Perbaiki file lalu unggah lagi"
            + (
                ", atau perbaiki pemetaan kolom di bawah bila ada kolom yang salah dikenali." if result.columns else "."
            ),
            icon=":material/block:",
        )
        problems = upload.problems_table(result.problems)
        if len(problems) <= 20:  # a static table wraps long messages; many problems need scrolling
            st.table(problems.map(md), hide_index=True, border="horizontal")  # st.table cells are Markdown
        else:
            st.dataframe(
                problems,
                hide_index=True,
                width="stretch",
                column_config={"Masalah": st.column_config.TextColumn(width="large")},
            )
        if result.columns:
            # Problems without a row are about the columns (missing or doubled unsur): open the mapping.
            about_columns = any(p.row is None for p in result.problems) or bool(st.session_state["unggah_overrides"])
            with st.expander("Pemetaan kolom", expanded=about_columns, icon=":material/table_view:"):
                show_mapping(result)
        show_flash("import")
    else:
        survey = upload.with_choices(result.survey)
        show_survey(result, survey)

        st.subheader("4. Simpan")
        attempt = (file_id, overrides, st.session_state["unggah_layanan_name"], target, period.code)
        period_ok = period_confirmed(period)
        st.button(
            "Simpan ke basis data",
            key="unggah_save",
            type="primary",
            icon=":material/save:",
            disabled=target is None or target_locked or not period_ok,
            on_click=upload.save,
            args=(survey, content, target, period, False, attempt, access),
        )
        if target_locked:
            st.caption("Tidak dapat disimpan: periode ini sudah disetujui dan dikunci.")
        if target is None:
            st.caption("Pilih kelurahan tujuan di bagian 1 dahulu, lalu simpan.")
        conflict = st.session_state.get("unggah_conflict")
        if conflict and conflict["attempt"] == attempt:
            with st.container(border=True):
                st.warning(md(conflict["message"]), icon=":material/warning:")
                st.markdown(
                    "Dengan **Ganti data lama**, data baru ini dipakai untuk layanan tersebut. Data lama tidak "
                    "dihapus: dapat dikembalikan kapan saja dengan *Batalkan impor* di Riwayat impor."
                )
                st.button(
                    "Ganti data lama",
                    key="unggah_replace",
                    type="primary",
                    disabled=not period_ok,
                    icon=":material/swap_horiz:",
                    on_click=upload.save,
                    args=(survey, content, target, period, True, attempt, access),
                )
        show_flash("import")

st.divider()
show_history(sel)

st.divider()
kuesioner_ui.section(next((u for u in all_units if target is not None and u.id == target.unit_id), None), period)
