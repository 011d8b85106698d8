"""Read one YAML file into plain data plus the line of every key, so errors can point at it."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError
from .text import nfc

try:  # libyaml is about 20 times faster and still gives line marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

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
}


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


def read_yaml(path: Path, shown_as: Path) -> YamlFile:
    result = YamlFile(shown_as, None)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        result.errors.append(ContentError(shown_as, line, "", "tệp không phải mã UTF-8; hãy lưu lại tệp với mã UTF-8"))
        return result
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _record_lines(node, (), result)
            result.data = nfc(loader.construct_document(node))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        result.errors.append(ContentError(shown_as, line, "", _syntax_message(exc, text, mark)))
    except yaml.YAMLError as exc:
        result.errors.append(ContentError(shown_as, 1, "", f"lỗi cú pháp YAML ({exc})"))
    finally:
        loader.dispose()
    return result


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, mark) -> str:
    original = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    if mark and text[mark.index : mark.index + 1] == "\t":  # libyaml's message does not name the tab
        hint = "không dùng phím Tab để thụt lề, hãy dùng dấu cách"
    else:
        hint = next((vi for en, vi in _SYNTAX_HINTS.items() if en in original), "cú pháp không đúng")
    return f"lỗi cú pháp YAML: {hint} (PyYAML: {original})"


def _record_lines(node, key_path: KeyPath, result: YamlFile) -> None:
    result.lines.setdefault(key_path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key_node, value_node in node.value:
            key = nfc(key_node.value) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
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
