"""Layer 3, navigation: menus, breadcrumbs, language switchers, tag and section lists.

A menu in a dump is a run of short lines that read as link labels: few words, no sentence
punctuation, often list items. A run is judged as a whole (jusText judges blocks in context
the same way): three "Politics"-like lines in a row are a menu, one alone is left to the
content classifier. Runs that read as an article's own list (introduced by a line ending in
a colon, or made of items with numbers, like ingredients) are left alone.
"""

from __future__ import annotations

import re

from ..features import ends_sentence, has_digit
from ..frontend import item_number
from ..lexicon import norm_key, phrases
from ..model import Line
from ..page import Page
from ..reasons import Reason
from ._blocks import quantity_item, reads_as_prose
from .base import Layer

_CRUMB_SEP = re.compile(r"\s+(?:/|>|»|›|\||→|::)\s+|\s*(?:>|»|›|→)\s*")
_CRUMB_CHARS = re.compile(r"[/>»›|→:].*[/>»›|→:]")
_LINK_NUMBER = re.compile(r"\[\d+\]")  # lynx/links reference numbers
_SWITCH_SEP = re.compile(r"[|/·•,]+|\s+")
# a label followed by a count: "November 2019 (14)", "Myles Garrett should expect a
# significant suspension (148)"; a year in parentheses is a film or a reference, not a count
_COUNTED = re.compile(r"\S\s*\((?!(?:1[89]|20)\d\d\))\d{1,6}\)$")
_COUNT = re.compile(r"\(\d+'?\)")
# a longer run than a menu's: three lines of a match report can end in ratings ("Central:
# David Gómez (6)" / "Asistentes: ... (7)" / "Secretario: ... (7)")
_COUNTED_MIN_RUN = 4
# a run of at most this many short lines between two paragraphs is the article's own
# (subheadings, a short list), not a menu: menus sit in the page's chrome, not inside its prose
_BETWEEN_PROSE_MAX_RUN = 3


def is_navlike(ln: Line, short_words: int, stopwords: frozenset[str] = frozenset()) -> bool:
    text = ln.text
    if ln.bullet.startswith("#"):
        return False  # a Markdown heading
    if ln.link_density == 0.0 and (ln.in_table or ln.in_list):
        return False  # HTML: a table cell or list item that links nowhere is data, not a link label
    if len(text) > 60 or ends_sentence(text) or text.endswith((":", ",", ";")):
        return False
    words = text.split()
    if len(words) > short_words:
        return False
    if ": " in text:
        return False  # "Nennspannung: 380 V", "Roboter-Spielkamerad: Anki Cozmo": a label and its value
    if quantity_item(text):
        return False  # "200 g Schlagsahne": an ingredient or a specification, not a link label
    # "a spare inner tube": a lowercase phrase with function words is an article's list
    # item; link labels are capitalised ("Politics") or single tags ("diy").
    if len(words) >= 3 and text[0].islower() and stopwords:
        if sum(1 for w in words if w.casefold() in stopwords) >= 1:
            return False
    return True


def _is_language_line(text: str, key: str | None = None) -> bool:
    langs = phrases("languages").phrases
    if key is None:
        key = norm_key(text)
    if not key:
        return False
    if key in langs:
        return True
    # Every part being a language name means the parts are the key's words (a name is a key:
    # word characters only), so the key's first word must be one; most lines leave here.
    space = key.find(" ")
    if (key if space < 0 else key[:space]) not in langs:
        return False
    parts = [p for p in _SWITCH_SEP.split(text.casefold()) if p]
    return len(parts) >= 2 and all(p in langs for p in parts)


