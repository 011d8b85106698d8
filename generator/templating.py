"""Jinja filters and globals the theme's templates use.

MkDocs renders themes without autoescaping, so our templates wrap their blocks in
{% autoescape true %}: any HTML typed into a YAML field is shown as text, never run.
"""

from pathlib import Path

from markupsafe import Markup

from . import static
from .search import FOLD_MARKER
from .text import fold, long_date, short_date, split_first_clause


def copies(document) -> str:
    """"1 bản chính, 2 bản sao" from a document's counts."""
    parts = []
    if document.ban_chinh:
        parts.append(f"{document.ban_chinh} bản chính")
    if document.ban_sao:
        parts.append(f"{document.ban_sao} bản sao")
    return ", ".join(parts)


def file_size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def register(env, portal, site_url: str) -> None:
    env.filters.update(
        long_date=long_date,
        short_date=short_date,
        copies=copies,
        fold=fold,
        split_first_clause=split_first_clause,
        qr_path=static.qr_path,
        form_path=static.form_path,
        form_size=lambda mau_don: file_size(portal.form_files[mau_don]),
        absolute=lambda path: static.absolute_url(site_url, path),
    )
    env.globals.update(
        unit=portal.unit,
        portal_fields=[(item, len(portal.procedures_in(item.ma))) for item in portal.fields],
        fold_marker=Markup(FOLD_MARKER),
    )
