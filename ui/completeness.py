"""Next to a wilayah's headline: how many kelurahan have reported, the missing ones one click away,
and the figure called *sementara* until every one has reported or the period is approved."""

from __future__ import annotations

import streamlit as st

from skm.completeness import Completeness
from skm.labels import level_name
from skm.units import Period, Unit
from ui import data
from ui.components import md

SEMENTARA = "sementara"
DELTA_HIDDEN = "Perubahan dari semester sebelumnya tidak ditampilkan selama datanya belum lengkap."


def of(unit: Unit, period: Period, version: int) -> Completeness:
    return data.completeness(unit.id, period.tahun, period.semester, version)


def headline(label: str, found: Completeness, short: str | None = None) -> str:
    """'IKM' → 'IKM (sementara)' while the period is not final; `short` replaces a label that
    would be cut off with the suffix at 1366 px ('Mutu pelayanan' → 'Mutu (sementara)')."""
    return f"{short or label} ({SEMENTARA})" if found.provisional else label


def missing_list(found: Completeness) -> str:
    """The missing units as Markdown, grouped by kecamatan at a kota."""
    lines = []
    for head, names in found.missing_groups():
        if head:
            lines.append(f"- **{md(head)}**: " + ", ".join(md(n) for n in names))
        else:
            lines.extend(f"- {md(n)}" for n in names)
    return "\n".join(lines)


def badge(found: Completeness, key: str) -> None:
    """'1 dari 5 kelurahan' as a button that opens the list of who has not reported; nothing when final."""
    if not found.provisional:
        return
    with st.popover(f"{found.count_text} · {SEMENTARA}", icon=":material/pending:", key=key):
        st.markdown(f"**Belum ada data {found.period.label}** ({len(found.missing)}):")
        st.markdown(missing_list(found))
        st.caption(
            f"Angka {md(level_name(found.unit))} dihitung dari {found.count_text} dan bersifat sementara sampai "
            f"semua {found.noun} melapor atau periode ini disetujui. {DELTA_HIDDEN}"
        )


def names(found: Completeness) -> str:
    """The missing units in one line."""
    return "; ".join((f"{md(head)}: " if head else "") + ", ".join(map(md, n)) for head, n in found.missing_groups())
