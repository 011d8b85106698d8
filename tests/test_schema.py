"""The JSON Schemas editors use (generator/schema.py): current, accepted by a standard validator for all
of the sample's content, and strict enough to flag what an officer mistypes."""

import json
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT
from generator.schema import SCHEMA_DIR, editor_settings, record_kinds, schema_for


class _TextDates(yaml.SafeLoader):
    """YAML as an editor's language server reads it: an unquoted date is text."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _validator(name: str) -> Draft202012Validator:
    model, _ = record_kinds()[name]
    schema = schema_for(name, model)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _content_files() -> list[tuple[str, Path]]:
    files = []
    for name, (_, patterns) in record_kinds().items():
        files += [(name, path) for path in sorted((ROOT / "content").rglob("*"))
                  if any(fnmatch(path.relative_to(ROOT).as_posix(), pattern) for pattern in patterns)]
    return files


def test_shipped_schemas_and_editor_settings_are_current():
    for name, (model, _) in record_kinds().items():
        shipped = json.loads((ROOT / SCHEMA_DIR / f"{schema_for(name, model)['$id']}").read_text(encoding="utf-8"))
        assert shipped == schema_for(name, model), f"{name}: run python -m generator schema"
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == editor_settings()["yaml.schemas"], "run python -m generator schema"


def test_every_sample_record_is_valid_against_its_schema():
    files = _content_files()
    assert len([name for name, _ in files if name == "procedures"]) >= 150
    for name, path in files:
        record = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates)
        errors = [f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in _validator(name).iter_errors(record)]
        assert not errors, f"{path.relative_to(ROOT)}: {errors}"


def test_editors_see_vietnamese_titles_and_descriptions():
    schema = schema_for("procedures", record_kinds()["procedures"][0])
    assert schema["title"] == "Thủ tục hành chính"
    code = schema["properties"]["ma_thu_tuc"]
    assert code["title"] == "Mã thủ tục trên Cơ sở dữ liệu quốc gia" and "nháy kép" in code["description"]


@pytest.mark.parametrize("change, flagged", [
    (lambda record: record.update(ten_thu_tuk=record.pop("ten_thu_tuc")), "ten_thu_tuk"),  # a typo in a key
    (lambda record: record.update(ma_thu_tuc="1.1193"), "ma_thu_tuc"),  # a malformed code
    (lambda record: record.update(ma_thu_tuc=1.001193), "ma_thu_tuc"),  # a code left unquoted
    (lambda record: record["cach_thuc_thuc_hien"][0].update(hinh_thuc="qua mạng"), "hinh_thuc"),  # not in the list
    (lambda record: record.update(hieu_luc_tu="31/12/2025"), "hieu_luc_tu"),  # a date written the other way
])
def test_what_an_officer_mistypes_is_flagged(change, flagged):
    record = yaml.load((ROOT / "content" / "procedures" / "1.001193.yml").read_text(encoding="utf-8"), Loader=_TextDates)
    assert not list(_validator("procedures").iter_errors(record))
    change(record)
    errors = list(_validator("procedures").iter_errors(record))
    assert errors and any(flagged in error.message or flagged in map(str, error.absolute_path) for error in errors), errors
