"""Search index with Pagefind, made to work for Vietnamese as citizens type it (generator/searchterms.py).

The browser folds every query (theme's search.js): no marks, no case, đ as d, i for a lone final y. So
Pagefind is given, for each page, not the page but what a folded query can match: its indexed words,
folded, each once at the weight of the most important place it stands (titles weigh more), and the
syllable pairs of its names ("giaychung", "chungtu") above them all, with the page's metadata and filters.
Pagefind's own folding would not do (`đ` stays apart from `d`, NFD text apart from NFC), and the page's
accented words, which no folded query matches, would only make each index chunk and result fragment a
phone downloads larger (bench/RESULTS.md). The published HTML files are left as they are.

Beside the index, SEARCH_PAGES lists the index's further parts (PART_PAGES) and every indexed page by its
names (title, commune's and thesaurus's names, code, filters): the browser answers most searches from it
alone and loads Pagefind, its engine and index chunks, only for what no name holds. A first search then
costs tens of kilobytes, not hundreds.
"""

import json
import re
import signal
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import Executor
from html import escape, unescape
from pathlib import Path

from .searchterms import search_fold, syllable_pairs

SEARCH_PAGES = "tim-kiem-trang.json"
FOLD_MARKER = "<!--tthc:folded-words-->"  # where a page's indexed part ends
_HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0}  # Pagefind's own defaults for headings
_WORD = re.compile(r"\w+")
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_PAGE_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_NAMES = re.compile(r'data-pagefind-meta="(?:names|also)">([^<]*)<')  # official, commune's and thesaurus's names
_META = re.compile(r'data-pagefind-meta="(\w+)">([^<]*)<')
_FILTER = re.compile(r'data-pagefind-filter="(\w+)"[^>]*>([^<]*)<')
_TAGGED = re.compile(r'<(span|a)\b[^>]*data-pagefind-(?:meta|filter)="[^"]*"[^>]*>[^<]*</\1>')  # metadata, filters
PROCEDURES, OTHER_PAGES = "Thủ tục", "Thông tin khác"  # values of the "nhom" filter
_PAIR_WEIGHT = 10  # above a heading's 7: words that stand together in a name rank first
_UNUSED_UI = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
# Pagefind's indexer holds about 165 KB a page whatever it is fed (bench/RESULTS.md): more pages than this
# are indexed in parts, one Pagefind run each, so that a province's 10,000 stay under 1 GB; the browser
# searches the parts as one index (Pagefind's mergeIndex, theme's search.js).
PART_PAGES = 4000
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def prepare_for_index(html: str) -> str | None:
    """What Pagefind indexes of a page (see above), or None for a page without FOLD_MARKER (not indexed).
    `html` is NFC, as _stage reads it."""
    if FOLD_MARKER not in html:
        return None
    words = _weighted_words(indexed_part(html))
    title = _title(html)
    names = [name for found in _NAMES.findall(html) for name in found.split("|")]  # folded by the template
    words.setdefault(_PAIR_WEIGHT, []).extend(
        pair for name in names or [search_fold(title)] for pair in syllable_pairs(name))
    seen = set()
    blocks = []
    for weight in sorted(words, reverse=True):
        fresh = [word for word in dict.fromkeys(words[weight]) if word not in seen]
        seen.update(fresh)
        if fresh:
            blocks.append(f'<p data-pagefind-weight="{weight:g}">{escape(" ".join(fresh))}</p>')
    tagged = "".join(match.group(0) for match in _TAGGED.finditer(html))
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title></title></head><body>'
            f'<main data-pagefind-body><div data-pagefind-ignore>{tagged}'
            f'<span data-pagefind-meta="title">{escape(title)}</span>'
            f'<span data-pagefind-filter="nhom">{_group(html)}</span></div>{"".join(blocks)}</main></body></html>')


def indexed_part(html: str) -> str:
    """Only this part of a page is read for its words: from the data-pagefind-body element to the marker inside it."""
    return html[html.rfind("<", 0, html.find("data-pagefind-body")):html.index(FOLD_MARKER)]


