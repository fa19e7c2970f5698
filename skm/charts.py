"""Plotly figures as values, in one visual language: one colour per mutu everywhere.

fig = heatmap(["PPSU"], CODES, [[3.93] * 9], scale="nrr")
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from skm.formatting import angka
from skm.scoring import IKM_BANDS, MUTU_BY_LETTER, mutu_ikm, mutu_nrr
from skm.unsur import UNSUR

MUTU_COLORS = {"A": "#1E7B45", "B": "#2563A8", "C": "#C77700", "D": "#B42318"}
MUTU_LIGHT = {"A": "#E3F2E8", "B": "#E1ECF7", "C": "#FBF0DC", "D": "#F9E1DF"}
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
_ORDER = ("D", "C", "B", "A")
NO_VALUE_COLOR = "#94A3B8"  # grey: a figure that is not computed (no IKM, no RTL plan)


def ikm_band_spans(lowest: float = 0.0) -> list[tuple[float, float, str]]:
    """The IKM mutu bands as (from, to, letter), D first, the lowest starting at `lowest`.

    >>> ikm_band_spans(25.0)[0], ikm_band_spans()[-1]
    ((25.0, 65.0, 'D'), (88.31, 100.0, 'A'))
    """
    edges = [lowest, *(b for b, _ in reversed(IKM_BANDS)), 100.0]
    return [(lo, hi, letter) for lo, hi, letter in zip(edges[:-1], edges[1:], _ORDER, strict=True)]


TICK_SIZE = 12  # px: axis labels of a dashboard chart (what Streamlit's chart theme uses)
# Between a y tick label's left end and the plot, as plotly's automargin reserves it (19 px,
# measured in Chromium), plus 3 px for rounding and a font's hinting.
LABEL_GAP = 22

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont


@cache
def _label_font(size: int) -> FreeTypeFont:
    from PIL import ImageFont

    data = resources.files("skm.report").joinpath("fonts", "DejaVuSans.ttf").read_bytes()
    return ImageFont.truetype(io.BytesIO(data), size)


def label_width(text: str, size: int) -> float:
    """Width in px of a one-line chart label in DejaVu Sans, the font a browser without the
    chart's first choices falls back to and the widest of them: a margin sized from it holds the
    label on any machine."""
    return float(_label_font(size).getlength(text))


def _left_margin(labels: Sequence[str], size: int) -> int:
    """The left margin that holds the widest of these y labels (literal text, not markup).

    The axes keep `automargin`, which grows a margin the labels need after drawing the chart once
    and then draws it all again, about a third of the chart's time in the browser: a margin that
    already fits is never grown, so each chart is drawn once."""
    return round(max((label_width(t, size) for t in labels), default=0.0) + LABEL_GAP)


def plain(text: str) -> str:
    """A user's name as literal chart text: plotly would render <b>, <br> or <a> tags in labels."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mutu_letter(value: float, scale: str) -> str:
    return (mutu_nrr(value) if scale == "nrr" else mutu_ikm(value)).letter


def _layout(fig: go.Figure, title: str | None, height: int, big: bool = False) -> go.Figure:
    size = 20 if big else 14
    fig.update_layout(
        title={"text": plain(title), "x": 0, "xanchor": "left", "font": {"size": size + 4}} if title else None,
        height=height,
        margin={"l": 10, "r": 10, "t": 60 if title else 30, "b": 10},
        separators=",.",
        font={"family": FONT, "size": size, "color": "#0F172A"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
    )
    return fig


def _mutu_legend(fig: go.Figure, letters: Sequence[str] = ("A", "B", "C", "D")) -> None:
    for letter in letters:
        m = MUTU_BY_LETTER[letter]
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{letter} {m.kinerja}",
                marker={"size": 14, "color": MUTU_COLORS[letter], "symbol": "square"},
                hoverinfo="skip",
            )
        )


def _mix(color: str, share: float) -> str:
    """`color` (#RRGGBB) mixed with white: share 1 is the colour itself, 0 is white."""
    return _blend("#FFFFFF", color, share)


def _rgb(color: str) -> list[int]:
    """#RRGGBB as its three channels, 0–255."""
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


