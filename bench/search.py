"""Search as citizens use it: the queries of bench/search-queries.yml (written as people type, in categories),
typed into the portal's own search box in Debian's Chromium against the sample catalogue. Prints top-1 and
top-3 per category, the share of queries with no result, whether "not handled here" was shown, p95 latency
(also with the CPU throttled 4×, like a cheap phone) and the bytes of a first search; and, in the same run,
the same queries against two baselines: plain Pagefind (an index of the same pages without our query layer)
and Material's own lunr search (the same procedures as hand-written Markdown pages in plain
mkdocs-material, bench/synthetic.py, queried through its search box).
Run by hand, not in CI (tests/test_search.py keeps a subset):

    python3 bench/search.py            # builds the sample into a temporary folder
    python3 bench/search.py site/      # a site built from content/
"""

import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogue import build_sample  # noqa: E402
from run import build  # noqa: E402
from synthetic import ROOT, make_baseline, make_portal  # noqa: E402
from generator.server import start_server  # noqa: E402

QUERIES = Path(__file__).with_name("search-queries.yml")
CATEGORIES = ["exact", "no_diacritics", "spelling", "typos", "sentences", "everyday", "codes", "not_here", "no_result"]


def code_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def portal_search(page, query: str) -> tuple[list[str], bool, float, bool]:
    """Type into the portal's box: (codes of the first three results, other-agency box shown, seconds,
    answered from the pages' names without Pagefind)."""
    page.fill("#tthc-q", "")
    page.wait_for_function("!document.querySelector('form[data-search]').dataset.shown")
    started = time.perf_counter()
    page.fill("#tthc-q", query)
    page.wait_for_function("s => document.querySelector('form[data-search]').dataset.shown === s",
                           arg=json.dumps([query.strip(), {}], ensure_ascii=False, separators=(",", ":")), timeout=30_000)
    seconds = time.perf_counter() - started - 0.15  # the box waits 150 ms for the next keystroke
    links = page.eval_on_selector_all("[data-search-results] li > a", "links => links.slice(0, 3).map(a => a.href)")
    elsewhere = bool(page.inner_text("[data-search-elsewhere]").strip())
    names = page.get_attribute("form[data-search]", "data-searched") == "names"
    return [code_of(link) for link in links], elsewhere, seconds, names


def plain_search(page, query: str) -> tuple[list[str], bool, float]:
    """The same query handed as typed to Pagefind's own API over an index of the published pages."""
    started = time.perf_counter()
    urls = page.evaluate("""async (query) => {
        window.plain ??= await import(new URL("pagefind-plain/pagefind.js", location.href).href);
        const search = await window.plain.search(query);
        return Promise.all(search.results.slice(0, 3).map(async (result) => (await result.data()).url));
    }""", query)
    return [code_of(url) for url in urls if "/thu-tuc/" in url], False, time.perf_counter() - started, False


LUNR_BOX, LUNR_META = "input.md-search__input", ".md-search-result__meta"
LUNR_PROMPT = "Nhập để bắt đầu tìm kiếm"  # what Material's Vietnamese box says while empty


def lunr_search(page, query: str) -> tuple[list[str], bool, float]:
    """Material's search box: cleared until it shows its prompt again, then the query typed."""
    page.fill(LUNR_BOX, "")
    page.press(LUNR_BOX, "End")
    page.wait_for_function("([s, prompt]) => document.querySelector(s).innerText === prompt", arg=[LUNR_META, LUNR_PROMPT])
    started = time.perf_counter()
    page.fill(LUNR_BOX, query)
    page.press(LUNR_BOX, "End")  # Material reads the box on key events
    try:
        page.wait_for_function("([s, prompt]) => document.querySelector(s).innerText !== prompt",
                               arg=[LUNR_META, LUNR_PROMPT], timeout=5_000)
    except Exception:  # a query of words lunr drops leaves the prompt: nothing found
        return [], False, time.perf_counter() - started, False
    seconds = time.perf_counter() - started
    links = page.eval_on_selector_all("li.md-search-result__item > a", "links => links.slice(0, 3).map(a => a.href)")
    return [code_of(link) for link in links if "/thu-tuc/" in link], False, seconds, False


def open_lunr(browser, work: Path):
    """The baseline site built and served, its search box open and ready: (page, server)."""
    build(make_baseline(work / "lunr", ROOT / "content", in_nav=False))
    server = start_server(work / "lunr" / "site")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="networkidle")
    page.click("label[for=__search]")
    page.wait_for_load_state("networkidle")
    return page, server


