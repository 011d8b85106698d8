"""A small static server for a built site, applying hosting.py's rules as nginx does with the README's
configuration, so that tests, Lighthouse, the benchmark and `python -m generator serve` see what a
citizen's phone sees on a real host.

One asyncio loop serves every connection: with a thread per connection, 200 clients at once spent
their time waiting for the interpreter lock (p99 3 s and time-outs, bench/hosting_load.py), where
one loop answers them in turn. Requests are GET and HEAD, with keep-alive; what a file system or an
attacker can make of a path is settled in `url_segments` and `Site`.
"""

import asyncio
import concurrent.futures
import email.utils
import errno
import gzip
import http
import re
import threading
import urllib.parse
from pathlib import Path

from .hosting import COMPRESSIBLE, REVALIDATE, cache_control, content_type

BACKLOG = 1024  # connections the kernel queues before they are accepted; it caps this at somaxconn
IDLE_SECONDS = 30  # a keep-alive connection silent this long is closed
MAX_LINE = 16_384  # bytes in the request line or one header line; longer gets 414 or 431
MAX_HEADERS = 100
NAME_MAX = 255  # bytes in one file name on Linux file systems

_PAGE = '<!doctype html><html lang="vi"><meta charset="utf-8"><title>{0}</title><h1>{0}</h1><p>{1}</p></html>'
# Errors a person may see: short, in Vietnamese, with nothing about the server.
ERROR_PAGES = {
    400: _PAGE.format("Địa chỉ không hợp lệ", "Địa chỉ trang có ký tự không đúng. Hãy kiểm tra lại đường dẫn."),
    404: _PAGE.format("Không tìm thấy trang", "Địa chỉ này không có trên trang."),
    405: _PAGE.format("Không hỗ trợ yêu cầu này", "Trang chỉ cho xem (GET, HEAD)."),
    414: _PAGE.format("Địa chỉ quá dài", "Hãy kiểm tra lại đường dẫn."),
    431: _PAGE.format("Yêu cầu quá lớn", "Trình duyệt gửi quá nhiều thông tin kèm theo."),
}

_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def url_segments(path: str) -> list[str] | None:
    """The decoded segments of a request's path with "." and ".." applied (".." stops at the root, as
    in RFC 3986), or None if the path is malformed: not starting with "/", bad percent-encoding, not
    UTF-8, control characters, or a name longer than a file system allows."""
    if not path.startswith("/"):
        return None
    raw = path.encode("latin-1")  # the request line was decoded as latin-1: these are its bytes
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