def _blend(a: str, b: str, share: float) -> str:
    """#RRGGBB `a` moved `share` (0–1) of the way to `b`, per channel (as plotly's colour scale)."""
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(_rgb(a), _rgb(b), strict=True))


# Inside its mutu band a cell goes from this share of the band's colour (its band's lowest value
# shown) to the full colour (the highest): a table where every cell is A still shows its lowest.
LIGHTEST = 0.35


def _shades(values: Sequence[Sequence[float | None]], scale: str) -> list[list[float | None]]:
    """Each cell's z: its band's index (D 0 … A 3) plus its place (0–1) among the values shown in
    that band, so the colour scale shades lighter → darker inside every band."""
    letters = [[None if v is None else mutu_letter(v, scale) for v in row] for row in values]
    spans: dict[str, tuple[float, float]] = {}
    for row, row_letters in zip(values, letters, strict=True):
        for v, letter in zip(row, row_letters, strict=True):
            if v is not None and letter is not None:
                lo, hi = spans.get(letter, (v, v))
                spans[letter] = (min(lo, v), max(hi, v))
    z: list[list[float | None]] = []
    for row, row_letters in zip(values, letters, strict=True):
        z_row: list[float | None] = []
        for v, letter in zip(row, row_letters, strict=True):
            if v is None or letter is None:
                z_row.append(None)
                continue
            lo, hi = spans[letter]
            place = 1.0 if hi - lo < 1e-9 else (v - lo) / (hi - lo)
            z_row.append(_ORDER.index(letter) + 0.02 + 0.96 * place)
        z.append(z_row)
    return z


def _band_colorscale() -> list[list[float | str]]:
    scale: list[list[float | str]] = []
    for i, letter in enumerate(_ORDER):
        scale += [[i / 4, _mix(MUTU_COLORS[letter], LIGHTEST)], [(i + 1) / 4, MUTU_COLORS[letter]]]
    return scale


def shade_colors(values: Sequence[Sequence[float | None]], scale: str) -> list[list[str | None]]:
    """Each cell's colour (#RRGGBB, None for no value) as the heatmap draws it: the band's colour,
    light for the lowest value shown in that band, full for the highest (`_shades` on
    `_band_colorscale`), for a heatmap drawn as an HTML table.

    >>> low, high, blank = shade_colors([[3.93, 3.97, None]], "nrr")[0]
    >>> blank is None and low != high
    True
    """
    scale_stops = _band_colorscale()
    out: list[list[str | None]] = []
    for row in _shades(values, scale):
        colors: list[str | None] = []
        for z in row:
            if z is None:
                colors.append(None)
                continue
            band = min(int(z), 3)
            light, full = str(scale_stops[2 * band][1]), str(scale_stops[2 * band + 1][1])
            colors.append(_blend(light, full, z - band))
        out.append(colors)
    return out


def ink_on(background: str) -> str:
    """Black or white text, whichever reads better on `background` (#RRGGBB) by WCAG contrast: one
    of the two always reaches 4,5:1 (slate ink would not on mid greens).

    >>> ink_on("#1E7B45"), ink_on("#E3F2E8")
    ('#FFFFFF', '#000000')
    """

    def luminance(color: str) -> float:
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in _rgb(color)))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    bg = luminance(background)
    dark = (bg + 0.05) / 0.05  # black
    white = 1.05 / (bg + 0.05)
    return "#FFFFFF" if white >= dark else "#000000"


