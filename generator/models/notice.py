"""Posted notices and decisions (thông báo, niêm yết): content/notices/<slug>.yml."""

from datetime import date
from typing import Literal

from pydantic import Field

from .common import Day, Record, Text

NoticeKind = Literal[
    "quyết định công bố thủ tục hành chính", "phí, lệ phí", "kế hoạch", "thông báo", "văn bản khác",
]


class Attachment(Record):
    tep: str = Field(strict=True, description="Tệp đính kèm trong thư mục content/attachments/, ví dụ attachments/qd-15.pdf")
    ten: Text | None = Field(None, description="Tên hiển thị của tệp; bỏ trống thì dùng tên tệp")


class Notice(Record):
    so_ky_hieu: Text | None = Field(None, description="Số ký hiệu văn bản, ví dụ 15/QĐ-UBND")
    ngay: Day = Field(description="Ngày ban hành")
    tieu_de: Text = Field(description="Tiêu đề")
    loai: NoticeKind = Field(description="Loại văn bản")
    noi_dung: Text = Field(description="Nội dung; để một dòng trống giữa các đoạn, dòng bắt đầu bằng “- ” là một ý")
    dinh_kem: list[Attachment] = Field([], description="Tệp đính kèm (PDF, Word, Excel…)")
    niem_yet_tu: Day = Field(description="Ngày bắt đầu niêm yết")
    niem_yet_den: Day | None = Field(None, description="Ngày hết niêm yết; bỏ trống nếu niêm yết đến khi có thay đổi")

    def problems(self):
        if self.niem_yet_den and self.niem_yet_den < self.niem_yet_tu:
            return [(("niem_yet_den",), "ngày hết niêm yết không thể trước ngày bắt đầu niêm yết")]
        return []

    def posted_on(self, day: date) -> bool:
        return self.niem_yet_tu <= day and (self.niem_yet_den is None or day <= self.niem_yet_den)

    @property
    def blocks(self) -> list[tuple[str, list[str]]]:
        """The body as ("p", [text]) paragraphs and ("ul", [items]) lists, for the template to escape."""
        blocks = []
        for chunk in self.noi_dung.split("\n\n"):
            lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
            if lines and all(line.startswith("- ") for line in lines):
                blocks.append(("ul", [line[2:].strip() for line in lines]))
            elif lines:
                blocks.append(("p", [" ".join(lines)]))
        return blocks
