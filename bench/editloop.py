"""The officer's edit loop: with `mkdocs serve` running on a portal of N procedures and the procedure's page
open in Debian's Chromium, its YAML file is saved with a changed name, and the clock runs until the open
page, reloaded by MkDocs' live reload when the build is over, shows the new name. Prints
the first build's time and each save's, and their median, per size; with --baseline, the same run with
another checkout's generator (an older commit, `git worktree add /tmp/old <commit>`) and the ratio.

    python3 bench/editloop.py                  # 300 and 2,000 procedures, 3 saves each
    python3 bench/editloop.py --sizes 300 --saves 5 --baseline /tmp/old
    python3 bench/editloop.py --dirty          # as scripts/serve runs it
"""

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import ROOT, make_portal  # noqa: E402

CODE = "1.001193"  # the procedure whose record is saved (Đăng ký khai sinh, in the sample)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Poll `url` every 20 ms until its body holds `text` (the first build is served); returns the time."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if text in answer.read().decode("utf-8"):
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")


def edit_loop(count: int, saves: int, code: Path, browser, flags: list[str]) -> tuple[float, list[float]]:
    """(seconds until the first build is served, seconds of each save until the open page shows it), with
    the generator of the checkout `code`."""
    with tempfile.TemporaryDirectory() as work:
        config = make_portal(Path(work), count, code)  # the checkout's own sample, settings and theme
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["watch"] = [str(Path(work) / "content")]  # as an officer's mkdocs.yml has it
        config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        record = Path(work) / "content" / "procedures" / f"{CODE}.yml"
        original = record.read_text(encoding="utf-8")
        name = re.search(r"^ten_thu_tuc: (.+)$", original, re.M).group(1)
        port = _free_port()
        url = f"http://127.0.0.1:{port}/thu-tuc/{CODE}/"
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *flags, "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code)},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page = browser.new_page()
        try:
            first = _wait_for(url, name, 900) - started
            page.goto(url)
            times = []
            pauses = random.Random(13)  # the same pauses in every run, for this code and a baseline
            for save in range(1, saves + 1):
                # As an officer reads before the next change (the search index is made meanwhile). MkDocs
                # looks for changes every 0.5 s: equal pauses would land each save at the same point of
                # that period (just after a look, the longest wait); an officer's saves land anywhere in it.
                time.sleep(3 + pauses.uniform(0, 0.5))
                changed = f"{name} (lần sửa {save})"
                saved = time.perf_counter()
                record.write_text(original.replace(f"ten_thu_tuc: {name}", f"ten_thu_tuc: {changed}", 1), encoding="utf-8")
                # The official name, shown under the short heading ("Tên chính thức: …").
                page.wait_for_function("text => document.querySelector('article')?.textContent.includes(text)",
                                       arg=changed, timeout=120_000, polling=20)
                times.append(time.perf_counter() - saved)
            return first, times
        finally:
            page.close()
            server.terminate()
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,2000")
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout of this repository, run with plain `serve`")
    parser.add_argument("--dirty", action="store_true", help="this checkout under `mkdocs serve --dirty`, as scripts/serve runs it")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    print(f"{'procedures':>10} {'code':>8} {'first build s':>13} {'save → page updated, s (each)':>32} {'median s':>8}",
          flush=True)
    for count in (int(size) for size in args.sizes.split(",")):
        medians = {}
        for name, code, flags in [("this", ROOT, ["--dirty"] if args.dirty else [])] + (
                [("baseline", args.baseline.resolve(), [])] if args.baseline else []):
            first, times = edit_loop(count, args.saves, code, browser, flags)
            medians[name] = statistics.median(times)
            print(f"{count:>10} {name:>8} {first:>13.1f} {' '.join(f'{value:.2f}' for value in times):>32} "
                  f"{medians[name]:>8.2f}", flush=True)
        if args.baseline:
            print(f"{'':>10} {'ratio':>8} {'':>13} {'':>32} {medians['baseline'] / medians['this']:>7.1f}×")
    browser.close()
    playwright.stop()


if __name__ == "__main__":
    main()
