"""Build time, memory, output size and page weight of the portal at 130, 2,000 and 10,000 procedures,
beside the same procedures as hand-written Markdown in plain mkdocs-material (the baseline).

    python3 bench/run.py                     # all sizes (about 30 minutes on 2 cores)
    python3 bench/run.py --sizes 130,2000    # some sizes
    python3 bench/run.py --profile 2000      # where our build spends its time, by function

Page weights are what Debian's Chromium downloads from generator.hosting's server (gzip, as nginx
with gzip_static sends it) in a fresh profile: a procedure page, and the home page plus a first search.
"""

import argparse
import cProfile
import gzip
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import ROOT, all_procedures, make_baseline, make_portal  # noqa: E402
from generator.hosting import precompress  # noqa: E402
from generator.server import start_server  # noqa: E402

BASELINE_NAV_LIMIT = 2000  # beyond this, every page carrying the whole navigation takes too long
QUERY = "khai sinh"


@dataclass
class Result:
    name: str
    procedures: int
    seconds: float = 0
    rebuild_seconds: float | None = None  # ours again, with QR codes and cards in .cache/tthc
    peak_mb: float = 0
    pages: int = 0
    output_mb: float = 0
    page_kb: float = 0  # HTML of one procedure page
    page_gz_kb: float = 0
    index_mb: float = 0  # Pagefind's folder, or Material's search_index.json
    weight: dict = field(default_factory=dict)  # KB transferred: "procedure page", "home", "home + search"


