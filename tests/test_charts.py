"""The figures of skm.charts read as values: the heatmap shades inside each mutu band so the seed's
all-A Tabel 1 still shows its lowest cell, its column headers are markup not escaped HTML, and
IKM bars start at 0 with every label inside its bar (issue 15)."""

from __future__ import annotations

import pytest

from skm import charts
from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo
from skm.storage import Store
from skm.summary import unit_summary
from skm.unsur import CODES


@pytest.fixture(scope="module")
def seed_summary(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("charts") / "skm.duckdb")
    ensure_demo(store)
    result = unit_summary(store, store.find_unit(SEED_UNIT), SEED_PERIOD)
    store.close()
    assert result is not None
    return result


def colour_at(scale: list, z: float) -> tuple[int, ...]:
    """The colour plotly draws for z on a 0–4 heatmap with this colorscale (linear between stops)."""
    t = z / 4
    for (a, ca), (b, cb) in zip(scale, scale[1:], strict=False):
        if a <= t <= b and b > a:
            f = (t - a) / (b - a)
            rgb_a = [int(ca[i : i + 2], 16) for i in (1, 3, 5)]
            rgb_b = [int(cb[i : i + 2], 16) for i in (1, 3, 5)]
            return tuple(round(x + (y - x) * f) for x, y in zip(rgb_a, rgb_b, strict=True))
    raise AssertionError(z)


def test_seed_tabel1_all_a_still_shows_its_lowest_cell(seed_summary):
    parts = seed_summary.score.parts
    values = [[p.nrr[c] for c in CODES] for p in parts]
    flat = [v for row in values for v in row]
    assert {charts.mutu_letter(v, "nrr") for v in flat} == {"A"}  # the flat green block of the issue
    fig = charts.heatmap([p.name for p in parts], CODES, values, scale="nrr")
    trace = fig.data[0]
    cells = [(v, z) for row_v, row_z in zip(values, trace.z, strict=True) for v, z in zip(row_v, row_z, strict=True)]
    (low, z_low), (high, z_high) = min(cells), max(cells)
    assert round(low, 2) == 3.93 and high > low
    scale = [list(stop) for stop in trace.colorscale]
    c_low, c_high = colour_at(scale, z_low), colour_at(scale, z_high)
    assert sum(abs(a - b) for a, b in zip(c_low, c_high, strict=True)) > 150, (c_low, c_high)
    assert 3 <= z_low < z_high < 4  # both inside band A: the band legend still holds
    assert sorted(t.name for t in fig.data[1:]) == ["A Sangat Baik", "B Baik", "C Kurang Baik", "D Tidak Baik"]
    assert trace.textfont.color is None  # plotly picks dark text on the light cells


def test_bands_keep_their_order_whatever_the_shading():
    fig = charts.heatmap(["x"], ["a", "b", "c", "d"], [[3.99, 3.54, 3.5, 2.0]], scale="nrr")
    z = fig.data[0].z[0]
    assert z[0] > z[1] >= 3 > z[2] >= 2 and 0 <= z[3] < 1


def test_heatmap_period_headers_are_markup_wrapped_not_escaped():
    labels = ["Semester I 2024", "<b>Semester II 2024</b>", "Semester I 2025"]
    fig = charts.heatmap(["U1"], labels, [[3.5, 3.6, 3.7]], column_labels=labels)
    shown = list(fig.data[0].x)
    assert shown == ["Semester I<br>2024", "<b>Semester II</b><br><b>2024</b>", "Semester I<br>2025"]
    assert not [x for x in shown if "&lt;" in x]
    escaped = charts.heatmap(["U1"], ["<b>x</b>"], [[3.5]])  # plain names are still shown literally
    assert list(escaped.data[0].x) == ["&lt;b&gt;x&lt;/b&gt;"]


def test_ikm_bars_start_at_zero_with_labels_inside_and_bounds_above(seed_summary):
    parts = seed_summary.score.parts
    fig = charts.ikm_bars([p.name for p in parts], [p.ikm for p in parts])
    assert fig.layout.xaxis.range[0] == 0 and fig.layout.xaxis.range[1] >= 100
    bar = fig.data[0]
    assert bar.textposition == "inside" and bar.insidetextanchor == "end"
    assert all(t.endswith("(A)") for t in bar.text)
    bounds = [s.x0 for s in fig.layout.shapes]
    assert bounds == [88.31, 76.61, 65.0] and all(s.layer == "below" for s in fig.layout.shapes)
    # Band letters above the plot, each in the middle of its band (never on a bound's line), and
    # the bounds' numbers in the axis title.
    letters = {a.text: a.x for a in fig.layout.annotations}
    assert letters == {"D": 32.5, "C": (65 + 76.61) / 2, "B": (76.61 + 88.31) / 2, "A": (88.31 + 100) / 2}
    assert all(a.yref == "paper" and a.y >= 1 for a in fig.layout.annotations)
    assert "A ≥ 88,31" in fig.layout.xaxis.title.text


