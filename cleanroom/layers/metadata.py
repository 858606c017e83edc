"""Layer 2, metadata: markup residue and dumped <meta> contents.

Scrapers that print a page's head leave XPath strings, bare and image URLs, image sizes,
locale codes, ISO timestamps, publisher contact lines and keyword lists around the article.
Each rule looks at one line and matches it as a whole, so a sentence that mentions a URL or a
date is never touched.
"""

from __future__ import annotations

import re

from ..features import ends_sentence, tokens_lower
from ..lexicon import phrases
from ..memo import MISSING, TextMemo
from ..page import Page
from ..reasons import Reason
from .base import Layer

_XPATH = re.compile(r"/html/(?:head|body)|\[@[\w:-]+=|/@[\w:-]+\b|\bmeta\[@")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|(?<!\S)\S+\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?\b", re.IGNORECASE
)
_IMAGE_SIZE = re.compile(r"^\d{2,5}(?:\s*[x×]\s*|\s+)\d{2,5}(?:\s+(?:true|false))?$", re.IGNORECASE)
_LOCALE = re.compile(r"^[a-z]{2,3}[_-][A-Za-z]{2,4}$")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+|\b00)\d[\d ()./-]{6,}\d")
_ISO_TS = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_CLOCK = re.compile(r"^\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?$")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th|er|e|º|°|am|pm|h|hrs?|uhr)?$")
# form fields and image placeholders a text browser prints: "(BUTTON)", "[ ]", "____",
# "[vw-id-concept-6-1]" (an image's file name in brackets)
_BUTTON = re.compile(
    r"^\(?(?:BUTTON|IMG|INLINE|IFRAME|EMBED)\)?|^_{4,}|^\[[^\]]{0,20}\]$|^\[[\w.:/-]{1,120}\]$"
)


# an image's file name printed in its place, bare or in brackets, once or twice:
# "milano-design-week-2018-flos-jewels-01", "[Screen-Shot-2018-02-19-at-15][Screen-Shot-...]",
# "farben_vorlage_minions_stencil_schablone": four parts or more joined by "-" or "_", three of
# them words of two letters or more (not a version string, "0.0.0-YYYYmmddHHMMSS-abcdef"), and
# a digit, an underscore or brackets, or six parts (a compound, "Max-Planck-Institut-Direktor",
# is a word). String methods, not a pattern: a search for one is quadratic on long tokens.
def _file_name(text: str) -> bool:
    if " " in text or len(text) > 160 or ("-" not in text and "_" not in text):
        return False
    parts = [p for p in text.replace("]", "[").split("[") if p]
    if not parts:
        return False
    for part in parts:
        words = part.replace("_", "-").split("-")
        if len(words) < 4 or not all(w.isalnum() for w in words):
            return False
        if sum(1 for w in words if w[:2].isalpha() and len(w) >= 2) < 3:
            return False
    return any(c.isdigit() for c in text) or "_" in text or "[" in text or text.count("-") >= 5


# HTML a converter printed as text (a <noscript> tracking pixel, a player's <script> tag)
_HTML_TAG = re.compile(
    r"</?(?:img|iframe|div|span|a|script|noscript|style|link|meta|p|br|input|source|video)\b[^<>]{0,400}>"
)
_CHECKBOXES = ("[ ] ", "[X] ", "[x] ")
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif")


def _has_image_name(text: str) -> bool:
    """A cheap test before the URL regex: most lines name no image file."""
    low = text.lower()
    return any(ext in low for ext in _IMAGE_EXTENSIONS)


def _date_words() -> frozenset[str]:
    return phrases("dates").phrases


def is_timestamp(text: str) -> bool:
    """The whole line is a date and/or time ("31 Jan 2023 11:03", "2023-02-03T11:16+0000")."""
    if len(text) > 100:
        return False
    rest = _ISO_TS.sub(" ", text)
    toks = tokens_lower(rest)
    if not toks:
        return bool(_ISO_TS.search(text))
    dw = _date_words()
    has_number = bool(_ISO_TS.search(text))
    for t in toks:
        if _NUMBER.match(t) or _CLOCK.match(t):
            has_number = True
        elif t not in dw:
            return False
    # date words alone ("Monday", "Updated") are not enough: a number must be there
    return has_number


# classify() reads nothing but the text: its answers are memoised (cleanroom/memo.py)
_VERDICTS: TextMemo[Reason | None] = TextMemo()


class Metadata(Layer):
    id = "metadata"
    description = (
        "XPath strings, bare URLs, image sizes, locale codes, timestamps, contact lines, keyword lists"
    )

    def apply(self, page: Page) -> None:
        memo = _VERDICTS
        for ln in page.lines:
            if not ln.kept or not ln.text:
                continue
            reason = memo.get(ln.text, MISSING)
            if reason is MISSING:
                reason = memo.put(ln.text, self.classify(ln.text))
            if reason is not None:
                page.drop(ln, self.id, reason)  # type: ignore[arg-type]

    @staticmethod
    def classify(text: str) -> Reason | None:
        n = len(text)
        # Cheap character tests first: most lines are prose or menu labels and leave here.
        slashy = "/" in text or "@" in text or "www." in text
        if slashy and _XPATH.search(text):
            return Reason.XPATH
        if n <= 100:
            if n <= 30 and _IMAGE_SIZE.match(text):
                return Reason.IMAGE_SIZE
            if n <= 12 and _LOCALE.match(text):
                return Reason.LOCALE_CODE
            if _BUTTON.match(text):
                return Reason.FORM_RESIDUE
            if text[0] != "+" and _DIGIT.search(text) and is_timestamp(text):
                return Reason.TIMESTAMP
        if _file_name(text):
            return Reason.FORM_RESIDUE
        if "<" in text and sum(len(m) for m in _HTML_TAG.findall(text)) >= 0.5 * n:
            return Reason.MARKUP  # '<img height="1" width="1" style="display:none" src="...">'
        if text.startswith(_CHECKBOXES) and text.count(" ") <= 32:
            # a form's checkbox and its label: "[ ] Notify me when new comments are added.",
            # "[X] I agree that ... can send me the newsletter." (aeb dumps: 694 such tokens, 11 gold)
            return Reason.FORM_RESIDUE
        if n <= 600 and (slashy or "://" in text or _has_image_name(text)):
            url_chars = sum(len(m) for m in _URL.findall(text))
            if url_chars and url_chars >= 0.5 * n and len(text.split()) <= 6:
                return Reason.BARE_URL
        if (
            n <= 300
            and ("@" in text or "+" in text or "00" in text)
            and (_EMAIL.search(text) or _PHONE.search(text))
        ):
            if not ends_sentence(text) and len(text.split()) <= 20:
                return Reason.CONTACT
        if "," in text and _is_keyword_list(text):
            return Reason.KEYWORD_LIST
        return None


def _is_keyword_list(text: str) -> bool:
    """Four or more short comma-separated items and no sentence: a keywords meta dump."""
    if text.count(",") < 3 or ends_sentence(text) or len(text) > 400:
        return False
    items = [i.strip() for i in text.split(",")]
    if any(not i or len(i.split()) > 4 for i in items):
        return False
    if 3 * sum(1 for i in items if i[0].isdigit()) >= len(items):
        return False  # amounts: "1 cup blueberries, 2 whole-grain rice cakes, 1 tsp. nut butter"
    # meta keywords are typically all lowercase; a list of capitalised names is kept
    # (it may be an article's enumeration) unless it is long.
    lower = sum(1 for i in items if i == i.lower())
    return lower >= 0.6 * len(items) or len(items) >= 8
