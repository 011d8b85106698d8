"""Search with the index made in parts (a site of more than PART_PAGES pages, generator/search.py) against
the same site indexed whole: every query of bench/search-queries.yml typed into the portal's box in
Debian's Chromium, as citizens search (names first) and in the pages' full text. Prints how many queries
give the same first result and the same first three, in each way. Run by hand on a built site:

    python3 -c "import sys; sys.path.insert(0, 'bench'); from synthetic import make_portal; \
                from pathlib import Path; make_portal(Path('/tmp/p10k'), 10000)"
    python3 -m mkdocs build -q -f /tmp/p10k/mkdocs.yml
    python3 bench/search_parts.py /tmp/p10k/site [EVERY]   # every EVERY-th query only (a phone's
                                                          # full-text search at 10,000 pages takes seconds)
"""

import json
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search import QUERIES, code_of, portal_search  # noqa: E402
from generator.search import SEARCH_PAGES, build_index  # noqa: E402
from generator.server import start_server  # noqa: E402


def full_text(page, query: str) -> list[str]:
    """Codes of the first three results of the query searched in the pages' full text."""
    found = portal_search(page, query)[0]
    if page.get_attribute("form[data-search]", "data-searched") == "names":
        page.click("[data-search-full-text]")
        page.wait_for_function("document.querySelector('form[data-search]').dataset.searched === 'full text'")
        found = [code_of(link) for link in page.eval_on_selector_all(
            "[data-search-results] li > a", "links => links.slice(0, 3).map(a => a.href)")]
    return found


def results(browser, site: Path, queries: list[dict]) -> list[tuple[list[str], list[str]]]:
    server = start_server(site)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="networkidle")
    page.wait_for_selector("form[data-ready]")
    found = []
    for number, query in enumerate(queries, 1):
        found.append((portal_search(page, query["q"])[0], full_text(page, query["q"])))
        print(f"{site.name}: {number}/{len(queries)}", end="\r", file=sys.stderr, flush=True)
    page.close()
    server.server_close()
    return found


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = Path(sys.argv[1])
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    parts = len(json.loads((site / SEARCH_PAGES).read_text(encoding="utf-8"))["chi_muc_them"]) + 1
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))[::every]
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        whole = Path(work) / "site"
        shutil.copytree(site, whole, ignore=shutil.ignore_patterns("*.gz", "pagefind"))
        pages = build_index(whole, part_pages=10**9)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        split, one = results(browser, site, queries), results(browser, whole, queries)
        browser.close()
    print(f"{len(queries)} queries, {pages} pages: index in {parts} parts against one index")
    for way, index in (("as citizens search (names first)", 0), ("full text", 1)):
        first = sum(a[index][:1] == b[index][:1] for a, b in zip(split, one))
        three = sum(a[index] == b[index] for a, b in zip(split, one))
        print(f"  {way}: same first result {first}/{len(queries)}, same first three in order {three}/{len(queries)}")
        for query, a, b in zip(queries, split, one):
            if a[index][:1] != b[index][:1]:
                print(f"    {query['q']!r}: parts {a[index]}, whole {b[index]}")


if __name__ == "__main__":
    main()
