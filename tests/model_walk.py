"""Walk the content models to find every free-text and every link field, and put values into them.

The hostile-content and fuzz tests use this instead of lists of fields, so a field added to a model
is attacked the day it is added.
"""

from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel

from generator.content import OPTIONAL_RECORD_FILES, RECORD_FILES, RECORD_FOLDERS
from generator.models.common import _non_blank, _safe_link

RECORD_KINDS = [(file_name, model) for file_name, model in [*RECORD_FILES.values(), *OPTIONAL_RECORD_FILES.values()]] + \
               [(folder + "/", model) for folder, model in RECORD_FOLDERS.values()]


def field_kind(annotation, metadata=()):
    """("text",), ("link",), ("model", cls), ("list", kind) or ("other",) for a field's annotation."""
    origin = get_origin(annotation)
    if origin is Union:
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        return field_kind(args[0]) if len(args) == 1 else ("other",)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return field_kind(base, [*extra, *metadata])
    if origin is list:
        return ("list", field_kind(get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    validators = {getattr(item, "func", None) for item in metadata} - {None}
    if annotation is str and validators == {_non_blank}:
        return ("text",)  # free text: any characters an officer may type
    if annotation is str and validators == {_safe_link}:
        return ("link",)
    return ("other",)


def fields_of_kind(model: type[BaseModel], wanted: str, seen=None) -> set[tuple[str, str]]:
    """(model name, field name) of every `wanted` field in `model` and the models nested in it."""
    seen = set() if seen is None else seen
    found = set()
    for name, info in model.model_fields.items():
        kind = field_kind(info.annotation, info.metadata)
        while kind[0] == "list":
            kind = kind[1]
        if kind[0] == wanted:
            found.add((model.__name__, name))
        elif kind[0] == "model" and kind[1] not in seen:
            seen.add(kind[1])
            found |= fields_of_kind(kind[1], wanted, seen)
    return found


def model_for(record: str) -> type[BaseModel]:
    """The model of a record file given relative to content/, e.g. "procedures/1.001193.yml"."""
    folder = record.rpartition("/")[0] + "/"
    return next(model for place, model in RECORD_KINDS if place in (record, folder))


def fill(data: dict, model: type[BaseModel], wanted: str, value, key_path=()) -> list[tuple]:
    """Put `value(old or None)` into every `wanted` field of `data` (a record's plain YAML data), optional
    fields the record leaves out included, and into every item of such lists; a None from `value`
    leaves the place as it was. Returns (model name, field name, key path) of each place."""
    filled = []
    for name, info in model.model_fields.items():
        kind = field_kind(info.annotation, info.metadata)
        path = key_path + (name,)
        if kind == (wanted,):
            new = value(data.get(name))
            if new is not None:
                data[name] = new
            filled.append((model.__name__, name, path))
        elif kind == ("list", (wanted,)):
            items = data.get(name) or [None]
            new = [value(item) for item in items]
            if any(item is not None for item in new):
                data[name] = [item for item in new if item is not None]
            filled += [(model.__name__, name, path + (index,)) for index in range(len(items))]
        elif kind[0] == "model" and isinstance(data.get(name), dict):
            filled += fill(data[name], kind[1], wanted, value, path)
        elif kind[0] == "list" and kind[1][0] == "model":
            for index, item in enumerate(data.get(name) or []):
                filled += fill(item, kind[1][1], wanted, value, path + (index,))
    return filled
