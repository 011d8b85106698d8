"""Command line: `python -m generator check [content_dir]` validates content without building;
`python -m generator serve [site_dir]` serves a built site with a real host's cache headers."""

import argparse
import sys
from pathlib import Path

from .content import load_portal
from .errors import ContentErrors
from .server import serve_forever
from .keyguide import update_guide


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Kiểm tra nội dung cổng công khai TTHC")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="kiểm tra toàn bộ thư mục content/ và liệt kê mọi lỗi")
    check.add_argument("content_dir", nargs="?", default="content", type=Path)
    guide = commands.add_parser("huong-dan", help="cập nhật bảng khóa trong HUONG-DAN.md theo mô hình dữ liệu")
    guide.add_argument("path", nargs="?", default="HUONG-DAN.md", type=Path)
    serve = commands.add_parser("serve", help="phục vụ trang đã dựng (site/) như máy chủ thật: nén gzip, thời hạn bộ nhớ đệm")
    serve.add_argument("site_dir", nargs="?", default="site", type=Path)
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.command == "serve":
        if not (args.site_dir / "index.html").is_file():
            print(f"{args.site_dir} không phải trang đã dựng (thiếu index.html); hãy chạy mkdocs build trước.",
                  file=sys.stderr)
            return 1
        serve_forever(args.site_dir, args.port)
        return 0
    if args.command == "huong-dan":
        changed = update_guide(args.path)
        print(f"Đã cập nhật {args.path}." if changed else f"{args.path} đã đúng, không cần sửa.")
        return 0
    try:
        portal = load_portal(args.content_dir)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"Nội dung hợp lệ: {len(portal.procedures)} thủ tục trong {len(portal.fields)} lĩnh vực.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
