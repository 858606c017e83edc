"""Which bare spelling of a word stands for which accented one, per language.

Some converters print an accented letter they read from an HTML entity as its bare letter:
html2text, by default, turns ``&uuml;`` into ``u``, so "f&uuml;r" comes out as "fur" and a
German page loses its umlauts wherever its HTML spelled them as entities. The table here says
which bare words to put back: "fur" -> "für", "mussen" -> "müssen", "dolares" -> "dólares".

It is derived from wordfreq's word frequencies (installed data, nothing downloaded): a bare
word maps to the most frequent accented word that strips to it, when that word is at least
``RATIO`` times as frequent as the bare word itself. So "fur" becomes "für" in German (the
English loan is rare there), while Spanish "publica" (a verb) against "pública" (an adjective),
French "a" against "à" and German "fordert" against "fördert" stay as they are: both spellings
are common words, and nothing in the text says which one was meant.

Building a table takes about a second per language, so it is built once and kept in the
start-up cache folder (:mod:`cleanroom.cache`), which later processes read in milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

from . import cache

# A bare word is restored only when its accented twin is this many times as frequent.
# benchmarks/accents_bench.py measures the choice: stripped text restored word for word.
RATIO = 20.0
# ... and this many times as frequent as the next accented word that strips to the same
# letters: French "considere" could be "considère" or "considéré", so it stays bare.
RIVAL_RATIO = 3.0
# Accented words rarer than this (per word of text) are left out of the table.
MIN_FREQUENCY = 1e-7
# Bump when the cached tables change shape.
_FORMAT = "1"

# Latin-script languages that write accents and that wordfreq covers, by langdetect's code
# (wordfreq's own code where they differ). Vietnamese is left out: stripped of its marks,
# most of its syllables could be any of several words.
_WORDFREQ_CODE = {
    "ca": "ca",
    "cs": "cs",
    "da": "da",
    "de": "de",
    "es": "es",
    "fi": "fi",
    "fr": "fr",
    "hr": "sh",
    "hu": "hu",
    "it": "it",
    "lt": "lt",
    "lv": "lv",
    "nl": "nl",
    "no": "nb",
    "pl": "pl",
    "pt": "pt",
    "ro": "ro",
    "sk": "sk",
    "sl": "sl",
    "sv": "sv",
    "tr": "tr",
}

# Languages that write compounds as one word (wordfreq codes). wordfreq lists few of their
# long compounds ("Erlegungsprämie"), so a compound is restored by its last part; Finnish is
# left out, its word endings are inflections more than parts.
_COMPOUNDING = frozenset({"da", "de", "nb", "nl", "sv"})
# A compound's last part: at least this many letters, after a head of at least three.
TAIL_MIN = 5

_TABLES: dict[str, dict[str, str] | None] = {}
_TAILS: dict[str, dict[str, str] | None] = {}
_LOCK = threading.RLock()  # reentrant: building the tails reads the table


def supported(language: str) -> bool:
    return language.split("-")[0] in _WORDFREQ_CODE


def strip_marks(word: str) -> str:
    """The word without its combining marks: "grüße" -> "gruße", "wózka" -> "wozka" (letters
    that are not a base letter plus a mark, like "ß" or "ł", stay)."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


def has_marks(ch: str) -> bool:
    """Whether a character carries a combining mark ("ü", "é", "ą"; not "ß", "ł", "ø")."""
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch))


def table(language: str) -> dict[str, str] | None:
    """bare word -> accented word (both lower case) for the language, or None when the
    language writes no accents we can restore or wordfreq is not installed."""
    code = _WORDFREQ_CODE.get(language.split("-")[0])
    return None if code is None else _table_for_code(code)


def _table_for_code(code: str) -> dict[str, str] | None:
    if code not in _TABLES:
        with _LOCK:
            if code not in _TABLES:
                _TABLES[code] = _load("accents", code, build)
    return _TABLES[code]


