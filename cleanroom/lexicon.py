"""Phrase lexicons and stoplists, loaded once from package data (cleanroom/lexicons/).

Matching is done on a normalised key (casefolded, punctuation folded to single spaces), so
"Read more:", "READ MORE »" and "read-more" all give the key "read more". Lexicons are
immutable after loading; the module-level cache is safe to share between threads and
documents because nothing is ever written to it after the first load.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from . import cache as files_cache
from .memo import TextMemo

_NON_WORD = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


# ASCII letters to lower case, digits kept, every other ASCII character to a space: on ASCII
# text, splitting the translation on spaces gives exactly the words of the regex version
_ASCII_KEY = str.maketrans({chr(i): (chr(i).lower() if chr(i).isalnum() else " ") for i in range(128)})
_KEY_MEMO: TextMemo[str] = TextMemo()


def norm_key(text: str) -> str:
    """The matching key of a line or phrase."""
    key = _KEY_MEMO.get(text)
    if key is None:
        if text.isascii():
            key = " ".join(text.translate(_ASCII_KEY).split())
        else:
            key = _NON_WORD.sub(" ", text.casefold()).strip()
        _KEY_MEMO.put(text, key)
    return key


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
        # most keys start with a word no phrase starts with: look that word up before
        # splitting the key (the first word is the key up to its first space)
        space = key.find(" ")
        cands = self.by_first.get(key if space < 0 else key[:space])
        if cands:
            words = key.split(" ", 12)  # no phrase is longer than a dozen words
            for cand in cands:
                if tuple(words[: len(cand)]) == cand:
                    return " ".join(cand)
        if self.cjk and not key.isascii() and _CJK.search(key):
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
        if self.cjk and not key.isascii() and _CJK.search(key):
            for p in self.cjk:
                if p in key:
                    return p
        return None


def _data_file(*parts: str) -> str:
    return resources.files("cleanroom").joinpath("lexicons/" + "/".join(parts)).read_text(encoding="utf-8")


def phrases(category: str) -> PhraseSet:
    """The phrase set of one category (cleanroom/lexicons/phrases/<category>.tsv)."""
    found = _phrase_sets().get(category)
    if found is None:  # not a shipped category: build it, or raise as reading the file does
        return _build_phrases(category, _data_file("phrases", f"{category}.tsv"))
    return found


def _build_phrases(category: str, table: str) -> PhraseSet:
    spaced: set[str] = set()
    cjk: set[str] = set()
    for row in table.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        _lang, _, phrase = row.partition("\t")
        key = norm_key(phrase)
        if not any(ch.isalpha() for ch in key):
            # "18+" folds to "18", which would match every line holding that number
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


# Bump when the cached structure changes shape (the signature covers the data and this file).
_CACHE_FORMAT = "1"


@cache
def _phrase_sets() -> dict[str, PhraseSet]:
    """Every shipped category's phrase set, from the start-up cache when it holds this exact
    build (building them all takes ~25 ms, loading them ~5 ms; see cleanroom/cache.py)."""
    folder = resources.files("cleanroom").joinpath("lexicons/phrases")
    files = sorted((p.name[:-4], p.read_bytes()) for p in folder.iterdir() if p.name.endswith(".tsv"))
    name = f"lexicon-{_signature(files)}.marshal"
    sets = _decode(files_cache.read(name), [cat for cat, _ in files])
    if sets is None:
        sets = {cat: _build_phrases(cat, raw.decode("utf-8")) for cat, raw in files}
        files_cache.write(
            name, marshal.dumps([(p.name, p.phrases, p.cjk, p.by_first) for p in sets.values()])
        )
    return sets


def _signature(files: list[tuple[str, bytes]]) -> str:
    """A hash of everything a build depends on: the lexicon files, the code that builds them
    (this module: norm_key, the CJK test) and the Unicode tables behind casefold() and \\W."""
    h = hashlib.sha256(f"{_CACHE_FORMAT}:{sys.version}:{unicodedata.unidata_version}\n".encode())
    h.update(Path(__file__).read_bytes())
    for cat, raw in files:
        h.update(f"{cat}:{len(raw)}\n".encode())
        h.update(raw)
    return h.hexdigest()[:16]


def _decode(blob: bytes | None, categories: list[str]) -> dict[str, PhraseSet] | None:
    """The phrase sets stored in a cache file; None when it is missing, damaged or not what
    this build would store (the caller then builds them)."""
    if blob is None:
        return None
    try:
        rows = marshal.loads(blob)
        sets = {name: PhraseSet(name, ps, cjk, by_first) for name, ps, cjk, by_first in rows}
    except (ValueError, EOFError, TypeError):
        return None
    if list(sets) != categories or not all(
        isinstance(s.phrases, frozenset) and isinstance(s.cjk, tuple) and isinstance(s.by_first, dict)
        for s in sets.values()
    ):
        return None
    return sets


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


@cache
def stopword_index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The word-based stoplist languages in order, and for each word the positions (in that
    order) of the languages whose stoplist holds it: a text's hit count per stoplist then
    costs one lookup per distinct word instead of one per word and stoplist."""
    langs = tuple(lang for lang in stopword_languages() if lang not in CHAR_BASED)
    index: dict[str, list[int]] = {}
    for i, lang in enumerate(langs):
        for w in stopwords(lang):
            index.setdefault(w, []).append(i)
    return langs, {w: tuple(ids) for w, ids in index.items()}


