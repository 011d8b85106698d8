"""`python -m generator nhap`: national procedure details into content/procedures/, all or nothing.

Every input is read and every resulting record validated (as the build would) before any file is
written; one bad input and nothing is written. Re-importing updates the national keys only."""

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..content import FIELDS_FILE, read_fields
from ..errors import ContentError, ContentErrors
from ..models import Procedure
from ..validation import validate
from ..yamlfile import read_yaml
from .fetch import fetch_detail
from .merge import dump_document, load_document, merge
from .payload import Formality, PayloadError, read_payload
from .record import field_name, field_slug, national_record

CODE = re.compile(r"^\d\.\d{6}$")
PORTAL_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass
class Planned:
    path: Path
    shown: Path
    text: str
    new: bool
    changes: list = field(default_factory=list)


def read_inputs(inputs: list[str], base_url: str | None) -> list[tuple[Path, Formality]]:
    """Each input is a JSON file, a folder of them, or (with base_url) a procedure code or portal ID."""
    found, errors = [], []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            files = sorted(item for item in path.iterdir() if item.suffix.lower() == ".json" and item.is_file())
            if not files:
                errors.append(ContentError(path, 1, "", "thư mục không có tệp .json nào"))
        elif path.is_file():
            files = [path]
        elif CODE.match(given) or PORTAL_ID.match(given):
            if not base_url:
                errors.append(ContentError(Path(given), 1, "", "không có tệp này; muốn tải từ cổng thì thêm --tai"))
                continue
            try:
                found.append((Path(given), read_payload(fetch_detail(base_url, given), Path(given))))
            except PayloadError as exc:
                errors += exc.errors
            except OSError as exc:
                errors.append(ContentError(Path(given), 1, "", f"không tải được từ {base_url} ({exc})"))
            continue
        else:
            errors.append(ContentError(path, 1, "", "không có tệp hay thư mục này, cũng không phải mã thủ tục "
                                                    "(dạng 1.001193) hay mã định danh trên cổng"))
            continue
        for file in files:
            try:
                found.append((file, read_payload(file.read_bytes(), file)))
            except PayloadError as exc:
                errors += exc.errors
    if errors:
        raise ContentErrors(errors)
    return found


def plan_import(payloads: list[tuple[Path, Formality]], content_dir: Path, today: date,
                field_code: str | None = None) -> list[Planned]:
    """The new text of every record file, each validated; raise ContentErrors before anything is written."""
    fields, errors = read_fields(content_dir)
    if errors:
        raise ContentErrors(errors)
    codes = {item.ma for item in fields}
    plans: dict[str, Planned] = {}
    for origin, formality in payloads:
        national = national_record(formality)
        code = national["ma_thu_tuc"]
        if code in plans:
            errors.append(ContentError(origin, 1, "code", f"thủ tục {code} có hai lần trong dữ liệu nhập"))
            continue
        path = content_dir / "procedures" / f"{code}.yml"
        shown = Path("content", "procedures", path.name)
        exists = path.is_file()
        document = load_document(path.read_text(encoding="utf-8") if exists else "")
        if not exists:
            slug = field_code or field_slug(formality, fields)
            if slug not in codes:
                errors.append(ContentError(origin, 1, "category", _field_hint(field_name(formality), slug)))
                continue
            document.yaml_set_start_comment(f"{national['ten_thu_tuc']}\nNhập từ {national['nguon']['ten']} "
                                            f"ngày {today.isoformat()}; các khóa riêng của xã ghi thêm bên dưới.")
            document["linh_vuc"] = slug
        changes = merge(document, national, today)
        plans[code] = Planned(path, shown, dump_document(document), not exists, changes)
    for plan in plans.values():
        errors += _check(plan, codes)
    if errors:
        raise ContentErrors(errors)
    return list(plans.values())


def write(plans: list[Planned]) -> None:
    for plan in plans:
        if plan.new or plan.changes:
            plan.path.parent.mkdir(parents=True, exist_ok=True)
            partial = plan.path.with_name(f".{plan.path.name}.tmp")
            partial.write_text(plan.text, encoding="utf-8")
            partial.replace(plan.path)  # a reader sees the old file or the new one, never half of it


def _check(plan: Planned, field_codes: set[str]) -> list[ContentError]:
    """Read the new text back exactly as a build will, and validate it."""
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder, plan.path.name)
        written.write_text(plan.text, encoding="utf-8")
        source = read_yaml(written, plan.shown)
    if source.errors:
        return source.errors
    record, errors = validate(Procedure, source)
    if record and record.linh_vuc not in field_codes:
        errors.append(source.error(("linh_vuc",), f"lĩnh vực “{record.linh_vuc}” không có trong {FIELDS_FILE}"))
    return errors


def _field_hint(national_field: str, slug: str | None) -> str:
    if slug:
        return f"lĩnh vực “{slug}” (ghi sau --linh-vuc) không có trong {FIELDS_FILE}"
    return (f"lĩnh vực “{national_field}” của thủ tục chưa có trong {FIELDS_FILE}; hãy thêm một lĩnh vực có "
            f"ten: {national_field}, hoặc ghi --linh-vuc <mã lĩnh vực> để xếp thủ tục vào lĩnh vực sẵn có")


def describe(plan: Planned) -> str:
    """What an import does to one record, for the officer to read: new file, or each national key that changed."""
    if plan.new:
        return f"{plan.shown}: tệp mới"
    if not plan.changes:
        return f"{plan.shown}: không đổi"
    lines = [f"{plan.shown}: {len(plan.changes)} khóa thay đổi"]
    for key, old, new in plan.changes:
        if new is None:
            lines.append(f"  - {key}: bỏ (dữ liệu quốc gia không còn ghi)")
        elif old is None:
            lines.append(f"  - {key}: thêm")
        elif isinstance(new, str) and len(str(old)) + len(new) < 160:
            lines.append(f"  - {key}: “{old}” → “{new}”")
        else:
            lines.append(f"  - {key}: đổi")
    return "\n".join(lines)