class Navigation(Layer):
    id = "navigation"
    description = "menus, breadcrumbs, language switchers, tag and section lists"

    def apply(self, page: Page) -> None:
        cfg = page.config
        lines = [ln for ln in page.lines if ln.kept]
        self._language_switchers(page, lines)
        self._breadcrumbs(page, [ln for ln in lines if ln.kept])
        if cfg.menu_min_run is not None:
            self._counted_lists(
                page, [ln for ln in lines if ln.kept], max(cfg.menu_min_run, _COUNTED_MIN_RUN)
            )
            self._menus(page, [ln for ln in lines if ln.kept], cfg.menu_min_run, cfg.short_words)

    def _breadcrumbs(self, page: Page, lines: list[Line]) -> None:
        for ln in lines:
            text = ln.text
            if len(text) > 300 or not _CRUMB_CHARS.search(text) or ends_sentence(text):
                continue
            parts = [p.strip() for p in _CRUMB_SEP.split(text)]
            if len(parts) < 3:
                continue
            head = [p for p in parts[:-1] if p]
            if not head or any(len(p.split()) > 4 for p in head):
                continue
            if 2 * sum(1 for p in parts if has_digit(p)) >= len(parts):
                continue  # "1 | Kyle Busch | 5040 | 5": a table row of figures, not a trail of labels
            if ln.in_table and (ln.link_density or 0.0) < 0.5:
                continue  # HTML: a row of a table's cells, not links
            last = parts[-1]
            if len(last.split()) >= 5:
                # "Home / News / World / <the headline>": keep the headline
                page.edit(ln, self.id, Reason.BREADCRUMB, last)
            else:
                page.drop(ln, self.id, Reason.BREADCRUMB, value=float(len(parts)))

    def _language_switchers(self, page: Page, lines: list[Line]) -> None:
        run: list[Line] = []
        for ln in [*lines, None]:
            if ln is not None and ln.kept and len(ln.text) <= 40 and _is_language_line(ln.text, ln.key):
                run.append(ln)
                continue
            single_multi = len(run) == 1 and len(_SWITCH_SEP.split(run[0].text.strip())) >= 2
            if len(run) >= 2 or single_multi:
                for r in run:
                    page.drop(r, self.id, Reason.LANGUAGE_SWITCHER, value=float(len(run)))
            run = []

    def _menus(self, page: Page, lines: list[Line], min_run: int, short_words: int) -> None:
        run: list[Line] = []
        before: Line | None = None  # the line just above the run
        for ln in [*lines, None]:
            if ln is not None and is_navlike(ln, short_words, page.stopwords):
                run.append(ln)
                continue
            after_prose = ln is not None and reads_as_prose(ln)
            if run and after_prose and len(run[-1].text.split()) >= 3:
                run.pop()  # the line just above the first paragraph is the headline, not a link
            between_prose = (
                after_prose
                and before is not None
                and reads_as_prose(before)
                and len(run) <= _BETWEEN_PROSE_MAX_RUN
                and not any(r.bullet for r in run)
            )
            prev_text = before.text if before is not None else ""
            if run and before is not None and quantity_item(before.text):
                run = run[_list_tail(run, before) :]
            if len(run) >= min_run and not between_prose and not self._article_list(run, prev_text):
                reason = Reason.TAG_LIST if all(r.bullet for r in run) and len(run) <= 12 else Reason.MENU
                for r in run:
                    page.drop(r, self.id, reason, value=float(len(run)), threshold=float(min_run))
            run = []
            before = ln

    def _counted_lists(self, page: Page, lines: list[Line], min_run: int) -> None:
        """Labels each followed by a count, several in a row: archive months, categories with
        their post counts, "most commented" headlines with their comment counts. Such a list
        can be made of long headlines, which the menu rule does not take."""
        run: list[Line] = []
        for ln in [*lines, None]:
            # one count per line: "Radish (1) Sugar (1)" or a line-up with ratings is data
            if (
                ln is not None
                and len(ln.text) <= 200
                and _COUNTED.search(ln.text)
                and len(_COUNT.findall(ln.text)) == 1
            ):
                run.append(ln)
                continue
            linked = any(r.link_density is None or r.link_density > 0.0 for r in run)
            if len(run) >= min_run and linked:  # HTML: a list of counts without links is data
                for r in run:
                    page.drop(r, self.id, Reason.MENU, value=float(len(run)), threshold=float(min_run))
            run = []

    @staticmethod
    def _article_list(run: list[Line], before: str) -> bool:
        if before.endswith(":") and any(r.bullet for r in run):
            return True
        if all(r.link_density is not None and r.link_density == 0.0 for r in run):
            return True  # HTML: not one of the items is a link; a menu is made of links
        with_digits = sum(1 for r in run if has_digit(_LINK_NUMBER.sub("", r.text)))
        return with_digits >= 0.6 * len(run) or _counts_up_or_down(run)


def _list_tail(run: list[Line], before: Line) -> int:
    """How many of the run's first lines go on the list that ``before``, an ingredient or a
    specification ("20 g Mini-Marshmallows"), belongs to: the next lines with the same list
    marker and no blank line between ("Frischhaltefolie", "Küchengasbrenner"). An ingredient
    list ends in items without amounts; a menu does not follow one without a break."""
    k, prev = 0, before
    while k < len(run) and run[k].bullet == before.bullet and run[k].no == prev.no + 1:
        prev = run[k]
        k += 1
    return k


def _counts_up_or_down(run: list[Line]) -> bool:
    """Most items numbered in sequence ("88. Justin Hawkins", "89. Dave Mustaine", ... or a
    countdown): a ranking or the steps of the article, not a menu's links, which are not
    numbered."""
    numbers = [int(m[:-1]) if (m := item_number(r.bullet)) else None for r in run]
    steps = [b - a for a, b in zip(numbers, numbers[1:]) if a is not None and b is not None]
    return len(run) >= 3 and max(steps.count(1), steps.count(-1)) >= 0.6 * (len(run) - 1)
