"""Cheap measurements of a line, shared by the layers and by scoring."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPLIT = re.compile(r"[\W_]+")
# A sentence mark: ".", "!" or "?" before a space or the end, or a CJK full stop anywhere
# (written as one class then a condition, so the engine scans for the class at C speed: the
# same count as r"[.!?。！？](?:\s|$)|[。！？]", at twice its speed).
_SENTENCE_MARK = re.compile(r"[.!?。！？](?:(?<=[。！？])|(?=\s|$))")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_DIGIT = re.compile(r"\d")


CHAR_DENSITY_SCALE = 2.5


def words(text: str) -> list[str]:
    return WORD.findall(text)


def tokens_lower(text: str) -> list[str]:
    """Lowercase tokens split on anything that is not a letter or digit (l'homme -> l, homme)."""
    return [t for t in _SPLIT.split(text.casefold()) if t]


def stop_density(
    text: str, stopwords: frozenset[str], char_based: bool = False, key: str | None = None
) -> float:
    """Share of words (or, for Chinese and Japanese, characters) that are stopwords.

    ``key`` is the line's lexicon key (casefolded, split on non-word characters), when the
    caller has it: its words are exactly the tokens this function would compute."""
    if not stopwords:
        return 0.0
    if char_based:
        chars = _CJK_CHAR.findall(text)
        if not chars:
            toks = tokens_lower(text)
            return sum(1 for t in toks if t in stopwords) / len(toks) if toks else 0.0
        # Function characters are a smaller share of running text than function words are of
        # a European language's words; scaling by CHAR_DENSITY_SCALE puts both on one scale so
        # the same thresholds apply.
        return min(1.0, CHAR_DENSITY_SCALE * sum(1 for c in chars if c in stopwords) / len(chars))
    toks = key.split(" ") if key else tokens_lower(text)
    if not toks or not toks[0]:
        return 0.0
    return sum(1 for t in toks if t in stopwords) / len(toks)


_END_CHARS = frozenset(".!?。！？…")
_CLOSING = frozenset("\"'”’»)]")


def ends_sentence(text: str) -> bool:
    """The line ends like a sentence: terminal punctuation, then closing quotes or brackets.
    (Walks back from the end: a regex anchored at $ would scan the whole line.)"""
    if not text:
        return False
    last = text[-1]
    if last not in _CLOSING:  # the usual case: no closing quote or bracket to skip
        return last in _END_CHARS
    i = len(text) - 2
    while i >= 0 and text[i] in _CLOSING:
        i -= 1
    return i >= 0 and text[i] in _END_CHARS


def sentence_marks(text: str) -> int:
    return len(_SENTENCE_MARK.findall(text))


def cjk_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CJK_CHAR.findall(text)) / len(text)


def effective_length(text: str) -> int:
    """Length in characters, where a CJK character counts as three (it carries a word's worth)."""
    n = len(text)
    if n and not text.isascii() and _CJK_CHAR.search(text):
        n += 2 * len(_CJK_CHAR.findall(text))
    return n


def has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def title_case_ratio(ws: list[str], stopwords: frozenset[str]) -> float:
    """Share of non-stopword words (after the first) that start with a capital letter."""
    content = [w for w in ws[1:] if w.casefold() not in stopwords and w[:1].isalpha()]
    if not content:
        return 0.0
    return sum(1 for w in content if w[:1].isupper()) / len(content)
