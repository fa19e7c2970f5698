"""Small render helpers shared by pages, so every page says things the same way."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from skm.charts import MUTU_COLORS, MUTU_LIGHT
from skm.demo import SOURCE_SEED, SOURCE_SYNTHETIC
from skm.rtl import Photo
from skm.scoring import Mutu
from skm.storage import SOURCE_KUESIONER
from skm.tinjauan import held_note
from ui import data
from ui.context import Selection

# What Streamlit's Markdown would turn into formatting, escaped only there (ordinary names and
# messages keep their plain source): emphasis * ~ and _ at a word edge, code `, links and
# images [ ], raw HTML <, math $, entities &name;, the escape character itself, the colons of
# :red[…], :smile: and :material/icon:; at the start of the text also lists, headings and quotes
# (- + # > and "1." / "1)").
_MARKDOWN_INLINE = re.compile(r"[\\`*~\[\]<$]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)|:(?=[A-Za-z])")
# GFM also links bare "https://…", "www.…" and "a@b.c", and Streamlit's renderer does it on the
# text after escapes are resolved (a backslash does not stop it: checked in Chromium, see
# tests/test_browser_escaping.py). An invisible WORD JOINER after "://"'s colon, before "www"'s
# dot and after "@" breaks the pattern and shows nothing; copied text carries it.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=[wW]{3})(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"
_MARKDOWN_SHORTCODE = re.compile(r"(:material)/|(:[\w+/-]+):", re.IGNORECASE)
_MARKDOWN_LEAD = re.compile(r"^(?:[-+#>]|\d+(?=[.)]))")


def md(text: object) -> str:
    """User text (unit, layanan or file names, saran, RTL rows, letter settings, messages quoting
    them) for a string Streamlit renders as Markdown: st.markdown, st.caption, alerts, headings,
    widget/metric/expander labels, radio options, image captions, st.table cells.

    Streamlit already shows raw HTML there as text, but would still format `**x**`, links
    `[a](…)`, `:red[…]`, `$…$`, `:smile:` and a leading `# ` or `- `. Those are backslash-escaped
    (CommonMark) and bare URLs and e-mail addresses are kept from becoming links (a word joiner),
    so the text shows exactly as typed; line breaks become spaces. Not for
    plain-text places (selectbox options, st.dataframe, st.text, st.html with html.escape).

    md("**x** [a](b)") gives the Markdown source \\*\\*x\\*\\* \\[a\\](b), shown as **x** [a](b).
    """
    flat = _MARKDOWN_INLINE.sub(lambda m: "\\" + m.group(0), " ".join(str(text).split()))
    flat = _MARKDOWN_SHORTCODE.sub(lambda m: f"{m.group(1)}\\/" if m.group(1) else f"{m.group(2)}\\:", flat)
    flat = _AUTOLINK.sub(WORD_JOINER, flat)
    lead = _MARKDOWN_LEAD.match(flat)
    if lead is None:
        return flat
    # "- x" → "\- x"; "12. x" → "12\. x" (a backslash before a digit would be shown)
    return f"\\{flat}" if not lead.group(0).isdigit() else f"{lead.group(0)}\\{flat[lead.end() :]}"


MUTU_BADGE = {"A": "green", "B": "blue", "C": "orange", "D": "red"}
PLOTLY_CONFIG = {"displaylogo": False, "locale": "id", "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def page_header(title: str, sel: Selection) -> None:
    st.title(title)
    st.caption(f"{' › '.join(md(p) for p in sel.path())} · {sel.period.label}")
    if sel.unit.is_demo:
        demo_notice()
    held_notice(sel)


def held_notice(sel: Selection) -> None:
    """How many online answers of the selected unit (and below) wait for review: no figure counts them."""
    ids = data.subtree_ids(sel.unit, sel.version)
    note = held_note(data.held_count(ids, sel.period.tahun, sel.period.semester, sel.version))
    if note:
        st.warning(f"{note} Tinjau di **Unggah Data › Kuesioner daring**.", icon=":material/pending_actions:")


def demo_notice() -> None:
    # Names no unit: an account sees this notice on its own unit and must not learn others' names.
    st.info(
        "**DATA DEMO.** Data peragaan: Tabel 1 sebuah laporan asli (Semester I 2024) dan **data sintetis** "
        "untuk semester lain, bukan hasil survei resmi.",
        icon=":material/science:",
    )


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
