"""The words citizens search with: a thesaurus of everyday words for official names, and what people look
for that another agency handles. The generator ships both (generator/data/tim-kiem.yml); a commune adds
its own in content/tim-kiem.yml (optional), in the same form."""

from pydantic import Field as Key

from .common import Link, Record, Text


class Synonym(Record):
    goi_la: list[Text] = Key(min_length=1, description="Cách người dân gọi, ví dụ “sổ đỏ”, “làm sổ đỏ”")
    tim_thay: list[Text] = Key(min_length=1, description="Cụm từ trong tên chính thức của thủ tục mà những cách gọi "
                                                         "này chỉ tới, ví dụ “giấy chứng nhận quyền sử dụng đất”")


class Elsewhere(Record):
    goi_la: list[Text] = Key(min_length=1, description="Người dân tìm bằng những từ nào, ví dụ “căn cước”, “cccd”")
    viec: Text = Key(description="Việc người dân cần làm, ví dụ “Cấp, đổi thẻ căn cước”")
    co_quan: Text = Key(description="Cơ quan giải quyết việc này (không phải xã), và nơi nộp")
    lien_ket: Link | None = Key(None, description="Trang của cơ quan đó hoặc Cổng Dịch vụ công quốc gia")


class SearchWords(Record):
    tu_dien: list[Synonym] = Key([], description="Từ điển cách gọi thông thường của người dân")
    noi_khac: list[Elsewhere] = Key([], description="Việc người dân hay tìm nhưng do cơ quan khác giải quyết")
