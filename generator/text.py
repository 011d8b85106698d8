"""Text helpers for Vietnamese: Unicode normalisation, folding for search, date wording."""

import re
import unicodedata
from datetime import date

_COMBINING = re.compile(r"[\u0300-\u036f]")


def nfc(value):
    """Return `value` with every string in it (keys too) normalised to NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks and map đ to d: "Đăng ký" -> "dang ky"."""
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def has_d_stroke(word: str) -> bool:
    return "đ" in word or "Đ" in word


def long_date(value: date) -> str:
    """Dates written out, as Vietnamese official texts do: "ngày 5 tháng 7 năm 2025"."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def short_date(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
