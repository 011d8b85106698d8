"""An administrative procedure, following the National Database on Administrative Procedures."""

import re
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..text import sentence_case, split_first_clause
from .common import Day, Link, Record, Slug, Text

# National codes look like 1.001193; local variants add a suffix: 2.000884.000.00.00.H55.
_CODE = re.compile(r"^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise PydanticCustomError(
            "noi_dung",
            "mã thủ tục phải có dạng 1.001193 hoặc 2.000884.000.00.00.H55 (đang là “{value}”)",
            {"value": value},
        )
    return value


_REMARK = re.compile(r"\s*\([^()]*\)")  # "Công nhận hòa giải viên (cấp xã)"
_LABEL = re.compile(r"^Thủ tục\s+(?!hành chính)", re.IGNORECASE)  # "Thủ tục đăng ký khai sinh", not "Thủ tục hành chính …"
_TERMS = ("thoi_han", "phi_le_phi")  # what each channel states: time limit and fee
SHORT_NAME_MAX = 80  # characters: three lines of the page heading on a 360 px phone

Code = Annotated[str, Field(strict=True, json_schema_extra={"pattern": _CODE.pattern}), AfterValidator(_code)]

Channel = Literal["trực tiếp", "trực tuyến", "bưu chính"]
OnlineLevel = Literal["toàn trình", "một phần"]


class ChannelTerms(Record):
    hinh_thuc: Channel = Field(description="Cách nộp hồ sơ: trực tiếp, trực tuyến hoặc bưu chính")
    thoi_han: Text | None = Field(None, description="Thời hạn giải quyết qua cách nộp này; bỏ trống nếu dữ liệu gốc không ghi")
    phi_le_phi: Text | None = Field(None, description="Phí, lệ phí qua cách nộp này; ghi “Không” nếu miễn phí; bỏ trống nếu "
                                                      "dữ liệu gốc không ghi")
    mo_ta: Text | None = Field(None, description="Ghi chú thêm cho cách nộp này")


class Document(Record):
    ten: Text = Field(description="Tên giấy tờ")
    mau_don: str | None = Field(
        None, strict=True, description="Tệp mẫu đơn, tờ khai trong thư mục content/forms/, ví dụ forms/to-khai.pdf"
    )
    ban_chinh: int = Field(0, ge=0, strict=True, description="Số bản chính")
    ban_sao: int = Field(0, ge=0, strict=True, description="Số bản sao")


class DocumentGroup(Record):
    truong_hop: Text | None = Field(None, description="Tên trường hợp, ví dụ “Trường hợp trẻ em bị bỏ rơi”")
    giay_to: list[Document] = Field(min_length=1, description="Các giấy tờ phải nộp hoặc xuất trình")


class LegalBasis(Record):
    so_ky_hieu: Text = Field(description="Số ký hiệu văn bản, ví dụ 60/2014/QH13")
    trich_yeu: Text = Field(description="Trích yếu (tên) văn bản")
    ngay_ban_hanh: Day | None = Field(None, description="Ngày ban hành, dạng 2014-11-20")
    co_quan_ban_hanh: Text | None = Field(None, description="Cơ quan ban hành")


class Decision(Record):
    so: Text = Field(description="Số quyết định công bố, ví dụ 3152/QĐ-BTP")
    ngay: Day | None = Field(None, description="Ngày ký quyết định, dạng 2025-10-31")
    co_quan: Text | None = Field(None, description="Cơ quan ban hành, ví dụ Bộ Tư pháp")


class Source(Record):
    ten: Text = Field(description="Dữ liệu lấy từ đâu, ví dụ “Cơ sở dữ liệu quốc gia về thủ tục hành chính” hoặc "
                                  "“Xã tự biên soạn”")
    ngay: Day = Field(description="Ngày của dữ liệu: ngày nguồn cập nhật lần cuối, hoặc ngày xã biên soạn")
    dia_chi: Link | None = Field(None, description="Trang gốc của dữ liệu, ví dụ trang thủ tục trên Cổng Dịch vụ công quốc gia")
    ghi_chu: Text | None = Field(None, description="Ghi chú về nguồn, ví dụ những phần chưa đối chiếu được")


class Repeal(Record):
    ngay: Day = Field(description="Ngày thủ tục hết hiệu lực")
    van_ban: Text = Field(description="Văn bản bãi bỏ hoặc thay thế thủ tục")
    thay_the_boi: Code | None = Field(None, description="Mã thủ tục thay thế (nếu có)")