def wrap_label(label: str, width: int = 10) -> str:
    """A long category label on two lines at its last space ("Semester I<br>2024"), so column
    headers never run into each other; a bold label stays bold on both lines.

    >>> wrap_label("<b>Semester I 2024</b>")
    '<b>Semester I</b><br><b>2024</b>'
    >>> wrap_label("U1<br>Persyaratan")
    'U1<br>Persyaratan'
    """
    bold = label.startswith("<b>") and label.endswith("</b>")
    inner = label[3:-4] if bold else label
    if "<br>" in inner or len(inner) <= width or " " not in inner:
        return label
    head, tail = inner.rsplit(" ", 1)
    return f"<b>{head}</b><br><b>{tail}</b>" if bold else f"{head}<br>{tail}"


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    scale: str = "nrr",
    title: str | None = None,
    column_labels: Sequence[str] | None = None,
    big: bool = False,
) -> go.Figure:
    """A matrix coloured by mutu, each cell showing its value (3,97 or 99,26). Inside a band the
    colour goes from light (the lowest value shown in that band) to the band's full colour (the
    highest); the text colour follows for contrast. `column_labels` are chart markup (bold, <br>),
    long ones wrapped on two lines; without them `columns` are names, shown literally."""
    decimals = 2
    text, hover = [], []
    # Markup labels (periods, unsur) wrap onto two lines; names stay one literal line as typed.
    labels = [wrap_label(c) for c in column_labels] if column_labels else [plain(c) for c in columns]
    rows_text = list(rows)
    rows = [plain(r) for r in rows]
    for r, row in zip(rows, values, strict=True):
        text.append(["–" if v is None else angka(v, decimals) for v in row])
        hover.append(
            [
                f"{r}<br>{lab}<br>{'tidak ada data' if v is None else angka(v, decimals)}"
                + ("" if v is None else f" — mutu {mutu_letter(v, scale)}")
                for lab, v in zip(labels, row, strict=True)
            ]
        )
    fig = go.Figure(
        go.Heatmap(
            z=_shades(values, scale),
            x=labels,
            y=list(rows),
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=_band_colorscale(),
            zmin=0,
            zmax=4,
            showscale=False,
            xgap=3,
            ygap=3,
            # No font colour: plotly picks dark or white text per cell for contrast.
            textfont={"size": 20 if big else 13, "family": FONT},
        )
    )
    _mutu_legend(fig)
    tick = {"size": TICK_SIZE}  # a slide restyles every font and margin (slide_fit)
    fig.update_yaxes(autorange="reversed", showgrid=False, ticks="", automargin=True, tickfont=tick)
    fig.update_xaxes(side="top", showgrid=False, ticks="", tickangle=0, automargin=True, tickfont=tick)
    height = 120 + 44 * len(rows) if not big else 160 + 70 * len(rows)
    _layout(fig, title, height, big)
    top = 120 if title else 60
    # b: the legend's row (55–57 px, measured) hangs from 2 % of the plot's height below it, so b
    # grows with the plot; 61 leaves some room. r: a long last column label may reach past the plot.
    # (See _left_margin for why every margin is set here.)
    bottom = math.ceil((61 + 0.02 * (height + 60 - top)) / 1.02)
    fig.update_layout(
        legend={"y": -0.02, "yanchor": "top", "title": {"text": "Mutu (warna muda = terendah dalam mutunya):"}},
        margin={"t": top, "b": bottom, "l": _left_margin(rows_text, tick["size"]), "r": 24},
        title={"y": 0.98, "yanchor": "top"} if title else None,
    )
    fig.update_layout(height=height + 60)
    return fig


def unsur_columns(short: bool = True) -> list[str]:
    return [f"{c}<br>{UNSUR[c].short}" if short else f"{c} {UNSUR[c].name}" for c in UNSUR]


