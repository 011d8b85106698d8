"""The one-stop desk (Bộ phận Một cửa / Trung tâm Phục vụ hành chính công xã): content/bo-phan-mot-cua.yml.

The law requires publishing the names, titles and phone numbers of its head, deputies and the
officers working there; these are official contacts, not personal data of citizens.
"""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..text import sentence_case
from .common import Email, Link, Phone, Record, Text

Weekday = Literal["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
WEEKDAYS = list(Weekday.__args__)
_SESSION = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d\s*[-–]\s*([01]?\d|2[0-3]):[0-5]\d$")


def _session(value: str) -> str:
    if not _SESSION.match(value.strip()):
        raise PydanticCustomError("noi_dung", "giờ phải viết dạng giờ:phút-giờ:phút, ví dụ \"07:30-11:30\" (đang là “{value}”)",
                                  {"value": value})
    start, end = re.split(r"\s*[-–]\s*", value.strip())
    return f"{start}–{end}"


Session = Annotated[str, Field(strict=True), AfterValidator(_session)]


class OpeningHours(Record):
    ngay: list[Weekday] = Field(min_length=1, description="Các ngày trong tuần, ví dụ [thứ Hai, thứ Ba]")
    sang: Session | None = Field(None, description="Buổi sáng, ví dụ \"07:30-11:30\"")
    chieu: Session | None = Field(None, description="Buổi chiều, ví dụ \"13:30-17:00\"")

    def problems(self):
        return [] if self.sang or self.chieu else [(("sang",), "ghi ít nhất một buổi: sang hoặc chieu")]

    @property
    def days_label(self) -> str:
        """"Thứ Hai – thứ Sáu" for consecutive days, else "thứ Hai, thứ Tư"."""
        indexes = [WEEKDAYS.index(day) for day in self.ngay]
        if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
            return sentence_case(f"{self.ngay[0]} – {self.ngay[-1]}")
        return sentence_case(", ".join(self.ngay))

    @property
    def sessions_label(self) -> str:
        return ", ".join(f"{name} {hours}" for name, hours in (("sáng", self.sang), ("chiều", self.chieu)) if hours)


Role = Literal["người đứng đầu", "cấp phó", "công chức"]


class Officer(Record):
    ho_ten: Text = Field(description="Họ và tên")
    chuc_danh: Text = Field(description="Chức danh, ví dụ “Giám đốc Trung tâm”")
    vai_tro: Role = Field(description="người đứng đầu, cấp phó hoặc công chức")
    linh_vuc: Text | None = Field(None, description="Lĩnh vực phụ trách, ví dụ “Hộ tịch, chứng thực”")
    dien_thoai: Phone = Field(description="Số điện thoại công vụ, đặt trong dấu nháy kép")


class Desk(Record):
    ten: Text = Field(description="Tên nơi tiếp nhận hồ sơ, ví dụ “Trung tâm Phục vụ hành chính công xã …”")
    dia_chi: Text = Field(description="Địa chỉ")
    duong_day_nong: Phone = Field(description="Số điện thoại đường dây nóng, đặt trong dấu nháy kép")
    email: Email | None = Field(None, description="Thư điện tử")
    ban_do: Link | None = Field(None, description="Liên kết bản đồ chỉ đường")
    gio_lam_viec: list[OpeningHours] = Field(min_length=1, description="Giờ tiếp nhận hồ sơ theo ngày trong tuần")
    ghi_chu_gio: Text | None = Field(None, description="Ghi chú về giờ làm việc, ví dụ ngày lễ")
    nhan_su: list[Officer] = Field(min_length=1, description="Người đứng đầu, cấp phó và công chức làm việc tại đây")

    def problems(self):
        found = []
        days = [day for hours in self.gio_lam_viec for day in hours.ngay]
        for index, hours in enumerate(self.gio_lam_viec):
            for day in hours.ngay:
                if days.count(day) > 1:
                    found.append((("gio_lam_viec", index, "ngay"), f"“{day}” được ghi ở nhiều dòng giờ làm việc"))
                    break
        if not any(person.vai_tro == "người đứng đầu" for person in self.nhan_su):
            found.append((("nhan_su",), "cần ghi người đứng đầu (vai_tro: người đứng đầu)"))
        return found

    @property
    def hours_summary(self) -> str:
        """One line for footers: "Thứ Hai – thứ Sáu: sáng 07:30–11:30, chiều 13:30–17:00; Thứ Bảy: sáng …"."""
        return "; ".join(f"{hours.days_label}: {hours.sessions_label}" for hours in self.gio_lam_viec)

    def people(self, role: str) -> list[Officer]:
        return [person for person in self.nhan_su if person.vai_tro == role]
