"""`python -m generator doi-chieu`: what the commune's records say that the national data no longer say,
procedure by procedure, for the yearly review ("rà soát, đánh giá") of published procedures."""

import re
from datetime import date

from ..content import Portal
from ..models import Procedure
from ..text import long_date
from .payload import Formality
from .record import national_record


def differences(proc: Procedure, formality: Formality) -> list[str]:
    """Each difference as one Vietnamese line: what the commune publishes, then what the national data say."""
    national = national_record(formality)
    found = []
    if formality.state and formality.state.upper() in REPEALED_STATES:
        found.append("Cơ sở dữ liệu quốc gia ghi thủ tục này đã bị bãi bỏ"
                     + ("; trang của xã chưa ghi bãi bỏ" if not proc.bai_bo else ""))
    if _same(proc.ten_thu_tuc) != _same(national["ten_thu_tuc"]):
        found.append(f"Tên: xã ghi “{proc.ten_thu_tuc}”; dữ liệu quốc gia: “{national['ten_thu_tuc']}”")
    decision = national.get("quyet_dinh_cong_bo", {}).get("so")
    ours = proc.quyet_dinh_cong_bo.so if proc.quyet_dinh_cong_bo else None
    if decision and _same(decision) != _same(ours):
        found.append(f"Quyết định công bố: xã ghi {ours or '(chưa ghi)'}; dữ liệu quốc gia: {decision}")
    found += _channel_differences(proc, national.get("cach_thuc_thuc_hien", []))
    if national.get("muc_do_truc_tuyen") != proc.muc_do_truc_tuyen:
        found.append(f"Mức độ trực tuyến: xã ghi {proc.muc_do_truc_tuyen or 'không nộp trực tuyến'}; dữ liệu quốc gia: "
                     f"{national.get('muc_do_truc_tuyen') or 'không nộp trực tuyến'}")
    laws = [law["so_ky_hieu"] for law in national.get("can_cu_phap_ly", [])]
    ours_laws = [law.so_ky_hieu for law in proc.can_cu_phap_ly]
    missing = [number for number in laws if _law(number) not in {_law(item) for item in ours_laws}]
    extra = [number for number in ours_laws if _law(number) not in {_law(item) for item in laws}]
    if missing:
        found.append(f"Căn cứ pháp lý chưa ghi: {', '.join(missing)}")
    if extra:
        found.append(f"Căn cứ pháp lý dữ liệu quốc gia không còn ghi: {', '.join(extra)}")
    return found


REPEALED_STATES = {"ABOLISHED", "REPEALED", "CANCELLED", "DELETED"}


def _channel_differences(proc: Procedure, national_channels: list[dict]) -> list[str]:
    ours = {terms.hinh_thuc: terms for terms in proc.cach_thuc_thuc_hien}
    theirs = {terms["hinh_thuc"]: terms for terms in national_channels}
    found = []
    if set(ours) != set(theirs):
        found.append(f"Cách nộp: xã ghi {_channels(ours)}; dữ liệu quốc gia: {_channels(theirs)}")
    for channel in ours.keys() & theirs.keys():
        for key, label in (("thoi_han", "Thời hạn"), ("phi_le_phi", "Phí, lệ phí")):
            mine, national = getattr(ours[channel], key), theirs[channel].get(key)
            if national and _same(mine) != _same(national):
                found.append(f"{label} ({channel}): xã ghi “{mine or '(chưa ghi)'}”; dữ liệu quốc gia: “{national}”")
    return found


def _channels(channels: dict) -> str:
    order = ["trực tiếp", "trực tuyến", "bưu chính"]
    return ", ".join(channel for channel in order if channel in channels) or "(không có)"


_LAW_NUMBER = re.compile(r"[\d.]+/\d{4}/[\wĐđ-]+")


def _law(text: str) -> str:
    """"Thông tư số 03/2023/TT-BTP" and "03/2023/TT-BTP" are one document."""
    found = _LAW_NUMBER.search(text)
    return _same(found.group() if found else text)


def _same(text: str | None) -> str:
    """Compare texts as a reader would: case, spacing and the final full stop do not count."""
    return " ".join((text or "").casefold().split()).rstrip(".;")


def report(portal: Portal, details: dict[str, Formality], today: date) -> str:
    """The review as plain text (Markdown), newest facts first: differing procedures, then the rest."""
    lines = [f"# Đối chiếu thủ tục hành chính của {portal.unit.ten} với Cơ sở dữ liệu quốc gia", "",
             f"Lập {long_date(today)}, để rà soát, đánh giá thủ tục hành chính đang công khai.", ""]
    differing, same, unchecked = [], [], []
    for proc in portal.procedures:
        formality = details.get(proc.ma_thu_tuc)
        if formality is None:
            unchecked.append(proc)
            continue
        found = differences(proc, formality)
        (differing if found else same).append((proc, found))
    lines.append(f"Đã đối chiếu {len(differing) + len(same)} thủ tục: {len(differing)} có điểm khác, {len(same)} khớp; "
                 f"{len(unchecked)} thủ tục không có dữ liệu quốc gia để đối chiếu.")
    for proc, found in differing:
        lines += ["", f"## {proc.ma_thu_tuc} {proc.ten_thu_tuc}", ""]
        lines += [f"- {item}" for item in found]
    if unchecked:
        lines += ["", "## Chưa đối chiếu được (không có dữ liệu quốc gia của mã này)", ""]
        lines += [f"- {proc.ma_thu_tuc} {proc.ten_thu_tuc}" for proc in unchecked]
    extra = sorted(set(details) - {proc.ma_thu_tuc for proc in portal.procedures})
    if extra:
        lines += ["", "## Có trong dữ liệu quốc gia nhưng xã chưa công khai", ""]
        lines += [f"- {code} {details[code].name}" for code in extra]
    return "\n".join(lines) + "\n"
