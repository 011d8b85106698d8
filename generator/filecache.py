"""Files kept on disk between builds, named by a hash of everything that made them.

QR codes and preview cards take most of a large portal's first build; an officer's next build, or
`mkdocs serve` after each save, finds them here unless the procedure's name, code or address, or the
code that draws them, has changed. Deleting the folder is always safe.
"""

import hashlib
import os
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path


class FileCache:
    def __init__(self, folder: Path | None, version: str):
        self.folder = Path(folder) if folder else None
        self.version = version  # changes whenever the code or fonts that make the files change

    def key(self, *parts: str) -> str:
        return hashlib.sha256("\0".join((self.version, *parts)).encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / key[:2] / key).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, key: str) -> bool:
        return self.folder is not None and os.path.isfile(f"{self.folder}/{key[:2]}/{key}")  # thousands a build

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        write_whole(self.folder / key[:2] / key, data)

    def place(self, key: str, target: Path) -> bool:
        """Put the kept file at `target` (replacing what is there), as a hard link: nothing is read or
        copied, three times as fast as writing the bytes on this kind of disk (bench/RESULTS.md). A copy
        where links are not possible (another file system). False if the cache does not hold it."""
        if self.folder is None:
            return False
        kept = self.folder / key[:2] / key
        temporary = target.with_name(target.name + ".tmp")
        temporary.unlink(missing_ok=True)
        try:
            os.link(kept, temporary)
        except FileNotFoundError:
            return False
        except OSError:
            try:
                shutil.copyfile(kept, temporary)
            except FileNotFoundError:
                return False
        # Replaced, never written into: the file at `target` may be a link to another kept file.
        temporary.replace(target)
        return True


def write_whole(path: Path, data: bytes) -> None:
    """Write through a temporary file, so that no reader (a later build, a server) ever finds half a file,
    even if the build is interrupted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def source_version(paths: list[Path], packages: list[str]) -> str:
    """The cache's version: a hash of these files' bytes (modules, fonts) and these packages' versions.
    Worked out once per process: the process runs the code it imported, whatever is on disk later."""
    return _source_version(tuple(Path(path) for path in paths), tuple(packages))


@cache
def _source_version(paths: tuple[Path, ...], packages: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    for package in packages:
        digest.update(f"{package}=={package_version(package)}".encode())
    return digest.hexdigest()[:16]


@cache  # looking a package up costs 5-15 ms, several times per `mkdocs serve` rebuild
def package_version(package: str) -> str:
    return metadata.version(package)
