"""Each kind of bad input gives one Vietnamese error naming file, line and key; all errors come at once."""

import os
import shutil
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from generator.content import load_portal
from generator.errors import ContentErrors

VALID = Path(__file__).parent / "fixtures" / "valid"
PROC = "procedures/1.001193.yml"


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "content")
    return tmp_path / "content"


def edit(content: Path, name: str, old: str, new: str) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


TODAY = date(2026, 11, 22)  # the build date these cases are written for


def errors(content: Path, today: date = TODAY) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_portal(content, today)
    return [str(error) for error in caught.value.errors]


def test_optional_keys_may_be_left_empty(content):
    edit(content, PROC, "    phi_le_phi: Miễn lệ phí đăng ký khai sinh đúng hạn.", "    phi_le_phi:")
    terms = next(p for p in load_portal(content).procedures if p.ma_thu_tuc == "1.001193").cach_thuc_thuc_hien[0]
    assert terms.phi_le_phi is None  # "bỏ trống nếu dữ liệu gốc không ghi"


def test_valid_fixture_loads():
    portal = load_portal(VALID)
    assert [p.ma_thu_tuc for p in portal.procedures] == ["1.001193", "2.000815"]


CASES = {
    "broken YAML: colon inside a value": (
        PROC, "trich_yeu: Luật Hộ tịch", "trich_yeu: Luật Hộ tịch: sửa đổi",
        "content/procedures/1.001193.yml:31: lỗi cú pháp YAML: có dấu hai chấm “: ” trong giá trị; hãy đặt cả giá trị "
        "trong dấu nháy kép (PyYAML: mapping values are not allowed in this context)",
    ),
    "broken YAML: tab indentation": (
        PROC, "  - Công dân Việt Nam", "\t- Công dân Việt Nam",
        "content/procedures/1.001193.yml:25: lỗi cú pháp YAML: không dùng phím Tab để thụt lề, hãy dùng dấu cách "
        "(PyYAML: while scanning for the next token found character that cannot start any token)",
    ),
    "wrong type: words for a number": (
        PROC, "        ban_chinh: 1\n      - ten: Giấy chứng sinh", "        ban_chinh: một\n      - ten: Giấy chứng sinh",
        "content/procedures/1.001193.yml:21: thanh_phan_ho_so[1].giay_to[1].ban_chinh: phải là số nguyên, ví dụ 1",
    ),
    "wrong type: unquoted code read as a number": (
        PROC, 'ma_thu_tuc: "1.001193"', "ma_thu_tuc: 1.001193",
        "content/procedures/1.001193.yml:1: ma_thu_tuc: phải là văn bản (nếu là số hoặc mã, hãy đặt trong dấu nháy kép, "
        "ví dụ \"1.001193\")",
    ),
    "wrong type: a single value where a list is expected": (
        PROC, "doi_tuong_thuc_hien:\n  - Công dân Việt Nam", "doi_tuong_thuc_hien: Công dân Việt Nam",
        "content/procedures/1.001193.yml:24: doi_tuong_thuc_hien: phải là danh sách: mỗi mục trên một dòng, bắt đầu bằng “- ”",
    ),
    "typo in a key": (
        PROC, "ten_thu_tuc:", "ten_thu_tuk:",
        "content/procedures/1.001193.yml:2: ten_thu_tuk: khóa “ten_thu_tuk” không có trong mẫu (gõ nhầm?). "
        "Có phải là “ten_thu_tuc”?",
    ),
    "typo in a nested key": (
        PROC, "    co_quan_ban_hanh: Quốc hội", "    co_quan_ban_hang: Quốc hội",
        "content/procedures/1.001193.yml:33: can_cu_phap_ly[1].co_quan_ban_hang: khóa “co_quan_ban_hang” không có trong mẫu "
        "(gõ nhầm?). Có phải là “co_quan_ban_hanh”?",
    ),
    "same key twice": (
        PROC, "cap_thuc_hien: Cấp Xã", "cap_thuc_hien: Cấp Xã\ncap_thuc_hien: Cấp Huyện",
        "content/procedures/1.001193.yml:4: cap_thuc_hien: khóa bị lặp lại (đã có ở dòng 3); mỗi khóa chỉ được ghi một lần",
    ),
    "date written the Vietnamese way": (
        PROC, "hieu_luc_tu: 2025-07-01", "hieu_luc_tu: 01/07/2025",
        "content/procedures/1.001193.yml:5: hieu_luc_tu: ngày phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2025-07-01 "
        "(đang là “01/07/2025”)",
    ),
    "javascript: link": (
        PROC, "link_nop_truc_tuyen: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
        "link_nop_truc_tuyen: javascript:alert(1)",
        "content/procedures/1.001193.yml:8: link_nop_truc_tuyen: liên kết chỉ được bắt đầu bằng https://, http://, tel: hoặc "
        "mailto: (đang là “javascript:alert(1)”)",
    ),
    "online level not in the list": (
        PROC, "muc_do_truc_tuyen: toàn trình", "muc_do_truc_tuyen: toan trinh",
        "content/procedures/1.001193.yml:7: muc_do_truc_tuyen: chỉ nhận một trong các giá trị: 'toàn trình' or 'một phần' "
        "(đang là “toan trinh”)",
    ),
    "online without a link": (
        PROC, "link_nop_truc_tuyen: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193\n", "",
        "content/procedures/1.001193.yml:1: link_nop_truc_tuyen: thủ tục trực tuyến phải có liên kết nộp hồ sơ trực tuyến",
    ),
    "short name that is not short": (
        PROC, "ten_thu_tuc: Thủ tục đăng ký khai sinh", "ten_thu_tuc: Thủ tục đăng ký khai sinh\nten_ngan: " + "khai sinh " * 9,
        "content/procedures/1.001193.yml:3: ten_ngan: tên ngắn dài quá 80 ký tự; tên đầy đủ đã có ở ten_thu_tuc",
    ),
    "required key missing": (
        PROC, "cap_thuc_hien: Cấp Xã\n", "",
        "content/procedures/1.001193.yml:1: cap_thuc_hien: thiếu khóa bắt buộc (Cấp thực hiện, ví dụ “Cấp xã”)",
    ),
    "empty text": (
        PROC, "ten_thu_tuc: Thủ tục đăng ký khai sinh", 'ten_thu_tuc: "  "',
        "content/procedures/1.001193.yml:2: ten_thu_tuc: không được để trống",
    ),
    # "khóa:" with nothing after it is null in YAML: said to be empty, not a value to quote or a date written wrong.
    "key left empty: text": (
        PROC, "ten_thu_tuc: Thủ tục đăng ký khai sinh", "ten_thu_tuc:",
        "content/procedures/1.001193.yml:2: ten_thu_tuc: không được để trống",
    ),
    "key left empty: date": (
        PROC, "ngay_cap_nhat: 2025-07-15", "ngay_cap_nhat:",
        "content/procedures/1.001193.yml:6: ngay_cap_nhat: không được để trống",
    ),
    "key left empty: one of a list of values": (
        PROC, "  - hinh_thuc: trực tiếp", "  - hinh_thuc:",
        "content/procedures/1.001193.yml:12: cach_thuc_thuc_hien[1].hinh_thuc: không được để trống",
    ),
    "key left empty: list": (
        PROC, "ket_qua_thuc_hien:\n  - Giấy khai sinh", "ket_qua_thuc_hien:",
        "content/procedures/1.001193.yml:27: ket_qua_thuc_hien: không được để trống",
    ),
    "malformed code": (
        PROC, 'ma_thu_tuc: "1.001193"', 'ma_thu_tuc: "1001193"',
        "content/procedures/1.001193.yml:1: ma_thu_tuc: mã thủ tục phải có dạng 1.001193 hoặc 2.000884.000.00.00.H55 "
        "(đang là “1001193”)",
    ),
    "duplicate code in another file": (
        "procedures/2.000815.yml", 'ma_thu_tuc: "2.000815"', 'ma_thu_tuc: "1.001193"',
        "content/procedures/2.000815.yml:1: ma_thu_tuc: mã thủ tục “1.001193” đã dùng ở content/procedures/1.001193.yml:1",
    ),
    "unknown field": (
        PROC, "linh_vuc: ho-tich", "linh_vuc: ho-tịch",
        "content/procedures/1.001193.yml:4: linh_vuc: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ “ho-tich” "
        "(đang là “ho-tịch”)",
    ),
    "field not in linh-vuc.yml": (
        PROC, "linh_vuc: ho-tich", "linh_vuc: dat-dai",
        "content/procedures/1.001193.yml:4: linh_vuc: lĩnh vực “dat-dai” chưa có trong linh-vuc.yml; các mã đang có: "
        "chung-thuc, ho-tich",
    ),
    "missing form file": (
        PROC, "mau_don: forms/to-khai.pdf", "mau_don: forms/to-khai-moi.pdf",
        "content/procedures/1.001193.yml:20: thanh_phan_ho_so[1].giay_to[1].mau_don: không tìm thấy tệp "
        "content/forms/to-khai-moi.pdf",
    ),
    "form file outside content/forms": (
        PROC, "mau_don: forms/to-khai.pdf", "mau_don: ../../etc/passwd",
        "content/procedures/1.001193.yml:20: thanh_phan_ho_so[1].giay_to[1].mau_don: tệp phải nằm trong thư mục "
        "content/forms/, ví dụ forms/to-khai.pdf",
    ),
    "replacement code that does not exist": (
        PROC, "ngay_cap_nhat: 2025-07-15", "ngay_cap_nhat: 2025-07-15\nbai_bo:\n  ngay: 2025-09-01\n  van_ban: Quyết định số 1/QĐ-BTP\n"
        "  thay_the_boi: \"1.999999\"",
        "content/procedures/1.001193.yml:10: bai_bo.thay_the_boi: không có thủ tục nào mang mã “1.999999” trong procedures/",
    ),
    "backtick at the start of a value": (
        PROC, "ten_thu_tuc: Thủ tục đăng ký khai sinh", "ten_thu_tuc: `Thủ tục`",
        "content/procedures/1.001193.yml:2: lỗi cú pháp YAML: giá trị không được bắt đầu bằng ký tự này (như @ hoặc `); "
        "hãy đặt giá trị trong dấu nháy kép (PyYAML: while scanning for the next token found character that cannot "
        "start any token)",
    ),
    "unit with a javascript: website": (
        "don-vi.yml", "website: https://xa-mau.example", "website: JavaScript:alert(document.cookie)",
        "content/don-vi.yml:8: website: liên kết chỉ được bắt đầu bằng https://, http://, tel: hoặc mailto: "
        "(đang là “JavaScript:alert(document.cookie)”)",
    ),
}


