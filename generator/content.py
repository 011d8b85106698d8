"""Load and check everything under content/ into one Portal, or raise ContentErrors listing every problem."""

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import ContentError, ContentErrors
from .models import Field, FieldList, Procedure, Unit
from .text import fold
from .validation import validate
from .yamlfile import YamlFile, read_yaml

UNIT_FILE = "don-vi.yml"
FIELDS_FILE = "linh-vuc.yml"
PROCEDURES_DIR = "procedures"
FORMS_DIR = "forms"


@dataclass
class Portal:
    """All validated content, independent of any site generator."""

    content_dir: Path
    unit: Unit
    fields: list[Field]
    procedures: list[Procedure]  # in field order, then by name
    form_files: dict[str, Path] = field(default_factory=dict)  # "forms/x.pdf" -> file on disk

    def procedures_in(self, field_code: str) -> list[Procedure]:
        return [proc for proc in self.procedures if proc.linh_vuc == field_code]

    def field(self, field_code: str) -> Field:
        return next(item for item in self.fields if item.ma == field_code)

    def procedure(self, code: str) -> Procedure | None:
        return next((proc for proc in self.procedures if proc.ma_thu_tuc == code), None)


def load_portal(content_dir: Path) -> Portal:
    content_dir = Path(content_dir)
    shown_root = content_dir.parent
    errors: list[ContentError] = []

    def load(path: Path, model):
        """Read and validate one file; (record or None, source or None)."""
        if not path.is_file():
            errors.append(ContentError(path.relative_to(shown_root), 1, "", "thiếu tệp bắt buộc này"))
            return None, None
        source = read_yaml(path, path.relative_to(shown_root))
        errors.extend(source.errors)
        if source.errors:
            return None, source
        record, problems = validate(model, source)
        errors.extend(problems)
        if record is not None:
            errors.extend(source.error(key_path, message) for key_path, message in record.problems())
        return record, source

    unit, _ = load(content_dir / UNIT_FILE, Unit)
    field_list, fields_source = load(content_dir / FIELDS_FILE, FieldList)
    fields = field_list.linh_vuc if field_list else []
    if field_list:
        _check_unique(fields, "ma", ("linh_vuc",), fields_source, errors, "mã lĩnh vực")

    loaded = [load(path, Procedure) for path in sorted((content_dir / PROCEDURES_DIR).glob("*.y*ml"))]
    loaded = [(proc, source) for proc, source in loaded if proc is not None]
    form_files = {}
    seen_codes: dict[str, YamlFile] = {}
    field_codes = {item.ma for item in fields}
    for proc, source in loaded:
        first = seen_codes.setdefault(proc.ma_thu_tuc, source)
        if first is not source:
            errors.append(source.error(("ma_thu_tuc",),
                f"mã thủ tục “{proc.ma_thu_tuc}” đã dùng ở {first.path.as_posix()}:{first.line_of(('ma_thu_tuc',))}"))
        if field_list and proc.linh_vuc not in field_codes:
            errors.append(source.error(("linh_vuc",),
                f"lĩnh vực “{proc.linh_vuc}” chưa có trong {FIELDS_FILE}; các mã đang có: {', '.join(sorted(field_codes))}"))
        form_files.update(_check_forms(proc, source, content_dir, errors))
    known_codes = set(seen_codes)
    for proc, source in loaded:
        replacement = proc.bai_bo.thay_the_boi if proc.bai_bo else None
        if replacement and replacement not in known_codes:
            errors.append(source.error(("bai_bo", "thay_the_boi"),
                f"không có thủ tục nào mang mã “{replacement}” trong {PROCEDURES_DIR}/"))

    if errors:
        raise ContentErrors(errors)
    order = {item.ma: index for index, item in enumerate(fields)}
    procedures = sorted((proc for proc, _ in loaded), key=lambda p: (order[p.linh_vuc], _sort_name(p.ten_thu_tuc)))
    return Portal(content_dir, unit, fields, procedures, form_files)


def _sort_name(name: str) -> str:
    """Alphabetical as a reader expects: without diacritics, ignoring the leading word "Thủ tục"."""
    return fold(name).removeprefix("thu tuc ")


def _check_unique(items, attr, list_path, source, errors, label):
    seen = {}
    for index, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            errors.append(source.error(list_path + (index, attr), f"{label} “{value}” bị trùng với mục thứ {seen[value] + 1}"))
        seen.setdefault(value, index)


def _check_forms(proc: Procedure, source: YamlFile, content_dir: Path, errors: list) -> dict[str, Path]:
    found = {}
    for group_index, group in enumerate(proc.thanh_phan_ho_so):
        for doc_index, doc in enumerate(group.giay_to):
            if not doc.mau_don:
                continue
            key_path = ("thanh_phan_ho_so", group_index, "giay_to", doc_index, "mau_don")
            relative = PurePosixPath(doc.mau_don)
            path = content_dir / relative
            if relative.is_absolute() or ".." in relative.parts or relative.parts[0] != FORMS_DIR:
                errors.append(source.error(key_path, f"mẫu đơn phải nằm trong thư mục content/{FORMS_DIR}/, ví dụ {FORMS_DIR}/to-khai.pdf"))
            elif not path.is_file():
                errors.append(source.error(key_path, f"không tìm thấy tệp content/{doc.mau_don}"))
            else:
                found[doc.mau_don] = path
    return found
