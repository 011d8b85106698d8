"""A national procedure detail turned into the keys of our procedure record that the national database
holds. Only what the payload says is written; a value it leaves empty is left out, never guessed."""

import re
from datetime import date, datetime, timedelta, timezone

from ..text import fold
from .payload import Fee, Formality, Method, clean

PORTAL = "https://dichvucong.gov.vn"
SOURCE_NAME = "Cơ sở dữ liệu quốc gia về thủ tục hành chính"

# The keys this module writes, in the record's order. Every other key of a record is the commune's own
# (everyday names, keywords, local address, notes, forms, dates of local effect or repeal), and an
# import never touches it.
NATIONAL_KEYS = (
    "ma_thu_tuc", "ten_thu_tuc", "quyet_dinh_cong_bo", "cap_thuc_hien", "loai_thu_tuc", "nguon",
    "muc_do_truc_tuyen", "link_nop_truc_tuyen", "cach_thuc_thuc_hien", "trinh_tu_thuc_hien", "thanh_phan_ho_so",
    "doi_tuong_thuc_hien", "co_quan_thuc_hien", "co_quan_co_tham_quyen", "co_quan_phoi_hop", "ket_qua_thuc_hien",
    "can_cu_phap_ly", "yeu_cau_dieu_kien",
)

CHANNELS = {"DIRECT": "trực tiếp", "ONLINE": "trực tuyến", "POSTAL": "bưu chính"}
TIME_UNITS = {
    "WORKING_DAY": "ngày làm việc", "DAY": "ngày", "HOUR": "giờ", "WORKING_HOUR": "giờ làm việc", "WEEK": "tuần",
    "MONTH": "tháng", "YEAR": "năm",
}
FORMALITY_TYPES = {
    "ASSIGNED_REGULATION": "TTHC được luật giao quy định chi tiết",
    "NOT_ASSIGNED_REGULATION": "TTHC không được luật giao cho địa phương quy định",
}
CURRENCIES = {"Việt Nam Đồng": "đồng", "VND": "đồng"}
_VIETNAM = timezone(timedelta(hours=7))  # the portal stores dates as midnight in Vietnam, in ms since 1970


def national_record(formality: Formality) -> dict:
    """The national keys of a record, in NATIONAL_KEYS order; keys with nothing to say are absent."""
    code = clean(formality.codeNotation or formality.code)
    online = any(method.submissionMethod == "ONLINE" for method in formality.executionMethods)
    record = {
        "ma_thu_tuc": code,
        "ten_thu_tuc": clean(formality.name),
        "quyet_dinh_cong_bo": _decision(formality),
        "cap_thuc_hien": _levels(formality),
        "loai_thu_tuc": FORMALITY_TYPES.get(formality.formalityType or ""),
        "nguon": {"ten": SOURCE_NAME, "ngay": _day(formality.updatedAt),
                  "dia_chi": f"{PORTAL}/thu-tuc-hanh-chinh/{formality.id}"},
        "muc_do_truc_tuyen": ("toàn trình" if formality.isFullProcess else "một phần") if online else None,
        "link_nop_truc_tuyen": f"{PORTAL}/nop-ho-so?formalityId={formality.id}" if online else None,
        "cach_thuc_thuc_hien": _channels(formality.executionMethods),
        "trinh_tu_thuc_hien": [text for step in formality.executionSteps if (text := _step(step.name, step.description))],
        "thanh_phan_ho_so": _dossier(formality),
        "doi_tuong_thuc_hien": _names(formality.subjectTypesDetails),
        "co_quan_thuc_hien": _agencies(formality.unitGroupsExecuting + formality.departmentsExecuting,
                                       formality.executingAgencies),
        "co_quan_co_tham_quyen": _agencies(formality.unitGroupsAuthority + formality.departmentsAuthority),
        "co_quan_phoi_hop": _agencies(formality.unitGroupsCoordinating + formality.departmentsCoordinating,
                                      formality.coordinatingAgencies),
        "ket_qua_thuc_hien": _names(formality.resultsDetails),
        "can_cu_phap_ly": [{"so_ky_hieu": clean(law.code), "trich_yeu": clean(law.name)}
                           for law in formality.legalBasisesDetails if clean(law.code) and clean(law.name)],
        "yeu_cau_dieu_kien": _paragraphs(formality.requirementsAndConditions),
    }
    return {key: value for key, value in record.items() if value not in (None, "", [], {})}


def field_name(formality: Formality) -> str:
    return clean(formality.category.name) if formality.category else ""


def field_slug(formality: Formality, fields: list) -> str | None:
    """The commune's field whose name is the national field's name (compared without marks or case)."""
    wanted = fold(field_name(formality))
    return next((item.ma for item in fields if wanted and fold(item.ten) == wanted), None)


