"""Search as citizens type: the build-time terms (generator/searchterms.py), the shipped thesaurus, and a
representative set of real-shaped queries typed into the portal's search box in Chromium (the full set,
with baselines and timing, is bench/search.py)."""

import shutil
import unicodedata
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT, SUBPATH
from generator.content import load_portal
from generator.hosting import precompress
from generator.search import (_HEADING_WEIGHTS, _VOID, _WORD, FOLD_MARKER, IndexingError, _weighted_words, build_index,
                               indexed_part)
from generator.server import start_server
from generator.searchterms import everyday_names, search_fold, syllable_pairs
from test_browser import open_search, search

SAMPLE = load_portal(ROOT / "content")
QUERIES = yaml.safe_load((ROOT / "bench" / "search-queries.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("one, other", [
    ("Ký", "kí"), ("lý lịch", "lí lịch"), ("quý", "quí"), ("Mỹ", "mĩ"), ("hoà giải", "hòa giải"),
    ("thuỷ lợi", "thủy lợi"), ("uỷ ban", "ủy ban"), ("Đăng ký", "dang ky"), ("đăng ký", "đăng ký"),
])
def test_spellings_citizens_use_fold_to_one(one, other):
    assert search_fold(one) == search_fold(other)


def test_a_y_that_is_not_a_lone_final_vowel_stays():
    assert search_fold("tuy nhiên thuỷ hay tay") == "tuy nhien thuy hay tay"
    assert search_fold("y tế") == "y te"


def test_syllable_pairs_join_neighbours_in_order():
    assert syllable_pairs("giay chung tu") == ["giaychung", "chungtu"]
    assert syllable_pairs("khai") == []


def test_everyday_words_reach_procedures_whose_names_hold_the_official_phrase():
    words = everyday_names(SAMPLE)
    land = [proc for proc in SAMPLE.procedures if "giấy chứng nhận quyền sử dụng đất" in proc.ten_thu_tuc.lower()]
    assert land and all("sổ đỏ" in words[proc.ma_thu_tuc] for proc in land)
    assert "sổ đỏ" not in words["1.001193"]


def test_every_thesaurus_entry_reaches_a_procedure_of_the_sample():
    names = [f" {search_fold(proc.ten_thu_tuc)} " for proc in SAMPLE.procedures]
    for entry in SAMPLE.search_words.tu_dien:
        for phrase in entry.tim_thay:
            assert any(f" {search_fold(phrase)} " in name for name in names), phrase


def test_no_everyday_word_leads_both_here_and_to_another_agency():
    here = {search_fold(word) for entry in SAMPLE.search_words.tu_dien for word in entry.goi_la}
    elsewhere = {search_fold(word) for entry in SAMPLE.search_words.noi_khac for word in entry.goi_la}
    assert not here & elsewhere


def test_benchmark_queries_expect_procedures_the_sample_has():
    codes = {proc.ma_thu_tuc for proc in SAMPLE.procedures}
    assert len(QUERIES) >= 200
    for query in QUERIES:
        assert set(query["expect"]) <= codes, query


# Queries from the issue and from each category of bench/search-queries.yml, as citizens type them:
# (query, codes of which one must be in the first three results).
FOUND = [
    ("ket hon voi nguoi nuoc ngoai", {"2.000806"}),
    ("bao hiem y te tre em", {"2.001023", "2.000986"}),
    ("so do", {"1.013978", "1.012753", "1.013979"}),
    ("dang ki khai sinh", {"1.001193"}),
    ("đăng kí kết hôn", {"1.000894"}),
    ("xac nhan tinh trang hon nhan", {"1.004873"}),
    ("chung thuc di chuc", {"2.001019"}),
    ("khia sinh", {"1.001193"}),
    ("dnag ky tam tru", {"1.004194"}),
    ("tôi muốn đăng ký tạm trú thì cần giấy tờ gì", {"1.004194"}),
    ("lam the nao de xin tro cap cho nguoi gia", {"1.001776"}),
    ("giấy độc thân", {"1.004873"}),
    ("làm giấy báo tử", {"1.000656"}),
    ("công chứng bản sao", {"2.000815"}),
    ("hộ nghèo", {"1.011606", "1.011607", "1.011608", "1.011609"}),
    ("1.001193", {"1.001193"}),
    ("DANG KY KET HON", {"1.000894"}),
    # a neighbour tells which close word was meant; two equally close readings are both tried
    ("dang ky ket hn", {"1.000894"}),
    ("gia hna tam tru", {"1.002755"}),
    ("xao dang ky thuong tru", {"1.003197"}),
    # a sentence that names the procedure; rare words count more than common ones
    ("bố tôi mới mất, làm giấy chứng tử ở đâu", {"1.000656"}),
    ("nhà có người thân ở quê lên ngủ lại vài hôm thì báo công an thế nào", {"2.001159"}),
]
ELSEWHERE = ["lam cmnd", "làm căn cước", "ho chieu", "bằng lái xe", "ly lich tu phap"]


