"""`md`: user text made safe for any string Streamlit renders as Markdown (no streamlit import,
so every ui module, ui.auth too, can use it without an import cycle)."""

from __future__ import annotations

import re

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
# An ordered list item needs a space (or nothing) after "1." or "1)": "1.439 responden" is not one.
_MARKDOWN_LEAD = re.compile(r"^(?:[-+#>]|\d+(?=[.)](?:\s|$)))")


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
