"""Shared fixtures: sample projects in temporary folders, a built sample site, a local server, Chromium."""

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "xa-mau"  # the sample is built and served under a sub-path, as many hosts do
SITE_URL = f"https://tthc.example.gov.vn/{SUBPATH}/"


LIGHTHOUSE_SCORES: dict[str, dict] = {}  # page name -> category -> score, filled by test_lighthouse.py
HOSTILE_COUNTS: dict[str, int] = {}  # what the hostile-input tests tried, for the run's summary


def pytest_terminal_summary(terminalreporter):
    if LIGHTHOUSE_SCORES:
        terminalreporter.section("Lighthouse (mobile): performance / accessibility / best practices / SEO")
        for name, result in LIGHTHOUSE_SCORES.items():
            terminalreporter.write_line(f"{name:>18}: " + " / ".join(f"{value:g}" for value in result.values()))
    if HOSTILE_COUNTS:
        terminalreporter.section("Hostile input tried")
        for name, count in HOSTILE_COUNTS.items():
            terminalreporter.write_line(f"{count:>6} {name}")


def make_project(folder: Path, content: Path = ROOT / "content", **overrides) -> Path:
    """A copy of `content` with a mkdocs.yml like the repository's, using the repository's theme."""
    shutil.copytree(content, folder / "content")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config.pop("watch", None)
    config.update(overrides)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder / "mkdocs.yml"


def build(config_file: Path):
    """Build as an officer does, through the real `mkdocs build` command."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)],
        capture_output=True, text=True,
        # PYTHONPATH: the plugin under test is this checkout's, whatever `pip install -e` last pointed at.
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample portal, built once, at <root>/xa-mau/ so it can be served under a sub-path."""
    folder = tmp_path_factory.mktemp("sample")
    config = make_project(folder, site_url=SITE_URL, site_dir=str(folder / "www" / SUBPATH))
    result = build(config)
    assert result.returncode == 0, result.stderr
    return folder / "www" / SUBPATH


@pytest.fixture(scope="session")
def server(sample_site) -> str:
    """Serve the built site on 127.0.0.1 as a real host would (gzip, cache headers); returns the
    site's base URL (with the sub-path)."""
    from generator.server import start_server

    httpd = start_server(sample_site.parent)
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUBPATH}/"
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A 360×740 phone page that records every request it makes, and fails the test on JS errors."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="vi-VN")
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert not page.errors, page.errors
    foreign = [url for url in page.requests if not url.startswith("http://127.0.0.1:")]
    assert not foreign, f"requests left 127.0.0.1: {foreign}"
