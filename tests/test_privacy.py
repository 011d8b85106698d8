"""The personal-data guard on late-dossier lists: what officers really write, and what must never be published."""

import copy
import shutil
import time
import unicodedata
from pathlib import Path

import pytest

from generator.content import load_portal
from generator.errors import ContentErrors
from generator.privacy import RECEIPT_NUMBER, personal_data_problems

VALID = Path(__file__).parent / "fixtures" / "valid"
LATE = "late-dossiers/2026-10.yml"
LAW = "không được công bố dữ liệu cá nhân của người dân trong danh sách này (Nghị định 13/2023/NĐ-CP)"


def id_number(quoted):
    return f"có số giống số chứng minh nhân dân hoặc căn cước (9 hoặc 12 chữ số) (“{quoted}”): {LAW}"


def phone(quoted):
    return f"có số giống số điện thoại (“{quoted}”): {LAW}"


def email(quoted):
    return f"có địa chỉ thư điện tử (“{quoted}”): {LAW}"


def name(quoted, initials):
    return (f"có họ tên đầy đủ (“{quoted}”): hãy chỉ ghi chữ cái đầu ({initials}) hoặc vai trò, ví dụ “người nộp” "
            f"(họ tên cán bộ chịu trách nhiệm ghi ở can_bo); {LAW}")


