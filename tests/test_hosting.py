"""The built site as a host serves it: cache headers, precompressed copies, fingerprinted assets; and the
local server (generator.hosting) against an attacker's requests and many clients at once."""

import gzip
import http.client
import logging
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT, SUBPATH
from generator.hosting import COMPRESSIBLE, IMMUTABLE, ONE_DAY, REVALIDATE, cache_control
from generator.server import start_server


def fetch(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


@pytest.mark.parametrize("path, expected", [
    ("/thu-tuc/1.001193/", REVALIDATE),
    ("/index.html", REVALIDATE),
    ("/sitemap.xml", REVALIDATE),
    ("/du-lieu/thu-tuc.json", REVALIDATE),
    ("/pagefind/pagefind.js", REVALIDATE),
    ("/pagefind/pagefind-entry.json", REVALIDATE),
    ("/pagefind/wasm.unknown.pagefind", REVALIDATE),
    ("/assets/stylesheets/main.57a0d79d.min.css", IMMUTABLE),
    ("/assets/tthc.51a2b73340.css", IMMUTABLE),
    ("/pagefind/fragment/unknown_3b5e2f1.pf_fragment", IMMUTABLE),
    ("/pagefind/index/unknown_8c1d0a2.pf_index", IMMUTABLE),
    ("/pagefind/pagefind.unknown_1a2b3c4.pf_meta", IMMUTABLE),
    ("/pagefind/2/pagefind-entry.json", REVALIDATE),  # a further part of a province's index
    ("/pagefind/2/fragment/vi_3b5e2f1.pf_fragment", IMMUTABLE),
    ("/pagefind/2/index/vi_8c1d0a2.pf_index", IMMUTABLE),
    ("/pagefind/2/pagefind.vi_1a2b3c4.pf_meta", IMMUTABLE),
    ("/thu-tuc/1.001193/qr.svg", ONE_DAY),
    ("/bieu-mau/to-khai-khai-sinh.pdf", ONE_DAY),
])
def test_cache_lifetimes(path, expected):
    assert cache_control(path) == expected


def test_own_css_and_js_are_published_under_content_hashes(sample_site):
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="(assets/[^"]+\.(?:css|js))"', home)
    assert {re.sub(r"\.[0-9a-f]{8,}\.(min\.)?", ".", name) for name in assets} >= {
        "assets/stylesheets/main.css", "assets/tthc.css", "assets/kiosk.js", "assets/search.js"}
    for name in assets:
        assert cache_control("/" + name) == IMMUTABLE, name
        assert (sample_site / name).is_file()
    # Nothing of Material's JavaScript, lunr search or source maps is published.
    assert not (sample_site / "assets" / "javascripts").exists()
    assert not list(sample_site.rglob("*.map"))


def test_every_text_file_has_an_equal_gzip_copy(sample_site):
    # Every kind of text file, Pagefind's and the search list's too, which are written last.
    texts = [path for path in sample_site.rglob("*") if path.suffix in COMPRESSIBLE and path.is_file()]
    assert len([path for path in texts if path.suffix == ".html"]) > 200
    assert {path.suffix for path in texts} >= {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv"}
    assert (sample_site / "pagefind" / "pagefind.js").is_file() and (sample_site / "tim-kiem-trang.json").is_file()
    for path in texts:
        packed = path.with_name(path.name + ".gz")
        if packed.exists():
            assert gzip.decompress(packed.read_bytes()) == path.read_bytes(), path
        else:  # written only when smaller
            assert len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)) >= path.stat().st_size, path
    assert {path.with_name(path.name + ".gz") for path in texts} >= set(sample_site.rglob("*.gz"))


