"""Load and check everything under content/ into one Portal, or raise ContentErrors listing every problem.

Each record kind is a model plus a place in content/ (RECORD_FILES, RECORD_FOLDERS); checks that
span several records (duplicate codes, links between records, files on disk) follow the loading.
"""

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from .errors import ContentError, ContentErrors
from .models import Desk, Feedback, Field, FieldList, LateList, Notice, Plan, Procedure, SearchWords, Statistics, Unit
from .placeholders import unfilled
from .privacy import personal_data_problems
from .text import fold, short_date
from .validation import validate
from .yamlfile import YamlFile, read_yaml

RECORD_FILES = {"unit": ("don-vi.yml", Unit), "desk": ("bo-phan-mot-cua.yml", Desk),
                "feedback": ("phan-anh-kien-nghi.yml", Feedback), "field_list": ("linh-vuc.yml", FieldList)}
OPTIONAL_RECORD_FILES = {"search_words": ("tim-kiem.yml", SearchWords)}
SHIPPED_SEARCH_WORDS = Path(__file__).parent / "data" / "tim-kiem.yml"  # the generator's own thesaurus
RECORD_FOLDERS = {"procedures": ("procedures", Procedure), "notices": ("notices", Notice),
                  "late_lists": ("late-dossiers", LateList), "statistics": ("statistics", Statistics),
                  "plans": ("plans", Plan)}
FIELDS_FILE = "content/linh-vuc.yml"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YAML_SUFFIXES = (".yml", ".yaml")  # in any case: Windows hides the difference between .yml and .YML


@dataclass
class Portal:
    """All validated content, independent of any site generator. Folder records are keyed by file name."""

    content_dir: Path
    unit: Unit
    desk: Desk
    feedback: Feedback
    fields: list[Field]
    procedures: list[Procedure]  # in field order, then alphabetical
    notices: dict[str, Notice] = field(default_factory=dict)  # newest first
    late_lists: dict[str, LateList] = field(default_factory=dict)  # newest month first
    statistics: dict[str, Statistics] = field(default_factory=dict)  # newest period first
    plans: dict[str, Plan] = field(default_factory=dict)  # newest first
    files: dict[str, Path] = field(default_factory=dict)  # "forms/x.pdf" -> file on disk
    search_words: SearchWords = field(default_factory=SearchWords)  # the commune's entries, then the shipped ones

    def procedures_in(self, field_code: str) -> list[Procedure]:
        return list(self._by_field.get(field_code, []))

    @cached_property
    def _by_field(self) -> dict[str, list[Procedure]]:
        grouped = {}
        for proc in self.procedures:
            grouped.setdefault(proc.linh_vuc, []).append(proc)
        return grouped

    def field(self, field_code: str) -> Field:
        return next(item for item in self.fields if item.ma == field_code)

    def procedure(self, code: str) -> Procedure | None:
        return next((proc for proc in self.procedures if proc.ma_thu_tuc == code), None)


class _Loaded:
    """A validated record with the file it came from, for cross-record error messages."""

    def __init__(self, record: BaseModel, source: YamlFile, slug: str):
        self.record, self.source, self.slug = record, source, slug


# The last record read from each file by this process, with the hash of the bytes it was read from:
# under `mkdocs serve` a save re-reads and re-validates only the files that changed. Records are frozen.
_READ: dict[tuple[Path, Path, type], tuple[str, _Loaded | None, list[ContentError]]] = {}


def _load_record(path: Path, shown: Path, model: type[BaseModel], digest: str | None) -> tuple[_Loaded | None, list[ContentError]]:
    """A file's validated record (None if it has errors) and its errors; `digest` is the hash of the
    file's bytes (None when it could not be read: read_yaml then says why)."""
    if digest and (found := _READ.get((path, shown, model))) and found[0] == digest:
        return found[1], found[2]
    source = read_yaml(path, shown)
    errors = list(source.errors)
    loaded = None
    if not errors:
        if getattr(model, "no_personal_data", False):
            errors.extend(source.error(key_path, message) for key_path, message in personal_data_problems(source.data))
        record, problems = validate(model, source)
        errors.extend(problems)
        source.data = None  # the record holds it now; kept, the raw copy doubled a province's memory
        if record is not None:
            errors.extend(source.error(key_path, message) for key_path, message in _all_problems(record))
            loaded = _Loaded(record, source, path.stem)
    if digest:
        _READ[path, shown, model] = digest, loaded, errors
    return loaded, errors