# (text as an officer writes it, the findings in text order)
FOUND = [
    # ID-card numbers
    ("Công dân CCCD 001203001234. Phải bổ sung giấy tờ.", [id_number("001203001234")]),
    ("Chờ xác minh căn cước 001203004567 của người nộp.", [id_number("001203004567")]),
    ("CMND 125478963 hết hạn.", [id_number("125478963")]),
    ("001203001234 là số CCCD người nộp ghi sai.", [id_number("001203001234")]),
    ("Số CCCD: 001-203-001-234, cấp ngày 10/5/2021.", [id_number("001-203-001-234")]),
    ("CCCD 0012 0300 1234 bị mờ số.", [id_number("0012 0300 1234")]),
    ("CCCD số 001.203.001.234 không khớp dữ liệu dân cư.", [id_number("001.203.001.234")]),
    ("Căn cước (001203001234) đã hết hạn.", [id_number("001203001234")]),
    ("CCCD001203001234 sai ngày sinh.", [id_number("001203001234")]),
    ("Đối chiếu với CMND cũ số 125 478 963.", [id_number("125 478 963")]),
    ("Người nộp khai CMND:125478963!", [id_number("125478963")]),
    # an ID inside a dossier number
    ("000.27.10.H55-001203001234", [id_number("001203001234")]),
    ("Mã hồ sơ 000.00.28.H12-251003-125478963 bị nhập nhầm.", [id_number("125478963")]),
    ("251003-001203001234", [id_number("001203001234")]),
    ("000.27.10.H55-0012.0300.1234", [id_number("0012.0300.1234")]),
    # phone numbers
    ("Đã gọi người nộp số 0912 345 678 nhưng không liên lạc được.", [phone("0912 345 678")]),
    ("Gọi 0912-345-678 không được.", [phone("0912-345-678")]),
    ("SĐT: 0912.345.678.", [phone("0912.345.678")]),
    ("Liên hệ 84912345678 không được.", [phone("84912345678")]),
    ("Người nộp để lại số (024) 3822 1234.", [phone("(024) 3822 1234")]),
    ("SĐT 091 234 56 78 không liên lạc được.", [phone("091 234 56 78")]),
    ("Số điện thoại +84 912 345 678 ngoài vùng phủ sóng.", [phone("+84 912 345 678")]),
    ("Gọi +84912345678 không ai nghe máy.", [phone("+84912345678")]),
    ("Đã gọi (+84) 912 345 678 nhiều lần.", [phone("(+84) 912 345 678")]),
    ("Liên hệ số cố định 0225.3822.123 không được.", [phone("0225.3822.123")]),
    ("Gọi máy bàn 0203 3822 000 không ai nghe.", [phone("0203 3822 000")]),
    ("Gọi +84 24 3822 1234 không được.", [phone("+84 24 3822 1234")]),
    ("Người nộp (0987654321) xin lùi ngày nhận.", [phone("0987654321")]),
    ("Liên hệ: 0912345678", [phone("0912345678")]),
    ("ĐT:0912345678, người nộp đi vắng.", [phone("0912345678")]),
    ("Người nộp 0912345678 đồng ý lùi ngày hẹn.", [phone("0912345678")]),
    ("Gọi 0912 - 345 - 678 không được.", [phone("0912 - 345 - 678")]),
    ("Gọi 0912 345 678 và 0987.654.321 đều không được.", [phone("0912 345 678"), phone("0987.654.321")]),
    ("Đã gọi 0912345678 hai lần, 0912345678 vẫn tắt máy.", [phone("0912345678")]),  # distinct findings only
    # ID and phone together
    ("CCCD 001203001234 0912345678", [id_number("001203001234"), phone("0912345678")]),
    ("Công dân có CCCD 001203001234, SĐT 0912345678, chưa bổ sung.", [id_number("001203001234"), phone("0912345678")]),
    # email addresses
    ("Gửi thư tới nguoinop@gmail.com nhưng không có phản hồi.", [email("nguoinop@gmail.com")]),
    ("Email: nguyen.thi.hoa0912345678@gmail.com.", [email("nguyen.thi.hoa0912345678@gmail.com")]),
    ("Địa chỉ thư (hoa.nt@yahoo.com.vn) không đúng.", [email("hoa.nt@yahoo.com.vn")]),
    # full names
    ("Bà Nguyễn Thị Hoa chưa bổ sung giấy tờ.", [name("Nguyễn Thị Hoa", "N.T.H.")]),
    ("Ông Trần Văn Nam đi làm ăn xa, chưa về ký.", [name("Trần Văn Nam", "T.V.N.")]),
    ("Nguyễn Văn An chưa nộp lệ phí.", [name("Nguyễn Văn An", "N.V.A.")]),
    ("Hồ sơ của anh Lê Minh Tuấn cần xác minh thêm.", [name("Lê Minh Tuấn", "L.M.T.")]),
    ("Chờ ý kiến của Phạm Thị Thu Hà (con người nộp).", [name("Phạm Thị Thu Hà", "P.T.T.H.")]),
    ("Người nộp là bà Hoàng Lan, chưa ký tờ khai.", [name("Hoàng Lan", "H.L.")]),
    ("Người nộp NGUYỄN VĂN AN chưa ký.", [name("NGUYỄN VĂN AN", "N.V.A.")]),
    ("Ủy quyền cho Đặng Quốc Bảo, Vũ Thị Ngọc Ánh nộp thay.",
     [name("Đặng Quốc Bảo", "Đ.Q.B."), name("Vũ Thị Ngọc Ánh", "V.T.N.Á.")]),
    ("Cháu Đỗ Minh Khôi chưa có giấy chứng sinh.", [name("Đỗ Minh Khôi", "Đ.M.K.")]),
    ("Yêu cầu Dương Thị Mỹ Linh ở thôn Đông nộp bản sao.", [name("Dương Thị Mỹ Linh", "D.T.M.L.")]),
    ("Công chức Lê Thị Hồng đi tập huấn.", [name("Lê Thị Hồng", "L.T.H.")]),  # officers belong in can_bo
    (unicodedata.normalize("NFD", "Bà Nguyễn Thị Hoa vắng mặt."), [name("Nguyễn Thị Hoa", "N.T.H.")]),
    # everything at once, in text order
    ("Bà Nguyễn Thị Hoa, CCCD 001203001234, SĐT 0912 345 678, thư hoa@gmail.com.",
     [name("Nguyễn Thị Hoa", "N.T.H."), id_number("001203001234"), phone("0912 345 678"), email("hoa@gmail.com")]),
    ("Trả lời cho Huỳnh Văn Bé qua số 0912345678.", [name("Huỳnh Văn Bé", "H.V.B."), phone("0912345678")]),
]

