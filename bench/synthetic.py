"""Synthetic portals of any size, made from the sample's real records, and the baselines an officer
would otherwise build: the same procedures as hand-written Markdown pages in plain mkdocs-material, or
in a minimal Hugo site searched with Pagefind."""

import itertools
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


def make_portal(folder: Path, count: int, root: Path = ROOT) -> Path:
    """A copy of the sample whose procedures are its real ones plus synthetic copies of them, `count`
    in all, over the sample's fields and, past 130 procedures, a province's. Returns its mkdocs.yml.
    `root`: the checkout whose sample, settings and theme are used (another one for a baseline)."""
    content = folder / "content"
    shutil.copytree(root / "content", content)
    fields = yaml.safe_load((content / "linh-vuc.yml").read_text(encoding="utf-8"))
    if count > 130:
        present = {field["ma"] for field in fields["linh_vuc"]}
        fields["linh_vuc"] += [{"ma": _slug(name), "ten": name, "mo_ta": f"Thủ tục thuộc lĩnh vực {name.lower()}."}
                               for name in PROVINCE_FIELDS if _slug(name) not in present]
    (content / "linh-vuc.yml").write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for record in synthetic_procedures(count, fields["linh_vuc"], root / "content"):
        path = content / "procedures" / f"{record['ma_thu_tuc']}.yml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(site_url=SITE_URL, site_dir=str(folder / "site"), docs_dir=str(content / "pages"))
    config["theme"]["custom_dir"] = str(root / "theme")
    config["plugins"] = [{"tthc": {"content_dir": str(content)}}]
    config.pop("watch", None)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder / "mkdocs.yml"


def sample_procedures(sample: Path = SAMPLE) -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((sample / "procedures").glob("*.yml"))]


def synthetic_procedures(count: int, fields: list[dict], sample_dir: Path = SAMPLE):
    """count − (the sample's procedures) copies of the sample's procedures, each with its own code, field
    and name; no code is one of the sample's, so the portal has `count` procedures."""
    sample = sample_procedures(sample_dir)
    templates = [record for record in sample if "bai_bo" not in record]
    taken = {record["ma_thu_tuc"] for record in sample}
    codes = (code for code in (f"3.{number:06d}" for number in itertools.count()) if code not in taken)
    for number, code in zip(range(count - len(sample)), codes):
        record = dict(templates[number % len(templates)])
        field = fields[number % len(fields)]
        record.update(ma_thu_tuc=code, linh_vuc=field["ma"],
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


# A minimal Hugo site, as a user would write it without a theme (none can be downloaded here): every page
# has the site's name, a search box (Pagefind's default UI) and the fields; a procedure page its field and
# its content, indexed by Pagefind (data-pagefind-body); the home page and each field's page a list.
HUGO_CONFIG = """\
baseURL = "{site_url}"
locale = "vi"
defaultContentLanguage = "vi"
title = "Thủ tục hành chính"
publishDir = "site"
disableKinds = ["rss"]

[taxonomies]
linh_vuc = "linh-vuc"
"""
HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="/pagefind/pagefind-ui.css">
</head>
<body>
<header><a href="/">{{ site.Title }}</a><div id="search"></div></header>
{{ partialCached "fields.html" . }}
{{ block "main" . }}{{ end }}
<script src="/pagefind/pagefind-ui.js"></script>
<script>new PagefindUI({ element: "#search", showSubResults: true });</script>
</body>
</html>
""",
    "_partials/fields.html": """\
<nav><ul>{{ range (site.GetPage "/linh-vuc").Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></nav>
""",
    "single.html": """\
{{ define "main" }}<main data-pagefind-body>
<h1>{{ .Title }}</h1>
<p>Lĩnh vực: {{ range .GetTerms "linh-vuc" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
</main>{{ end }}
""",
    "list.html": """\
{{ define "main" }}<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</main>{{ end }}
""",
    "home.html": """\
{{ define "main" }}<main>
<h1>{{ site.Title }}</h1>
<ul>{{ range (site.GetPage "/linh-vuc").Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
</main>{{ end }}
""",
}


def make_hugo(folder: Path, content: Path) -> Path:
    """The same procedures as Markdown pages (the baseline's) in a minimal Hugo site: one page per procedure
    at thu-tuc/<code>/, in the taxonomy `linh-vuc` whose term pages list each field's procedures; the
    output goes to folder/site, where Pagefind indexes it. Returns its hugo.toml."""
    pages = folder / "content"
    (pages / "thu-tuc").mkdir(parents=True)
    # The section's own page would list every procedure; the site goes home → field → procedure instead.
    (pages / "thu-tuc" / "_index.md").write_text("---\nbuild:\n  render: never\n---\n", encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text, encoding="utf-8")
    fields = yaml.safe_load((content / "linh-vuc.yml").read_text(encoding="utf-8"))["linh_vuc"]
    for field in fields:
        (pages / "linh-vuc" / field["ma"]).mkdir(parents=True)
        (pages / "linh-vuc" / field["ma"] / "_index.md").write_text(
            _front_matter({"title": field["ten"]}) + field.get("mo_ta", "") + "\n", encoding="utf-8")
    (pages / "linh-vuc" / "_index.md").write_text(_front_matter({"title": "Lĩnh vực"}), encoding="utf-8")
    for record in all_procedures(content):
        body = procedure_markdown(record).split("\n", 2)[2]  # the title is in the front matter
        (pages / "thu-tuc" / f"{record['ma_thu_tuc']}.md").write_text(
            _front_matter({"title": record["ten_thu_tuc"], "linh-vuc": [record["linh_vuc"]]}) + body, encoding="utf-8")
    (folder / "hugo.toml").write_text(HUGO_CONFIG.format(site_url=SITE_URL), encoding="utf-8")
    return folder / "hugo.toml"


def _front_matter(values: dict) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n"


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
