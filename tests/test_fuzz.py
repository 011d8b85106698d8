"""Fuzzing the content loader and the build with Hypothesis.

The property: whatever an officer's files hold, `load_portal` returns a portal or raises
ContentErrors whose every message names a file of content/, a line of it and says what is wrong in
Vietnamese; quickly and within a memory bound. The real `mkdocs build` over mutated content either
succeeds or fails with those messages, and after a failure the previously built site is unchanged.

Mutations start from the small valid fixture: bytes and YAML tokens spliced into the text; values
replaced by other types, huge, deep, hidden-character or hostile values; keys removed and added;
dates that do not exist. Examples are derandomized, so CI runs the same cases every time.
"""

import copy
import hashlib
import itertools
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HOSTILE_COUNTS, ROOT, make_project
from generator.content import load_portal
from generator.errors import ContentErrors
from generator.opendata import open_data_files
from generator.pages import build_pages
from model_walk import fill, model_for

VALID = ROOT / "tests" / "fixtures" / "valid"
RECORDS = sorted(path.relative_to(VALID).as_posix() for path in VALID.rglob("*.yml"))
TODAY = date(2026, 11, 22)
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
SECONDS_PER_LOAD = 5
MEMORY_HEADROOM = 1 << 30  # bytes of address space a load may add; an alias bomb needs tens of GB

# Tokens that matter to YAML, spliced into the text at random places.
YAML_TOKENS = [": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!int ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ", "!!python/object:os.system ", "---\n", "'", '"',
               "\t", "\n", "  ", "#", "|", ">", "? ", "<<: *a\n", "%YAML 1.1\n", "\x00", "\ufeff", "\u200b", "\r\n",
               "2024-02-30", "0000-01", ".nan", "1e999", "~", "yes", "@", "`"]
HOSTILE_TEXT = ["<script>alert(1)</script>", "javascript:alert(1)", "=HYPERLINK(\"http://x\")", "a\u202eb",
                "Công dân CCCD 001203001234.", "0912-345-678", "Nguyễn Văn An", "x" * 30_000, "đăng ký" * 3000,
                "khai sinh", "\u0110a\u0306ng ky\u0301", "", " ", "2024-13-01", "9999-12-31", "2100-12-31"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.sampled_from(HOSTILE_TEXT),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                                             max_size=4), max_leaves=12)


def _paths(data, path=()):
    """Every key path in plain YAML data, the root included."""
    yield path
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _paths(value, path + (key,))


def _nested(depth: int):
    value = "đáy"
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def structural(draw, data):
    """Change one place in a record's data: replace, drop, add a key, repeat a list, nest deeply."""
    paths = list(_paths(data))
    path = draw(st.sampled_from(paths))
    operation = draw(st.sampled_from(["replace", "replace", "drop", "add", "repeat", "nest"]))
    if not path:
        return draw(values) if operation == "replace" else data
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if operation == "replace":
        parent[key] = draw(values)
    elif operation == "drop":
        del parent[key]
    elif operation == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from([f"{key}x", "khoa_la", str(key).upper()]))] = draw(values)
    elif operation == "repeat":
        parent[key] = [parent[key]] * draw(st.sampled_from([2, 50, 5000]))
    elif operation == "nest":
        parent[key] = _nested(draw(st.sampled_from([3, 30, 200])))
    return data


texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Zl", "Zp")), min_size=1, max_size=300),
    st.sampled_from(HOSTILE_TEXT),
    st.builds(lambda word, count: word * count, st.sampled_from(["khai sinh ", "Đ", "x" * 500 + " "]),
              st.integers(1, 400)),
)


@st.composite
def text_change(draw, name, data):
    """Another text in one of the record's free-text places (found by walking its model): mostly
    still valid, so the build goes on to render it."""
    model = model_for(name)
    places = fill(copy.deepcopy(data), model, "text", lambda old: None)
    chosen, new, seen = draw(st.integers(0, len(places) - 1)), draw(texts), itertools.count()
    fill(data, model, "text", lambda old: new if next(seen) == chosen else None)
    return data


