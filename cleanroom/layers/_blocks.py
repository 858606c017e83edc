"""Helpers shared by the layers that remove a heading together with the list it introduces."""

from __future__ import annotations

from ..features import ends_sentence, sentence_marks
from ..lexicon import phrases
from ..model import Line

_FRACTIONS = "½¼¾⅓⅔⅛"
_AMOUNT_CHARS = frozenset("0123456789.,/-– " + _FRACTIONS)


def reads_as_prose(ln: Line, min_chars: int = 110, min_sentences: int = 1) -> bool:
    """A line that looks like an article paragraph: long, sentence-shaped."""
    text = ln.text
    return len(text) >= min_chars and ends_sentence(text) and sentence_marks(text) >= min_sentences


def quantity_item(text: str) -> bool:
    """A line that opens with an amount and a unit of measure (units.tsv): "350 g Zucker",
    "1 Pck. Vanillezucker", "2 tbsp olive oil", "1 ½ cups flour", "400 gramów", "500g". An
    ingredient list and a product's specifications are written so; a menu or a list of links
    to other articles is not."""
    t = text.lstrip()
    if not t or not (t[0].isdigit() or t[0] in _FRACTIONS):
        return False
    i = 0
    while i < len(t) and t[i] in _AMOUNT_CHARS:  # "1", "1,5", "1/2", "2 - 3", "1 ½"
        i += 1
    rest = t[i:].split(maxsplit=1)
    unit = rest[0].rstrip(".,:;") if rest else ""
    if not unit or (len(unit) <= 2 and unit.isupper() and unit not in ("EL", "TL")):
        return False  # nothing after the number, or "5G", "3D", "4K"
    return phrases("units").equals(unit.casefold())