def ikm_bars(names: Sequence[str], ikms: Sequence[float], *, title: str | None = None, big: bool = False) -> go.Figure:
    """Horizontal bars from 0, lowest at the bottom, coloured by mutu, with the mutu bounds drawn
    behind them. Each bar's value and mutu ("99,09 (A)") sit inside its end, so no label can land on
    a bound's line or be cut off at the edge; each band's letter stands above it."""
    letters = [mutu_ikm(v).letter for v in ikms]
    fig = go.Figure(
        go.Bar(
            x=list(ikms),
            y=[plain(n) for n in names],
            orientation="h",
            marker_color=[MUTU_COLORS[m] for m in letters],
            text=[f"{angka(v)} ({m})" for v, m in zip(ikms, letters, strict=True)],
            textposition="inside",
            insidetextanchor="end",
            constraintext="none",
            hovertemplate="%{y}: %{x:.2f}<extra></extra>",
            textfont={"size": 18 if big else 13, "color": "white"},
        )
    )
    for bound, _ in IKM_BANDS:
        fig.add_vline(x=bound, line_dash="dot", line_color="#64748B", layer="below")
    # Each band's letter above the middle of its band: the bounds are 11,7 apart, too close for
    # their numbers side by side on a half-width chart; the numbers are in the axis title.
    for lo, hi, letter in ikm_band_spans():
        fig.add_annotation(
            x=(lo + hi) / 2,
            y=1,
            xref="x",
            yref="paper",
            yanchor="bottom",
            text=letter,
            showarrow=False,
            font={"size": 16 if big else 12, "color": MUTU_COLORS[letter]},
        )
    bounds = " · ".join(f"{m.letter} ≥ {angka(b)}" for b, m in reversed(IKM_BANDS))
    fig.update_xaxes(
        range=[0, 100],
        title={"text": f"IKM · garis titik: batas mutu<br>{bounds}", "font": {"size": 16 if big else 12}},
        gridcolor="#E2E8F0",
        dtick=10,
        automargin=True,
        tickfont={"size": TICK_SIZE},  # a slide restyles every font and margin (slide_fit)
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[plain(n) for n in names][::-1],
        automargin=True,
        tickfont={"size": TICK_SIZE},
    )
    _layout(fig, title, 130 + 42 * len(names) if not big else 180 + 70 * len(names), big)
    # b: the value axis and its two-line title
    margin = {"t": 80 if title else 40, "b": 80, "l": _left_margin(names, TICK_SIZE)}
    return fig.update_layout(margin=margin, bargap=0.25)


PARTIAL_NAME = "sementara (belum lengkap)"
# Streamlit's own categorical colours: a line and its dashed/hollow partial points share one colour.
COLORWAY = ("#0068C9", "#FF2B2B", "#29B09D", "#FF8700", "#6D3FC0", "#83C9FF", "#FFABAB", "#7DEFA1", "#FFD16A")


