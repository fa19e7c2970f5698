"""The app's frame in Bahasa Indonesia: the page menu, CSS over a few English texts that Streamlit
draws itself and offers no option for, and the dictionaries (exact texts and patterns) that the
frame in ui/texts puts in place of the rest, including what only screen readers read.

Streamlit's own sidebar navigation is off (`client.showSidebarNavigation = false`): with a
`pages/` folder next to app.py it lists that folder's files ("app, akun, audit, …") on the first
load after a server start, before the router has run. The menu is drawn here instead, from the
pages the router registered for the account, so it never names a page the account cannot open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

# Streamlit 1.67's DOM (data-testid): the uploader's "Upload" button and its "32MB per file • CSV…"
# line, and the "Press Enter to apply / submit form" hint under text and number inputs. The English
# text is hidden (display: none, so it is not even in the page's text) and Indonesian put in its place.
CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after { content: "Pilih file"; }
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"] small { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Seret file ke sini atau pilih file · maks. 32 MB per file";
  font-size: 0.875rem;
  color: rgba(49, 51, 63, 0.7);
}
[data-testid="InputInstructions"] { display: none; }
/* Static tables wrap long words (file names, paths) instead of growing past the page. */
[data-testid="stTable"] td { overflow-wrap: anywhere; }
/* The frame that puts TEXTS in place (height 0) takes no room in the page's column either. */
.st-key-skm_texts { position: absolute; width: 0; height: 0; overflow: hidden; }
/* Streamlit's own full-screen button inside plotly's toolbar: its tooltip is CSS over data-title
   (ui/texts rewrites data-title and aria-label too; this covers the moment before the frame runs). */
.modebar-btn[data-title="Fullscreen"]::after { content: "Layar penuh" !important; }
.modebar-btn[data-title="Exit fullscreen"]::after { content: "Keluar dari layar penuh" !important; }
</style>
"""


# What the data grid (st.dataframe, st.data_editor) and the page frame say in English, in Indonesian:
# the toolbar's buttons (aria-label and tooltip), the column menu with its format and statistics
# submenus, the search box and the skip link. React draws these texts, some in portals and only on
# hover, so CSS cannot reach them: ui/texts/texts.js (a frame served by the app, same origin, so the
# deployment's CSP lets it run, unlike an inline script or st.components' blob: modules) watches
# the page and rewrites exactly these strings, only inside Streamlit's own chrome.
GRID_TEXTS: dict[str, str] = {
    # toolbar
    "Show/hide columns": "Tampilkan/sembunyikan kolom",
    "Search": "Cari",
    "Fullscreen": "Layar penuh",
    "Close fullscreen": "Tutup layar penuh",
    "Add row": "Tambah baris",
    "Delete row(s)": "Hapus baris",
    "Download as CSV": "Unduh sebagai CSV",
    "Clear selection": "Hapus pilihan",
    # search box
    "Type to search": "Ketik untuk mencari",
    "Close Search": "Tutup pencarian",
    "Previous Result": "Hasil sebelumnya",
    "Next Result": "Hasil berikutnya",
    # column menu
    "Dataframe column menu": "Menu kolom",
    "Copy column name": "Salin nama kolom",
    "Sort ascending": "Urutkan naik",
    "Sort descending": "Urutkan turun",
    "Statistics": "Statistik",
    "Format": "Format",
    "Autosize": "Lebar otomatis",
    "Pin column": "Sematkan kolom",
    "Unpin column": "Lepas sematan kolom",
    "Hide column": "Sembunyikan kolom",
    # format submenu
    "Automatic": "Otomatis",
    "Localized": "Format lokal",
    "Plain": "Polos",
    "Compact": "Ringkas",
    "Dollar": "Dolar",
    "Euro": "Euro",
    "Yen": "Yen",
    "Percent": "Persen",
    "Scientific": "Ilmiah",
    "Engineering": "Teknik",
    "Accounting": "Akuntansi",
    "Duration": "Durasi",
    "Relative": "Relatif",
    "Distance": "Selisih waktu",
    "Calendar": "Kalender",
    # statistics submenu
    "Minimum": "Minimum",
    "Maximum": "Maksimum",
    "Average": "Rata-rata",
    "Median": "Median",
    "Standard deviation": "Simpangan baku",
    "Sum": "Jumlah",
    "Count": "Banyak",
    "Distinct": "Nilai berbeda",
    "Empty": "Kosong",
    "Average length": "Panjang rata-rata",
    "Minimum length": "Panjang minimum",
    "Maximum length": "Panjang maksimum",
    "Based on sample": "Berdasarkan sampel",
    "Distribution histogram": "Histogram sebaran",
    "Top values frequency chart": "Nilai terbanyak",
    # column types (the icon's title in the column menu)
    "text": "teks",
    "number": "angka",
    # the page frame
    "Skip to main content": "Lewati ke isi halaman",
}