@st.composite
def mutation(draw):
    """(record file, new bytes) for one record of the fixture."""
    name = draw(st.sampled_from(RECORDS))
    text = (VALID / name).read_bytes()
    kind = draw(st.sampled_from(["bytes", "tokens", "structure", "structure", "text", "text"]))
    if kind in ("structure", "text"):
        data = yaml.safe_load(text)
        data = draw(structural(data) if kind == "structure" else text_change(name, data))
        try:
            return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
        except yaml.YAMLError:
            return name, text
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        if kind == "bytes":
            text = text[:where] + draw(st.binary(max_size=8)) + text[where + draw(st.integers(0, 8)):]
        else:
            text = text[:where] + draw(st.sampled_from(YAML_TOKENS)).encode() + text[where:]
    return name, text


def _content_with(folder: Path, name: str, data: bytes) -> Path:
    content = folder / "content"
    shutil.copytree(VALID, content)
    (content / name).write_bytes(data)
    return content


def _check_located(messages: list[str], content: Path) -> None:
    """Every message: "content/<file>:<line>: …" with a real file and line, in Vietnamese."""
    assert messages
    for message in messages:
        where, _, text = message.partition(": ")
        file, _, line = where.rpartition(":")
        path = content.parent / file
        assert file.startswith("content/") and path.exists(), message
        raw = path.read_bytes() if path.is_file() else b""
        lines = raw.count(b"\n") + raw.count(b"\r") + 1  # YAML also breaks lines at a lone CR
        assert 1 <= int(line) <= lines, message
        assert VIETNAMESE & set(text.lower()), message
        assert "Traceback" not in text


class _MemoryBound:
    """Limit the address space while a load runs: a blow-up becomes a MemoryError, not a dead machine."""

    def __enter__(self):
        self.old = resource.getrlimit(resource.RLIMIT_AS)
        in_use = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (in_use + MEMORY_HEADROOM, self.old[1]))

    def __exit__(self, *exc):
        resource.setrlimit(resource.RLIMIT_AS, self.old)


def _count(name: str) -> None:
    HOSTILE_COUNTS[name] = HOSTILE_COUNTS.get(name, 0) + 1


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation())
def test_any_mutation_loads_or_fails_with_located_vietnamese_messages(change):
    name, data = change
    _count("fuzz: mutated portals through the loader")
    with tempfile.TemporaryDirectory() as folder:
        content = _content_with(Path(folder), name, data)
        started = time.perf_counter()
        try:
            with _MemoryBound():
                portal = load_portal(content, TODAY)
                specs = build_pages(portal, TODAY)
                files = list(open_data_files(portal, "https://x.example/", TODAY))
        except ContentErrors as exc:
            _count("fuzz:   of which refused with located messages")
            _check_located([str(error) for error in exc.errors], content)
        else:
            assert specs and files
        assert time.perf_counter() - started < SECONDS_PER_LOAD, name


def _snapshot(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The valid fixture built once; each example starts from a copy of this site."""
    folder = tmp_path_factory.mktemp("fuzz-base")
    config = make_project(folder, VALID, site_url="https://x.example/", site_dir=str(folder / "site"))
    assert _mkdocs_build(config).returncode == 0
    return folder / "site", _snapshot(folder / "site")


def _mkdocs_build(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True, text=True,
                          timeout=180, preexec_fn=_limits,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})


@settings(max_examples=24, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(mutation())
def test_a_mutated_build_succeeds_or_leaves_the_old_site_untouched(built, change):
    base_site, before = built
    name, data = change
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        shutil.copytree(base_site, site)
        config = make_project(Path(folder) / "project", VALID, site_url="https://x.example/", site_dir=str(site))
        content = config.parent / "content"
        (content / name).write_bytes(data)
        result = _mkdocs_build(config)
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode == 0:
            _count("fuzz: mutated portals built by mkdocs")
            assert (site / "index.html").is_file()
        else:
            _count("fuzz: mutated builds refused, old site unchanged")
            assert result.returncode == 1, result.stderr
            _check_located([line.strip() for line in result.stderr.splitlines() if line.strip().startswith("content/")],
                           content)
            assert _snapshot(site) == before, "a refused build changed the published site"
