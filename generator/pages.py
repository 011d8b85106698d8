"""Which pages the portal has: plain page descriptions, independent of MkDocs.

URLs of procedures depend only on their code, so printed QR codes keep working for years.
Each record kind has one builder here and one template in theme/tthc/.
"""

from dataclasses import dataclass, field
from datetime import date

from .content import Portal
from .searchterms import everyday_names
from .text import long_date


@dataclass
class PageSpec:
    src_uri: str  # a Markdown path such as "thu-tuc/1.001193.md"; the site generator maps it to a URL
    title: str
    template: str
    description: str = ""
    context: dict = field(default_factory=dict)
    nav_section: str | None = None  # None: not in the navigation; "": at the top level
    updated: date | None = None  # when its content last changed, for sitemap.xml; None: the build date


def procedure_url(code: str) -> str:
    return f"thu-tuc/{code}/"


FIELDS_SECTION = "Lĩnh vực"


def build_pages(portal: Portal, today: date, everyday: dict[str, list[str]] | None = None) -> list[PageSpec]:
    """`everyday`: everyday_names(portal), if the caller has it already."""
    return [
        *_home(portal),
        *_fields(portal, today),
        *_procedures(portal, today, everyday or everyday_names(portal)),
        *_desk(portal),
        *_feedback(portal),
        *_notices(portal, today),
        *_late_lists(portal),
        *_statistics(portal),
        *_plans(portal),
        *_posting_board(portal, today),
        PageSpec("du-lieu/index.md", "Dữ liệu mở", "tthc/open-data.html",
                 description="Dữ liệu thủ tục hành chính, thông báo, hồ sơ trễ hạn và thống kê dạng JSON và CSV.",
                 nav_section=""),
    ]


def _home(portal: Portal):
    unit = portal.unit
    yield PageSpec(
        "index.md", f"Tra cứu thủ tục hành chính – {unit.ten_ngan}", "tthc/home.html",
        description=f"Tra cứu thủ tục hành chính của {unit.ten}: hồ sơ cần mang, thời hạn, lệ phí, nộp trực tuyến.",
        nav_section="",
    )


def _fields(portal: Portal, today: date):
    for item in portal.fields:
        procedures = portal.procedures_in(item.ma)
        yield PageSpec(
            f"linh-vuc/{item.ma}.md", item.ten, "tthc/field.html",
            description=f"Các thủ tục hành chính lĩnh vực {item.ten} tại {portal.unit.ten_ngan}.",
            context={
                "field": item,
                "current": [proc for proc in procedures if proc.status_on(today) != "da_bai_bo"],
                "repealed": [proc for proc in procedures if proc.status_on(today) == "da_bai_bo"],
            },
            nav_section=FIELDS_SECTION,
            updated=max((proc.ngay_cap_nhat for proc in procedures), default=None),
        )


def _procedures(portal: Portal, today: date, everyday: dict[str, list[str]]):
    for proc in portal.procedures:
        replacement = portal.procedure(proc.bai_bo.thay_the_boi) if proc.bai_bo and proc.bai_bo.thay_the_boi else None
        yield PageSpec(
            f"thu-tuc/{proc.ma_thu_tuc}.md", proc.short_name, "tthc/procedure.html",
            description=_procedure_description(proc, portal.field(proc.linh_vuc)),
            context={
                "procedure": proc,
                "field": portal.field(proc.linh_vuc),
                "status": proc.status_on(today),
                "replacement": replacement,
                # Everyday words: the commune's own, then the thesaurus's (which rank below the commune's).
                "thesaurus_words": [word for word in everyday[proc.ma_thu_tuc] if word not in proc.search_words],
            },
            updated=proc.ngay_cap_nhat,
        )


def _desk(portal: Portal):
    yield PageSpec(
        "bo-phan-mot-cua.md", portal.desk.ten, "tthc/desk.html",
        description=f"Địa chỉ, giờ làm việc, đường dây nóng và cán bộ tiếp nhận hồ sơ của {portal.desk.ten}.",
        nav_section="",
    )


def _feedback(portal: Portal):
    description = f"Nơi tiếp nhận phản ánh, kiến nghị về quy định hành chính, thủ tục hành chính của {portal.unit.ten}."
    yield PageSpec("phan-anh-kien-nghi/index.md", "Phản ánh, kiến nghị", "tthc/feedback.html",
                   description=description, nav_section="", updated=portal.feedback.ngay_cap_nhat)
    yield PageSpec("phan-anh-kien-nghi/in.md", "Niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị (bản in)",
                   "tthc/feedback-print.html", description=description)