def load_portal(content_dir: Path, today: date | None = None) -> Portal:
    """`today` is the build date: a late-dossier list may only be published once its month is over."""
    content_dir = Path(content_dir)
    today = today or date.today()
    errors: list[ContentError] = []

    def shown(path: Path) -> Path:  # paths as the officer sees them
        return path.relative_to(content_dir.parent)

    listing = _Listing(content_dir)
    errors.extend(ContentError(shown(path), 1, "", message) for path, message in listing.unsafe)
    if errors:  # a link could lead anywhere on the machine: nothing is read until it is gone
        raise ContentErrors(errors)
    # Each file is read once here; the records of files whose bytes did not change since the last
    # load (`mkdocs serve`) are not read again.
    digests, marked = _read_all(listing.yaml_files)
    # A new portal's «…» (newportal.py), in its records and its mkdocs.yml: the first list to work through.
    settings = content_dir.parent / "mkdocs.yml"
    if errors := unfilled(marked + ([settings] if settings.is_file() else []), shown):
        raise ContentErrors(errors)

    def load(path: Path, model: type[BaseModel]) -> _Loaded | None:
        if path not in digests:
            errors.append(ContentError(shown(path), 1, "", "thiếu tệp bắt buộc này"))
            return None
        loaded, problems = _load_record(path, shown(path), model, digests[path])
        errors.extend(problems)
        return loaded

    singles = {name: load(content_dir / file_name, model) for name, (file_name, model) in RECORD_FILES.items()}
    search_words = _search_words(content_dir, digests, shown, errors)
    folders, complete = {}, {}
    for name, (folder, model) in RECORD_FOLDERS.items():
        paths, problems = _record_paths(content_dir / folder, listing.folders.get(content_dir / folder))
        errors.extend(ContentError(shown(path), 1, "", message) for path, message in problems)
        for path in paths:
            if not _SLUG.match(path.stem) and name != "procedures":
                errors.append(ContentError(shown(path), 1, "", "tên tệp chỉ dùng chữ thường không dấu, số và dấu gạch "
                                                              "ngang, ví dụ 2025-10.yml; tên tệp là một phần địa chỉ trang"))
        folders[name] = [item for item in (load(path, model) for path in paths) if item]
        # References into a kind are checked only when all its files loaded: a broken file
        # already has its own error, and must not make every reference to it an error too.
        complete[name] = len(folders[name]) == len(paths)

    fields = singles["field_list"].record.linh_vuc if singles["field_list"] else []
    if singles["field_list"]:
        _check_unique_fields(singles["field_list"], errors)
    files = {}
    procedure_codes = {item.record.ma_thu_tuc for item in folders["procedures"]} if complete["procedures"] else None
    statistics = {item.slug for item in folders["statistics"]} if complete["statistics"] else None
    files.update(_check_procedures(folders["procedures"], fields, singles["field_list"] is not None, procedure_codes,
                                   content_dir, errors))
    files.update(_check_notices(folders["notices"], content_dir, errors))
    _check_late_lists(folders["late_lists"], procedure_codes, today, errors)
    _check_plans(folders["plans"], statistics, errors)

    if errors:
        raise ContentErrors(errors)
    order = {item.ma: index for index, item in enumerate(fields)}
    procedures = sorted((item.record for item in folders["procedures"]),
                        key=lambda proc: (order[proc.linh_vuc], _sort_name(proc.ten_thu_tuc)))

    def newest(items: list[_Loaded], key) -> dict:
        return {item.slug: item.record for item in sorted(items, key=lambda item: key(item.record), reverse=True)}

    return Portal(
        content_dir, singles["unit"].record, singles["desk"].record, singles["feedback"].record, fields, procedures,
        notices=newest(folders["notices"], lambda notice: (notice.ngay, notice.tieu_de)),
        late_lists=newest(folders["late_lists"], lambda late: late.thang),
        statistics=newest(folders["statistics"], lambda stats: stats.den_ngay),
        plans=newest(folders["plans"], lambda plan: plan.ngay_ban_hanh),
        files=files,
        search_words=search_words,
    )


def _search_words(content_dir: Path, digests: dict[Path, str | None], shown, errors: list) -> SearchWords:
    """The commune's optional content/tim-kiem.yml first (its words win), then the generator's own."""
    file_name, model = OPTIONAL_RECORD_FILES["search_words"]
    commune = content_dir / file_name
    sources = [(commune, shown(commune), digests[commune])] if commune in digests else []
    shipped, _ = _read_all([SHIPPED_SEARCH_WORDS])  # parsed once per process, like any unchanged record
    sources.append((SHIPPED_SEARCH_WORDS, Path("generator/data/tim-kiem.yml"), shipped[SHIPPED_SEARCH_WORDS]))
    merged = SearchWords()
    for path, shown_as, digest in sources:
        loaded, problems = _load_record(path, shown_as, model, digest)
        errors.extend(problems)
        if loaded:
            record = loaded.record
            merged = SearchWords(tu_dien=merged.tu_dien + record.tu_dien, noi_khac=merged.noi_khac + record.noi_khac)
    return merged


