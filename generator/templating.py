"""Jinja filters and globals the theme's templates use, and the escaping rule for the templates.

MkDocs renders themes without autoescaping. `autoescape_own_templates` turns it on for every
template in our theme folder, macros included, so any HTML typed into a YAML field is shown as
text, never run, without a template having to ask for it. Markup that we build ourselves is
marked safe where it is built (each `Markup(` here and in charts.py and structured.py says why).
"""

import re
from collections import Counter
from pathlib import Path, PurePosixPath

from jinja2 import pass_context
from markupsafe import Markup

from . import charts, static, structured
from .models.common import tel_link
from .search import FOLD_MARKER
from .searchterms import search_fold
from .text import long_date, sentence_case, short_date, split_first_clause


def copies(document) -> str:
    """"1 bản chính, 2 bản sao" from a document's counts."""
    parts = []
    if document.ban_chinh:
        parts.append(f"{document.ban_chinh} bản chính")
    if document.ban_sao:
        parts.append(f"{document.ban_sao} bản sao")
    return ", ".join(parts)


def file_label(path: Path) -> str:
    """"PDF, 245 KB" for a download link."""
    size = path.stat().st_size
    shown = f"{max(size / 1024, 1):.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{path.suffix.lstrip('.').upper()}, {shown}"


def number(value: float | int | None, digits: int = 1) -> str:
    """Vietnamese number format: 1.234,5 (thousands dot, decimal comma); "—" when there is no value."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.removesuffix(",0") if isinstance(value, float) else text


def breakable_url(url: str) -> Markup:
    """An address shown as text that wraps only after a "/": each part up to its slashes is kept whole
    (browsers would otherwise break at a hyphen, "thu-" / "tuc", or mid-code on a narrow QR label)."""
    parts = re.findall(r"[^/]*/+|[^/]+", url)
    # Markup.format escapes each part; the spans and <wbr> are ours.
    return Markup("<wbr>").join(Markup('<span class="tthc-url">{}</span>').format(part) for part in parts)


def autoescape_own_templates(theme_dir: Path):
    """Jinja's `autoescape` for MkDocs' environment: on for every template our theme folder holds
    (the loader looks there first, so the name is enough), off for Material's, which print HTML they
    build themselves and receive their texts already escaped (plugin.py's material_text)."""
    theme_dir = Path(theme_dir)
    return lambda name: name is None or (theme_dir / name).is_file()


def _at_render(function):
    """A filter that takes the render context, which Jinja never runs at compile time (see register)."""
    return pass_context(lambda context, value: function(value))


def register(env, portal, site_url: str, assets: dict[str, str] | None = None, preview: bool = False) -> None:
    """`assets` maps theme files to their published, fingerprinted names; `preview`: built by
    `mkdocs serve`, whose pages say that their QR codes lead to `site_url`."""
    assets = assets or {}
    # Filters that read this build's values (asset names, records, the site's address). Jinja runs a filter
    # on a constant when it compiles the template, and compiled templates are cached between builds
    # (plugin.on_env): `{{ 'assets/search.js' | asset }}` would keep an old build's name. So these run
    # only when a page is rendered.
    build_values = dict(
        asset=lambda path: assets.get(path, path),
        file_label=lambda reference: file_label(portal.files[reference]),
        absolute=lambda path: static.absolute_url(site_url, path),
    )
    env.filters.update({name: _at_render(function) for name, function in build_values.items()})
    env.filters.update(  # pure functions of their arguments
        long_date=long_date,
        short_date=short_date,
        copies=copies,
        search_fold=search_fold,
        sentence_case=sentence_case,
        split_first_clause=split_first_clause,
        number=number,
        json_ld=structured.json_ld,
        tel=tel_link,
        qr_path=static.qr_path,
        download_path=static.download_path,
        file_name=lambda reference: PurePosixPath(reference).name,
        breakable_url=breakable_url,
        card=static.card_path,
    )
    env.globals.update(
        portal_values(portal, site_url, preview),
        fold_marker=Markup(FOLD_MARKER),  # a constant comment, replaced before indexing (search.py)
        stacked_bars=charts.stacked_bars,
        government_service=lambda proc, field, url: structured.government_service(proc, field, portal.unit, portal.desk, url),
        government_office=lambda url: structured.government_office(portal.unit, portal.desk, url),
        notices_feed=static.NOTICES_FEED,
    )


def portal_values(portal, site_url: str, preview: bool) -> dict:
    """The portal-wide values every page's templates may show. `mkdocs serve` reuses a page only if these
    are unchanged (plugin.py), so any such value must be added here, not straight to the globals."""
    return dict(
        unit=portal.unit,
        desk=portal.desk,
        portal_feedback=portal.feedback,
        portal_fields=[(item, len(portal.procedures_in(item.ma))) for item in portal.fields],
        # The search filters' choices, written into the page so the home page loads no search code.
        online_labels=sorted(Counter(proc.online_label for proc in portal.procedures).items()),
        preview_site_url=site_url if preview else None,
    )
