"""Read one YAML file into plain data plus the line of every key, so errors can point at it.

Whatever the file holds, reading it ends in data or in located Vietnamese errors: never a traceback,
a hang or a memory blow-up. The limits below are far above any real record (a procedure is about
200 values deep 5) and far below what would hurt the build machine.
"""

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .errors import ContentError
from .text import INVISIBLE, nfc

try:  # libyaml scans about 15 times faster than PyYAML's Python scanner and still gives line marks
    from yaml._yaml import CParser as _Parser

    _LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _LIBYAML = False
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

MAX_BYTES = 2_000_000  # a late list of 1,000 dossiers is about 400 KB
MAX_DEPTH = 32  # records nest about 5 levels deep
MAX_NODES = 200_000  # values after expanding aliases (*name): stops "billion laughs" documents

_TEXT_KEYS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"}  # "<<: *base" merges, as YAML allows

KeyPath = tuple  # a key path such as ("can_cu_phap_ly", 0, "ngay_ban_hanh")

# PyYAML's messages are English; officers get a Vietnamese hint with the original kept for search.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "có dấu hai chấm “: ” trong giá trị; hãy đặt cả giá trị trong dấu nháy kép",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên khóa",
    "did not find expected key": "thụt lề không thẳng hàng hoặc thiếu dấu “- ” đầu mục",
    "did not find expected '-' indicator": "thụt lề không thẳng hàng trong danh sách",
    "cannot start any token": "giá trị không được bắt đầu bằng ký tự này (như @ hoặc `); hãy đặt giá trị trong dấu nháy kép",
    "found unexpected end of stream": "thiếu dấu nháy đóng",
    "found undefined alias": "dấu * chỉ dùng được trong dấu nháy",
    "expected <block end>, but found": "thụt lề không thẳng hàng",
    "expected a single document": "tệp chỉ được có một bản ghi; hãy bỏ dòng “---” thứ hai",
    "found duplicate anchor": "tên tham chiếu “&” bị đặt hai lần",
    "found unhashable key": "tên khóa phải là chữ, không phải danh sách hay nhóm khóa",
    "could not determine a constructor": "giá trị có thẻ “!” lạ; hãy bỏ thẻ hoặc đặt giá trị trong dấu nháy kép",
    "did not find expected <document start>": "dòng này không thuộc khóa nào; hãy kiểm tra thụt lề hoặc thêm “khóa: ”",
    "did not find expected ',' or '}'": "thiếu dấu phẩy giữa các mục hoặc dấu đóng ngoặc }",
    "did not find expected ',' or ']'": "thiếu dấu phẩy giữa các mục hoặc dấu đóng ngoặc ]",
    "block sequence entries are not allowed": "dấu “- ” đầu mục đặt sai chỗ; mỗi mục danh sách ở một dòng riêng, "
                                              "thụt lề dưới tên khóa",
    "did not find expected node content": "thiếu giá trị (sau dấu phẩy, dấu “- ” hoặc dấu hai chấm)",
    "did not find expected comment or line break": "sau dấu | hoặc > phải xuống dòng rồi mới viết nội dung",
    "mapping keys are not allowed": "dấu hai chấm hoặc dấu “? ” đặt sai chỗ; hãy đặt giá trị trong dấu nháy kép",
}

_CHARACTER_KINDS = {"Cc": "ký tự điều khiển", "Co": "ký tự riêng của phông chữ", "Cn": "ký tự chưa có trong Unicode"}


@dataclass
class YamlFile:
    path: Path  # as shown in messages, relative to the project
    data: object
    lines: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    def line_of(self, key_path: KeyPath) -> int:
        """Line of the nearest key on `key_path` that exists in the file (missing keys: their parent)."""
        for end in range(len(key_path), -1, -1):
            if key_path[:end] in self.lines:
                return self.lines[key_path[:end]]
        return 1

    def error(self, key_path: KeyPath, message: str) -> ContentError:
        return ContentError(self.path, self.line_of(key_path), key_label(key_path), message)


def key_label(key_path: KeyPath) -> str:
    """("thanh_phan_ho_so", 0, "giay_to", 1, "ten") -> "thanh_phan_ho_so[1].giay_to[2].ten" (1-based)."""
    label = ""
    for part in key_path:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


