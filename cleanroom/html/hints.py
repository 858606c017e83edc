"""Hint words: what class, id and role attributes (and a few tag names) say about a part of a page.

The vocabulary is package data (``cleanroom/lexicons/dom_hints.tsv``: word -> category). The
same class strings repeat thousands of times across a corpus, so the word splitting and
lookup of one attribute combination is cached.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
# words that start like a hint word but mean something else
_NOT_HINTS = frozenset(
    {"commentary", "commentaries", "commentator", "authority", "authorities", "navigator", "bewerbung"}
)
# roles and tags that name a part of the page by themselves
TAG_HINTS = {
    "nav": "nav",
    "menu": "nav",
    "footer": "footer",
    "header": "header",
    "aside": "sidebar",
    "article": "main",
    "main": "main",
}
_ROLE_HINTS = {
    "navigation": "nav",
    "menu": "nav",
    "menubar": "nav",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "search": "nav",
    "main": "main",
    "article": "main",
    "dialog": "login",
    "alertdialog": "login",
}
MAIN = "main"


@cache
def vocabulary() -> dict[str, str]:
    text = resources.files("cleanroom").joinpath("lexicons/dom_hints.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for row in text.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        word, _, category = row.partition("\t")
        out[word.strip()] = category.strip()
    return out


@cache
def _affixes() -> tuple[tuple[str, str], ...]:
    # long enough not to occur inside unrelated words; main words only match exactly
    return tuple(
        sorted(
            ((w, c) for w, c in vocabulary().items() if len(w) >= 6 and c != MAIN), key=lambda x: -len(x[0])
        )
    )


@lru_cache(maxsize=65536)
def word_category(word: str) -> str | None:
    vocab = vocabulary()
    cat = vocab.get(word)
    if cat is not None or len(word) < 7 or word in _NOT_HINTS:
        return cat
    for w, c in _affixes():
        if word.startswith(w) or word.endswith(w):
            return c
    return None


@lru_cache(maxsize=65536)
def attribute_hints(classes: str, ident: str, role: str, itemprop: str) -> tuple[str, ...]:
    """Categories named by an element's class, id, role and itemprop, most specific first:
    boilerplate categories before "main" (an "article-related" box is a related box)."""
    found: list[str] = []
    for value in (classes, ident):
        if not value:
            continue
        for word in _SPLIT.split(_HUMP.sub(" ", value).lower()):
            if word:
                cat = word_category(word)
                if cat is not None and cat not in found:
                    found.append(cat)
    if role:
        cat = _ROLE_HINTS.get(role.strip().lower())
        if cat is not None and cat not in found:
            found.append(cat)
    if itemprop and "articlebody" in itemprop.lower() and MAIN not in found:
        found.append(MAIN)
    found.sort(key=lambda c: c == MAIN)
    return tuple(found)
