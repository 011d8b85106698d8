"""The national-database importer and drift report, run on real answers of the national portal's API
(tests/fixtures/national/, answers of its `get-formality-by-citizen` call as stored in public repositories;
1.001193.json in NFC); the online path against a local
server on 127.0.0.1 that replays them."""

import json
import re
import shutil
import subprocess
import sys
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.content import load_portal
from generator.errors import ContentErrors
from generator.national.importer import plan_import, read_inputs, write
from generator.national.payload import PayloadError, read_payload

from conftest import ROOT, build, make_project

NATIONAL = Path(__file__).parent / "fixtures" / "national"
VALID = Path(__file__).parent / "fixtures" / "valid"
TODAY = date(2026, 12, 1)


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "content")
    (tmp_path / "content" / "procedures" / "2.000815.yml").unlink()
    return tmp_path / "content"


def import_files(content: Path, *names: str, field: str | None = None):
    plans = plan_import(read_inputs([str(NATIONAL / name) for name in names], None), content, TODAY, field)
    write(plans)
    return plans


def test_the_real_2000815_payload_becomes_a_record_with_every_national_fact(content):
    import_files(content, "2.000815.json")
    proc = load_portal(content, TODAY).procedure("2.000815")
    assert proc.ten_thu_tuc.startswith("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền")
    decision = proc.quyet_dinh_cong_bo
    assert (decision.so, decision.ngay, decision.co_quan) == ("3152/QĐ-BTP", date(2025, 10, 31), "Bộ Tư pháp")
    assert proc.cap_thuc_hien == "Cấp xã, Cơ quan khác"
    assert proc.loai_thu_tuc == "TTHC không được luật giao cho địa phương quy định"
    assert proc.linh_vuc == "chung-thuc"  # the national field "Chứng thực" is the commune's field of that name
    assert [terms.hinh_thuc for terms in proc.cach_thuc_thuc_hien] == ["trực tiếp"]  # in person only
    assert proc.cach_thuc_thuc_hien[0].phi_le_phi == "2.000 đồng/trang; 10 USD/bản"
    assert proc.muc_do_truc_tuyen is None and proc.link_nop_truc_tuyen is None
    assert "280/2025/NĐ-CP" in [law.so_ky_hieu for law in proc.can_cu_phap_ly]
    assert "\t" not in proc.can_cu_phap_ly[0].trich_yeu  # "Thông tư \t226/2016/TT-BTC" in the payload
    assert proc.doi_tuong_thuc_hien == ["Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)",
                                        "Người Việt Nam định cư ở nước ngoài"]
    assert proc.co_quan_thuc_hien.startswith("Ủy ban nhân dân cấp xã, ")  # the group the one-line summary omits
    assert proc.ket_qua_thuc_hien == ["Bản sao được chứng thực từ bản chính"]
    assert proc.thanh_phan_ho_so[0].giay_to[0].ban_chinh == 1
    assert proc.nguon.ten == "Cơ sở dữ liệu quốc gia về thủ tục hành chính"
    assert proc.nguon.ngay == date(2026, 4, 21)  # the portal's updatedAt, in Vietnam's time zone
    assert proc.nguon.dia_chi == "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-8e22-77ef-819f-e49460350904"
    assert proc.ngay_cap_nhat == TODAY


def test_an_imported_record_builds_and_its_page_names_its_source(tmp_path):
    config = make_project(tmp_path, content=VALID, site_url="https://xa.example.gov.vn/")
    (tmp_path / "content" / "procedures" / "2.000815.yml").unlink()
    result = run("nhap", str(NATIONAL / "2.000815.json"), str(NATIONAL / "1.001193.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "content/procedures/2.000815.yml: tệp mới" in result.stdout
    built = build(config)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "thu-tuc" / "2.000815" / "index.html").read_text(encoding="utf-8")
    assert "Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính, dữ liệu ngày 21 tháng 4 năm 2026" in page
    assert "3152/QĐ-BTP" in page


def test_a_second_import_keeps_the_officers_edits_and_says_what_changed(content):
    import_files(content, "2.000815.json")
    path = content / "procedures" / "2.000815.yml"
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"^ten_thu_tuc: .*$", "ten_thu_tuc: Tên sửa tay", text, count=1, flags=re.M)
    edited = edited.replace("ngay_cap_nhat:", "# Ghi chú của cán bộ: kiểm tra lại hằng năm.\nngay_cap_nhat:", 1)
    edited += ("ten_thuong_goi:\n  - sao y bản chính\ntu_khoa:\n  - công chứng\n"
               "ghi_chu: Nhận hồ sơ cả sáng thứ Bảy.\ndia_chi_tiep_nhan: Bàn số 2, Trung tâm Phục vụ hành chính công xã\n")
    path.write_text(edited, encoding="utf-8")
    forms = yaml_with_form(path)

    plans = plan_import(read_inputs([str(NATIONAL / "2.000815.json")], None), content, date(2027, 1, 5))
    assert [(key, old) for key, old, _ in plans[0].changes] == [("ten_thu_tuc", "Tên sửa tay")]
    write(plans)
    after = path.read_text(encoding="utf-8")
    proc = load_portal(content, date(2027, 1, 5)).procedure("2.000815")
    assert proc.ten_thu_tuc.startswith("Chứng thực bản sao từ bản chính")  # the national key is national again
    assert proc.ten_thuong_goi == ["sao y bản chính"] and proc.tu_khoa == ["công chứng"]
    assert proc.ghi_chu == "Nhận hồ sơ cả sáng thứ Bảy."
    assert proc.dia_chi_tiep_nhan == "Bàn số 2, Trung tâm Phục vụ hành chính công xã"
    assert proc.thanh_phan_ho_so[0].giay_to[0].mau_don == forms  # the form the commune attached
    assert "# Ghi chú của cán bộ: kiểm tra lại hằng năm." in after  # comments survive
    assert proc.ngay_cap_nhat == date(2027, 1, 5)

    again = plan_import(read_inputs([str(NATIONAL / "2.000815.json")], None), content, date(2027, 2, 1))
    assert again[0].changes == []  # nothing new: the file is left as it is


