"""CPU per item of the build's per-procedure work, each beside the straightforward way it replaced, in
the same run: the QR code (qrcode's own `make()`, which scores all 8 masks in pure Python), the preview
card (drawn whole on an RGB canvas, then reduced to the palette), and reading a page's words for the
search index (with html.parser, on the sample built into a temporary folder).

    python3 bench/parts.py              # the sample's 200 procedures and 300 synthetic addresses
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from synthetic import ROOT, all_procedures  # noqa: E402
from test_qr import qrcode_own_matrix, whole_card  # noqa: E402  (the reference ways, as the tests compare them)
from test_search import _ReferenceWords  # noqa: E402

from generator import cards, qr  # noqa: E402
from generator.search import FOLD_MARKER, _weighted_words, indexed_part  # noqa: E402

UNIT = "Xã Hòa Bình Mẫu"


def per_item_ms(work, items, repeats: int = 3) -> float:
    """Median over `repeats` runs of the milliseconds per item, caches emptied before each run."""
    runs = []
    for _ in range(repeats):
        qr.qr_matrix.cache_clear()
        cards._word.cache_clear()
        start = time.perf_counter()
        for item in items:
            work(item)
        runs.append((time.perf_counter() - start) * 1000 / len(items))
    return statistics.median(runs)


def indexed_parts() -> list[str]:
    """The indexed part of every indexed page of the sample, built into a temporary folder."""
    with tempfile.TemporaryDirectory() as site:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", site], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        pages = [unicodedata.normalize("NFC", path.read_text(encoding="utf-8")) for path in Path(site).rglob("*.html")]
    return [indexed_part(html) for html in pages if FOLD_MARKER in html]


def main() -> None:
    records = all_procedures(ROOT / "content")
    items = [(record["ten_thu_tuc"], record["ma_thu_tuc"], f"https://xa-mau.example/thu-tuc/{record['ma_thu_tuc']}/")
             for record in records]
    items += [(name, f"9.{n:06d}", f"https://xa-mau.example/thu-tuc/9.{n:06d}/") for n, (name, _, _) in enumerate(items * 2)]
    print(f"{len(items)} procedures (the sample's names, twice more with synthetic codes)\n")
    print("| part | straightforward ms | ours ms | ratio |\n|---|---|---|---|")
    rows = [
        ("QR code", lambda item: qrcode_own_matrix(item[2]), lambda item: qr.qr_matrix(item[2])),
        ("preview card (QR code included)", lambda item: whole_card(*item), lambda item: cards.procedure_card(UNIT, *item)),
    ]
    pages = indexed_parts()
    for name, reference, ours, inputs in [(*row, items) for row in rows] + [
            (f"search words of a page ({len(pages)} pages)", lambda part: _ReferenceWords(part).words, _weighted_words, pages)]:
        before, after = per_item_ms(reference, inputs), per_item_ms(ours, inputs)
        print(f"| {name} | {before:.2f} | {after:.2f} | {before / after:.1f}× |")


if __name__ == "__main__":
    main()
