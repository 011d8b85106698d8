"""Derived values of the models, text helpers, QR encoding and search folding, on their own."""

from datetime import date

import zxingcpp
from PIL import Image, ImageDraw

from conftest import ROOT
from generator import keyguide
from generator.content import load_portal
from generator.models.common import tel_link
from generator.qr import qr_svg
from generator.fingerprint import fingerprint
from generator.search import FOLD_MARKER, listed_page, prepare_for_index
from generator.text import fold, long_date, split_first_clause

VALID = ROOT / "tests" / "fixtures" / "valid"


def procedure(**changes):
    proc = load_portal(VALID).procedure("1.001193")  # the same object for every test: records are frozen
    return proc.model_copy(update=changes)


def test_fold_matches_what_citizens_type():
    assert fold("Đăng ký KHAI SINH, (mẫu)") == "dang ky khai sinh mau"
    assert fold("Xác nhận tình trạng hôn nhân") == "xac nhan tinh trang hon nhan"
    assert fold("Ủy ban nhân dân") == fold("U\u0309y ban nha\u0302n da\u0302n")  # NFD input


def test_split_first_clause():
    assert split_first_clause("Ngay trong ngày; trường hợp sau 15 giờ thì hôm sau.") == ("Ngay trong ngày", "trường hợp sau 15 giờ thì hôm sau.")
    assert split_first_clause("03 ngày làm việc.") == ("03 ngày làm việc", "")


def test_long_date():
    assert long_date(date(2025, 7, 1)) == "ngày 1 tháng 7 năm 2025"


def test_status_over_time():
    from generator.models.procedure import Repeal

    proc = procedure(bai_bo=Repeal(ngay=date(2026, 1, 1), van_ban="Quyết định số 1/QĐ-BTP"))
    assert proc.status_on(date(2025, 6, 30)) == "chua_hieu_luc"
    assert proc.status_on(date(2025, 7, 1)) == "con_hieu_luc"
    assert proc.status_on(date(2026, 1, 1)) == "da_bai_bo"


def test_time_limits_and_fees_are_stated_once_when_channels_agree():
    from generator.models.procedure import ChannelTerms

    direct = ChannelTerms(hinh_thuc="trực tiếp", thoi_han="03 ngày làm việc.", phi_le_phi="8.000 đồng/bản sao.")
    online = ChannelTerms(hinh_thuc="trực tuyến", thoi_han="03 ngày làm việc.", phi_le_phi="4.000 đồng/bản sao; miễn nếu …")
    post = ChannelTerms(hinh_thuc="bưu chính", thoi_han="03 ngày làm việc; cộng thời gian chuyển phát.", phi_le_phi="8.000 đồng/bản sao.")
    proc = procedure(cach_thuc_thuc_hien=[direct, online, post])
    assert proc.time_limits == [("", "03 ngày làm việc …")]
    assert proc.fees == [("Trực tiếp, bưu chính", "8.000 đồng/bản sao"), ("Trực tuyến", "4.000 đồng/bản sao …")]


def test_short_name_is_the_communes_or_the_official_name_without_label_and_remarks():
    assert procedure(ten_ngan="Làm giấy khai sinh").short_name == "Làm giấy khai sinh"
    derived = {
        "Thủ tục đăng ký khai sinh": "Đăng ký khai sinh",
        "Thủ tục công nhận hòa giải viên (cấp xã)": "Công nhận hòa giải viên",
        "Cấp phép cho công trình cấp III (công trình (theo tuyến) và dự án) và nhà ở riêng lẻ:": "Cấp phép cho công trình cấp III và nhà ở riêng lẻ",
        "Thủ tục hành chính về đăng ký khai sinh": "Thủ tục hành chính về đăng ký khai sinh",  # not a label there
        "Giao đất, cho thuê đất; giao rừng": "Giao đất, cho thuê đất; giao rừng",  # no clause cut short
        "(Thủ tục)": "(Thủ tục)",  # nothing would be left
    }
    assert {name: procedure(ten_thu_tuc=name).short_name for name in derived} == derived


