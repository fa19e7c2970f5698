"""The app's frame in Bahasa Indonesia: the page menu, and CSS over the few English texts that
Streamlit draws itself and offers no option for.

Streamlit's own sidebar navigation is off (`client.showSidebarNavigation = false`): with a
`pages/` folder next to app.py it lists that folder's files ("app, akun, audit, …") on the first
load after a server start, before the router has run. The menu is drawn here instead, from the
pages the router registered for the account, so it never names a page the account cannot open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

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
/* Streamlit's own full-screen button inside plotly's toolbar: its tooltip is CSS over data-title. */
.modebar-btn[data-title="Fullscreen"]::after { content: "Layar penuh" !important; }
.modebar-btn[data-title="Exit fullscreen"]::after { content: "Keluar dari layar penuh" !important; }
</style>
"""


def indonesian_chrome() -> None:
    """Put the CSS on the page (a style-only st.html takes no space)."""
    st.html(CSS)


def menu(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The sidebar's page menu: each section's title and its pages as links."""
    with st.sidebar.container(key="skm_menu"):
        for title, pages in sections.items():
            st.caption(title.upper())
            for page in pages:
                st.page_link(page)
        st.divider()