def read_fields(content_dir: Path) -> tuple[list[Field], list[ContentError]]:
    """The field list alone, for tools that add procedures to a portal (the importer)."""
    path = Path(content_dir) / RECORD_FILES["field_list"][0]
    source = read_yaml(path, Path(FIELDS_FILE))
    if source.errors:
        return [], source.errors
    record, errors = validate(FieldList, source)
    return (record.linh_vuc if record else []), errors


def _all_problems(record: BaseModel, key_path: tuple = ()) -> list[tuple[tuple, str]]:
    """Cross-key rules of a record and of every record nested in it, with full key paths."""
    found = [(key_path + path, message) for path, message in record.problems()]
    for key in type(record).model_fields:
        value = getattr(record, key)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                found += _all_problems(item, key_path + ((key,) if index is None else (key, index)))
    return found


@cache  # `mkdocs serve` sorts the same names after every save
def _sort_name(name: str) -> str:
    """Alphabetical as a reader expects: without diacritics, ignoring the leading word "Thủ tục"."""
    return fold(name).removeprefix("thu tuc ")


def _check_unique_fields(loaded: _Loaded, errors: list) -> None:
    seen = {}
    for index, item in enumerate(loaded.record.linh_vuc):
        if item.ma in seen:
            errors.append(loaded.source.error(("linh_vuc", index, "ma"),
                                              f"mã lĩnh vực “{item.ma}” bị trùng với mục thứ {seen[item.ma] + 1}"))
        seen.setdefault(item.ma, index)


def _check_procedures(loaded: list[_Loaded], fields: list[Field], fields_ok: bool, codes: set[str] | None,
                      content_dir: Path, errors: list):
    files = {}
    first_with_code: dict[str, _Loaded] = {}
    field_codes = {item.ma for item in fields}
    for item in loaded:
        proc, source = item.record, item.source
        first = first_with_code.setdefault(proc.ma_thu_tuc, item)
        if first is not item:
            errors.append(source.error(("ma_thu_tuc",), f"mã thủ tục “{proc.ma_thu_tuc}” đã dùng ở "
                                       f"{first.source.path.as_posix()}:{first.source.line_of(('ma_thu_tuc',))}"))
        if fields_ok and proc.linh_vuc not in field_codes:
            errors.append(source.error(("linh_vuc",), f"lĩnh vực “{proc.linh_vuc}” chưa có trong linh-vuc.yml; "
                                       f"các mã đang có: {', '.join(sorted(field_codes))}"))
        for group_index, group in enumerate(proc.thanh_phan_ho_so):
            for doc_index, doc in enumerate(group.giay_to):
                if doc.mau_don:
                    key_path = ("thanh_phan_ho_so", group_index, "giay_to", doc_index, "mau_don")
                    files.update(_check_file(doc.mau_don, "forms", key_path, source, content_dir, errors))
    for item in loaded:
        replacement = item.record.bai_bo.thay_the_boi if item.record.bai_bo else None
        if replacement and codes is not None and replacement not in codes:
            errors.append(item.source.error(("bai_bo", "thay_the_boi"),
                                            f"không có thủ tục nào mang mã “{replacement}” trong procedures/"))
    return files


def _check_notices(loaded: list[_Loaded], content_dir: Path, errors: list):
    files = {}
    for item in loaded:
        for index, attachment in enumerate(item.record.dinh_kem):
            files.update(_check_file(attachment.tep, "attachments", ("dinh_kem", index, "tep"), item.source,
                                     content_dir, errors))
    return files


def _check_late_lists(loaded: list[_Loaded], procedure_codes: set[str] | None, today: date, errors: list) -> None:
    for item in loaded:
        late = item.record
        if item.slug != late.thang:
            errors.append(item.source.error(("thang",), f"tên tệp phải là {late.thang}.yml để mỗi tháng có một danh sách"))
        if late.period_end >= today:
            errors.append(item.source.error(("thang",), f"tháng {late.month_label} chưa kết thúc (hôm nay là "
                                            f"{short_date(today)}); chỉ công bố danh sách trễ hạn sau khi hết tháng"))
        elif late.ngay_cong_bo > today:
            errors.append(item.source.error(("ngay_cong_bo",), f"ngày công bố {short_date(late.ngay_cong_bo)} chưa đến "
                                            f"(hôm nay là {short_date(today)})"))
        for index, dossier in enumerate(late.ho_so):
            if procedure_codes is not None and dossier.ma_thu_tuc not in procedure_codes:
                errors.append(item.source.error(("ho_so", index, "ma_thu_tuc"),
                                                f"không có thủ tục nào mang mã “{dossier.ma_thu_tuc}” trong procedures/"))