class _ReadError(yaml.MarkedYAMLError):
    """A problem found while reading, whose `problem` is already in Vietnamese."""


class _Resolver(Resolver):
    """YAML 1.1 without timestamps: dates stay text until the model reads them, so an impossible date
    such as 2024-02-30 gets the model's located message instead of a ValueError from PyYAML."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class _Constructor(SafeConstructor):
    """SafeConstructor whose typed values fail with a located error: given an explicit tag (!!int abc,
    !!bool maybe, !!timestamp 2024-02-30), PyYAML's own constructors raise ValueError or KeyError."""


def _located(construct):
    def construct_or_explain(loader, node):
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except Exception:  # noqa: BLE001 - whatever a constructor raises, the officer gets the line
            raise _ReadError(None, None, f"giá trị “{_shown(node)}” không đọc được theo thẻ “{node.tag}”; hãy bỏ thẻ "
                             "hoặc sửa giá trị", node.start_mark) from None
    return construct_or_explain


# Text, lists and mappings, nine values in ten, cannot fail this way and keep PyYAML's constructors.
for _tag, _construct in SafeConstructor.yaml_constructors.items():
    if _tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
        _Constructor.add_constructor(_tag, _located(_construct))


class _FastLoader(_Parser, _Constructor, _Resolver):
    """libyaml's parser and composer: the fastest, but its composer recurses in C without a limit and
    repeats aliases without counting them, so it reads only files that can have neither (_is_plain)."""

    def __init__(self, text: str):
        _Parser.__init__(self, text)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


class _CountingLoader(Composer, _Parser, _Constructor, _Resolver):
    """libyaml's parser with PyYAML's composer, which counts depth and alias expansions as it makes
    nodes, and stops at MAX_DEPTH and MAX_NODES with a located error."""

    def __init__(self, text: str):
        _Parser.__init__(self, text)
        Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0
        self.nodes = 0  # nodes made so far, each alias counting as the whole node it repeats
        self.sizes = {}  # id(node) -> its expanded size, once complete

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:
                if id(target) not in self.sizes:
                    raise _ReadError(None, None, f"tham chiếu “*{event.anchor}” nằm trong chính giá trị nó trỏ tới "
                                     "(vòng lặp không có điểm dừng)", event.start_mark)
                self._count(self.sizes[id(target)], event)
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _ReadError(None, None, _TOO_DEEP, event.start_mark)
        start = self.nodes
        node = super().compose_node(parent, index)
        self.depth -= 1
        self._count(1, event)
        self.sizes[id(node)] = self.nodes - start
        return node

    def _count(self, size: int, event) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise _ReadError(None, None, f"tệp có quá {MAX_NODES:,} giá trị khi mở rộng các tham chiếu “*”".replace(",", ".")
                             + "; hãy ghi giá trị trực tiếp thay vì dùng & và *", event.start_mark)


_TOO_DEEP = f"lồng nhau quá {MAX_DEPTH} tầng; hãy kiểm tra thụt lề và dấu ngoặc [ {{"


_FAST_NESTING = 1000  # libyaml's composer was checked to 3,000 levels, also in a thread


def _is_plain(text: str) -> bool:
    """No anchor, so no alias; and so few places where a level can open (an entry, a key, a bracket, a
    new line) that libyaml's composer cannot recurse deeply. _record_lines then stops anything beyond
    MAX_DEPTH before Python recurses."""
    openings = sum(map(text.count, ("\n", "- ", "-\t", "? ", "?\t", "[", "{")))
    return _LIBYAML and "&" not in text and openings <= _FAST_NESTING


