"""Layer accents: put back the accents a converter printed as bare letters.

html2text (by default) prints an accented letter it read from an HTML entity as the bare
letter, so a page that spelled its umlauts as ``&uuml;`` comes out as "Gruße nach Nordkorea,
fur ..." and its German words no longer match the stoplist, the lexicons or the page's own
text. This layer restores such words from a per-language table (:mod:`cleanroom.accents`),
and only on a page that shows the damage: at least ``_MIN_WORDS`` restorable words on lines
with no accent at all, and at least ``_MIN_SHARE`` times as many as the accented letters the
page's prose does print. A page written with its accents keeps its few bare loans and names
("Fur Free Retailers", "Ware" against "wäre"), because its accented lines are left alone and
its bare lines hold too few restorable words to pass the bar. On a damaged page of a language
that writes compounds as one word, a compound the table lacks is restored by a safe ending
("Erlegungspramie" -> "Erlegungsprämie"). Each changed line is an edit with the reason
``accents_restored``.
"""

from __future__ import annotations

import re

from ..accents import TAIL_MIN, compound_tails, has_marks, strip_marks, supported, table
from ..page import Page
from ..reasons import Reason
from .base import Layer

_WORD = re.compile(r"[^\W\d_]{2,}")
# URLs, paths, e-mail addresses and identifiers: their words are not prose ("/ist-ab-sofort-
# eroffnet/" is the slug of a link, and the link must stay as it is)
_CODE_CHAR = re.compile(r"[/@_=\\]+")
_CHUNK = re.compile(r"\S+")
_MIN_WORDS = 3
_MIN_SHARE = 0.3
# the accents counted against the restorable words are the prose's, lines of twelve words or
# more: a site's menus, title and footer come from its templates, written in UTF-8, while the
# article's text may come from an editor that stored "&uuml;" (the menus' "Über uns" and
# "Ministerium für ..." outweighed a whole article of "fur" and "Antrage")
_PROSE_SPACES = 11


def _marked_letters() -> str:
    """The precomposed Latin letters that carry a mark (the ranges of Latin-1 to Latin
    Extended-B and Latin Extended Additional), as a regex character class."""
    ranges = [(0xC0, 0x24F), (0x1E00, 0x1EFF)]
    return "".join(chr(c) for a, b in ranges for c in range(a, b + 1) if has_marks(chr(c)))


# a letter with a mark, precomposed, or a combining mark after its base letter
# (runs of them: one match per run keeps a long run linear and cheap)
_HAS_MARK = re.compile(f"[{_marked_letters()}\u0300-\u036f]+")
# the same in lower case: html2text strips the marks of "&uuml;" but prints "&Uuml;" as "Ü",
# so a stripped line can still hold an "Ü" ("eine unabhangige Überprufung")
_LOWER_MARK = re.compile(f"[{''.join(c for c in _marked_letters() if c.islower())}\u0300-\u036f]+")


def _spelled_like(word: str, accented: str) -> str | None:
    """The accented word with the bare word's capitals, its "ß" (the table is case-folded, so
    it writes "ß" as "ss") and the accents it kept: "Gruße" + "grüsse" -> "Grüße", "FUR" +
    "für" -> "FÜR", "Überprufung" + "überprüfung" -> "Überprüfung" (html2text strips "&uuml;"
    but prints "&Uuml;" as "Ü"); None when they do not fit together."""
    out = []
    i = 0
    for ch in word:
        if ch == "ß":
            if accented[i : i + 2] != "ss":
                return None
            out.append(ch)
            i += 2
            continue
        if i >= len(accented):
            return None
        if not ch.isascii() and has_marks(ch):
            if accented[i] != ch.lower():
                return None  # the word's own accent disagrees with the table's
            out.append(ch)
        else:
            out.append(accented[i].upper() if ch.isupper() else accented[i])
        i += 1
    return "".join(out) if i == len(accented) else None


