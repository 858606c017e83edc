"""Layer 5, related and promo blocks.

- "Read more: <headline>" lines inside the body (a multilingual prefix lexicon, the prefix
  followed by a separator such as ":" or "»");
- a "Related News" / "Most Read" / "Read Next" / "Lesen Sie auch" heading (whole line) and the
  headline list under it, up to the first line that reads as prose again;
- English Title-Case headlines standing alone inside the body: links to other stories. German
  capitalises nouns and most other languages write headlines in sentence case, so this rule
  only runs on English pages.
"""

from __future__ import annotations

import re

from ..features import ends_sentence, sentence_marks, title_case_ratio, words
from ..lexicon import all_stopwords, phrases
from ..model import Line
from ..page import Page
from ..reasons import Reason
from ._blocks import quantity_item, reads_as_prose
from .base import Layer

_TITLE_CASE = 0.85
#: lone Title-Case lines between paragraphs, on one page, for them to be its subheadings
_SUBHEADINGS = 4


# a line that opens with a month and a day, but no year (a dated byline, "November 12,
# 2018 | BY: Beachbody", has one): a tour's or a schedule's line, not a teaser. Of the aeb
# dumps' lines of this shape taken for inline headlines, 1,978 tokens were gold and 140 not.
_EVENT_DATE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.? \d{1,2}(?![\d,])", re.IGNORECASE
)


def _headline_shaped(ln: Line) -> bool:
    text = ln.text
    # not a line ending in a colon: a label over its own value ("Elizabeth A. Burton:" over
    # her charges, "Here's the thing:" over the point), which a teaser's headline never is
    return (
        3 <= text.count(" ") + 1 <= 16
        and not ln.bullet.startswith("#")
        and not ends_sentence(text)
        and not text.endswith(":")
    )


def _summary_shaped(ln: Line) -> bool:
    text = ln.text
    return ends_sentence(text) and 40 <= len(text) <= 260 and sentence_marks(text) <= 2


