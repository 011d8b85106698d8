"""A digest of what a page is made from, so that `mkdocs serve` can reuse the HTML of the pages whose inputs
did not change since its previous build (plugin.py). A value it cannot describe gives no digest, and the
page is rendered again: reusing a page wrongly would show the officer a stale preview."""

import hashlib
from datetime import date
from pathlib import PurePath

from pydantic import BaseModel


class _Undescribed(Exception):
    pass


class Fingerprints:
    """Digests for one build: each record is described once, however many pages show it."""

    def __init__(self):
        self._records: dict[int, bytes] = {}
        self._kept: list[BaseModel] = []  # keeps the described records alive, so their ids stay theirs

    def digest(self, *parts) -> str | None:
        digest = hashlib.sha256()
        try:
            for part in parts:
                self._feed(digest, part)
        except _Undescribed:
            return None
        return digest.hexdigest()

    def _feed(self, digest, value) -> None:
        if isinstance(value, BaseModel):
            if id(value) not in self._records:
                self._kept.append(value)
                self._records[id(value)] = hashlib.sha256(
                    f"{type(value).__qualname__}\0".encode() + value.model_dump_json().encode()).digest()
            digest.update(b"M" + self._records[id(value)])
        elif isinstance(value, bytes):
            digest.update(b"B%d:" % len(value) + value)
        elif isinstance(value, (str, int, float, bool, type(None), date, PurePath)):
            text = f"{type(value).__name__}:{value}".encode()
            digest.update(b"V%d:" % len(text) + text)
        elif isinstance(value, (list, tuple)):
            digest.update(b"[%d" % len(value))
            for item in value:
                self._feed(digest, item)
        elif isinstance(value, dict):
            digest.update(b"{%d" % len(value))
            for key, item in value.items():
                self._feed(digest, key)
                self._feed(digest, item)
        else:
            raise _Undescribed(type(value))
