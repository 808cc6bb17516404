"""Accessible bar charts drawn on the server as SVG: role="img", a title and a description, presentation
attributes and CSS classes only (the Content-Security-Policy forbids inline style); the page puts the same figures
in a table right after each chart."""

from django.utils.html import format_html, format_html_join

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 90
ROW_HEIGHT = 30
BAR_HEIGHT = 18


def bar_chart(chart_id, title, description, rows, maximum=None):
    """`rows`: dicts with "label", "value" (a number or None) and "display" (the formatted figure)."""
    values = [row["value"] or 0 for row in rows]
    maximum = maximum or max(values, default=0) or 1
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW_HEIGHT * len(rows) + 10
    bars = []
    for position, row in enumerate(rows):
        y = 5 + position * ROW_HEIGHT
        width = round(bar_space * (row["value"] or 0) / maximum, 1)
        label = row["label"] if len(row["label"]) <= 32 else row["label"][:31] + "…"
        bars.append(
            (
                y + 19,
                label,
                LABEL_WIDTH,
                y + 6,
                width,
                BAR_HEIGHT,
                "chart-bar chart-bar--alt" if position % 2 else "chart-bar",
                "#8a3b00" if position % 2 else "#1f4e8c",
                LABEL_WIDTH + width + 6,
                y + 19,
                row["display"],
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" class="chart-text" fill="#1c1c22" font-size="14">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="{}" fill="{}"/>'
        '<text x="{}" y="{}" class="chart-text" fill="#1c1c22" font-size="14">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="dashboard-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        '<line x1="{axis}" y1="0" x2="{axis}" y2="{height}" stroke="#767684" stroke-width="1"/>{body}</svg>',
        width=WIDTH,
        height=height,
        id=chart_id,
        title=title,
        description=description,
        axis=LABEL_WIDTH,
        body=body,
    )
