"""MkDocs adapter: hands MkDocs the pages, QR codes and search index that the generator makes.

Content is loaded and validated in on_config, before MkDocs cleans site_dir, so a bad record
fails the build with every error listed and the previously built site stays untouched.
"""

import json
from html import escape
import logging
import unicodedata
from datetime import date
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from . import search, static, templating
from .content import load_portal
from .errors import ContentErrors
from .pages import PageSpec, build_pages

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class PortalConfig(Config):
    content_dir = opt.Dir(exists=True, default="content")
    search = opt.Type(bool, default=True)  # index with Pagefind after the build


class PortalPlugin(BasePlugin[PortalConfig]):
    def on_config(self, config):
        if not config.site_url:
            raise PluginError(
                "Thiếu site_url trong mkdocs.yml: mã QR cần địa chỉ đầy đủ của trang, "
                "ví dụ site_url: https://tthc.xa-mau.gov.vn/"
            )
        try:
            self.portal = load_portal(Path(self.config.content_dir))
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        self.today = date.today()
        self.pages = {spec.src_uri: spec for spec in build_pages(self.portal, self.today)}
        return config

    def on_files(self, files, config):
        for spec in self.pages.values():
            # Material prints title and description without escaping, so they are escaped here.
            front_matter = {
                "title": escape(spec.title),
                "description": escape(spec.description),
                "template": spec.template,
                "hide": ["toc"],
            }
            file = File.generated(config, spec.src_uri, content=_front_matter(front_matter))
            if spec.nav_section is None:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        for path, content in static.static_files(self.portal, config.site_url, self.today):
            files.append(File.generated(config, path, content=content))
        if not config.nav:
            config.nav = _navigation(self.pages.values(), files)
        return files

    def on_env(self, env, config, files):
        templating.register(env, self.portal, config.site_url)
        return env

    def on_page_markdown(self, markdown, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec and spec.updated:
            page.update_date = spec.updated.isoformat()  # sitemap.xml's lastmod
        return markdown

    def on_page_context(self, context, page, config, nav):
        spec = self.pages.get(page.file.src_uri)
        if spec:
            context.update(spec.context)
        return context

    def on_post_page(self, output, page, config):
        return unicodedata.normalize("NFC", output)

    def on_post_build(self, config):
        if self.config.search:
            count = search.build_index(Path(config.site_dir))
            log.info("Pagefind: đã lập chỉ mục tìm kiếm cho %d trang", count)


def _navigation(specs, files) -> list:
    """Sections and fields only, never each procedure; then the officers' own Markdown pages."""
    nav, sections = [], {}
    for spec in specs:
        if spec.nav_section is None:
            continue
        entry = {spec.title: spec.src_uri}
        if not spec.nav_section:
            nav.append(entry)
        elif spec.nav_section in sections:
            sections[spec.nav_section].append(entry)
        else:
            sections[spec.nav_section] = [entry]
            nav.append({spec.nav_section: sections[spec.nav_section]})
    generated = {spec.src_uri for spec in specs}
    return nav + [file.src_uri for file in files.documentation_pages() if file.src_uri not in generated]


def _front_matter(meta: dict) -> str:
    # JSON is valid YAML and escapes every character that could break the front matter.
    return "---\n" + "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()) + "\n---\n"