class Site:
    """What the host answers for one request to the folder `root`, served at "/"."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    def answer(self, target: str, headers: dict[str, str]) -> tuple[int, dict, bytes]:
        """(status, headers, body) for a GET of `target`; `headers` are the request's, names in lower case."""
        try:
            return self._answer(target, headers)
        except OSError as error:  # a path too long for the system, an unreadable file: an answer all the same
            return self.error(400 if error.errno == errno.ENAMETOOLONG else 404)

    def _answer(self, target: str, headers: dict[str, str]) -> tuple[int, dict, bytes]:
        path, _, query = target.partition("?")
        segments = url_segments(path)
        if segments is None or _CONTROL.search(query):
            return self.error(400)
        url_path = "/" + "/".join(segments)
        file = self._inside(self.root.joinpath(*segments))  # a symbolic link may point outside
        if file is None:
            return self.error(404, segments)
        if file.is_dir():
            folder = url_path.rstrip("/") + "/"  # "/" for the root: never "//"
            if not path.endswith("/"):
                # From the normalised path only: a "//host" from the request would send browsers to another site.
                return 301, {"Location": urllib.parse.quote(folder) + (f"?{query}" if query else "")}, b""
            file, url_path = file / "index.html", folder + "index.html"
        if not file.is_file():
            return self.error(404, segments)
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        response = {"Content-Type": content_type(file), "Cache-Control": cache_control(url_path),
                    "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True)}
        if file.suffix in COMPRESSIBLE:
            response["Vary"] = "Accept-Encoding"
        body, encoding = self._body(file, "gzip" in headers.get("accept-encoding", ""))
        if encoding:
            response["Content-Encoding"] = encoding
            etag = etag[:-1] + '-gz"'
        response["ETag"] = etag
        if headers.get("if-none-match") == etag:
            return 304, response, b""
        return 200, response, body

    def _inside(self, path: Path) -> Path | None:
        resolved = path.resolve()
        return resolved if resolved.is_relative_to(self.root) else None

    @staticmethod
    def _body(file: Path, gzip_accepted: bool) -> tuple[bytes, str | None]:
        if file.suffix not in COMPRESSIBLE or not gzip_accepted:
            return file.read_bytes(), None
        packed = file.with_name(file.name + ".gz")
        if packed.is_file():  # gzip_static
            return packed.read_bytes(), "gzip"
        return gzip.compress(file.read_bytes(), compresslevel=6), "gzip"  # gzip on

    def error(self, status: int, segments: list[str] = ()) -> tuple[int, dict, bytes]:
        """An error page; for 404 the 404.html of the site under the path's first folder (a site served
        under a sub-path), else of the root, never one from outside the root."""
        headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": REVALIDATE}
        if status == 404:
            for page in ([self.root.joinpath(segments[0], "404.html")] if segments else []) + [self.root / "404.html"]:
                page = self._inside(page)
                try:
                    if page and page.is_file():
                        return status, headers, page.read_bytes()
                except OSError:  # unreadable: try the next one
                    continue
        return status, headers, ERROR_PAGES[status].encode()


class _Refused(Exception):
    """A request that gets an error page and then the connection closed (it cannot be read further)."""

    def __init__(self, status: int):
        self.status = status


async def _line(reader: asyncio.StreamReader, seconds: float, too_long: int) -> bytes:
    try:
        return await asyncio.wait_for(reader.readline(), seconds)
    except ValueError:  # longer than the reader's limit (MAX_LINE)
        raise _Refused(too_long) from None


async def _read_request(reader: asyncio.StreamReader, seconds: float) -> tuple[str, str, str, dict[str, str]] | None:
    """(method, target, version, headers) of the next request, names in lower case; None when the
    client has closed the connection or stayed silent for `seconds`."""
    try:
        line = await _line(reader, seconds, 414)
        if not line:
            return None
        parts = line.decode("latin-1").split()
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise _Refused(400)
        headers = {}
        for _ in range(MAX_HEADERS + 1):
            field = await _line(reader, seconds, 431)
            if field in (b"\r\n", b"\n"):
                return (*parts, headers)
            name, colon, value = field.decode("latin-1").partition(":")
            if not colon or not name.strip() or not field.endswith(b"\n"):
                raise _Refused(400)
            headers[name.strip().lower()] = value.strip()
        raise _Refused(431)
    except (TimeoutError, ConnectionError):
        return None


class Server:
    """A built site served on 127.0.0.1 by one asyncio loop in a background thread.

    `sent` holds (target, body bytes) of every response when `record` is true, for the benchmark's
    page weights. `shutdown` stops answering (the socket still listens, as socketserver's does);
    `server_close` closes the socket and every connection."""

    def __init__(self, root: Path, port: int = 0, backlog: int = BACKLOG, record: bool = True):
        self.site = Site(root)
        self.idle_seconds = IDLE_SECONDS
        self.sent: list[tuple[str, int]] | None = [] if record else None
        # The loop is only ever run in threads of its own: the caller may have a loop running already
        # (Playwright's synchronous API does).
        self.loop = asyncio.new_event_loop()
        started = concurrent.futures.Future()
        self.thread = threading.Thread(target=self._run, args=(port, backlog, started), daemon=True)
        self.thread.start()
        self.server = started.result()  # or the error that stopped it, such as a port in use
        self.server_address = self.server.sockets[0].getsockname()

    def _run(self, port: int, backlog: int, started: concurrent.futures.Future) -> None:
        try:
            server = self.loop.run_until_complete(asyncio.start_server(
                self._connection, "127.0.0.1", port, backlog=backlog, limit=MAX_LINE))
        except OSError as error:
            started.set_exception(error)
            return
        started.set_result(server)
        self.loop.run_forever()

    def shutdown(self) -> None:
        """Stop answering; the socket still listens, so new connections wait in the kernel's queue."""
        if self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join()

    def server_close(self) -> None:
        """Close the socket and every connection."""
        self.shutdown()
        closer = threading.Thread(target=self.loop.run_until_complete, args=(self._close(),))
        closer.start()
        closer.join()
        self.loop.close()

    async def _close(self) -> None:
        self.server.close()
        connections = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in connections:
            task.cancel()
        await asyncio.gather(*connections, return_exceptions=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    request = await _read_request(reader, self.idle_seconds)
                except _Refused as refused:
                    await self._send(writer, "GET", "", *self.site.error(refused.status), close=True)
                    return
                if request is None:
                    return
                method, target, version, headers = request
                close = headers.get("connection", "").lower() == "close" or (
                    version == "HTTP/1.0" and headers.get("connection", "").lower() != "keep-alive")
                if "transfer-encoding" in headers or not headers.get("content-length", "0").isdigit():
                    status, response, body, close = *self.site.error(400), True  # bodies are not read here
                elif method not in ("GET", "HEAD"):
                    status, response, body = self.site.error(405)
                    response["Allow"] = "GET, HEAD"
                else:
                    status, response, body = self.site.answer(target, headers)
                if int(headers.get("content-length", "0") or 0) > 0:
                    close = True  # a body we do not read must not be taken for the next request
                await self._send(writer, method, target, status, response, body, close)
                if close:
                    return
        except ConnectionError:
            return
        except asyncio.CancelledError:
            # server_close cancels open connections. Ending quietly rather than cancelled: Python 3.11's
            # streams then ask the task for its exception and print a traceback for the cancellation.
            return
        finally:
            writer.close()

    async def _send(self, writer, method: str, target: str, status: int, headers: dict, body: bytes,
                    close: bool) -> None:
        head = [f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}",
                f"Date: {email.utils.formatdate(usegmt=True)}", *(f"{name}: {value}" for name, value in headers.items()),
                f"Content-Length: {len(body)}"] + (["Connection: close"] if close else [])
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        if method != "HEAD" and body:
            writer.write(body)
            if self.sent is not None:
                self.sent.append((target, len(body)))
        await writer.drain()


def start_server(root: Path, port: int = 0, backlog: int = BACKLOG) -> Server:
    """Serve `root` on 127.0.0.1 in the background; `server.sent` records the bytes sent."""
    return Server(root, port, backlog)


def serve_forever(root: Path, port: int) -> None:
    server = Server(root, port, record=False)
    print(f"Đang phục vụ {root} tại http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C để dừng)")
    try:
        threading.Event().wait()  # not the server thread's join: an interrupted join leaves it half-stopped
    except KeyboardInterrupt:
        server.server_close()
