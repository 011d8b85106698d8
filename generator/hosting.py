"""What a host should do with the built site: cache lifetimes, content types, precompressed copies.

The same rules are written out for nginx in the README; server.py applies them to a local server.
"""

import gzip
import hashlib
import mimetypes
import re
from concurrent.futures import Executor
from pathlib import Path

# Text files worth compressing; Pagefind's index files and the images are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".webmanifest"}

# A content hash in the name (Material's "main.57a0d79d.min.css", our "tthc.1a2b3c4d5e.css") or a
# file Pagefind names by its hash: the content never changes under that name.
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(css|js)$|/pagefind/(\d+/)?(fragment|index|filter)/|/pagefind/(\d+/)?pagefind\.[^/]+\.pf_meta$")
# Pages, feeds, data, and Pagefind's entry files must always match the newest build.
_ALWAYS_CHECK = re.compile(r"(\.(html|xml|json|csv|txt)|/pagefind/pagefind\.js|/pagefind/wasm\.[^/]+)$")

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
ONE_DAY = "public, max-age=86400"

_TYPES = {".pf_fragment": "application/octet-stream", ".pf_index": "application/octet-stream",
          ".pf_meta": "application/octet-stream", ".pf_filter": "application/octet-stream",
          ".pagefind": "application/octet-stream", ".webmanifest": "application/manifest+json",
          ".js": "text/javascript", ".svg": "image/svg+xml", ".csv": "text/csv", ".xml": "application/xml"}


def fingerprinted_name(path: str, content: bytes) -> str:
    """"assets/tthc.css" -> "assets/tthc.<10 hex digits of its SHA-256>.css"."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}{dot}{suffix}"


def cache_control(url_path: str) -> str:
    """The Cache-Control header for a file of the site, by its URL path."""
    if _FINGERPRINTED.search(url_path):
        return IMMUTABLE
    if url_path.endswith("/") or _ALWAYS_CHECK.search(url_path):
        return REVALIDATE
    return ONE_DAY  # QR codes, preview cards, forms, the favicon: rarely change, harmless if a day old


def content_type(path: Path) -> str:
    kind = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    text = kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml")
    return f"{kind}; charset=utf-8" if text else kind


def precompress(site_dir: Path, pool: Executor | None = None) -> int:
    """Write name.gz beside every compressible file (for nginx's gzip_static), on `pool`'s processes
    if given. Returns the number of files compressed."""
    paths = [path for path in Path(site_dir).rglob("*") if path.suffix in COMPRESSIBLE and path.is_file()]
    return sum(pool.map(_compress, paths, chunksize=64) if pool else map(_compress, paths))


def _compress(path: Path) -> bool:
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    if len(packed) >= len(data):
        return False
    path.with_name(path.name + ".gz").write_bytes(packed)
    return True