def listed_page(html: str, url: str) -> dict | None:
    """A page's entry in SEARCH_PAGES, or None for a page that is not indexed. Its names are folded, but
    not its title: the browser folds that itself ("ten_khac" holds the other names). `html` is NFC."""
    if FOLD_MARKER not in html:
        return None
    title = _title(html)
    meta = {key: unescape(value) for key, value in _META.findall(html)}
    names = lambda key: [name.strip() for name in meta.get(key, "").split("|") if name.strip()]
    optional = {"ma": meta.get("ma"), "loai": meta.get("loai"), "con_goi": names("also"),
                "ten_khac": [name for name in names("names") if name != search_fold(title)]}
    return {"url": url, "ten": title, **{key: value for key, value in optional.items() if value},
            "loc": {"nhom": _group(html)} | {key: unescape(value) for key, value in _FILTER.findall(html)}}


def _title(html: str) -> str:
    heading = _TITLE.search(html) or _PAGE_TITLE.search(html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", heading.group(1))).split()) if heading else ""


def _group(html: str) -> str:
    """Procedures first, other pages in a smaller group below (theme's search.js searches each group)."""
    return PROCEDURES if 'data-pagefind-meta="ma"' in html else OTHER_PAGES


# The indexed part of a page as tags and text, in one pass: the pages are our templates' own output, so a
# regular expression reads them as html.parser does (tests/test_search.py holds that parser as the
# reference) in half its time (bench/parts.py). A tag's attributes may hold ">" in quotes; script and
# style are skipped whole, since nothing in them is indexed.
_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>"
    r"|<(?:script|style)\b[^>]*>.*?</(?:script|style)\s*>"
    r"""|<(?P<closing>/?)(?P<tag>[a-zA-Z][^\s/>]*)(?P<attributes>(?:[^>"']|"[^"]*"|'[^']*')*)>"""
    r"|(?P<text>[^<]+|<)", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def _weighted_words(fragment: str) -> dict[float, list[str]]:
    """The indexed words of a page's indexed part, folded, grouped by the Pagefind weight of the element
    they are in: only what Pagefind itself would index, inside data-pagefind-body, outside ignored parts."""
    words: dict[float, list[str]] = {}
    stack: list[tuple[str, float, bool]] = []  # (tag, weight, indexed) of each open element
    for token in _TOKEN.finditer(fragment):
        text, tag = token.group("text"), token.group("tag")
        if text is not None:
            if stack and stack[-1][2]:
                words.setdefault(stack[-1][1], []).extend(search_fold(word) for word in _WORD.findall(unescape(text)))
            continue
        if tag is None:  # a comment, a declaration, a script or a style
            continue
        tag = tag.lower()
        if token.group("closing"):
            for depth in range(len(stack) - 1, -1, -1):  # tolerate unclosed tags such as <p>, <li>
                if stack[depth][0] == tag:
                    del stack[depth:]
                    break
            continue
        if tag in _VOID:
            continue
        attributes = {name.lower(): value for name, value in _ATTRIBUTE.findall(token.group("attributes"))}
        weight, indexed = stack[-1][1:] if stack else (1.0, False)
        if "data-pagefind-weight" in attributes:
            weight = float(unescape(attributes["data-pagefind-weight"].strip("\"'")))
        elif tag in _HEADING_WEIGHTS:
            weight = _HEADING_WEIGHTS[tag]
        indexed = (indexed or "data-pagefind-body" in attributes) and not (
            "data-pagefind-ignore" in attributes or tag in ("script", "style"))  # one left unclosed
        if not token.group("attributes").endswith("/"):  # <span/> opens and closes at once
            stack.append((tag, weight, indexed))
    return words


def build_index(site_dir: Path, language: str = "vi", pool: Executor | None = None,
                part_pages: int = PART_PAGES) -> int:
    """Index every HTML page of the built site into site_dir/pagefind (in parts of at most `part_pages`
    pages, see PART_PAGES) and list them in site_dir/SEARCH_PAGES, preparing pages on `pool`'s processes
    if given. Returns the number of pages indexed."""
    site_dir = Path(site_dir)
    paths = sorted(site_dir.rglob("*.html"))
    parts = max(1, -(-len(paths) // part_pages))
    # The prepared pages are written to a staging folder per part that Pagefind reads as a whole: handing
    # them over one by one through its API costs 20 times as long (bench/RESULTS.md). Pages are dealt
    # out in turn, so every part holds pages of every kind.
    with tempfile.TemporaryDirectory() as staging:
        jobs = [(site_dir, path, Path(staging) / str(number % parts)) for number, path in enumerate(paths)]
        pages = [entry for entry in (pool.map(_stage, jobs, chunksize=32) if pool else map(_stage, jobs)) if entry]
        bundles = [_bundle(part) for part in range(parts)]
        for part, bundle in enumerate(bundles):  # one after another: one indexer's memory at a time
            _index_folder(Path(staging) / str(part), site_dir / bundle, language)
    listing = {"chi_muc_them": bundles[1:], "trang": pages}
    (site_dir / SEARCH_PAGES).write_text(json.dumps(listing, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for bundle in bundles:
        for path in (site_dir / bundle).iterdir():
            if path.is_file() and _unused(path.name, bundle == bundles[0]):
                path.unlink()
    return len(pages)


def _unused(name: str, first: bool) -> bool:
    """Pagefind's ready-made search interfaces (the portal has its own, theme's search.js), and in a
    further part its engine (the first part's searches every part)."""
    return name.startswith(_UNUSED_UI) or (not first and (name.endswith((".js", ".css")) or name.startswith("wasm.")))


def _bundle(part: int) -> str:
    """The folder of a part of the index: pagefind/, then pagefind/2/, pagefind/3/…"""
    return "pagefind/" if part == 0 else f"pagefind/{part + 1}/"


def _stage(job: tuple[Path, Path, Path]) -> dict | None:
    """Copy a page to be indexed, prepared, into the staging folder; its SEARCH_PAGES entry, or None if
    it is not indexed."""
    site_dir, page, staging = job
    html = unicodedata.normalize("NFC", page.read_text(encoding="utf-8"))
    prepared = prepare_for_index(html)
    if prepared is None:
        return None
    copy = staging / page.relative_to(site_dir)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(prepared, encoding="utf-8")
    url = page.relative_to(site_dir).as_posix()
    return listed_page(html, url.removesuffix("index.html"))


class IndexingError(Exception):
    """Pagefind could not make the index; the message, in Vietnamese, says what it reported."""


def _index_folder(folder: Path, output: Path, language: str) -> None:
    # Pagefind's command, not its Python service: the service answers that the files are written while
    # its last writes may still be under way, and closing it at that answer left a file cut short, about
    # one build in eight on a busy machine (the search engine's wasm, so no full-text search at all).
    # Pagefind mended this after 1.5.2 (its pull request 1272); the command finishes every write before it exits.
    # It runs in the staging folder, where no pagefind.yml can change what it does.
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path", str(output),
                           "--force-language", language, "--silent"], cwd=folder.parent, capture_output=True, text=True)
    if done.returncode:
        said = (done.stderr + done.stdout).strip() or f"mã thoát {done.returncode}"
        raise IndexingError(f"Pagefind không lập được chỉ mục tìm kiếm: {said}")


def main(site_dir: str) -> None:
    """`python -m generator.search SITE_DIR`: what `mkdocs serve` runs after each build (plugin.py), in a
    process of its own that the next build stops if it has not finished. It prepares the pages on one
    core, leaving the other to the officer's next save."""
    # Stopped, it still removes its staging folder and stops Pagefind's indexer.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        build_index(Path(site_dir))
    except Exception as error:  # the preview keeps working without search; no traceback for an officer
        print(f"Chưa lập được chỉ mục tìm kiếm cho bản xem trước: {error}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
