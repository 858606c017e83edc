"""Layer 9 (run first, as a measurement), language: the document language and its stoplist.

Detection sees a bounded sample (the longest lines, up to ``language_sample_chars``), so its
cost does not grow with the document. The stoplist used by content classification is the
detected language's; when there is none (or detection is off or fails), the stoplist with the
highest hit rate on the sample is used, which is itself a cheap and robust language guess.
"""

from __future__ import annotations

from collections import Counter

from ..features import ends_sentence, tokens_lower
from ..langid import detect
from ..lexicon import CHAR_BASED, density_scale, stopword_index, stopwords
from ..page import Page
from .base import Layer


def sample_text(page: Page, limit: int) -> str:
    """The longest sentence-shaped lines, up to ``limit`` characters: running text says more
    about the language than the longest lines of a page, which are often lists of links."""
    candidates = [ln for ln in page.lines if ln.kept and ln.text]
    prose = [ln for ln in candidates if ends_sentence(ln.text)]
    if sum(len(ln.text) for ln in prose) >= limit // 2:
        candidates = prose
    lines = sorted(candidates, key=lambda ln: (-len(ln.text), ln.no))
    out: list[str] = []
    size = 0
    for ln in lines:
        if size >= limit:
            break
        out.append(ln.text[: limit - size])
        size += len(out[-1]) + 1
    return "\n".join(out)


def best_stoplist(sample: str) -> str | None:
    best, best_rate = _best(stoplist_rates(sample))
    return best if best_rate >= 0.12 else None


def stoplist_rates(sample: str) -> dict[str, float]:
    """Each word-based stoplist's hit rate on the sample's words (tokenised once)."""
    toks = tokens_lower(sample)[:400]
    if not toks:
        return {}
    langs, index = stopword_index()
    hits = [0] * len(langs)
    for w, n in Counter(toks).items():
        for i in index.get(w, ()):
            hits[i] += n
    return {lang: hits[i] / len(toks) for i, lang in enumerate(langs)}


def _best(rates: dict[str, float]) -> tuple[str | None, float]:
    """The stoplist that covers most of the sample (the first in code order on a tie)."""
    best, best_rate = None, 0.0
    for lang, rate in rates.items():
        if rate > best_rate:
            best, best_rate = lang, rate
    return best, best_rate


class Language(Layer):
    id = "language"
    description = "document language (langdetect, seeded, on a bounded sample) and its stoplist"

    def apply(self, page: Page) -> None:
        sample = sample_text(page, page.config.language_sample_chars)
        if page.config.detect_language:
            page.language, page.language_probability = detect(sample)
        base = page.language.split("-")[0]
        if page.language.startswith("zh"):
            base = "zh"
        lang = base if stopwords(base) else None
        rates = stoplist_rates(sample)
        best, best_rate = _best(rates)
        if lang is not None and lang not in CHAR_BASED and best is not None and best != lang:
            own = rates.get(lang, 0.0)
            if best_rate >= 0.2 and own < 0.5 * best_rate:
                # the detector was misled (by a line of icon names, say): the stoplists agree
                # far better with another language, so that is the page's language
                lang = page.language = best
        if lang is None and best_rate >= 0.12:
            lang = best
        if lang is not None:
            page.stopwords = stopwords(lang)
            page.char_based = lang in CHAR_BASED
            page.density_scale = density_scale(lang)


def apply_fallback(page: Page) -> None:
    """Used when the language layer is disabled: still pick a stoplist from the text."""
    lang = best_stoplist(sample_text(page, page.config.language_sample_chars))
    if lang is not None:
        page.stopwords = stopwords(lang)
