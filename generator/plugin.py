"""MkDocs adapter: hands MkDocs the pages, QR codes and search index that the generator makes.

Content is loaded and validated in on_config, before MkDocs cleans site_dir, so a bad record
fails the build with every error listed and the previously built site stays untouched. Under
`mkdocs serve` a bad record builds a preview of nothing but the errors instead (preview.py).
"""

import atexit
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import material as material_theme
from jinja2 import BaseLoader, ChoiceLoader, DictLoader, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader
from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory
from mkdocs.utils.yaml import yaml_load

from . import hosting, preview, search, static, templating
from .content import load_portal
from .errors import ContentErrors
from .filecache import package_version, source_version, write_whole
from .fingerprint import fingerprint
from .hosting import fingerprinted_name
from .markup import fix_material_markup
from .pages import build_pages
from .searchterms import everyday_names

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
_NOT_BUILT = "chưa xây dựng trang web, trang cũ vẫn giữ nguyên. Sửa các lỗi dưới đây rồi chạy lại lệnh"


class PortalConfig(Config):
    content_dir = opt.Dir(exists=True, default="content")
    search = opt.Type(bool, default=True)  # index with Pagefind after the build
    precompress = opt.Type(bool, default=True)  # write .gz copies for hosts that serve them (nginx gzip_static)
    cache_dir = opt.Type(str, default=".cache/tthc")  # QR codes, cards, compiled templates kept between builds; "" for none