@pytest.mark.parametrize("query, expected", FOUND)
def test_citizens_queries_find_the_procedure_in_the_first_three(phone, server, query, expected):
    open_search(phone, server)
    found = [link.rstrip("/").rsplit("/", 1)[-1] for link in search(phone, query, typed=False)[:3]]
    assert expected & set(found), found


@pytest.mark.parametrize("query", ELSEWHERE)
def test_what_another_agency_handles_is_named_above_the_results(phone, server, query):
    open_search(phone, server)
    search(phone, query, typed=False)
    box = phone.inner_text("[data-search-elsewhere]")
    assert "không làm tại xã" in box and "Nơi giải quyết:" in box


def test_a_corrected_typo_says_what_was_searched(phone, server):
    open_search(phone, server)
    search(phone, "khia sinh", typed=False)
    assert "Kết quả cho “khai sinh”" in phone.inner_text("[data-search-status]")


def test_no_result_gives_the_desks_phone(phone, server):
    open_search(phone, server)
    assert search(phone, "zzqxw", typed=False) == []
    status = phone.inner_text("[data-search-status]")
    assert "Không tìm thấy thủ tục nào" in status and SAMPLE.desk.duong_day_nong in status


def test_letters_the_portal_knows_nothing_of_find_nothing(phone, server):
    open_search(phone, server)
    assert search(phone, "asdfgh jkl", typed=False) == []


def test_every_page_but_home_has_a_search_box_that_lands_on_the_results(phone, server):
    phone.goto(server + "thu-tuc/1.001193/")
    phone.fill("#tthc-mini-q", "ket hon")
    phone.press("#tthc-mini-q", "Enter")
    phone.wait_for_url(server + "?q=ket+hon")
    phone.wait_for_function("document.querySelector('form[data-search]').dataset.shown?.includes('ket hon')")
    assert phone.eval_on_selector_all("[data-search-results] li > a", "links => links.length") > 0
    phone.goto(server)
    assert phone.locator("#tthc-mini-q").count() == 0  # the home page has the full box instead


