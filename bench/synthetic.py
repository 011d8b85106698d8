"""Synthetic portals of any size, made from the sample's real records, and the baseline an officer
would otherwise write: the same procedures as hand-written Markdown pages in plain mkdocs-material."""

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
SITE_URL = "https://bench.example.gov.vn/"

# Fields a province publishes beyond a commune's (names as on the national portal), for N > 130.
PROVINCE_FIELDS = [
    "Xây dựng", "Giao thông vận tải", "Giáo dục và Đào tạo", "Y tế dự phòng", "Khám bệnh, chữa bệnh",
    "Dược phẩm", "An toàn thực phẩm", "Lao động, tiền lương", "Việc làm", "An toàn, vệ sinh lao động",
    "Tài chính doanh nghiệp", "Quản lý công sản", "Thành lập và hoạt động doanh nghiệp", "Đầu tư tại Việt Nam",
    "Thương mại quốc tế", "Lưu thông hàng hóa trong nước", "Điện", "Hóa chất", "Trồng trọt", "Chăn nuôi",
    "Thú y", "Bảo vệ thực vật", "Lâm nghiệp", "Thủy sản", "Thủy lợi", "Quy hoạch xây dựng, kiến trúc", "Thể dục thể thao",
    "Du lịch", "Di sản văn hóa", "Báo chí", "Xuất bản, in và phát hành", "Viễn thông và Internet",
    "Tài nguyên nước", "Môi trường", "Khí tượng thủy văn", "Đo đạc và bản đồ", "Khoa học và công nghệ",
    "Tôn giáo chính phủ", "Hạ tầng kỹ thuật", "Công chức, viên chức",
]


def _slug(text: str) -> str:
    from generator.text import fold

    return "-".join(fold(text).split())


def make_portal(folder: Path, count: int) -> Path:
    """A copy of the sample whose procedures are its real ones plus synthetic copies of them, `count`
    in all, over the sample's fields and, past 130 procedures, a province's. Returns its mkdocs.yml."""
    content = folder / "content"
    shutil.copytree(SAMPLE, content)
    fields = yaml.safe_load((content / "linh-vuc.yml").read_text(encoding="utf-8"))
    if count > 130:
        present = {field["ma"] for field in fields["linh_vuc"]}
        fields["linh_vuc"] += [{"ma": _slug(name), "ten": name, "mo_ta": f"Thủ tục thuộc lĩnh vực {name.lower()}."}
                               for name in PROVINCE_FIELDS if _slug(name) not in present]
    (content / "linh-vuc.yml").write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for record in synthetic_procedures(count, fields["linh_vuc"]):
        path = content / "procedures" / f"{record['ma_thu_tuc']}.yml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(site_url=SITE_URL, site_dir=str(folder / "site"), docs_dir=str(content / "pages"))
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config["plugins"] = [{"tthc": {"content_dir": str(content)}}]
    config.pop("watch", None)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder / "mkdocs.yml"


def sample_procedures() -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((SAMPLE / "procedures").glob("*.yml"))]


def synthetic_procedures(count: int, fields: list[dict]):
    """count − 30 copies of the sample's procedures, each with its own code, field and name."""
    templates = [record for record in sample_procedures() if "bai_bo" not in record]
    for number in range(count - len(sample_procedures())):
        record = dict(templates[number % len(templates)])
        field = fields[number % len(fields)]
        record.update(ma_thu_tuc=f"3.{number:06d}", linh_vuc=field["ma"],
                      ten_thu_tuc=f"{record['ten_thu_tuc']} thuộc lĩnh vực {field['ten'].lower()}")
        yield record


def all_procedures(content: Path) -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((content / "procedures").glob("*.yml"))]


