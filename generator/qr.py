"""QR codes: the qrcode library encodes; we draw small SVG files (one path of merged runs) and,
for preview cards, PIL images, both from the same module matrix."""

from functools import lru_cache
from xml.sax.saxutils import quoteattr

import qrcode
from qrcode.constants import ERROR_CORRECT_M


@lru_cache(maxsize=None)  # a procedure's SVG code and its preview card share one encoding
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """Dark (True) and light modules of the QR code for `data`, quiet zone of 4 modules included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def qr_svg(data: str) -> bytes:
    """An SVG QR code for `data`, with the quiet zone, scalable to any print size."""
    matrix = qr_matrix(data)
    size = len(matrix)
    path = "".join(_row_runs(row, y) for y, row in enumerate(matrix))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"'
        f' role="img" aria-label={quoteattr("Mã QR: " + data)}>'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>'
    )
    return svg.encode()


def _row_runs(row: tuple[bool, ...], y: int) -> str:
    """One rectangle per horizontal run of dark modules: "M4,7h3v1h-3z"."""
    out, x = [], 0
    while x < len(row):
        if row[x]:
            start = x
            while x < len(row) and row[x]:
                x += 1
            out.append(f"M{start},{y}h{x - start}v1h-{x - start}z")
        else:
            x += 1
    return "".join(out)