@cache
def all_stopwords() -> frozenset[str]:
    """The word-based stoplists of every language together."""
    return frozenset().union(*(stopwords(lang) for lang in stopword_languages() if lang not in CHAR_BASED))


@cache
def dangling_words() -> frozenset[str]:
    """Words no sentence ends on (articles, prepositions, conjunctions), all languages."""
    text = _data_file("dangling.txt")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


REFERENCE_DENSITY_LANG = "en"


@cache
def density_scale(lang: str) -> float:
    """Factor that puts a language's stopword density on the reference language's scale."""
    table: dict[str, float] = {}
    for row in _data_file("density.tsv").splitlines():
        if row.strip() and not row.startswith("#"):
            code, value, *_ = row.split("\t")
            table[code] = float(value)
    typical = table.get(lang)
    if not typical:
        return 1.0
    return table[REFERENCE_DENSITY_LANG] / typical


CHAR_BASED = frozenset({"zh", "ja", "zh-cn", "zh-tw"})


class Scanner:
    """Finds phrases of several "contains" categories in one pass over a line's words.

    Each phrase is indexed by its longest word (its anchor: "cookies" in "we use cookies"),
    which is rare in ordinary prose; a line whose words share no anchor is rejected by one
    set intersection, at C speed, and only lines with an anchor are checked word by word.
    """

    def __init__(self, categories: tuple[str, ...]) -> None:
        by_anchor: dict[str, list[tuple[str, tuple[str, ...], int]]] = {}
        self.cjk: list[tuple[str, str]] = []
        self.order = {cat: i for i, cat in enumerate(categories)}
        for cat in categories:
            ps = phrases(cat)
            for cands in ps.by_first.values():
                for cand in cands:
                    # the longest word, the first of equals
                    lengths = [len(w) for w in cand]
                    pos = lengths.index(max(lengths))
                    by_anchor.setdefault(cand[pos], []).append((cat, cand, pos))
            self.cjk.extend((cat, p) for p in ps.cjk)
        self.index = {w: tuple(c) for w, c in by_anchor.items()}
        self.anchors = frozenset(self.index)

    def scan(self, key: str) -> dict[str, str]:
        """{category: a phrase found} for the categories present in the key."""
        found: dict[str, str] = {}
        words = key.split(" ")
        hits = self.anchors.intersection(words)
        if hits:
            positions: dict[str, list[int]] = {}
            for i, w in enumerate(words):
                if w in hits:
                    positions.setdefault(w, []).append(i)
            for anchor in sorted(hits):
                for cat, cand, pos in self.index[anchor]:
                    if cat in found:
                        continue
                    for i in positions[anchor]:
                        start = i - pos
                        if start >= 0 and tuple(words[start : start + len(cand)]) == cand:
                            found[cat] = " ".join(cand)
                            break
        if self.cjk and not key.isascii() and _CJK.search(key):
            for cat, p in self.cjk:
                if cat not in found and p in key:
                    found[cat] = p
        return found


@cache
def scanner(categories: tuple[str, ...]) -> Scanner:
    return Scanner(categories)