def test_channels_state_what_they_share_once_and_what_differs_by_channel():
    from generator.models.procedure import ChannelTerms

    direct = ChannelTerms(hinh_thuc="trực tiếp", thoi_han="03 ngày làm việc.", phi_le_phi="8.000 đồng/bản sao.")
    online = ChannelTerms(hinh_thuc="trực tuyến", thoi_han="03 ngày làm việc.", phi_le_phi="4.000 đồng/bản sao.")
    post = ChannelTerms(hinh_thuc="bưu chính", thoi_han="03 ngày làm việc.")
    shared, own = procedure(cach_thuc_thuc_hien=[direct, online, post]).channel_terms
    assert shared == ["thoi_han"]
    assert [(terms.hinh_thuc, keys) for terms, keys in own] == [
        ("trực tiếp", ["phi_le_phi"]), ("trực tuyến", ["phi_le_phi"]), ("bưu chính", ["phi_le_phi"])]  # not given differs
    assert procedure(cach_thuc_thuc_hien=[direct, direct.model_copy(update={"hinh_thuc": "bưu chính"})]).channel_terms[0] == [
        "thoi_han", "phi_le_phi"]
    assert procedure(cach_thuc_thuc_hien=[direct]).channel_terms == ([], [(direct, ["thoi_han", "phi_le_phi"])])


def test_online_label():
    assert procedure().online_label == "Trực tuyến toàn trình"
    assert procedure(muc_do_truc_tuyen=None, link_nop_truc_tuyen=None).online_label == "Chưa nộp trực tuyến"


def _rasterise(svg: bytes, scale: int = 8) -> Image.Image:
    """Draw our SVG's run-length path (M x,y h w v1 h-w z) as pixels, to decode it independently."""
    import re

    size = int(re.search(rb'viewBox="0 0 (\d+)', svg).group(1))
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y, width in re.findall(rb"M(\d+),(\d+)h(\d+)", svg):
        x, y, width = int(x), int(y), int(width)
        draw.rectangle([x * scale, y * scale, (x + width) * scale - 1, (y + 1) * scale - 1], fill=0)
    return image


def test_qr_svg_decodes_to_its_data():
    url = "https://tthc.example.gov.vn/xa-mau/thu-tuc/2.000884.000.00.00.H55/"
    decoded = zxingcpp.read_barcodes(_rasterise(qr_svg(url)))
    assert [code.text for code in decoded] == [url]


def test_pagefind_gets_the_folded_words_once_at_their_heaviest_place_and_the_metadata():
    html = (
        '<header>Đầu trang</header><div data-pagefind-body><h1>Đăng ký <b>khai sinh</b></h1>'
        '<p data-pagefind-ignore>Mã <span data-pagefind-meta="ma">1.001193</span></p>'
        '<span data-pagefind-weight="7">giấy chứng sinh</span><p>Công dân <b>Việt Nam</b> đăng ký</p>'
        f'<div data-pagefind-ignore><p>Căn cứ pháp lý</p></div>{FOLD_MARKER}</div><footer>Cuối trang</footer>'
    )
    out = prepare_for_index(html)
    assert '<p data-pagefind-weight="10">dangki kikhai khaisinh</p>' in out  # the heading's pairs
    assert '<p data-pagefind-weight="7">dang ki khai sinh giay chung</p>' in out  # ký folds as kí does
    assert '<p data-pagefind-weight="1">cong dan viet nam</p>' in out  # "đăng ký" already stands above
    assert '<span data-pagefind-meta="ma">1.001193</span>' in out
    assert '<span data-pagefind-meta="title">Đăng ký khai sinh</span>' in out
    assert '<span data-pagefind-filter="nhom">Thủ tục</span>' in out
    for left_out in ("Đăng", "dau trang", "cuoi trang", "can cu"):
        assert left_out not in out.split("</div>", 1)[1], left_out  # accented, outside the body, ignored
    assert prepare_for_index("<main>no marker</main>") is None


