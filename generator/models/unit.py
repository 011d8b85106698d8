"""The publishing unit (the commune): content/don-vi.yml."""

from pydantic import Field

from .common import Email, Link, Record, Text


class Unit(Record):
    la_mau: bool = Field(False, description="true nếu đây là dữ liệu mẫu (hiện dải “Dữ liệu mẫu” trên mọi trang)")
    ten: Text = Field(description="Tên đầy đủ của cơ quan, ví dụ “Ủy ban nhân dân xã …”")
    ten_ngan: Text = Field(description="Tên ngắn dùng ở đầu trang, ví dụ “Xã …”")
    tinh: Text = Field(description="Tỉnh hoặc thành phố trực thuộc trung ương")
    email: Email | None = Field(None, description="Thư điện tử của Ủy ban nhân dân xã")
    website: Link | None = Field(None, description="Trang thông tin điện tử của xã")
    giay_phep_du_lieu: Text | None = Field(
        None, description="Giấy phép của dữ liệu mở tại /du-lieu/, ví dụ “CC BY 4.0: được dùng lại, ghi rõ nguồn”")
