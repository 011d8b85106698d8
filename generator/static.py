"""Files the portal publishes beside its pages: QR codes and downloadable forms."""

from pathlib import PurePosixPath

from .content import Portal
from .pages import procedure_url
from .qr import qr_svg

FORMS_URL = "bieu-mau/"


def absolute_url(site_url: str, path: str) -> str:
    """The canonical address of a site path, as encoded in QR codes: site_url + path."""
    return site_url.rstrip("/") + "/" + path


def qr_path(code: str) -> str:
    return procedure_url(code) + "qr.svg"


def form_path(mau_don: str) -> str:
    """"forms/to-khai.pdf" -> "bieu-mau/to-khai.pdf"."""
    return FORMS_URL + PurePosixPath(mau_don).relative_to("forms").as_posix()


def static_files(portal: Portal, site_url: str):
    """(site path, bytes) of every QR code and form file."""
    for proc in portal.procedures:
        yield qr_path(proc.ma_thu_tuc), qr_svg(absolute_url(site_url, procedure_url(proc.ma_thu_tuc)))
    for mau_don, path in portal.form_files.items():
        yield form_path(mau_don), path.read_bytes()
