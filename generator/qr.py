"""QR codes: the qrcode library encodes; we choose the mask and draw small SVG files (one path of
merged runs) and, for preview cards, PIL images, both from the same module matrix."""

from functools import lru_cache
from xml.sax.saxutils import quoteattr

import numpy as np
import qrcode
from qrcode.constants import ERROR_CORRECT_M


@lru_cache(maxsize=None)  # a procedure's SVG code and its preview card share one encoding
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """Dark (True) and light modules of the QR code for `data`, quiet zone of 4 modules included.

    The same code as `qrcode`'s own `make()`: the library places the data and draws the result; only
    its choice among the 8 masks (8 placements and penalty scores in pure Python, 90% of the time) is
    done here on arrays, by the same rules, so the same mask wins.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.best_fit()
    code.makeImpl(True, 0)  # placed as qrcode scores it: format and version areas light
    candidates = _all_masks(np.array(code.modules, dtype=bool), code.version)
    best = _best_mask(candidates)
    # What makeImpl(False, best) would give: the chosen placement, then the format (and version) bits.
    code.modules = candidates[best].tolist()
    code.setup_type_info(False, best)
    if code.version >= 7:
        code.setup_type_number(False)
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


def _all_masks(placed_with_mask_0: np.ndarray, version: int) -> np.ndarray:
    """The code under each of the 8 masks, (8, size, size): only data modules change with the mask."""
    masks = _mask_patterns(len(placed_with_mask_0))
    return placed_with_mask_0 ^ (_data_modules(version) & (masks[0] ^ masks))


def _best_mask(candidates: np.ndarray) -> int:
    """The mask `qrcode` would pick: the lowest penalty of ISO/IEC 18004's four rules, the first on a tie."""
    size = candidates.shape[1]
    lines = np.concatenate([candidates, candidates.transpose(0, 2, 1)], axis=1)  # rows, then columns
    penalty = _runs_penalty(lines) + _blocks_penalty(candidates) + _finder_penalty(lines)
    penalty += [_balance_penalty(int(dark), size) for dark in candidates.sum(axis=(1, 2))]
    return int(np.argmin(penalty))


@lru_cache(maxsize=None)
def _data_modules(version: int) -> np.ndarray:
    """Where a code of this version holds data: what qrcode's function patterns leave empty."""
    code = qrcode.QRCode(version=version)
    code.modules_count = size = version * 4 + 17
    code.modules = [[None] * size for _ in range(size)]
    code.setup_position_probe_pattern(0, 0)
    code.setup_position_probe_pattern(size - 7, 0)
    code.setup_position_probe_pattern(0, size - 7)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(True, 0)
    if version >= 7:
        code.setup_type_number(True)
    return np.array([[module is None for module in row] for row in code.modules])


@lru_cache(maxsize=None)
def _mask_patterns(size: int) -> np.ndarray:
    """The 8 masks' conditions as arrays, (8, size, size), from qrcode's own mask functions."""
    return np.array(
        [[[qrcode.util.mask_func(k)(i, j) for j in range(size)] for i in range(size)] for k in range(8)]
    )


def _runs_penalty(lines: np.ndarray) -> np.ndarray:
    """Rule 1: each run of 5 or more same-coloured modules costs its length less 2."""
    masks, count, size = lines.shape
    starts = np.ones((masks * count, size + 1), dtype=bool)  # the last column ends every line's run
    flat = lines.reshape(masks * count, size)
    starts[:, 1:size] = flat[:, 1:] != flat[:, :-1]
    where = np.flatnonzero(starts)
    lengths = np.diff(where)
    cost = np.where(lengths >= 5, lengths - 2, 0)
    return np.bincount(where[:-1] // ((size + 1) * count), weights=cost, minlength=masks).astype(int)


def _blocks_penalty(codes: np.ndarray) -> np.ndarray:
    """Rule 2: 3 for each 2×2 block of one colour (overlapping blocks all count)."""
    corner = codes[:, :-1, :-1]
    same = (corner == codes[:, 1:, :-1]) & (corner == codes[:, :-1, 1:]) & (corner == codes[:, 1:, 1:])
    return same.sum(axis=(1, 2)) * 3


_FINDER_LIKE = (
    (True, False, True, True, True, False, True, False, False, False, False),
    (False, False, False, False, True, False, True, True, True, False, True),
)


def _finder_penalty(lines: np.ndarray) -> np.ndarray:
    """Rule 3: 40 for each 1:1:3:1:1 dark-light pattern with 4 light modules on one side."""
    windows = lines.shape[2] - 10
    total = np.zeros(lines.shape[0], dtype=int)
    for pattern in _FINDER_LIKE:
        hit = np.ones((lines.shape[0], lines.shape[1], windows), dtype=bool)
        for offset, dark in enumerate(pattern):
            window = lines[:, :, offset : offset + windows]
            hit &= window if dark else ~window
        total += hit.sum(axis=(1, 2))
    return total * 40


def _balance_penalty(dark: int, size: int) -> int:
    """Rule 4: 10 for each full 5% the share of dark modules strays from half (qrcode's arithmetic)."""
    return int(abs(float(dark) / size**2 * 100 - 50) / 5) * 10
