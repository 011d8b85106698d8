"""Vietnamese search terms, made at build time and matched the same way by the browser (theme's search.js).

- `search_fold`: what a citizen may type for a word: no marks, no case, đ as d (so old and new tone
  placement, hoà/hòa, thuỷ/thủy, fold to one), and i for a syllable's lone final y (ký/kí, lý/lí,
  quý/quí, mỹ/mĩ are one sound written two ways).
- `syllable_pairs`: adjacent syllables joined ("giay chung tu" -> "giaychung chungtu"), indexed for names,
  so a query whose words stand together in a name finds it before pages where they stand apart.
- `everyday_names`: the thesaurus's everyday words for each procedure whose official name contains one of
  the entry's official phrases, so an imported procedure is found by the words people use.
"""

import re
from collections import Counter
from functools import lru_cache

from .text import fold

_LONE_Y = re.compile(r"\b(qu|[bcdghklmnprstvx]{1,2})y\b")


@lru_cache(maxsize=1 << 16)  # the same names are folded several times a build, and again on every serve rebuild
def search_fold(text: str) -> str:
    return _LONE_Y.sub(r"\1i", fold(text))


def syllable_pairs(folded: str) -> list[str]:
    words = folded.split()
    return [first + second for first, second in zip(words, words[1:])]


def everyday_names(portal) -> dict[str, list[str]]:
    """Procedure code -> the thesaurus's everyday words that lead to it (in the thesaurus's order)."""
    global _matched
    entries = tuple((tuple(f" {search_fold(phrase)} " for phrase in entry.tim_thay), tuple(entry.goi_la))
                    for entry in portal.search_words.tu_dien)
    if _matched[0] != entries:
        _matched = entries, {}
    found = _matched[1]
    for proc in portal.procedures:
        name = f" {search_fold(proc.ten_thu_tuc)} "
        if name not in found:
            words = [word for official, everyday in entries if any(phrase in name for phrase in official) for word in everyday]
            found[name] = list(dict.fromkeys(words))
    return {proc.ma_thu_tuc: list(found[f" {search_fold(proc.ten_thu_tuc)} "]) for proc in portal.procedures}


# The thesaurus last matched, and each folded name's words: `mkdocs serve` asks again on every rebuild.
_matched: tuple[tuple, dict[str, list[str]]] = ((), {})


def _searched_names(portal, everyday: dict[str, list[str]]) -> list[list[str]]:
    """The folded words of every name a search can match: procedures' official, short, commune's and
    thesaurus's names, fields, and what other agencies handle."""
    texts = [name for proc in portal.procedures for name in (proc.ten_thu_tuc, proc.short_name)]
    texts += [item.ten for item in portal.fields]
    texts += [word for proc in portal.procedures for word in proc.search_words + everyday.get(proc.ma_thu_tuc, [])]
    texts += [word for entry in portal.search_words.noi_khac for word in entry.goi_la]
    return [search_fold(text).split() for text in texts]


def vocabulary(portal, everyday: dict[str, list[str]]) -> list[str]:
    """Every folded word of the searched names: what a typo is corrected to. Most frequent first, so that
    of two equally close corrections the browser picks the common word."""
    counts = Counter(word for words in _searched_names(portal, everyday) for word in words if not word.isdigit())
    return sorted(counts, key=lambda word: (-counts[word], word))


def word_pairs(portal, everyday: dict[str, list[str]]) -> list[str]:
    """Adjacent words of the searched names ("ket hon"): the context that tells the browser which of two
    equally close corrections is meant ("ket hn" -> "ket hon", not "ket han")."""
    return sorted({f"{first} {second}" for words in _searched_names(portal, everyday)
                   for first, second in zip(words, words[1:])})
