"""Layer 1, normalize: repair encoding damage, strip invisible characters, re-join
hard-wrapped paragraphs and split sentences glued together by a lost line break."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from html import unescape

from ..features import ends_sentence
from ..frontend import is_number_marker
from ..lexicon import dangling_words
from ..model import Line
from ..page import Page
from ..reasons import Reason
from .base import Layer

# Signs of mojibake worth handing to ftfy: UTF-8 read as Latin-1/cp1252 ("Ã©", "â€™", "Â "),
# C1 controls, and the replacement character's UTF-8 read as cp1252. ftfy is slow, so it
# only sees the lines that show one of these. (Written as one character class, then what
# must follow each kind of first character: a pattern that starts with a class lets the
# regex engine skip ahead to candidates at C speed; the alternation "A|B|C" it replaces
# matched at the same places but was tried at every position, 7x slower on a page.)
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2\u00ef\u0080-\u009f]"
    "(?:(?<=[\u0080-\u009f])"
    "|(?<=[\u00c2\u00c3\u00c5\u00e2\u00ef])[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]"
    "|(?<=\u00ef)\u00bf\u00bd)"
)
# Invisible characters that carry nothing in a corpus: C0 controls (tab and newline are
# handled by the front end), zero-width spaces and joiners used as separators, BOM, soft
# hyphen, bidi embedding controls.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000e-\u001f\u007f\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
# A sentence end glued to the next sentence: "sides.He". Checked further in _split_glued.
# (It starts with the punctuation so the regex engine can skip ahead to candidates quickly.)
_GLUED = re.compile(r"[.!?](?=[^\W\d_]{2})")
# Markdown emphasis as html2text prints it: "**bold**", "_italic_", "*italic*" ("__x__" is left
# alone: it is a Python name more often than bold). The
# markers split words from their text ("la **guerra"); a pair is removed when it wraps text
# that starts and ends with a non-space, and a single marker only between non-word
# characters, so snake_case, 2*3*4 and footnote stars stay. Bounded spans keep it linear.
# html2text also moves the spaces around a marker: the space before a bold word goes ("al
# **Ministerio" is printed "al**Ministerio") and one appears before the punctuation after it
# ("Guatemala** , la"); on the dev dumps the other converters print "al Ministerio" and
# "Guatemala," for 52 of 67 and 232 of 249 such places. The trailing group takes that space.
_STRONG = re.compile(r"(\*\*)(?=[^\s*])([^\n]{1,400}?)(?<=[^\s*])\1( (?=[,.;:!?]))?")
# the punctuation after which html2text's bold took the space ("Trends:**Evo", "Martinelli,**sobre")
_GLUE_PUNCT = frozenset(",;:.!?")
# exactly four stars: an empty bold pair (five or more are a rule or a rating, left alone)
_EMPTY_STRONG = re.compile(r"(?<!\*)\*{4}(?!\*)")
_EM = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_])([^*_\n]{1,400}?)(?<=[^\s*_])\1(?![\w*])( (?=[,.;:!?]))?")
# Any of "**", a "*" or "_" opening a word, or a Markdown escape; only ever tested for a
# match somewhere (starting with a character class, as _MOJIBAKE, so that a page is scanned
# at C speed: 8x faster than the plain alternation
# r"\*\*|(?<!\w)[*_](?=\w)|\\[.\-+*_#!\[\]()`>]", which matches where this does).
_MARKDOWN_HINT = re.compile(r"[*_\\](?:(?<=\*)\*|(?<=[*_])(?<!\w[*_])(?=\w)|(?<=\\)[.\-+*_#!\[\]()`>])")
# Markdown escapes: html2text writes "6\. November" so that the line is not a numbered item
_ESCAPE = re.compile(r"\\([.\-+*_#!\[\]()`>])")
# an HTML character reference a converter printed as it was ("give &#39;official apology&#39;")
_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z][a-zA-Z0-9]{1,9});")
# A horizontal rule as a converter prints it: w3m draws "━━━━", lynx "____", a plain-text
# page "=====" or "~~~~" (html2text's "* * *" and "---" read as list markers, with no text
# left). Nothing but rule characters and spaces, three of them at least, of one or two
# kinds; such a line is no text, and as wide as the wrap column it would be joined to the
# paragraph before it (a heading became "Pour approfondir ━━━━━━").
_RULE_CHARS = frozenset("━─═—–_-=*~·•.")


def _is_rule_line(raw: str) -> bool:
    stripped = raw.strip()
    if len(stripped) < 3 or stripped[0] not in _RULE_CHARS:
        return False
    marks = stripped.replace(" ", "")
    return len(marks) >= 3 and len(set(marks)) <= 2 and all(c in _RULE_CHARS for c in marks)


_URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|de|js|py|io)\b", re.IGNORECASE)


def _split_glued(text: str) -> str:
    if not _GLUED.search(text):
        return text
    out: list[str] = []
    last = 0
    for m in _GLUED.finditer(text):
        pos = m.end()  # just after the punctuation
        nxt = text[pos : pos + 2]
        if not (nxt[0].isupper() and nxt[1].islower()):
            continue
        # two letters before the punctuation, the last one lower case: "U.S." or "A.B" stay
        if pos < 3 or not (text[pos - 2].islower() and text[pos - 3].isalpha()):
            continue
        start = text.rfind(" ", 0, pos) + 1
        end = text.find(" ", pos)
        token = text[start : end if end != -1 else len(text)]
        if _URLISH.search(token):
            continue
        out.append(text[last:pos])
        out.append(" ")
        last = pos
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# characters a terminal gives two columns: Hangul, CJK ideographs and punctuation, kana,
# full-width forms
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
Measure = Callable[[str], int]


def _cols(text: str) -> int:
    """The columns a terminal gives the text (a Chinese character takes two)."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def _wrap_width(lines: list[Line], measure: Measure = len) -> int:
    """The column a text browser wrapped at, or 0 when the dump does not look wrapped."""
    lengths = sorted(measure(ln.raw.rstrip()) for ln in lines if ln.text)
    if len(lengths) < 3:
        return 0
    # The wrap column is the longest length that many lines come close to; a few longer
    # lines (an unbreakable URL, a preformatted block) do not move it.
    n = len(lengths)
    need = max(min(3, n - 1), n // 20)
    allowed_longer = max(2, n // 50)  # a wrapped dump has almost no line past its column
    for hi in range(n - 1, -1, -1):
        width = lengths[hi]
        if width < 40 or n - 1 - hi > allowed_longer:
            return 0
        if hi - bisect_left(lengths, width - 12) + 1 >= need:
            return width if width <= 200 else 0
    return 0


def _wrap_measure(page: Page) -> tuple[int, Measure]:
    """The wrap column and how line lengths are measured against it. w3m wraps Chinese,
    Japanese and Korean by terminal columns (two per character: a line of 50 is full at
    100), lynx by characters; on a page with such text, the measure under which the wrapped
    lines stop closest to their column is the one the browser used."""
    width = _wrap_width(page.lines)
    if page.source is not None and not _WIDE.search(page.source):
        return width, len
    texts = [ln.raw.rstrip() for ln in page.lines if ln.text]
    if not any(_WIDE.search(t) for t in texts):
        return width, len
    cols_width = _wrap_width(page.lines, _cols)
    if cols_width and (not width or _slack(texts, _cols, cols_width) < _slack(texts, len, width)):
        return cols_width, _cols
    return width, len


def _slack(texts: list[str], measure: Measure, width: int) -> float:
    """How far the wrapped lines (those past four fifths of the column) stop short of it, as a
    share of the column: under the measure the browser used they nearly reach it."""
    gaps = [width - m for m in map(measure, texts) if 0.8 * width <= m <= width]
    return sum(gaps) / (len(gaps) * width) if gaps else 1.0


def _is_url(text: str) -> bool:
    """A line that is one URL or path ("https://...", "www...", "example.com/a", "/a/b")."""
    if " " in text:
        return False
    if "://" in text or text.startswith(("www.", "/")):
        return True
    host, slash, _ = text.partition("/")
    return bool(slash) and "." in host


_WORD_MARKERS = frozenset(("o", "--", "-", "–", "—"))
_CONTINUATION_START = frozenset(".,;:!?)]}»”’")
# a line that ends on an opening bracket or a low opening quote was cut before what it opens:
# "etwa zwei Monate (" / "Smeets & Duchateau 2003" (the guillemets open and close by language)
_OPENING = frozenset("([{„‚")
# the rest of a compound after a linked first part: "die Radon" / "-Situation" (bs4; in a
# wrapped dump the same shape is an elided compound, "und" / "-strukturen", and keeps its space)
_COMPOUND_REST = re.compile(r"-[^\W\d_]")


def _compound_goes_on(prev: Line, ln: Line) -> bool:
    return prev.raw[-1:].isalnum() and _COMPOUND_REST.match(ln.raw) is not None


def _unspaced(ch: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese: CJK
    ideographs, kana, their punctuation and the full-width forms). A text browser wraps such
    text between any two characters, so the join must not add a space (Korean puts spaces
    between words and w3m wraps it at spaces and inside words alike: no rule there)."""
    if not ch:
        return False
    o = ord(ch)
    return 0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF


def _cjk_goes_on(prev: Line, ln: Line) -> bool:
    # either side: a Latin word inside Japanese text has no spaces around it either
    # ("ところがKindle for PCを", "そのKindleデスクトップアプリ")
    return _unspaced(prev.raw.rstrip()[-1:]) or _unspaced(ln.raw.lstrip()[:1])


def broken_at_inline_element(prev: Line, ln: Line) -> bool:
    """Converters that print every element on its own line split a paragraph at its links:
    "on Nov. 5," / "according to the agency" / ".". A line that starts with closing
    punctuation, or in lower case after an unfinished line of some length, continues it."""
    if prev.bullet:
        return False
    # the space a converter kept around a link's text node: "bringt heute einen " / "Essay" /
    # " von mir unter dem Titel" (one space; two are a Markdown line break)
    spaced = (prev.raw.endswith(" ") and not prev.raw.endswith("  ")) or (
        ln.raw.startswith(" ") and not ln.raw.startswith("  ")
    )
    # an indent of one against none is a text node's leading space (" I figured I might as
    # well bite the bullet" / "and improve on my setup"), not a change of layout
    if ln.indent != prev.indent and not spaced and {ln.indent, prev.indent} != {0, 1}:
        return False
    first = ln.text[0]
    if first in _CONTINUATION_START or prev.text[-1] in _OPENING:
        return True
    if spaced and first.islower() and not ends_sentence(prev.text) and not _is_url(ln.text):
        return True
    if prev.text.count(" ") < 3 or ends_sentence(prev.text) or _is_url(ln.text):
        return False  # a URL on its own line is not the rest of a sentence
    # "In the United States, the" / "San Francisco Bay Area ...": a line may not end on "the"
    last = prev.text.rsplit(" ", 1)[-1].casefold()
    return first.islower() or prev.text.endswith(",") or last in dangling_words()


def _link_inside(prev: Line, ln: Line, nxt: Line | None) -> bool:
    """bs4-style dumps print a link inside a paragraph as a line of its own between the two
    halves, the text nodes keeping their spaces: "Am 14. Juni 2005 hielt " / "Steve Jobs" /
    " eine vielbeachtete ". A short capitalised line is the link when the line before ends in
    one space (it was cut mid-sentence) and the line after starts with one, in lower case or
    with closing punctuation (the sentence goes on)."""
    if nxt is None or not nxt.text or nxt.block != ln.block or ln.block != prev.block:
        return False
    if prev.bullet or ln.bullet or nxt.bullet:
        return False
    if not (prev.raw.endswith(" ") and not prev.raw.endswith("  ")):
        return False
    if len(ln.text) > 80 or ln.text.count(" ") > 9 or ends_sentence(ln.text):
        return False
    after = nxt.raw
    if not (after.startswith(" ") and not after.startswith("  ")) and after[:1] not in _CONTINUATION_START:
        return False
    first = nxt.text[0]
    return first.islower() or first in _CONTINUATION_START


_SPACES = (" ", "\u00a0")


def _ends_in_one_space(raw: str) -> bool:
    """The line ends in exactly one space, a text node's edge rather than a Markdown line
    break (a no-break space counts: "for\u00a0" / "$700")."""
    return raw[-1:] in _SPACES and raw[-2:-1] not in _SPACES


def _starts_with_one_space(raw: str) -> bool:
    return raw[:1] in _SPACES and raw[1:2] not in _SPACES


def _edges(raw: str) -> tuple[bool, bool]:
    return raw[:1] == " ", raw[-1:] == " "


def _sentence_goes_on(prev: Line, ln: Line, nxt: Line | None, joined: list[str], width: int) -> bool:
    """Converters that print each text node and link on its own line (bs4, unwrapped) keep
    the spaces at the nodes' edges: "An " / "dieser" / " und " / "anderer" / " Stelle habe
    ich ...", "an order of 50 " / "Airbus" / " A350-900 jets". Where a space touches the
    break and the sentence so far (four words or more) is unfinished, the next line goes on
    with it even when it starts with a capital (a German noun, a name) or a digit. Not in
    wrapped dumps, where an indent of one is layout, and not between two lines that start
    with a digit and have the same spaces at their edges, the shape of a list of quantities
    (" 1 lemon, juiced" / " 1 tsp cinnamon")."""
    if width or ln.block != prev.block or ln.bullet:
        return False
    if not _starts_with_one_space(ln.raw):
        if not _ends_in_one_space(prev.raw):
            return False
        # the space is on the side of the line before: this line is an element (a link), and
        # when more text follows in the same block it must go on with the sentence ("The
        # council met to vote " / "Next Steps" / "The plan ..." is a paragraph cut short, then
        # a heading)
        # a line that ends in a space or a sentence is text going on, whatever its length
        open_or_finished = _ends_in_one_space(ln.raw) or ends_sentence(ln.text)
        if (len(ln.text) > 80 or ln.text.count(" ") > 9) and not open_or_finished:
            return False  # too long for a link's text and unfinished: a paragraph of its own
        if nxt is not None and nxt.text and nxt.block == ln.block:
            after = nxt.raw
            if not (open_or_finished or _starts_with_one_space(after) or after[:1] in _CONTINUATION_START):
                return False
    if ln.text[0].isdigit() and prev.text[0].isdigit() and _edges(ln.raw) == _edges(prev.raw):
        return False
    if ends_sentence(prev.text) or _is_url(ln.text):
        return False
    return sum(piece.count(" ") for piece in joined) >= 3


def _unwrap_strong(m: re.Match[str]) -> str:
    """A bold span's text, with the spaces back that html2text took from around it: before it
    after a word or a punctuation mark ("de**Magallanes**", "Martinelli,**sobre ...**"), and
    after it before a word ("**Latest news**Armenia", "**Trends:**Evo Morales"). A single
    letter in bold is a drop cap ("**S**unshine") and keeps its word whole."""
    inner = m.group(2)
    text, start, end = m.string, m.start(), m.end()
    before = start > 0 and (
        (text[start - 1].isalnum() and inner[0].isalnum())
        or (text[start - 1] in _GLUE_PUNCT and inner[0].isalpha())
    )
    after = (
        len(inner) > 1
        and end < len(text)
        and text[end].isalpha()
        and (inner[-1].isalnum() or inner[-1] in _GLUE_PUNCT)
    )
    return (" " if before else "") + inner + (" " if after else "")


def _empty_strong(m: re.Match[str]) -> str:
    """An empty bold pair ("****", a bold span closed and another opened) glued between two
    words is a space in the page ("See it now:****Amazon", "intelligence.****Follow"); after
    a single letter it is inside a word ("**S****unshine**", a drop cap). Elsewhere the
    stars stay."""
    text, start, end = m.string, m.start(), m.end()
    if start == 0 or end == len(text) or not text[end].isalnum():
        return m.group()  # not between two words: stars of the text ("– Mel****", a name withheld)
    before = text[start - 1]
    if not (before.isalnum() or before in _GLUE_PUNCT):
        return m.group()  # "[****Wired****]": the bold pairs around it are unwrapped as usual
    if before.isalpha() and (start == 1 or not text[start - 2].isalnum()):
        return ""  # a one-letter word: a drop cap
    return " "


def strip_emphasis(text: str) -> str:
    """The text without Markdown emphasis markers (see _STRONG and _EM) and escapes."""
    if "****" in text:
        text = _EMPTY_STRONG.sub(_empty_strong, text)
    text = _EM.sub(r"\2", _STRONG.sub(_unwrap_strong, text))
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


class Normalize(Layer):
    id = "normalize"
    description = "ftfy repair, invisible characters, hard-wrap re-joining, glued sentences"

    def apply(self, page: Page) -> None:
        cfg = page.config
        src = page.source
        mojibake = cfg.fix_unicode and (src is None or _MOJIBAKE.search(src) is not None)
        invisible = src is None or _INVISIBLE.search(src) is not None
        # Text not in Unicode's canonical form ("e" + combining acute for "é"; Bengali "য়" as
        # the one code point U+09DF, which Unicode spells "য" + nukta) is the same text in
        # another spelling of code points: a corpus, a deduplicator or a search for the same
        # words needs one spelling, NFC (what ftfy gives its own output). The check is a quick
        # scan in C; most pages pass it.
        compose = cfg.fix_unicode and (src is None or not unicodedata.is_normalized("NFC", src))
        for ln in page.lines if (mojibake or invisible or compose) else ():
            if not ln.text:
                continue
            text = ln.text
            if mojibake and _MOJIBAKE.search(text):
                from ftfy import fix_text  # imported late: text without mojibake never needs it

                fixed = fix_text(text)
                if fixed != text:
                    page.edit(ln, self.id, Reason.UNICODE_FIXED, fixed)
                    text = fixed
            if invisible and _INVISIBLE.search(text):
                cleaned = " ".join(_INVISIBLE.sub("", text).split())
                if cleaned:
                    page.edit(ln, self.id, Reason.CONTROL_CHARS, cleaned)
                    text = cleaned
                else:
                    page.drop(ln, self.id, Reason.CONTROL_CHARS)  # nothing visible was left
                    continue
            if compose and not unicodedata.is_normalized("NFC", text):
                page.edit(ln, self.id, Reason.UNICODE_COMPOSED, unicodedata.normalize("NFC", text))
        if src is None or ("&" in src and _ENTITY.search(src)):
            for ln in page.lines:
                if ln.kept and "&" in ln.text and _ENTITY.search(ln.text):
                    page.edit(ln, self.id, Reason.HTML_ENTITIES, " ".join(unescape(ln.text).split()))
        for ln in page.lines:
            if ln.kept and ln.text and ln.text[0] in _RULE_CHARS and _is_rule_line(ln.raw):
                page.drop(ln, self.id, Reason.MARKUP)  # a horizontal rule
        if cfg.join_wrapped:
            self._join_wrapped(page)
        if cfg.strip_markdown and (src is None or _MARKDOWN_HINT.search(src)):
            for ln in page.lines:
                if ln.kept and ln.text and ("*" in ln.text or "_" in ln.text or "\\" in ln.text):
                    page.edit(ln, self.id, Reason.MARKUP, strip_emphasis(ln.text))
        # joining inserts spaces, so it cannot create a glued sentence the input did not have
        if cfg.split_glued and (src is None or _GLUED.search(src)):
            for ln in page.lines:
                if ln.kept and ln.text:
                    page.edit(ln, self.id, Reason.GLUED_SENTENCE, _split_glued(ln.text))

    def _join_wrapped(self, page: Page) -> None:
        width, measure = _wrap_measure(page)
        head: Line | None = None
        prev: Line | None = None
        joined: list[str] = []
        lines = page.lines
        for k, ln in enumerate(lines):
            if not ln.text or not ln.kept:
                if len(joined) > 1:  # (most lines join nothing: no call for them)
                    self._flush(page, head, joined)
                head, prev, joined = None, None, []
                continue
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if prev is not None and (
                self._continues(prev, ln, width, measure)
                or _link_inside(prev, ln, nxt)
                or _sentence_goes_on(prev, ln, nxt, joined, width)
            ):
                # a wrapped line that starts with "o" or "1990." was parsed as a list item:
                # as a continuation, its first word is text again
                piece = " ".join(ln.raw.split()) if ln.bullet else ln.text
                # a text node that starts with closing punctuation ("Stanford University" /
                # ". Den Zuhörern"), follows an opening bracket or is a compound's hyphen
                # belongs to the word before it
                glued = (
                    (ln.raw[:1] in _CONTINUATION_START and not prev.raw[-1:].isspace())
                    or prev.raw[-1:] in _OPENING
                    or (not width and _compound_goes_on(prev, ln))
                    or _cjk_goes_on(prev, ln)
                )
                joined.append(piece if glued else " " + piece)
                ln.bullet = ""  # it was text, not a list item; the next line continues it
                page.drop(
                    ln, self.id, Reason.WRAP_JOINED, value=float(measure(prev.raw.rstrip())), threshold=width
                )
                prev = ln
                continue
            if len(joined) > 1:
                self._flush(page, head, joined)
            head, prev, joined = ln, ln, [ln.text]
        self._flush(page, head, joined)

    def _flush(self, page: Page, head: Line | None, joined: list[str]) -> None:
        if head is not None and len(joined) > 1:
            page.edit(head, self.id, Reason.WRAP_JOINED, "".join(joined))

    @staticmethod
    def _continues(prev: Line, ln: Line, width: int, measure: Measure = len) -> bool:
        if ln.block != prev.block:
            return False
        if ln.bullet:
            # only a marker that is also a word ("o", "1990.", a dash: "while the crew" / "--
            # padded with extra body fat --") can begin a wrapped line
            word_marker = ln.bullet in _WORD_MARKERS or is_number_marker(ln.bullet)
            if not (word_marker and ln.indent == prev.indent and not prev.bullet):
                return False
            first = ln.raw.split()[0]
            if first[0].islower() and not ends_sentence(prev.text) and prev.text.count(" ") >= 3:
                return True
            return bool(width) and measure(prev.raw.rstrip()) + 1 + measure(first) > width - 1
        if broken_at_inline_element(prev, ln) or (not width and _compound_goes_on(prev, ln)):
            return True
        if not width:
            return False
        body_indent = prev.indent + (len(prev.bullet) + 1 if prev.bullet else 0)
        # a paragraph that opens with a number ("2. Die Stadtregierung stellt ...") was parsed
        # as a list item, but the browser wrapped it to the margin, not under its text
        numbered_text = is_number_marker(prev.bullet) and ln.indent == prev.indent
        if ln.indent != body_indent and not numbered_text:
            return False
        # The browser broke the line because the next word did not fit (in Chinese and
        # Japanese, written without spaces, it breaks anywhere: the next character).
        first_word = ln.text[:1] if _unspaced(ln.text[:1]) else ln.text.split(" ", 1)[0]
        return measure(prev.raw.rstrip()) + 1 + measure(first_word) > width - 1
