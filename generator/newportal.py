"""A new commune's portal in a folder of its own: `python -m generator xa-moi <folder>` writes mkdocs.yml
and the records every portal needs (unit, desk, feedback addresses, fields) from generator/data/xa-moi/,
with «…» where the commune's own facts go, and no sample data. Until every «…» is replaced, a build or
`check` lists just those places (placeholders.py).
"""

import shutil
from pathlib import Path

from .content import RECORD_FOLDERS
from .schema import write_editor_settings, write_schemas

TEMPLATE = Path(__file__).parent / "data" / "xa-moi"
THEME = Path(__file__).resolve().parent.parent / "theme"  # the generator's theme, shared by every portal
# Every record kind's folder, and those of forms, attachments and free pages: empty, ready to fill.
_FOLDERS = [folder for folder, _ in RECORD_FOLDERS.values()] + ["forms", "attachments", "pages"]


class FolderNotEmpty(Exception):
    pass


def create_portal(folder: Path) -> list[Path]:
    """Write a new portal into `folder` (new or empty); returns the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise FolderNotEmpty(folder)
    shutil.copytree(TEMPLATE, folder, dirs_exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("{theme_dir}", THEME.as_posix()), encoding="utf-8")
    for name in _FOLDERS:
        (folder / "content" / name).mkdir(parents=True, exist_ok=True)
    write_schemas(folder / "schemas")
    write_editor_settings(folder / ".vscode" / "settings.json")
    return sorted(path for path in folder.rglob("*") if path.is_file())
