"""Content errors: every problem found in content/, with file, line and key, in Vietnamese."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    file: Path
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file.as_posix()}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ContentErrors(Exception):
    """Raised once, after all content has been checked, with every error found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [f"Nội dung có {count} lỗi, chưa xây dựng trang web (trang cũ vẫn giữ nguyên):"]
        lines += [f"  {error}" for error in self.errors]
        return "\n".join(lines)
