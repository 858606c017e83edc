"""Layer 7a, content classification: a language-aware density classifier with context
revision, after jusText (Pomikálek, 2011).

Each kept line (a paragraph, once wrapped lines are re-joined) is first classified alone:

- ``short``: shorter than ``length_low`` characters (CJK characters count three);
- ``good``: stopword density >= ``stopwords_high`` and longer than ``length_high``;
- ``near_good``: stopword density >= ``stopwords_low`` (or >= high but not long);
- ``bad``: otherwise.

Stopword density is the share of words in the language's stoplist; for Chinese and Japanese
it is the share of characters in a list of function characters. When no stoplist fits the
page, sentence punctuation stands in for it.

Then neighbours decide (context revision): a short line between good lines is good, between
bad lines bad, and otherwise takes the class of the nearer non-short neighbour; a near-good
line whose nearest good-or-bad neighbour on either side is good becomes good, otherwise bad.
"""

from __future__ import annotations

from ..features import effective_length, ends_sentence, sentence_marks, stop_density
from ..model import Line
from ..page import Page
from .base import Layer


def classify_line(ln: Line, page: Page) -> str:
    cfg = page.config
    text = ln.text
    length = effective_length(text)
    if (
        ln.link_density is not None
        and cfg.max_link_density is not None
        and ln.link_density > cfg.max_link_density
    ):
        ln.stop_density = 0.0
        return "bad"  # HTML input: mostly link text (jusText's link density)
    if page.stopwords:
        sd = min(1.0, page.density_scale * stop_density(text, page.stopwords, page.char_based, ln.key))
    else:
        # No stoplist: sentences per 100 characters as a proxy for running text.
        sd = (
            min(1.0, 0.1 + 0.12 * sentence_marks(text) * 100 / max(length, 1)) if ends_sentence(text) else 0.1
        )
    ln.stop_density = sd
    if length < cfg.length_low:
        # a list item of one or two words is a link label far more often than content
        if ln.bullet and ln.bullet[0] != "#" and len(text.split()) < 3:
            return "bad"
        return "short"
    if not ends_sentence(text) and (length < 2 * cfg.length_low or sentence_marks(text) == 0):
        # a headline-length line that does not end like a sentence: a teaser, a caption or a
        # heading far more often than a paragraph; its neighbours decide
        return "short"
    if sd >= cfg.stopwords_high:
        return "good" if length > cfg.length_high else "near_good"
    if sd >= cfg.stopwords_low:
        return "near_good"
    return "bad"


def _in_main(ln: Line, c: str, page: Page) -> str:
    if c != "bad":
        return "good"
    cfg = page.config
    link_bad = (
        ln.link_density is not None
        and cfg.max_link_density is not None
        and ln.link_density > cfg.max_link_density
    )
    return "good" if not link_bad and len(ln.text) >= cfg.length_low else c


def _neighbours(classes: list[str], skip: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """For each position, the index of the nearest earlier and later class not in ``skip``
    (-1: none). Two linear passes: scanning outwards from every line of a long run of short
    lines (a link list of 100,000 items) would be quadratic."""
    n = len(classes)
    prev, nxt = [-1] * n, [-1] * n
    last = -1
    for i in range(n):
        prev[i] = last
        if classes[i] not in skip:
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        if classes[i] not in skip:
            last = i
    return prev, nxt


def revise(classes: list[str]) -> list[str]:
    """jusText's context revision, in two passes (near-good first, then short)."""
    out = list(classes)
    before, after = _neighbours(classes, ("short", "near_good"))
    for i, c in enumerate(classes):
        if c != "near_good":
            continue
        prev = classes[before[i]] if before[i] >= 0 else None
        nxt = classes[after[i]] if after[i] >= 0 else None
        out[i] = "good" if "good" in (prev, nxt) or (prev is None and nxt is None) else "bad"
    final = list(out)
    before, after = _neighbours(out, ("short",))
    for i, c in enumerate(out):
        if c != "short":
            continue
        prev = out[before[i]] if before[i] >= 0 else None
        nxt = out[after[i]] if after[i] >= 0 else None
        dp, dn = i - before[i], after[i] - i
        if prev == nxt:
            final[i] = prev or "bad"
        elif prev is None or nxt is None:
            final[i] = "bad"  # a short line at either end of the page is chrome more often than not
        else:
            final[i] = prev if dp < dn else nxt if dn < dp else "good"
    return final


_CONFIDENCE = {"good": 1.0, "near_good": 0.9, "short": 0.15, "bad": 0.0}


class Content(Layer):
    id = "content"
    description = "jusText-style density classification with context revision (measures; region decides)"

    def apply(self, page: Page) -> None:
        lines = [ln for ln in page.lines if ln.kept and ln.text]
        first = [classify_line(ln, page) for ln in lines]
        # HTML input: inside the article's container (found by the dom layer) only bad lines
        # (link lists, low density) are left to their neighbours
        first = [_in_main(ln, c, page) if ln.dom_main else c for ln, c in zip(lines, first)]
        if "good" not in first:
            # A page of short paragraphs has no line long enough to be good on its own;
            # its near-good lines are then the best evidence of the article there is.
            first = ["good" if c == "near_good" else c for c in first]
        final = revise(first)
        for ln, c0, c in zip(lines, first, final):
            ln.verdict = c  # type: ignore[assignment]
            conf = _CONFIDENCE[c0]
            ln.content = conf if c == "good" else conf * 0.5