def score(queries: list[dict], run) -> dict:
    rows = defaultdict(lambda: {"queries": 0, "top1": 0, "top3": 0, "none": 0, "elsewhere": 0, "names": 0})
    latencies, misses = [], []
    for query in queries:
        found, elsewhere, seconds, names = run(query["q"])
        latencies.append(seconds)
        row = rows[query["category"]]
        row["queries"] += 1
        row["names"] += names
        row["none"] += not found
        row["elsewhere"] += elsewhere
        if query["expect"]:
            row["top1"] += bool(found[:1]) and found[0] in query["expect"]
            hit = any(code in query["expect"] for code in found[:3])
            row["top3"] += hit
            if not hit:
                misses.append(f"{query['category']}: {query['q']!r} -> {found} (expected {query['expect']})")
    latencies.sort()
    return {"rows": rows, "p95": latencies[int(len(latencies) * 0.95) - 1], "misses": misses}


def table(name: str, result: dict, queries: list[dict]) -> str:
    """One line per category; "by names": answered from the pages' names, without loading Pagefind."""
    lines = [f"\n{name}: p95 latency {result['p95'] * 1000:.0f} ms",
             f"{'category':>14} {'queries':>7} {'top-1':>7} {'top-3':>7} {'no result':>9} {'elsewhere':>9} {'by names':>8}"]
    for category in CATEGORIES:
        row = result["rows"][category]
        expected = sum(1 for query in queries if query["category"] == category and query["expect"])
        share = (lambda count: f"{100 * count / expected:6.1f}%") if expected else (lambda count: "     —")
        lines.append(f"{category:>14} {row['queries']:>7} {share(row['top1']):>7} {share(row['top3']):>7} "
                     f"{100 * row['none'] / max(row['queries'], 1):8.1f}% {row['elsewhere']:>9} {row['names']:>8}")
    return "\n".join(lines)


# A first search the pages' names answer, and one only the full text does (Pagefind loaded).
FIRST_SEARCHES = ["lam giay khai sinh", "giay to can mang khi xin ket hon"]


def first_search_bytes(browser, base: str, server) -> str:
    """KB transferred by each of FIRST_SEARCHES typed on a freshly opened home page."""
    sizes = []
    for query in FIRST_SEARCHES:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        before = sum(size for _, size in server.sent)
        page.fill("#tthc-q", query)
        page.wait_for_function("s => document.querySelector('form[data-search]').dataset.shown === s",
                               arg=json.dumps([query, {}], separators=(",", ":")))
        page.wait_for_load_state("networkidle")
        searched = page.get_attribute("form[data-search]", "data-searched")
        context.close()
        sizes.append(f"{(sum(size for _, size in server.sent) - before) / 1000:.1f} KB for {query!r} (by {searched})")
    return "; ".join(sizes)


def main() -> None:
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        site = Path(sys.argv[1]) if len(sys.argv) > 1 else build_sample(Path(work))
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind-plain"],
                       check=True, capture_output=True)
        server = start_server(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base, wait_until="networkidle")
        page.wait_for_selector("form[data-ready]")
        ours = score(queries, lambda query: portal_search(page, query))
        plain = score(queries, lambda query: plain_search(page, query))
        lunr_page, lunr_server = open_lunr(browser, Path(work))
        lunr = score(queries, lambda query: lunr_search(lunr_page, query))
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        throttled = score(queries, lambda query: portal_search(page, query))
        print(f"{len(queries)} queries over {len({c for q in queries for c in q['expect']})} procedures")
        print(table("Portal search box (ours)", ours, queries))
        print(f"  with the CPU throttled 4×: p95 latency {throttled['p95'] * 1000:.0f} ms")
        print(table("Plain Pagefind, query as typed (baseline)", plain, queries))
        print(table("Material's lunr search over hand-written Markdown pages (baseline)", lunr, queries))
        print(f"\nFirst search (home page already shown), bytes transferred: {first_search_bytes(browser, base, server)}")
        build(make_portal(Path(work) / "300", 300))  # the sample and synthetic copies: a commune's size
        larger = start_server(Path(work) / "300" / "site")
        larger_base = f"http://127.0.0.1:{larger.server_address[1]}/"
        print(f"  at 300 procedures: {first_search_bytes(browser, larger_base, larger)}")
        larger.server_close()
        print("\nMissed by ours (expected procedure not in the first 3):")
        print("\n".join(f"  {miss}" for miss in ours["misses"]) or "  none")
        browser.close()
        server.server_close()
        lunr_server.server_close()


if __name__ == "__main__":
    main()
