"""Fetch a procedure's detail from the national public-service portal's public API (no login needed).
Both calls are POSTs with a JSON body: the search by code finds the procedure's ID, the detail call
answers the JSON that `payload.read_payload` reads."""

import json
import re
import urllib.error
import urllib.request

PORTAL_API = "https://dichvucong.gov.vn"
SEARCH = "/api/v1/submitting/formality/list-all-public-formality-by-citizen"
DETAIL = "/api/v1/configuring/formality/get-formality-by-citizen"
TIMEOUT = 30  # seconds; the portal is slow at times, but an import must not hang
_CODE = re.compile(r"^\d\.\d{6}$")


def fetch_detail(base_url: str, code_or_id: str) -> bytes:
    """The detail JSON of a procedure given by its code (1.001193) or the portal's ID; OSError on failure."""
    formality_id = _find_id(base_url, code_or_id) if _CODE.match(code_or_id) else code_or_id
    return _post(base_url, DETAIL, {"id": formality_id})


def _find_id(base_url: str, code: str) -> str:
    answer = _post(base_url, SEARCH, {"q": code, "limit": 10})
    try:
        items = json.loads(answer)["data"]["items"]
        found = next(item["id"] for item in items if code in (item.get("code"), item.get("codeNotation")))
    except (ValueError, KeyError, TypeError):
        raise OSError("cổng trả lời tìm kiếm không đúng dạng") from None
    except StopIteration:
        raise OSError(f"cổng không có thủ tục mã {code}") from None
    return found


def _post(base_url: str, path: str, body: dict) -> bytes:
    request = urllib.request.Request(
        base_url.rstrip("/") + path, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise OSError(f"cổng trả lời lỗi HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise OSError(f"không kết nối được: {exc.reason}") from None
