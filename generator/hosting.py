"""What a host should do with the built site: cache lifetimes, precompressed copies, and a small server.

The same rules are written out for nginx in the README; the server here applies them so that
tests, Lighthouse and the benchmark see what a citizen's phone sees on a real host.
"""

import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import re
import threading
import urllib.parse
from concurrent.futures import Executor
from pathlib import Path

# Text files worth compressing; Pagefind's index files and the images are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".webmanifest"}

# A content hash in the name (Material's "main.57a0d79d.min.css", our "tthc.1a2b3c4d5e.css") or a
# file Pagefind names by its hash: the content never changes under that name.
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(css|js)$|/pagefind/(fragment|index|filter)/|/pagefind/pagefind\.[^/]+\.pf_meta$")
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


class SiteHandler(http.server.BaseHTTPRequestHandler):
    """Serves a folder as nginx with the README's configuration does; counts the bytes it sends."""

    root: Path  # the folder served at "/"
    sent: list  # (path, body bytes) of every response, for the benchmark's page weights
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self._respond(send_body=True)

    def do_HEAD(self):
        self._respond(send_body=False)

    def log_message(self, *args):
        pass

    def _respond(self, send_body: bool):
        url = urllib.parse.urlsplit(self.path)
        url_path = urllib.parse.unquote(url.path)
        target = (self.root / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(self.root.resolve()):
            return self._not_found(send_body)
        if target.is_dir():
            if not url_path.endswith("/"):
                location = urllib.parse.quote(url_path + "/") + (f"?{url.query}" if url.query else "")
                return self._send(301, {"Location": location}, b"", send_body)
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(send_body)
        stat = target.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        headers = {"Content-Type": content_type(target), "Cache-Control": cache_control(url_path),
                   "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True)}
        if target.suffix in COMPRESSIBLE:
            headers["Vary"] = "Accept-Encoding"
        body, encoding = self._body(target)
        if encoding:
            headers["Content-Encoding"] = encoding
            etag = etag[:-1] + '-gz"'
        headers["ETag"] = etag
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, headers, b"", send_body)
        self._send(200, headers, body, send_body)

    def _body(self, target: Path) -> tuple[bytes, str | None]:
        if target.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return target.read_bytes(), None
        packed = target.with_name(target.name + ".gz")
        if packed.is_file():  # gzip_static
            return packed.read_bytes(), "gzip"
        return gzip.compress(target.read_bytes(), compresslevel=6), "gzip"  # gzip on

    def _not_found(self, send_body: bool):
        page = self.root / self.path.lstrip("/").split("/", 1)[0] / "404.html"
        page = page if page.is_file() else self.root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self._send(404, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": REVALIDATE}, body, send_body)

    def _send(self, status: int, headers: dict, body: bytes, send_body: bool):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)
            self.sent.append((self.path, len(body)))


def start_server(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Serve `root` on 127.0.0.1 in a background thread; `server.sent` records the bytes sent."""
    handler = type("Handler", (SiteHandler,), {"root": Path(root), "sent": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.sent = handler.sent
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve_forever(root: Path, port: int) -> None:
    server = start_server(root, port)
    print(f"Đang phục vụ {root} tại http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C để dừng)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
