"""Printing from Chromium: A4 PDFs of a procedure handout, the posting board, the QR sheet and the notices,
turned into images with pdftoppm; every QR code on paper must decode to the right page. Text positions
from `pdftotext -bbox-layout`: no two printed lines overlap, titles are whole."""

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from conftest import ROOT, SITE_URL
from generator.content import load_portal

pytestmark = pytest.mark.browser
SAMPLE = load_portal(ROOT / "content")
DPI = 200
CHROME = ["Trang chủ", "Tìm thủ tục", "Tra cứu thủ tục hành chính", "Nộp hồ sơ trực tuyến", "Bỏ qua", "Thủ tục theo lĩnh vực"]


class Printed:
    def __init__(self, pdf):
        self.pages = int(next(line.split()[-1] for line in _run("pdfinfo", pdf).splitlines() if line.startswith("Pages:")))
        self.text = _run("pdftotext", pdf, "-")
        _run("pdftoppm", "-r", str(DPI), "-png", pdf, str(pdf.with_suffix("")))
        self.codes = []  # (text, width in cm) of every QR code on every page
        for image in sorted(pdf.parent.glob(pdf.stem + "-*.png")):
            for code in zxingcpp.read_barcodes(Image.open(image)):
                corners = code.position
                self.codes.append((code.text, (corners.top_right.x - corners.top_left.x) / DPI * 2.54))


def _run(*args) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def print_page(browser, server, tmp_path):
    def printed(path: str) -> Printed:
        page = browser.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        pdf = tmp_path / "page.pdf"
        page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
        page.close()
        assert all(url.startswith("http://127.0.0.1:") for url in requests)
        return Printed(pdf)
    return printed


@pytest.fixture(scope="session")
def printer(browser, server, tmp_path_factory):
    """Prints a page to an A4 PDF the first time a test asks for it, with one browser page for the whole
    session: every handout is read by several tests."""
    folder = tmp_path_factory.mktemp("printed")
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    printed = {}

    def pdf_of(path: str) -> Path:
        if path not in printed:
            page.goto(server + path)  # until "load": the QR codes are in
            pdf = folder / path.strip("/").replace("/", "_") / "page.pdf"
            pdf.parent.mkdir()
            page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
            assert all(url.startswith("http://127.0.0.1:") for url in requests)
            printed[path] = pdf
        return printed[path]

    yield pdf_of
    page.close()


@dataclass
class Line:
    page: int
    left: float
    top: float
    right: float
    bottom: float
    text: str


