"""Files the portal publishes beside its pages: QR codes, downloadable files and the notices feed."""

import os
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import PurePosixPath

from . import cards
from .atom import notices_feed
from .content import Portal
from .opendata import open_data_files
from .pages import procedure_url
from .qr import qr_svg

# content/<folder>/ -> URL folder of the published copies
DOWNLOAD_FOLDERS = {"forms": "bieu-mau", "attachments": "tep-dinh-kem"}
NOTICES_FEED = "thong-bao/feed.xml"


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


def static_files(portal: Portal, site_url: str, today: date):
    """(site path, bytes) of every QR code, downloadable file, feed and open-data file."""
    unit = portal.unit.ten
    jobs = [(unit, proc.ten_thu_tuc, proc.ma_thu_tuc, absolute_url(site_url, procedure_url(proc.ma_thu_tuc)))
            for proc in portal.procedures]
    # Encoding QR codes and drawing cards is most of a large portal's build: use every core.
    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, 8)) as pool:
        for (_, _, code, _), (svg, card) in zip(jobs, pool.map(_procedure_files, jobs, chunksize=16)):
            yield qr_path(code), svg
            yield card_path(f"thu-tuc/{code}.md"), card
    for reference, path in portal.files.items():
        yield download_path(reference), path.read_bytes()
    yield "og.png", cards.unit_card(unit, f"Tra cứu thủ tục hành chính {portal.unit.ten_ngan}", portal.unit.tinh)
    for item in portal.fields:
        yield card_path(f"linh-vuc/{item.ma}.md"), cards.unit_card(
            unit, item.ten, f"{len(portal.procedures_in(item.ma))} thủ tục hành chính")
    yield NOTICES_FEED, notices_feed(portal.unit, portal.notices, site_url, NOTICES_FEED)
    yield from open_data_files(portal, site_url, today)