def trend(
    periods: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str | None = None,
    big: bool = False,
    highlight: str | None = None,
    partial: Mapping[str, Sequence[bool]] | None = None,
) -> go.Figure:
    """IKM lines over semesters over light mutu bands. A point flagged in `partial` (a semester not
    every unit has reported) is a hollow marker reached by a dashed segment: never a solid fall."""
    fig = go.Figure()
    values = [v for s in series.values() for v in s if v is not None]
    low = min(values, default=60.0)
    ymin = max(25.0, (int(low) // 5) * 5 - 5)
    for lo, hi, letter in ikm_band_spans(25.0):
        if hi > ymin:
            fig.add_hrect(
                y0=max(lo, ymin),
                y1=hi,
                fillcolor=MUTU_LIGHT[letter],
                line_width=0,
                layer="below",
                annotation_text=letter,
                annotation_position="outside right",  # beside the plot: never under the selected semester's frame
            )
    x = list(periods)
    shown_partial = False
    for i, (name, ys) in enumerate(series.items()):
        main = highlight is None or name == highlight
        flags = list((partial or {}).get(name, [False] * len(ys)))
        color = COLORWAY[i % len(COLORWAY)]
        solid = [None if f else v for v, f in zip(ys, flags, strict=True)]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=solid,
                name=plain(name),
                legendgroup=f"s{i}",
                mode="lines+markers+text" if main else "lines+markers",
                text=[angka(v) if v is not None and main else "" for v in solid],
                textposition="top center",
                line={"width": 4 if main else 2, "color": color},
                marker={"color": color},
                opacity=1 if main else 0.75,
                connectgaps=False,
                hovertemplate="%{fullData.name}<br>%{x}: %{y:.2f}<extra></extra>",  # a name's own %{…} stays text
            )
        )
        if not any(f and v is not None for v, f in zip(ys, flags, strict=True)):
            continue
        seg_x: list[str | None] = []
        seg_y: list[float | None] = []
        for j in range(1, len(ys)):
            if (flags[j] or flags[j - 1]) and ys[j] is not None and ys[j - 1] is not None:
                seg_x += [x[j - 1], x[j], x[j]]
                seg_y += [ys[j - 1], ys[j], None]
        if seg_x:
            fig.add_trace(
                go.Scatter(
                    x=seg_x,
                    y=seg_y,
                    mode="lines",
                    line={"width": 3 if main else 2, "color": color, "dash": "dash"},
                    opacity=1 if main else 0.75,
                    legendgroup=f"s{i}",
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
        points = [(px, v) for px, v, f in zip(x, ys, flags, strict=True) if f and v is not None]
        fig.add_trace(
            go.Scatter(
                x=[p for p, _ in points],
                y=[v for _, v in points],
                name=f"{plain(name)}: {PARTIAL_NAME}" if len(series) > 1 else PARTIAL_NAME,
                legendgroup=f"s{i}",
                mode="markers+text" if main else "markers",
                text=[angka(v) if main else "" for _, v in points],
                textposition="bottom center",
                textfont={"color": "#475569"},
                marker={"symbol": "circle-open", "size": 14 if main else 10, "color": color, "line": {"width": 3}},
                opacity=1 if main else 0.75,
                hovertemplate="%{fullData.name}<br>%{x}: %{y:.2f}<extra></extra>",
            )
        )
        shown_partial = True
    tick = {"size": TICK_SIZE}  # a slide restyles every font and margin (slide_fit)
    fig.update_yaxes(range=[ymin, 101], title="IKM", gridcolor="#E2E8F0", tickfont=tick)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x, tickfont=tick)
    fig.update_layout(showlegend=len(series) > 1 or shown_partial)
    fig = _layout(fig, title, 460 if not big else 620, big)
    # r: room for the band letters; l and b: the y labels (at most "100") with the title "IKM",
    # and one line of period labels, so automargin need not grow them (see _left_margin)
    return fig.update_layout(margin={"r": 40 if big else 28, "l": 78, "b": 36})


def mark_column(fig: go.Figure, index: int, *, color: str = "#0F172A") -> go.Figure:
    """Outline one category column (the selected period) of a trend or heatmap, drawn above the data."""
    fig.add_shape(
        type="rect",
        xref="x",
        yref="paper",
        x0=index - 0.5,
        x1=index + 0.5,
        y0=0,
        y1=1,
        line={"color": color, "width": 3},
        fillcolor="rgba(15, 23, 42, 0.05)",
        layer="above",
    )
    return fig


def legend_below(fig: go.Figure, extra_height: int = 70) -> go.Figure:
    """Move a figure's legend under the plot (for many series, where a legend on top would run
    into the title), growing the figure so the plot area keeps its size."""
    fig.update_layout(
        legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0, "xanchor": "left"},
        height=(fig.layout.height or 450) + extra_height,
        margin={"b": extra_height},
    )
    return fig


# ---------------------------------------------------------------- slides (Presentasi)
# Figures for a projected slide: every text in px from the slide's base size (skm.slides.SlideSize),
# the height the screen leaves, dark text on white. The functions above are reused as they are and
# restyled here, so a slide shows the same chart as the dashboard.

SLIDE_INK = "#0F172A"
_BAND_COLORS = {5: MUTU_COLORS["A"], 4: MUTU_COLORS["A"], 3: MUTU_COLORS["B"], 2: MUTU_COLORS["C"], 1: MUTU_COLORS["D"]}


def slide_fit(fig: go.Figure, base: int, height: int) -> go.Figure:
    """Restyle a figure for a slide: no title, every font at least `base` px in the ink colour,
    the given height, margins for the larger type (and, at the right, for the band letters of a
    trend, which sit beside the plot)."""
    beside = any(n.xanchor == "left" and (n.x or 0) >= 1 for n in fig.layout.annotations or ())
    fig.update_layout(
        title=None,
        height=height,
        autosize=True,
        font={"family": FONT, "size": base, "color": SLIDE_INK},
        legend={"font": {"size": base, "color": SLIDE_INK}, "title": {"font": {"size": base, "color": SLIDE_INK}}},
        margin={"l": 10, "r": round(base * 1.6) if beside else 20, "t": round(base * 2.2), "b": round(base * 0.8)},
        hoverlabel={"font": {"size": base}},
    )
    tick = {"size": base, "color": SLIDE_INK}
    fig.update_xaxes(tickfont=tick, title_font={"size": base, "color": SLIDE_INK}, automargin=True)
    fig.update_yaxes(tickfont=tick, title_font={"size": base, "color": SLIDE_INK}, automargin=True)
    for trace in fig.data:
        if "textfont" in trace:
            color = trace.textfont.color if trace.type == "heatmap" else SLIDE_INK
            trace.textfont = {"size": base, "color": color, "family": FONT}
    for note in fig.layout.annotations or ():
        note.font = {"size": base, "color": SLIDE_INK}
    return fig


