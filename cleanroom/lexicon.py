"""Phrase lexicons and stoplists, loaded once from package data (cleanroom/lexicons/).

Matching is done on a normalised key (casefolded, punctuation folded to single spaces), so
"Read more:", "READ MORE »" and "read-more" all give the key "read more". Lexicons are
immutable after loading; the module-level cache is safe to share between threads and
documents because nothing is ever written to it after the first load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_NON_WORD = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def norm_key(text: str) -> str:
    """The matching key of a line or phrase."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class PhraseSet:
    """The phrases of one category, all languages together.

    ``by_first`` indexes phrases by their first word, so finding a phrase inside a line costs
    one dictionary lookup per word of the line, whatever the size of the lexicon.
    """

    name: str
    phrases: frozenset[str]
    cjk: tuple[str, ...]  # phrases written without spaces: matched as substrings
    by_first: dict[str, tuple[tuple[str, ...], ...]]

    def equals(self, key: str) -> bool:
        return key in self.phrases

    def starts(self, key: str) -> str | None:
        """The longest phrase that the key starts with, on a word boundary."""
        words = key.split(" ")
        for cand in self.by_first.get(words[0], ()):
            if tuple(words[: len(cand)]) == cand:
                return " ".join(cand)
        if self.cjk and _CJK.search(key):
            for p in self.cjk:
                if key.startswith(p):
                    return p
        return None

    def contains(self, key: str) -> str | None:
        """A phrase found anywhere in the key, on word boundaries."""
        words = key.split(" ")
        index = self.by_first
        for i, w in enumerate(words):
            cands = index.get(w)
            if cands:
                for cand in cands:
                    if len(cand) == 1 or tuple(words[i : i + len(cand)]) == cand:
                        return " ".join(cand)
        if self.cjk and _CJK.search(key):
            for p in self.cjk:
                if p in key:
                    return p
        return None


def _data_file(*parts: str) -> str:
    return resources.files("cleanroom").joinpath("lexicons/" + "/".join(parts)).read_text(encoding="utf-8")


@cache
def phrases(category: str) -> PhraseSet:
    spaced: set[str] = set()
    cjk: set[str] = set()
    for row in _data_file("phrases", f"{category}.tsv").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        _lang, _, phrase = row.partition("\t")
        key = norm_key(phrase)
        if not key:
            continue
        if _CJK.search(key) and " " not in key:
            cjk.add(key)
        spaced.add(key)
    first: dict[str, list[tuple[str, ...]]] = {}
    for key in spaced:
        words = tuple(key.split(" "))
        first.setdefault(words[0], []).append(words)
    # longest phrase first, so "read more" wins over "read" and reports what matched
    by_first = {w: tuple(sorted(c, key=lambda t: (-len(t), t))) for w, c in first.items()}
    return PhraseSet(category, frozenset(spaced), tuple(sorted(cjk, key=lambda p: (-len(p), p))), by_first)


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The stoplist of a language; empty when we have none."""
    try:
        text = _data_file("stopwords", f"{lang}.txt")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip())


@lru_cache(maxsize=1)
def stopword_languages() -> tuple[str, ...]:
    folder = resources.files("cleanroom").joinpath("lexicons/stopwords")
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")))


CHAR_BASED = frozenset({"zh", "ja", "zh-cn", "zh-tw"})
