"""Search index with Pagefind, made to work for Vietnamese as citizens type it (generator/searchterms.py).

Pagefind folds some marks by itself but not all (`đ` stays apart from `d`, and words such as "hộ"
or "cấp" are not found as "ho", "cap"), and it indexes NFD text apart from NFC. So before indexing,
each page is normalised to NFC and given, at its FOLD_MARKER, hidden copies of its words that carry
diacritics, folded ("Đăng" -> "dang", "ký" -> "ki"), with the weight of where they stand (titles weigh
more), and the syllable pairs of its names ("giaychung", "chungtu") above them all.
The browser folds the query the same way (theme's search.js). The copies go to the index only;
the published HTML files are left as they are.
"""

import asyncio
import re
import tempfile
import unicodedata
from concurrent.futures import Executor
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .searchterms import search_fold, syllable_pairs

FOLD_MARKER = "<!--tthc:folded-words-->"
_HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0}  # Pagefind's own defaults for headings
_WORD = re.compile(r"\w+")
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_NAMES = re.compile(r'data-pagefind-meta="(?:names|also)">([^<]*)<')  # official, commune's and thesaurus's names
PROCEDURES, OTHER_PAGES = "Thủ tục", "Thông tin khác"  # values of the "nhom" filter
_PAIR_WEIGHT = 10  # above a heading's 7: words that stand together in a name rank first
_UNUSED_UI = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def prepare_for_index(html: str) -> str:
    """NFC-normalise a page and add folded copies of its accented words at FOLD_MARKER (if present)."""
    html = unicodedata.normalize("NFC", html)
    if FOLD_MARKER not in html:
        return html
    collector = _FoldedWords()
    # Only the indexed part is read: from the data-pagefind-body element to the marker inside it.
    collector.feed(html[html.rfind("<", 0, html.find("data-pagefind-body")):html.index(FOLD_MARKER)])
    names = [name for found in _NAMES.findall(html) for name in found.split("|")]  # folded by the template
    if not names and (title := _TITLE.search(html)):  # other pages: their heading is their name
        names = [search_fold(unescape(re.sub(r"<[^>]+>", " ", title.group(1))))]
    if names:
        pairs = [pair for name in names for pair in syllable_pairs(name)]
        collector.words.setdefault(_PAIR_WEIGHT, []).extend(dict.fromkeys(pairs))
    blocks = "".join(
        f'<div hidden data-pagefind-weight="{weight:g}">{escape(" ".join(words))}</div>'
        for weight, words in sorted(collector.words.items(), reverse=True)
    )
    # Procedures first, other pages in a smaller group below (theme's search.js searches each group).
    group = PROCEDURES if 'data-pagefind-meta="ma"' in html else OTHER_PAGES
    blocks += f'<span hidden data-pagefind-filter="nhom">{group}</span>'
    return html.replace(FOLD_MARKER, blocks, 1)


class _FoldedWords(HTMLParser):
    """Folded copies of accented words, grouped by the Pagefind weight of the element they are in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, float, bool]] = []  # (tag, weight, indexed)
        self.words: dict[float, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        weight, indexed = self.stack[-1][1:] if self.stack else (1.0, False)
        if "data-pagefind-weight" in attrs:
            weight = float(attrs["data-pagefind-weight"])
        elif tag in _HEADING_WEIGHTS:
            weight = _HEADING_WEIGHTS[tag]
        # Only what Pagefind itself indexes: inside data-pagefind-body, outside ignored parts.
        indexed = (indexed or "data-pagefind-body" in attrs) and not (
            "data-pagefind-ignore" in attrs or tag in ("script", "style"))
        self.stack.append((tag, weight, indexed))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed tags such as <p>, <li>
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.stack or not self.stack[-1][2]:
            return
        bucket = self.words.setdefault(self.stack[-1][1], [])
        for word in _WORD.findall(data):
            folded = search_fold(word)
            if folded != word.lower():
                bucket.append(folded)


def build_index(site_dir: Path, language: str = "vi", pool: Executor | None = None) -> int:
    """Index every HTML page of the built site into site_dir/pagefind, preparing pages on `pool`'s
    processes if given. Returns the number of pages indexed."""
    site_dir = Path(site_dir)
    # The prepared pages are written to a staging folder that Pagefind reads as a whole: handing
    # them over one by one through its API costs 20 times as long (bench/RESULTS.md).
    with tempfile.TemporaryDirectory() as staging:
        jobs = [(path, Path(staging) / path.relative_to(site_dir)) for path in site_dir.rglob("*.html")]
        count = sum(pool.map(_stage, jobs, chunksize=32) if pool else map(_stage, jobs))
        asyncio.run(_index_folder(Path(staging), site_dir / "pagefind", language))
    # Pagefind also writes its ready-made search interfaces; the portal has its own (theme's search.js).
    for path in (site_dir / "pagefind").glob("pagefind-*"):
        if path.name.startswith(_UNUSED_UI):
            path.unlink()
    return count


def _stage(job: tuple[Path, Path]) -> bool:
    """Copy a page to be indexed, prepared, into the staging folder; False if it is not indexed."""
    page, copy = job
    html = page.read_text(encoding="utf-8")
    if "data-pagefind-body" not in html:
        return False
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(prepare_for_index(html), encoding="utf-8")
    return True


async def _index_folder(folder: Path, output: Path, language: str) -> None:
    async with PagefindIndex(config=IndexConfig(force_language=language, output_path=str(output))) as index:
        await index.add_directory(str(folder))