def read_yaml(path: Path, shown_as: Path) -> YamlFile:
    result = YamlFile(shown_as, None)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        result.errors.append(ContentError(shown_as, 1, "", f"không đọc được tệp ({exc.strerror}); hãy kiểm tra quyền đọc tệp"))
        return result
    if len(raw) > MAX_BYTES:
        result.errors.append(ContentError(shown_as, 1, "", f"tệp quá lớn ({len(raw) / 1e6:.1f} MB, tối đa "
                                                           f"{MAX_BYTES / 1e6:.0f} MB); một bản ghi không thể dài như vậy"))
        return result
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        result.errors.append(ContentError(shown_as, line, "", "tệp không phải mã UTF-8; hãy lưu lại tệp với mã UTF-8"))
        return result
    loader = _FastLoader(text) if _is_plain(text) else _CountingLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _record_lines(node, (), result)
            if INVISIBLE.search(text) or "\\" in text:  # typed, or written as an escape such as "\u200b"
                _report_hidden(node, (), result)
            if not result.errors:  # a file with errors is not used; and it may be too deep to construct
                result.data = nfc(loader.construct_document(node))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = exc.problem if isinstance(exc, _ReadError) else _syntax_message(exc, text, mark)
        result.errors.append(ContentError(shown_as, line, "", message))
    except yaml.reader.ReaderError as exc:
        line = text.encode()[: exc.position].count(b"\n") + 1  # libyaml counts the position in UTF-8 bytes
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        result.errors.append(ContentError(shown_as, line, "", f"tệp có ký tự điều khiển không in được (mã "
                                                              f"{code:#06x}); hãy xóa ký tự này"))
    except yaml.YAMLError as exc:
        result.errors.append(ContentError(shown_as, 1, "", f"lỗi cú pháp YAML ({exc})"))
    finally:
        loader.dispose()
    return result


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, mark) -> str:
    original = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    if "maximum nesting depth" in original:  # newer libyaml stops deep nesting itself
        return _TOO_DEEP
    if mark and text[mark.index : mark.index + 1] == "\t":  # libyaml's message does not name the tab
        hint = "không dùng phím Tab để thụt lề, hãy dùng dấu cách"
    else:
        hint = next((vi for en, vi in _SYNTAX_HINTS.items() if en in original), "cú pháp không đúng")
    return f"lỗi cú pháp YAML: {hint} (PyYAML: {original})"


def _record_lines(node, key_path: KeyPath, result: YamlFile) -> None:
    """Note the line of every key, and report duplicate keys, keys that are not text and nesting beyond
    MAX_DEPTH, each where it stands. A node repeated by an alias is walked once per place it is used
    (MAX_NODES bounds that)."""
    result.lines.setdefault(key_path, node.start_mark.line + 1)
    if len(key_path) >= MAX_DEPTH:
        result.errors.append(ContentError(result.path, node.start_mark.line + 1, "", _TOO_DEEP))
        return
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag in _TEXT_KEYS):
                result.errors.append(ContentError(result.path, line, key_label(key_path),
                                                  f"tên khóa phải là chữ, ví dụ ten_thu_tuc (đang là “{_shown(key_node)}”); "
                                                  "nếu là giá trị, hãy đặt sau dấu hai chấm"))
                continue
            key = nfc(key_node.value)
            if key in seen:
                result.errors.append(ContentError(
                    result.path, line, key_label(key_path + (key,)),
                    f"khóa bị lặp lại (đã có ở dòng {seen[key]}); mỗi khóa chỉ được ghi một lần"))
            seen[key] = line
            result.lines.setdefault(key_path + (key,), line)
            _record_lines(value_node, key_path + (key,), result)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, key_path + (index,), result)


def _report_hidden(node, key_path: KeyPath, result: YamlFile) -> None:
    """Report the first hidden character of every key and value, with its position."""
    if len(key_path) >= MAX_DEPTH:  # already reported by _record_lines
        return
    if isinstance(node, yaml.ScalarNode):
        _check_visible(node.value, key_path, node.start_mark.line + 1, result)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = nfc(str(key_node.value)) if isinstance(key_node, yaml.ScalarNode) else ""
            _check_visible(key, key_path + (key,), key_node.start_mark.line + 1, result)
            _report_hidden(value_node, key_path + (key,), result)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _report_hidden(item, key_path + (index,), result)


def _check_visible(text: str, key_path: KeyPath, line: int, result: YamlFile) -> None:
    found = INVISIBLE.search(text)
    if found:
        char = found.group()
        name = _CHARACTER_KINDS.get(unicodedata.category(char)) or unicodedata.name(char, "không có tên")
        result.errors.append(ContentError(
            result.path, line, key_label(key_path),
            f"có ký tự vô hình U+{ord(char):04X} ({name}) ở ký tự thứ {found.start() + 1}; hãy xóa ký tự này "
            "(thường lẫn vào khi chép từ trang web hoặc Word)"))


def _shown(node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else "danh sách hoặc nhóm khóa"
