"""Under `mkdocs serve`, what an officer previews and prints: the QR codes lead to site_url, never to the
laptop serving the preview, and the pages say they are a preview; a record saved with errors turns every
page into the list of errors, and fixing it brings the site back."""

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, SITE_URL, SUBPATH, make_project
from test_print import Printed, in_force

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# `mkdocs serve` empties the site folder before each build; with --dirty (scripts/serve) it keeps it, and
# the plugin writes only what changed and removes what was deleted.
@pytest.fixture(scope="module", params=[[], ["--dirty"]], ids=["serve", "serve --dirty"])
def serve_flags(request) -> list[str]:
    return request.param


@pytest.fixture(scope="module")
def project(serve_flags, tmp_path_factory):
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def served(project, serve_flags):
    """The sample under a running `mkdocs serve` (watching content/, as an officer runs it); returns the
    preview's base URL. Pages are waited for by their content: live reload's long polling keeps a page
    from ever being idle."""
    folder = project
    config = make_project(folder, site_url=SITE_URL, watch=["content"])
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *serve_flags, "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    base = f"http://127.0.0.1:{port}/{SUBPATH}/"  # serve mounts the site at site_url's path
    deadline = time.monotonic() + 600
    while True:
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve stopped:\n{process.stdout.read()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "niem-yet/", timeout=5) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        assert time.monotonic() < deadline, "mkdocs serve did not come up"
        time.sleep(1)
    yield base
    process.terminate()
    process.wait(timeout=30)


def test_posting_board_printed_from_serve_leads_to_site_url(browser, served, tmp_path):
    page = browser.new_page()
    page.goto(served + "niem-yet/", wait_until="load")  # with every QR code image
    assert SITE_URL in page.inner_text(".tthc-preview")
    pdf = tmp_path / "board.pdf"
    page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    printed = Printed(pdf)
    assert sorted(text for text, _ in printed.codes) == sorted(in_force())  # none to 127.0.0.1
    assert "Bản xem trước" in printed.text


def test_procedure_page_under_serve_shows_and_encodes_its_published_address(browser, served):
    page = browser.new_page()
    page.goto(served + "thu-tuc/1.001193/")
    published = f"{SITE_URL}thu-tuc/1.001193/"
    for qr in page.locator(".tthc-qr").all():  # on paper at the top, on screen at the end
        assert published in qr.text_content()
        assert published in qr.locator("img").get_attribute("alt")
    page.close()
    with urllib.request.urlopen(served + "thu-tuc/1.001193/qr.svg") as answer:
        assert b"127.0.0.1" not in answer.read()


def test_a_broken_record_shows_its_errors_on_every_page_until_it_is_fixed(browser, served, project):
    record = project / "content" / "procedures" / "1.001193.yml"
    good = record.read_text(encoding="utf-8")
    page = browser.new_page()
    page.goto(served + "thu-tuc/1.001193/", wait_until="load")
    assert "đăng ký khai sinh" in page.locator("h1").inner_text().lower()
    try:
        record.write_text(good.replace("ten_thu_tuc:", "ten_thu_tuk:", 1)
                          .replace("link_nop_truc_tuyen: https:", "link_nop_truc_tuyen: javascript:alert(1)//", 1), encoding="utf-8")
        # The open tab reloads by itself and shows every error, located.
        page.wait_for_selector(".tthc-errors", timeout=300_000)
        errors = page.locator(".tthc-errors li").all_inner_texts()
        assert len(errors) == 2, errors
        assert any("content/procedures/1.001193.yml:4 ten_thu_tuk: khóa “ten_thu_tuk” không có trong mẫu" in error
                   for error in errors), errors
        assert any("link_nop_truc_tuyen" in error and "javascript:" in error for error in errors), errors
        assert "trang chưa được cập nhật" in page.locator("h1").inner_text()
        # Any other page loaded meanwhile shows the same list instead of hanging or an old page.
        other = browser.new_page()
        other.goto(served + "linh-vuc/ho-tich/", wait_until="load")
        assert other.locator(".tthc-errors li").count() == 2
        other.close()
    finally:
        record.write_text(good, encoding="utf-8")
    # Fixed and saved: the tab returns to the procedure by itself.
    page.wait_for_selector(".tthc-qr", state="attached", timeout=300_000)
    assert "đăng ký khai sinh" in page.locator("h1").inner_text().lower()
    page.close()


