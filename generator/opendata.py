"""Open data under /du-lieu/: every record as JSON with the same keys as the YAML, and procedures
as CSV for Excel. Keys are stable; `phien_ban` changes only when a key changes meaning or goes away."""

import csv
import io
import json
from datetime import date

from .content import Portal
from .pages import procedure_url

FORMAT_VERSION = 2  # 2: quyet_dinh_cong_bo replaced so_quyet_dinh; nguon added; details may be absent
FOLDER = "du-lieu/"
CSV_COLUMNS = [
    "ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "ten_linh_vuc", "cap_thuc_hien", "muc_do_truc_tuyen",
    "link_nop_truc_tuyen", "thoi_han", "phi_le_phi", "co_quan_thuc_hien", "hieu_luc_tu", "bai_bo_ngay",
    "thay_the_boi", "ngay_cap_nhat", "nguon", "ngay_du_lieu", "dia_chi_trang",
]


def open_data_files(portal: Portal, site_url: str, today: date):
    """(site path, bytes) of every open-data file."""
    base = site_url.rstrip("/") + "/"
    header = {"phien_ban": FORMAT_VERSION, "don_vi": portal.unit.ten, "tinh": portal.unit.tinh,
              "giay_phep": portal.unit.giay_phep_du_lieu, "ngay_xuat": today.isoformat()}
    # Encoded one procedure at a time, the same bytes as the whole at once: a province's 10,000 as Python
    # objects and then as one string took several hundred megabytes.
    fields = _json({**header, "linh_vuc": [item.model_dump(mode="json") for item in portal.fields]})
    procedures = [_json({**proc.model_dump(mode="json"), "dia_chi_trang": base + procedure_url(proc.ma_thu_tuc)})
                  for proc in portal.procedures]
    yield FOLDER + "thu-tuc.json", fields[:-1] + b',"thu_tuc":[' + b",".join(procedures) + b"]}"
    del procedures
    yield FOLDER + "thu-tuc.csv", procedures_csv(portal, base)
    yield FOLDER + "thong-bao.json", _json({**header, "thong_bao": _records(portal.notices)})
    late = [{"ten_tep": slug, **record.model_dump(mode="json"),
             "so_ngay_tre": [dossier.days_late for dossier in record.ho_so]} for slug, record in portal.late_lists.items()]
    yield FOLDER + "ho-so-tre-han.json", _json({**header, "danh_sach": late})
    yield FOLDER + "thong-ke.json", _json({**header, "ky": _records(portal.statistics)})


def procedures_csv(portal: Portal, base: str) -> bytes:
    """One row per procedure; UTF-8 with BOM so that Excel shows Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for proc in portal.procedures:
        writer.writerow({key: spreadsheet_text(value) for key, value in {
            "ma_thu_tuc": proc.ma_thu_tuc, "ten_thu_tuc": proc.ten_thu_tuc, "linh_vuc": proc.linh_vuc,
            "ten_linh_vuc": portal.field(proc.linh_vuc).ten, "cap_thuc_hien": proc.cap_thuc_hien,
            "muc_do_truc_tuyen": proc.muc_do_truc_tuyen or "", "link_nop_truc_tuyen": proc.link_nop_truc_tuyen or "",
            "thoi_han": " | ".join(f"{terms.hinh_thuc}: {terms.thoi_han}" for terms in proc.cach_thuc_thuc_hien if terms.thoi_han),
            "phi_le_phi": " | ".join(f"{terms.hinh_thuc}: {terms.phi_le_phi}" for terms in proc.cach_thuc_thuc_hien
                                     if terms.phi_le_phi),
            "co_quan_thuc_hien": proc.co_quan_thuc_hien or "",
            "hieu_luc_tu": proc.hieu_luc_tu.isoformat() if proc.hieu_luc_tu else "",
            "bai_bo_ngay": proc.bai_bo.ngay.isoformat() if proc.bai_bo else "",
            "thay_the_boi": (proc.bai_bo.thay_the_boi or "") if proc.bai_bo else "",
            "ngay_cap_nhat": proc.ngay_cap_nhat.isoformat(), "nguon": proc.nguon.ten,
            "ngay_du_lieu": proc.nguon.ngay.isoformat(), "dia_chi_trang": base + procedure_url(proc.ma_thu_tuc),
        }.items()})
    return out.getvalue().encode("utf-8-sig")


def spreadsheet_text(value: str) -> str:
    """A cell Excel and LibreOffice show as the text it is: one that starts like a formula ("=", "+",
    "-", "@", or a tab or line break before them) gets a leading apostrophe, the spreadsheets' own
    mark for "text", so a name such as "=HYPERLINK(…)" is never run when the file is opened."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") else value


def _records(records: dict) -> list[dict]:
    return [{"ten_tep": slug, **record.model_dump(mode="json")} for slug, record in records.items()]


def _json(data: dict) -> bytes:
    # Compact: without `indent`, json's C encoder writes it, 10 times faster than the indenting one (a
    # province's thu-tuc.json took 2 s on every `mkdocs serve` rebuild); browsers show it indented anyway.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