def compound_tails(language: str) -> dict[str, str] | None:
    """bare word ending -> accented ending (lower case) that restores a compound by its last
    part ("pramie" -> "prämie" in "Erlegungspramie"), for languages that write compounds as one
    word; None for the others."""
    code = _WORDFREQ_CODE.get(language.split("-")[0])
    if code not in _COMPOUNDING:
        return None
    if code not in _TAILS:
        with _LOCK:
            if code not in _TAILS:
                _TAILS[code] = _load("accent-tails", code, build_tails)
    return _TAILS[code]


def _signature(code: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        wordfreq_version = version("wordfreq")
    except PackageNotFoundError:
        return None
    # this file's source is part of the key: a changed rule or constant never reads a table
    # built by the old one
    h = hashlib.sha256(f"{_FORMAT} {code} {wordfreq_version}\n".encode())
    with contextlib.suppress(OSError):
        h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def _load(kind: str, code: str, builder: Callable[[str], dict[str, str] | None]) -> dict[str, str] | None:
    sig = _signature(code)
    if sig is None:
        return None
    name = f"{kind}-{code}-{sig}.marshal"
    data = cache.read(name)
    if data is not None:
        try:
            loaded = marshal.loads(data)
            if isinstance(loaded, dict):
                return loaded
        except (ValueError, EOFError, TypeError):
            pass
    built = builder(code)
    if built is not None:
        cache.write(name, marshal.dumps(built))
    return built


def _frequencies(code: str) -> dict[str, float] | None:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:
        return None
    try:
        return get_frequency_dict(code)
    except (LookupError, OSError, ValueError):
        return None


def build(code: str) -> dict[str, str] | None:
    """The table for a wordfreq language code, from wordfreq's frequencies."""
    freq = _frequencies(code)
    if freq is None:
        return None
    best: dict[str, tuple[float, str]] = {}
    second: dict[str, float] = {}
    for word, f in freq.items():
        if f < MIN_FREQUENCY or not word.isalpha():
            continue
        bare = strip_marks(word)
        if bare == word:
            continue
        # the most frequent accented word wins; on a tie the first in code-point order, so
        # the table never depends on the dictionary's order
        cur = best.get(bare)
        if cur is None or f > cur[0] or (f == cur[0] and word < cur[1]):
            if cur is not None:
                second[bare] = max(second.get(bare, 0.0), cur[0])
            best[bare] = (f, word)
        else:
            second[bare] = max(second.get(bare, 0.0), f)
    return {
        bare: word
        for bare, (f, word) in sorted(best.items())
        if f >= RATIO * freq.get(bare, 0.0) and f >= RIVAL_RATIO * second.get(bare, 0.0)
    }


def build_tails(code: str) -> dict[str, str] | None:
    """The table's entries that are safe as a compound's last part: the words of the language
    that end in the accented spelling are at least ``RATIO`` times as frequent as those that
    end in the bare one. "prämie" ends "Erlegungsprämie" and no word ends in "pramie"; but
    "bären" (bears) against "erneuerbaren" and "türen" against "Temperaturen" stay out."""
    freq = _frequencies(code)
    words = _table_for_code(code)
    if freq is None or not words:
        return None
    accented_ends: dict[str, float] = {}
    bare_ends: dict[str, float] = {}
    for word, f in freq.items():
        if f < MIN_FREQUENCY or not word.isalpha():
            continue
        bare = strip_marks(word)
        for n in range(TAIL_MIN, len(bare) - 2):  # an ending after a head of three letters
            end = bare[-n:]
            accented = words.get(end)
            if accented is None:
                continue
            if word.endswith(accented):
                accented_ends[end] = accented_ends.get(end, 0.0) + f
            elif word.endswith(end):
                bare_ends[end] = bare_ends.get(end, 0.0) + f
    return {
        end: words[end] for end, f in sorted(accented_ends.items()) if f >= RATIO * bare_ends.get(end, 0.0)
    }
