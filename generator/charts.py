"""Bar charts as inline SVG, drawn at build time: no chart library is sent to the phone.

Each chart is an image with a text title; the table beside it carries the same numbers for
screen readers and for printing.
"""

from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

# Sized so that, drawn 328 px wide on a 360 px phone, the 13-unit text stays readable.
ROW_HEIGHT = 30
LABEL_WIDTH = 150
BAR_WIDTH = 165
LEGEND_ROW = 22


def stacked_bars(title: str, rows: list[tuple[str, list[int]]], series: list[tuple[str, str]]) -> Markup:
    """Horizontal stacked bars: rows of (label, one value per series); series of (name, colour)."""
    longest = max((sum(values) for _, values in rows), default=0) or 1
    height = len(rows) * ROW_HEIGHT + LEGEND_ROW * ((len(series) + 1) // 2) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label={quoteattr(title)} class="tthc-chart" font-size="13"><title>{escape(title)}</title>']
    for index, (label, values) in enumerate(rows):
        y = index * ROW_HEIGHT
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 17}" text-anchor="end" fill="#1a1a1a">{escape(_short(label))}</text>')
        x = LABEL_WIDTH
        for (name, colour), value in zip(series, values):
            bar = BAR_WIDTH * value / longest
            if bar:
                parts.append(f'<rect x="{x:.1f}" y="{y + 6}" width="{bar:.1f}" height="16" fill="{colour}">'
                             f'<title>{escape(label)}: {escape(name)} {value}</title></rect>')
            x += bar
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 18}" fill="#1a1a1a">{sum(values)}</text>')
    legend_top = len(rows) * ROW_HEIGHT + 6
    for index, (name, colour) in enumerate(series):
        x, y = (index % 2) * (width // 2), legend_top + (index // 2) * LEGEND_ROW
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y + 10}" fill="#1a1a1a">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # safe: every text above went through escape() or quoteattr()


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