def test_search_lists_each_indexed_page_by_its_names_and_filters():
    html = (
        '<div data-pagefind-body><h1>Đăng ký khai sinh</h1><a data-pagefind-filter="linh_vuc" '
        'data-pagefind-meta="linh_vuc">Hộ tịch</a><span data-pagefind-meta="ma">1.001193</span>'
        '<span data-pagefind-filter="truc_tuyen">Trực tuyến một phần</span>'
        '<span hidden data-pagefind-meta="names">dang ki khai sinh | lam giay khai sinh</span>'
        f'<span hidden data-pagefind-meta="also">giay khai sinh | khai sinh cho con</span>{FOLD_MARKER}</div>'
    )
    assert listed_page(html, "thu-tuc/1.001193/") == {
        "url": "thu-tuc/1.001193/", "ten": "Đăng ký khai sinh", "ma": "1.001193",
        "con_goi": ["giay khai sinh", "khai sinh cho con"], "ten_khac": ["lam giay khai sinh"],  # the title's fold left out
        "loc": {"nhom": "Thủ tục", "linh_vuc": "Hộ tịch", "truc_tuyen": "Trực tuyến một phần"}}
    notice = f'<main data-pagefind-body><h1>Thông báo &amp; lịch</h1><span data-pagefind-meta="loai">Thông báo</span>{FOLD_MARKER}</main>'
    assert listed_page(notice, "thong-bao/a/") == {"url": "thong-bao/a/", "ten": "Thông báo & lịch", "loai": "Thông báo",
                                                   "loc": {"nhom": "Thông tin khác"}}
    assert listed_page("<main>no marker</main>", "x/") is None


def test_officers_guide_lists_every_key():
    assert keyguide.is_current(ROOT / "HUONG-DAN.md"), "run: python -m generator huong-dan"


def test_working_days_skip_weekends_and_lunar_new_year():
    from generator.workdays import is_working_day, working_days_late

    # Tết Bính Ngọ: Monday 16 to Friday 20 February 2026 are public holidays.
    assert [is_working_day(date(2026, 2, day)) for day in (13, 16, 20, 21, 23)] == [True, False, False, False, True]
    assert working_days_late(date(2026, 2, 13), date(2026, 2, 24)) == 2
    # Tết Ất Tỵ: 27 January to 1 February 2025; 3 February is the first working day.
    assert working_days_late(date(2025, 1, 24), date(2025, 2, 4)) == 2
    # National Day 1-2 September 2025 (Monday, Tuesday).
    assert working_days_late(date(2025, 8, 29), date(2025, 9, 3)) == 1
    assert working_days_late(date(2026, 10, 9), date(2026, 10, 9)) == 0


def test_working_days_count_make_up_saturdays():
    from generator.workdays import is_working_day, working_days_late

    # A bridged holiday is paid back by working a Saturday; that Saturday counts, the bridge day does not.
    # 2026: Monday 31 August off (bridge to National Day), Saturday 22 August worked.
    assert is_working_day(date(2026, 8, 22)) and not is_working_day(date(2026, 8, 31))
    assert working_days_late(date(2026, 8, 20), date(2026, 8, 25)) == 4  # Fri 21, Sat 22, Mon 24, Tue 25
    # 2025: Friday 2 May off (bridge to 30 April - 1 May), Saturday 26 April worked.
    assert is_working_day(date(2025, 4, 26)) and not is_working_day(date(2025, 5, 2))
    assert working_days_late(date(2025, 4, 24), date(2025, 4, 29)) == 4  # Fri 25, Sat 26, Mon 28, Tue 29
    # 2024: Monday 29 April off, Saturday 4 May worked.
    assert is_working_day(date(2024, 5, 4)) and not is_working_day(date(2024, 4, 29))
    assert working_days_late(date(2024, 5, 2), date(2024, 5, 7)) == 4  # Fri 3, Sat 4, Mon 6, Tue 7
    # A swap across New Year: Monday 31 December 2018 off, Saturday 5 January 2019 worked.
    assert working_days_late(date(2018, 12, 28), date(2019, 1, 7)) == 5  # 2, 3, 4, Sat 5, 7 January
    assert not is_working_day(date(2026, 8, 29))  # other Saturdays stay days off
    assert working_days_late(date(2026, 8, 25), date(2026, 8, 20)) == 0


def test_late_list_totals_and_deadline():
    late = load_portal(VALID).late_lists["2026-10"]
    assert late.ho_so[0].days_late == 2
    assert late.totals_by_office == [("Trung tâm Phục vụ hành chính công xã", 1)]
    assert late.deadline == date(2026, 11, 5) and not late.published_late
    assert late.model_copy(update={"ngay_cong_bo": date(2026, 11, 6)}).published_late


def test_statistics_rates():
    stats = load_portal(VALID).statistics["quy-3-2026"]
    assert round(stats.online_rate, 2) == 54.05  # 80 online of 148 received in the period
    assert round(stats.on_time_rate, 2) == 96.55  # 140 early or on time of 145 resolved