class _ReferenceWords(HTMLParser):
    """The words of a page's indexed part as generator/search.py reads them, read by the standard library's
    HTML parser instead: the reference for search.py's faster reading."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, float, bool]] = []
        self.words: dict[float, list[str]] = {}
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        weight, indexed = self.stack[-1][1:] if self.stack else (1.0, False)
        if "data-pagefind-weight" in attrs:
            weight = float(attrs["data-pagefind-weight"])
        elif tag in _HEADING_WEIGHTS:
            weight = _HEADING_WEIGHTS[tag]
        indexed = (indexed or "data-pagefind-body" in attrs) and not (
            "data-pagefind-ignore" in attrs or tag in ("script", "style"))
        self.stack.append((tag, weight, indexed))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][2]:
            self.words.setdefault(self.stack[-1][1], []).extend(search_fold(word) for word in _WORD.findall(data))


@pytest.mark.parametrize("fragment", [
    '<main data-pagefind-body><h1>Đăng ký <b>khai</b> sinh</h1><p>Lệ phí: 8.000&nbsp;đồng &amp; miễn</p></main>',
    '<div data-pagefind-body><p data-pagefind-weight="3">trọng <span data-pagefind-ignore>bỏ qua</span> số</p>'
    '<p>không đóng<li>mục<li>mục hai</div>',
    '<main data-pagefind-body><!-- <p>chú thích</p> --><script>var a = "<p>mã</p></main>";</script><style>p>b{}</style>'
    '<p title="a > b data-pagefind-ignore">giữ</p></main>',
    '<MAIN DATA-PAGEFIND-BODY><P>chữ hoa</P><span data-pagefind-ignore/>sau<br/>dòng<img alt="ảnh">hết</MAIN>',
    "<main data-pagefind-body><h2 data-pagefind-weight='2'>nháy đơn</h2><p data-pagefind-ignore=\"all\">không</p>"
    "chữ < rời &lt;b&gt; x</main>",
    '<section data-pagefind-body><h3>ba</h3><div data-pagefind-weight="0.5"><h1>một</h1>nhẹ</div>tiếp</section>',
])
def test_the_words_read_for_the_index_are_those_an_html_parser_reads(fragment):
    assert _weighted_words(fragment) == _ReferenceWords(fragment).words


def test_every_sample_page_gives_the_index_the_words_an_html_parser_reads(sample_site):
    pages = 0
    for path in sample_site.rglob("*.html"):
        html = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        if FOLD_MARKER in html:
            fragment = indexed_part(html)
            assert _weighted_words(fragment) == _ReferenceWords(fragment).words, path
            pages += 1
    assert pages > 200


def test_what_stops_pagefind_is_reported_in_its_own_words(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<html lang="vi"><main data-pagefind-body><h1>Đăng ký khai sinh</h1>'
                                     f'{FOLD_MARKER}</main></html>', encoding="utf-8")
    failing = tmp_path / "pagefind"  # stands in for Pagefind's program (its Python package's documented variable)
    failing.write_text("#!/bin/sh\necho 'Error: no space left on device' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    with pytest.raises(IndexingError, match="^Pagefind không lập được chỉ mục tìm kiếm: Error: no space left on device$"):
        build_index(site)


@pytest.fixture(scope="module")
def parts_server(sample_site, tmp_path_factory):
    """The sample site with its search index made in three parts, as a province's is (PART_PAGES)."""
    copy = tmp_path_factory.mktemp("parts") / SUBPATH
    shutil.copytree(sample_site, copy)
    shutil.rmtree(copy / "pagefind")
    assert build_index(copy, part_pages=100) > 200
    precompress(copy)  # as the build does after indexing: the server prefers a .gz copy
    assert sorted(path.name for path in (copy / "pagefind").iterdir() if path.is_dir()) == ["2", "3", "filter", "fragment", "index"]
    httpd = start_server(copy.parent)
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUBPATH}/"
    httpd.server_close()


def full_text_search(page, server, query) -> tuple[list[str], str]:
    """(results, status line) of a query searched in the pages' full text, links relative to the site."""
    open_search(page, server)
    search(page, query, typed=False)
    if page.get_attribute("form[data-search]", "data-searched") != "full text":
        page.click("[data-search-full-text]")
        page.wait_for_function("document.querySelector('form[data-search]').dataset.searched === 'full text'")
    links = page.eval_on_selector_all("[data-search-results] li > a", "links => links.map(a => a.href)")
    return [link.removeprefix(server) for link in links], page.inner_text("[data-search-status]")


@pytest.mark.parametrize("query", ["kham chua benh", "giay to can mang khi xin ket hon", "bố tôi mới mất, làm giấy chứng tử ở đâu",
                                   "ho ngheo", "dang ky tam tru", "chứng thực", "tro cap xa hoi", "khia sinh"])
def test_an_index_made_in_parts_finds_what_the_whole_index_finds(phone, server, parts_server, query):
    whole = full_text_search(phone, server, query)
    assert whole[0], whole
    parts = full_text_search(phone, parts_server, query)
    # As many pages found, the same first. Pages that rank alike by the query's words are ordered by
    # Pagefind's own score, which each part computes over its own pages: their order may differ.
    assert (parts[0][0], parts[1]) == (whole[0][0], whole[1])
    assert [url for url in phone.requests if "/pagefind/3/pagefind-entry.json" in url]
