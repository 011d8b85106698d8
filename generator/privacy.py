"""Guard against publishing citizens' personal data (Nghị định 13/2023/NĐ-CP) in public lists.

Looks through every text value of a record for ID-card numbers (9 or 12 digits), phone numbers,
email addresses and people's full names, wherever they stand in a sentence, and names the key
each was found under. Names are allowed only where the law requires them (the responsible office
and officer).
"""

import re
import unicodedata
from typing import NamedTuple

_LAW = "không được công bố dữ liệu cá nhân của người dân trong danh sách này (Nghị định 13/2023/NĐ-CP)"

# Keys whose names are not checked: the law requires naming the responsible office and officer,
# and nguoi_nop has its own check in the model (initials only) with a clearer message.
NAMES_ALLOWED = frozenset({"can_bo", "co_quan", "nguoi_nop"})

# A receipt (dossier) number: [agency code-]YYMMDD-NNNN, e.g. 000.27.10.H55-261002-0007 or 251003-0001.
# Its short groups cannot hide an ID or phone number, so a value of this shape needs no more checks.
RECEIPT_NUMBER = re.compile(
    r"(?:[0-9A-Z]{1,5}(?:\.[0-9A-Z]{1,5})*-)?\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-\d{4,5}"
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# A written number: digit groups joined by a space, dot, dash or parentheses, as in
# "0912.345.678", "(024) 3822 1234", "+84 24 3822 1234", "001-203-001-234".
# Digits glued to a letter ("H55" in a dossier number, "CCCD001203001234") stand alone, so that
# the agency code of a dossier number is never joined to the digits after it.
_NUMBER = re.compile(
    r"(?<=[^\W\d_])\d+"
    r"|(?<![\w+])(?:\+\s?|\(\s?\+?)?\d+(?:(?:\s?[.\-–]\s?|\)\s?|\s\(|\s)\d+)*"
)
_DIGITS = re.compile(r"\d+")
# After an amount of money ("150000000 đồng"); "đồng ý" is "agree".
_MONEY = re.compile(r"\s?(?:đồng|đ|vnđ|vnd)(?!\w)(?!\s+(?:ý|thời)(?!\w))", re.IGNORECASE)

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = _UPPER.lower()
# Common Vietnamese surnames; "Ông" and "Văn" are left out, as they are mostly the title "ông" and
# the middle name or the word "văn" ("Văn phòng").
_SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trương Trịnh "
    "Đinh Lâm Phùng Mai Tô Hà Tạ Lương Lưu Cao Quách Thái Châu Triệu Tăng Kiều Chu Hứa Lại Mạc Nông Lục "
    "Hầu Tống Khúc Thân Thạch Kim Quan Từ Diệp Âu Doãn Đàm Lò Lường Ninh Vi Sầm Bạch Cù Nghiêm Phí Tôn "
    "Khổng Giáp Lã Hàn Mẫn Thiều Ứng Lạc"
).split()
# A name in title case ("Nguyễn Văn A") or all in capitals ("NGUYỄN VĂN AN"), not mixed, so that an
# acronym after a place ("Hà Nội VNPT") does not make it a name.
_NAME = re.compile(
    rf"(?<!\w)(?:(?:{'|'.join(_SURNAMES)})(?:[ \u00a0]+[{_UPPER}][{_LOWER}]*(?!\w))+"
    rf"|(?:{'|'.join(name.upper() for name in _SURNAMES)})(?:[ \u00a0]+[{_UPPER}]+(?!\w))+)"
)
# A cheap test that skips most values: a name needs two capitalised words in a row.
_TWO_CAPITALISED = re.compile(rf"[{_UPPER}]\w*[ \u00a0]+[{_UPPER}]")
# Before a street, place or school named after someone: "đường Lê Lợi", "TP. Hồ Chí Minh", "trường THCS …".
_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:đường|phố|phường|xã|thôn|xóm|ấp|bản|làng|khu|khối|tổ|ngõ|ngách|hẻm|kiệt|quận|huyện|tỉnh|"
    r"trấn|lộ|chợ|trường|thcs|thpt|bệnh viện|tp\.?)\s*$",
    re.IGNORECASE,
)
_HONORIFIC_BEFORE = re.compile(r"(?<!\w)(?:ông|bà|anh|chị|em|cháu|cô|chú)\s+$", re.IGNORECASE)
_NOT_CITIZENS = {"hồ chí minh"}  # the President and the city, in "tư tưởng Hồ Chí Minh" and the like

_MESSAGES = {
    "id": "có số giống số chứng minh nhân dân hoặc căn cước (9 hoặc 12 chữ số) (“{}”): " + _LAW,
    "phone": "có số giống số điện thoại (“{}”): " + _LAW,
    "email": "có địa chỉ thư điện tử (“{}”): " + _LAW,
    "name": "có họ tên đầy đủ (“{}”): hãy chỉ ghi chữ cái đầu ({}) hoặc vai trò, ví dụ “người nộp” (họ tên cán bộ "
            "chịu trách nhiệm ghi ở can_bo); " + _LAW,
}


