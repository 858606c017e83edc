"""Language identification with langdetect: seeded, bounded in cost, and quick to start.

langdetect is random unless seeded; we seed every detection with 0 so the same text always
gets the same answer, in any process. Its profiles take about 0.3 s to load as Python lists,
which dominates the start-up of a short CLI run, so the first load writes the probability
table to a cache file (a flat array of doubles, memory-mapped afterwards) derived from the
installed langdetect's own profiles: nothing is downloaded, and a cache that cannot be
written or read only costs the slow load.
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import re
import threading
from array import array
from dataclasses import dataclass
from itertools import repeat
from operator import add, mul
from pathlib import Path
from typing import Any

_LOCK = threading.Lock()
_PAGES_LOCK = threading.Lock()
_FACTORY: _Factory | None = None
N_TRIAL = (
    1  # langdetect uses 7 trials; on our dev pages 1 seeded trial on a 500-char sample agrees with it on 99%
)


class _ProbMap:
    """The n-gram -> per-language probability table, backed by one flat array.

    The n-grams are grouped by the 256-code-point page of their first letter (their first
    character that is not a space), and a page's n-grams enter the index when a text first
    holds a character of that page (:meth:`load_pages`, called before any look-up): an
    English run reads a quarter of the 88k n-grams, and the index answers exactly as the
    full one for every n-gram of the texts it has seen.
    """

    __slots__ = ("_index", "_pending", "_probs", "_width")

    def __init__(
        self,
        index: dict[str, int],
        probs: Any,
        width: int,
        pending: dict[int, tuple[int, int, bytes]] | None = None,
    ) -> None:
        self._index = index
        self._probs = probs
        self._width = width
        #: page -> (row of its first n-gram, how many, the n-grams marshalled), for the pages
        #: not indexed yet
        self._pending = pending or {}

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def __getitem__(self, word: str) -> Any:
        i = self._index[word] * self._width
        return self._probs[i : i + self._width]

    def load_pages(self, chars: set[str]) -> None:
        """Index the n-grams of the pages of ``chars`` (the characters of a normalised text)."""
        needed = {ord(ch) >> 8 for ch in chars}.intersection(self._pending)
        if needed:
            with _PAGES_LOCK:  # threads may share the table
                for page in needed:
                    if page in self._pending:
                        self.load_page(page)

    def load_page(self, page: int) -> None:
        start, count, blob = self._pending[page]
        try:
            words = marshal.loads(blob)
            if not isinstance(words, list) or len(words) != count:
                raise ValueError("damaged page")
        except (ValueError, EOFError, TypeError):
            # a damaged cache file: index everything from langdetect's own profiles (the
            # rows are in the same order), as the slow load does
            words, start = _build()[1], 0
            self._index.update(zip(words, range(len(words))))
            self._pending.clear()
            return
        self._index.update(zip(words, range(start, start + len(words))))
        # removed once indexed: a thread that finds the page done finds its n-grams
        del self._pending[page]


def _page(word: str) -> int:
    """The page an n-gram is filed under (-1: spaces only, always indexed)."""
    letters = word.lstrip(" ")
    return ord(letters[0]) >> 8 if letters else -1


@dataclass
class _Factory:
    word_lang_prob_map: Any
    langlist: list[str]
    seed: int = 0


def _cache_dir() -> Path:
    from .cache import cache_dir

    return cache_dir()


# Bump when the cached files change shape (it is part of their signature, so files of an
# older shape are never read as this one).
_CACHE_FORMAT = "2"


def _profile_signature() -> str:
    import langdetect

    root = Path(langdetect.__file__).parent / "profiles"
    h = hashlib.sha256(f"format {_CACHE_FORMAT}\n".encode())
    for p in sorted(root.iterdir()):
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}\n".encode())
    return h.hexdigest()[:16]


def _build() -> tuple[list[str], list[str], array]:
    """langdetect's languages, its n-grams ordered by page then n-gram, and their rows of
    probabilities in that order."""
    from langdetect import detector_factory

    f = detector_factory.DetectorFactory()
    f.load_profile(detector_factory.PROFILES_DIRECTORY)
    words = sorted(f.word_lang_prob_map, key=lambda w: (_page(w), w))
    flat = array("d")
    for w in words:
        flat.extend(f.word_lang_prob_map[w])
    return list(f.langlist), words, flat


def _pages(words: list[str]) -> dict[int, tuple[int, int, bytes]]:
    """page -> (row of its first n-gram, how many, the n-grams marshalled), for n-grams in
    _build's order."""
    out: dict[int, tuple[int, int, bytes]] = {}
    start = 0
    while start < len(words):
        page = _page(words[start])
        end = start
        while end < len(words) and _page(words[end]) == page:
            end += 1
        out[page] = (start, end - start, marshal.dumps(words[start:end]))
        start = end
    return out