# Streamlit's widgets and frame, as read aloud or shown on hover: number inputs' step buttons, the
# select boxes (their button, list and search), the date input with its calendar, the password
# eye, the sidebar's buttons, the skip link, plotly's toolbar button that Streamlit adds, and the
# announcements react-aria makes for screen readers. Found by tests/test_browser_english.py.
WIDGET_TEXTS: dict[str, str] = {
    # number input
    "Increment": "Tambah",
    "Decrement": "Kurangi",
    # headers, help icons, the frame
    "Link to heading": "Tautan ke judul ini",
    "Help": "Bantuan",
    "Sidebar": "Bilah samping",
    "Collapse sidebar": "Tutup bilah samping",
    "Expand sidebar": "Buka bilah samping",
    "Running...": "Sedang berjalan…",
    "Stop": "Hentikan",
    "Stopping...": "Menghentikan…",
    "Rerun": "Jalankan ulang",
    "Always rerun": "Selalu jalankan ulang",
    "File change.": "File berubah.",
    "Close": "Tutup",
    "Dismiss": "Tutup",
    "Copy to clipboard": "Salin ke papan klip",
    "Exit fullscreen": "Keluar dari layar penuh",
    "Scroll tabs left": "Geser tab ke kiri",
    "Scroll tabs right": "Geser tab ke kanan",
    "Notifications": "Pemberitahuan",
    "view more": "lihat selengkapnya",
    "view less": "lihat lebih sedikit",
    # select boxes
    "Open": "Buka pilihan",
    "Clear value": "Kosongkan pilihan",
    "Clear all": "Kosongkan semua",
    "No results": "Tidak ada hasil",
    "Selected values": "Nilai terpilih",
    # text inputs, uploader
    "Show password": "Tampilkan kata sandi",
    "Hide password": "Sembunyikan kata sandi",
    "file upload": "Unggah file",
    "Add files": "Tambah file",
    # date input and its calendar
    "Choose date": "Pilih tanggal",
    "Choose date range": "Pilih rentang tanggal",
    "Clear date": "Kosongkan tanggal",
    "Clear dates": "Kosongkan tanggal",
    "Previous month": "Bulan sebelumnya",
    "Next month": "Bulan berikutnya",
    "Previous": "Sebelumnya",
    "Next": "Berikutnya",
    "Quick select a date range": "Pilih cepat rentang tanggal",
    "Date range": "Rentang tanggal",
    "Past Week": "Seminggu terakhir",
    "Past Month": "Sebulan terakhir",
    "Past 3 Months": "3 bulan terakhir",
    "Past 6 Months": "6 bulan terakhir",
    "Past Year": "Setahun terakhir",
    "Past 2 Years": "2 tahun terakhir",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Gunakan tombol panah untuk berpindah tanggal. Enter untuk memilih. Escape untuk menutup."
    ),
    "dd": "hh",
    "mm": "bb",
    "yyyy": "tttt",
}