def personal_data_problems(data, key_path: tuple = (), *, names_allowed=NAMES_ALLOWED) -> list[tuple[tuple, str]]:
    """(key path, Vietnamese message) for each piece of personal data in the text values of `data`."""
    found = []
    key = next((part for part in reversed(key_path) if isinstance(part, str)), None)
    _walk(data, key_path, key not in names_allowed, names_allowed, found)
    return found


def _walk(data, key_path: tuple, names: bool, names_allowed, found: list) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            _walk(value, key_path + (key,), key not in names_allowed, names_allowed, found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _walk(value, key_path + (index,), names, names_allowed, found)
    elif isinstance(data, str) or (isinstance(data, int) and not isinstance(data, bool)):
        found.extend((key_path, message) for message in _findings(str(data), names))
    # dates and the like cannot hold personal data


def _findings(text: str, names: bool = True) -> list[str]:
    """Messages for each distinct piece of personal data in `text`, in text order."""
    text = unicodedata.normalize("NFC", text)
    if RECEIPT_NUMBER.fullmatch(text):
        return []
    found = []
    if "@" in text:
        found += [(match.start(), "email", match.group()) for match in _EMAIL.finditer(text)]
        text = _EMAIL.sub(lambda match: " " * len(match.group()), text)  # so its digits are not a phone too
    if sum(map(text.count, "0123456789")) >= 8:  # fewer digits make no ID or phone number
        found += _numbers(text)
    if names and _TWO_CAPITALISED.search(text):
        found += _names(text)
    messages = []
    for _, kind, quoted in sorted(found):
        message = _MESSAGES[kind].format(quoted, _initials(quoted))
        if message not in messages:
            messages.append(message)
    return messages


def _numbers(text: str) -> list[tuple[int, str, str]]:
    found = []
    for chunk in _NUMBER.finditer(text):
        if chunk.group()[0] in "123456789" and _MONEY.match(text, chunk.end()):
            continue  # an amount: amounts never start with 0, unlike ID and phone numbers
        segments = _segments(chunk)
        i = 0
        while i < len(segments):
            end, kind = _longest_number(segments, i, plus=i == 0 and "+" in chunk.group())
            if kind:
                start = chunk.start() if i == 0 else segments[i].start
                found.append((start, kind, _quote(text[start:segments[end - 1].end])))
                i = end
            else:
                # No number starts here; an ID may still hide in one group of a code ("251003-001203001234").
                found += [(group.start(), _kind(group.group()), group.group())
                          for group in segments[i].groups if _kind(group.group())]
                i += 1
    return found


def _longest_number(segments: list["_Segment"], i: int, plus: bool) -> tuple[int, str | None]:
    """Plain spaces may join the groups of one number ("0912 345 678") or stand between two numbers
    ("001203001234 0912345678"): the longest run of segments from `i` that makes an ID or phone."""
    for end in range(len(segments), i, -1):
        kind = _kind("".join(segment.digits for segment in segments[i:end]), plus)
        if kind:
            return end, kind
    return i, None


class _Segment(NamedTuple):
    """Part of a written number between plain spaces: "0912.345.678" in "CCCD 0912.345.678"."""
    start: int
    end: int
    digits: str
    groups: list  # the digit runs (re.Match) in it


def _segments(chunk: re.Match) -> list[_Segment]:
    segments = []
    for group in _DIGITS.finditer(chunk.string, chunk.start(), chunk.end()):
        if segments and chunk.string[segments[-1].end:group.start()].strip():  # joined by . - ( or )
            last = segments[-1]
            segments[-1] = _Segment(last.start, group.end(), last.digits + group.group(), last.groups + [group])
        else:
            segments.append(_Segment(group.start(), group.end(), group.group(), [group]))
    return segments


def _kind(digits: str, plus: bool = False) -> str | None:
    """"phone", "id" or None for a number written with these digits."""
    if plus:
        return "phone" if 8 <= len(digits) <= 13 else None
    if len(digits) in (10, 11) and digits[0] == "0" and digits[1] != "0":
        return "phone"  # mobile 0912345678; landline with area code 02438221234
    if len(digits) in (11, 12) and digits.startswith("84") and digits[2] != "0":
        return "phone"  # country code without the plus: 84912345678
    if len(digits) in (9, 12):
        return "id"  # old 9-digit CMND, 12-digit CCCD
    return None


def _quote(number: str) -> str:
    """The number as written, without an opening parenthesis that is not closed in it."""
    return number[1:] if number.startswith("(") and ")" not in number else number


def _names(text: str) -> list[tuple[int, str, str]]:
    found = []
    for match in _NAME.finditer(text):
        before = text[max(0, match.start() - 20):match.start()]
        given = len(match.group().split()) - 1
        if _PLACE_BEFORE.search(before) or match.group().casefold() in _NOT_CITIZENS:
            continue
        if given >= 2 or (given == 1 and _HONORIFIC_BEFORE.search(before)):
            found.append((match.start(), "name", match.group()))
    return found


def _initials(name: str) -> str:
    """"Nguyễn Thị Hoa" -> "N.T.H.", for the message that suggests writing initials."""
    return "".join(part[0].upper() + "." for part in name.split())
