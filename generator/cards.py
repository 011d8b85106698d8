"""Link-preview images (Open Graph, 1200×630 PNG) drawn at build time with Pillow.

A card names the unit (home, fields and other pages) or the procedure with its QR code, so a link
pasted in Zalo or Facebook shows what it leads to. DejaVu Sans ships in generator/fonts/ because it
covers Vietnamese and is free to redistribute; the cards do not depend on the builder's fonts.
"""

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .qr import qr_matrix

SIZE = (1200, 630)
_FONTS = Path(__file__).parent / "fonts"
_BLUE, _WHITE, _INK = (11, 79, 138), (255, 255, 255), (26, 26, 26)


FONT_FILES = (_FONTS / "DejaVuSans.ttf", _FONTS / "DejaVuSans-Bold.ttf")


@lru_cache(maxsize=None)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[bold]), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(",;.") + " …"
    return lines


def _card(top: str, title: str, bottom: str, text_width: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", SIZE, _WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, SIZE[0], 110], fill=_BLUE)
    draw.text((60, 34), top, font=_font(True, 38), fill=_WHITE)
    title_font = _font(True, 60)
    y = 160
    for line in _wrap(draw, title, title_font, text_width, 5):
        draw.text((60, y), line, font=title_font, fill=_INK)
        y += 74
    draw.text((60, SIZE[1] - 80), bottom, font=_font(False, 32), fill=_BLUE)
    return image, draw


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


# The colours a card has: white, ink, blue, the QR code's black, and anti-aliasing shades between.
_COLOURS = [_WHITE, _INK, _BLUE, (0, 0, 0)]
for _step in range(1, 6):
    _COLOURS += [_mix(_WHITE, _INK, _step / 6), _mix(_WHITE, _BLUE, _step / 6)]


def _palette_index(colour) -> int:
    return _COLOURS.index(colour)


@lru_cache(maxsize=None)
def _palette() -> Image.Image:
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in _COLOURS for value in colour])
    return palette


def _png(image: Image.Image) -> bytes:
    # 14 colours instead of millions: a card is written in a fifth of the time, at half the bytes.
    return _save_png(image.quantize(palette=_palette(), dither=Image.Dither.NONE))


def _save_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=3)
    return out.getvalue()


@lru_cache(maxsize=None)
def unit_card(unit_name: str, title: str, bottom: str) -> bytes:
    image, _ = _card(unit_name, title, bottom, SIZE[0] - 120)
    return _png(image)


def procedure_card(unit_name: str, name: str, code: str, url: str) -> bytes:
    """The same card `_card` draws, composed on the palette directly: a procedure card is made for
    every procedure, so its header is drawn once per unit and each word once per build."""
    image = _procedure_header(unit_name).copy()
    title_font = _font(True, 60)
    y = 160
    for line in _wrap_words(name, title_font, SIZE[0] - 520, 5):
        _paste_words(image, line, title_font, _INK, y)
        y += 74
    _paste_words(image, ["Mã", "thủ", "tục", code], _font(False, 32), _BLUE, SIZE[1] - 80)
    matrix = qr_matrix(url)
    dark = _palette_index((0, 0, 0))
    qr = Image.frombytes("P", (len(matrix),) * 2, bytes(dark if module else 0 for row in matrix for module in row))
    image.paste(qr.resize((400, 400), Image.NEAREST), (SIZE[0] - 440, 160))
    return _save_png(image)


@lru_cache(maxsize=None)
def _procedure_header(unit_name: str) -> Image.Image:
    image, _ = _card(unit_name, "", "", 0)
    return image.quantize(palette=_palette(), dither=Image.Dither.NONE)


@lru_cache(maxsize=None)
def _word_width(word: str, font: ImageFont.FreeTypeFont) -> float:
    return font.getlength(word)


def _wrap_words(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[list[str]]:
    """`_wrap`, measuring each word once: a line is as wide as its words and the spaces between."""
    space = _word_width(" ", font)
    lines, line, line_width = [], [], 0.0
    for word in text.split():
        trial = line_width + (space if line else 0) + _word_width(word, font)
        if trial <= width or not line:
            line.append(word)
            line_width = trial
        else:
            lines.append(line)
            line, line_width = [word], _word_width(word, font)
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = [*lines[-1][:-1], lines[-1][-1].rstrip(",;.") + " …"]
    return lines


def _paste_words(image: Image.Image, words: list[str], font: ImageFont.FreeTypeFont, colour, y: int) -> None:
    x, space = 60.0, _word_width(" ", font)
    for word in words:
        shape, mask = _word(word, font, colour)
        image.paste(shape, (round(x) - _PAD, y - _PAD), mask)
        x += _word_width(word, font) + space


_PAD = 20  # room for accents above the ascender and glyphs reaching left of their origin


@lru_cache(maxsize=None)
def _word(word: str, font: ImageFont.FreeTypeFont, colour) -> tuple[Image.Image, Image.Image]:
    """A word drawn on white, as palette indices, and the mask of where it has ink."""
    ascent, descent = font.getmetrics()
    size = (int(_word_width(word, font)) + 2 * _PAD, ascent + descent + 2 * _PAD)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).text((_PAD, _PAD), word, font=font, fill=255)
    shape = Image.frombytes("P", size, mask.point(_shades(colour)).tobytes())
    return shape, mask.point(lambda level: 255 if level else 0)


@lru_cache(maxsize=None)
def _shades(colour) -> list[int]:
    """Each ink coverage level as the palette's nearest mix of white and `colour`, as quantize picks."""
    return [_palette_index(_mix(_WHITE, colour, round(level * 6 / 255) / 6)) for level in range(256)]
