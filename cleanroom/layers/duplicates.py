"""Layer 8, duplicates: a line repeated inside one document (a title printed twice, captions
printed twice, a meta block repeated). It runs last, over the lines the other layers kept: the
first kept occurrence stays, later ones go, and a line equal to the detected title goes. A line
whose sentences all stood on earlier kept lines goes too: the same text broken into lines
another way."""

from __future__ import annotations

import re

from ..lexicon import norm_key
from ..page import Page
from ..reasons import Reason
from .base import Layer

_SITE_SEP = re.compile(r"(?<!\s)\s+(?:[|\-–—:·»]|::)\s+")  # (?<!\s): linear on long space runs
# a sentence end followed by a space: where a line is cut into sentences to find text repeated
# in other line breaks (a summary box that runs two of the article's lines together)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# the sentences a line is judged by: shorter ones ("Yes.", "Read more.") repeat by nature
_SENTENCE_MIN_CHARS = 30


class Duplicates(Layer):
    id = "duplicates"
    description = "lines repeated within the document"

    def apply(self, page: Page) -> None:
        min_chars = page.config.duplicate_min_chars
        if min_chars is None:
            return
        self._page_title_line(page)
        seen: dict[str, int] = {}
        sentences: dict[str, int] = {}  # the sentences of the kept lines, by the first line holding each
        if page.title:
            seen[norm_key(page.title)] = 0  # the title is not repeated in the text
        for ln in page.lines:
            if not ln.kept or not ln.text:
                continue
            key = ln.key
            if len(key) < min_chars:
                continue
            if seen.get(key) != 0 and ln.dom_main and (ln.in_table or ln.in_list or ln.link_density == 0.0):
                # HTML: the article's own text, linking nowhere, repeats by design (a meal plan's
                # items day after day); only the title is never repeated
                continue
            first = seen.get(key)
            if first is not None:
                page.drop(ln, self.id, Reason.DUPLICATE, value=float(first))
                continue
            parts = _sentences(ln.text)
            long = [p for p in parts if len(p) >= _SENTENCE_MIN_CHARS]
            first = _repeated_sentences(parts, long, sentences)
            if first is not None:
                page.drop(ln, self.id, Reason.DUPLICATE, value=float(first))
                continue
            seen[key] = ln.no
            for sk in long:
                sentences.setdefault(sk, ln.no)

    def _page_title_line(self, page: Page) -> None:
        """Converters that print the <head> start with the page's <title>, "Headline | Site":
        when its headline part is repeated later as a line of its own, the first line goes."""
        lines = [ln for ln in page.lines if ln.text]
        if len(lines) < 2 or not lines[0].kept:
            return
        first = lines[0]
        parts = [p for p in _SITE_SEP.split(first.text) if p.strip()]
        if len(parts) < 2:
            return
        head = norm_key(max(parts, key=len))
        if len(head) < 15:
            return
        for ln in lines[1:]:
            if ln.key == head:
                page.drop(first, self.id, Reason.DUPLICATE, value=float(ln.no))
                return


def _sentences(text: str) -> list[str]:
    """The keys of the line's sentences (a line too short for two long ones is one)."""
    if len(text) < 2 * _SENTENCE_MIN_CHARS:
        return [norm_key(text)]
    return [norm_key(p) for p in _SENTENCE_END.split(text)]


def _repeated_sentences(parts: list[str], long: list[str], sentences: dict[str, int]) -> int | None:
    """The first line holding one of the line's sentences, when every sentence of the line
    (``long``: those of 30 characters or more, which must cover most of it) was on the kept
    lines before it: the same text broken into lines another way ("A. B." after "A." and
    "B.", or the reverse)."""
    if not sentences or not long or sum(map(len, long)) < 0.8 * sum(map(len, parts)):
        return None
    firsts = [sentences.get(p) for p in long]
    return None if None in firsts else min(f for f in firsts if f is not None)
