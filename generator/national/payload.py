"""The national public-service portal's procedure detail (the JSON its `get-formality-by-citizen` API
answers), read strictly: only the keys the importer uses are modelled, but each of those must be there
with the right type, and an enum value we do not know is an error rather than a guess."""

import json
import unicodedata
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ContentError
from ..yamlfile import key_label

MAX_BYTES = 5_000_000  # the largest detail seen is about 60 KB; anything this big is not one procedure

SubmissionMethod = Literal["DIRECT", "ONLINE", "POSTAL"]
TimeUnit = Literal["WORKING_DAY", "DAY", "HOUR", "WORKING_HOUR", "MONTH", "YEAR", "WEEK", "OTHER"]
FeeType = Literal["FEE", "CHARGE", "SERVICE_FEE", "OTHER"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Named(_Strict):
    name: str
    code: str | None = None


class Fee(_Strict):
    type: FeeType
    value: float | None = None
    description: str | None = None
    currencyName: str | None = None


class Method(_Strict):
    submissionMethod: SubmissionMethod
    processingTime: float | None = None
    processingTimeUnit: TimeUnit | None = None
    description: str | None = None
    fees: list[Fee] = []


class Step(_Strict):
    name: str | None = None
    description: str | None = None


class Component(_Strict):
    name: str
    originalQty: int = 0
    copyQty: int = 0


class Case(_Strict):
    name: str | None = None
    profileComponents: list[Component] = []


class Proposal(_Strict):
    proposalNumber: str | None = None
    decisionNumber: str | None = None
    decisionDate: int | None = None
    issuingAgency: Named | None = None


class Formality(_Strict):
    id: str
    code: str
    codeNotation: str | None = None
    name: str
    formalityType: str | None = None
    state: str | None = None
    isWard: bool = False
    isProvince: bool = False
    isMinistry: bool = False
    isOtherAgency: bool = False
    isFullProcess: bool = False
    category: Named | None = None
    executionSteps: list[Step] = []
    executionMethods: list[Method] = []
    executionCases: list[Case] = []
    legalBasisesDetails: list[Named] = []
    resultsDetails: list[Named] = []
    subjectTypesDetails: list[Named] = []
    unitGroupsExecuting: list[Named] = []
    departmentsExecuting: list[Named] = []
    executingAgencies: str | None = None
    unitGroupsAuthority: list[Named] = []
    departmentsAuthority: list[Named] = []
    unitGroupsCoordinating: list[Named] = []
    departmentsCoordinating: list[Named] = []
    coordinatingAgencies: str | None = None
    dossierReceivingAddresses: str | None = None
    requirementsAndConditions: str | None = None
    procedureProposal: Proposal | None = None
    updatedAt: int


class Answer(_Strict):
    code: str | None = None
    data: Formality | None = None
    message: str | None = None


class PayloadError(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


def read_payload(raw: bytes, shown_as: Path) -> Formality:
    """Parse one answer of the API (or its bare `data` object); raise PayloadError with located messages."""
    def fail(message: str, line: int = 1, key: str = "") -> PayloadError:
        return PayloadError([ContentError(shown_as, line, key, message)])

    if len(raw) > MAX_BYTES:
        raise fail(f"tệp quá lớn ({len(raw) / 1e6:.1f} MB) để là dữ liệu của một thủ tục")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail("tệp không phải mã UTF-8; đây không phải dữ liệu tải từ Cổng Dịch vụ công quốc gia") from None
    if text.lstrip()[:1] == "<":
        raise fail("đây là một trang HTML, không phải dữ liệu JSON của thủ tục (có thể là trang báo lỗi hoặc trang đăng "
                   "nhập của cổng); hãy tải lại dữ liệu")
    if not text.strip():
        raise fail("tệp trống; hãy tải lại dữ liệu")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        what = "dữ liệu bị cắt cụt (tải chưa xong?)" if cut else f"JSON không hợp lệ ({exc.msg}) ở cột {exc.colno}"
        raise fail(f"{what}; hãy tải lại dữ liệu", exc.lineno) from None
    except RecursionError:
        raise fail("JSON lồng nhau quá sâu; đây không phải dữ liệu của một thủ tục") from None
    if isinstance(data, dict) and "data" not in data and "code" in data and "name" in data:
        data = {"data": data}  # the bare formality object, as some tools save it
    if isinstance(data, dict) and data.get("data") is None and "data" in data:
        said = data.get("message") or data.get("code") or ""
        raise fail(f"cổng trả lời không có dữ liệu thủ tục ({said}); hãy kiểm tra mã thủ tục", key="data")
    try:
        answer = Answer.model_validate(data)
    except ValidationError as exc:
        lines = _json_lines(text)
        errors = []
        for error in exc.errors():
            path = tuple(error["loc"])
            line = next((lines[path[:end]] for end in range(len(path), -1, -1) if path[:end] in lines), 1)
            errors.append(ContentError(shown_as, line, key_label(path), _message(error)))
        raise PayloadError(errors) from None
    if answer.data is None:
        raise fail("thiếu khóa “data” chứa dữ liệu thủ tục", key="data")
    return answer.data


def _message(error: dict) -> str:
    if error["type"] == "literal_error":
        allowed = error["ctx"]["expected"]
        return (f"giá trị lạ “{error['input']}” (chỉ biết {allowed}); cổng có thể đã đổi dữ liệu, hãy báo nhóm "
                "phát triển trước khi nhập")
    if error["type"] == "missing":
        return "thiếu khóa bắt buộc; dữ liệu tải về không đầy đủ, hãy tải lại"
    return f"sai kiểu dữ liệu (đang là “{str(error['input'])[:60]}”; {error['msg']})"


def _json_lines(text: str) -> dict[tuple, int]:
    """Line of every key path in a JSON text (JSON is YAML's flow style), for located messages; {} if unsure."""
    lines: dict[tuple, int] = {}

    def walk(node, path):
        if len(path) > 40:
            return
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))

    try:
        walk(yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), ())
    except (yaml.YAMLError, RecursionError):
        return {}
    return lines


def clean(text: str | None) -> str:
    """National texts carry tabs, no-break spaces, zero-width characters and Windows line ends; keep the words
    and paragraph breaks, in NFC, so the loader's hidden-character check has nothing to report."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        kind = unicodedata.category(char)
        if char == "\n":
            kept.append(char)
        elif char in "\t\xa0\u2007\u202f" or kind == "Zs":
            kept.append(" ")
        elif kind[0] == "C":
            continue  # controls, format characters (zero-width, bidi), private use
        else:
            kept.append(char)
    lines = [" ".join(line.split()) for line in "".join(kept).split("\n")]
    return "\n".join(lines).strip()
