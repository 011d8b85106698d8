"""Validate plain YAML data against a model and explain each problem in Vietnamese."""

import difflib

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .yamlfile import YamlFile

_MESSAGES = {
    "missing": "thiếu khóa bắt buộc",
    "string_type": "phải là văn bản (nếu là số hoặc mã, hãy đặt trong dấu nháy kép, ví dụ \"1.001193\")",
    "int_type": "phải là số nguyên, ví dụ 1",
    "int_parsing": "phải là số nguyên, ví dụ 1",
    "int_from_float": "phải là số nguyên, ví dụ 1",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách: mỗi mục trên một dòng, bắt đầu bằng “- ”",
    "model_type": "phải là một nhóm khóa (mỗi dòng “khóa: giá trị”), không phải giá trị đơn",
    "model_attributes_type": "phải là một nhóm khóa (mỗi dòng “khóa: giá trị”), không phải giá trị đơn",
    "dict_type": "phải là một nhóm khóa (mỗi dòng “khóa: giá trị”)",
    "too_short": "phải có ít nhất {min_length} mục",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "float_type": "phải là một số, ví dụ 50 hoặc 95,5 viết là 95.5",
    "float_parsing": "phải là một số, ví dụ 50 hoặc 95,5 viết là 95.5",
    "finite_number": "phải là một số thật (không phải nan hay inf)",
    "string_too_long": "dài quá {max_length} ký tự; hãy rút gọn, hoặc đưa toàn văn vào tệp đính kèm",
}


def validate(model: type[BaseModel], source: YamlFile):
    """Return (record or None, errors). Errors point at the file line of the offending key."""
    if not isinstance(source.data, dict):
        return None, [source.error((), "tệp phải là một nhóm khóa “khóa: giá trị”; tệp đang trống hoặc sai dạng")]
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        found = _without_missing_keys_explained_by_typos(model, exc.errors())
        return None, [_explain(model, source, error) for error in found]


def _without_missing_keys_explained_by_typos(model, errors: list[dict]) -> list[dict]:
    """A typo ("ten_thu_tuk") also leaves the real key missing; report it once, as the typo."""
    typo_fixes = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            key_path = tuple(error["loc"])
            suggestion = _closest_key(model, key_path)
            if suggestion:
                typo_fixes.add(key_path[:-1] + (suggestion,))
    return [error for error in errors if not (error["type"] == "missing" and tuple(error["loc"]) in typo_fixes)]


def _explain(model: type[BaseModel], source: YamlFile, error: dict) -> ContentError:
    key_path = tuple(error["loc"])
    kind = error["type"]
    if kind != "missing" and error.get("input", "") is None:
        # "khóa:" with nothing after it reads as null: whatever type was expected, the value was left empty
        # (not a number to be quoted, not a date written wrong, not the word "None").
        message = "không được để trống"
    elif kind == "noi_dung":  # our own validators already speak Vietnamese
        message = error["msg"]
    elif kind == "extra_forbidden":
        message = _unknown_key_message(model, key_path)
    elif kind == "literal_error":
        message = f"chỉ nhận một trong các giá trị: {error['ctx']['expected']} (đang là “{error['input']}”)"
    elif kind in _MESSAGES:
        message = _MESSAGES[kind].format(**error.get("ctx", {}))
        if kind == "missing":
            message += _description(model, key_path)
    else:  # a case not translated yet: keep pydantic's words rather than hide the problem
        message = f"giá trị không hợp lệ ({error['msg']})"
    return source.error(key_path, message)


def _known_keys(model: type[BaseModel], key_path: tuple) -> list[str]:
    parent = _model_at(model, key_path[:-1])
    return list(parent.model_fields) if parent else []


def _closest_key(model: type[BaseModel], key_path: tuple) -> str | None:
    close = difflib.get_close_matches(str(key_path[-1]), _known_keys(model, key_path), n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key_message(model: type[BaseModel], key_path: tuple) -> str:
    suggestion = _closest_key(model, key_path)
    hint = f" Có phải là “{suggestion}”?" if suggestion else f" Các khóa được dùng: {', '.join(_known_keys(model, key_path))}."
    return f"khóa “{key_path[-1]}” không có trong mẫu (gõ nhầm?).{hint}"


def _description(model: type[BaseModel], key_path: tuple) -> str:
    parent = _model_at(model, key_path[:-1])
    field = parent.model_fields.get(key_path[-1]) if parent else None
    return f" ({field.description})" if field and field.description else ""


def _model_at(model: type[BaseModel], key_path: tuple):
    """The nested model class that a key path leads to, if any (list indexes are skipped)."""
    current = model
    for part in key_path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current


def _inner_model(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None
