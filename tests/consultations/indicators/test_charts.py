"""The dashboard's bar charts as drawn: text legible once the SVG is scaled to a phone's width, labels whole and
wrapped (never cut), one colour when colour means nothing, a legend and hatching when it means a series."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from consultations.indicators import charts

SVG = "{http://www.w3.org/2000/svg}"
CSS = Path(charts.__file__).parent / "static" / "consultations" / "css" / "dashboard.css"
CONTAINER_PADDING = 2 * 16  # .container: 1rem each side (site.css)

LONG_LABELS = [
    "Contributions ayant reçu une réponse",  # 36 characters: cut at 32 before issue 18
    "Part des concertations dont le bilan est paru au plus tard à la date promise",
    "Anticonstitutionnellementissimement-inventé",  # one word longer than a line
    "Court",
]


def rows(labels=LONG_LABELS, **extra):
    return [
        {"label": label, "value": 10 * (position + 1), "display": f"{10 * (position + 1)},0 %", **extra}
        for position, label in enumerate(labels)
    ]


def draw(chart_rows, **options):
    svg = charts.bar_chart("chart-test", "Un titre", "Une description.", chart_rows, **options)
    return svg, ET.fromstring(str(svg))  # noqa: S314 (our own output)


def css_max_width():
    """The chart's CSS max-width in px, as dashboard.css sets it (in rem, 16 px each)."""
    rule = re.search(r"\.dashboard-chart \{[^}]*max-width: ([\d.]+)rem", CSS.read_text())
    return float(rule.group(1)) * 16


def rendered_width(screen):
    """The chart's width on a screen `screen` px wide: the container's width, up to the CSS max-width."""
    return min(screen - CONTAINER_PADDING, css_max_width())


def test_the_css_draws_the_chart_within_the_widths_its_text_size_was_chosen_for():
    assert rendered_width(320) == charts.MIN_RENDERED_WIDTH
    assert css_max_width() == charts.MAX_RENDERED_WIDTH


@pytest.mark.parametrize("screen", [320, 375, 1280])
def test_every_text_is_at_least_12_px_as_rendered(screen):
    _svg, root = draw(rows(), series=None)
    view_width = float(root.get("viewBox").split()[2])
    texts = root.iter(f"{SVG}text")
    sizes = [float(text.get("font-size")) * rendered_width(screen) / view_width for text in texts]
    assert sizes and min(sizes) >= 12
    # The class's CSS font-size (which wins over the attribute) is the same user-unit size.
    assert re.search(r"\.chart-text \{[^}]*font-size: (\d+)px", CSS.read_text()).group(1) == str(charts.FONT_SIZE)
    if screen == 375:
        assert min(sizes) == pytest.approx(14 * 343 / 320)


def label_lines(root):
    """Each bar's label as drawn, its lines joined: the texts before each value (the figure after its bar)."""
    labels, current = [], []
    for text in root.findall(f"{SVG}text"):  # not the legend's, drawn in groups
        if "chart-value" in text.get("class"):
            labels.append(current)
            current = []
        else:
            current.append(text.text)
    return labels


def test_labels_are_whole_wrapped_above_their_bar_and_never_cut():
    svg, root = draw(rows())
    assert "…" not in str(svg)
    drawn = label_lines(root)
    assert [" ".join(lines) for lines in drawn[:2]] == LONG_LABELS[:2]
    assert "".join(drawn[2]) == LONG_LABELS[2]  # split, not dropped
    assert drawn[3] == ["Court"]
    assert len(drawn[1]) >= 3
    for lines in drawn:
        for line in lines:
            # Within the width at the widest character of the usual fonts, starting at the left edge.
            assert len(line) * 0.62 * charts.FONT_SIZE <= charts.WIDTH
    # Each label sits above its bar, across the whole width: its lines start at x=0, higher than the bar.
    bars = [rect for rect in root.iter(f"{SVG}rect") if "chart-bar" in rect.get("class", "")]
    texts = [text for text in root.findall(f"{SVG}text") if "chart-value" not in text.get("class")]
    assert all(text.get("x") == "0" for text in texts)
    first_bar_top = float(bars[0].get("y"))
    assert all(float(text.get("y")) < first_bar_top for text in texts[: len(drawn[0])])


def test_the_longest_bar_and_its_figure_fit_in_the_chart():
    _svg, root = draw(rows(), maximum=40)
    values = [text for text in root.iter(f"{SVG}text") if "chart-value" in text.get("class")]
    last = values[-1]
    assert last.text == "40,0 %"
    assert float(last.get("x")) + len(last.text) * 0.62 * charts.FONT_SIZE <= charts.WIDTH


def test_bars_of_one_series_have_one_colour_and_no_legend():
    _svg, root = draw(rows())
    bars = [rect for rect in root.iter(f"{SVG}rect") if "chart-bar" in rect.get("class", "")]
    assert len(bars) == len(LONG_LABELS)
    assert {(rect.get("fill"), rect.get("class")) for rect in bars} == {("#1f4e8c", "chart-bar")}
    assert root.find(f".//{SVG}g[@class='chart-legend']") is None


def test_two_series_have_a_legend_and_the_second_is_hatched_as_well_as_coloured():
    chart_rows = [
        {"label": "2026 – en ligne", "value": 120, "display": "120", "series": "online"},
        {"label": "2026 – en personne", "value": 40, "display": "40", "series": "in_person"},
    ]
    _svg, root = draw(
        chart_rows, series=[("online", "Participants en ligne"), ("in_person", "Participants en personne")]
    )
    legend = root.findall(f".//{SVG}g[@class='chart-legend']")
    assert [entry.find(f"{SVG}text").text for entry in legend] == ["Participants en ligne", "Participants en personne"]
    swatches = [entry.find(f"{SVG}rect") for entry in legend]
    bars = [rect for rect in root.iter(f"{SVG}rect") if "chart-bar" in rect.get("class", "")][len(legend) :]
    # Each bar looks like its series' swatch in the legend; the second series is hatched (not colour alone).
    assert [bar.get("fill") for bar in bars] == [swatch.get("fill") for swatch in swatches]
    assert bars[0].get("fill") == "#1f4e8c"
    assert bars[1].get("fill") == "url(#chart-test-hatch)" and bars[1].get("stroke") == "#8a3b00"
    assert root.find(f".//{SVG}pattern[@id='chart-test-hatch']") is not None
    # The label says the series in words too.
    assert [" ".join(lines) for lines in label_lines(root)] == ["2026 – en ligne", "2026 – en personne"]
    with pytest.raises(ValueError):
        draw(chart_rows, series=[("a", "A"), ("b", "B"), ("c", "C")])


def luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour, background="#ffffff"):
    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_colours_contrast_with_the_page():
    for style in charts.SERIES_STYLES:
        assert contrast(style["fill"]) >= 3  # a bar, or a hatched bar's outline and stripes
    assert contrast(charts.AXIS_COLOUR) >= 3
    assert contrast(charts.TEXT_COLOUR) >= 4.5


def test_an_empty_chart_and_unknown_values_draw_without_error():
    svg, root = draw([{"label": "Rien", "value": None, "display": "–"}])
    assert root.get("role") == "img" and "style=" not in str(svg)
    assert draw([])[1].get("viewBox").startswith("0 0 320 ")
