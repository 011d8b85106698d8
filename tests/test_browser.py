"""The built sample in Debian's Chromium at 360×740: first screen, QR codes, search, filters, accessibility.

Every test runs on the `phone` fixture, which fails the test if any request leaves 127.0.0.1
or a script error occurs.
"""

import io
import json
import re

import pytest
import yaml
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from conftest import ROOT
from generator.content import load_portal
from generator.models.common import tel_link
from generator.text import fold

pytestmark = pytest.mark.browser
SAMPLE = load_portal(ROOT / "content")
SITE_NAME = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]


def open_search(page, server):
    page.goto(server)
    page.wait_for_selector("form[data-ready]")


def search(page, query: str, filters: dict | None = None, typed: bool = True) -> list[str]:
    """Type a query as a person does (or paste it) and return the result links (absolute URLs) in order."""
    page.fill("#tthc-q", "")
    if typed:
        page.type("#tthc-q", query, delay=5)
    else:
        page.fill("#tthc-q", query)
    return shown_results(page, query, filters or {})


def shown_results(page, query: str, filters: dict) -> list[str]:
    """Wait until the list shows the results for this query and these filters, then read it."""
    page.wait_for_function("s => document.querySelector('form[data-search]').dataset.shown === s",
                           arg=json.dumps([query.strip(), filters], ensure_ascii=False, separators=(",", ":")))
    return page.eval_on_selector_all("[data-search-results] li > a", "links => links.map(a => a.href)")


def found_count(page) -> int:
    """The number of results the status line announces (the list shows them ten at a time)."""
    return int(re.search(r"Tìm thấy (\d+) thủ tục", page.inner_text("[data-search-status]")).group(1))


def test_procedure_first_screen_shows_what_a_citizen_needs(phone, server):
    phone.goto(server + "thu-tuc/1.001193/")
    first_screen = {"name": "h1", "online button": "a.tthc-online__button", "time limit": ".tthc-facts dt >> text=Thời hạn",
                    "fee": ".tthc-facts dt >> text=Phí, lệ phí", "where": ".tthc-facts dt >> text=Nộp ở đâu",
                    "what to bring": "#giay-to", "first document": "ul.tthc-checklist > li >> nth=0"}
    for what, selector in first_screen.items():
        box = phone.locator(selector).bounding_box()
        fully_shown = box and box["y"] + box["height"] <= 740
        starts_with_a_readable_line = box and what == "first document" and box["y"] + 40 <= 740
        assert fully_shown or starts_with_a_readable_line, f"{what} is not on the first screen: {box}"
    assert phone.inner_text("h1") == "Đăng ký khai sinh"
    assert phone.get_attribute("a.tthc-online__button", "href").startswith("https://dichvucong.gov.vn/")
    assert phone.evaluate("window.scrollTo(500, 0), window.scrollX") == 0, "page scrolls sideways"


# The bottom edge (px from the top of the page) of what the first screen must show, and the heading's text.
FIRST_SCREEN = """() => {
  const bottom = (element) => element && Math.ceil(element.getBoundingClientRect().bottom + scrollY);
  const facts = [...document.querySelectorAll(".tthc-facts > div")];
  return { name: document.querySelector("h1").textContent, heading: bottom(document.querySelector("h1")),
           online: bottom(document.querySelector("a.tthc-online__button")),
           facts: Object.fromEntries(facts.map((row) => [row.querySelector("dt").textContent, bottom(row)])) };
}"""


def test_every_procedure_shows_name_time_fee_where_and_online_button_on_the_first_screen(phone, server):
    """Every procedure of the sample, not a few: one long name or fee is enough to push the facts down."""
    missed = []
    for proc in SAMPLE.procedures:
        # The stylesheets are in by DOMContentLoaded (a deferred script waits for them); images have their size.
        phone.goto(f"{server}thu-tuc/{proc.ma_thu_tuc}/", wait_until="domcontentloaded")
        shown = phone.evaluate(FIRST_SCREEN)
        assert shown["name"] == proc.short_name
        assert list(shown["facts"]) == ["Thời hạn", "Phí, lệ phí", "Nộp ở đâu"], proc.ma_thu_tuc
        assert (shown["online"] is not None) == proc.online, proc.ma_thu_tuc
        below = {what: bottom for what, bottom in [("tên", shown["heading"]), ("nút nộp trực tuyến", shown["online"]),
                                                   *shown["facts"].items()] if bottom and bottom > 740}
        if below:
            missed.append(f"{proc.ma_thu_tuc}: {below}")
    assert not missed, "below the first 740 px:\n" + "\n".join(missed)


