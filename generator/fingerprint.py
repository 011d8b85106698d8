"""A digest of what a page is made from, so that `mkdocs serve` can reuse the HTML of the pages whose inputs
did not change since its previous build (plugin.py). A value it cannot describe gives no digest, and the
page is rendered again: reusing a page wrongly would show the officer a stale preview."""

import hashlib
import weakref
from datetime import date
from pathlib import PurePath

from pydantic import BaseModel


class _Undescribed(Exception):
    pass


# Records are frozen, and `mkdocs serve` keeps those whose files did not change (content.py): each is
# described once per serve session, not once per rebuild. By id, with a weak reference that tells whether
# the id still belongs to the same record.
_RECORD_DIGESTS: dict[int, tuple[weakref.ref, bytes]] = {}


def _record_digest(record: BaseModel) -> bytes:
    known = _RECORD_DIGESTS.get(id(record))
    if known and known[0]() is record:
        return known[1]
    digest = hashlib.sha256(f"{type(record).__qualname__}\0".encode() + record.model_dump_json().encode()).digest()
    if type(record).model_config.get("frozen"):
        _RECORD_DIGESTS[id(record)] = weakref.ref(record, lambda _, key=id(record): _RECORD_DIGESTS.pop(key, None)), digest
    return digest


def fingerprint(*parts) -> str | None:
    """A digest of the parts (records, text, numbers, dates, paths, and lists and dicts of them); None when
    one of them cannot be described."""
    chunks = []
    try:
        _describe(chunks, parts)
    except _Undescribed:
        return None
    return hashlib.sha256(b"".join(chunks)).hexdigest()


def _describe(chunks: list[bytes], value) -> None:
    """Appends an unambiguous description of `value`: each text is preceded by its kind and length."""
    if type(value) is str:  # most values, checked first (a page listing 2,000 procedures has 50,000)
        text = value.encode()
        chunks += (b"s%d:" % len(text), text)
    elif isinstance(value, (list, tuple)):
        chunks.append(b"[%d" % len(value))
        for item in value:
            _describe(chunks, item)
    elif isinstance(value, dict):
        chunks.append(b"{%d" % len(value))
        for key, item in value.items():
            _describe(chunks, key)
            _describe(chunks, item)
    elif isinstance(value, BaseModel):
        chunks.append(b"M" + _record_digest(value))
    elif isinstance(value, bytes):
        chunks += (b"B%d:" % len(value), value)
    elif isinstance(value, (str, int, float, bool, type(None), date, PurePath)):
        text = f"{type(value).__name__}:{value}".encode()
        chunks += (b"V%d:" % len(text), text)
    else:
        raise _Undescribed(type(value))
