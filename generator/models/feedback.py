"""Where citizens send feedback on administrative rules and procedures: content/phan-anh-kien-nghi.yml
(Nghị định 20/2008/NĐ-CP, Thông tư 02/2017/TT-VPCP: posted at the desk and on the commune's website)."""

from pydantic import Field

from .common import Day, Email, Link, Phone, Record, Text, TextList


class FeedbackAgency(Record):
    ten: Text = Field(description="Tên cơ quan tiếp nhận")
    cap: Text = Field(description="Cấp: xã, tỉnh hoặc trung ương")
    dia_chi: Text = Field(description="Địa chỉ")
    dien_thoai: Phone | None = Field(None, description="Số điện thoại chuyên dùng, đặt trong dấu nháy kép")
    email: Email | None = Field(None, description="Thư điện tử")
    website: Link | None = Field(None, description="Trang thông tin điện tử")
    ghi_chu: Text | None = Field(None, description="Ghi chú")


class OnlineSystem(Record):
    ten: Text = Field(description="Tên hệ thống tiếp nhận phản ánh, kiến nghị trực tuyến")
    website: Link = Field(description="Địa chỉ gửi phản ánh, kiến nghị trực tuyến")
    dien_thoai: Phone | None = Field(None, description="Tổng đài hỗ trợ")


class Feedback(Record):
    noi_dung_phan_anh: TextList = Field(description="Những nội dung cá nhân, tổ chức được phản ánh, kiến nghị")
    yeu_cau: TextList = Field(description="Yêu cầu đối với phản ánh, kiến nghị (viết bằng tiếng Việt, ghi rõ …)")
    khong_tiep_nhan: list[Text] = Field([], description="Những gì không tiếp nhận theo kênh này")
    co_quan: list[FeedbackAgency] = Field(min_length=1, description="Các cơ quan tiếp nhận phản ánh, kiến nghị")
    he_thong_truc_tuyen: OnlineSystem = Field(description="Hệ thống tiếp nhận phản ánh, kiến nghị trực tuyến của Chính phủ")
    can_cu: TextList = Field(description="Căn cứ pháp lý của việc niêm yết")
    ngay_cap_nhat: Day = Field(description="Ngày cập nhật thông tin")
