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

_TABLES: dict[str, dict[str, str] | None] = {}
_LOCK = threading.Lock()


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
    if code is None:
        return None
    if code not in _TABLES:
        with _LOCK:
            if code not in _TABLES:
                _TABLES[code] = _load(code)
    return _TABLES[code]


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


def _load(code: str) -> dict[str, str] | None:
    sig = _signature(code)
    if sig is None:
        return None
    name = f"accents-{code}-{sig}.marshal"
    data = cache.read(name)
    if data is not None:
        try:
            loaded = marshal.loads(data)
            if isinstance(loaded, dict):
                return loaded
        except (ValueError, EOFError, TypeError):
            pass
    built = build(code)
    if built is not None:
        cache.write(name, marshal.dumps(built))
    return built


def build(code: str) -> dict[str, str] | None:
    """The table for a wordfreq language code, from wordfreq's frequencies."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:
        return None
    try:
        freq = get_frequency_dict(code)
    except (LookupError, OSError, ValueError):
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
