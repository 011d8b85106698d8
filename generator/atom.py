"""Atom feed of posted notices, so other sites and feed readers follow what the commune posts."""

from datetime import datetime, time, timezone
from xml.sax.saxutils import escape

from .models import Notice, Unit


def notices_feed(unit: Unit, notices: dict[str, Notice], site_url: str, feed_path: str) -> bytes:
    base = site_url.rstrip("/") + "/"
    updated = max((notice.ngay for notice in notices.values()), default=None)
    entries = []
    for slug, notice in notices.items():
        url = f"{base}thong-bao/{slug}/"
        title = f"{notice.so_ky_hieu} — {notice.tieu_de}" if notice.so_ky_hieu else notice.tieu_de
        entries.append(
            "<entry>"
            f"<title>{escape(title)}</title><id>{escape(url)}</id><link href=\"{escape(url)}\"/>"
            f"<updated>{_stamp(notice.ngay)}</updated><category term=\"{escape(notice.loai)}\"/>"
            f"<summary>{escape(notice.noi_dung[:300])}</summary>"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">'
        f"<title>Thông báo, niêm yết — {escape(unit.ten)}</title>"
        f"<id>{escape(base + feed_path)}</id><link rel=\"self\" href=\"{escape(base + feed_path)}\"/>"
        f"<link href=\"{escape(base)}thong-bao/\"/><author><name>{escape(unit.ten)}</name></author>"
        f"<updated>{_stamp(updated) if updated else _stamp(datetime.now(timezone.utc).date())}</updated>"
        + "".join(entries) + "</feed>\n"
    ).encode()


def _stamp(day) -> str:
    # RFC 4287 wants RFC 3339 ("2026-02-05T00:00:00Z"); notices carry dates only, so midnight UTC is enough.
    return datetime.combine(day, time(0, 0), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
