"""The officers' guide's tables of YAML keys, written from the models so they never go stale."""

from pathlib import Path


from .models import Desk, Feedback, Field, LateList, Notice, Plan, Procedure, Statistics, Unit
from .models.desk import OpeningHours, Officer
from .models.feedback import FeedbackAgency, OnlineSystem
from .models.late import Apology, LateDossier
from .models.notice import Attachment
from .models.plan import Target, Task, TaskGroup
from .models.searchwords import Elsewhere, SearchWords, Synonym
from .models.procedure import ChannelTerms, Decision, Document, DocumentGroup, LegalBasis, Repeal, Source
from .models.stats import FieldCounts, Pending, Received, Resolved

BEGIN = "<!-- bảng khóa: tạo bằng `python -m generator huong-dan`, đừng sửa tay -->"
END = "<!-- hết bảng khóa -->"

SECTIONS = [
    ("Đơn vị — content/don-vi.yml", Unit),
    ("Lĩnh vực — mỗi mục trong content/linh-vuc.yml", Field),
    ("Thủ tục — content/procedures/<mã thủ tục>.yml", Procedure),
    ("`quyet_dinh_cong_bo`", Decision),
    ("`nguon` (dữ liệu lấy từ đâu)", Source),
    ("Mỗi cách nộp trong `cach_thuc_thuc_hien`", ChannelTerms),
    ("Mỗi nhóm trong `thanh_phan_ho_so`", DocumentGroup),
    ("Mỗi giấy tờ trong `giay_to`", Document),
    ("Mỗi văn bản trong `can_cu_phap_ly`", LegalBasis),
    ("`bai_bo` (thủ tục đã bãi bỏ)", Repeal),
    ("Trung tâm Phục vụ hành chính công — content/bo-phan-mot-cua.yml", Desk),
    ("Mỗi dòng trong `gio_lam_viec`", OpeningHours),
    ("Mỗi người trong `nhan_su`", Officer),
    ("Phản ánh, kiến nghị — content/phan-anh-kien-nghi.yml", Feedback),
    ("Mỗi cơ quan trong `co_quan`", FeedbackAgency),
    ("`he_thong_truc_tuyen`", OnlineSystem),
    ("Thông báo — content/notices/<tên>.yml", Notice),
    ("Mỗi tệp trong `dinh_kem`", Attachment),
    ("Hồ sơ trễ hạn — content/late-dossiers/<năm-tháng>.yml", LateList),
    ("Mỗi hồ sơ trong `ho_so`", LateDossier),
    ("`thu_xin_loi`", Apology),
    ("Thống kê — content/statistics/<tên>.yml", Statistics),
    ("Mỗi lĩnh vực trong `linh_vuc` (và `tong_cong`, không có khóa `linh_vuc`)", FieldCounts),
    ("`tiep_nhan`", Received),
    ("`da_giai_quyet`", Resolved),
    ("`dang_giai_quyet`", Pending),
    ("Kế hoạch — content/plans/<tên>.yml", Plan),
    ("Mỗi nhóm trong `nhom_nhiem_vu`", TaskGroup),
    ("Mỗi nhiệm vụ trong `nhiem_vu`", Task),
    ("Mỗi chỉ tiêu trong `chi_tieu`", Target),
    ("Từ tìm kiếm của xã — content/tim-kiem.yml (không bắt buộc)", SearchWords),
    ("Mỗi mục trong `tu_dien`", Synonym),
    ("Mỗi mục trong `noi_khac`", Elsewhere),
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