def test_server_sends_gzip_and_cache_headers(server):
    status, headers, body = fetch(server + "thu-tuc/1.001193/", **{"Accept-Encoding": "gzip, br"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert headers["Cache-Control"] == REVALIDATE
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Đăng ký khai sinh" in gzip.decompress(body).decode()

    status, headers, plain = fetch(server + "thu-tuc/1.001193/")
    assert "Content-Encoding" not in headers and plain == gzip.decompress(body)

    status, headers, _ = fetch(server + "thu-tuc/1.001193/", **{"If-None-Match": headers["ETag"]})
    assert status == 304


def test_server_redirects_folders_and_answers_404_with_the_site_page(server):
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(server + "thu-tuc/1.001193?x=1")
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].endswith("/thu-tuc/1.001193/?x=1")

    status, headers, body = fetch(server + "thu-tuc/khong-co/")
    assert status == 404 and "<h1>Không tìm thấy trang</h1>" in body.decode()
    status, _, _ = fetch(server + "..%2f..%2fetc/passwd")
    assert status == 404


def test_readme_nginx_configuration_serves_gzip_copies_with_the_same_cache_headers(sample_site, tmp_path):
    """The README's nginx block, run by Debian's nginx against the built sample, answers as our server does."""
    block = re.search(r"```nginx\n(location /tthc/ \{.*?\n\})\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "README.md has no nginx block for /tthc/"
    shutil.copytree(sample_site, tmp_path / "www")
    port = _free_port()
    (tmp_path / "nginx.conf").write_text(f"""
        {"user root;" if os.geteuid() == 0 else ""}
        daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;
            client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path}; fastcgi_temp_path {tmp_path};
            uwsgi_temp_path {tmp_path}; scgi_temp_path {tmp_path};
            server {{ listen 127.0.0.1:{port};
                {block.group(1).replace("/var/www/tthc/", f"{tmp_path}/www/")}
            }}
        }}""")
    nginx = subprocess.Popen(["/usr/sbin/nginx", "-c", str(tmp_path / "nginx.conf")], stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/tthc/"
        _wait_for(base)
        css = next((sample_site / "assets").glob("tthc.*.css")).name
        fragment = next((sample_site / "pagefind" / "fragment").iterdir()).name
        for path, expected in [("thu-tuc/1.001193/", REVALIDATE), ("pagefind/pagefind-entry.json", REVALIDATE),
                               (f"assets/{css}", IMMUTABLE), (f"pagefind/fragment/{fragment}", IMMUTABLE),
                               ("thu-tuc/1.001193/qr.svg", ONE_DAY)]:
            status, headers, body = fetch(base + path, **{"Accept-Encoding": "gzip"})
            assert (status, headers["Cache-Control"]) == (200, expected), path
            if not path.endswith("pf_fragment"):
                assert headers["Content-Encoding"] == "gzip", path
                assert gzip.decompress(body) == (sample_site / (path + ("index.html" if path.endswith("/") else ""))).read_bytes()
        status, _, body = fetch(base + "thu-tuc/khong-co/")
        assert status == 404 and "<h1>Không tìm thấy trang</h1>" in body.decode()
    finally:
        nginx.terminate()
        nginx.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str) -> None:
    for _ in range(50):
        try:
            urllib.request.urlopen(url)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nginx did not answer at {url}")


# An attacker's requests, over raw sockets so that no client normalises the path.

def _port(server: str) -> int:
    return urllib.parse.urlsplit(server).port


def _exchange(connection: socket.socket, target: str) -> http.client.HTTPResponse:
    """One GET on an open connection, its target sent byte for byte; the response with its body read."""
    connection.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))
    response = http.client.HTTPResponse(connection, method="GET")
    response.begin()
    response.body = response.read()
    return response


@pytest.mark.parametrize("target, expected", [
    ("/%2fevil.example%2f..%2fxa-mau", "/xa-mau/"),
    ("/xa-mau/%2fevil.example%2f..%2flinh-vuc", "/xa-mau/linh-vuc/"),
    ("/%2f%2fevil.example/..%2f..%2fxa-mau?q=1", "/xa-mau/?q=1"),
    ("//evil.example/%2e%2e/xa-mau", "/xa-mau/"),
    ("/%5cevil.example%2f..%2fxa-mau", "/xa-mau/"),
])
def test_folder_redirect_stays_on_the_same_host(server, target, expected):
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=30) as connection:
        response = _exchange(connection, target)
    location = response.headers["Location"]
    assert response.status == 301 and location == expected
    assert location.startswith("/") and not location.startswith(("//", "/\\"))


def test_404_page_never_comes_from_outside_the_root(tmp_path):
    root = tmp_path / "root"
    (root / "xa").mkdir(parents=True)
    (root / "xa" / "404.html").write_text("trang 404 của xã")
    (tmp_path / "404.html").write_text("BÍ MẬT bên ngoài")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "404.html").write_text("BÍ MẬT bên ngoài")
    (root / "link").symlink_to(tmp_path / "outside")
    (root / "file.html").symlink_to(tmp_path / "404.html")
    httpd = start_server(root)
    try:
        with socket.create_connection(("127.0.0.1", httpd.server_address[1]), timeout=30) as connection:
            for target in ["/../khong-co", "/../", "/%2e%2e/khong-co", "/..%2fkhong-co", "/../outside/khong-co",
                           "/..%2foutside%2fkhong-co", "/link/khong-co", "/link/404.html", "/file.html", "/?/../..",
                           "/xa/../../outside/khong-co"]:
                response = _exchange(connection, target)
                assert response.status == 404 and "BÍ MẬT" not in response.body.decode(), target
            response = _exchange(connection, "/xa/thu-tuc/khong-co/")
            assert response.status == 404 and response.body.decode() == "trang 404 của xã"
    finally:
        httpd.server_close()


