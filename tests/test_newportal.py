"""A new commune's portal (`python -m generator xa-moi`): no sample data, a list of exactly what to fill
in until it is filled, and a real build once it is."""

import re
import subprocess
import sys

from conftest import ROOT, build

FILLED = {  # what an officer writes in place of «…», by key
    "dien_thoai": "0203 3123 456",
    "duong_day_nong": "0203 3123 456",
    "email": "ubnd@xathu.gov.vn",
    "website": "https://xathu.gov.vn/",
    "ban_do": "https://www.openstreetmap.org/#map=16/21.5/105.8",
    "ngay_cap_nhat": "2026-01-31",
}


def _run(*args):
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})


def _fill(line: str) -> str:
    key = line.split(":", 1)[0].strip().lstrip("- ")
    if key == "site_url":
        return "site_url: https://tthc.xathu.gov.vn/"
    return re.sub(r"«[^»]*»", lambda found: FILLED.get(key) or found.group(0)[1:-1].replace("…", "Thử"), line)


def test_a_new_portal_lists_what_to_fill_in_then_builds(tmp_path):
    folder = tmp_path / "xa-thu"
    created = _run("xa-moi", folder)
    assert created.returncode == 0, created.stderr
    assert not list((folder / "content" / "procedures").iterdir())  # no sample data
    assert "Hòa Bình Mẫu" not in "".join(path.read_text(encoding="utf-8") for path in folder.rglob("*.yml"))
    assert (folder / ".vscode" / "settings.json").is_file() and (folder / "schemas" / "thu-tuc.schema.json").is_file()
    for record in (folder / "content").glob("*.yml"):  # editors other than VS Code find the schema from the file
        first_line = record.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema=../schemas/"), record
        assert (record.parent / first_line.split("=", 1)[1]).is_file(), first_line

    # Before filling in: every place, located, and nothing else.
    checked = _run("check", folder / "content")
    assert checked.returncode == 1
    places = [line for line in checked.stderr.splitlines() if line.startswith("  ")]
    assert places and all(": chưa điền: thay «" in line for line in places), places
    assert any(line.startswith("  mkdocs.yml:5: site_url: chưa điền") for line in places), places
    assert any(line.startswith("  content/bo-phan-mot-cua.yml:7: duong_day_nong: chưa điền") for line in places), places
    refused = build(folder / "mkdocs.yml")
    assert refused.returncode == 1 and "chưa điền" in refused.stderr and "Traceback" not in refused.stderr

    for path in [folder / "mkdocs.yml", *(folder / "content").glob("*.yml")]:
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(line if line.lstrip().startswith("#") else _fill(line) for line in lines) + "\n",
                        encoding="utf-8")
    assert _run("check", folder / "content").returncode == 0
    built = build(folder / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "Xã Thử" in home and "Dữ liệu mẫu" not in home


def test_a_new_portal_is_never_written_over_an_existing_one(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Xã đã có\n", encoding="utf-8")
    refused = _run("xa-moi", tmp_path)
    assert refused.returncode == 1 and "đã có tệp" in refused.stderr
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Xã đã có\n"
