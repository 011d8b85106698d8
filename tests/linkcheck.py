"""Every link and asset of a built site, resolved against its files as a static host would serve them."""

import posixpath
import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# (tag, attribute) pairs whose value is a URL the browser fetches or the reader follows.
_URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"),
                   ("source", "src"), ("form", "action"), ("object", "data"), ("area", "href")}
_SITE_META = {"og:url", "og:image"}  # absolute addresses of the site itself
_NOT_CHECKED = ("mailto:", "tel:", "sms:", "data:")


@dataclass
class _Page:
    ids: set = field(default_factory=set)
    links: list = field(default_factory=list)  # (tag, url)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.page.ids.add(attrs[name])
        for attribute, value in attrs.items():
            if (tag, attribute) in _URL_ATTRIBUTES and value is not None:
                self.page.links.append((tag, value))
        if tag == "meta" and attrs.get("property") in _SITE_META:
            self.page.links.append((tag, attrs["content"]))


@dataclass
class Report:
    checked: int = 0
    external: int = 0
    problems: list = field(default_factory=list)


def check_site(site_dir: Path, base_path: str, site_url: str) -> Report:
    """Check every link of every page of `site_dir`, which is served at `base_path` ("/xa-mau/")
    and published at `site_url`. Absolute links to `site_url` are checked as local ones."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = collector.page
    sitemap = site_dir / "sitemap.xml"
    extra = [("loc", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text())] if sitemap.exists() else []

    report = Report()
    for path, page in pages.items():
        page_url = base_path + path.relative_to(site_dir.resolve()).as_posix()
        links = page.links + (extra if path == (site_dir / "index.html").resolve() else [])
        for tag, url in links:
            problem = _check(url, page_url, site_dir, base_path, site_url, pages, report)
            if problem:
                report.problems.append(f"{path.relative_to(site_dir.resolve())}: <{tag}> {url!r}: {problem}")
    return report


def _check(url, page_url, site_dir, base_path, site_url, pages, report) -> str | None:
    url = url.strip()
    if url.lower().startswith(_NOT_CHECKED):
        return None
    if url.lower().startswith("javascript:"):
        return "javascript: link"
    if url.startswith("//"):
        return "protocol-relative link (a base_url of \"/\" written before a slash?)"
    if url.startswith(site_url):
        url = base_path + url[len(site_url):]
    elif urllib.parse.urlsplit(url).scheme:
        report.external += 1
        return None
    report.checked += 1
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(page_url, url))
    relative = posixpath.relpath(posixpath.normpath(urllib.parse.unquote(parts.path)), base_path)
    if relative.startswith(".."):
        return f"leaves the site's folder {base_path}"
    target = site_dir / relative
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "no such file"
    if parts.fragment:
        ids = pages.get(target.resolve(), _Page()).ids
        if urllib.parse.unquote(parts.fragment) not in ids:
            return f"no element with id {parts.fragment!r}"
    return None