def make_baseline(folder: Path, content: Path, in_nav: bool) -> Path:
    """The same procedures as Markdown pages in plain mkdocs-material (default settings). With `in_nav`,
    the navigation lists every procedure under its field, as an officer would; without it, the
    navigation lists the fields and each field's page links its procedures."""
    docs = folder / "docs"
    (docs / "thu-tuc").mkdir(parents=True)
    (docs / "linh-vuc").mkdir()
    fields = yaml.safe_load((content / "linh-vuc.yml").read_text(encoding="utf-8"))["linh_vuc"]
    by_field = {field["ma"]: [] for field in fields}
    for record in all_procedures(content):
        (docs / "thu-tuc" / f"{record['ma_thu_tuc']}.md").write_text(procedure_markdown(record), encoding="utf-8")
        by_field[record["linh_vuc"]].append(record)
    (docs / "index.md").write_text("# Thủ tục hành chính\n\n" + "".join(
        f"- [{field['ten']}](linh-vuc/{field['ma']}.md)\n" for field in fields), encoding="utf-8")
    for field in fields:
        (docs / "linh-vuc" / f"{field['ma']}.md").write_text(f"# {field['ten']}\n\n" + "".join(
            f"- [{record['ten_thu_tuc']}](../thu-tuc/{record['ma_thu_tuc']}.md)\n" for record in by_field[field["ma"]]),
            encoding="utf-8")
    if in_nav:
        nav = [{"Trang chủ": "index.md"}] + [
            {field["ten"]: [{record["ten_thu_tuc"]: f"thu-tuc/{record['ma_thu_tuc']}.md"} for record in by_field[field["ma"]]]}
            for field in fields if by_field[field["ma"]]]
    else:
        nav = [{"Trang chủ": "index.md"}, {"Lĩnh vực": [f"linh-vuc/{field['ma']}.md" for field in fields]}]
    config = {"site_name": "Thủ tục hành chính", "site_url": SITE_URL, "docs_dir": str(docs),
              "site_dir": str(folder / "site"), "theme": {"name": "material", "language": "vi"}, "nav": nav}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder / "mkdocs.yml"


def procedure_markdown(record: dict) -> str:
    """The page an officer would type: the national portal's sections, as headings, lists and a table."""
    lines = [f"# {record['ten_thu_tuc']}", "", f"**Mã thủ tục:** {record['ma_thu_tuc']} · "
             f"**Cấp thực hiện:** {record.get('cap_thuc_hien', '')}", ""]
    if record.get("mo_ta"):
        lines += [record["mo_ta"], ""]
    lines += ["## Cách thức thực hiện", "", "| Hình thức nộp | Thời hạn giải quyết | Phí, lệ phí |", "|---|---|---|"]
    lines += [f"| {way.get('hinh_thuc', '')} | {way.get('thoi_han', '')} | {way.get('phi_le_phi', '')} |"
              for way in record.get("cach_thuc_thuc_hien", [])]
    lines += ["", "## Trình tự thực hiện", ""]
    lines += [f"{number}. {step}" for number, step in enumerate(record.get("trinh_tu_thuc_hien", []), 1)]
    lines += ["", "## Thành phần hồ sơ", ""]
    for group in record.get("thanh_phan_ho_so", []):
        if group.get("truong_hop"):
            lines += ["", f"**{group['truong_hop']}**", ""]
        lines += [f"- {paper['ten']}" for paper in group.get("giay_to", [])]
    for key, title in [("doi_tuong_thuc_hien", "Đối tượng thực hiện"), ("ket_qua_thuc_hien", "Kết quả thực hiện"),
                       ("yeu_cau_dieu_kien", "Yêu cầu, điều kiện")]:
        if record.get(key):
            lines += ["", f"## {title}", ""] + [f"- {item}" for item in record[key]]
    lines += ["", "## Cơ quan thực hiện", "", str(record.get("co_quan_thuc_hien", "")), "", "## Căn cứ pháp lý", ""]
    lines += [f"- {law['so_ky_hieu']}: {law['trich_yeu']}" for law in record.get("can_cu_phap_ly", [])]
    return "\n".join(lines) + "\n"