def _notices(portal: Portal, today: date):
    notices = [(slug, notice, notice.posted_on(today)) for slug, notice in portal.notices.items()]
    yield PageSpec("thong-bao/index.md", "Thông báo, niêm yết", "tthc/notices.html",
                   description=f"Quyết định, thông báo, phí và lệ phí {portal.unit.ten} niêm yết công khai.",
                   context={"notices": notices}, nav_section="")
    for slug, notice, posted in notices:
        yield PageSpec(f"thong-bao/{slug}.md", notice.tieu_de, "tthc/notice.html",
                       description=f"{notice.so_ky_hieu or notice.loai.capitalize()}, {long_date(notice.ngay)}.",
                       context={"notice": notice, "posted": posted}, updated=notice.ngay)


def _late_lists(portal: Portal):
    yield PageSpec("ho-so-tre-han/index.md", "Hồ sơ giải quyết trễ hạn", "tthc/late-lists.html",
                   description="Danh sách hồ sơ giải quyết trễ hạn hằng tháng và thư xin lỗi người dân.",
                   context={"late_lists": portal.late_lists}, nav_section="")
    by_code = {proc.ma_thu_tuc: proc for proc in portal.procedures}
    for slug, late in portal.late_lists.items():
        # Only the procedures the list names: `mkdocs serve` renders it again when one of those changes.
        named = {dossier.ma_thu_tuc: by_code[dossier.ma_thu_tuc] for dossier in late.ho_so}
        yield PageSpec(f"ho-so-tre-han/{slug}.md", f"Hồ sơ trễ hạn tháng {late.month_label}", "tthc/late-list.html",
                       description=f"{len(late.ho_so)} hồ sơ giải quyết trễ hạn trong tháng {late.month_label}.",
                       context={"late": late, "procedures": named},
                       updated=late.ngay_cong_bo)


def _statistics(portal: Portal):
    yield PageSpec("thong-ke/index.md", "Thống kê kết quả giải quyết hồ sơ", "tthc/statistics-list.html",
                   description="Số hồ sơ tiếp nhận, giải quyết theo từng kỳ: tỷ lệ trực tuyến, tỷ lệ đúng hạn.",
                   context={"statistics": portal.statistics}, nav_section="")
    for slug, stats in portal.statistics.items():
        yield PageSpec(f"thong-ke/{slug}.md", f"Kết quả giải quyết hồ sơ {stats.ky}", "tthc/statistics.html",
                       description=f"Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính {stats.ky}.",
                       context={"stats": stats}, updated=stats.den_ngay)


def _plans(portal: Portal):
    yield PageSpec("ke-hoach/index.md", "Kế hoạch kiểm soát thủ tục hành chính", "tthc/plans.html",
                   description="Các kế hoạch kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa của xã.",
                   context={"plans": portal.plans}, nav_section="")
    for slug, plan in portal.plans.items():
        targets = [(target, _actual(portal, target)) for target in plan.chi_tieu]
        yield PageSpec(f"ke-hoach/{slug}.md", f"Kế hoạch số {plan.so_ky_hieu}", "tthc/plan.html",
                       description=plan.ten, context={"plan": plan, "targets": targets}, updated=plan.ngay_ban_hanh)


def _actual(portal: Portal, target):
    """(value, where it comes from) of a plan target: a statistics record, or the value typed in."""
    if target.thong_ke:
        stats = portal.statistics[target.thong_ke]
        return stats.rate(target.chi_so), f"thong-ke/{target.thong_ke}/", stats.ky
    return target.thuc_te, None, None


def _posting_board(portal: Portal, today: date):
    """The printable board of procedures in force, by field, and a sheet of QR codes to cut out."""
    in_force = [(item, [proc for proc in portal.procedures_in(item.ma) if proc.status_on(today) == "con_hieu_luc"])
                for item in portal.fields]
    in_force = [(item, procedures) for item, procedures in in_force if procedures]
    decisions = [notice for notice in portal.notices.values()
                 if notice.loai == "quyết định công bố thủ tục hành chính" and notice.posted_on(today)]
    context = {"board": in_force, "decisions": decisions, "today": today}
    yield PageSpec("niem-yet/index.md", "Bảng niêm yết thủ tục hành chính", "tthc/board.html",
                   description=f"Danh mục thủ tục hành chính đang áp dụng tại {portal.unit.ten}, theo lĩnh vực, để in niêm yết.",
                   context=context, nav_section="")
    yield PageSpec("niem-yet/ma-qr.md", "Mã QR các thủ tục hành chính (bản in)", "tthc/qr-sheet.html",
                   description="Mã QR của từng thủ tục để cắt dán tại nơi tiếp nhận hồ sơ.", context=context)


def _procedure_description(proc, field) -> str:
    """"Mã 1.001193. Thời hạn: … Lệ phí: …", with only what the record gives; its field when it gives neither."""
    facts = [f"{label}: {_sentence(values[0][1])}" for label, values in (("Thời hạn", proc.time_limits), ("Lệ phí", proc.fees))
             if values]
    return " ".join([f"Mã {proc.ma_thu_tuc}.", *(facts or [f"Lĩnh vực {field.ten}."])])


def _sentence(text: str) -> str:
    return text if text.endswith((".", "…")) else text + "."
