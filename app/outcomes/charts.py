"""Bar charts drawn on the server as inline SVG (no JavaScript, no chart library).

Each chart is an image with a <title> and <desc> (role="img", aria-labelledby both), and the
template puts a table with the same numbers beside it: the table is what screen readers and
copy-paste use, the chart is for the eye.
"""

from __future__ import annotations

from markupsafe import Markup

BAR = 22
GAP = 8
LABEL_WIDTH = 190
BAR_WIDTH = 300
VALUE_WIDTH = 70


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(chart_id: str, title: str, desc: str, rows: list[tuple[str, float]]) -> Markup:
    """A horizontal bar chart: one bar per (label, value); the longest bar is the largest value.
    Every value goes through Markup.format, which escapes it."""
    top = max((v for _, v in rows), default=0) or 1
    height = max(len(rows), 1) * (BAR + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [Markup('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{id}" role="img" width="{w}" '
                    'height="{h}" viewBox="0 0 {w} {h}" aria-labelledby="{id}-title {id}-desc">'
                    '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>')
             .format(id=chart_id, w=width, h=height, title=title, desc=desc)]
    for n, (label, value) in enumerate(rows):
        y = GAP + n * (BAR + GAP)
        length = round(BAR_WIDTH * (value or 0) / top)
        parts.append(Markup('<g class="bar" data-label="{label}" data-value="{value}">'
                            '<text x="{lx}" y="{ty}" text-anchor="end">{shown}</text>'
                            '<rect x="{bx}" y="{y}" width="{length}" height="{bar}" fill="currentColor"></rect>'
                            '<text x="{vx}" y="{ty}">{value}</text></g>').format(
            label=label, value=_number(value), lx=LABEL_WIDTH - 6, ty=f"{y + BAR * 0.7:g}",
            shown=label if len(label) <= 28 else label[:27] + "…", bx=LABEL_WIDTH, y=y, length=length, bar=BAR,
            vx=LABEL_WIDTH + length + 6))
    return Markup("").join(parts) + Markup("</svg>")