def yaml_with_form(path: Path) -> str:
    """Attach a form (as an officer would) to the first document; return its path."""
    text = path.read_text(encoding="utf-8")
    first = text.index("      - ten: Bản chính giấy tờ")
    line_end = text.index("\n", first)
    path.write_text(text[:line_end] + "\n        mau_don: forms/to-khai.pdf" + text[line_end:], encoding="utf-8")
    return "forms/to-khai.pdf"


def test_a_changed_national_value_is_reported_key_by_key(content, tmp_path):
    import_files(content, "2.000815.json")
    answer = json.loads((NATIONAL / "2.000815.json").read_text(encoding="utf-8"))
    answer["data"]["executionMethods"].append({"submissionMethod": "POSTAL", "processingTime": 3,
                                               "processingTimeUnit": "WORKING_DAY", "description": "", "fees": []})
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    result = run("nhap", str(changed), "--content", str(content), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "content/procedures/2.000815.yml: 1 khóa thay đổi\n  - cach_thuc_thuc_hien: đổi" in result.stdout
    proc = load_portal(content, date.today()).procedure("2.000815")
    assert proc.cach_thuc_thuc_hien[1].hinh_thuc == "bưu chính"
    assert proc.cach_thuc_thuc_hien[1].thoi_han == "3 ngày làm việc"


def broken(text: str) -> dict[str, tuple[str, str]]:
    unknown = json.loads(text)
    unknown["data"]["executionMethods"][0]["submissionMethod"] = "FAX"
    missing = json.loads(text)
    del missing["data"]["name"]
    wrong_type = json.loads(text)
    wrong_type["data"]["executionCases"][0]["profileComponents"][0]["originalQty"] = "một"
    return {
        "html error page": ("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
                            "1: đây là một trang HTML, không phải dữ liệu JSON"),
        "truncated": (text[: len(text) // 2], "dữ liệu bị cắt cụt (tải chưa xong?)"),
        "unknown enum": (json.dumps(unknown, ensure_ascii=False, indent=1),
                         "data.executionMethods[1].submissionMethod: giá trị lạ “FAX”"),
        "missing key": (json.dumps(missing, ensure_ascii=False, indent=1), "data.name: thiếu khóa bắt buộc"),
        "wrong type": (json.dumps(wrong_type, ensure_ascii=False, indent=1),
                       "data.executionCases[1].profileComponents[1].originalQty: sai kiểu dữ liệu"),
        "no data": (json.dumps({"code": "NOT_FOUND", "data": None, "message": "Không tìm thấy"}),
                    "data: cổng trả lời không có dữ liệu thủ tục (Không tìm thấy)"),
        "empty": ("", "tệp trống"),
    }


@pytest.mark.parametrize("case", list(broken((NATIONAL / "2.000815.json").read_text(encoding="utf-8"))))
def test_bad_input_gets_a_located_error_and_nothing_is_written(case, content, tmp_path):
    text, expected = broken((NATIONAL / "2.000815.json").read_text(encoding="utf-8"))[case]
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    result = run("nhap", str(NATIONAL / "1.001193.json"), str(bad), "--content", str(content), cwd=tmp_path)
    assert result.returncode == 1
    assert "chưa ghi tệp nào" in result.stderr and "Traceback" not in result.stderr
    assert f"{bad}:" in result.stderr and expected in result.stderr, result.stderr
    assert {path: path.read_bytes() for path in content.rglob("*") if path.is_file()} == before


def test_unknown_enum_is_located_on_its_line_in_a_pretty_printed_file(tmp_path):
    text, _ = broken((NATIONAL / "2.000815.json").read_text(encoding="utf-8"))["unknown enum"]
    with pytest.raises(PayloadError) as caught:
        read_payload(text.encode(), Path("x.json"))
    [error] = caught.value.errors
    assert text.splitlines()[error.line - 1].strip() == '"submissionMethod": "FAX",'


def test_a_field_the_commune_does_not_have_is_named_with_what_to_do(content):
    answer = json.loads((NATIONAL / "2.000815.json").read_text(encoding="utf-8"))
    answer["data"]["category"]["name"] = "Lĩnh vực chưa có"
    with pytest.raises(ContentErrors) as caught:
        plan_import([(Path("x.json"), read_payload(json.dumps(answer).encode(), Path("x.json")))], content, TODAY)
    assert "lĩnh vực “Lĩnh vực chưa có” của thủ tục chưa có trong content/linh-vuc.yml" in str(caught.value)
    plans = plan_import([(Path("x.json"), read_payload(json.dumps(answer).encode(), Path("x.json")))], content, TODAY,
                        field_code="ho-tich")
    assert "linh_vuc: ho-tich" in plans[0].text


class _Replay(BaseHTTPRequestHandler):
    """The two POST calls of the national portal's public API, answered from the saved payloads."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        answers = {json.loads(path.read_text(encoding="utf-8"))["data"]["id"]: path.read_bytes()
                   for path in NATIONAL.glob("*.json")}
        if self.path == "/api/v1/submitting/formality/list-all-public-formality-by-citizen":
            items = [{"id": key, "code": json.loads(value)["data"]["code"]} for key, value in answers.items()
                     if json.loads(value)["data"]["code"] == body["q"]]
            self._send(200, json.dumps({"code": "OK", "data": {"items": items, "total": len(items)}}).encode())
        elif self.path == "/api/v1/configuring/formality/get-formality-by-citizen" and body["id"] in answers:
            self._send(201, answers[body["id"]])
        else:
            self._send(502, b"<html><body>Bad gateway</body></html>")

    def _send(self, status, payload):
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def portal_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_online_import_by_code_and_by_portal_id(content, tmp_path, portal_api):
    result = run("nhap", "2.000815", "019d2bfd-8e22-77ef-819f-e49460350904", "--tai", portal_api, "--content", str(content),
                 cwd=tmp_path)
    assert result.returncode == 1  # the same procedure twice, by code and by ID: refused, nothing written
    assert "thủ tục 2.000815 có hai lần trong dữ liệu nhập" in result.stderr
    result = run("nhap", "2.000815", "--tai", portal_api, "--content", str(content), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert load_portal(content, TODAY).procedure("2.000815").quyet_dinh_cong_bo.so == "3152/QĐ-BTP"


def test_online_import_of_a_code_the_portal_does_not_have(content, tmp_path, portal_api):
    result = run("nhap", "1.999999", "--tai", portal_api, "--content", str(content), cwd=tmp_path)
    assert result.returncode == 1
    assert "1.999999:1: không tải được từ" in result.stderr and "cổng không có thủ tục mã 1.999999" in result.stderr


def test_a_code_without_the_online_option_is_not_fetched(content, tmp_path):
    result = run("nhap", "2.000815", "--content", str(content), cwd=tmp_path)
    assert result.returncode == 1 and "muốn tải từ cổng thì thêm --tai" in result.stderr


def test_drift_report_lists_what_differs_per_procedure(tmp_path):
    shutil.copytree(VALID, tmp_path / "content")
    result = run("doi-chieu", str(NATIONAL), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert "Đã đối chiếu 2 thủ tục: 2 có điểm khác, 0 khớp" in report
    birth = report.split("## 1.001193")[1].split("\n## ")[0]
    assert "- Cách nộp: xã ghi trực tiếp; dữ liệu quốc gia: trực tiếp, trực tuyến, bưu chính" in birth
    assert "- Mức độ trực tuyến: xã ghi toàn trình; dữ liệu quốc gia: một phần" in birth
    copy = report.split("## 2.000815")[1].split("\n## ")[0]
    assert "- Tên: xã ghi “Chứng thực bản sao từ bản chính”; dữ liệu quốc gia: “Chứng thực bản sao từ bản chính giấy tờ" in copy
    assert "- Quyết định công bố: xã ghi (chưa ghi); dữ liệu quốc gia: 3152/QĐ-BTP" in copy
    assert "- Phí, lệ phí (trực tiếp): xã ghi “Miễn lệ phí đăng ký khai sinh đúng hạn.”; dữ liệu quốc gia: “2.000 đồng/trang; " \
           "10 USD/bản”" in copy
    assert "- Căn cứ pháp lý chưa ghi: 226/2016/TT-BTC, 280/2025/NĐ-CP" in copy
    assert "- Căn cứ pháp lý dữ liệu quốc gia không còn ghi: 60/2014/QH13" in copy
    assert "Thời hạn (trực tiếp)" not in copy  # the national data give no time for it: nothing to compare


def test_drift_report_after_import_finds_nothing(content, tmp_path):
    import_files(content, "2.000815.json", "1.001193.json")
    result = run("doi-chieu", str(NATIONAL), "--content", str(content), "--ra", str(tmp_path / "ra-soat.md"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Đã đối chiếu 2 thủ tục: 0 có điểm khác, 2 khớp" in (tmp_path / "ra-soat.md").read_text(encoding="utf-8")
