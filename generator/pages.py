"""Which pages the portal has: plain page descriptions, independent of MkDocs.

URLs of procedures depend only on their code, so printed QR codes keep working for years.
"""

from dataclasses import dataclass, field
from datetime import date

from .content import Portal


@dataclass
class PageSpec:
    src_uri: str  # a Markdown path such as "thu-tuc/1.001193.md"; the site generator maps it to a URL
    title: str
    template: str
    description: str = ""
    context: dict = field(default_factory=dict)
    in_nav: bool = False

    @property
    def url(self) -> str:
        """The page's path under the site root, with directory URLs: "thu-tuc/1.001193/"."""
        stem = self.src_uri.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"


def procedure_url(code: str) -> str:
    return f"thu-tuc/{code}/"


def field_url(field_code: str) -> str:
    return f"linh-vuc/{field_code}/"


def build_pages(portal: Portal, today: date) -> list[PageSpec]:
    unit = portal.unit
    pages = [PageSpec(
        "index.md", f"Tra cứu thủ tục hành chính – {unit.ten_ngan}", "tthc/home.html",
        description=f"Tra cứu thủ tục hành chính của {unit.ten}: hồ sơ cần mang, thời hạn, lệ phí, nộp trực tuyến.",
        in_nav=True,
    )]
    for item in portal.fields:
        procedures = portal.procedures_in(item.ma)
        pages.append(PageSpec(
            f"linh-vuc/{item.ma}.md", item.ten, "tthc/field.html",
            description=f"Các thủ tục hành chính lĩnh vực {item.ten} tại {unit.ten_ngan}.",
            context={
                "field": item,
                "current": [proc for proc in procedures if proc.status_on(today) != "da_bai_bo"],
                "repealed": [proc for proc in procedures if proc.status_on(today) == "da_bai_bo"],
            },
            in_nav=True,
        ))
    for proc in portal.procedures:
        replacement = portal.procedure(proc.bai_bo.thay_the_boi) if proc.bai_bo and proc.bai_bo.thay_the_boi else None
        pages.append(PageSpec(
            f"thu-tuc/{proc.ma_thu_tuc}.md", proc.ten_thu_tuc, "tthc/procedure.html",
            description=_procedure_summary(proc),
            context={
                "procedure": proc,
                "field": portal.field(proc.linh_vuc),
                "status": proc.status_on(today),
                "replacement": replacement,
            },
        ))
    return pages


def _procedure_summary(proc) -> str:
    time_limit = proc.time_limits[0][1]
    return f"Mã {proc.ma_thu_tuc}. Thời hạn: {time_limit} Lệ phí: {proc.fees[0][1]}"