@pytest.mark.parametrize("name, old, new, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_is_reported_with_file_line_key(content, name, old, new, expected):
    edit(content, name, old, new)
    assert errors(content) == [expected]


def test_every_error_is_listed_at_once(content):
    for name, old, new, _ in (CASES["missing form file"], CASES["unit with a javascript: website"]):
        edit(content, name, old, new)
    edit(content, "procedures/2.000815.yml", "cap_thuc_hien:", "cap_thuc_hen:")
    (content / "procedures" / "rong.yml").write_text("", encoding="utf-8")
    assert errors(content) == [
        CASES["unit with a javascript: website"][3],
        CASES["missing form file"][3],
        "content/procedures/2.000815.yml:3: cap_thuc_hen: khóa “cap_thuc_hen” không có trong mẫu (gõ nhầm?). "
        "Có phải là “cap_thuc_hien”?",
        "content/procedures/rong.yml:1: tệp phải là một nhóm khóa “khóa: giá trị”; tệp đang trống hoặc sai dạng",
    ]


def test_duplicate_field_code(content):
    edit(content, "linh-vuc.yml", "  - ma: chung-thuc", "  - ma: ho-tich")
    assert errors(content) == [
        "content/linh-vuc.yml:4: linh_vuc[2].ma: mã lĩnh vực “ho-tich” bị trùng với mục thứ 1",
        "content/procedures/2.000815.yml:4: linh_vuc: lĩnh vực “chung-thuc” chưa có trong linh-vuc.yml; các mã đang có: ho-tich",
    ]


def test_file_not_in_utf8(content):
    path = content / PROC
    path.write_bytes(path.read_text(encoding="utf-8").replace("Giấy chứng sinh", "Giấy chứng sinh é").encode("cp1258", "replace"))
    assert errors(content) == ["content/procedures/1.001193.yml:2: tệp không phải mã UTF-8; hãy lưu lại tệp với mã UTF-8"]


def test_missing_required_files(tmp_path):
    (tmp_path / "content" / "procedures").mkdir(parents=True)
    assert errors(tmp_path / "content") == [
        "content/bo-phan-mot-cua.yml:1: thiếu tệp bắt buộc này",
        "content/don-vi.yml:1: thiếu tệp bắt buộc này",
        "content/linh-vuc.yml:1: thiếu tệp bắt buộc này",
        "content/phan-anh-kien-nghi.yml:1: thiếu tệp bắt buộc này",
    ]


def test_nfd_text_is_normalised_to_nfc(content):
    path = content / PROC
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    proc = load_portal(content).procedure("1.001193")
    assert proc.ten_thu_tuc == "Thủ tục đăng ký khai sinh"
    assert unicodedata.is_normalized("NFC", proc.ten_thuong_goi[0])
    assert proc.linh_vuc == "ho-tich"


def test_html_in_text_is_kept_as_text_for_the_templates_to_escape(content):
    edit(content, PROC, "ten_thu_tuc: Thủ tục đăng ký khai sinh", 'ten_thu_tuc: "<script>alert(1)</script> khai sinh"')
    assert load_portal(content).procedure("1.001193").ten_thu_tuc == "<script>alert(1)</script> khai sinh"


LATE = "late-dossiers/2026-10.yml"
STATS = "statistics/quy-3-2026.yml"
PERSONAL = "không được công bố dữ liệu cá nhân của người dân trong danh sách này (Nghị định 13/2023/NĐ-CP)"

RECORD_CASES = {
    "12-digit ID number in a reason": (
        LATE, "ly_do: Phải xác minh thông tin.", "ly_do: Chờ xác minh căn cước 001203004567 của người nộp.",
        f"content/late-dossiers/2026-10.yml:11: ho_so[1].ly_do: có số giống số chứng minh nhân dân hoặc căn cước (9 hoặc "
        f"12 chữ số) (“001203004567”): {PERSONAL}",
    ),
    "9-digit ID number": (
        LATE, "ly_do: Phải xác minh thông tin.", "ly_do: CMND 125478963 hết hạn.",
        f"content/late-dossiers/2026-10.yml:11: ho_so[1].ly_do: có số giống số chứng minh nhân dân hoặc căn cước (9 hoặc "
        f"12 chữ số) (“125478963”): {PERSONAL}",
    ),
    "phone number": (
        LATE, "ly_do: Phải xác minh thông tin.", "ly_do: Đã gọi người nộp số 0912 345 678 nhưng không liên lạc được.",
        f"content/late-dossiers/2026-10.yml:11: ho_so[1].ly_do: có số giống số điện thoại (“0912 345 678”): {PERSONAL}",
    ),
    "email address": (
        LATE, "can_bo: Lê Thị Hồng", "can_bo: Lê Thị Hồng (nguoinop@gmail.com)",
        f"content/late-dossiers/2026-10.yml:8: ho_so[1].can_bo: có địa chỉ thư điện tử (“nguoinop@gmail.com”): {PERSONAL}",
    ),
    "applicant's full name": (
        LATE, "nguoi_nop: N.T.H.", "nguoi_nop: Nguyễn Thị Hoa",
        "content/late-dossiers/2026-10.yml:6: ho_so[1].nguoi_nop: chỉ ghi chữ cái đầu của họ tên người nộp, ví dụ N.T.H. — "
        "không ghi họ tên đầy đủ (đang là “Nguyễn Thị Hoa”)",
    ),
    "late list for a procedure that does not exist": (
        LATE, 'ma_thu_tuc: "1.001193"', 'ma_thu_tuc: "1.000894"',
        "content/late-dossiers/2026-10.yml:5: ho_so[1].ma_thu_tuc: không có thủ tục nào mang mã “1.000894” trong procedures/",
    ),
    "late list whose month is not its file name": (
        LATE, 'thang: "2026-10"\nngay_cong_bo: 2026-11-04', 'thang: "2026-09"\nngay_cong_bo: 2026-11-04',
        "content/late-dossiers/2026-10.yml:1: thang: tên tệp phải là 2026-09.yml để mỗi tháng có một danh sách",
    ),
    "dossier returned on time is not late": (
        LATE, "ngay_tra: 2026-10-09", "ngay_tra: 2026-10-07",
        "content/late-dossiers/2026-10.yml:10: ho_so[1].ngay_tra: hồ sơ trả đúng hoặc trước hạn thì không thuộc danh sách "
        "trễ hạn",
    ),
    "received total does not add up": (
        STATS, "tiep_nhan: {tong: 100, truc_tuyen: 60", "tiep_nhan: {tong: 101, truc_tuyen: 60",
        "content/statistics/quy-3-2026.yml:6: linh_vuc[1].tiep_nhan.tong: tổng số 101 không khớp với các phần: "
        "truc_tuyen 60 + truc_tiep 38 + ky_truoc 2 = 100",
    ),
    "negative count": (
        STATS, "truc_tiep: 30", "truc_tiep: -30",
        "content/statistics/quy-3-2026.yml:10: linh_vuc[2].tiep_nhan.truc_tiep: phải lớn hơn hoặc bằng 0",
    ),
    "notice attachment missing": (
        "notices/qd-1.yml", "tep: attachments/qd.pdf", "tep: attachments/qd-2.pdf",
        "content/notices/qd-1.yml:11: dinh_kem[1].tep: không tìm thấy tệp content/attachments/qd-2.pdf",
    ),
    "notice posted until before it starts": (
        "notices/qd-1.yml", "niem_yet_den: 2026-12-31", "niem_yet_den: 2026-06-30",
        "content/notices/qd-1.yml:13: niem_yet_den: ngày hết niêm yết không thể trước ngày bắt đầu niêm yết",
    ),
    "desk opening hours written wrongly": (
        "bo-phan-mot-cua.yml", 'sang: "07:30-11:30"\n    chieu', 'sang: "7h30 - 11h30"\n    chieu',
        "content/bo-phan-mot-cua.yml:12: gio_lam_viec[1].sang: giờ phải viết dạng giờ:phút-giờ:phút, ví dụ \"07:30-11:30\" "
        "(đang là “7h30 - 11h30”)",
    ),
    "desk weekday typo": (
        "bo-phan-mot-cua.yml", "[thứ Bảy]", "[thứ bảy]",
        "content/bo-phan-mot-cua.yml:14: gio_lam_viec[2].ngay[1]: chỉ nhận một trong các giá trị: 'thứ Hai', 'thứ Ba', "
        "'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy' or 'Chủ nhật' (đang là “thứ bảy”)",
    ),
    "plan target linked to missing statistics": (
        "plans/ke-hoach-2026.yml", "thong_ke: quy-3-2026\n  - ten: Tỷ lệ hồ sơ giải quyết", "thong_ke: quy-4-2026\n  - ten: Tỷ lệ hồ sơ giải quyết",
        "content/plans/ke-hoach-2026.yml:23: chi_tieu[1].thong_ke: không có tệp statistics/quy-4-2026.yml",
    ),
}


@pytest.mark.parametrize("name, old, new, expected", RECORD_CASES.values(), ids=RECORD_CASES.keys())
def test_bad_record_is_reported_with_file_line_key(content, name, old, new, expected):
    edit(content, name, old, new)
    assert errors(content) == [expected]


def test_sums_that_do_not_add_up_are_reported_where_they_are_typed(content):
    edit(content, STATS, "dang_giai_quyet: {tong: 5, trong_han: 4, qua_han: 1}\n  - linh_vuc",
         "dang_giai_quyet: {tong: 6, trong_han: 5, qua_han: 1}\n  - linh_vuc")
    edit(content, STATS, "da_giai_quyet: {tong: 145, truoc_han: 130, dung_han: 10, qua_han: 5}",
         "da_giai_quyet: {tong: 145, truoc_han: 129, dung_han: 11, qua_han: 5}")
    assert errors(content) == [
        "content/statistics/quy-3-2026.yml:6: linh_vuc[1].tiep_nhan: số tiếp nhận 100 phải bằng đã giải quyết 95 + "
        "đang giải quyết 6 = 101",
        "content/statistics/quy-3-2026.yml:15: tong_cong.da_giai_quyet.dung_han: tổng cộng 11 khác tổng các lĩnh vực 10",
        "content/statistics/quy-3-2026.yml:15: tong_cong.da_giai_quyet.truoc_han: tổng cộng 129 khác tổng các lĩnh vực 130",
        "content/statistics/quy-3-2026.yml:16: tong_cong.dang_giai_quyet.trong_han: tổng cộng 4 khác tổng các lĩnh vực 5",
    ]


def test_a_broken_procedure_does_not_make_references_to_it_errors(content):
    edit(content, PROC, "ten_thu_tuc:", "ten_thu_tuk:")
    assert errors(content) == [CASES["typo in a key"][3]]  # not also the late list that names 1.001193


def test_receipt_codes_and_dates_are_not_mistaken_for_personal_data(content):
    portal = load_portal(content)
    assert portal.late_lists["2026-10"].ho_so[0].ma_ho_so == "000.27.10.H55-261002-0007"


# Each input below once gave a traceback, a hang or a published mistake (issue 9); now each gets
# one located Vietnamese error, quickly.
ANCHOR = "co_quan_thuc_hien: Ủy ban nhân dân cấp xã"  # line 26 of the fixture; the cases add lines after it
HOSTILE_CASES = {
    "alias bomb, nested nine deep": (
        PROC, ANCHOR, ANCHOR + "\nbom:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)),
        "content/procedures/1.001193.yml:33: tệp có quá 200.000 giá trị khi mở rộng các tham chiếu “*”; hãy ghi giá "
        "trị trực tiếp thay vì dùng & và *",
    ),
    "alias inside itself": (
        PROC, ANCHOR, ANCHOR + "\nbom: &v [*v]",
        "content/procedures/1.001193.yml:27: tham chiếu “*v” nằm trong chính giá trị nó trỏ tới (vòng lặp không có "
        "điểm dừng)",
    ),
    "nesting 5,000 deep": (
        PROC, ANCHOR, ANCHOR + "\nbom: " + "[" * 5000 + "]" * 5000,
        "content/procedures/1.001193.yml:27: lồng nhau quá 32 tầng; hãy kiểm tra thụt lề và dấu ngoặc [ {",
    ),
    "30 February": (
        PROC, "hieu_luc_tu: 2025-07-01", "hieu_luc_tu: 2024-02-30",
        "content/procedures/1.001193.yml:5: hieu_luc_tu: ngày không có thật: tháng 2 năm 2024 không có ngày 30 "
        "(đang là “2024-02-30”)",
    ),
    "month 13": (
        PROC, "hieu_luc_tu: 2025-07-01", "hieu_luc_tu: 2024-13-01",
        "content/procedures/1.001193.yml:5: hieu_luc_tu: ngày không có thật: không có tháng 13 (đang là “2024-13-01”)",
    ),
    "year 0": (
        LATE, 'thang: "2026-10"', 'thang: "0000-01"',
        "content/late-dossiers/2026-10.yml:1: thang: tháng phải viết dạng NĂM-THÁNG trong dấu nháy kép, năm từ 2000 đến "
        "2100, ví dụ \"2025-10\" (đang là “0000-01”)",
    ),
    "value with a tag it cannot have": (
        PROC, ANCHOR, ANCHOR + "\nbom: !!int abc",
        "content/procedures/1.001193.yml:27: giá trị “abc” không đọc được theo thẻ “tag:yaml.org,2002:int”; hãy bỏ "
        "thẻ hoặc sửa giá trị",
    ),
    "number as a key": (
        PROC, ANCHOR, ANCHOR + "\n2025: năm",
        "content/procedures/1.001193.yml:27: tên khóa phải là chữ, ví dụ ten_thu_tuc (đang là “2025”); nếu là giá "
        "trị, hãy đặt sau dấu hai chấm",
    ),
    "zero-width space in a name": (
        PROC, "ten_thu_tuc: Thủ tục đăng ký khai sinh", "ten_thu_tuc: Thủ tục đăng\u200bký khai sinh",
        "content/procedures/1.001193.yml:2: ten_thu_tuc: có ký tự vô hình U+200B (ZERO WIDTH SPACE) ở ký tự thứ 13; hãy "
        "xóa ký tự này (thường lẫn vào khi chép từ trang web hoặc Word)",
    ),
    "bidi override in a field's name": (
        "linh-vuc.yml", "ten: Hộ tịch", "ten: Hộ \u202etịch",
        "content/linh-vuc.yml:3: linh_vuc[1].ten: có ký tự vô hình U+202E (RIGHT-TO-LEFT OVERRIDE) ở ký tự thứ 4; hãy "
        "xóa ký tự này (thường lẫn vào khi chép từ trang web hoặc Word)",
    ),
    "plan target of 250 %": (
        "plans/ke-hoach-2026.yml", "muc_tieu: 90", "muc_tieu: 250",
        "content/plans/ke-hoach-2026.yml:31: chi_tieu[3].muc_tieu: tỷ lệ phần trăm phải từ 0 đến 100 (đang là 250)",
    ),
    "plan actual value nan": (
        "plans/ke-hoach-2026.yml", "thuc_te: 0", "thuc_te: .nan",
        "content/plans/ke-hoach-2026.yml:36: chi_tieu[4].thuc_te: phải là một số thật (không phải nan hay inf)",
    ),
    "ID number inside a dossier number": (
        LATE, "ma_ho_so: 000.27.10.H55-261002-0007", "ma_ho_so: 000.27.10.H55-001203001234",
        "content/late-dossiers/2026-10.yml:4: ho_so[1].ma_ho_so: mã hồ sơ phải viết như trên phiếu tiếp nhận: mã cơ quan "
        "(nếu có), ngày tiếp nhận NĂMTHÁNGNGÀY (6 chữ số) và số thứ tự, nối bằng dấu gạch ngang, ví dụ "
        "000.27.10.H55-261002-0007 hoặc 251003-0001 (đang là “000.27.10.H55-001203001234”)",
    ),
}


@pytest.mark.parametrize("name, old, new, expected", HOSTILE_CASES.values(), ids=HOSTILE_CASES.keys())
def test_hostile_input_is_a_located_error_not_a_crash(content, name, old, new, expected):
    edit(content, name, old, new)
    started = time.perf_counter()
    found = errors(content)
    assert time.perf_counter() - started < 5  # a hang is a failure too, not only a traceback
    assert expected in found, found


def test_unquoted_id_number_is_caught_even_when_yaml_reads_it_as_a_number(content):
    edit(content, LATE, "ly_do: Phải xác minh thông tin.", "ly_do: 001203001234")
    assert any("ly_do: " in error and "căn cước" in error for error in errors(content))


def test_symlinked_form_is_refused_before_anything_is_read(content):
    form = content / "forms" / "to-khai.pdf"
    form.unlink()
    form.symlink_to("/etc/passwd")
    assert errors(content) == ["content/forms/to-khai.pdf:1: là liên kết (symlink), không phải tệp thật; hãy chép chính "
                               "tệp vào content/ (nội dung chỉ được lấy từ trong thư mục content/)"]


def test_named_pipe_in_content_is_refused_not_read(content):
    os.mkfifo(content / "procedures" / "treo.yml")
    assert errors(content) == ["content/procedures/treo.yml:1: không phải tệp thông thường; hãy xóa khỏi content/"]


def test_late_list_for_a_month_not_yet_over_is_not_published(content):
    late = (content / LATE).read_text(encoding="utf-8").replace('"2026-10"', '"2027-03"').replace("2026-11-04", "2027-04-02")
    (content / "late-dossiers" / "2027-03.yml").write_text(late, encoding="utf-8")
    assert errors(content) == ["content/late-dossiers/2027-03.yml:1: thang: tháng 3/2027 chưa kết thúc (hôm nay là "
                               "22/11/2026); chỉ công bố danh sách trễ hạn sau khi hết tháng"]
    assert load_portal(content, date(2027, 4, 2)).late_lists["2027-03"]


def test_late_list_published_on_a_day_still_to_come(content):
    edit(content, LATE, "ngay_cong_bo: 2026-11-04", "ngay_cong_bo: 2026-12-01")
    assert errors(content) == ["content/late-dossiers/2026-10.yml:2: ngay_cong_bo: ngày công bố 01/12/2026 chưa đến "
                               "(hôm nay là 22/11/2026)"]


def test_upper_case_and_yaml_suffixes_are_read(content):
    (content / PROC).rename(content / "procedures" / "1.001193.YML")
    (content / "procedures" / "2.000815.yml").rename(content / "procedures" / "2.000815.yaml")
    assert {proc.ma_thu_tuc for proc in load_portal(content, TODAY).procedures} == {"1.001193", "2.000815"}


def test_a_record_saved_with_another_suffix_is_not_left_out_silently(content):
    (content / PROC).rename(content / "procedures" / "1.001193.yml.txt")
    (content / "procedures" / ".1.001193.yml.swp").write_text("x", encoding="utf-8")  # editors' files are skipped
    (content / "procedures" / "2.000815.yml~").write_text("x", encoding="utf-8")
    found = errors(content)
    assert found[-1] == ("content/procedures/1.001193.yml.txt:1: tệp không có đuôi .yml nên không được đọc; hãy đổi "
                         "tên thành 1.001193.yml hoặc chuyển tệp ra khỏi thư mục procedures/")
    assert len(found) == 2  # and the late list that names 1.001193 now points at nothing


def test_same_record_saved_twice_with_two_suffixes(content):
    shutil.copy(content / "notices" / "qd-1.yml", content / "notices" / "qd-1.yaml")
    assert errors(content) == ["content/notices/qd-1.yml:1: trùng tên với tệp qd-1.yaml; mỗi bản ghi chỉ được có một tệp"]


def test_text_longer_than_any_record_needs(content):
    edit(content, PROC, "ten_thu_tuc: Thủ tục đăng ký khai sinh", "ten_thu_tuc: " + "khai sinh " * 2001)
    assert errors(content) == ["content/procedures/1.001193.yml:2: ten_thu_tuc: dài quá 20000 ký tự; hãy rút gọn, "
                               "hoặc đưa toàn văn vào tệp đính kèm"]


def test_file_too_large_is_not_parsed(content):
    (content / "notices" / "lon.yml").write_text("noi_dung: " + "x" * 2_000_001, encoding="utf-8")
    assert errors(content) == ["content/notices/lon.yml:1: tệp quá lớn (2.0 MB, tối đa 2 MB); một bản ghi không thể dài "
                               "như vậy"]


def test_control_character_is_located(content):
    edit(content, PROC, "cap_thuc_hien: Cấp Xã", "cap_thuc_hien: Cấp\x07Xã")
    assert errors(content) == ["content/procedures/1.001193.yml:3: tệp có ký tự điều khiển không in được (mã 0x0007); "
                               "hãy xóa ký tự này"]


def test_every_control_format_and_private_use_character_counts_as_invisible():
    """The class in yamlfile.py against this Python's Unicode table, so a new Unicode version cannot
    slip a new kind of hidden character past it."""
    from generator.text import INVISIBLE as _INVISIBLE

    hidden = {"Cc", "Cf", "Zl", "Zp", "Co"}
    missed = [f"U+{code:04X}" for code in range(0x110000)
              if unicodedata.category(chr(code)) in hidden and chr(code) not in "\t\n" and not _INVISIBLE.match(chr(code))]
    assert not missed
    assert not _INVISIBLE.search("Thủ tục đăng ký khai sinh – 100% “trực tuyến”\tx\ny ✓ €")
