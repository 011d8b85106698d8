"""Bar charts as inline SVG, drawn at build time: no chart library is sent to the phone.

Each chart is an image with a text title; the table beside it carries the same numbers for
screen readers and for printing.
"""

import textwrap
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

# Sized so that, drawn 328 px wide on a 360 px phone, the 13-unit text stays readable.
WIDTH = 355
BAR_WIDTH = WIDTH - 40  # the rest holds the row's total
LINE_HEIGHT = 16
BAR_HEIGHT = 16
ROW_GAP = 10
LEGEND_ROW = 22
# A label line this long stays inside the chart: 13-unit text at 0.55 em a letter, more than Vietnamese
# words in sentence case take.
LABEL_CHARS = 48


def stacked_bars(title: str, rows: list[tuple[str, list[int]]], series: list[tuple[str, str]]) -> Markup:
    """Horizontal stacked bars: rows of (label, one value per series); series of (name, colour).
    Each label stands whole above its bar, wrapped over as many lines as it needs: cut short beside
    it, the two "Liên thông khai sinh – …" fields both read "Liên thông khai sinh…"."""
    longest = max((sum(values) for _, values in rows), default=0) or 1
    labels = [textwrap.wrap(label, LABEL_CHARS, break_long_words=False) or [""] for label, _ in rows]
    rows_height = sum(len(lines) * LINE_HEIGHT + BAR_HEIGHT + ROW_GAP for lines in labels)
    height = rows_height + LEGEND_ROW * ((len(series) + 1) // 2) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label={quoteattr(title)} class="tthc-chart" font-size="13"><title>{escape(title)}</title>']
    y = 0
    for (label, values), lines in zip(rows, labels):
        # The lines' spaces stay in the text, so that it reads as the whole label.
        spans = "".join(f'<tspan x="0" y="{y + 12 + index * LINE_HEIGHT}">{escape(line)}{" " if index < len(lines) - 1 else ""}</tspan>'
                        for index, line in enumerate(lines))
        parts.append(f'<text class="tthc-chart__label" fill="#1a1a1a">{spans}</text>')
        y += len(lines) * LINE_HEIGHT
        x = 0
        for (name, colour), value in zip(series, values):
            bar = BAR_WIDTH * value / longest
            if bar:
                parts.append(f'<rect x="{x:.1f}" y="{y + 1}" width="{bar:.1f}" height="{BAR_HEIGHT - 2}" fill="{colour}">'
                             f'<title>{escape(label)}: {escape(name)} {value}</title></rect>')
            x += bar
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}" fill="#1a1a1a">{sum(values)}</text>')
        y += BAR_HEIGHT + ROW_GAP
    for index, (name, colour) in enumerate(series):
        x, top = (index % 2) * (WIDTH // 2), y + (index // 2) * LEGEND_ROW
        parts.append(f'<rect x="{x}" y="{top}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{top + 10}" fill="#1a1a1a">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # safe: every text above went through escape() or quoteattr()
