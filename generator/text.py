"""Text helpers for Vietnamese: Unicode normalisation, folding for search, date wording."""

import re
import unicodedata
from datetime import date

_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_WORD = re.compile(r"[\W_]+")


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
    """What a citizen types without diacritics: "Đăng ký, khai sinh" -> "dang ky khai sinh".
    Lower case, no tone or vowel marks, đ -> d, punctuation -> one space (as theme's search.js)."""
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    return _NON_WORD.sub(" ", stripped.replace("đ", "d").replace("Đ", "D").lower()).strip()


def split_first_clause(text: str) -> tuple[str, str]:
    """Split a long legal sentence after its main rule:
    "Ngay trong ngày …; trường hợp …" -> ("Ngay trong ngày …", "trường hợp …"). Rest is "" if none."""
    parts = re.split(r"[;.]\s+", text.strip(), maxsplit=1)
    return parts[0].rstrip(".; "), (parts[1] if len(parts) > 1 else "")


def sentence_case(text: str) -> str:
    """Upper-case the first letter only, keeping "thứ Hai" as written (str.capitalize would lower it)."""
    return text[:1].upper() + text[1:]


def long_date(value: date) -> str:
    """Dates written out, as Vietnamese official texts do: "ngày 5 tháng 7 năm 2025"."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def short_date(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