# The calendar's month names where Indonesian differs (April, September and November are the same).
MONTHS: dict[str, str] = {
    "January": "Januari",
    "February": "Februari",
    "March": "Maret",
    "May": "Mei",
    "June": "Juni",
    "July": "Juli",
    "August": "Agustus",
    "October": "Oktober",
    "December": "Desember",
}

# Texts Streamlit (and react-aria, in its date input) builds around names ("Help for Tanggal surat"):
# each "{}" is a name, kept as it is but itself put through these patterns, so "Choose date, May
# 2024" becomes "Pilih tanggal, Mei 2024"; each "{n}" is a number. Tried in this order; the first
# that matches is used.
PATTERNS: dict[str, str] = {
    "Help for {}": "Bantuan: {}",
    "Shortcut {}": "Pintasan {}",
    "{} icon": "ikon {}",
    "Remove {}": "Hapus {}",
    "day, {}": "tanggal, {}",
    "month, {}": "bulan, {}",
    "year, {}": "tahun, {}",
    "{} start date": "{}, tanggal awal",
    "{} end date": "{}, tanggal akhir",
    "{} selected": "{} (terpilih)",
    "Today, {}": "Hari ini, {}",
    "Selected Range: {} to {}": "Rentang terpilih: {} sampai {}",
    "Selected Date: {}": "Tanggal terpilih: {}",
    "{}, First available date": "{}, tanggal pertama yang bisa dipilih",
    "{}, Last available date": "{}, tanggal terakhir yang bisa dipilih",
    "Fullscreen: {}": "Layar penuh: {}",
    # a chosen file's size ("8.0B", "1.2KB"; "{n}" is digits) and its chip ("data.csv, 1.2KB")
    **{f"{{n}}.{{n}}{unit}": f"{{n}},{{n}} {unit}" for unit in ("KB", "MB", "GB", "B")},
    **{f"{{}}, {{n}}.{{n}}{unit}": f"{{}}, {{n}},{{n}} {unit}" for unit in ("KB", "MB", "GB", "B")},
    "Choose date, {}": "Pilih tanggal, {}",
    "Choose date range, {}": "Pilih rentang tanggal, {}",
    "{} options available.": "{} pilihan tersedia.",
    "{} option available.": "{} pilihan tersedia.",
    **{f"{{}} – {en}": f"{{}} – {id_}" for en, id_ in MONTHS.items()},  # a month segment's value
    **{f"{en} {{}}": f"{id_} {{}}" for en, id_ in MONTHS.items()},  # the calendar's heading
}

# Every exact text the frame rewrites (the grid's, the widgets', the month names).
TEXTS: dict[str, str] = GRID_TEXTS | WIDGET_TEXTS | MONTHS

_texts = components.declare_component("skm_texts", path=str(Path(__file__).with_name("texts")))


def plotly_module() -> str | None:
    """The file name of Streamlit's plotly chart module (PlotlyChart.<hash>.js, beside its main
    script), which the frame loads while the first page is idle (ui/texts/warm.js)."""
    js = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(p.name for p in js.glob("PlotlyChart.*.js"))
    return found[0] if found else None


_PLOTLY_MODULE = plotly_module()


def indonesian_chrome() -> None:
    """Put the CSS on the page (a style-only st.html takes no space) and the frame that rewrites
    TEXTS and PATTERNS (height 0, out of the flow) and loads the chart code early."""
    st.html(CSS)
    _texts(
        texts=GRID_TEXTS,
        widgets=WIDGET_TEXTS | MONTHS,
        patterns=PATTERNS,
        charts=_PLOTLY_MODULE,
        key="skm_texts",
        default=None,
    )


def menu(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The sidebar's page menu: each section's title and its pages as links."""
    with st.sidebar.container(key="skm_menu"):
        for title, pages in sections.items():
            st.caption(title.upper())
            for page in pages:
                st.page_link(page)
        st.divider()