class Procedure(Record):
    """Keys the national database holds (generator/national/record.py, NATIONAL_KEYS) are filled by
    `python -m generator nhap` and updated on every import; the commune's own keys are never touched by it.
    Only what a source confirms is written: a detail the source does not give is left out, and the
    page then points to the national portal for it."""

    ma_thu_tuc: Code = Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia, đặt trong dấu nháy kép")
    ten_thu_tuc: Text = Field(description="Tên thủ tục hành chính")
    ten_ngan: Text | None = Field(
        None, json_schema_extra={"maxLength": SHORT_NAME_MAX},
        description=f"Tên ngắn người dân dễ hiểu, làm tiêu đề trang và trong kết quả tìm kiếm, ví dụ “Chứng thực bản sao "
                    f"giấy tờ”; tối đa {SHORT_NAME_MAX} ký tự. Bỏ trống thì lấy tên thủ tục, bỏ chữ “Thủ tục” ở đầu và "
                    "phần ghi chú trong ngoặc đơn")
    quyet_dinh_cong_bo: Decision | None = Field(None, description="Quyết định công bố thủ tục")
    cap_thuc_hien: Text = Field(description="Cấp thực hiện, ví dụ “Cấp xã”")
    loai_thu_tuc: Text | None = Field(None, description="Loại thủ tục")
    linh_vuc: Slug = Field(description="Mã lĩnh vực trong content/linh-vuc.yml")
    nguon: Source = Field(description="Dữ liệu của thủ tục lấy từ đâu, ngày nào")
    hieu_luc_tu: Day | None = Field(None, description="Ngày thủ tục bắt đầu có hiệu lực (nếu biết)")
    ngay_cap_nhat: Day = Field(description="Ngày xã cập nhật thông tin lần cuối")
    muc_do_truc_tuyen: OnlineLevel | None = Field(None, description="Mức độ dịch vụ công trực tuyến")
    link_nop_truc_tuyen: Link | None = Field(None, description="Liên kết nộp hồ sơ trực tuyến")
    ten_thuong_goi: list[Text] = Field([], description="Những cách người dân thường gọi thủ tục này, để tìm kiếm")
    tu_khoa: list[Text] = Field([], description="Từ khóa")
    cach_thuc_thuc_hien: list[ChannelTerms] = Field([], description="Cách thức thực hiện: mỗi cách nộp một mục")
    trinh_tu_thuc_hien: list[Text] = Field([], description="Trình tự thực hiện, mỗi bước một mục")
    thanh_phan_ho_so: list[DocumentGroup] = Field([], description="Thành phần hồ sơ")
    doi_tuong_thuc_hien: list[Text] = Field([], description="Đối tượng thực hiện")
    co_quan_thuc_hien: Text | None = Field(None, description="Cơ quan thực hiện")
    co_quan_co_tham_quyen: Text | None = Field(None, description="Cơ quan có thẩm quyền")
    co_quan_phoi_hop: Text | None = Field(None, description="Cơ quan phối hợp")
    dia_chi_tiep_nhan: Text | None = Field(None, description="Địa chỉ tiếp nhận; bỏ trống thì dùng địa chỉ của đơn vị")
    ket_qua_thuc_hien: list[Text] = Field([], description="Kết quả thực hiện")
    can_cu_phap_ly: list[LegalBasis] = Field([], description="Căn cứ pháp lý")
    yeu_cau_dieu_kien: list[Text] = Field([], description="Yêu cầu, điều kiện thực hiện")
    mo_ta: Text | None = Field(None, description="Mô tả ngắn")
    ghi_chu: Text | None = Field(None, description="Ghi chú riêng của xã, ví dụ giờ nhận hồ sơ của thủ tục này")
    bai_bo: Repeal | None = Field(None, description="Chỉ ghi khi thủ tục đã bị bãi bỏ")

    def problems(self) -> list[tuple[tuple, str]]:
        """Rules that tie several keys together, as (key path, Vietnamese message)."""
        found = []
        if self.ten_ngan and len(self.ten_ngan) > SHORT_NAME_MAX:
            found.append((("ten_ngan",), f"tên ngắn dài quá {SHORT_NAME_MAX} ký tự; tên đầy đủ đã có ở ten_thu_tuc"))
        if self.muc_do_truc_tuyen and not self.link_nop_truc_tuyen:
            found.append((("link_nop_truc_tuyen",), "thủ tục trực tuyến phải có liên kết nộp hồ sơ trực tuyến"))
        channels = [terms.hinh_thuc for terms in self.cach_thuc_thuc_hien]
        for index, channel in enumerate(channels):
            if channel in channels[:index]:
                found.append((("cach_thuc_thuc_hien", index, "hinh_thuc"), f"cách nộp “{channel}” đã ghi ở trên"))
        if self.bai_bo:
            if self.hieu_luc_tu and self.bai_bo.ngay < self.hieu_luc_tu:
                found.append((("bai_bo", "ngay"), "ngày bãi bỏ không thể trước ngày có hiệu lực"))
            if self.bai_bo.thay_the_boi == self.ma_thu_tuc:
                found.append((("bai_bo", "thay_the_boi"), "thủ tục không thể tự thay thế chính nó"))
        return found

    # Derived values for the pages.

    def status_on(self, day: date) -> Literal["chua_hieu_luc", "con_hieu_luc", "da_bai_bo"]:
        if self.bai_bo and self.bai_bo.ngay <= day:
            return "da_bai_bo"
        return "chua_hieu_luc" if self.hieu_luc_tu and day < self.hieu_luc_tu else "con_hieu_luc"

    @cached_property  # records are frozen; pages, lists and search ask for it again and again
    def short_name(self) -> str:
        """The name citizens see first: the commune's `ten_ngan`, or else the official name without the
        label "Thủ tục" before it and its remarks in parentheses. Words are only dropped, never added, and
        no clause is cut short, so the short name never says what the official one does not."""
        if self.ten_ngan:
            return self.ten_ngan
        name, found = self.ten_thu_tuc, 1
        while found:  # innermost remarks first: "(a (b) c)"
            name, found = _REMARK.subn("", name)
        name = _LABEL.sub("", name).strip(" ,;:")
        return sentence_case(name) if name else self.ten_thu_tuc

    @property
    def online(self) -> bool:
        """Whether the page offers the online button: only with a link to submit."""
        return self.link_nop_truc_tuyen is not None

    @property
    def online_label(self) -> str:
        if self.muc_do_truc_tuyen:
            return f"Trực tuyến {self.muc_do_truc_tuyen}"
        if any(terms.hinh_thuc == "trực tuyến" for terms in self.cach_thuc_thuc_hien):
            return "Có nộp trực tuyến"  # the source names the channel but not its level
        return "Chưa nộp trực tuyến"

    @cached_property
    def time_limits(self) -> list[tuple[str, str]]:
        """Short time limit per group of channels, for the first screen; details are in the channel table."""
        return _by_value(self.cach_thuc_thuc_hien, "thoi_han")

    @cached_property
    def fees(self) -> list[tuple[str, str]]:
        return _by_value(self.cach_thuc_thuc_hien, "phi_le_phi")

    @property
    def channel_terms(self) -> tuple[list[str], list[tuple[ChannelTerms, list[str]]]]:
        """The keys of time limit and fee whose text every channel shares, to state once, and each channel
        with the keys it has of its own: (["thoi_han"], [(terms, ["phi_le_phi"]), …]). One channel shares
        nothing; a value not given differs from one given."""
        channels = self.cach_thuc_thuc_hien
        shared = [key for key in _TERMS if len(channels) > 1 and len({getattr(terms, key) for terms in channels}) == 1]
        return shared, [(terms, [key for key in _TERMS if key not in shared]) for terms in channels]

    @property
    def forms(self) -> list[Document]:
        return [doc for group in self.thanh_phan_ho_so for doc in group.giay_to if doc.mau_don]

    @property
    def search_words(self) -> list[str]:
        return [*self.ten_thuong_goi, *self.tu_khoa]


def _by_value(channels: list[ChannelTerms], attr: str) -> list[tuple[str, str]]:
    """Group channels by the first clause of a value: [("Trực tiếp, bưu chính", "03 ngày làm việc"), ...].
    "…" marks a shortened value. The label is empty when every channel agrees, so the value is stated once.
    Channels whose source does not give the value are left out; [] when none gives it."""
    groups: dict[str, list[str]] = {}
    shortened: set[str] = set()
    for terms in channels:
        if getattr(terms, attr) is None:
            continue
        head, rest = split_first_clause(getattr(terms, attr))
        groups.setdefault(head, []).append(terms.hinh_thuc)
        if rest:
            shortened.add(head)
    rows = [(sentence_case(", ".join(names)), head + (" …" if head in shortened else "")) for head, names in groups.items()]
    return [("", rows[0][1])] if len(rows) == 1 and len(groups[next(iter(groups))]) == len(channels) else rows
