"""JSON Schemas of every record kind, made from the models, for officers' editors: with VS Code's YAML
extension (`.vscode/settings.json` maps each content file to its schema) keys complete as they are
typed, each key's Vietnamese description shows on hover, and a typo, a wrong type or a value outside
a list is underlined before any build. The build's own checks stay the authority; the schemas only
bring the same rules, less precisely, into the editor.

    python -m generator schema     # writes schemas/*.schema.json
"""

import json
import re
from pathlib import Path

from .content import OPTIONAL_RECORD_FILES, RECORD_FILES, RECORD_FOLDERS

SCHEMA_DIR = Path("schemas")
# Record kind -> (schema file name, title shown in the editor).
KINDS = {
    "unit": ("don-vi", "Đơn vị (xã, phường) công bố thủ tục"),
    "desk": ("bo-phan-mot-cua", "Bộ phận Một cửa"),
    "feedback": ("phan-anh-kien-nghi", "Nơi tiếp nhận phản ánh, kiến nghị"),
    "field_list": ("linh-vuc", "Danh sách lĩnh vực"),
    "search_words": ("tim-kiem", "Từ tìm kiếm riêng của xã"),
    "procedures": ("thu-tuc", "Thủ tục hành chính"),
    "notices": ("thong-bao", "Thông báo"),
    "late_lists": ("ho-so-tre-han", "Danh sách hồ sơ trễ hạn trong tháng"),
    "statistics": ("thong-ke", "Số liệu thống kê"),
    "plans": ("ke-hoach", "Kế hoạch"),
}
_FIRST_CLAUSE = re.compile(r"[,;:(]")  # "Số quyết định công bố, ví dụ 3152/QĐ-BTP" -> "Số quyết định công bố"


def record_kinds() -> dict[str, tuple[type, list[str]]]:
    """Record kind -> (model, glob patterns of its files under content/)."""
    kinds = {name: (model, [f"content/{file_name}"]) for name, (file_name, model) in {**RECORD_FILES, **OPTIONAL_RECORD_FILES}.items()}
    for name, (folder, model) in RECORD_FOLDERS.items():
        kinds[name] = (model, [f"content/{folder}/*.yml", f"content/{folder}/*.yaml"])
    return kinds


def schema_for(name: str, model: type) -> dict:
    """The model's JSON Schema with Vietnamese titles: each key titled by the first clause of its
    description, each record by its kind; the models' English class names are left out."""
    schema = model.model_json_schema()
    _retitle(schema)
    for definition in schema.get("$defs", {}).values():
        _retitle(definition)
    file_stem, title = KINDS[name]
    schema.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{file_stem}.schema.json",
                   "title": title})
    return schema


def _retitle(schema: dict) -> None:
    schema.pop("title", None)
    for key, value in schema.get("properties", {}).items():
        description = value.get("description")
        value["title"] = _FIRST_CLAUSE.split(description, 1)[0].strip() if description else key


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write one schema per record kind into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (model, _) in record_kinds().items():
        path = folder / f"{KINDS[name][0]}.schema.json"
        _write_json(path, schema_for(name, model))
        written.append(path)
    return written


def editor_settings(folder: Path = SCHEMA_DIR) -> dict:
    """`.vscode/settings.json`'s mapping of each schema to the content files it checks."""
    return {"yaml.schemas": {f"./{(folder / KINDS[name][0]).as_posix()}.schema.json": patterns
                             for name, (_, patterns) in record_kinds().items()}}


def write_editor_settings(path: Path = Path(".vscode/settings.json")) -> Path:
    """Set `yaml.schemas` in VS Code's settings for this folder, keeping any other setting there."""
    settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    settings.update(editor_settings())
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_json(path, settings)
    return path


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