def _day(milliseconds: int | None) -> date | None:
    if not milliseconds:
        return None
    return datetime.fromtimestamp(milliseconds / 1000, _VIETNAM).date()


def _decision(formality: Formality) -> dict | None:
    proposal = formality.procedureProposal
    number = clean(proposal and (proposal.proposalNumber or proposal.decisionNumber))
    if not number:
        return None
    decision = {"so": number, "ngay": _day(proposal.decisionDate),
                "co_quan": clean(proposal.issuingAgency.name) if proposal.issuingAgency else ""}
    return {key: value for key, value in decision.items() if value}


def _levels(formality: Formality) -> str:
    levels = [label for flag, label in ((formality.isMinistry, "Cấp bộ"), (formality.isProvince, "Cấp tỉnh"),
                                        (formality.isWard, "Cấp xã"), (formality.isOtherAgency, "Cơ quan khác")) if flag]
    return ", ".join(levels)


def time_limit(method: Method) -> str:
    """"3 ngày làm việc". With the unit OTHER the portal itself shows no time ("Không có thông tin", or a bare
    number): the method's description, kept as the channel's note, is all it says."""
    if method.processingTimeUnit in (None, "OTHER") or not method.processingTime:
        return ""
    return f"{_number(method.processingTime)} {TIME_UNITS[method.processingTimeUnit]}"


def fee_text(fee: Fee) -> str:
    """"2.000 đồng/trang", "10 USD/bản", "Không" for a fee of 0; the words of the fee when it has no amount."""
    words = clean(fee.description)
    if fee.value is None:
        return words
    if fee.value == 0:
        return "Không" + (f" ({words})" if words and not words.startswith("/") else "")
    currency = CURRENCIES.get(clean(fee.currencyName), clean(fee.currencyName) or "đồng")
    joiner = "" if words.startswith("/") else " "
    return f"{_number(fee.value)} {currency}" + (f"{joiner}{words}" if words else "")


def _channels(methods: list[Method]) -> list[dict]:
    """One entry per channel; the portal may list a channel twice (two fee schedules), so values join."""
    merged: dict[str, dict[str, list[str]]] = {}
    for method in methods:
        parts = merged.setdefault(CHANNELS[method.submissionMethod], {"thoi_han": [], "phi_le_phi": [], "mo_ta": []})
        _add(parts["thoi_han"], time_limit(method))
        for fee in method.fees:
            _add(parts["phi_le_phi"], fee_text(fee))
        _add(parts["mo_ta"], clean(method.description))
    channels = []
    for channel in CHANNELS.values():  # a fixed order: in person, online, by post
        if channel in merged:
            entry = {"hinh_thuc": channel} | {key: "; ".join(values) for key, values in merged[channel].items() if values}
            channels.append(entry)
    return channels


def _dossier(formality: Formality) -> list[dict]:
    groups = []
    for case in formality.executionCases:
        documents = []
        for component in case.profileComponents:
            name = clean(component.name)
            if name:
                documents.append({"ten": name} | {key: count for key, count in
                                                  (("ban_chinh", component.originalQty), ("ban_sao", component.copyQty)) if count})
        if documents:
            groups.append(({"truong_hop": clean(case.name)} if clean(case.name) else {}) | {"giay_to": documents})
    return groups


def _step(name: str | None, description: str | None) -> str:
    name, description = clean(name), clean(description)
    if name and description and description != name:
        return f"{name.rstrip(':')}: {description}"
    return name or description


def _names(items) -> list[str]:
    return _unique(clean(item.name) for item in items)


def _agencies(listed, text: str | None = None) -> str:
    """The portal's lists of agencies (groups such as "Ủy ban nhân dân cấp xã" first); its one-line summary
    only when it lists none, since that summary leaves the groups out."""
    return ", ".join(_names(listed)) or clean(text)


def _paragraphs(text: str | None) -> list[str]:
    body = clean(text)
    if not body or fold(body) in {"khong", "khong co", "khong co thong tin"}:
        return []
    return _unique(part.strip() for part in re.split(r"\n\s*\n", body))


def _unique(values) -> list[str]:
    found: list[str] = []
    for value in values:
        _add(found, value)
    return found


def _add(values: list[str], value: str) -> None:
    value = value.rstrip("; ")  # values are joined with "; "
    if value and value not in values:
        values.append(value)


def _number(value: float) -> str:
    """Vietnamese grouping: 200000 -> "200.000"; 1.5 -> "1,5"."""
    whole, fraction = divmod(value, 1)
    text = f"{int(whole):,}".replace(",", ".")
    return text + (f",{str(round(fraction, 3))[2:]}" if fraction else "")