def _load() -> _Factory:
    try:
        sig = _profile_signature()
        folder = _cache_dir()
        keys_path = folder / f"langdetect-{sig}.keys"
        probs_path = folder / f"langdetect-{sig}.probs"
        if not (keys_path.exists() and probs_path.exists()):
            langs, words, flat = _build()
            folder.mkdir(parents=True, exist_ok=True)
            tmp = f".{os.getpid()}.tmp"
            with open(str(probs_path) + tmp, "wb") as fh:
                flat.tofile(fh)
            with open(str(keys_path) + tmp, "wb") as fh:
                fh.write(marshal.dumps((langs, len(words), _pages(words))))
            os.replace(str(probs_path) + tmp, probs_path)  # probs first: keys mark completion
            os.replace(str(keys_path) + tmp, keys_path)
        # marshal.loads on the whole file: marshal.load(fh) reads a file object item by item
        # and takes about five times as long
        langs, n_words, pages = marshal.loads(keys_path.read_bytes())
        with open(probs_path, "rb") as fh:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        probs = memoryview(mm).cast("d")
        rows = 0
        for start, count, _ in sorted(pages.values()):
            if start != rows:
                raise ValueError("langdetect cache: pages out of order")
            rows += count
        if rows != n_words or len(probs) != n_words * len(langs):
            raise ValueError("langdetect cache has the wrong size")
        table = _ProbMap({}, probs, len(langs), dict(pages))
        if -1 in pages:
            table.load_page(-1)  # n-grams of spaces only: no character's page
        return _Factory(table, langs)
    except (OSError, ValueError, EOFError, TypeError):
        langs, words, flat = _build()
        return _Factory(_ProbMap({w: i for i, w in enumerate(words)}, flat, len(langs)), langs)


def _factory() -> _Factory:
    global _FACTORY
    if _FACTORY is None:
        with _LOCK:
            if _FACTORY is None:
                _FACTORY = _load()
    return _FACTORY


_NORM: dict[str, str] = {}  # char -> langdetect's normalised char; a pure function's memo


def _norm_char(ch: str) -> str:
    out = _NORM.get(ch)
    if out is None:
        from langdetect.utils.ngram import NGram

        out = _NORM[ch] = NGram.normalize(ch)
    return out


def _word_ngrams(word: str, trailing: bool, index: dict[str, int]) -> list[str]:
    """The n-grams langdetect's NGram buffer emits for one space-delimited word (its buffer
    restarts at every space), with a trailing space when one followed the word."""
    out: list[str] = []
    grams = " "
    capital = False
    for ch in word + (" " if trailing else ""):
        last = grams[-1]
        if len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        for n in (1, 2, 3):
            if len(grams) < n:
                break
            w = grams[-n:]
            if w != " " and w in index:
                out.append(w)
    return out


_WORD_MEMO: dict[tuple[str, bool], list[str]] = {}
_WORD_MEMO_MAX = 200_000


