"""Hostile content: a script payload in every free-text value of every record kind, built, then every
page opened in Chromium; a javascript: URL in every link field, refused with a located error.

The fields are found by walking the models (tests/model_walk.py), never listed by hand.
"""

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import HOSTILE_COUNTS, ROOT, build, make_project
from generator.content import load_portal
from generator.errors import ContentErrors
from generator.models.procedure import SHORT_NAME_MAX
from generator.yamlfile import key_label, read_yaml
from model_walk import RECORD_KINDS, fields_of_kind, fill

MARK = "data-tthc-pwn"
# Breaks out of attributes, <title>, <textarea> and <script> (JSON-LD), and tries both an event
# handler and a script element; each carries MARK so that any element it creates can be found.
PAYLOAD = (f"\"'></title></textarea></script><img src=x onerror=alert(1) {MARK}>"
           f"<script {MARK}>alert(2)</script><svg onload=alert(3) {MARK}>")
JS_LINK = "javascript:alert(1)"


def record_files(content: Path):
    """(path, model) of every record file of the content folder, each record kind in content.py."""
    for place, model in RECORD_KINDS:
        paths = sorted((content / place).glob("*.yml")) if place.endswith("/") else [content / place]
        for path in paths:
            yield path, model


def poison(content: Path, wanted: str, value) -> list[tuple]:
    """Fill every `wanted` field of every record under `content`; returns (file, model, field, key path)."""
    places = []
    for path, model in record_files(content):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        places += [(path, *place) for place in fill(data, model, wanted, value)]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return places


def every_field_of_kind(wanted: str) -> set[tuple[str, str]]:
    return set().union(*(fields_of_kind(model, wanted) for _, model in RECORD_KINDS))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The sample with PAYLOAD after every free-text value (and as the value of every optional one it
    leaves out), in site_name and site_description too, built."""
    folder = tmp_path_factory.mktemp("hostile")
    config = make_project(folder, site_url="https://tthc.example.gov.vn/", site_dir=str(folder / "www"),
                          site_name="Xã mẫu " + PAYLOAD, site_description="Mô tả " + PAYLOAD)
    places = poison(folder / "content", "text", lambda old: (old or "") + PAYLOAD)
    # A short name holds at most SHORT_NAME_MAX characters: the payload's first ones, which still break out
    # of every element and carry an event handler.
    for path in (folder / "content" / "procedures").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["ten_ngan"] = PAYLOAD[:SHORT_NAME_MAX]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(config)
    assert result.returncode == 0, result.stderr
    return folder / "www", places


def test_payload_reaches_every_text_field_of_every_record_kind(hostile):
    _, places = hostile
    covered = {(model, field) for _, model, field, _ in places}
    missing = every_field_of_kind("text") - covered
    assert not missing, f"the sample has no record that holds these models, so they were not attacked: {missing}"
    assert len(places) > 1500
    HOSTILE_COUNTS[f"script payload sites in {len(covered)} text fields of {len(RECORD_KINDS)} record kinds"] = len(places)


class _MarkedElements(HTMLParser):
    """Start tags carrying MARK, read as a browser reads HTML (script content is text)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if any(name == MARK for name, _ in attrs):
            self.found.append(tag)


def test_payload_is_only_text_in_every_page(hostile):
    site, _ = hostile
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        parser = _MarkedElements()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.found, f"{page}: {parser.found}"
    assert len(pages) > 60


@pytest.mark.browser
def test_no_payload_runs_or_makes_an_element_on_any_page_in_chromium(hostile, browser):
    from generator.server import start_server

    site, _ = hostile
    server = start_server(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    try:
        for path in pages:
            page.goto(base + path.removesuffix("index.html"), wait_until="load")
            assert page.locator(f"[{MARK}]").count() == 0, path
        # Search results are written by our script from the index: the payload is in the titles too.
        page.goto(base + "?q=onerror")
        page.wait_for_selector("[data-search-results] li")
        assert page.locator("[data-search-results] li").count() > 10
        assert page.locator(f"[{MARK}]").count() == 0
        page.wait_for_timeout(300)  # an onerror fires when the image fails to load
    finally:
        context.close()
        server.server_close()
    assert not dialogs, dialogs
    HOSTILE_COUNTS["pages with the payload opened in Chromium, no dialog, no payload element"] = len(pages)


def test_javascript_url_in_every_link_field_is_refused_where_it_stands(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    places = poison(tmp_path / "content", "link", lambda old: JS_LINK)
    assert {(model, field) for _, model, field, _ in places} == every_field_of_kind("link")
    with pytest.raises(ContentErrors) as caught:
        load_portal(tmp_path / "content")
    expected = set()
    for path, _, _, key_path in places:
        source = read_yaml(path, path.relative_to(tmp_path))
        expected.add(f"{source.path}:{source.line_of(key_path)}: {key_label(key_path)}: liên kết chỉ được bắt đầu bằng "
                     f"https://, http://, tel: hoặc mailto: (đang là “{JS_LINK}”)")
    assert {str(error) for error in caught.value.errors} == expected
    assert len(places) >= 8
    HOSTILE_COUNTS["javascript: links refused where they stand"] = len(places)


@pytest.mark.parametrize("link", ["JavaScript:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
                                  "javascript&colon;alert(1)", "data:text/html,<script>alert(1)</script>",
                                  "vbscript:msgbox(1)", "//evil.example/", "file:///etc/passwd"])
def test_every_spelling_of_a_script_link_is_refused(link):
    from pydantic import ValidationError

    from generator.models import Unit

    with pytest.raises(ValidationError):
        Unit(ten="Ủy ban nhân dân xã A", ten_ngan="Xã A", tinh="Tỉnh B", website=link)


def test_material_gets_titles_escaped_once(hostile):
    """The navigation, <title> and header show the field's name as typed: escaped once, not twice."""
    site, _ = hostile
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1) data-tthc-pwn&gt;" in html
    assert "&amp;lt;" not in html


def test_a_name_that_starts_like_a_formula_is_text_in_the_open_data_csv(tmp_path):
    import csv
    import io

    from generator.opendata import procedures_csv

    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", tmp_path / "content")
    path = tmp_path / "content" / "procedures" / "1.001193.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "ten_thu_tuc: Thủ tục đăng ký khai sinh", 'ten_thu_tuc: "=HYPERLINK(\\"https://evil.example\\";\\"Bấm\\")"'),
        encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(procedures_csv(load_portal(tmp_path / "content"), "https://x.example/")
                                           .decode("utf-8-sig"))))
    names = {row["ma_thu_tuc"]: row["ten_thu_tuc"] for row in rows}
    assert names["1.001193"] == "'=HYPERLINK(\"https://evil.example\";\"Bấm\")"
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