def test_channels_state_shared_terms_once_on_the_phones_full_width(phone, server):
    phone.goto(server + "thu-tuc/1.001193/#cach-nop")  # the same time and fee for its three channels
    channels = phone.locator("dl.tthc-channels")
    text = channels.inner_text()
    direct = SAMPLE.procedure("1.001193").cach_thuc_thuc_hien[0]
    assert text.startswith("Như nhau cho mọi cách nộp (trực tiếp, trực tuyến, bưu chính)")
    assert text.count(direct.thoi_han) == 1 and text.count(direct.phi_le_phi) == 1
    assert text.count("Thời hạn:") == 1 and text.count("Phí, lệ phí:") == 1
    assert [name.strip() for name in channels.locator("dt").all_inner_texts()[1:]] == ["Trực tiếp", "Trực tuyến", "Bưu chính"]
    # A text block across the phone, not a narrow column of a table.
    widths = channels.locator("dd").evaluate_all("blocks => blocks.map((block) => block.getBoundingClientRect().width)")
    assert min(widths) >= 300, widths
    phone.emulate_media(media="print")  # paper leaves out the descriptions, and the channels that hold nothing else
    assert channels.locator("dt:visible").all_inner_texts() == ["Như nhau cho mọi cách nộp (trực tiếp, trực tuyến, bưu chính)"]
    phone.emulate_media(media="screen")
    phone.goto(server + "thu-tuc/2.002641/#cach-nop")  # the same time, a fee of its own for each channel
    text = phone.locator("dl.tthc-channels").inner_text()
    assert text.count("Thời hạn:") == 1 and text.count("Phí, lệ phí:") == 3


