"""Helpers shared by the layers that remove a heading together with the list it introduces."""

from __future__ import annotations

from ..features import ends_sentence, sentence_marks
from ..model import Line


def reads_as_prose(ln: Line, min_chars: int = 110, min_sentences: int = 1) -> bool:
    """A line that looks like an article paragraph: long, sentence-shaped."""
    text = ln.text
    return len(text) >= min_chars and ends_sentence(text) and sentence_marks(text) >= min_sentences
