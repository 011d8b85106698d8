"""Building blocks shared by every record kind: strict base model, text, links, dates."""

import re
from datetime import date, datetime
from functools import cached_property
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError


class Record(BaseModel):
    """Every record: unknown keys are errors (a typo must never drop data silently)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    def problems(self) -> list[tuple[tuple, str]]:
        """Rules that tie several keys together, as (key path, Vietnamese message); none by default."""
        return []

    def model_copy(self, *, update=None, deep: bool = False):
        """pydantic's copy, without what cached properties (short_name…) worked out from the values
        that `update` replaces: pydantic copies them with the fields."""
        copy = super().model_copy(update=update, deep=deep)
        if update:
            for kind in type(copy).__mro__:
                for name, value in vars(kind).items():
                    if isinstance(value, cached_property):
                        copy.__dict__.pop(name, None)
        return copy


def _non_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("noi_dung", "không được để trống")
    return value


MAX_TEXT = 20_000  # characters in one value: about five printed pages; a notice attaches anything longer

Text = Annotated[str, Field(strict=True, max_length=MAX_TEXT), AfterValidator(_non_blank)]
"""Plain text; shown as written (any HTML in it is escaped, never interpreted)."""

TextList = Annotated[list[Text], Field(min_length=1)]

_LINK_SCHEMES = {"http", "https", "tel", "mailto"}


def _safe_link(value: str) -> str:
    parts = urlsplit(value.strip())
    scheme = parts.scheme.lower()
    if scheme not in _LINK_SCHEMES:
        raise PydanticCustomError(
            "noi_dung",
            "liên kết chỉ được bắt đầu bằng https://, http://, tel: hoặc mailto: (đang là “{value}”)",
            {"value": value},
        )
    if scheme in {"http", "https"} and not parts.netloc:
        raise PydanticCustomError("noi_dung", "liên kết web thiếu tên miền, ví dụ https://dichvucong.gov.vn/")
    if any(char.isspace() for char in value.strip()):
        raise PydanticCustomError("noi_dung", "liên kết không được chứa dấu cách")
    return value.strip()


Link = Annotated[str, Field(strict=True), AfterValidator(_safe_link)]
"""A link shown as a button or anchor: only http(s), tel and mailto (never javascript:)."""

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)  # also keeps date arithmetic away from year 9999


def _to_date(value):
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    else:
        text = value.strip() if isinstance(value, str) else ""
        match = _ISO_DAY.fullmatch(text)
        if not match:
            raise PydanticCustomError("noi_dung", "ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2025-07-01 (đang là “{value}”)",
                                      {"value": str(value)})
        year, month, day_of_month = map(int, match.groups())
        try:
            day = date(year, month, day_of_month)
        except ValueError:
            what = f"không có tháng {month}" if not 1 <= month <= 12 else f"tháng {month} năm {year} không có ngày {day_of_month}"
            raise PydanticCustomError("noi_dung", "ngày không có thật: {what} (đang là “{value}”)",
                                      {"what": what, "value": text}) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("noi_dung", "năm phải trong khoảng 1900–2100 (đang là “{value}”)", {"value": str(value)})
    return day


Day = Annotated[date, Field(json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"}), BeforeValidator(_to_date)]

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise PydanticCustomError(
            "noi_dung",
            "chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ “ho-tich” (đang là “{value}”)",
            {"value": value},
        )
    return value


Slug = Annotated[str, Field(strict=True, json_schema_extra={"pattern": _SLUG.pattern}), AfterValidator(_slug)]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise PydanticCustomError("noi_dung", "thư điện tử không đúng dạng, ví dụ tiepnhan@xa.gov.vn (đang là “{value}”)",
                                  {"value": value})
    return value.strip()


Email = Annotated[str, Field(strict=True), AfterValidator(_email)]

_PHONE = re.compile(r"^\+?[0-9][0-9 .]{2,18}[0-9]$")


def _phone(value: str) -> str:
    if not _PHONE.match(value.strip()):
        raise PydanticCustomError(
            "noi_dung", "số điện thoại chỉ gồm chữ số, dấu cách hoặc dấu chấm, đặt trong dấu nháy kép, ví dụ \"0203 3822 000\" "
            "(đang là “{value}”)", {"value": value})
    return value.strip()


Phone = Annotated[str, Field(strict=True), AfterValidator(_phone)]
"""A phone number as written ("0203 3822 000"); pages link it with tel:."""


def tel_link(phone: str) -> str:
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")