def text_lines(pdf: Path) -> list[Line]:
    """Every line of text in a PDF with its box in points, as pdftotext lays the pages out."""
    xhtml = "{http://www.w3.org/1999/xhtml}"
    lines = []
    for number, page in enumerate(ET.fromstring(_run("pdftotext", "-bbox-layout", pdf, "-")).iter(xhtml + "page"), 1):
        for line in page.iter(xhtml + "line"):
            words = [(word.text, *(float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax")))
                     for word in line.iter(xhtml + "word")]
            # pdftotext gives a word the height of its font. Chromium draws letters a font lacks (Debian's
            # Liberation Sans Bold has no "ủ") from a fallback font that pdftotext sees far taller, as a
            # word of its own ("Th", "ủ"); so a line's height is the part all its words share, and its
            # text joins the words that touch.
            text = words[0][0]
            for before, word in zip(words, words[1:]):
                text += ("" if word[1] - before[3] < 0.5 else " ") + word[0]
            lines.append(Line(number, float(line.get("xMin")), max(word[2] for word in words),
                              float(line.get("xMax")), min(word[4] for word in words), text))
    return lines


def overlapping(lines: list[Line]) -> list[tuple[str, str]]:
    """Pairs of lines printed over each other: what one covers, the dot under "ụ" say, is lost on paper."""
    return [(a.text, b.text) for i, a in enumerate(lines) for b in lines[i + 1:]
            if a.page == b.page and min(a.right, b.right) - max(a.left, b.left) > 0.1
            and min(a.bottom, b.bottom) - max(a.top, b.top) > 0.1]


def flat(text: str) -> str:
    return " ".join(text.split())


def in_force():
    return [f"{SITE_URL}thu-tuc/{proc.ma_thu_tuc}/" for proc in SAMPLE.procedures if proc.bai_bo is None]


def test_procedure_handout_prints_with_a_large_qr_code_and_no_site_chrome(print_page):
    printed = print_page("thu-tuc/1.004837/")
    assert printed.pages == 2
    [(text, width)] = printed.codes
    assert text == f"{SITE_URL}thu-tuc/1.004837/"
    assert width >= 3.0, f"QR code is {width:.1f} cm wide"
    for words in ("Ủy ban nhân dân xã Hòa Bình Mẫu", "Mã thủ tục 1.004837", "Giấy tờ cần mang", "Thời hạn", "Phí, lệ phí",
                  "Nộp ở đâu", "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia", "Thông tin cập nhật"):
        assert words in printed.text, words
    assert f"{SITE_URL}thu-tuc/1.004837/" in "".join(printed.text.split()), "the QR code's address in text"
    for chrome in CHROME:
        assert chrome not in printed.text, chrome


@pytest.mark.parametrize("code", [proc.ma_thu_tuc for proc in SAMPLE.procedures])
def test_every_procedure_handout_qr_decodes(printer, code):
    printed = Printed(printer(f"thu-tuc/{code}/"))
    assert [text for text, _ in printed.codes] == [f"{SITE_URL}thu-tuc/{code}/"]
    # Three pages at most, and one more for every 2,000 characters of documents and channel terms the
    # record itself holds (national dossiers run to 50 documents; no page is wasted on anything else).
    proc = SAMPLE.procedure(code)
    own_text = sum(len(doc.ten) for group in proc.thanh_phan_ho_so for doc in group.giay_to) + sum(
        len(terms.thoi_han or "") + len(terms.phi_le_phi or "") for terms in proc.cach_thuc_thuc_hien)
    assert printed.pages <= 3 + own_text // 2000, f"{printed.pages} pages for {own_text} characters"


@pytest.mark.parametrize("code", [proc.ma_thu_tuc for proc in SAMPLE.procedures])
def test_every_handout_prints_its_whole_title_with_no_line_over_another(printer, code):
    pdf = printer(f"thu-tuc/{code}/")
    # In drawing order (-raw), as on the board: the reading-order guess may put the QR code's caption,
    # floated beside a long name, between two of its lines.
    assert flat(SAMPLE.procedure(code).ten_thu_tuc) in flat(_run("pdftotext", "-raw", pdf, "-"))
    lines = text_lines(pdf)
    covered = overlapping(lines)
    assert not covered, covered
    # The address under the QR code, in as many lines as it takes, each ending at a "/".
    address = f"{SITE_URL}thu-tuc/{code}/"
    texts = ["".join(line.text.split()) for line in lines]
    start = next(i for i, text in enumerate(texts) if text and address.startswith(text))
    shown = [texts[start]]
    while len("".join(shown)) < len(address):
        shown.append(texts[start + len(shown)])
    assert "".join(shown) == address and all(part.endswith("/") for part in shown), shown


def test_posting_board_prints_every_title_whole_with_no_line_over_another(printer):
    pdf = printer("niem-yet/")
    # In drawing order (-raw): a cell's lines come together, where the reading-order guess may put the next
    # column's header between two lines of a long official name.
    text = flat(_run("pdftotext", "-raw", pdf, "-"))
    assert [proc.ma_thu_tuc for proc in SAMPLE.procedures if proc.bai_bo is None and flat(proc.ten_thu_tuc) not in text] == []
    covered = overlapping(text_lines(pdf))
    assert not covered, covered


def test_posting_board_prints_every_procedure_in_force_with_a_scannable_qr(printer):
    printed = Printed(printer("niem-yet/"))
    assert sorted(text for text, _ in printed.codes) == sorted(in_force())
    assert min(width for _, width in printed.codes) >= 1.5
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" in printed.text
    assert "125/QĐ-UBND" in printed.text
    for item in SAMPLE.fields:  # every field that has a procedure in force
        if any(proc.status_on(date.today()) == "con_hieu_luc" for proc in SAMPLE.procedures_in(item.ma)):
            assert item.ten in printed.text, item.ten
    for chrome in CHROME:
        assert chrome not in printed.text, chrome


def test_qr_sheet_prints_one_labelled_code_per_procedure(print_page):
    printed = print_page("niem-yet/ma-qr/")
    assert sorted(text for text, _ in printed.codes) == sorted(in_force())
    assert min(width for _, width in printed.codes) >= 3.0
    for proc in SAMPLE.procedures:
        assert proc.ma_thu_tuc in printed.text


@pytest.mark.parametrize("path, title", [("phan-anh-kien-nghi/in/", "NIÊM YẾT ĐỊA CHỈ TIẾP NHẬN PHẢN ÁNH"),
                                         ("bo-phan-mot-cua/", "Người tiếp nhận và giải quyết hồ sơ")])
def test_notices_print_cleanly(print_page, path, title):
    printed = print_page(path)
    assert title in printed.text
    assert printed.pages <= 2
    for chrome in CHROME:
        assert chrome not in printed.text, chrome
