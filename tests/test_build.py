"""Building the sample portal with `mkdocs build`: pages, URLs, navigation, escaping, no third-party requests."""

import errno
import gzip
import hashlib
import json
import os
import re
import shutil
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import yaml
from PIL import Image

from conftest import ROOT, SITE_URL, SUBPATH, build, make_project
from generator.content import load_portal
from generator.filecache import FileCache
from generator.models.procedure import SHORT_NAME_MAX
from generator.static import procedure_files
from generator.searchterms import search_fold

SAMPLE = load_portal(ROOT / "content")
VALID = ROOT / "tests" / "fixtures" / "valid"


def test_sample_has_enough_real_procedures_across_fields():
    codes = {proc.ma_thu_tuc for proc in SAMPLE.procedures}
    required = {"1.001193", "1.000894", "1.000656", "1.004873", "2.000635", "1.004859", "1.001022", "2.000815",
                "2.000884", "1.001776", "1.001731", "1.001699", "1.011606", "1.001612", "1.003622"}
    assert required <= codes, required - codes
    assert len(codes) >= 150
    assert len({proc.linh_vuc for proc in SAMPLE.procedures}) >= 8
    assert all(proc.nguon.ten and proc.nguon.ngay for proc in SAMPLE.procedures)  # every record says its source
    assert sum(len(proc.ten_thuong_goi) >= 2 for proc in SAMPLE.procedures) >= 30  # the hand-written ones
    assert SAMPLE.unit.la_mau, "the sample commune must be marked as sample"


def test_sample_records_speak_for_the_sample_commune_only():
    # The sample's plans and statistics were copied from real communes' documents; a real commune's name
    # would show in the search results of every portal started from the sample.
    import unicodedata

    others = ("Kiến An", "Chợ Mới", "Nam Phúc Thăng", "Bắc Sơn", "Cẩm Xuyên", "Ân Thi")
    for path in (ROOT / "content").rglob("*"):
        if path.suffix.lower() in (".yml", ".yaml", ".md"):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            assert not [name for name in others if name in text], path
    assert SAMPLE.plans and SAMPLE.statistics
    for plan in SAMPLE.plans.values():
        assert plan.co_quan_ban_hanh == SAMPLE.unit.ten and plan.dia_danh == "Hòa Bình Mẫu"
        assert "Dữ liệu mẫu" in plan.nguon  # marked as sample, as the notices and procedures are
    for stats in SAMPLE.statistics.values():
        assert SAMPLE.unit.ten in stats.nguon and "số liệu mẫu" in stats.nguon


def test_every_procedure_has_a_page_at_a_url_made_of_its_code(sample_site):
    for proc in SAMPLE.procedures:
        page = sample_site / "thu-tuc" / proc.ma_thu_tuc / "index.html"
        html = page.read_text(encoding="utf-8")
        assert f"<h1>{escape(proc.short_name, quote=False)}</h1>" in html
        assert proc.short_name == proc.ten_thu_tuc or f"Tên chính thức: {escape(proc.ten_thu_tuc, quote=False)}</" in html
        assert f"<title>{escape(proc.short_name, quote=False)} - " in html
        assert f'<link rel="canonical" href="{SITE_URL}thu-tuc/{proc.ma_thu_tuc}/">' in html
        assert (page.parent / "qr.svg").is_file()


def test_sample_short_names_are_short_and_tell_procedures_apart():
    names = [proc.short_name for proc in SAMPLE.procedures]
    assert max(map(len, names)) <= SHORT_NAME_MAX and len(set(names)) == len(names)
    assert SAMPLE.procedure("2.000815").short_name == "Chứng thực bản sao giấy tờ"


def test_lists_search_and_board_name_a_procedure_by_its_short_name(sample_site):
    proc = SAMPLE.procedure("2.000815")
    field = (sample_site / "linh-vuc" / proc.linh_vuc / "index.html").read_text(encoding="utf-8")
    assert ">Chứng thực bản sao giấy tờ</a>" in field and proc.ten_thu_tuc not in field
    board = (sample_site / "niem-yet" / "index.html").read_text(encoding="utf-8")
    assert ">Chứng thực bản sao giấy tờ</a>" in board and proc.ten_thu_tuc in board  # the official name below it
    listed = {page["url"]: page for page in json.loads((sample_site / "tim-kiem-trang.json").read_text(encoding="utf-8"))["trang"]}
    assert listed["thu-tuc/2.000815/"]["ten"] == "Chứng thực bản sao giấy tờ"
    assert search_fold(proc.ten_thu_tuc) in listed["thu-tuc/2.000815/"]["ten_khac"]