def test_a_y_label_width_grows_with_its_text_and_size():
    short, long_ = charts.label_width("Kel. Makasar", 12), charts.label_width("Kel. Halim Perdanakusuma", 12)
    assert 0 < short < long_
    assert charts.label_width("Kel. Makasar", 14) > short
    assert charts.label_width("", 12) == 0


@pytest.mark.parametrize(
    "build",
    [
        lambda names: charts.heatmap(names, CODES, [[3.5] * 9 for _ in names], column_labels=charts.unsur_columns()),
        lambda names: charts.ikm_bars(names, [90.0] * len(names), title="IKM"),
    ],
    ids=["heatmap", "ikm_bars"],
)
def test_the_left_margin_already_holds_the_widest_label(build):
    """plotly's automargin would grow a margin too small for the labels after drawing the chart,
    then draw it all again: the figure's own margin must already hold its widest y label (as typed:
    '&' counts as one character, not as '&amp;')."""
    names = ["PPSU", "Kel. Halim Perdanakusuma & Kebon Pala <Utara>", "Kel. Makasar"]
    fig = build(names)
    axis = fig.layout.yaxis
    size = axis.tickfont.size
    assert size is not None and fig.layout.margin.l >= charts.label_width(names[1], size) + 19
    # ... and not much more: the plot keeps its width
    assert fig.layout.margin.l <= charts.label_width(names[1], size) + 19 + 8
    assert axis.automargin  # still there for a font wider than the one measured


def test_the_heatmap_bottom_margin_grows_with_its_rows_for_the_legend():
    small = charts.heatmap(["a"], CODES, [[3.5] * 9], title="t")
    tall = charts.heatmap([str(i) for i in range(12)], CODES, [[3.5] * 9] * 12, title="t")
    assert tall.layout.margin.b > small.layout.margin.b >= 57


def test_shade_colors_are_the_heatmaps_own_colours():
    """The HTML heatmap's cell colours are what plotly's colour scale gives the same cells' z."""
    import itertools

    from plotly.colors import find_intermediate_color, hex_to_rgb

    values = [[3.93, 3.97, 3.2, None], [2.9, 3.5, 1.7, 3.99]]
    fig = charts.heatmap(["a", "b"], ["U1", "U2", "U3", "U4"], values, scale="nrr")
    trace = fig.data[0]
    colors = charts.shade_colors(values, "nrr")
    for z_row, color_row in zip(trace.z, colors, strict=True):
        for z, color in zip(z_row, color_row, strict=True):
            if z is None:
                assert color is None
                continue
            # the segment of plotly's colour scale z falls in (stops may repeat a position)
            stops = [(float(at), hex_to_rgb(c)) for at, c in trace.colorscale]
            (p0, c0), (p1, c1) = next(
                (a, b) for a, b in itertools.pairwise(stops) if a[0] < b[0] and a[0] <= z / 4 <= b[0]
            )
            expected = find_intermediate_color(c0, c1, (z / 4 - p0) / (p1 - p0), colortype="tuple")
            rgb = tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
            want = tuple(round(x) for x in expected)
            assert max(abs(a - b) for a, b in zip(rgb, want, strict=True)) <= 1, (z, color, expected)
    # Inside a band the lowest value is the lightest: PPSU's 3,93 does not look like 3,97.
    low, high = colors[0][0], colors[0][1]
    assert sum(int(low[i : i + 2], 16) for i in (1, 3, 5)) > sum(int(high[i : i + 2], 16) for i in (1, 3, 5))


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_ink_on_every_shade_of_every_band_reads():
    """The text in a heatmap cell keeps WCAG's 4,5:1 contrast on every shade, light to full."""
    for letter in charts.MUTU_COLORS:
        for step in range(11):
            light = charts._mix(charts.MUTU_COLORS[letter], charts.LIGHTEST)
            bg = charts._blend(light, charts.MUTU_COLORS[letter], step / 10)
            ink = charts.ink_on(bg)
            lighter, darker = sorted((_luminance(bg), _luminance(ink)), reverse=True)
            assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (letter, step, bg, ink)
