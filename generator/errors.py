"""Content errors: every problem found in content/, with file, line and key, in Vietnamese."""

from dataclasses import dataclass
from pathlib import Path

from .text import printable


@dataclass(frozen=True, order=True)
class ContentError:
    file: Path
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{printable(self.file.as_posix())}:{self.line}"
        text = f"{self.key}: {self.message}" if self.key else self.message
        return f"{where}: {printable(text)}"  # keys and values quoted from the file may hold anything


class ContentErrors(Exception):
    """Raised once, after all content has been checked, with every error found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self, outcome: str | None = None) -> str:
        """Every error, one `file:line: key: message` a line, under what the errors stopped (`outcome`)."""
        lines = [f"Nội dung có {len(self.errors)} lỗi" + (f"; {outcome}:" if outcome else ":")]
        lines += [f"  {error}" for error in self.errors]
        return "\n".join(lines)