def test_every_field_has_a_page_listing_its_procedures(sample_site):
    for item in SAMPLE.fields:
        html = (sample_site / "linh-vuc" / item.ma / "index.html").read_text(encoding="utf-8")
        for proc in SAMPLE.procedures_in(item.ma):
            assert f'href="../../thu-tuc/{proc.ma_thu_tuc}/"' in html


def test_navigation_lists_fields_never_procedures(sample_site):
    html = (sample_site / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    assert "thu-tuc/" not in nav
    for item in SAMPLE.fields:
        assert f"linh-vuc/{item.ma}/" in nav


def test_pages_are_vietnamese_and_nfc(sample_site):
    import unicodedata

    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="vi"' in html, page
        assert unicodedata.is_normalized("NFC", html), page


def test_facts_do_not_repeat_their_label_or_double_a_bracket(sample_site):
    # A label is shown "Ngày: …", so a value starting with the label's word reads "Ngày: ngày 5 tháng 2…";
    # the desk's address may itself end in a bracket, so it is not put inside another one.
    checked = 0
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for label, value in re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]*)", html):
            checked += 1
            assert not value.split() or label.split()[-1].casefold() != value.split()[0].casefold(), (page, label, value)
        for value in re.findall(r"<dt>Nộp ở đâu</dt><dd>([^<]*)", html):
            assert "))" not in value, (page, value)
    assert checked > 1000
    notice = (sample_site / "thong-bao" / "2026-02-lich-tiep-nhan-tet-binh-ngo" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Ngày</dt><dd>05/02/2026</dd>" in notice


class _Assets(HTMLParser):
    """Every URL the browser would fetch by itself: scripts, styles, images, icons, frames, forms."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") not in ("canonical", "alternate", "prev", "next"):
            self.urls.append(attrs.get("href", ""))
        if tag == "form" and attrs.get("action"):
            self.urls.append(attrs["action"])
        for value in attrs.values():
            if value and "url(" in value:
                self.urls.append(value)


def test_no_page_loads_anything_from_another_host(sample_site):
    for page in sample_site.rglob("*.html"):
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [url for url in parser.urls if re.match(r"^(https?:)?//", url)]
        assert not external, f"{page}: {external}"
    for css in sample_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//|fonts\.googleapis", css.read_text(encoding="utf-8")), css


def test_repealed_procedure_keeps_its_page_and_points_to_the_replacement(tmp_path):
    config = make_project(tmp_path, site_url=SITE_URL)
    old = tmp_path / "content" / "procedures" / "1.001193.yml"
    text = old.read_text(encoding="utf-8")
    text = text.replace('ma_thu_tuc: "1.001193"', 'ma_thu_tuc: "1.000001"').replace(
        "hieu_luc_tu:", 'bai_bo:\n  ngay: 2025-07-01\n  van_ban: Quyết định số 2100/QĐ-BTP\n  thay_the_boi: "1.001193"\nhieu_luc_tu:', 1)
    text = text.replace("hieu_luc_tu: 2025-07-01", "hieu_luc_tu: 2016-01-01")
    (old.parent / "1.000001.yml").write_text(text, encoding="utf-8")
    result = build(config)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "thu-tuc" / "1.000001" / "index.html").read_text(encoding="utf-8")
    assert "Thủ tục này đã bãi bỏ từ ngày 1 tháng 7 năm 2025" in html
    assert 'href="../1.001193/"' in html
    assert "Nộp hồ sơ trực tuyến" not in html
    field_page = (tmp_path / "site" / "linh-vuc" / "ho-tich" / "index.html").read_text(encoding="utf-8")
    assert field_page.index("1.000001") > field_page.index("Thủ tục đã bãi bỏ")


def test_a_procedure_with_only_what_its_source_confirms_says_what_is_missing_and_where_to_look(tmp_path):
    config = make_project(tmp_path, site_url=SITE_URL)
    (tmp_path / "content" / "procedures" / "1.000002.yml").write_text(
        'ma_thu_tuc: "1.000002"\nten_thu_tuc: Thủ tục chỉ có tên\ncap_thuc_hien: Cấp xã\nlinh_vuc: ho-tich\n'
        "nguon:\n  ten: Cổng Dịch vụ công quốc gia\n  ngay: 2026-06-10\n"
        "  dia_chi: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7\n"
        "  ghi_chu: Thời hạn chưa ghi vì bản lưu không còn đơn vị thời gian.\n"
        "ngay_cap_nhat: 2026-11-22\n"
        "cach_thuc_thuc_hien:\n  - hinh_thuc: trực tiếp\n    phi_le_phi: Không\n  - hinh_thuc: bưu chính\n",
        encoding="utf-8")
    result = build(config)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "thu-tuc" / "1.000002" / "index.html"
    html = page.read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    # In the facts, the desk to ask is the one named right below ("Nộp ở đâu"), not written out twice.
    assert re.search(r"Thời hạn\s*Chưa có trong dữ liệu của trang này; hỏi nơi nộp dưới đây hoặc", text)
    assert re.search(r"Phí, lệ phí\s*Trực tiếp: Không", text)
    assert "Giấy tờ cần mang" in text and text.count("xem trên trang gốc") == 2
    assert ("Nguồn: Cổng Dịch vụ công quốc gia, dữ liệu ngày 10 tháng 6 năm 2026 (trang gốc). Thời hạn chưa ghi vì bản "
            "lưu không còn đơn vị thời gian.") in text
    # The channels: the time limit neither gives is said once; the fee, given for one, by channel.
    assert re.search(r"Như nhau cho mọi cách nộp \(trực tiếp, bưu chính\)\s*Thời hạn: Chưa có thông tin\s*"
                     r"Trực tiếp\s*Phí, lệ phí: Không\s*Bưu chính\s*Phí, lệ phí: Chưa có thông tin", text)
    for absent in ("trinh-tu", "can-cu", "doi-tuong", "ket-qua"):  # sections with nothing to say
        assert f'id="{absent}"' not in html
    assert "Hiệu lực từ" not in text


def test_html_typed_into_a_field_is_shown_as_text(tmp_path):
    config = make_project(tmp_path, site_url=SITE_URL)
    proc = tmp_path / "content" / "procedures" / "1.001193.yml"
    text = proc.read_text(encoding="utf-8").replace(
        "ten_thu_tuc: Thủ tục đăng ký khai sinh", 'ten_thu_tuc: "Khai sinh <script>alert(1)</script> \\" onload=x"', 1)
    proc.write_text(text, encoding="utf-8")
    (tmp_path / "content" / "don-vi.yml").write_text(
        (tmp_path / "content" / "don-vi.yml").read_text(encoding="utf-8").replace(
            "gio_lam_viec:", 'gio_lam_viec: "<img src=x onerror=alert(2)>"\n#', 1), encoding="utf-8")
    result = build(config)
    assert result.returncode == 0, result.stderr
    for page in (tmp_path / "site").rglob("*.html"):
        # JSON-LD is data inside a script element (with "<" written as \u003c), not HTML: checked apart.
        html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page.read_text(encoding="utf-8"))
        assert "<script>alert(1)" not in html, page
        assert "<img src=x" not in html, page
        assert '" onload=x' not in html, page
    html = (tmp_path / "site" / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Khai sinh &lt;script&gt;alert&lt;/script&gt; &#34; onload=x</h1>" in html  # short: without "(1)"
    assert "Tên chính thức: Khai sinh &lt;script&gt;alert(1)&lt;/script&gt; &#34; onload=x</p>" in html
    [service] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert '"name": "Khai sinh \\u003cscript>alert(1)\\u003c/script> \\" onload=x"' in service


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_broken_record_fails_the_build_and_leaves_the_old_site_untouched(tmp_path):
    config = make_project(tmp_path, site_url=SITE_URL)
    assert build(config).returncode == 0
    before = _tree_digest(tmp_path / "site")
    proc = tmp_path / "content" / "procedures" / "1.001193.yml"
    proc.write_text(proc.read_text(encoding="utf-8").replace("ten_thu_tuc:", "ten_thu_tuk:", 1), encoding="utf-8")
    (tmp_path / "content" / "procedures" / "hong.yml").write_text("ma_thu_tuc: [\n", encoding="utf-8")
    result = build(config)
    assert result.returncode == 1
    assert ("Nội dung có 2 lỗi; chưa xây dựng trang web, trang cũ vẫn giữ nguyên. "
            "Sửa các lỗi dưới đây rồi chạy lại lệnh:") in result.stderr
    assert "content/procedures/1.001193.yml:4: ten_thu_tuk: khóa “ten_thu_tuk” không có trong mẫu" in result.stderr
    assert "content/procedures/hong.yml:2: lỗi cú pháp YAML" in result.stderr
    assert _tree_digest(tmp_path / "site") == before


def test_compiled_templates_of_an_earlier_generator_are_removed_from_the_cache(tmp_path):
    # Compiled templates depend on the generator's code (templating filters): a folder per version, the
    # others deleted, so that years of upgrades do not pile up in .cache/tthc.
    config = make_project(tmp_path, site_url=SITE_URL)
    jinja = tmp_path / ".cache" / "tthc" / "jinja"
    (jinja / "0123456789abcdef").mkdir(parents=True)
    (jinja / "0123456789abcdef" / "__jinja2_old.cache").write_bytes(b"old")
    (jinja / "__jinja2_unversioned.cache").write_bytes(b"old")
    assert build(config).returncode == 0
    [folder] = jinja.iterdir()
    assert folder.is_dir() and folder.name != "0123456789abcdef" and any(folder.glob("__jinja2_*.cache"))


def test_a_rebuild_links_qr_codes_and_cards_from_the_cache_with_the_same_bytes(tmp_path):
    config = make_project(tmp_path, VALID, site_url=SITE_URL)
    assert build(config).returncode == 0, "first build"
    made = {path: path.read_bytes() for path in (tmp_path / "site" / "thu-tuc").rglob("*") if path.suffix in (".svg", ".png")}
    assert len(made) >= 4
    kept = {path.stat().st_ino for path in (tmp_path / ".cache" / "tthc").rglob("*") if path.is_file()}
    assert build(config).returncode == 0, "rebuild"
    for path, content in made.items():
        assert path.read_bytes() == content, path
        assert path.stat().st_ino in kept, f"{path} is not the cache's file"
    assert not list((tmp_path / "site").rglob("*.tmp"))


def test_a_kept_file_is_placed_by_link_or_copy_and_never_written_into(tmp_path, monkeypatch):
    cache = FileCache(tmp_path / "cache", "v1")
    first, second = cache.key("qr", "a"), cache.key("qr", "b")
    cache.put(first, b"first")
    cache.put(second, b"second")
    target = tmp_path / "site" / "qr.svg"
    target.parent.mkdir()
    assert cache.place(first, target) and target.read_bytes() == b"first"
    assert cache.place(second, target) and target.read_bytes() == b"second"
    assert cache.get(first) == b"first", "placing another file over a link must not change the kept one"
    assert not cache.place(cache.key("qr", "missing"), target) and target.read_bytes() == b"second"

    def no_links(*args):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)  # the cache on another file system
    assert cache.place(first, target) and target.read_bytes() == b"first"
    assert target.stat().st_ino != (tmp_path / "cache" / first[:2] / first).stat().st_ino
    assert not FileCache(None, "v1").place(first, target)


def test_qr_codes_and_cards_removed_from_the_cache_during_a_build_are_made_again(tmp_path):
    portal = load_portal(VALID)
    site = tmp_path / "site"
    first = dict(procedure_files(portal, SITE_URL, site, pool=None, cache_dir=tmp_path / "cache"))
    made = {path: (site / path).read_bytes() for path in first}
    files = procedure_files(portal, SITE_URL, tmp_path / "again", pool=None, cache_dir=tmp_path / "cache")
    shutil.rmtree(tmp_path / "cache")  # after the build found them there, before it placed them
    assert dict(files) == first
    assert {path: (tmp_path / "again" / path).read_bytes() for path in first} == made


def test_missing_site_url_fails_with_a_clear_message(tmp_path):
    config = make_project(tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data.pop("site_url")
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build(config)
    assert result.returncode == 1
    assert "Thiếu site_url trong mkdocs.yml: mã QR cần địa chỉ đầy đủ của trang" in result.stderr
    assert not (tmp_path / "site").exists()


def test_forms_are_published_with_their_size(sample_site):
    for proc in SAMPLE.procedures:
        for doc in proc.forms:
            name = Path(doc.mau_don).name
            assert (sample_site / "bieu-mau" / name).read_bytes() == (ROOT / "content" / doc.mau_don).read_bytes()
            html = (sample_site / "thu-tuc" / proc.ma_thu_tuc / "index.html").read_text(encoding="utf-8")
            assert f'href="../../bieu-mau/{name}" download>tải mẫu (' in html


def test_search_index_is_written_whole(sample_site):
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    assert list((sample_site / "pagefind").glob("pagefind.*.pf_meta"))
    # Pagefind's engine and index files are gzip streams; one cut short stops full-text search in the browser.
    files = [path for path in (sample_site / "pagefind").rglob("*") if path.suffix.startswith((".pf_", ".pagefind"))]
    assert len(files) > 20 and any(path.name.startswith("wasm.") for path in files)
    for path in files:
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path


def test_sample_has_every_record_kind():
    assert SAMPLE.desk.people("người đứng đầu") and SAMPLE.desk.people("cấp phó")
    assert SAMPLE.feedback.co_quan
    assert len(SAMPLE.notices) >= 3
    assert any(not late.ho_so for late in SAMPLE.late_lists.values()), "a month without late dossiers is published too"
    assert any(late.ho_so for late in SAMPLE.late_lists.values())
    assert SAMPLE.statistics
    assert {"2022-48-kh-ubnd", "2023-96-kh-ubnd"} <= set(SAMPLE.plans)


def test_notices_feed_is_valid_atom_listing_every_notice(sample_site):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(sample_site / "thong-bao" / "feed.xml").getroot()
    assert feed.tag == f"{atom}feed"
    links = [entry.find(f"{atom}link").get("href") for entry in feed.findall(f"{atom}entry")]
    assert links == [f"{SITE_URL}thong-bao/{slug}/" for slug in SAMPLE.notices]
    # RFC 4287 dates are RFC 3339 date-times: "T" between date and time, then "Z" or an offset.
    rfc3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
    stamps = [element.text for element in feed.iter(f"{atom}updated")]
    assert len(stamps) == len(SAMPLE.notices) + 1
    assert all(rfc3339.fullmatch(stamp) for stamp in stamps), stamps
    assert feed.find(f"{atom}updated").text == f"{max(notice.ngay for notice in SAMPLE.notices.values())}T00:00:00Z"
    html = (sample_site / "thong-bao" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Thông báo, niêm yết" href="feed.xml">' in html


def test_notice_attachments_are_published_with_type_and_size(sample_site):
    for slug, notice in SAMPLE.notices.items():
        html = (sample_site / "thong-bao" / slug / "index.html").read_text(encoding="utf-8")
        for attachment in notice.dinh_kem:
            name = Path(attachment.tep).name
            size = (ROOT / "content" / attachment.tep).stat().st_size
            assert (sample_site / "tep-dinh-kem" / name).stat().st_size == size
            assert f'href="../../tep-dinh-kem/{name}" download>' in html
            assert f"(PDF, {size / 1024:.0f} KB)" in html


def test_statistics_page_draws_charts_without_scripts(sample_site):
    slug, stats = next(iter(SAMPLE.statistics.items()))
    html = (sample_site / "thong-ke" / slug / "index.html").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "99,8%" in html and "100%" in html  # 596 of 597 online; 593 of 593 on time
    assert html.count("<script") == (sample_site / "index.html").read_text(encoding="utf-8").count("<script") - 1


def test_feedback_notice_has_a_printable_page(sample_site):
    html = (sample_site / "phan-anh-kien-nghi" / "in" / "index.html").read_text(encoding="utf-8")
    for agency in SAMPLE.feedback.co_quan:
        assert agency.ten in html
    assert SAMPLE.feedback.he_thong_truc_tuyen.website in html


def test_every_section_is_linked_from_home_and_navigation(sample_site):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    for path in ("phan-anh-kien-nghi/", "bo-phan-mot-cua/", "thong-bao/", "ho-so-tre-han/", "thong-ke/", "ke-hoach/"):
        assert html.count(f'href="{path}"') >= 2, path  # the home page's list and the navigation


def _pages(site: Path):
    for page in sorted(site.rglob("index.html")):
        yield page, page.read_text(encoding="utf-8")


def _json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def test_every_page_has_title_description_canonical_and_open_graph(sample_site):
    for page, html in _pages(sample_site):
        if page.parent.name == "pagefind":
            continue
        url = SITE_URL + page.parent.relative_to(sample_site).as_posix().removeprefix(".") + ("/" if page.parent != sample_site else "")
        url = url.replace(f"{SUBPATH}//", f"{SUBPATH}/")
        assert re.search(r"<title>[^<]{5,}</title>", html), page
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), page
        assert f'<link rel="canonical" href="{url}">' in html, page
        assert f'<meta property="og:url" content="{url}">' in html, page
        for tag in ("og:title", "og:description", "og:type", "og:site_name", "og:locale", "og:image:alt"):
            assert re.search(rf'<meta property="{tag}" content="[^"]+">', html), (page, tag)
        [image] = re.findall(r'<meta property="og:image" content="([^"]+)">', html)
        card = sample_site / image.removeprefix(SITE_URL)
        assert Image.open(card).size == (1200, 630), page


def test_procedure_preview_card_shows_its_qr_code(sample_site):
    import zxingcpp

    for proc in SAMPLE.procedures:
        card = Image.open(sample_site / "thu-tuc" / proc.ma_thu_tuc / "og.png")
        assert [code.text for code in zxingcpp.read_barcodes(card)] == [f"{SITE_URL}thu-tuc/{proc.ma_thu_tuc}/"]


def test_procedure_pages_describe_a_government_service(sample_site):
    for proc in SAMPLE.procedures:
        html = (sample_site / "thu-tuc" / proc.ma_thu_tuc / "index.html").read_text(encoding="utf-8")
        [service] = _json_ld(html)
        assert service["@context"] == "https://schema.org" and service["@type"] == "GovernmentService"
        assert service["name"] == proc.ten_thu_tuc and service["identifier"] == proc.ma_thu_tuc
        assert service["url"] == f"{SITE_URL}thu-tuc/{proc.ma_thu_tuc}/"
        assert service["provider"]["name"] == SAMPLE.unit.ten and service["areaServed"]["@type"] == "AdministrativeArea"
        assert service["serviceType"] == SAMPLE.field(proc.linh_vuc).ten
        if proc.time_limits:  # left out when the record's source gives no time limit
            assert service["description"].startswith("Thời hạn giải quyết: ")
        else:
            assert "description" not in service
        online = [channel for channel in service["availableChannel"] if "serviceUrl" in channel]
        assert [channel["serviceUrl"] for channel in online] == (
            [proc.link_nop_truc_tuyen] if any(t.hinh_thuc == "trực tuyến" for t in proc.cach_thuc_thuc_hien)
            and proc.link_nop_truc_tuyen else [])


def test_desk_page_describes_a_government_office_with_opening_hours(sample_site):
    [office] = _json_ld((sample_site / "bo-phan-mot-cua" / "index.html").read_text(encoding="utf-8"))
    assert office["@type"] == "GovernmentOffice" and office["name"] == SAMPLE.desk.ten
    assert office["telephone"] == SAMPLE.desk.duong_day_nong
    assert office["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification", "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "opens": "07:30", "closes": "11:30"}


def test_sitemap_lists_every_page_with_its_last_update(sample_site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {url.find("s:loc", ns).text: url.find("s:lastmod", ns).text
               for url in ET.parse(sample_site / "sitemap.xml").getroot().findall("s:url", ns)}
    pages = [page for page, _ in _pages(sample_site) if "pagefind" not in page.parts]
    assert len(entries) == len(pages)
    for proc in SAMPLE.procedures:
        assert entries[f"{SITE_URL}thu-tuc/{proc.ma_thu_tuc}/"] == proc.ngay_cap_nhat.isoformat()
    for slug, notice in SAMPLE.notices.items():
        assert entries[f"{SITE_URL}thong-bao/{slug}/"] == notice.ngay.isoformat()


def test_open_data_round_trips_the_sample(sample_site):
    import csv

    from generator.models import Procedure

    data = json.loads((sample_site / "du-lieu" / "thu-tuc.json").read_text(encoding="utf-8"))
    assert data["phien_ban"] == 2 and data["giay_phep"] == SAMPLE.unit.giay_phep_du_lieu
    restored = [Procedure.model_validate({k: v for k, v in item.items() if k != "dia_chi_trang"}) for item in data["thu_tuc"]]
    assert restored == SAMPLE.procedures
    raw = (sample_site / "du-lieu" / "thu-tuc.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [(row["ma_thu_tuc"], row["ten_thu_tuc"], row["ngay_cap_nhat"]) for row in rows] == [
        (proc.ma_thu_tuc, proc.ten_thu_tuc, proc.ngay_cap_nhat.isoformat()) for proc in SAMPLE.procedures]
    late = json.loads((sample_site / "du-lieu" / "ho-so-tre-han.json").read_text(encoding="utf-8"))["danh_sach"]
    assert {item["ten_tep"]: item["so_ngay_tre"] for item in late} == {
        slug: [dossier.days_late for dossier in record.ho_so] for slug, record in SAMPLE.late_lists.items()}
    for name, key, records in (("thong-bao", "thong_bao", SAMPLE.notices), ("thong-ke", "ky", SAMPLE.statistics)):
        items = json.loads((sample_site / "du-lieu" / f"{name}.json").read_text(encoding="utf-8"))[key]
        assert [item["ten_tep"] for item in items] == list(records)
