"""Command line: `check` validates content without building; `serve` serves a built site with a real host's
cache headers; `nhap` imports procedures from the national database; `doi-chieu` compares the commune's
procedures with national data; `huong-dan` rewrites the key tables of the officers' guide; `schema` writes the records' JSON Schemas for editors;
`xa-moi` starts a new commune's portal."""

import argparse
import sys
from datetime import date
from pathlib import Path

from .content import load_portal
from .errors import ContentErrors
from .server import serve_forever
from .keyguide import update_guide
from .newportal import FolderNotEmpty, create_portal
from .schema import write_editor_settings, write_schemas
from .national.drift import report
from .national.fetch import PORTAL_API
from .national.importer import describe, plan_import, read_inputs, write


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Kiểm tra nội dung cổng công khai TTHC")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="kiểm tra toàn bộ thư mục content/ và liệt kê mọi lỗi")
    check.add_argument("content_dir", nargs="?", default="content", type=Path)
    guide = commands.add_parser("huong-dan", help="cập nhật bảng khóa trong HUONG-DAN.md theo mô hình dữ liệu")
    guide.add_argument("path", nargs="?", default="HUONG-DAN.md", type=Path)
    new = commands.add_parser("xa-moi", aliases=["new"], help="tạo cổng mới cho một xã trong thư mục mới: mkdocs.yml, "
                              "đơn vị, Bộ phận Một cửa, nơi phản ánh kiến nghị, lĩnh vực; chỗ cần điền ghi «…»")
    new.add_argument("folder", type=Path)
    commands.add_parser("schema", help="ghi lược đồ JSON của các loại hồ sơ vào schemas/ và .vscode/settings.json, "
                                       "để VS Code gợi ý khóa và báo lỗi ngay khi gõ")
    serve = commands.add_parser("serve", help="phục vụ trang đã dựng (site/) như máy chủ thật: nén gzip, thời hạn bộ nhớ đệm")
    serve.add_argument("site_dir", nargs="?", default="site", type=Path)
    serve.add_argument("--port", type=int, default=8000)
    nhap = commands.add_parser("nhap", help="nhập thủ tục từ Cơ sở dữ liệu quốc gia (tệp JSON, thư mục, hoặc mã thủ tục "
                                            "khi có --tai); giữ nguyên các khóa riêng của xã")
    nhap.add_argument("inputs", nargs="+", help="tệp .json, thư mục chứa tệp .json, hoặc mã thủ tục như 1.001193")
    nhap.add_argument("--content", default="content", type=Path, help="thư mục nội dung (mặc định content)")
    nhap.add_argument("--linh-vuc", dest="field", help="mã lĩnh vực cho thủ tục mới, khi tên lĩnh vực quốc gia khác tên của xã")
    nhap.add_argument("--tai", nargs="?", const=PORTAL_API, metavar="DIA_CHI",
                      help=f"tải theo mã từ cổng (mặc định {PORTAL_API}); cần mạng")
    nhap.add_argument("--thu", action="store_true", help="chỉ in những gì sẽ đổi, không ghi tệp")
    drift = commands.add_parser("doi-chieu", help="đối chiếu thủ tục của xã với dữ liệu quốc gia, in báo cáo rà soát")
    drift.add_argument("inputs", nargs="+", help="tệp .json hoặc thư mục chứa dữ liệu quốc gia của các thủ tục")
    drift.add_argument("--content", default="content", type=Path)
    drift.add_argument("--ra", type=Path, help="ghi báo cáo vào tệp này (Markdown) thay vì in ra màn hình")
    args = parser.parse_args(argv)
    if args.command in ("nhap", "doi-chieu"):
        return _national(args)
    if args.command == "serve":
        if not (args.site_dir / "index.html").is_file():
            print(f"{args.site_dir} không phải trang đã dựng (thiếu index.html); hãy chạy mkdocs build trước.",
                  file=sys.stderr)
            return 1
        serve_forever(args.site_dir, args.port)
        return 0
    if args.command in ("xa-moi", "new"):
        try:
            written = create_portal(args.folder)
        except FolderNotEmpty:
            print(f"Thư mục {args.folder} đã có tệp; hãy chọn một thư mục mới hoặc thư mục trống.", file=sys.stderr)
            return 1
        print(f"Đã tạo cổng mới trong {args.folder} ({len(written)} tệp). Tiếp theo:\n"
              f"  1. Thay mọi chỗ «…» trong {args.folder}/mkdocs.yml và {args.folder}/content/*.yml bằng thông tin thật;\n"
              f"     python -m generator check {args.folder}/content liệt kê những chỗ còn thiếu.\n"
              f"  2. Nhập thủ tục: python -m generator nhap <mã thủ tục> --tai --content {args.folder}/content\n"
              f"  3. Xem thử: cd {args.folder} rồi chạy mkdocs serve")
        return 0
    if args.command == "schema":
        for path in write_schemas():
            print(f"Đã ghi {path}.")
        print(f"Đã ghi {write_editor_settings()}: mở thư mục này bằng VS Code (có tiện ích YAML của Red Hat).")
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


def _national(args) -> int:
    try:
        payloads = read_inputs(args.inputs, getattr(args, "tai", None))
        if args.command == "doi-chieu":
            portal = load_portal(args.content)
            text = report(portal, {formality.code: formality for _, formality in payloads}, date.today())
            if args.ra:
                args.ra.write_text(text, encoding="utf-8")
                print(f"Đã ghi báo cáo đối chiếu vào {args.ra}.")
            else:
                print(text, end="")
            return 0
        plans = plan_import(payloads, args.content, date.today(), args.field)
    except ContentErrors as exc:
        print(exc.report("chưa ghi tệp nào"), file=sys.stderr)
        return 1
    for plan in plans:
        print(describe(plan))
    if not args.thu:
        write(plans)
    written = sum(1 for plan in plans if plan.new or plan.changes)
    print(f"{'Sẽ ghi' if args.thu else 'Đã ghi'} {written} tệp; {len(plans) - written} thủ tục không có gì thay đổi.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