NOT_FOUND = [
    "Phải xác minh tình trạng hôn nhân tại nơi thường trú trước đây; công văn xác minh được trả lời chậm.",
    "Hồ sơ cần họp Hội đồng xét duyệt trợ cấp xã hội; cuộc họp dời lịch.",
    "251003-0001",
    "000.00.28.H12-251003-0001",
    "000.27.10.H55-261002-0007",
    "Gộp hồ sơ 000.00.28.H12-251003-0001 và 000.00.28.H12-251003-0002 theo đề nghị của người nộp.",
    "Thư xin lỗi số 15/PXL-TTPVHCC ngày 07/10/2026.",
    "Thủ tục 1.001193 và 2.000884.000.00.00.H55 phải xin ý kiến Sở Tư pháp.",
    "Hẹn trả ngày 2026-10-07, nay lùi đến 09/10/2026.",
    "Hạn trả là ngày 7 tháng 10 năm 2026 nhưng đến ngày 9 tháng 10 năm 2026 mới trả.",
    "Thực hiện theo Nghị định 118/2025/NĐ-CP và Thông tư 03/2025/TT-VPCP.",
    "Chờ Công văn số 125/CAX ngày 05/10/2026 của Công an xã; Quyết định số 1234/QĐ-UBND ngày 20/9/2026.",
    "Lệ phí 50.000 đồng, phí thẩm định 1.500.000đ, tiền sử dụng đất 150000000 đồng đã nộp.",
    "Trễ 3 ngày; thời hạn giải quyết 05 ngày làm việc.",
    "Hệ thống gặp sự cố từ 08:00 ngày 03/10/2026 đến 17:00 ngày 04/10/2026.",
    "Tháng 10/2026 tiếp nhận 245 hồ sơ, 243 hồ sơ đúng hạn, trễ hạn 2 hồ sơ (0,82%).",
    "Người nộp (N.T.H.) chưa bổ sung bản sao Giấy khai sinh.",
    "Người nộp đang ở Thành phố Hồ Chí Minh, chưa về ký; đã gửi qua bưu điện TP. Hồ Chí Minh.",
    "Xác minh tại số 12 đường Lê Lợi, phường Trần Hưng Đạo, tỉnh Hưng Yên.",
    "Ủy ban nhân dân huyện Trần Văn Thời và xã Hoàng Văn Thụ đã trả lời.",
    "Trường THCS Nguyễn Văn Trỗi cấp giấy xác nhận học sinh chậm.",
    "Chờ cấp Phiếu Lý lịch tư pháp từ Sở Tư pháp tỉnh Hà Giang.",
    "Thửa đất số 125, tờ bản đồ số 12, diện tích 1.250,5 m².",
    "Cổng Dịch vụ công quốc gia bảo trì; hồ sơ nộp lại qua Hà Nội VNPT.",
    "Đồng chí Chủ tịch UBND xã đi công tác, ủy quyền Phó Chủ tịch ký.",
]


@pytest.mark.parametrize("text, expected", FOUND, ids=[text[:40] for text, _ in FOUND])
def test_personal_data_is_found_wherever_it_stands(text, expected):
    assert personal_data_problems({"ly_do": text}) == [(("ly_do",), message) for message in expected]


@pytest.mark.parametrize("text", NOT_FOUND, ids=[text[:40] for text in NOT_FOUND])
def test_what_communes_really_write_passes(text):
    assert personal_data_problems({"ly_do": text}) == []


def test_names_pass_only_where_the_law_requires_them():
    dossier = {"co_quan": "Phòng Tư pháp (ông Trần Văn Nam)", "can_bo": "Lê Thị Hồng",
               "ly_do": "Lê Thị Hồng nghỉ ốm.", "thu_xin_loi": {"so": "Lê Thị Hồng"}}
    found = personal_data_problems({"ho_so": [dossier]})
    assert found == [(("ho_so", 0, "ly_do"), name("Lê Thị Hồng", "L.T.H.")),
                     (("ho_so", 0, "thu_xin_loi", "so"), name("Lê Thị Hồng", "L.T.H."))]


