"""Whole-site checks: every internal link and asset resolves, and every page is valid HTML."""

import json
import subprocess
from pathlib import Path

from conftest import ROOT, SITE_URL, SUBPATH, build, make_project
from linkcheck import check_site

VNU_JAR = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_internal_link_and_asset_resolves_under_the_sub_path(sample_site):
    report = check_site(sample_site, f"/{SUBPATH}/", SITE_URL)
    assert not report.problems, "\n".join(report.problems)
    assert report.checked > 2000  # about 40 links on each of 65 pages, plus the sitemap


def test_every_internal_link_and_asset_resolves_at_the_root_of_a_host(tmp_path):
    config = make_project(tmp_path, site_url="https://xa-mau.example.gov.vn/", site_dir=str(tmp_path / "www"))
    assert build(config).returncode == 0
    report = check_site(tmp_path / "www", "/", "https://xa-mau.example.gov.vn/")
    assert not report.problems, "\n".join(report.problems)
    assert report.checked > 2000


def test_link_checker_reports_each_kind_of_broken_link(tmp_path):
    site = tmp_path / "www" / "tthc"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#top">ok</a><a href="a/#nowhere">bad id</a><a href="b/">missing</a>'
        '<a href="../other/">outside</a><img src="logo.png"><a href="//">root</a><a href="javascript:alert(1)">js</a>'
        '<meta property="og:image" content="https://x.example/tthc/og.png"><a href="https://other.example/">ext</a>')
    (site / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../">home</a>')
    report = check_site(site, "/tthc/", "https://x.example/tthc/")
    reasons = sorted(problem.split(": ", 2)[2] for problem in report.problems)
    assert reasons == ["javascript: link", "leaves the site's folder /tthc/", "no element with id 'nowhere'",
                       "no such file", "no such file", "no such file", "protocol-relative link (a base_url of \"/\" written before a slash?)"], report.problems
    assert report.external == 1


def test_every_page_is_valid_html(sample_site):
    assert VNU_JAR.is_file(), "Thiếu Nu HTML Checker: chạy ./scripts/test (npm ci trong tests/tools)"
    pages = sorted(str(path) for path in sample_site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *pages],
                            capture_output=True, text=True, check=True)
    messages = [m for m in json.loads(result.stderr)["messages"] if m["type"] != "info" or m.get("subType") == "warning"]
    report = [f"{Path(m['url']).relative_to(sample_site)}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not report, "\n".join(report)
    assert len(pages) > 60