def test_plan_targets_are_met_or_not_against_statistics():
    from datetime import date as day

    from generator.pages import build_pages

    plan_page = next(page for page in build_pages(load_portal(VALID), day(2026, 11, 22)) if page.src_uri == "ke-hoach/ke-hoach-2026.md")
    verdicts = [(target.ten, round(actual, 1) if actual is not None else None, target.met(actual))
                for target, (actual, _, _) in plan_page.context["targets"]]
    assert verdicts == [
        ("Tỷ lệ hồ sơ tiếp nhận trực tuyến", 54.1, True),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn", 96.6, False),
        ("Mức độ hài lòng", None, None),
        ("Số phản ánh quá hạn", 0, True),
    ]


def test_notice_posting_period_and_body():
    notice = load_portal(VALID).notices["qd-1"]
    assert [notice.posted_on(date(2026, d_month, 1)) for d_month in (6, 7, 12)] == [False, True, True]
    assert not notice.posted_on(date(2027, 1, 1))
    assert notice.blocks == [("p", ["Công bố danh mục."]), ("ul", ["Ý thứ nhất.", "Ý thứ hai."])]


def test_desk_hours_summary():
    desk = load_portal(VALID).desk
    assert desk.hours_summary == "Thứ Hai – thứ Sáu: sáng 07:30–11:30, chiều 13:30–17:00; Thứ Bảy: sáng 07:30–11:30"
    assert tel_link(desk.duong_day_nong) == "tel:0200000000"


def test_number_format():
    from generator.templating import number

    assert [number(99.83), number(100.0), number(1234), number(None)] == ["99,8", "100", "1.234", "—"]


def test_addresses_shown_as_text_break_only_after_a_slash():
    from generator.templating import breakable_url

    parts = '<span class="tthc-url">{}</span>'
    assert breakable_url("https://xa-mau.vn/thu-tuc/1.001193/") == "<wbr>".join(
        parts.format(part) for part in ("https://", "xa-mau.vn/", "thu-tuc/", "1.001193/"))
    assert breakable_url("https://x.vn/<b>&") == "<wbr>".join(parts.format(part) for part in ("https://", "x.vn/", "&lt;b&gt;&amp;"))


def test_cached_compiled_templates_take_each_builds_asset_names_and_address(tmp_path):
    """Jinja runs filters on constants at compile time, and the plugin keeps compiled templates between
    builds: a changed script's fingerprinted name or a new site_url must still reach the page."""
    from jinja2 import DictLoader, Environment, FileSystemBytecodeCache

    from generator.templating import register

    sample = load_portal(VALID)
    template = "{{ 'assets/search.js' | asset }} {{ 'thu-tuc/' | absolute }}"
    pages = []
    for build, site_url in enumerate(["https://a.example/", "https://b.example/"]):
        env = Environment(loader=DictLoader({"page.html": template}),
                          bytecode_cache=FileSystemBytecodeCache(str(tmp_path)))
        register(env, sample, site_url, {"assets/search.js": f"assets/search.{build}.js"})
        pages.append(env.get_template("page.html").render())
    assert any(tmp_path.iterdir())  # the first build compiled into the cache, which the second one loads
    assert pages == ["assets/search.0.js https://a.example/thu-tuc/", "assets/search.1.js https://b.example/thu-tuc/"]


def test_page_fingerprints_follow_every_value_and_give_up_on_unknown_ones():
    sample = load_portal(ROOT / "content")
    unit = sample.unit
    first = fingerprint("thu-tuc/1.001193.md", {"procedure": sample.procedures[0], "status": "hieu_luc"}, [unit])
    assert first == fingerprint("thu-tuc/1.001193.md", {"procedure": sample.procedures[0], "status": "hieu_luc"}, [unit])
    changed = sample.procedures[0].model_copy(update={"ten_thu_tuc": "Tên khác"})
    assert first != fingerprint("thu-tuc/1.001193.md", {"procedure": changed, "status": "hieu_luc"}, [unit])
    assert fingerprint(["a", "b"]) != fingerprint(["ab"])  # lengths keep parts apart
    assert fingerprint({"f": lambda: 1}) is None  # a page made from what cannot be described is rendered
