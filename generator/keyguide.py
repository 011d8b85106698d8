"""The officers' guide's tables of YAML keys, written from the models so they never go stale."""

from pathlib import Path


from .models import Field, Procedure, Unit
from .models.procedure import ChannelTerms, Document, DocumentGroup, LegalBasis, Repeal

BEGIN = "<!-- bảng khóa: tạo bằng `python -m generator huong-dan`, đừng sửa tay -->"
END = "<!-- hết bảng khóa -->"

SECTIONS = [
    ("Đơn vị — content/don-vi.yml", Unit),
    ("Lĩnh vực — mỗi mục trong content/linh-vuc.yml", Field),
    ("Thủ tục — content/procedures/<mã thủ tục>.yml", Procedure),
    ("Mỗi cách nộp trong `cach_thuc_thuc_hien`", ChannelTerms),
    ("Mỗi nhóm trong `thanh_phan_ho_so`", DocumentGroup),
    ("Mỗi giấy tờ trong `giay_to`", Document),
    ("Mỗi văn bản trong `can_cu_phap_ly`", LegalBasis),
    ("`bai_bo` (thủ tục đã bãi bỏ)", Repeal),
]


def key_tables() -> str:
    parts = []
    for title, model in SECTIONS:
        parts.append(f"### {title}\n\n| khóa | bắt buộc? | ý nghĩa |\n|---|---|---|")
        parts += [_row(key, info) for key, info in model.model_fields.items()]
        parts.append("")
    return "\n".join(parts)


def _row(key: str, info) -> str:
    required = "bắt buộc" if info.is_required() else "không"
    return f"| `{key}` | {required} | {info.description} |"


def update_guide(path: Path) -> bool:
    """Rewrite the generated part of the guide; True if it changed."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n\n{key_tables()}\n{END}{tail}"
    path.write_text(new, encoding="utf-8")
    return new != text


def is_current(path: Path) -> bool:
    return f"{BEGIN}\n\n{key_tables()}\n{END}" in path.read_text(encoding="utf-8")


