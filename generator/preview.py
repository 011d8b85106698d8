"""The page `mkdocs serve` shows while content has errors: every file:line: key: message, in Vietnamese, on
every address the browser asks for (it is the preview's 404 page, and no other page is built), and back to
the site by itself once a save fixes them. `mkdocs build` never writes it: there, errors stop the build
and leave the published site untouched.
"""

from datetime import datetime

from jinja2 import Environment

from .errors import ContentErrors
from .text import printable

_PAGE = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nội dung có lỗi: trang chưa được cập nhật</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.4rem; color: #8a1c12; }
  li { margin: .5rem 0; }
  code { background: #f3f3f3; padding: 0 .2rem; word-break: break-all; }
  .tthc-built { color: #555; }
</style>
</head>
<body>
<main>
  <h1>Nội dung có {{ errors | length }} lỗi: trang chưa được cập nhật</h1>
  <p>Sửa các lỗi dưới đây trong tệp YAML rồi lưu lại. Trang này tự trở lại trang web khi hết lỗi.</p>
  <ol class="tthc-errors">
  {%- for error in errors %}
    <li><code>{{ error.where }}</code>{% if error.key %} <strong>{{ error.key }}</strong>{% endif %}: {{ error.message }}</li>
  {%- endfor %}
  </ol>
  <p class="tthc-built">Lần dựng lúc {{ built }}. Danh sách này cũng được in trong cửa sổ lệnh đang chạy mkdocs serve.</p>
</main>
<script>
  // Back to the site once a rebuild without errors has put the page back.
  setInterval(async () => {
    try {
      if ((await fetch(location.href, { cache: "no-store" })).ok) location.reload();
    } catch {}
  }, 1000);
</script>
</body>
</html>
""")


def error_page(errors: ContentErrors, built: datetime) -> str:
    rows = [{"where": f"{printable(error.file.as_posix())}:{error.line}", "key": printable(error.key),
             "message": printable(error.message)} for error in errors.errors]
    return _PAGE.render(errors=rows, built=f"{built:%H:%M:%S}")
