"""Layer 9 (run first, as a measurement), language: the document language and its stoplist.

Detection sees a bounded sample (the longest lines, up to ``language_sample_chars``), so its
cost does not grow with the document. The stoplist used by content classification is the
detected language's; when there is none (or detection is off or fails), the stoplist with the
highest hit rate on the sample is used, which is itself a cheap and robust language guess.
"""

from __future__ import annotations

from ..features import tokens_lower
from ..langid import detect
from ..lexicon import CHAR_BASED, stopword_languages, stopwords
from ..page import Page
from .base import Layer


def sample_text(page: Page, limit: int) -> str:
    lines = sorted((ln for ln in page.lines if ln.kept and ln.text), key=lambda ln: (-len(ln.text), ln.no))
    out: list[str] = []
    size = 0
    for ln in lines:
        if size >= limit:
            break
        out.append(ln.text[: limit - size])
        size += len(out[-1]) + 1
    return "\n".join(out)


def best_stoplist(sample: str) -> str | None:
    toks = tokens_lower(sample)[:400]
    if not toks:
        return None
    best, best_rate = None, 0.0
    for lang in stopword_languages():
        if lang in CHAR_BASED:
            continue
        sw = stopwords(lang)
        rate = sum(1 for t in toks if t in sw) / len(toks)
        if rate > best_rate:
            best, best_rate = lang, rate
    return best if best_rate >= 0.12 else None


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
        if lang is None:
            lang = best_stoplist(sample)
        if lang is not None:
            page.stopwords = stopwords(lang)
            page.char_based = lang in CHAR_BASED


def apply_fallback(page: Page) -> None:
    """Used when the language layer is disabled: still pick a stoplist from the text."""
    lang = best_stoplist(sample_text(page, page.config.language_sample_chars))
    if lang is not None:
        page.stopwords = stopwords(lang)