@pytest.fixture
def touch_phone(browser):
    """A 360×740 touch screen, failing the test on script errors."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="vi-VN",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert not page.errors, page.errors


def test_documents_to_bring_tick_by_touch_click_and_keyboard_and_stay_ticked_for_that_procedure(touch_phone, server):
    page, url = touch_phone, f"{server}thu-tuc/1.001193/"
    page.goto(url)
    boxes = page.locator("[data-checklist] input[type=checkbox]")
    assert boxes.count() >= 4 and page.locator("[data-checklist] label").count() == boxes.count()
    page.locator("label[for=giay-to-1-1]").tap()  # a finger on the paper's name
    boxes.nth(1).click()
    boxes.nth(2).focus()
    page.keyboard.press("Space")
    ticked = [boxes.nth(index).is_checked() for index in range(4)]
    assert ticked == [True, True, True, False]
    boxes.nth(1).click()  # and untick
    page.reload()
    assert [boxes.nth(index).is_checked() for index in range(4)] == [True, False, True, False]
    later = page.context.new_page()  # another day, another tab: no form state for the browser to restore
    later.goto(url)
    assert later.locator("[data-checklist] input:checked").evaluate_all("boxes => boxes.map((box) => box.id)") == [
        "giay-to-1-1", "giay-to-1-3"]
    later.goto(f"{server}thu-tuc/2.000815/")  # another procedure's list, with boxes of the same ids
    assert later.locator("[data-checklist] input").count() and not later.locator("[data-checklist] input:checked").count()
    later.goto(url + "?kiosk")  # the desk's shared screen: the next citizen's list starts empty
    assert not later.locator("[data-checklist] input:checked").count()


def test_documents_to_bring_tick_without_storage_and_print_as_empty_boxes(touch_phone, server):
    from PIL import ImageOps

    page = touch_phone
    stacks = []
    page.on("pageerror", lambda error: stacks.append(error.stack or ""))
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{ get() { throw new DOMException('refused', 'SecurityError'); } })")
    page.goto(f"{server}thu-tuc/1.001193/")
    box, other = page.locator("#giay-to-1-1"), page.locator("#giay-to-1-2")
    box.click()
    assert box.is_checked() and not other.is_checked()
    # Material's own inline script reads the storage unguarded and throws; the checklist must not.
    assert not [stack for stack in stacks if "checklist" in stack], stacks
    page.errors.clear()

    def empty_box(element) -> bool:
        """A dark outline with nothing inside (no tick, no fill)."""
        image = Image.open(io.BytesIO(element.screenshot())).convert("L")
        image = image.crop(ImageOps.invert(image).getbbox())
        inside = image.crop((6, 6, image.width - 6, image.height - 6))
        return image.getextrema()[0] < 140 and inside.getextrema()[0] > 200

    assert not empty_box(box) and empty_box(other)  # on screen, the tick shows
    page.emulate_media(media="print")
    assert empty_box(box) and empty_box(other), "on paper, every box is empty, ticked on screen or not"


def test_every_qr_code_decodes_to_its_page_canonical_url(phone, server):
    for proc in SAMPLE.procedures:
        phone.goto(f"{server}thu-tuc/{proc.ma_thu_tuc}/")
        canonical = phone.get_attribute("link[rel=canonical]", "href")
        assert canonical.endswith(f"/thu-tuc/{proc.ma_thu_tuc}/")
        image = Image.open(io.BytesIO(phone.locator("section.tthc-qr img").screenshot()))
        decoded = [code.text for code in zxingcpp.read_barcodes(image)]
        assert decoded == [canonical], proc.ma_thu_tuc
        assert phone.locator(f'section.tthc-qr a[href="{canonical}"]').inner_text() == canonical


def test_search_by_name_without_diacritics_in_nfd_and_capitals_finds_it_first(phone, server):
    import unicodedata

    open_search(phone, server)
    for proc in SAMPLE.procedures:
        expected = f"{server}thu-tuc/{proc.ma_thu_tuc}/"
        for query in (fold(proc.ten_thu_tuc), unicodedata.normalize("NFD", proc.ten_thu_tuc), proc.ten_thu_tuc.upper()):
            results = search(phone, query, typed=False)
            assert results and results[0] == expected, f"{query!r}: {results[:3]}"


COLLOQUIAL = {
    "lam giay khai sinh": "1.001193",
    "xac nhan doc than": "1.004873",
    "giấy xác nhận độc thân": "1.004873",
    "cong chung ban sao": "2.000815",
    "dang ky ket hon": "1.000894",
    "lam giay chung tu": "1.000656",
    "ho ngheo": "1.011606",
    "dang ky ho kinh doanh": "1.001612",
}


@pytest.mark.parametrize("query, code", COLLOQUIAL.items())
def test_everyday_words_find_the_procedure_in_the_first_three(phone, server, query, code):
    open_search(phone, server)
    results = search(phone, query)
    assert f"{server}thu-tuc/{code}/" in results[:3], results[:3]
    phone.click(f"[data-search-results] li > a[href$='/thu-tuc/{code}/']")
    phone.wait_for_url(f"{server}thu-tuc/{code}/")
    assert phone.locator(".tthc-code").inner_text().startswith(f"Mã thủ tục {code}")


def test_results_show_name_and_field(phone, server):
    open_search(phone, server)
    search(phone, "khai sinh")
    first = phone.locator("[data-search-results] li >> nth=0")
    assert first.locator("a").inner_text() == "Đăng ký khai sinh"  # the short name (official: "Thủ tục đăng ký khai sinh")
    assert first.locator(".tthc-results__meta").inner_text() == "Hộ tịch · Mã 1.001193"


def test_a_long_official_name_is_found_and_shown_by_its_short_name(phone, server):
    open_search(phone, server)
    for query in ("chung thuc ban sao giay to", "chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan"):
        assert search(phone, query)[0] == f"{server}thu-tuc/2.000815/"
        assert phone.locator("[data-search-results] li > a >> nth=0").inner_text() == "Chứng thực bản sao giấy tờ"
    phone.click("[data-search-results] li > a >> nth=0")
    assert phone.inner_text("h1") == "Chứng thực bản sao giấy tờ"
    official = phone.locator(".tthc-official")
    assert official.inner_text().startswith("Tên chính thức: Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan")
    folded = official.bounding_box()["height"]
    line = official.locator("summary").evaluate("summary => parseFloat(getComputedStyle(summary).lineHeight)")
    assert folded <= 2 * line + 1, "the official name is not folded to two lines"
    official.locator("summary").press("Enter")  # opened, it shows the whole name
    assert official.bounding_box()["height"] > folded


def test_field_filter_narrows_results(phone, server):
    open_search(phone, server)
    search(phone, "dang ky")
    everything = found_count(phone)
    phone.select_option("select[data-filter=linh_vuc]", "Hộ tịch")
    filtered = shown_results(phone, "dang ky", {"linh_vuc": "Hộ tịch"})
    hotich = {f"{server}thu-tuc/{p.ma_thu_tuc}/" for p in SAMPLE.procedures_in("ho-tich")}
    assert filtered and set(filtered) <= hotich
    assert found_count(phone) < everything
    phone.select_option("select[data-filter=truc_tuyen]", "Trực tuyến toàn trình")
    both = shown_results(phone, "dang ky", {"linh_vuc": "Hộ tịch", "truc_tuyen": "Trực tuyến toàn trình"})
    expected = {f"{server}thu-tuc/{p.ma_thu_tuc}/" for p in SAMPLE.procedures_in("ho-tich") if p.muc_do_truc_tuyen == "toàn trình"}
    assert set(both) <= expected and both


def test_search_from_the_address_bar(phone, server):
    phone.goto(server + "?q=xac+nhan+tinh+trang+hon+nhan")
    results = shown_results(phone, "xac nhan tinh trang hon nhan", {})
    assert results[0] == f"{server}thu-tuc/1.004873/"
    # A results page: the rest of the home page is out of the way until the query is cleared.
    assert not phone.is_visible("#linh-vuc")
    phone.fill("#tthc-q", "")
    phone.wait_for_selector("#linh-vuc", state="visible")


def test_pages_load_no_search_code_until_someone_searches(phone, server):
    phone.goto(server + "thu-tuc/1.001193/", wait_until="networkidle")
    phone.goto(server, wait_until="networkidle")
    scripts = [url for url in phone.requests if url.endswith(".js")]
    assert [url.rsplit("/", 1)[1].split(".")[0] for url in scripts] == ["kiosk", "checklist", "kiosk", "search"], scripts
    assert not [url for url in phone.requests if "/pagefind/" in url or "/tim-kiem" in url]
    search(phone, "khai sinh")
    assert [url for url in phone.requests if url.endswith("/tim-kiem-trang.json")]


def test_names_answer_without_pagefind_and_the_full_text_is_one_tap_away(phone, server):
    open_search(phone, server)
    search(phone, "khai sinh")
    assert not [url for url in phone.requests if "/pagefind/" in url]  # every word stands in some names
    named = found_count(phone)
    phone.click("[data-search-full-text]")
    phone.wait_for_function("document.querySelector('form[data-search]').dataset.searched === 'full text'")
    assert [url for url in phone.requests if url.endswith("/pagefind/pagefind.js")]
    assert found_count(phone) > named  # pages that mention it in their text, not in their names
    assert phone.locator("[data-search-full-text]").is_hidden()


def test_full_text_results_carry_no_excerpt_of_folded_words(phone, server):
    # The index holds the folded copies of the pages' words; they count for search but must not be shown.
    open_search(phone, server)
    search(phone, "kham chua benh")
    phone.click("[data-search-full-text]")
    phone.wait_for_function("document.querySelector('form[data-search]').dataset.searched === 'full text'")
    found = phone.evaluate("""async () => {
        // the module search.js loaded, with the options it set
        const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
        const results = await Promise.all((await pagefind.search("kham chua benh")).results.slice(0, 10).map((r) => r.data()));
        return results.map((data) => ({ url: data.url, excerpts: [data.excerpt, data.plain_excerpt,
            ...data.sub_results.flatMap((sub) => [sub.excerpt, sub.plain_excerpt])] }));
    }""")
    assert any(result["url"].endswith("/thu-tuc/1.010091/") for result in found), found
    folded_run = re.compile(r"\b[a-z]+ [a-z]+ [a-z]+\b")  # three folded words in a row: "ho tro kham"
    for result in found:
        shown = [re.sub(r"</?mark>", "", excerpt or "") for excerpt in result["excerpts"]]
        assert not any(folded_run.search(excerpt) for excerpt in shown), result


def test_a_question_whose_words_no_name_holds_searches_the_full_text(phone, server):
    open_search(phone, server)
    found = search(phone, "giay to can mang khi xin ket hon", typed=False)
    assert phone.get_attribute("form[data-search]", "data-searched") == "full text"
    assert f"{server}thu-tuc/1.000894/" in found[:3]


def test_filter_choices_written_at_build_match_the_search_index(phone, server):
    open_search(phone, server)
    indexed = phone.evaluate("""async () => {
        const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
        return pagefind.filters(); }""")
    for name in ("linh_vuc", "truc_tuyen"):
        options = phone.eval_on_selector_all(f"select[data-filter={name}] option", "options => options.map(o => o.text)")
        assert sorted(options[1:]) == sorted(f"{value} ({count})" for value, count in indexed[name].items()), name
        assert len(options) > 2, name


PAGE_KINDS = [
    "", "linh-vuc/ho-tich/", "thu-tuc/1.001193/", "thu-tuc/2.000815/", "gioi-thieu/",
    "bo-phan-mot-cua/", "phan-anh-kien-nghi/", "phan-anh-kien-nghi/in/", "thong-bao/",
    "thong-bao/2025-07-qd-125-cong-bo-danh-muc-tthc/", "ho-so-tre-han/", "ho-so-tre-han/2026-10/",
    "ho-so-tre-han/2026-09/", "thong-ke/", "thong-ke/2024-6-thang-dau-nam/", "ke-hoach/", "ke-hoach/2023-96-kh-ubnd/",
    "niem-yet/", "niem-yet/ma-qr/",
]


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_accessibility_violations(phone, server, path):
    phone.goto(server + path)
    if path == "":
        phone.wait_for_selector("form[data-ready]")
        search(phone, "khai sinh")  # check the page with results and filters shown
    results = Axe().run(phone, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", PAGE_KINDS[5:])
def test_record_pages_fit_a_phone(phone, server, path):
    phone.goto(server + path)
    assert phone.locator("h1").is_visible()
    assert phone.evaluate("window.scrollTo(500, 0), window.scrollX") == 0, "page scrolls sideways"


def test_statistics_read_on_a_phone(phone, server):
    slug, stats = next(iter(SAMPLE.statistics.items()))
    phone.goto(f"{server}thong-ke/{slug}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "the page is wider than the phone"
    # Every bar carries its field's whole name, inside the chart: none cut short, so no two alike.
    labels = phone.eval_on_selector_all(".tthc-chart__label", "labels => labels.map(label => label.textContent)")
    assert [" ".join(label.split()) for label in labels] == [row.linh_vuc for row in stats.linh_vuc]
    assert len(set(labels)) == len(labels)
    outside = phone.eval_on_selector_all(".tthc-chart__label", """labels => labels.filter(label => {
        const box = label.getBBox(), view = label.ownerSVGElement.viewBox.baseVal;
        return box.x < 0 || box.x + box.width > view.width; }).map(label => label.textContent)""")
    assert not outside, outside
    # The table fits, or it scrolls in a box one reaches by keyboard, with a hint one can see, and keeps
    # the field names in view when scrolled to its last column.
    table = phone.locator(".tthc-wide")
    if table.evaluate("box => box.scrollWidth > box.clientWidth"):
        assert table.get_attribute("tabindex") == "0" and "vuốt ngang" in table.get_attribute("aria-label")
        hint = phone.locator(".tthc-wide__hint")
        assert hint.is_visible() and "vuốt ngang" in hint.inner_text()
        table.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        shown = table.bounding_box()
        for name in phone.locator(".tthc-wide tbody th[scope=row]").all():
            box = name.bounding_box()
            assert shown["x"] <= box["x"] and box["x"] + box["width"] <= shown["x"] + shown["width"], name.inner_text()


@pytest.mark.parametrize("path", ["", "thu-tuc/1.001193/", "thong-ke/2024-6-thang-dau-nam/"])
def test_header_shows_the_site_name_whole_beside_a_usable_search_box(phone, server, path):
    phone.goto(server + path)
    title = phone.locator(".md-header__title")
    assert title.evaluate("title => title.scrollWidth <= title.clientWidth && title.scrollHeight <= title.clientHeight"), \
        "the site's name is cut"
    assert title.inner_text() in (SITE_NAME, SAMPLE.unit.ten_ngan)
    if path:  # the home page has its own search box
        assert phone.locator("#tthc-mini-q").bounding_box()["width"] >= 100


def test_home_has_no_blank_gap_under_the_filters(phone, server):
    open_search(phone, server)
    filters = phone.locator(".tthc-search__filters").bounding_box()
    gap = phone.locator("#linh-vuc").bounding_box()["y"] - filters["y"] - filters["height"]
    assert gap <= 48, f"{gap:.0f} px blank under the filters"


def test_desk_phones_are_tap_to_call(phone, server):
    phone.goto(server + "bo-phan-mot-cua/")
    links = phone.eval_on_selector_all(".tthc-people a", "links => links.map(a => a.getAttribute('href'))")
    assert links == [tel_link(person.dien_thoai) for role in ("người đứng đầu", "cấp phó", "công chức")
                     for person in SAMPLE.desk.people(role)]
    assert all(link.startswith("tel:0") for link in links)


SECTIONS = {
    "phan anh kien nghi": "phan-anh-kien-nghi/",
    "gio lam viec trung tam phuc vu hanh chinh cong": "bo-phan-mot-cua/",
    "lich tiep nhan ho so tet": "thong-bao/2026-02-lich-tiep-nhan-tet-binh-ngo/",
    "ho so tre han thang 10": "ho-so-tre-han/2026-10/",
    "ket qua giai quyet ho so 6 thang dau nam 2024": "thong-ke/2024-6-thang-dau-nam/",
    "ke hoach kiem soat thu tuc hanh chinh nam 2023": "ke-hoach/2023-96-kh-ubnd/",
}


@pytest.mark.parametrize("query, path", SECTIONS.items())
def test_search_finds_every_record_kind_in_its_own_group_below_procedures(phone, server, query, path):
    open_search(phone, server)
    procedures = search(phone, query, typed=False)
    assert all("/thu-tuc/" in link for link in procedures)
    others = phone.eval_on_selector_all("[data-search-other] li > a", "links => links.map(a => a.href)")
    assert server + path in others[:3], others
    assert phone.is_visible("[data-search-other-heading]")


def test_kiosk_mode_stays_on_across_pages_and_returns_home_when_idle(phone, server):
    phone.goto(server + "?kiosk=2")
    assert phone.evaluate("document.documentElement.classList.contains('tthc-kiosk')")
    assert not phone.locator(".md-footer").is_visible()
    box = phone.locator(".tthc-fields a >> nth=0").bounding_box()
    assert box["height"] >= 48, "touch targets at least 48 px high"
    phone.click(".tthc-fields a >> nth=0")
    phone.wait_for_url(server + "linh-vuc/ho-tich/")
    assert phone.evaluate("document.documentElement.classList.contains('tthc-kiosk')")
    phone.wait_for_url(server, timeout=6000)  # idle for 2 s: back to the home page's search
    phone.goto(server + "?kiosk=0")
    assert not phone.evaluate("document.documentElement.classList.contains('tthc-kiosk')")