#: prose before a thread that outweighs it, for the thread to be cut anyway
_THREAD_ARTICLE_CHARS = 250
_DATED = re.compile(r"\d{1,2}[:.]\d{2}|\b(?:19|20)\d{2}\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_SEP_AFTER = re.compile(r"\s*[:»>|›→–—\-]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _statement(text: str) -> bool:
    """A sentence of six words or more that ends on a full stop ("Die Impfpflicht sei ein
    falscher Ansatz."), not a question or an ellipsis, which headlines end on too."""
    text = text.rstrip("\"'”’»«)")  # a quotation: “... die wir nicht nutzen.”
    return text.endswith(".") and not text.endswith("..") and text.count(" ") >= 5


def _function_word(phrase: str) -> bool:
    """A one-word phrase that is a stopword in some language ("more", "mehr", "plus")."""
    return " " not in phrase and phrase in all_stopwords()


def _prefix_then_separator(text: str, phrase: str) -> bool:
    """The line starts with ``phrase`` (word by word) followed by a separator."""
    n = phrase.count(" ") + 1
    end = 0
    for i, m in enumerate(_WORD.finditer(text)):
        if i == n - 1:
            end = m.end()
            break
    else:
        return False
    return bool(_SEP_AFTER.match(text, end))


class Related(Layer):
    id = "related"
    description = "Read more lines, Related / Most Read / Read Next blocks, inline headlines"

    def apply(self, page: Page) -> None:
        cfg = page.config
        prefixes = phrases("read_more_prefix")
        heads = phrases("related_heading")
        section = phrases("section_prefix")
        tags = phrases("tags_prefix")
        limit = cfg.related_max_lines
        lines = [ln for ln in page.lines if ln.text]
        # a "Read more" / "weiterlesen" line printed more than once closes each teaser of a
        # list: a link, not a heading over the rest of the page (a page has one "Related"
        # heading; a list ends in as many read-more links as it has teasers)
        link_count: dict[str, int] = {}
        for ln in lines:
            if len(ln.text) <= 40 and prefixes.equals(ln.key):
                link_count[ln.key] = link_count.get(ln.key, 0) + 1
        for i, ln in enumerate(lines):
            if not ln.kept:
                continue
            key = ln.key
            # "Você pode gostar...": a heading may trail off; it is not a sentence for that
            short = len(ln.text) <= 60 and not ends_sentence(ln.text.rstrip(".…"))
            if short and (
                heads.equals(key)
                or key.rstrip(" 0123456789") in heads.phrases
                or (key.count(" ") < 8 and section.starts(key))
            ):
                if link_count.get(key, 0) > 1:
                    page.drop(ln, self.id, Reason.READ_MORE)
                    continue
                page.drop(ln, self.id, Reason.RELATED_BLOCK)
                if limit:
                    self._drop_list(page, lines, i, limit)
                continue
            if short and key.count(" ") < 12 and tags.starts(key):
                # "Tags: Kristi Noem, South Dakota", or a "Tags" heading over its list
                page.drop(ln, self.id, Reason.TAG_LIST)
                if tags.equals(key) and limit:
                    self._drop_list(page, lines, i, limit, Reason.TAG_LIST)
                continue
            p = prefixes.starts(key)
            if p and len(ln.text.split()) <= 30 and _prefix_then_separator(ln.text, p):
                page.drop(ln, self.id, Reason.READ_MORE)
            elif p and ln.text.endswith(":") and key.count(" ") < 10 and not _function_word(p):
                # "Lesen Sie auch die folgenden Beiträge:", "Related coverage from ...:": a
                # heading over a list of links (not when the prefix is a function word of some
                # language: "Mehr als 100 Menschen nannten drei Gründe:" opens the article's
                # own list)
                page.drop(ln, self.id, Reason.RELATED_BLOCK)
                if limit:
                    self._drop_list(page, lines, i, limit)
        if cfg.drop_inline_headlines and page.language == "en":
            self._inline_headlines(page)
        self._comment_thread(page)
        self._teaser_pairs(page)

    def _drop_list(
        self, page: Page, lines: list, i: int, limit: int, reason: Reason = Reason.RELATED_BLOCK
    ) -> None:
        taken = 0
        for j in range(i + 1, len(lines)):  # not lines[i + 1 :]: a copy per heading is quadratic
            x = lines[j]
            if not x.kept:
                continue
            if taken >= limit or reads_as_prose(x) or quantity_item(x.text):
                break  # a paragraph, or an ingredient list ("350 g Zucker"): the page's own text
            if reason is Reason.TAG_LIST and _statement(x.text):
                break  # tags are words and names: a statement ends the list
            if _statement(x.text) and self._text_follows(lines, j):
                # the article again: a statement, then a paragraph or two more statements
                # (short paragraphs, under 110 characters: "However, the other 28 people have
                # showed no signs."). A list of links is headlines, or headlines each with one
                # summary sentence; a teaser's standfirst and the photo caption under it make
                # two statements, not three
                break
            page.drop(x, self.id, reason)
            taken += 1

    @staticmethod
    def _text_follows(lines: list[Line], j: int) -> bool:
        """After the statement ``lines[j]``: a paragraph, or two more statements (kept lines)."""
        statements = 0
        for k in range(j + 1, len(lines)):
            y = lines[k]
            if not y.kept:
                continue
            if reads_as_prose(y):
                return True
            if not _statement(y.text):
                return False
            statements += 1
            if statements == 2:
                return True
        return False

    @staticmethod
    def _dated_markers(page: Page, markers: list[Line]) -> int:
        """How many comment headers carry a date or time, on the line itself ("Jane on May
        12, 2020 at 4:47 pm said:") or on the short line printed just after it ("fan says:" /
        "November 19, 2019 at 6:34 am", which the metadata layer may have removed already)."""
        position = {id(ln): k for k, ln in enumerate(page.lines)}
        count = 0
        for ln in markers:
            if _DATED.search(ln.text):
                count += 1
                continue
            k = position[id(ln)] + 1
            while k < len(page.lines) and not page.lines[k].text:
                k += 1
            if k < len(page.lines) and len(page.lines[k].text) <= 60 and _DATED.search(page.lines[k].text):
                count += 1
        return count

    def _teaser_pairs(self, page: Page) -> None:
        """A list of teasers: a headline (no sentence end) then a one- or two-sentence
        summary, three times or more in a row. An article's subheadings are followed by
        paragraphs of some length, or by several of them."""
        kept = [ln for ln in page.lines if ln.kept and ln.text]
        i = 0
        while i + 1 < len(kept):
            j = i
            while j + 1 < len(kept) and _headline_shaped(kept[j]) and _summary_shaped(kept[j + 1]):
                j += 2
            pairs = (j - i) // 2
            if pairs >= 3:
                for ln in kept[i:j]:
                    page.drop(ln, self.id, Reason.RELATED_BLOCK, value=float(pairs), threshold=3.0)
                i = j
            else:
                i += 1

    def _comment_thread(self, page: Page) -> None:
        """Reader comments: short header lines ending in "said:" / "schreibt:" (one per
        comment, at least two, one of them dated) open a thread that runs to the end of
        the page. The thread must start after most of the page's prose, so a quote
        introduced by "The minister said:" inside an article is never taken for one."""
        verbs = phrases("comment_marker")
        kept = [ln for ln in page.lines if ln.kept and ln.text]
        markers = []
        for i, ln in enumerate(kept):
            text = ln.text
            if not text.endswith(":") or len(text) > 120:
                continue
            key = ln.key
            last2 = " ".join(key.split(" ")[-2:])
            if verbs.equals(key.rsplit(" ", 1)[-1]) or verbs.equals(last2):
                markers.append(i)
        if len(markers) < 2:
            return
        dated = self._dated_markers(page, [kept[i] for i in markers])
        if not dated:
            return
        prose = [len(ln.text) for ln in kept if reads_as_prose(ln)]
        before = sum(len(ln.text) for ln in kept[: markers[0]] if reads_as_prose(ln))
        if not prose:
            return
        # Most of the prose before the thread; or several dated headers, too many to be quotes
        # in an article, after a post of some length: a discussion can outgrow its post.
        outgrown = dated >= 2 and before >= _THREAD_ARTICLE_CHARS
        if before < 0.5 * sum(prose) and not outgrown:
            return
        for ln in kept[markers[0] :]:
            page.drop(ln, self.id, Reason.COMMENTS, value=float(len(markers)), threshold=2.0)

    def _inline_headlines(self, page: Page) -> None:
        """Title-Case headlines: one alone between two paragraphs, or two or more in a row
        (a list of teasers: an article's own subheadings are each followed by text)."""
        kept = [ln for ln in page.lines if ln.kept and ln.text]
        ratios = [self._headline_ratio(ln, page.stopwords) for ln in kept]
        runs = []
        j = 0
        while j < len(kept):
            if ratios[j] < _TITLE_CASE:
                j += 1
                continue
            end = j
            while end + 1 < len(kept) and ratios[end + 1] >= _TITLE_CASE:
                end += 1
            alone = end == j and 0 < j < len(kept) - 1
            sandwiched = alone and reads_as_prose(kept[j - 1]) and reads_as_prose(kept[j + 1])
            # a line of the text that ends in a colon announces the lines after it as its own
            # ("The 2020 tour dates:" over "June 9 -- Coral Sky Amphitheatre, West Palm Beach,
            # FL"); a related heading with a colon ("Related coverage:") is gone by now
            introduced = j > 0 and kept[j - 1].text.endswith(":") and ratios[j - 1] < _TITLE_CASE
            if (end > j or sandwiched) and not introduced:
                runs.append((j, end))
            j = end + 1
        # Many lone headlines, each between two paragraphs, divide the article into sections:
        # they are its subheadings, on a site that sets them in Title Case. A teaser link is
        # dropped into a story once or twice, not before every other paragraph.
        if sum(1 for j, end in runs if end == j) >= _SUBHEADINGS:
            runs = [(j, end) for j, end in runs if end > j]
        for j, end in runs:
            for k in range(j, end + 1):
                page.drop(
                    kept[k],
                    self.id,
                    Reason.INLINE_HEADLINE,
                    value=round(ratios[k], 3),
                    threshold=_TITLE_CASE,
                )

    @staticmethod
    def _headline_ratio(ln: Line, stopwords: frozenset[str]) -> float:
        if ln.in_table or (ln.dom_main and (ln.in_list or ln.link_density == 0.0)):
            # HTML: a table row, or a line of the article's own that links nowhere (tour dates,
            # standings, a subheading set as a paragraph); teasers are links
            return 0.0
        text = ln.text
        if not 5 <= text.count(" ") + 1 <= 16 or ln.bullet.startswith("#") or ends_sentence(text):
            return 0.0
        if _EVENT_DATE.match(text):
            return 0.0  # an event list's line: "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre"
        return title_case_ratio(words(text), stopwords)