def slide_rtl(
    names: Sequence[str], percents: Sequence[float | None], bands: Sequence[int | None], labels: Sequence[str]
) -> go.Figure:
    """% of the RTL realised per kelurahan (0–100, the whole scale), coloured by its evaluation
    band (skm.rtl.realisation_band); a kelurahan without a plan is grey, labelled as such."""
    colors = [NO_VALUE_COLOR if b is None else _BAND_COLORS.get(b, MUTU_COLORS["D"]) for b in bands]
    values = [0.0 if p is None else p * 100 for p in percents]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[plain(n) for n in names],
            orientation="h",
            marker_color=colors,
            text=[
                t if p is None else f"{angka(v, 0)}% · {t}" for v, p, t in zip(values, percents, labels, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(range=[0, 160], tickvals=[0, 25, 50, 75, 100], title="% kegiatan terlaksana", gridcolor="#CBD5E1")
    fig.update_yaxes(autorange="reversed", type="category", ticks="")
    fig.update_layout(showlegend=False, paper_bgcolor="white", plot_bgcolor="white", separators=",.", bargap=0.3)
    return fig


def slide_unsur_spread(
    codes: Sequence[str],
    values: Sequence[Sequence[tuple[str, float]]],
    lowest_units: Sequence[Sequence[str]],
    base: int,
) -> go.Figure:  # base: marker sizes follow the slide's type size
    """Per unsur (rows, lowest first) every child unit's NRR as a grey dot, the mean as a black
    diamond and the lowest as a large dot in its mutu colour labelled with the unit; the lowest
    unsur of all is named in bold."""
    rows = [f"{c} {UNSUR[c].short}" for c in codes]
    all_values = [v for vs in values for _, v in vs]
    low = min(all_values, default=3.0)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[v for vs in values for _, v in vs],
            y=[r for r, vs in zip(rows, values, strict=True) for _ in vs],
            mode="markers",
            marker={"size": base * 0.55, "color": "#64748B"},
            name="kelurahan",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[sum(v for _, v in vs) / len(vs) for vs in values],
            y=rows,
            mode="markers",
            marker={"size": base * 0.8, "color": SLIDE_INK, "symbol": "diamond"},
            name="rata-rata",
            hoverinfo="skip",
        )
    )
    lows = [min(v for _, v in vs) for vs in values]
    fig.add_trace(
        go.Scatter(
            x=lows,
            y=rows,
            mode="markers+text",
            marker={"size": base * 1.1, "color": [MUTU_COLORS[mutu_nrr(v).letter] for v in lows]},
            text=[
                f"{angka(v)} {plain(', '.join(names))}" if i else f"<b>{angka(v)} {plain(', '.join(names))}</b>"
                for i, (v, names) in enumerate(zip(lows, lowest_units, strict=True))
            ],
            textposition="middle left",
            cliponaxis=False,
            name="terendah",
            hoverinfo="skip",
        )
    )
    start = max(1.0, int(low * 10) / 10 - 0.5)
    fig.update_xaxes(range=[start, 4.02], title="NRR (skala 1–4)", gridcolor="#CBD5E1", zeroline=False)
    fig.update_yaxes(
        autorange="reversed",
        type="category",
        ticks="",
        tickvals=rows,
        ticktext=[f"<b>{r}</b>" if i == 0 else r for i, r in enumerate(rows)],
    )
    fig.update_layout(
        paper_bgcolor="white",
        plot_bgcolor="white",
        separators=",.",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
    )
    return fig