def build(config: Path) -> tuple[float, float]:
    """Run `mkdocs build` in a fresh process: (seconds, peak resident MB of it and its children)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], env=env,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed: {config}\n{process.stderr.read().decode()[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def measure(name: str, config: Path, procedures: int, sample_page: str, browser, rebuild: bool = False) -> Result:
    result = Result(name, procedures)
    result.seconds, result.peak_mb = build(config)
    if rebuild:  # ours: again, with QR codes and cards in .cache/tthc
        result.rebuild_seconds = build(config)[0]
    site = config.parent / "site"
    files = [path for path in site.rglob("*") if path.is_file() and path.suffix != ".gz"]
    result.pages = sum(path.suffix == ".html" for path in files)
    result.output_mb = sum(path.stat().st_size for path in files) / 1e6
    html = (site / sample_page / "index.html").read_bytes()
    result.page_kb = len(html) / 1000
    result.page_gz_kb = len(gzip.compress(html, 9)) / 1000
    index = site / "pagefind" if (site / "pagefind").exists() else site / "search"
    result.index_mb = sum(path.stat().st_size for path in index.rglob("*") if path.suffix != ".gz") / 1e6
    if not (site / "index.html.gz").exists():
        precompress(site)  # the baseline, hosted as well as ours: gzip -9 copies
    result.weight = page_weights(site, sample_page, browser)
    return result


def page_weights(site: Path, sample_page: str, browser) -> dict:
    from playwright.sync_api import TimeoutError
    server = start_server(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    def transferred(visit) -> float:
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        before = sum(size for _, size in server.sent)
        visit(page)
        # What a page fetches after it has shown, such as Material's search index, counts too.
        page.wait_for_timeout(3000)
        page.wait_for_load_state("networkidle")
        context.close()
        return (sum(size for _, size in server.sent) - before) / 1000

    def home_and_search(page):
        page.goto(base, wait_until="networkidle")
        if page.query_selector("[data-search]"):  # ours
            page.fill("input[type=search]", QUERY)
            page.wait_for_function("document.querySelector('[data-search]').dataset.shown?.includes('khai sinh')")
        else:  # Material's search: open it, type, wait for results (retype if typed before it was ready)
            page.click("label[for=__search]")
            page.wait_for_load_state("networkidle")
            for _ in range(10):
                page.fill("input.md-search__input", "")
                page.type("input.md-search__input", QUERY, delay=50)
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=15_000)
                    break
                except TimeoutError:
                    continue
            else:
                raise SystemExit("Material's search showed no results")
        page.wait_for_load_state("networkidle")

    weights = {
        "procedure page": transferred(lambda page: page.goto(base + sample_page + "/", wait_until="networkidle")),
        "home": transferred(lambda page: page.goto(base, wait_until="networkidle")),
        "home + search": transferred(home_and_search),
    }
    server.server_close()
    return weights


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares line seconds = intercept + slope × N."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
    return slope, mean_y - slope * mean_x


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) / 1024 / 1024
    from importlib.metadata import version
    return (f"{date.today()}, {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, "
            f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, pagefind {version('pagefind')}")


def table(results: list[Result]) -> str:
    head = ("| run | N | pages | build s | ms/page | rebuild s | peak MB | output MB | page HTML KB (gzip) | search index MB "
            "| procedure page KB | home KB | home + first search KB |")
    rows = [head, "|" + "---|" * 13]
    for r in results:
        rows.append(f"| {r.name} | {r.procedures:,} | {r.pages:,} | {r.seconds:.1f} | {1000 * r.seconds / r.procedures:.1f} "
                    f"| {'—' if r.rebuild_seconds is None else f'{r.rebuild_seconds:.1f}'} | {r.peak_mb:.0f} | {r.output_mb:.1f} | {r.page_kb:.1f} ({r.page_gz_kb:.1f}) | {r.index_mb:.2f} "
                    f"| {r.weight['procedure page']:.1f} | {r.weight['home']:.1f} | {r.weight['home + search']:.1f} |")
    return "\n".join(rows)


def ratios(ours: Result, baseline: Result) -> str:
    pairs = [("build time", ours.seconds, baseline.seconds), ("peak memory", ours.peak_mb, baseline.peak_mb),
             ("output size", ours.output_mb, baseline.output_mb), ("page HTML", ours.page_kb, baseline.page_kb),
             ("procedure page weight", ours.weight["procedure page"], baseline.weight["procedure page"]),
             ("home + first search", ours.weight["home + search"], baseline.weight["home + search"])]
    return f"N = {ours.procedures:,}, ours ÷ {baseline.name}: " + ", ".join(
        f"{label} {mine / theirs:.3g}×" for label, mine, theirs in pairs)


def profile(count: int) -> None:
    """Build in this process under cProfile and print the functions with the most time of their own."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        config = load_config(str(make_portal(Path(folder), count)))
        profiler = cProfile.Profile()
        profiler.runcall(mkdocs_build, config)
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats("generator", 25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="130,2000,10000")
    parser.add_argument("--profile", type=int, metavar="N")
    args = parser.parse_args()
    if args.profile:
        return profile(args.profile)
    from playwright.sync_api import sync_playwright

    print(machine(), flush=True)
    results, comparisons = [], []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as work:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for count in [int(size) for size in args.sizes.split(",")]:
            folder = Path(work) / f"n{count}"
            config = make_portal(folder / "ours", count)
            page = f"thu-tuc/{all_procedures(folder / 'ours' / 'content')[-1]['ma_thu_tuc']}"
            ours = measure("ours", config, count, page, browser, rebuild=True)
            print(table([ours]).splitlines()[-1], flush=True)
            results.append(ours)
            for in_nav in ([True, False] if count <= BASELINE_NAV_LIMIT else [False]):
                name = "baseline, in nav" if in_nav else "baseline, not in nav"
                baseline = measure(name, make_baseline(folder / name.replace(", ", "-").replace(" ", "-"),
                                                       folder / "ours" / "content", in_nav), count, page, browser)
                print(table([baseline]).splitlines()[-1], flush=True)
                results.append(baseline)
                comparisons.append(ratios(ours, baseline))
        browser.close()
    print("\n" + table(results) + "\n")
    print("\n".join(comparisons) + "\n")
    ours = [r for r in results if r.name == "ours"]
    if len(ours) > 1:
        for label, points in [("first build", [(r.procedures, r.seconds) for r in ours]),
                              ("rebuild", [(r.procedures, r.rebuild_seconds) for r in ours])]:
            slope, intercept = fit(points)
            print(f"Our {label}: {intercept:.1f} s + {1000 * slope:.2f} ms × N (least squares over N = "
                  f"{', '.join(f'{n:,}' for n, _ in points)})")


if __name__ == "__main__":
    main()