def test_numbers_typed_without_quotes_are_checked():
    assert personal_data_problems({"ma_ho_so": 125478963}) == [(("ma_ho_so",), id_number("125478963"))]


def test_receipt_number_shape():
    for good in ("251003-0001", "000.00.28.H12-251003-0001", "000.27.10.H55-261002-0007", "H55-261231-00012"):
        assert RECEIPT_NUMBER.fullmatch(good), good
    for bad in ("000.27.10.H55-001203001234", "001203001234-261002-0007", "251303-0001", "2510030001", "251003-01"):
        assert not RECEIPT_NUMBER.fullmatch(bad), bad


def test_a_list_of_200_dossiers_is_checked_without_runaway_backtracking():
    dossier = {"ma_ho_so": "000.27.10.H55-261002-0007", "ma_thu_tuc": "1.004873", "nguoi_nop": "N.T.H.",
               "co_quan": "Trung tâm Phục vụ hành chính công xã (công chức Tư pháp – hộ tịch)", "can_bo": "Lê Thị Hồng",
               "ly_do": NOT_FOUND[0] + " " + NOT_FOUND[11], "thu_xin_loi": {"so": "15/PXL-TTPVHCC"}}
    late_list = {"thang": "2026-10", "ho_so": [copy.deepcopy(dossier) for _ in range(200)], "ghi_chu": NOT_FOUND[15]}
    assert personal_data_problems(late_list) == []  # the first call also compiles the patterns
    started = time.perf_counter()
    assert personal_data_problems(late_list) == []
    # About 10 ms; not a speed test (a busy CI machine once took 0.28 s), but a pattern that backtracks
    # without end on such text takes minutes, and would hang an officer's build.
    assert time.perf_counter() - started < 5


# Through the loader, as an officer sees it.

@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "content")
    return tmp_path / "content"


def edit(content: Path, old: str, new: str) -> None:
    path = content / LATE
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_portal(content)
    return [str(error) for error in caught.value.errors]


def test_an_id_at_the_end_of_a_sentence_is_reported_with_file_line_key(content):
    edit(content, "ly_do: Phải xác minh thông tin.", "ly_do: Công dân CCCD 001203001234. Phải bổ sung giấy tờ.")
    assert errors(content) == [f"content/{LATE}:11: ho_so[1].ly_do: {id_number('001203001234')}"]


def test_an_id_inside_a_dossier_number_is_reported(content):
    edit(content, "ma_ho_so: 000.27.10.H55-261002-0007", "ma_ho_so: 000.27.10.H55-001203001234")
    # `in`: the model may also reject the shape of the number
    assert f"content/{LATE}:4: ho_so[1].ma_ho_so: {id_number('001203001234')}" in errors(content)


def test_the_officer_named_in_can_bo_passes_but_not_in_the_reason(content):
    assert load_portal(content).late_lists["2026-10"].ho_so[0].can_bo == "Lê Thị Hồng"
    edit(content, "ly_do: Phải xác minh thông tin.", "ly_do: Bà Lê Thị Hồng nghỉ ốm nên chưa xử lý.")
    assert errors(content) == [f"content/{LATE}:11: ho_so[1].ly_do: {name('Lê Thị Hồng', 'L.T.H.')}"]


def test_every_finding_in_a_value_is_reported(content):
    edit(content, "ly_do: Phải xác minh thông tin.",
         "ly_do: Bà Nguyễn Thị Hoa (CCCD 001203001234, SĐT 0912 345 678) chưa bổ sung giấy tờ.")
    assert errors(content) == [f"content/{LATE}:11: ho_so[1].ly_do: {message}" for message in
                               (name("Nguyễn Thị Hoa", "N.T.H."), id_number("001203001234"), phone("0912 345 678"))]
