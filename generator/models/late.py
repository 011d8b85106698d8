"""Monthly lists of dossiers resolved late, with the apology letters: content/late-dossiers/<yyyy-mm>.yml.

Published by the 5th of the next month. Names the responsible office and officer; never the
applicant's personal data (initials at most), which the loader enforces with generator.privacy.
"""

import re
from collections import Counter
from datetime import date
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..privacy import RECEIPT_NUMBER
from ..workdays import working_days_late
from .common import Day, Record, Text
from .procedure import Code

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_INITIALS = re.compile(r"^(\w\.){1,6}$")


def _month(value: str) -> str:
    match = _MONTH.match(value)
    if not (match and 2000 <= int(match.group(1)) <= 2100):
        raise PydanticCustomError("noi_dung", "tháng phải viết dạng NĂM-THÁNG trong dấu nháy kép, năm từ 2000 đến 2100, "
                                  "ví dụ \"2025-10\" (đang là “{value}”)", {"value": value})
    return value


def _initials(value: str) -> str:
    compact = value.replace(" ", "")
    if not (_INITIALS.match(compact) and compact.upper() == compact):
        raise PydanticCustomError("noi_dung", "chỉ ghi chữ cái đầu của họ tên người nộp, ví dụ N.T.H. — không ghi họ tên đầy đủ "
                                  "(đang là “{value}”)", {"value": value})
    return compact


def _receipt(value: str) -> str:
    if not RECEIPT_NUMBER.fullmatch(value):
        raise PydanticCustomError("noi_dung", "mã hồ sơ phải viết như trên phiếu tiếp nhận: mã cơ quan (nếu có), ngày tiếp "
                                  "nhận NĂMTHÁNGNGÀY (6 chữ số) và số thứ tự, nối bằng dấu gạch ngang, ví dụ "
                                  "000.27.10.H55-261002-0007 hoặc 251003-0001 (đang là “{value}”)", {"value": value})
    return value


Month = Annotated[str, Field(strict=True, json_schema_extra={"pattern": _MONTH.pattern}), AfterValidator(_month)]
Receipt = Annotated[str, Field(strict=True), AfterValidator(_receipt)]
Initials = Annotated[str, Field(strict=True), AfterValidator(_initials)]


class Apology(Record):
    so: Text = Field(description="Số thư (phiếu) xin lỗi")
    ngay: Day = Field(description="Ngày gửi thư xin lỗi")
    ngay_hen_tra_moi: Day = Field(description="Ngày hẹn trả kết quả mới")


class LateDossier(Record):
    ma_ho_so: Receipt = Field(description="Mã hồ sơ (số biên nhận), ví dụ 000.27.10.H55-261002-0007")
    ma_thu_tuc: Code = Field(description="Mã thủ tục, đặt trong dấu nháy kép")
    nguoi_nop: Initials | None = Field(None, description="Chữ cái đầu họ tên người nộp (không bắt buộc), ví dụ N.T.H.")
    co_quan: Text = Field(description="Cơ quan, bộ phận chịu trách nhiệm")
    can_bo: Text = Field(description="Cán bộ, công chức chịu trách nhiệm")
    ngay_tiep_nhan: Day | None = Field(None, description="Ngày tiếp nhận")
    han_tra: Day = Field(description="Ngày hẹn trả theo phiếu hẹn")
    ngay_tra: Day | None = Field(None, description="Ngày đã trả kết quả; bỏ trống nếu chưa trả")
    ly_do: Text = Field(description="Lý do trễ hạn")
    thu_xin_loi: Apology = Field(description="Thư (phiếu) xin lỗi và hẹn lại ngày trả kết quả")

    def problems(self):
        found = []
        if self.ngay_tiep_nhan and self.han_tra < self.ngay_tiep_nhan:
            found.append((("han_tra",), "ngày hẹn trả không thể trước ngày tiếp nhận"))
        if self.returned_on <= self.han_tra:
            key = "ngay_tra" if self.ngay_tra else "thu_xin_loi"
            found.append(((key,), "hồ sơ trả đúng hoặc trước hạn thì không thuộc danh sách trễ hạn"))
        return found

    @property
    def returned_on(self) -> date:
        """The actual return date, or the new date promised in the apology letter."""
        return self.ngay_tra or self.thu_xin_loi.ngay_hen_tra_moi

    @property
    def days_late(self) -> int:
        return working_days_late(self.han_tra, self.returned_on)


class LateList(Record):
    no_personal_data: ClassVar[bool] = True

    thang: Month = Field(description="Tháng của danh sách, ví dụ \"2025-10\"")
    ngay_cong_bo: Day = Field(description="Ngày công bố (chậm nhất ngày 05 tháng sau)")
    ho_so: list[LateDossier] = Field([], description="Các hồ sơ trễ hạn; để trống [] nếu trong tháng không có hồ sơ trễ hạn")
    ghi_chu: Text | None = Field(None, description="Ghi chú")

    def problems(self):
        if self.ngay_cong_bo < self.period_end:
            return [(("ngay_cong_bo",), f"ngày công bố phải sau khi hết tháng {self.month_label}")]
        return []

    @property
    def year(self) -> int:
        return int(self.thang[:4])

    @property
    def month(self) -> int:
        return int(self.thang[5:])

    @property
    def month_label(self) -> str:
        return f"{self.month}/{self.year}"

    @property
    def period_end(self) -> date:
        next_month = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)

    @property
    def deadline(self) -> date:
        """The 5th of the next month, the legal publication deadline."""
        end = self.period_end
        return date.fromordinal(end.toordinal() + 5)

    @property
    def published_late(self) -> bool:
        return self.ngay_cong_bo > self.deadline

    @property
    def totals_by_office(self) -> list[tuple[str, int]]:
        return sorted(Counter(dossier.co_quan for dossier in self.ho_so).items(), key=lambda item: (-item[1], item[0]))