def _wait_for(url: str, text: str, shown: bool = True) -> None:
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as answer:
                if (text in answer.read().decode("utf-8")) == shown:
                    return
        except OSError:  # mid-build: MkDocs has emptied the site folder and not yet written the page
            pass
        assert time.monotonic() < deadline, f"{url}: {text!r} {'never shown' if shown else 'still shown'}"
        time.sleep(0.5)


def test_a_saved_record_updates_its_page_and_every_page_that_lists_it(served, project):
    # Pages whose records did not change are reused from the build before (plugin.py): the ones that
    # show the saved record must not be among them. The search list and open data follow the reload.
    record = project / "content" / "procedures" / "1.001193.yml"
    good = record.read_text(encoding="utf-8")
    renamed = "Đăng ký khai sinh, đã sửa khi xem trước"  # its own short name too: the lists show that
    card = _read(served + "thu-tuc/1.001193/og.png")  # the link preview, which shows the short name
    try:
        record.write_text(re.sub(r"^ten_thu_tuc: .*$", f"ten_thu_tuc: {renamed}", good, count=1, flags=re.M), encoding="utf-8")
        for path in ("thu-tuc/1.001193/", "linh-vuc/ho-tich/", "niem-yet/", "tim-kiem-trang.json", "du-lieu/thu-tuc.json"):
            _wait_for(served + path, renamed)
        assert _read(served + "thu-tuc/1.001193/og.png") != card
    finally:
        record.write_text(good, encoding="utf-8")
    for path in ("thu-tuc/1.001193/", "linh-vuc/ho-tich/", "niem-yet/", "du-lieu/thu-tuc.json"):
        _wait_for(served + path, renamed, shown=False)
    assert _read(served + "thu-tuc/1.001193/og.png") == card


def _read(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read()


def test_a_deleted_record_takes_its_page_away_and_back_when_restored(served, project):
    record = project / "content" / "notices" / "2026-02-lich-tiep-nhan-tet-binh-ngo.yml"
    kept = record.read_bytes()
    page = served + "thong-bao/2026-02-lich-tiep-nhan-tet-binh-ngo/"
    _wait_for(page, "Tết")
    _wait_for(served + "thong-bao/", "2026-02-lich-tiep-nhan-tet-binh-ngo/")
    _wait_for(served + "thong-bao/feed.xml", "2026-02-lich-tiep-nhan-tet-binh-ngo/")  # a file made, not rendered
    record.unlink()
    try:
        _wait_for(served + "thong-bao/", "2026-02-lich-tiep-nhan-tet-binh-ngo/", shown=False)
        _wait_for(served + "thong-bao/feed.xml", "2026-02-lich-tiep-nhan-tet-binh-ngo/", shown=False)
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(page, timeout=30)
        assert gone.value.code == 404
    finally:
        record.write_bytes(kept)
    _wait_for(page, "Tết")
    _wait_for(served + "thong-bao/feed.xml", "2026-02-lich-tiep-nhan-tet-binh-ngo/")


def test_a_published_build_is_not_marked_as_a_preview(sample_site):
    assert "tthc-preview" not in (sample_site / "niem-yet" / "index.html").read_text(encoding="utf-8")


def test_the_theme_files_listed_once_per_session_are_those_mkdocs_finds_itself(tmp_path):
    """Under `mkdocs serve` the theme's file list is made once (plugin.py, _RememberedListing): MkDocs must
    find the same static files through it, and a file added to the theme folder meanwhile too."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.plugin import _with_remembered_listing

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    config = load_config(str(ROOT / "mkdocs.yml"), theme={"name": "material", "custom_dir": str(theme)})

    def theme_files(env) -> list[str]:
        files = Files([])
        files.add_files_from_theme(env, config)
        return sorted(file.src_uri for file in files)

    found = theme_files(config.theme.get_env())
    assert "assets/tthc.css" in found and len(found) > 20
    assert theme_files(_with_remembered_listing(config.theme.get_env(), config.theme)) == found
    assert theme_files(_with_remembered_listing(config.theme.get_env(), config.theme)) == found  # remembered
    (theme / "assets" / "new.js").write_text("", encoding="utf-8")
    assert "assets/new.js" in theme_files(_with_remembered_listing(config.theme.get_env(), config.theme))
