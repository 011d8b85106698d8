"""Corrections to Material's markup, so every published page is valid HTML (the Nu checker in tests)."""

import re

# Material 9.8 writes autocomplete="off" on its checkbox toggles, where HTML does not allow it
# (it only kept Firefox from restoring a toggle's state), and tabindex="" on nav labels that
# need no tabindex. Dropping both changes nothing a reader sees or does.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = ' tabindex=""'


def fix_material_markup(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html).replace(_EMPTY_TABINDEX, "")
