"""Places a new portal's templates (generator/data/xa-moi/) leave for the commune's own facts: «…».
A build or `check` lists every one left, and nothing else, until all are filled: a short list of what to
write, rather than the errors the placeholders themselves would cause."""

import re
from pathlib import Path

from .errors import ContentError

_PLACEHOLDER = re.compile(r"«[^»]*»")


def unfilled(paths: list[Path], shown) -> list[ContentError]:
    """Every «…» left in the YAML `paths` (comments aside), as an error naming file, line and key;
    `shown` gives a path as the officer knows it."""
    errors = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if "«" not in text:  # nearly every file of a working portal: no need to read it line by line
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("#") or not (found := _PLACEHOLDER.search(line)):
                continue
            key = line.split(":", 1)[0].strip().lstrip("- ").strip() if ":" in line else ""
            errors.append(ContentError(shown(path), number, key, f"chưa điền: thay {found.group(0)} bằng thông tin thật của xã"))
    return errors
