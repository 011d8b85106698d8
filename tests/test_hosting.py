"""The built site as a host serves it: cache headers, precompressed copies, fingerprinted assets."""

import gzip
import re
import urllib.error
import urllib.request

import pytest

from generator.hosting import IMMUTABLE, ONE_DAY, REVALIDATE, cache_control


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
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages + list(sample_site.rglob("*.css")) + list(sample_site.rglob("*.js")):
        packed = path.with_name(path.name + ".gz")
        assert gzip.decompress(packed.read_bytes()) == path.read_bytes(), path


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
