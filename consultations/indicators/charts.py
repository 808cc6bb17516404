"""Accessible bar charts drawn on the server as SVG: role="img", a title and a description, presentation
attributes and CSS classes only (the Content-Security-Policy forbids inline style); the page puts the same figures
in a table right after each chart.

Drawn for the narrowest screen: each label sits above its bar, across the whole width and wrapped onto as many lines
as it needs (never cut), in a viewBox narrow enough that its text stays legible once the SVG is scaled down to a
320 px screen (dashboard.css draws the chart between MIN_RENDERED_WIDTH and MAX_RENDERED_WIDTH CSS pixels)."""

import math
import textwrap

from django.utils.html import format_html, format_html_join

WIDTH = 320  # viewBox width, in user units
FONT_SIZE = 14  # user units: 14 × 288 / 320 = 12.6 CSS px on a 320 px screen, 14 × 448 / 320 = 19.6 at most
MIN_RENDERED_WIDTH = 288  # a 320 px screen less the container's padding (1rem each side)
MAX_RENDERED_WIDTH = 448  # dashboard.css: .dashboard-chart { max-width: 28rem }
LINE_HEIGHT = 18
# Characters per label line: at most 0.62 em each in the common sans-serif fonts, 32 × 0.62 × 14 ≈ 278 < WIDTH.
LABEL_CHARACTERS = 32
CHARACTER_WIDTH = 0.62 * FONT_SIZE  # to keep room for the figure written after the longest bar
BAR_HEIGHT = 16
ROW_GAP = 14
LEGEND_SWATCH = 14

TEXT_COLOUR = "#1c1c22"  # --color-text: 16.6:1 on white
AXIS_COLOUR = "#767684"  # --color-border: 4.5:1 on white
# One colour per series, each at least 3:1 on white; the second series is also hatched, and a legend names both.
SERIES_STYLES = (
    {"class": "chart-bar", "fill": "#1f4e8c", "pattern": False},  # --color-primary: 8.1:1 on white
    {"class": "chart-bar chart-bar--hatched", "fill": "#8a3b00", "pattern": True},  # --color-accent: 7.0:1
)


def wrap(label):
    """A label's lines, each short enough to fit the chart's width; nothing is ever dropped."""
    return textwrap.wrap(str(label), LABEL_CHARACTERS, break_long_words=True, break_on_hyphens=True) or [""]


def bar_chart(chart_id, title, description, rows, maximum=None, series=None):
    """`rows`: dicts with "label", "value" (a number or None), "display" (the formatted figure) and, when `series`
    is given, "series" (one of its keys). `series`: (key, label) pairs, at most two; the chart then opens with a
    legend, and the bars of the second series are hatched as well as coloured (never colour alone). Without
    `series`, every bar has the same colour: colour means nothing."""
    series = list(series or [])
    if len(series) > len(SERIES_STYLES):
        raise ValueError(f"A chart shows at most {len(SERIES_STYLES)} series.")
    style_of = {key: SERIES_STYLES[position] for position, (key, _label) in enumerate(series)}
    values = [row["value"] or 0 for row in rows]
    maximum = maximum or max(values, default=0) or 1
    longest_figure = max((len(str(row["display"])) for row in rows), default=1)
    bar_space = WIDTH - 1 - 6 - max(math.ceil(longest_figure * CHARACTER_WIDTH), 40)  # axis, gap, figure
    parts = []
    y = 4
    for position, (key, label) in enumerate(series):
        parts.append(legend_entry(chart_id, style_of[key], label, y))
        y += LINE_HEIGHT + 4
        if position == len(series) - 1:
            y += 6
    for row in rows:
        for line in wrap(row["label"]):
            y += LINE_HEIGHT
            parts.append(text(0, y - 4, line))
        y += 3
        width = round(bar_space * min(row["value"] or 0, maximum) / maximum, 1)
        style = style_of.get(row.get("series"), SERIES_STYLES[0])
        parts.append(
            format_html(
                '<line x1="0.5" y1="{}" x2="0.5" y2="{}" stroke="{}" stroke-width="1"/>',
                y - 2,
                y + BAR_HEIGHT + 2,
                AXIS_COLOUR,
            )
        )
        parts.append(bar(chart_id, style, 1, y, width, BAR_HEIGHT))
        parts.append(text(1 + width + 6, y + BAR_HEIGHT - 3, row["display"], extra_class=" chart-value"))
        y += BAR_HEIGHT + ROW_GAP
    height = y - ROW_GAP + 6
    defs = ""
    if any(style["pattern"] for style in style_of.values()):
        hatched = next(style for style in style_of.values() if style["pattern"])
        defs = format_html(
            '<defs><pattern id="{}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            '<rect width="3" height="6" fill="{}"/></pattern></defs>',
            chart_id,
            hatched["fill"],
        )
    return format_html(
        '<svg class="dashboard-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{defs}{body}</svg>',
        width=WIDTH,
        height=height,
        id=chart_id,
        title=title,
        description=description,
        defs=defs,
        body=format_html_join("", "{}", ((part,) for part in parts)),
    )


def text(x, y, content, extra_class=""):
    return format_html(
        '<text x="{}" y="{}" class="chart-text{}" fill="{}" font-size="{}">{}</text>',
        x,
        y,
        extra_class,
        TEXT_COLOUR,
        FONT_SIZE,
        content,
    )


def bar(chart_id, style, x, y, width, height):
    """A bar; a hatched one is outlined in its colour too, so that its edge keeps the 3:1 contrast."""
    if style["pattern"]:
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" class="{}" fill="url(#{}-hatch)" stroke="{}" '
            'stroke-width="1.5"/>',
            x,
            y,
            width,
            height,
            style["class"],
            chart_id,
            style["fill"],
        )
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" class="{}" fill="{}"/>',
        x,
        y,
        width,
        height,
        style["class"],
        style["fill"],
    )


def legend_entry(chart_id, style, label, y):
    return format_html(
        '<g class="chart-legend">{}{}</g>',
        bar(chart_id, style, 1, y, LEGEND_SWATCH, LEGEND_SWATCH),
        text(LEGEND_SWATCH + 8, y + LEGEND_SWATCH - 2, label),
    )
