"""What a host should do with the built site: cache lifetimes, precompressed copies, and a small server.

The same rules are written out for nginx in the README; the server here applies them so that
tests, Lighthouse and the benchmark see what a citizen's phone sees on a real host.
"""

import email.utils
import errno
import gzip
import hashlib
import http.server
import mimetypes
import re
import sys
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


# Errors a person may see; short, in Vietnamese, with no detail of the server.
BAD_REQUEST_PAGE = ('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Địa chỉ không hợp lệ</title>'
                    "<h1>Địa chỉ không hợp lệ</h1><p>Địa chỉ trang có ký tự không đúng. "
                    "Hãy kiểm tra lại đường dẫn.</p></html>").encode()
NOT_FOUND_PAGE = ('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Không tìm thấy trang</title>'
                  "<h1>Không tìm thấy trang</h1></html>").encode()

BACKLOG = 1024  # connections the kernel queues before accept(); it caps this at net.core.somaxconn
IDLE_SECONDS = 30  # a silent keep-alive connection is closed after this, so it frees its thread

_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NAME_MAX = 255  # bytes in one file name on Linux file systems


def url_segments(path: str) -> list[str] | None:
    """The decoded segments of a request's path with "." and ".." applied (".." stops at the root, as
    in RFC 3986), or None if the path is malformed: not starting with "/", bad percent-encoding, not
    UTF-8, control characters, or a name longer than a file system allows."""
    if not path.startswith("/"):
        return None
    raw = path.encode("latin-1")  # http.server decoded the request line as latin-1: these are its bytes
    if _BAD_PERCENT.search(raw):
        return None
    try:
        decoded = urllib.parse.unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return None
    segments = []
    for segment in decoded.split("/"):
        if _CONTROL.search(segment) or len(segment.encode()) > NAME_MAX:
            return None
        if segment == "..":
            segments = segments[:-1]
        elif segment not in ("", "."):
            segments.append(segment)
    return segments


class SiteHandler(http.server.BaseHTTPRequestHandler):
    """Serves a folder as nginx with the README's configuration does; counts the bytes it sends."""

    root: Path  # the folder served at "/", resolved
    sent: list  # (path, body bytes) of every response, for the benchmark's page weights
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS
    # Headers and body go out in two writes; with Nagle's algorithm the body waited for the client's
    # delayed ACK, 40 ms per request on a keep-alive connection.
    disable_nagle_algorithm = True

    def do_GET(self):
        self._respond(send_body=True)

    def do_HEAD(self):
        self._respond(send_body=False)

    def log_message(self, *args):
        pass

    def _respond(self, send_body: bool):
        try:
            status, headers, body = self._answer()
        except OSError as error:  # a path too long for the system, an unreadable file: answer, never drop
            status, headers, body = self._error(400 if error.errno == errno.ENAMETOOLONG else 404, [])
        self._send(status, headers, body, send_body)

    def _answer(self) -> tuple[int, dict, bytes]:
        path, _, query = self.path.partition("?")
        segments = url_segments(path)
        if segments is None or _CONTROL.search(query):
            return self._error(400, [])
        url_path = "/" + "/".join(segments)
        target = self._inside(self.root.joinpath(*segments))  # a symbolic link may point outside
        if target is None:
            return self._error(404, segments)
        if target.is_dir():
            folder = url_path.rstrip("/") + "/"  # "/" for the root: never "//"
            if not path.endswith("/"):
                # From the normalised path only: a "//host" from the request would send browsers to another site.
                return 301, {"Location": urllib.parse.quote(folder) + (f"?{query}" if query else "")}, b""
            target, url_path = target / "index.html", folder + "index.html"
        if not target.is_file():
            return self._error(404, segments)
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
            return 304, headers, b""
        return 200, headers, body

    def _inside(self, path: Path) -> Path | None:
        resolved = path.resolve()
        return resolved if resolved.is_relative_to(self.root) else None

    def _body(self, target: Path) -> tuple[bytes, str | None]:
        if target.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return target.read_bytes(), None
        packed = target.with_name(target.name + ".gz")
        if packed.is_file():  # gzip_static
            return packed.read_bytes(), "gzip"
        return gzip.compress(target.read_bytes(), compresslevel=6), "gzip"  # gzip on

    def _error(self, status: int, segments: list[str]) -> tuple[int, dict, bytes]:
        """400, or 404 with the 404.html of the site under the path's first folder (a site served under
        a sub-path), else of the root."""
        headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": REVALIDATE}
        if status == 400:
            return status, headers, BAD_REQUEST_PAGE
        pages = [self.root.joinpath(segments[0], "404.html")] if segments else []
        for page in pages + [self.root / "404.html"]:
            page = self._inside(page)  # never a 404.html outside the root
            try:
                if page and page.is_file():
                    return status, headers, page.read_bytes()
            except OSError:  # unreadable: try the next one
                continue
        return status, headers, NOT_FOUND_PAGE

    def _send(self, status: int, headers: dict, body: bytes, send_body: bool):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)
            self.sent.append((self.path, len(body)))


class SiteServer(http.server.ThreadingHTTPServer):
    """One thread per connection, and a listen queue long enough for many clients arriving at once."""

    daemon_threads = True
    request_queue_size = BACKLOG

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # a client that left is no error
            super().handle_error(request, client_address)


def start_server(root: Path, port: int = 0, backlog: int = BACKLOG) -> SiteServer:
    """Serve `root` on 127.0.0.1 in a background thread; `server.sent` records the bytes sent.
    `backlog` is the kernel's queue of connections not yet accepted (bench/hosting_load.py varies it)."""
    handler = type("Handler", (SiteHandler,), {"root": Path(root).resolve(), "sent": []})
    server = type("Server", (SiteServer,), {"request_queue_size": backlog})(("127.0.0.1", port), handler)
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
