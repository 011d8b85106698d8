"""Statistics of dossier handling for one period (kết quả giải quyết hồ sơ): content/statistics/<slug>.yml.

Rows follow the report table of the seeds: per field, dossiers received (online; in person or by
post; carried over), resolved (early, on time, late) and pending (on time, overdue). Totals typed
by the officer are checked against their parts.
"""

from pydantic import Field

from .common import Day, Record, Text

def _sum_problem(given: int | None, parts: dict[str, int]) -> str | None:
    total = sum(parts.values())
    if given is None or given == total:
        return None
    shown = " + ".join(f"{key} {value}" for key, value in parts.items())
    return f"tổng số {given} không khớp với các phần: {shown} = {total}"


class _Group(Record):
    """A column group with an optional typed total `tong` that must equal the sum of its parts."""

    def parts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in type(self).model_fields if key != "tong"}

    @property
    def total(self) -> int:
        return sum(self.parts().values())

    def problems(self):
        message = _sum_problem(self.tong, self.parts())
        return [(("tong",), message)] if message else []


class Received(_Group):
    tong: int | None = Field(None, ge=0, strict=True, description="Tổng số hồ sơ tiếp nhận (để kiểm tra)")
    truc_tuyen: int = Field(ge=0, strict=True, description="Tiếp nhận trong kỳ: trực tuyến")
    truc_tiep: int = Field(ge=0, strict=True, description="Tiếp nhận trong kỳ: trực tiếp, dịch vụ bưu chính")
    ky_truoc: int = Field(ge=0, strict=True, description="Từ kỳ trước chuyển sang")


class Resolved(_Group):
    tong: int | None = Field(None, ge=0, strict=True, description="Tổng số hồ sơ đã giải quyết (để kiểm tra)")
    truoc_han: int = Field(ge=0, strict=True, description="Giải quyết trước hạn")
    dung_han: int = Field(ge=0, strict=True, description="Giải quyết đúng hạn")
    qua_han: int = Field(ge=0, strict=True, description="Giải quyết quá hạn")


class Pending(_Group):
    tong: int | None = Field(None, ge=0, strict=True, description="Tổng số hồ sơ đang giải quyết (để kiểm tra)")
    trong_han: int = Field(ge=0, strict=True, description="Đang giải quyết, còn trong hạn")
    qua_han: int = Field(ge=0, strict=True, description="Đang giải quyết, đã quá hạn")


class Counts(Record):
    tiep_nhan: Received = Field(description="Số hồ sơ tiếp nhận")
    da_giai_quyet: Resolved = Field(description="Số hồ sơ đã giải quyết")
    dang_giai_quyet: Pending = Field(description="Số hồ sơ đang giải quyết")

    def problems(self):
        received, done, pending = self.tiep_nhan.total, self.da_giai_quyet.total, self.dang_giai_quyet.total
        if received != done + pending:
            return [(("tiep_nhan",), f"số tiếp nhận {received} phải bằng đã giải quyết {done} + đang giải quyết {pending} = "
                                     f"{done + pending}")]
        return []


class FieldCounts(Counts):
    linh_vuc: Text = Field(description="Lĩnh vực, ghi như trong báo cáo")


class Statistics(Record):
    ky: Text = Field(description="Tên kỳ báo cáo, ví dụ “6 tháng đầu năm 2024”")
    tu_ngay: Day = Field(description="Từ ngày")
    den_ngay: Day = Field(description="Đến ngày")
    nguon: Text | None = Field(None, description="Nguồn số liệu, ví dụ số báo cáo")
    linh_vuc: list[FieldCounts] = Field(min_length=1, description="Số liệu theo từng lĩnh vực")
    tong_cong: Counts | None = Field(None, description="Dòng tổng cộng như trong báo cáo (để kiểm tra)")

    def problems(self):
        found = []
        if self.den_ngay < self.tu_ngay:
            found.append((("den_ngay",), "ngày kết thúc kỳ không thể trước ngày bắt đầu"))
        if self.tong_cong:
            sums = self.column_sums
            for group in ("tiep_nhan", "da_giai_quyet", "dang_giai_quyet"):
                for key, value in getattr(self.tong_cong, group).parts().items():
                    if value != sums[group][key]:
                        found.append((("tong_cong", group, key),
                                      f"tổng cộng {value} khác tổng các lĩnh vực {sums[group][key]}"))
        return found

    @property
    def column_sums(self) -> dict[str, dict[str, int]]:
        return {
            group: {key: sum(getattr(row, group).parts()[key] for row in self.linh_vuc)
                    for key in getattr(self.linh_vuc[0], group).parts()}
            for group in ("tiep_nhan", "da_giai_quyet", "dang_giai_quyet")
        }

    @property
    def online_rate(self) -> float | None:
        """Share of dossiers received online among those received in the period (carried-over excluded)."""
        sums = self.column_sums["tiep_nhan"]
        new = sums["truc_tuyen"] + sums["truc_tiep"]
        return 100 * sums["truc_tuyen"] / new if new else None

    @property
    def on_time_rate(self) -> float | None:
        """Share of resolved dossiers resolved early or on time."""
        sums = self.column_sums["da_giai_quyet"]
        done = sum(sums.values())
        return 100 * (sums["truoc_han"] + sums["dung_han"]) / done if done else None

    def rate(self, measure: str) -> float | None:
        return {"ty_le_truc_tuyen": self.online_rate, "ty_le_dung_han": self.on_time_rate}[measure]
