"""Put national keys into a procedure's YAML file without touching the rest of it: the commune's own keys,
their order and the officer's comments stay as they are (ruamel.yaml's round trip keeps them)."""

import io
from datetime import date

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..models import Procedure
from .record import NATIONAL_KEYS

_ORDER = list(Procedure.model_fields)


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.width = 4096  # one value per line: officers search and edit lines, not folded paragraphs
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def load_document(text: str) -> CommentedMap:
    document = _yaml().load(text) if text.strip() else None
    return document if isinstance(document, CommentedMap) else CommentedMap()


def dump_document(document: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def plain(value):
    """ruamel's commented containers as plain dicts, lists and strings, for comparing and validating."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


def merge(document: CommentedMap, national: dict, today: date) -> list[tuple[str, object, object]]:
    """Update `document` in place with `national`; return the changes as (key, old value, new value).
    National keys the new data no longer give are removed; forms (`mau_don`) the commune attached to a
    document stay with the document of the same name."""
    national = dict(national)
    if "thanh_phan_ho_so" in national:
        national["thanh_phan_ho_so"] = _keep_forms(plain(document.get("thanh_phan_ho_so", [])), national["thanh_phan_ho_so"])
    changes = []
    for key in NATIONAL_KEYS:
        old, new = plain(document.get(key)), national.get(key)
        if old == plain(new):
            continue
        changes.append((key, old, new))
        if new is None:
            del document[key]
        else:
            _put(document, key, _styled(new))
    if changes:
        _put(document, "ngay_cap_nhat", today)
    return changes


def _keep_forms(old_groups: list, new_groups: list) -> list:
    forms = {document["ten"]: document["mau_don"] for group in old_groups if isinstance(group, dict)
             for document in group.get("giay_to") or [] if isinstance(document, dict) and document.get("mau_don")}
    return [group | {"giay_to": [_with_form(document, forms) for document in group["giay_to"]]} for group in new_groups]


def _with_form(document: dict, forms: dict) -> dict:
    if document["ten"] not in forms:
        return document
    placed = {key: value for key, value in document.items() if key != "ban_chinh" and key != "ban_sao"}
    placed["mau_don"] = forms[document["ten"]]  # in the model's order: ten, mau_don, counts
    return placed | {key: document[key] for key in ("ban_chinh", "ban_sao") if key in document}


def _put(document: CommentedMap, key: str, value) -> None:
    """Set `key`, placing a new key after the keys that come before it in the model."""
    if key in document:
        document[key] = value
        return
    earlier = set(_ORDER[: _ORDER.index(key)])
    position = 0
    for index, existing in enumerate(document):
        if existing in earlier:
            position = index + 1
    document.insert(position, key, value)


def _styled(value):
    """Multi-line texts as literal blocks (`|`), so their paragraphs read as paragraphs in the file."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, dict):
        styled = CommentedMap()
        for key, item in value.items():
            styled[key] = _styled(item)
        return styled
    if isinstance(value, list):
        return CommentedSeq(_styled(item) for item in value)
    return value
