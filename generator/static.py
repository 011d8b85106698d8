"""Files the portal publishes beside its pages: QR codes, downloadable files and the notices feed."""

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


def static_files(portal: Portal, site_url: str, today: date):
    """(site path, bytes) of every QR code, downloadable file, feed and open-data file."""
    unit = portal.unit.ten
    for proc in portal.procedures:
        url = absolute_url(site_url, procedure_url(proc.ma_thu_tuc))
        yield qr_path(proc.ma_thu_tuc), qr_svg(url)
        yield card_path(f"thu-tuc/{proc.ma_thu_tuc}.md"), cards.procedure_card(unit, proc.ten_thu_tuc, proc.ma_thu_tuc, url)
    for reference, path in portal.files.items():
        yield download_path(reference), path.read_bytes()
    yield "og.png", cards.unit_card(unit, f"Tra cứu thủ tục hành chính {portal.unit.ten_ngan}", portal.unit.tinh)
    for item in portal.fields:
        yield card_path(f"linh-vuc/{item.ma}.md"), cards.unit_card(
            unit, item.ten, f"{len(portal.procedures_in(item.ma))} thủ tục hành chính")
    yield NOTICES_FEED, notices_feed(portal.unit, portal.notices, site_url, NOTICES_FEED)
    yield from open_data_files(portal, site_url, today)
