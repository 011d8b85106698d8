"""schema.org descriptions (JSON-LD) so search engines and link previews understand the pages."""

import json

from markupsafe import Markup

from .models import Desk, Field, Procedure, Unit
from .models.desk import WEEKDAYS
from .text import split_first_clause

_SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CHANNEL_NAMES = {"trực tiếp": "Nộp trực tiếp", "trực tuyến": "Nộp trực tuyến", "bưu chính": "Nộp qua bưu chính"}


def json_ld(data: dict) -> Markup:
    # Safe: JSON with every "<" written as \u003c, so no value can close the <script> element early.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def government_office(unit: Unit, desk: Desk, url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": desk.ten,
        "parentOrganization": {"@type": "GovernmentOrganization", "name": unit.ten},
        "address": {"@type": "PostalAddress", "streetAddress": desk.dia_chi, "addressRegion": unit.tinh,
                    "addressCountry": "VN"},
        "telephone": desk.duong_day_nong,
        **({"email": desk.email} if desk.email else {}),
        "url": url,
        "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": [_SCHEMA_DAYS[WEEKDAYS.index(day)] for day in hours.ngay],
             "opens": session.split("–")[0].zfill(5), "closes": session.split("–")[1].zfill(5)}
            for hours in desk.gio_lam_viec for session in (hours.sang, hours.chieu) if session
        ],
    }


def government_service(proc: Procedure, field: Field, unit: Unit, desk: Desk, url: str) -> dict:
    channels = []
    for terms in proc.cach_thuc_thuc_hien:
        facts = [f"{label}: {value}" for label, value in (("Thời hạn", terms.thoi_han), ("Phí, lệ phí", terms.phi_le_phi)) if value]
        channel = {"@type": "ServiceChannel", "name": _CHANNEL_NAMES[terms.hinh_thuc],
                   **({"description": " ".join(facts)} if facts else {})}
        if terms.hinh_thuc == "trực tuyến" and proc.link_nop_truc_tuyen:
            channel["serviceUrl"] = proc.link_nop_truc_tuyen
        else:
            channel["serviceLocation"] = {"@type": "GovernmentOffice", "name": desk.ten, "address": desk.dia_chi}
        channels.append(channel)
    service = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": proc.ten_thu_tuc,
        "identifier": proc.ma_thu_tuc,
        "url": url,
        "serviceType": field.ten,
        "provider": {"@type": "GovernmentOrganization", "name": unit.ten},
        "areaServed": {"@type": "AdministrativeArea", "name": f"{unit.ten_ngan}, {unit.tinh}"},
        "availableChannel": channels,
    }
    if proc.time_limits:
        service["description"] = "Thời hạn giải quyết: " + split_first_clause(proc.time_limits[0][1])[0]
    if proc.doi_tuong_thuc_hien:
        service["audience"] = {"@type": "Audience", "audienceType": "; ".join(proc.doi_tuong_thuc_hien)}
    other_names = [name for name in dict.fromkeys([proc.short_name, *proc.ten_thuong_goi]) if name != proc.ten_thu_tuc]
    if other_names:
        service["alternateName"] = other_names
    return service
