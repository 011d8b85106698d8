"""The commune's plan on administrative-procedure control: content/plans/<slug>.yml."""

from typing import Literal

from pydantic import Field


from .common import Day, Record, Slug, Text, TextList

Measure = Literal["ty_le_truc_tuyen", "ty_le_dung_han"]
MEASURE_NAMES = {"ty_le_truc_tuyen": "tỷ lệ hồ sơ tiếp nhận trực tuyến", "ty_le_dung_han": "tỷ lệ hồ sơ giải quyết đúng hạn"}


class Task(Record):
    noi_dung: Text = Field(description="Nội dung nhiệm vụ")
    chu_tri: Text = Field(description="Cơ quan, đơn vị chủ trì")
    phoi_hop: Text | None = Field(None, description="Cơ quan, đơn vị phối hợp")
    san_pham: Text | None = Field(None, description="Sản phẩm, kết quả dự kiến")
    thoi_han: Text = Field(description="Thời gian hoàn thành, ghi như trong kế hoạch")
    ghi_chu: Text | None = Field(None, description="Ghi chú")
    trang_thai: Literal["chưa thực hiện", "đang thực hiện", "đã hoàn thành"] | None = Field(
        None, description="Tình trạng thực hiện (khi đã cập nhật)")
    ket_qua: Text | None = Field(None, description="Kết quả thực hiện (khi đã cập nhật)")


class TaskGroup(Record):
    ten: Text = Field(description="Tên nhóm nhiệm vụ")
    nhiem_vu: list[Task] = Field(min_length=1, description="Các nhiệm vụ")


class Target(Record):
    ten: Text = Field(description="Tên chỉ tiêu")
    don_vi: Text = Field(description="Đơn vị tính, ví dụ %")
    muc_tieu: float = Field(ge=0, allow_inf_nan=False, description="Giá trị mục tiêu")
    chieu: Literal["tối thiểu", "tối đa"] = Field("tối thiểu", description="Mục tiêu là mức tối thiểu hay tối đa")
    chi_so: Measure | None = Field(None, description="Chỉ số lấy từ số liệu thống kê: ty_le_truc_tuyen hoặc ty_le_dung_han")
    thong_ke: Slug | None = Field(None, description="Tên tệp số liệu thống kê (không có .yml) dùng để so sánh")
    thuc_te: float | None = Field(None, ge=0, allow_inf_nan=False,
                                  description="Giá trị thực tế, nếu không lấy từ số liệu thống kê")
    nguon: Text | None = Field(None, description="Câu trong kế hoạch nêu chỉ tiêu này")

    def problems(self):
        if self.don_vi == "%":
            for key in ("muc_tieu", "thuc_te"):
                value = getattr(self, key)
                if value is not None and value > 100:
                    return [((key,), f"tỷ lệ phần trăm phải từ 0 đến 100 (đang là {value:g})")]
        if self.thong_ke and not self.chi_so:
            return [(("chi_so",), "có thong_ke thì phải ghi chi_so (ty_le_truc_tuyen hoặc ty_le_dung_han)")]
        if self.thong_ke and self.thuc_te is not None:
            return [(("thuc_te",), "đã lấy giá trị thực tế từ thong_ke thì không ghi thuc_te")]
        return []

    def met(self, actual: float | None) -> bool | None:
        if actual is None:
            return None
        return actual >= self.muc_tieu if self.chieu == "tối thiểu" else actual <= self.muc_tieu


class Plan(Record):
    so_ky_hieu: Text = Field(description="Số ký hiệu, ví dụ 96/KH-UBND")
    ngay_ban_hanh: Day = Field(description="Ngày ban hành")
    co_quan_ban_hanh: Text = Field(description="Cơ quan ban hành")
    dia_danh: Text | None = Field(None, description="Địa danh ghi ở đầu văn bản")
    ten: Text = Field(description="Tên kế hoạch")
    nam: int = Field(strict=True, ge=2000, le=2100, description="Năm thực hiện")
    can_cu: list[Text] = Field([], description="Căn cứ ban hành")
    muc_dich: TextList = Field(description="Mục đích")
    yeu_cau: list[Text] = Field([], description="Yêu cầu")
    noi_dung: list[Text] = Field([], description="Các nội dung chính")
    nhom_nhiem_vu: list[TaskGroup] = Field(min_length=1, description="Bảng nhiệm vụ theo nhóm")
    chi_tieu: list[Target] = Field([], description="Các chỉ tiêu")
    kinh_phi: Text | None = Field(None, description="Kinh phí thực hiện")
    to_chuc_thuc_hien: list[Text] = Field([], description="Tổ chức thực hiện")
    nguon: Text = Field(description="Nguồn của bản chép, ví dụ số và ngày văn bản gốc")

    @property
    def task_count(self) -> int:
        return sum(len(group.nhiem_vu) for group in self.nhom_nhiem_vu)

    @property
    def progress(self) -> dict[str, int]:
        """Tasks by status; tasks without status count as "chưa cập nhật"."""
        counts: dict[str, int] = {}
        for group in self.nhom_nhiem_vu:
            for task in group.nhiem_vu:
                status = task.trang_thai or "chưa cập nhật"
                counts[status] = counts.get(status, 0) + 1
        return counts
