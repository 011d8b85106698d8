"""Search index with Pagefind, made to work for Vietnamese typed without diacritics.

Pagefind ignores tone marks by itself but keeps `đ` apart from `d`, and indexes NFD text apart
from NFC. So before indexing, each page is normalised to NFC and given, at its FOLD_MARKER, hidden
copies of its words that contain đ, folded ("đăng" -> "dang"), with the weight of where they stand
(titles weigh more). The browser folds the query the same way (theme's search.js). The copies go
to the index only; the published HTML files are left as they are.
"""

import asyncio
import re
import unicodedata
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .text import fold, has_d_stroke

FOLD_MARKER = "<!--tthc:folded-words-->"
_HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0}  # Pagefind's own defaults for headings
_WORD = re.compile(r"\w+")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def prepare_for_index(html: str) -> str:
    """NFC-normalise a page and add folded copies of its đ-words at FOLD_MARKER (if present)."""
    html = unicodedata.normalize("NFC", html)
    if FOLD_MARKER not in html:
        return html
    collector = _DWordCollector()
    collector.feed(html)
    blocks = "".join(
        f'<div hidden data-pagefind-weight="{weight:g}">{escape(" ".join(words))}</div>'
        for weight, words in sorted(collector.words.items(), reverse=True)
    )
    return html.replace(FOLD_MARKER, blocks, 1)


class _DWordCollector(HTMLParser):
    """Folded words containing đ, grouped by the Pagefind weight of the element they are in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, float, bool]] = []  # (tag, weight, ignored)
        self.words: dict[float, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        weight, ignored = self.stack[-1][1:] if self.stack else (1.0, False)
        if "data-pagefind-weight" in attrs:
            weight = float(attrs["data-pagefind-weight"])
        elif tag in _HEADING_WEIGHTS:
            weight = _HEADING_WEIGHTS[tag]
        ignored = ignored or "data-pagefind-ignore" in attrs or tag in ("script", "style")
        self.stack.append((tag, weight, ignored))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed tags such as <p>, <li>
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.stack or self.stack[-1][2]:
            return
        bucket = self.words.setdefault(self.stack[-1][1], [])
        bucket.extend(fold(word) for word in _WORD.findall(data) if has_d_stroke(word))


def build_index(site_dir: Path, language: str = "vi") -> int:
    """Index every HTML page of the built site into site_dir/pagefind. Returns the page count."""
    return asyncio.run(_build_index(Path(site_dir), language))


async def _build_index(site_dir: Path, language: str) -> int:
    config = IndexConfig(force_language=language, output_path=str(site_dir / "pagefind"))
    count = 0
    async with PagefindIndex(config=config) as index:
        for path in sorted(site_dir.rglob("*.html")):
            if path.is_relative_to(site_dir / "pagefind"):
                continue
            html = path.read_text(encoding="utf-8")
            if "data-pagefind-body" not in html:
                continue
            await index.add_html_file(content=prepare_for_index(html), url=_page_url(path, site_dir))
            count += 1
    return count


def _page_url(path: Path, site_dir: Path) -> str:
    relative = path.relative_to(site_dir).as_posix()
    return "/" + relative.removesuffix("index.html")
