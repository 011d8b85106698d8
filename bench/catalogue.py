"""The sample catalogue at its real size: build time, procedures per field, and what the pages that grow
with the catalogue cost a phone and the printer (home page, the largest field page, the posting board,
open data). Run by hand, not in CI:

    python3 bench/catalogue.py
"""

import gzip
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import build, page_weights  # noqa: E402
from synthetic import ROOT  # noqa: E402
from generator.content import load_portal  # noqa: E402
from generator.server import start_server  # noqa: E402


def kb(path: Path) -> str:
    raw = path.read_bytes()
    return f"{len(raw) / 1000:7.1f} KB, gzip {len(gzip.compress(raw, 9)) / 1000:6.1f} KB"


def printed_pages(browser, site: Path, path: str) -> int:
    """A4 pages Chromium prints for a page, as an officer printing from the browser gets them."""
    server = start_server(site)
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}", wait_until="networkidle")
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work, "page.pdf")
        page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    page.close()
    server.server_close()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def sample_project(work: Path) -> Path:
    """The sample content with this checkout's theme in `work`; returns its mkdocs.yml."""
    shutil.copytree(ROOT / "content", work / "content")
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["theme"]["custom_dir"] = str(ROOT / "theme")
    settings.pop("watch", None)
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config


def build_sample(work: Path) -> Path:
    """The sample built into work/site."""
    build(sample_project(work))
    return work / "site"


def main() -> None:
    from playwright.sync_api import sync_playwright

    portal = load_portal(ROOT / "content")
    per_field = Counter(proc.linh_vuc for proc in portal.procedures)
    largest, largest_count = per_field.most_common(1)[0]
    print(f"{len(portal.procedures)} procedures in {len(per_field)} fields with procedures")
    for item in portal.fields:
        print(f"  {per_field[item.ma]:4d}  {item.ma}")
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        config = sample_project(Path(work))
        seconds, peak = build(config)
        rebuild = build(config)[0]
        site = Path(work, "site")
        print(f"\nbuild {seconds:.1f} s (rebuild with cache {rebuild:.1f} s), peak {peak:.0f} MB, "
              f"{seconds / len(portal.procedures) * 1000:.1f} ms per procedure")
        print("\nHTML as written (and as sent with gzip):")
        for name, path in (("home", "index.html"), (f"field {largest} ({largest_count})", f"linh-vuc/{largest}/index.html"),
                           ("posting board", "niem-yet/index.html"), ("QR sheet", "niem-yet/ma-qr/index.html"),
                           ("thu-tuc.json", "du-lieu/thu-tuc.json"), ("thu-tuc.csv", "du-lieu/thu-tuc.csv")):
            print(f"  {name:>28}: {kb(site / path)}")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        weights = page_weights(site, "thu-tuc/1.001193", browser)
        field_weight = page_weights(site, f"linh-vuc/{largest}", browser)["procedure page"]
        print("\nBytes a phone downloads (fresh cache, gzip):")
        for name, value in [*weights.items(), (f"field page {largest}", field_weight)]:
            print(f"  {name:>28}: {value:7.1f} KB")
        print("\nA4 pages printed:")
        for name, path in (("posting board", "niem-yet/"), ("QR sheet", "niem-yet/ma-qr/"),
                           (f"field {largest}", f"linh-vuc/{largest}/")):
            print(f"  {name:>28}: {printed_pages(browser, site, path)}")
        browser.close()


if __name__ == "__main__":
    main()