def _compound(key: str, tails: dict[str, str], bare_to_accented: dict[str, str]) -> str | None:
    """A compound restored by its last part: "erlegungspramie" -> "erlegungsprämie",
    "jagdbehorde" -> "jagdbehörde" (the longest known ending after a head of three letters)."""
    for i in range(3, len(key) - TAIL_MIN + 1):
        accented = tails.get(key[i:])
        if accented is not None:
            return _head(key[:i], bare_to_accented) + accented
    return None


def _head(head: str, bare_to_accented: dict[str, str]) -> str:
    """A compound's first part, restored when it is a word of the table on its own or with a
    linking "s" ("lowen" + "männchen", "geschafts" + "führerin")."""
    accented = bare_to_accented.get(head)
    if accented is not None:
        return accented
    if head.endswith("s"):
        accented = bare_to_accented.get(head[:-1])
        if accented is not None:
            return accented + "s"
    return head


def restore(
    text: str, bare_to_accented: dict[str, str], tails: dict[str, str] | None = None
) -> tuple[str, int]:
    """The line with its restorable words restored, and how many there were; with ``tails``
    (:func:`cleanroom.accents.compound_tails`), compounds by their last part too."""
    bare = text if text.isascii() or not _HAS_MARK.search(text) else strip_marks(text)
    if tails is None and bare_to_accented.keys().isdisjoint(_WORD.findall(bare.casefold())):
        return text, 0  # most lines: one pass in C, no word in the table
    code_spans = []
    if _CODE_CHAR.search(text):
        code_spans = [m.span() for m in _CHUNK.finditer(text) if _CODE_CHAR.search(m.group())]
    out: list[str] = []
    pos = 0
    count = 0
    for m in _WORD.finditer(text):
        word = m.group()
        key = strip_marks(word).casefold()
        accented = bare_to_accented.get(key)
        if accented is None and tails and len(key) >= TAIL_MIN + 3:
            accented = _compound(key, tails, bare_to_accented)
        if accented is None or not (word.islower() or word.istitle() or word.isupper()):
            continue  # not in the table, or a mixed-case name ("McDonald")
        if any(a <= m.start() < b for a, b in code_spans):
            continue
        accented = _spelled_like(word, accented)
        if accented is None or accented == word:
            continue  # it does not fit, or it is spelled right already ("Über")
        out.append(text[pos : m.start()])
        out.append(accented)
        pos = m.end()
        count += 1
    if not count:
        return text, 0
    out.append(text[pos:])
    return "".join(out), count


def _passes(restorable: int, marks: int) -> bool:
    return restorable >= _MIN_WORDS and restorable >= _MIN_SHARE * marks


class Accents(Layer):
    id = "accents"
    description = "accents a converter printed as bare letters restored (html2text's 'fur' -> 'für')"

    def apply(self, page: Page) -> None:
        if not supported(page.language):
            return
        bare_to_accented = table(page.language)
        if not bare_to_accented:
            return
        marks = 0
        found = []
        for ln in page.lines:
            if not ln.kept or not ln.text:
                continue
            if not ln.text.isascii():
                if ln.text.count(" ") >= _PROSE_SPACES:
                    marks += sum(map(len, _HAS_MARK.findall(ln.text)))
                if _LOWER_MARK.search(ln.text):
                    continue  # a line with accents keeps its spelling
            new_text, n = restore(ln.text, bare_to_accented)
            if n:
                found.append((ln, new_text, n))
        if not _passes(sum(n for _, _, n in found), marks):
            return
        tails = compound_tails(page.language)
        if tails:
            # the page shows the damage: its compounds too (only now, for a compound's last
            # part is looked up letter by letter)
            found = []
            for ln in page.lines:
                if ln.kept and ln.text and not _LOWER_MARK.search(ln.text):
                    new_text, n = restore(ln.text, bare_to_accented, tails)
                    if n:
                        found.append((ln, new_text, n))
        for ln, new_text, _ in found:
            page.edit(ln, self.id, Reason.ACCENTS_RESTORED, new_text)
