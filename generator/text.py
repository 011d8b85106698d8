"""Text helpers for Vietnamese: Unicode normalisation, folding for search, date wording."""

import re
import unicodedata
from datetime import date

# Characters a reader cannot see but that change what a text says or how it is shown: control
# characters other than tab and line feed (written as "\x07" in quotes, YAML lets them in; XML
# forbids them), format characters (Unicode category Cf: zero-width spaces and joiners, bidi
# overrides and isolates, soft hyphen, BOM), line and paragraph separators, private-use code points
# (Word's symbol-font bullets) and the replacement character left by a broken encoding.
# tests/test_validation.py checks this class against Unicode's own table.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ue000-\uf8ff\ufeff\ufff9-\ufffb\ufffd\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000f0000-\U0010ffff]")
_UNPRINTABLE = re.compile(f"{INVISIBLE.pattern}|[\ud800-\udfff]")  # and file names that are not UTF-8
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


def printable(text: str) -> str:
    """`text` for a one-line message: line breaks and hidden characters written as escapes ("\\n",
    "\\u200b"), so a value quoted in an error neither breaks the line nor reorders what a terminal shows."""
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode(), text.replace("\n", "\\n"))


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