class PortalPlugin(BasePlugin[PortalConfig]):
    def on_startup(self, *, command, dirty):
        global _dirty_serve
        _dirty_serve = command == "serve" and dirty
        if _dirty_serve:
            # The plugin keeps a `--dirty` preview exact (pages whose inputs changed are rendered, a
            # deleted record's files removed), so MkDocs' warning after every save would only alarm.
            logging.getLogger("mkdocs.commands.build").addFilter(
                lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))

    def on_serve(self, server, config, builder):
        # After a change MkDocs waits 0.1 s for more before it builds. Its watcher looks every 0.5 s and
        # reports all it found in one go, so 20 ms still gathers a save's changes, and the officer waits less.
        server.build_delay = min(server.build_delay, 0.02)
        return server

    def on_config(self, config):
        # A kept site folder (`--dirty`) is not emptied: the stopped indexing may finish exiting while
        # this build runs (0.2 s at 2,000 procedures), and is waited for before the next one starts.
        _end_previous_preview(wait=not _dirty_serve)
        self.site_url = published_site_url(config)
        self.previewing = self.site_url != config.site_url  # under `mkdocs serve`
        if not self.site_url:
            raise PluginError(
                "Thiếu site_url trong mkdocs.yml: mã QR cần địa chỉ đầy đủ của trang, "
                "ví dụ site_url: https://tthc.xa-mau.gov.vn/"
            )
        self.today = date.today()
        self.broken = None
        if self.previewing:
            make_env = config.theme.get_env
            config.theme.get_env = lambda: _with_remembered_listing(make_env(), config.theme)
        try:
            self.portal = load_portal(Path(self.config.content_dir), self.today)
        except ContentErrors as exc:
            if not self.previewing:  # stop before site_dir is touched
                raise PluginError(exc.report(_NOT_BUILT)) from None
            # `mkdocs serve`: a preview of nothing but the errors, so the open tab and every page
            # loaded show them (preview.py), instead of an old page or a request that never answers.
            self.broken = exc
            self.built = datetime.now()
            # The time makes each failed rebuild's report new: MkDocs prints a message it has printed
            # before only once per run, and the officer must see the list again after every save.
            log.error(exc.report(f"trang chưa được cập nhật (lần dựng lúc {self.built:%H:%M:%S}). "
                                 "Sửa các lỗi dưới đây rồi lưu lại"))
            config.theme.static_templates.clear()
            return config
        self.everyday = everyday_names(self.portal)  # the thesaurus's words for each procedure: pages and search
        self.pages = {spec.src_uri: spec for spec in build_pages(self.portal, self.today, self.everyday)}
        config.site_name = material_text(config.site_name)
        if config.site_description:
            config.site_description = material_text(config.site_description)
        return config

    def on_files(self, files, config):
        if self.broken:
            return Files([])
        # Material's JavaScript (instant loading, its own search with lunr) and source maps are not
        # used: the theme's pages work without them, so they are neither loaded nor published.
        palette = bool(config.theme.get("palette"))
        for file in [file for file in files if _unused_theme_asset(file.src_uri, palette)]:
            files.remove(file)
        self.assets = self._fingerprint_own_assets(files, config)
        self.digests = {}
        self.site_digest = self._site_digest(config) if self.previewing else None
        self.page_paths = set()
        for spec in self.pages.values():
            file = File.generated(config, spec.src_uri, content="")  # its meta is set in on_page_markdown
            self.page_paths.add(file.dest_uri)
            if spec.nav_section is None:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if self.site_digest and self._unchanged(spec) and _dirty_serve and Path(file.abs_dest_path).is_file():
                file.is_modified = lambda: False  # `mkdocs serve --dirty`: the page written before stays
            files.append(file)
        for path, content in static.static_files(self.portal, self.site_url, self.cache_dir(config)):
            files.append(File.generated(config, path, content=content))
        self.static_written = {file.dest_uri: _keep_if_written(file) for file in files
                               if file.generated_by and not file.is_documentation_page()} if _dirty_serve else {}
        # One process per core for the heavy work (QR codes and cards now, search and gzip after the
        # pages), forked here before MkDocs renders anything. A thread writes each QR code and card as it
        # comes, while MkDocs renders the pages: kept for the end, a province's took 230 MB.
        self.pool = ProcessPoolExecutor(max_workers=_usable_cores())
        self.writer = ThreadPoolExecutor(max_workers=1)
        present = {path: key for path, key in _written.items()
                   if key and os.path.isfile(os.path.join(config.site_dir, path))} if _dirty_serve else {}
        self.procedures_written = self.writer.submit(dict, static.procedure_files(
            self.portal, self.site_url, Path(config.site_dir), self.pool, self.cache_dir(config), present))
        if not config.nav:
            config.nav = _navigation(self.pages.values(), files)
        return files

    def _site_digest(self, config) -> str | None:
        """What every page is made from besides its own records: the settings, the theme, the portal-wide
        values the templates show (unit, desk, fields…), the list of pages and the navigation, the build date."""
        portal = self.portal
        theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        return fingerprint(
            Path(config.config_file_path).read_bytes(),
            [(str(path), path.read_bytes()) for path in sorted(theme.rglob("*")) if path.is_file()] if theme else [],
            package_version("mkdocs"), package_version("mkdocs-material"), self.assets, self.site_url, self.today,
            templating.portal_values(portal, self.site_url, self.previewing),
            {reference: path.stat().st_size for reference, path in portal.files.items()},
            [(spec.src_uri, spec.title, spec.nav_section) for spec in self.pages.values() if spec.nav_section is not None],
            sorted(self.pages))  # which pages exist (the links between them), not their order

    def cache_dir(self, config) -> Path | None:
        return Path(config.config_file_path).parent / self.config.cache_dir if self.config.cache_dir else None

    def _fingerprint_own_assets(self, files, config) -> dict[str, str]:
        """Publish our theme's CSS and JS under names with a content hash, so hosts may cache them for
        a year (see hosting.py); returns {"assets/tthc.css": "assets/tthc.<hash>.css", ...}."""
        if not config.theme.custom_dir:
            return {}
        theme_dir = Path(config.theme.custom_dir).resolve()
        renamed = {}
        for file in list(files):
            if file.src_uri.endswith((".css", ".js")) and Path(file.abs_src_path or "/").resolve().is_relative_to(theme_dir):
                content = file.content_bytes
                renamed[file.src_uri] = fingerprinted_name(file.src_uri, content)
                files.remove(file)
                files.append(File.generated(config, renamed[file.src_uri], content=content))
        config.extra_css = [renamed.get(path, path) for path in config.extra_css]
        return renamed

    def on_env(self, env, config, files):
        if self.broken:
            return env
        env.autoescape = templating.autoescape_own_templates(config.theme.custom_dir)
        if self.cache_dir(config):
            # MkDocs makes a new environment for every build; compiling its and Material's templates
            # again each time would cost about a second per `mkdocs serve` rebuild. Jinja checks each
            # cached template against its source; the compiled code also depends on how our filters take
            # their arguments, on the escaping rule and on Jinja itself, hence a folder per version of those.
            folder = self.cache_dir(config) / "jinja" / source_version(
                [Path(templating.__file__), Path(__file__)], ["jinja2", "mkdocs", "mkdocs-material"])
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.parent.iterdir():  # an earlier version's templates are never loaded again
                if old != folder:
                    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        templating.register(env, self.portal, self.site_url, self.assets, preview=self.previewing)
        # "material/partials/nav.html" is Material's own, for the theme's override that caches it.
        material = Path(material_theme.__file__).parent / "templates"
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(str(material))}),
                                   DictLoader({_REUSED: "{{ reused_html }}"})])
        rendered = {}  # a new environment, so a new cache, for every build

        def once_per_key(key, caller):
            if key not in rendered:
                rendered[key] = caller()
            return rendered[key]

        env.globals["once_per_key"] = once_per_key
        return env

    def on_page_markdown(self, markdown, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec:
            page.meta = {"title": material_text(spec.title), "description": material_text(spec.description),
                         "template": spec.template, "hide": ["toc"]}
            if spec.updated:
                page.update_date = spec.updated.isoformat()  # sitemap.xml's lastmod
            if self.site_digest and self._unchanged(spec):
                page.meta["template"] = _REUSED  # written as the previous build rendered it
        return markdown

    def _unchanged(self, spec) -> bool:
        """Under `mkdocs serve`: whether the page is made from the same inputs as in the previous build."""
        if spec.src_uri not in self.digests:
            self.digests[spec.src_uri] = fingerprint(
                self.site_digest, spec.src_uri, spec.title, spec.description, spec.template, spec.nav_section,
                spec.updated, spec.context)
        digest = self.digests[spec.src_uri]
        return bool(digest) and _RENDERED.get(spec.src_uri, ("",))[0] == digest

    def on_page_context(self, context, page, config, nav):
        if page.meta.get("template") == _REUSED:
            context["reused_html"] = Markup(_RENDERED[page.file.src_uri][1])
        elif spec := self.pages.get(page.file.src_uri):
            context.update(spec.context)
        return context

    def on_post_page(self, output, page, config):
        if page.meta.get("template") == _REUSED:
            return output
        output = fix_material_markup(unicodedata.normalize("NFC", output))
        if digest := self.digests.get(page.file.src_uri):
            _RENDERED[page.file.src_uri] = digest, output
        return output

    def on_post_template(self, output_content, template_name, config):
        # Static templates (404.html; sitemap.xml passes through unchanged).
        return fix_material_markup(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        if self.broken:
            if _dirty_serve:  # MkDocs kept the pages: every address must give the list of errors
                _end_previous_preview()
                clean_directory(str(site_dir))
                _RENDERED.clear()
                _written.clear()
            (site_dir / "404.html").write_text(preview.error_page(self.broken, self.built), encoding="utf-8")
            return
        written = dict.fromkeys(self.page_paths, "") | self.static_written | self.procedures_written.result()
        self.writer.shutdown()
        if _dirty_serve:
            for path in set(_written) - set(written):  # a deleted record's page, QR code and card, a removed form
                (site_dir / path).unlink(missing_ok=True)
        _written.clear()
        _written.update(written)
        for uri in set(_RENDERED) - set(self.pages):
            del _RENDERED[uri]
        if self.previewing:
            # `mkdocs serve` reloads the open page as soon as this returns. Open data and the search word
            # lists follow, written by a thread that the next build waits for (a second at 2,000
            # procedures); the search index too, made by a process of its own that the next build stops if
            # a newer save comes first; its server sends no .gz copies. Both start once the browser has
            # had the time to reload the page: started at once, they made that reload 0.3 s slower.
            self.pool.shutdown()
            _end_previous_preview()  # the stopped indexing has exited: an older index is not written after this one
            global _writing
            _writing = threading.Timer(_RELOAD_TIME, _finish_preview, args=(site_dir, static.catalogue_files(
                self.portal, self.site_url, self.today, self.everyday), self.config.search))
            _writing.daemon = True
            _writing.start()
            return
        # Written one by one, each file freed before the next is made (a province's open data is 100 MB).
        _write_files(site_dir, static.catalogue_files(self.portal, self.site_url, self.today, self.everyday))
        if self.config.search:
            try:
                count = search.build_index(site_dir, pool=self.pool)
            except search.IndexingError as error:
                raise PluginError(str(error)) from None
            log.info("Pagefind: đã lập chỉ mục tìm kiếm cho %d trang", count)
        if self.config.precompress:
            hosting.precompress(site_dir, pool=self.pool)
        self.pool.shutdown()

    def on_build_error(self, error):
        if getattr(self, "pool", None):
            self.pool.shutdown(cancel_futures=True)
            self.writer.shutdown(wait=False)


_indexing: subprocess.Popen | None = None  # the search indexing of the last `mkdocs serve` build
_dirty_serve = False  # `mkdocs serve --dirty`: the site folder is kept between builds
_written: dict[str, str] = {}  # what the last build wrote to the site folder: pages, and generated files by hash or key


_writing: threading.Timer | None = None  # open data, search word lists and index of the last `mkdocs serve` build


_RELOAD_TIME = 0.5  # seconds a browser takes to reload a page once MkDocs tells it the build is over


def _finish_preview(site_dir: Path, files, index: bool) -> None:
    """The search index (a process of its own, at low priority) and the files made from every record."""
    global _indexing
    if index:
        here = str(Path(search.__file__).parent.parent)  # where this generator package is imported from
        path = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
        _indexing = subprocess.Popen([sys.executable, "-m", "generator.search", str(site_dir)],
                                     env={**os.environ, "PYTHONPATH": path})
        if hasattr(os, "setpriority"):  # not on Windows
            os.setpriority(os.PRIO_PROCESS, _indexing.pid, 10)  # the next save comes first
    _write_files(site_dir, files)


@atexit.register
def _end_previous_preview(wait: bool = True):
    """Before a build, and when `mkdocs serve` stops: the previous preview's files are finished, or not
    begun if a newer save came first (the newer build makes its own), and its search indexing, if still
    running, is stopped. `wait`: until the indexing process has exited."""
    if _writing:
        _writing.cancel()
        _writing.join()
    if _indexing and _indexing.poll() is None:
        _indexing.terminate()
        if wait:
            _indexing.wait()


def _keep_if_written(file: File) -> str:
    """`mkdocs serve --dirty`: a generated file (a form, a card, our CSS…) already written with the same
    bytes by the build before is left as it is. Returns the sha256 of its bytes."""
    digest = hashlib.sha256(file.content_bytes).hexdigest()
    if _written.get(file.dest_uri) == digest and Path(file.abs_dest_path).is_file():
        file.is_modified = lambda: False
    return digest


def _write_files(site_dir: Path, files) -> None:
    for path, content in files:
        write_whole(site_dir / path, content)  # the preview's server never sends half a file


# Under `mkdocs serve`: each page's HTML from the builds before, with the digest of what it was made from.
_RENDERED: dict[str, tuple[str, str]] = {}
_REUSED = "tthc-reused-page.html"  # a template that writes a page's earlier HTML as it was


class _RememberedListing(BaseLoader):
    """The theme's loader, listing its files from the list made at the first build of a `mkdocs serve`
    session. MkDocs lists them at every build to find the theme's static files: 14,500 files, nearly all
    of them Material's icons, cost 0.1 s of every rebuild. Files under hidden folders (those icons) are
    left out of the list: MkDocs never copies them."""

    def __init__(self, loader: BaseLoader, key):
        self.loader, self.key = loader, key

    def get_source(self, environment, template):
        return self.loader.get_source(environment, template)

    def list_templates(self):
        if self.key not in _LISTINGS:
            _LISTINGS[self.key] = [name for name in self.loader.list_templates() if not name.startswith(".")]
        return _LISTINGS[self.key]


_LISTINGS: dict[tuple, list[str]] = {}


def _with_remembered_listing(env, theme):
    # Installed themes do not change during a session; the custom folder's own files may.
    custom = sorted(str(path) for path in Path(theme.custom_dir).rglob("*")) if theme.custom_dir else []
    env.loader = _RememberedListing(env.loader, (tuple(theme.dirs), tuple(custom)))
    return env


def published_site_url(config) -> str | None:
    """site_url as written in mkdocs.yml. `mkdocs serve` replaces it with its own address before any
    plugin runs; that address must never reach a QR code or a printed page, or the posters an officer
    prints from the preview would point to the laptop."""
    host, port = config.dev_addr
    if not config.site_url or urlsplit(config.site_url).netloc != f"{host}:{port}":
        return config.site_url
    with open(config.config_file_path, "rb") as file:
        return (yaml_load(file) or {}).get("site_url")


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):  # Linux: the cores this process may run on
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # Windows, macOS


def material_text(text: str) -> Markup:
    """Every text the generator hands to Material (site name, page titles and descriptions, navigation)
    passes here, once. Material's templates print these without escaping; escaped and marked as
    Markup, they print right there and in our autoescaping templates alike, never twice escaped."""
    return escape(text)


def _unused_theme_asset(src_uri: str, palette: bool) -> bool:
    return (src_uri.startswith("assets/javascripts/") or src_uri.endswith(".map")
            or (src_uri.startswith("assets/stylesheets/palette.") and not palette))


def _navigation(specs, files) -> list:
    """Sections and fields only, never each procedure; then the officers' own Markdown pages."""
    nav, sections = [], {}
    for spec in specs:
        if spec.nav_section is None:
            continue
        entry = {material_text(spec.title): spec.src_uri}
        if not spec.nav_section:
            nav.append(entry)
        elif spec.nav_section in sections:
            sections[spec.nav_section].append(entry)
        else:
            sections[spec.nav_section] = [entry]
            nav.append({material_text(spec.nav_section): sections[spec.nav_section]})
    generated = {spec.src_uri for spec in specs}
    return nav + [file.src_uri for file in files.documentation_pages() if file.src_uri not in generated]
