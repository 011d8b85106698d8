"""Files the portal publishes beside its pages: QR codes, preview cards, downloadable files, feeds, open data."""

import json
from collections.abc import Iterator, Mapping
from concurrent.futures import Executor
from datetime import date
from pathlib import Path, PurePosixPath

from . import cards, qr
from .atom import notices_feed
from .content import Portal
from .filecache import FileCache, source_version, write_whole
from .opendata import open_data_files
from .pages import procedure_url
from .qr import qr_svg
from .searchterms import everyday_names, search_fold, vocabulary, word_pairs

# content/<folder>/ -> URL folder of the published copies
DOWNLOAD_FOLDERS = {"forms": "bieu-mau", "attachments": "tep-dinh-kem"}
NOTICES_FEED = "thong-bao/feed.xml"
SEARCH_WORDS = "tim-kiem.json"  # what the search box loads with Pagefind: vocabulary for typos, other agencies
SEARCH_PAIRS = "tim-kiem-cap-tu.json"  # loaded only when a query has a word to correct


def absolute_url(site_url: str, path: str) -> str:
    """The canonical address of a site path, as encoded in QR codes: site_url + path."""
    return site_url.rstrip("/") + "/" + path


def qr_path(code: str) -> str:
    return procedure_url(code) + "qr.svg"


def download_path(reference: str) -> str:
    """"forms/to-khai.pdf" -> "bieu-mau/to-khai.pdf"."""
    folder, *rest = PurePosixPath(reference).parts
    return "/".join([DOWNLOAD_FOLDERS[folder], *rest])


def card_path(src_uri: str) -> str:
    """The link-preview image of a page: its own card for procedures and fields, the unit's otherwise."""
    folder, _, name = src_uri.removesuffix(".md").rpartition("/")
    return f"{folder}/{name}/og.png" if folder in ("thu-tuc", "linh-vuc") else "og.png"


def _procedure_files(job: tuple[str, str, str, str]) -> tuple[bytes, bytes]:
    unit, name, code, url = job
    return qr_svg(url), cards.procedure_card(unit, name, code, url)


def _cards_cache(cache_dir: Path | None) -> FileCache:
    return FileCache(cache_dir, source_version([Path(qr.__file__), Path(cards.__file__), *cards.FONT_FILES],
                                               ["qrcode", "pillow"]))


_FEW = 4  # new QR codes and cards made by the thread that takes the results, not by the pool


def procedure_files(portal: Portal, site_url: str, site_dir: Path, pool: Executor, cache_dir: Path | None = None,
                    present: Mapping[str, str] | None = None) -> Iterator[tuple[str, str]]:
    """Write each procedure's QR code and preview card into `site_dir`, as the returned iterator is
    consumed; it yields their (site path, key), the key naming what made the file. Encoding and drawing
    them is most of a large portal's build, so what `cache_dir` does not hold yet is handed to `pool`
    at once, to run while the caller renders pages; the iterator waits for each result. Files the cache
    holds are linked from it (FileCache.place). `present`: {site path: key} of the files the site folder
    already holds (`mkdocs serve`), left as they are."""
    cache = _cards_cache(cache_dir)
    present = present or {}
    jobs = [(portal.unit.ten, proc.short_name, proc.ma_thu_tuc, absolute_url(site_url, procedure_url(proc.ma_thu_tuc)))
            for proc in portal.procedures]
    keys = [(cache.key("qr", job[3]), cache.key("card", *job)) for job in jobs]
    paths = [(qr_path(job[2]), card_path(f"thu-tuc/{job[2]}.md")) for job in jobs]
    kept = [(present.get(qr_at), present.get(card_at)) == pair for (qr_at, card_at), pair in zip(paths, keys)]
    cached = [was_kept or (cache.has(qr_key) and cache.has(card_key)) for was_kept, (qr_key, card_key) in zip(kept, keys)]
    todo = [job for job, found in zip(jobs, cached) if not found]
    # A save under `mkdocs serve` changes a file or two, made faster here than by starting the processes.
    results = map(_procedure_files, todo) if len(todo) <= _FEW else pool.map(_procedure_files, todo, chunksize=16)

    def files():  # one by one: a province's files, held until the end, took 230 MB
        for job, pair, (qr_at, card_at), was_kept, found in zip(jobs, keys, paths, kept, cached):
            if not was_kept:
                (site_dir / qr_at).parent.mkdir(parents=True, exist_ok=True)
                made = None
                if not found:
                    made = next(results)
                    cache.put(pair[0], made[0])
                    cache.put(pair[1], made[1])
                for index, (key, at) in enumerate(zip(pair, (qr_at, card_at))):
                    if not cache.place(key, site_dir / at):  # no cache, or removed from it meanwhile
                        made = made or _procedure_files(job)
                        write_whole(site_dir / at, made[index])
            yield qr_at, pair[0]
            yield card_at, pair[1]
    return files()


def static_files(portal: Portal, site_url: str, cache_dir: Path | None = None):
    """(site path, bytes) of every downloadable file, the notices' feed and the unit's and fields' preview
    cards, these kept in `cache_dir` (procedures' files: procedure_files; open data: catalogue_files)."""
    unit = portal.unit.ten
    cache = _cards_cache(cache_dir)

    def card(*lines: str) -> bytes:
        key = cache.key("unit-card", unit, *lines)
        if (drawn := cache.get(key)) is None:
            drawn = cards.unit_card(unit, *lines)
            cache.put(key, drawn)
        return drawn

    for reference, path in portal.files.items():
        yield download_path(reference), path.read_bytes()
    yield "og.png", card(f"Tra cứu thủ tục hành chính {portal.unit.ten_ngan}", portal.unit.tinh)
    for item in portal.fields:
        yield card_path(f"linh-vuc/{item.ma}.md"), card(item.ten, f"{len(portal.procedures_in(item.ma))} thủ tục hành chính")
    yield NOTICES_FEED, notices_feed(portal.unit, portal.notices, site_url, NOTICES_FEED)


def catalogue_files(portal: Portal, site_url: str, today: date, everyday: dict[str, list[str]] | None = None):
    """(site path, bytes) of the files made from every record at once: open data and the search word lists.
    `everyday`: everyday_names(portal), if the caller has it already."""
    yield from open_data_files(portal, site_url, today)
    everyday = everyday or everyday_names(portal)
    yield SEARCH_WORDS, search_words_file(portal, everyday)
    yield SEARCH_PAIRS, _json(word_pairs(portal, everyday))


def search_words_file(portal: Portal, everyday: dict[str, list[str]]) -> bytes:
    elsewhere = [{"goi_la": sorted({search_fold(word) for word in entry.goi_la}), "viec": entry.viec,
                  "co_quan": entry.co_quan, "lien_ket": entry.lien_ket} for entry in portal.search_words.noi_khac]
    return _json({"tu_vung": vocabulary(portal, everyday), "so_thu_tuc": len(portal.procedures), "noi_khac": elsewhere})


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