def _check_plans(loaded: list[_Loaded], statistics: set[str] | None, errors: list) -> None:
    for item in loaded:
        for index, target in enumerate(item.record.chi_tieu):
            if target.thong_ke and statistics is not None and target.thong_ke not in statistics:
                errors.append(item.source.error(("chi_tieu", index, "thong_ke"),
                                                f"không có tệp statistics/{target.thong_ke}.yml"))


def _check_file(reference: str, folder: str, key_path: tuple, source: YamlFile, content_dir: Path, errors: list):
    relative = PurePosixPath(reference)
    if relative.is_absolute() or ".." in relative.parts or relative.parts[0] != folder or len(relative.parts) < 2:
        errors.append(source.error(key_path, f"tệp phải nằm trong thư mục content/{folder}/, ví dụ {folder}/to-khai.pdf"))
        return {}
    if not (content_dir / relative).is_file():
        errors.append(source.error(key_path, f"không tìm thấy tệp content/{reference}"))
        return {}
    return {reference: content_dir / relative}


class _Listing:
    """content/ listed once, from the directory entries alone (no call per file to ask what it is, on
    Linux and Windows alike): what must not be read, each folder's entries, and every YAML file."""

    def __init__(self, content_dir: Path):
        self.unsafe: list[tuple[Path, str]] = []
        self.folders: dict[Path, list[tuple[Path, bool]]] = {}  # folder -> [(path, is a folder)], by name
        self.yaml_files: list[Path] = []
        pending = [content_dir]
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as entries:
                    entries = sorted(entries, key=lambda entry: entry.name)
            except OSError as exc:
                self.unsafe.append((folder, f"không đọc được thư mục ({exc.strerror}); hãy kiểm tra quyền đọc thư mục"))
                continue
            self.folders[folder] = []
            for entry in entries:
                path = folder / entry.name
                # Symbolic links and special files anywhere under content/: a link to /etc/passwd named
                # like a form would be published, and reading a named pipe would hang the build.
                if entry.is_symlink():
                    self.unsafe.append((path, "là liên kết (symlink), không phải tệp thật; hãy chép chính tệp vào "
                                              "content/ (nội dung chỉ được lấy từ trong thư mục content/)"))
                elif entry.is_dir(follow_symlinks=False):
                    self.folders[folder].append((path, True))
                    pending.append(path)
                elif entry.is_file(follow_symlinks=False):
                    self.folders[folder].append((path, False))
                    if path.suffix.lower() in YAML_SUFFIXES:
                        self.yaml_files.append(path)
                else:
                    self.unsafe.append((path, "không phải tệp thông thường; hãy xóa khỏi content/"))
        self.unsafe.sort()
        self.yaml_files.sort()


def _read_all(paths: list[Path]) -> tuple[dict[Path, str | None], list[Path]]:
    """The hash of each file's bytes (None if it cannot be read), and the files that hold a «."""
    digests, marked = {}, []
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError:
            digests[path] = None
            continue
        digests[path] = hashlib.sha256(raw).hexdigest()
        if "«".encode() in raw:
            marked.append(path)
    return digests, marked


def _record_paths(folder: Path, entries: list[tuple[Path, bool]] | None) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The YAML files of a record folder (its `entries`, None if it is not a folder), and a problem for
    every other file in it: Notepad's "1.001193.yml.txt" must not be left out without a word. Hidden
    files and editors' backups ("name~") are skipped."""
    paths, problems, stems = [], [], {}
    for path, is_folder in entries or []:
        if path.name.startswith(".") or path.name.endswith("~"):
            continue
        if is_folder:
            problems.append((path, "thư mục con không được đọc; hãy để các tệp .yml ngay trong thư mục "
                                   f"{folder.name}/"))
        elif path.suffix.lower() not in YAML_SUFFIXES:
            name = re.sub(r"[.]ya?ml$", "", path.stem, flags=re.IGNORECASE) + ".yml"  # "x.yml.txt" -> "x.yml"
            problems.append((path, f"tệp không có đuôi .yml nên không được đọc; hãy đổi tên thành {name} hoặc "
                                   f"chuyển tệp ra khỏi thư mục {folder.name}/"))
        elif path.stem in stems:
            problems.append((path, f"trùng tên với tệp {stems[path.stem].name}; mỗi bản ghi chỉ được có một tệp"))
        else:
            stems[path.stem] = path
            paths.append(path)
    return paths, problems