def _ngrams(text: str, table: _ProbMap) -> list[str]:
    """langdetect's n-gram extraction (``Detector._extract_ngrams``): the same n-grams in the
    same order, computed word by word with memoised words and a translate() table for the
    per-character normalisation, instead of a Python call per character."""
    missing = set(text).difference(_NORM)
    for ch in missing:
        _norm_char(ch)
    normalised = text.translate(_TRANSLATE_CACHE.update_from(_NORM))
    if table._pending:
        table.load_pages(set(normalised))  # every n-gram below starts with one of these
    index = table._index
    result: list[str] = []
    parts = normalised.split(" ")
    last = len(parts) - 1
    for i, word in enumerate(parts):
        if not word:
            continue
        key = (word, i < last)
        grams = _WORD_MEMO.get(key)
        if grams is None:
            if len(_WORD_MEMO) >= _WORD_MEMO_MAX:
                _WORD_MEMO.clear()  # a bounded memo of a pure function: clearing changes nothing
            grams = _WORD_MEMO[key] = _word_ngrams(word, i < last, index)
        result.extend(grams)
    return result


class _TranslateTable(dict):  # type: ignore[type-arg]
    """str.translate() table (code point -> str) kept in step with the _NORM memo."""

    size = 0

    def update_from(self, memo: dict[str, str]) -> _TranslateTable:
        if len(memo) != self.size:
            for ch, out in memo.items():
                self[ord(ch)] = out
            self.size = len(memo)
        return self


_TRANSLATE_CACHE = _TranslateTable()


_DETECTOR_CLASS: Any = None


def _detector(factory: _Factory) -> Any:
    global _DETECTOR_CLASS
    if _DETECTOR_CLASS is None:
        from langdetect.detector import Detector
        from langdetect.utils.ngram import NGram

        class FastDetector(Detector):  # type: ignore[misc]
            """langdetect's Detector with its per-character Python loops replaced by
            equivalent faster code; probabilities are computed with the same float operations
            in the same order, so results are identical."""

            text: str

            def append(self, text: str) -> None:
                text = self.URL_RE.sub(" ", text)
                text = self.MAIL_RE.sub(" ", text)
                text = NGram.normalize_vi(text)
                self.text += _SPACES.sub(" ", text[: self.max_text_length])

            def _extract_ngrams(self) -> list[str]:
                return _ngrams(self.text, self.word_lang_prob_map)

            def cleaning_text(self) -> None:
                # Detector.cleaning_text counts the characters from "A" to "z" and those from
                # U+0300 on (its test for the Latin Extended Additional block compares the
                # block's number with its name, so it never excludes anything) and, when
                # the second count is more than twice the first, deletes the first kind:
                # the same counts and deletion at C speed. ASCII text has none of the second.
                text = self.text
                if text.isascii():
                    return
                without_latin = _LATIN.sub("", text)
                latin = len(text) - len(without_latin)
                if latin * 2 < len(_NON_LATIN.findall(text)):
                    self.text = without_latin

            def _update_lang_prob(self, prob: list[float], word: str, alpha: float) -> bool:
                table = self.word_lang_prob_map
                if word is None or word not in table:
                    return False
                weight = alpha / self.BASE_FREQ
                # p * (weight + q) for each language, as a C-level map
                prob[:] = list(map(mul, prob, map(add, repeat(weight), table[word])))
                return True

            def _normalize_prob(self, prob: list[float]) -> float:
                # the same divisions; the maximum is only compared with CONV_THRESHOLD
                sump = sum(prob)
                prob[:] = [p / sump for p in prob]
                maxp = max(prob)
                return maxp if maxp > 0.0 else 0.0

        _DETECTOR_CLASS = FastDetector
    return _DETECTOR_CLASS(factory)


_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile(r"[^\x00-\u02ff]")  # U+0300 and up (the range up to U+10FFFF compiles 50x slower)


def detect(text: str) -> tuple[str, float]:
    """(language code, probability) of ``text``; ("unknown", 0.0) when it cannot tell."""
    if not text.strip():
        return "unknown", 0.0
    from langdetect.lang_detect_exception import LangDetectException

    try:
        det = _detector(_factory())
        det.n_trial = N_TRIAL
        det.append(text)
        probs = det.get_probabilities()
    except (LangDetectException, ZeroDivisionError, ValueError):
        return "unknown", 0.0
    if not probs:
        return "unknown", 0.0
    best = probs[0]
    return str(best.lang), float(best.prob)
