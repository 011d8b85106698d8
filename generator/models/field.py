"""Fields (lĩnh vực) of procedures: content/linh-vuc.yml, a list so officers set the order."""

from pydantic import Field as Key

from .common import Record, Slug, Text


class Field(Record):
    ma: Slug = Key(description="Mã lĩnh vực, dùng trong đường dẫn /linh-vuc/<ma>/, ví dụ “ho-tich”")
    ten: Text = Key(description="Tên lĩnh vực, ví dụ “Hộ tịch”")
    mo_ta: Text | None = Key(None, description="Một câu mô tả lĩnh vực gồm những việc gì")


class FieldList(Record):
    linh_vuc: list[Field] = Key(min_length=1, description="Danh sách lĩnh vực theo thứ tự hiển thị")
