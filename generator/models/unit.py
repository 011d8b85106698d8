"""The publishing unit (the commune): content/don-vi.yml."""

from pydantic import Field

from .common import Link, Record, Text


class Unit(Record):
    la_mau: bool = Field(False, description="true nếu đây là dữ liệu mẫu (hiện dải “Dữ liệu mẫu” trên mọi trang)")
    ten: Text = Field(description="Tên đầy đủ của cơ quan, ví dụ “Ủy ban nhân dân xã …”")
    ten_ngan: Text = Field(description="Tên ngắn dùng ở đầu trang, ví dụ “Xã …”")
    tinh: Text = Field(description="Tỉnh hoặc thành phố trực thuộc trung ương")
    trung_tam: Text = Field(description="Tên nơi tiếp nhận hồ sơ, ví dụ “Trung tâm Phục vụ hành chính công xã …”")
    dia_chi: Text = Field(description="Địa chỉ nơi tiếp nhận hồ sơ")
    gio_lam_viec: Text = Field(description="Giờ tiếp nhận hồ sơ")
    duong_day_nong: Text = Field(description="Số điện thoại đường dây nóng")
    email: Text | None = Field(None, description="Thư điện tử")
    website: Link | None = Field(None, description="Trang thông tin điện tử của xã")
    ban_do: Link | None = Field(None, description="Liên kết bản đồ chỉ đường")

    @property
    def hotline_link(self) -> str:
        return "tel:" + "".join(ch for ch in self.duong_day_nong if ch.isdigit() or ch == "+")