MALFORMED = {
    "NUL": "/xa-mau/%00", "NUL inside": "/xa-mau/a%00b", "bad percent": "/%zz", "cut percent": "/xa-mau/%2",
    "not UTF-8": "/xa-mau/%ff%fe", "raw byte not UTF-8": "/xa-mau/\xff", "256-char name": "/" + "a" * 256,
    "5,000-char path": "/xa-mau/" + "/".join(["b" * 200] * 25), "CR LF": "/xa-mau/%0d%0aSet-Cookie:%20x=1",
    "raw control": "/xa-mau/\x01", "control in query": "/xa-mau/?\x01", "no leading slash": "xa-mau/",
}


@pytest.mark.parametrize("target", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_paths_answer_400_and_the_connection_still_works(server, target):
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=30) as connection:
        response = _exchange(connection, target)
        assert response.status == 400 and response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "Địa chỉ không hợp lệ" in response.body.decode() and "Traceback" not in response.body.decode()
        if not response.will_close:  # kept open: it must serve the next request
            assert _exchange(connection, "/xa-mau/").status == 200


def test_200_clients_at_once_are_all_served(server, sample_site):
    css = next((sample_site / "assets").glob("tthc.*.css")).name
    paths = ["", "thu-tuc/1.001193/", f"assets/{css}", "thu-tuc/1.001193/qr.svg", "linh-vuc/dat-dai/"]
    start, errors = threading.Barrier(200), []

    def client():
        start.wait()
        connection = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=120)
        try:
            for path in paths:
                connection.request("GET", f"/{SUBPATH}/{path}", headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                if response.status != 200 or not response.read():
                    errors.append(f"{path}: {response.status}")
        except Exception as error:  # noqa: BLE001  every failure is counted, not just the first
            errors.append(repr(error))
        finally:
            connection.close()

    clients = [threading.Thread(target=client) for _ in range(200)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    assert not errors, errors[:5]


def test_connections_wait_in_the_queue_while_the_server_is_busy(tmp_path):
    """Clients that arrive while the server is not accepting are queued by the kernel, not dropped."""
    httpd = start_server(tmp_path)
    httpd.shutdown()  # stops accepting; the socket still listens
    try:
        waiting = [socket.create_connection(httpd.server_address, timeout=10) for _ in range(100)]
        for connection in waiting:
            connection.close()
    finally:
        httpd.server_close()


def test_idle_keep_alive_connections_are_closed(tmp_path):
    (tmp_path / "index.html").write_text("trang chủ")
    httpd = start_server(tmp_path)
    assert 0 < httpd.idle_seconds <= 120  # seconds a silent client may keep its connection
    httpd.idle_seconds = 0.5
    try:
        with socket.create_connection(httpd.server_address, timeout=30) as connection:
            assert _exchange(connection, "/").status == 200
            assert connection.recv(1) == b""  # closed by the server
    finally:
        httpd.server_close()


def test_closing_with_clients_still_connected_logs_no_error(tmp_path, caplog):
    (tmp_path / "index.html").write_text("trang chủ")
    httpd = start_server(tmp_path)
    with socket.create_connection(httpd.server_address, timeout=30) as connection:
        assert _exchange(connection, "/").status == 200  # the connection stays open, waiting
        time.sleep(0.2)
        httpd.server_close()
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR], caplog.text


REQUESTS_REFUSED = {
    "POST": (b"POST /xa-mau/ HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405),
    "request line of 20,000 bytes": (b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\n\r\n", 414),
    "header of 20,000 bytes": (b"GET /xa-mau/ HTTP/1.1\r\nX: " + b"a" * 20_000 + b"\r\n\r\n", 431),
    "200 headers": (b"GET /xa-mau/ HTTP/1.1\r\n" + b"X: a\r\n" * 200 + b"\r\n", 431),
    "chunked body": (b"GET /xa-mau/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    "TLS hello": (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400),
    "HTTP/2 preface": (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
}


@pytest.mark.parametrize("request_bytes, status", REQUESTS_REFUSED.values(), ids=REQUESTS_REFUSED.keys())
def test_requests_it_does_not_serve_get_a_vietnamese_error_page(server, request_bytes, status):
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=30) as connection:
        connection.sendall(request_bytes)
        response = http.client.HTTPResponse(connection, method="GET")
        response.begin()
        assert response.status == status
        assert response.read().decode().startswith('<!doctype html><html lang="vi">')


def test_a_request_body_is_never_read_as_the_next_request(server):
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=30) as connection:
        connection.sendall(b"GET /xa-mau/ HTTP/1.1\r\nContent-Length: 33\r\n\r\nGET /xa-mau/404.html HTTP/1.1\r\n\r\n")
        response = http.client.HTTPResponse(connection, method="GET")
        response.begin()
        response.read()
        assert response.status == 200 and response.will_close
        assert connection.recv(1) == b""  # closed: the body was not taken for a second request
