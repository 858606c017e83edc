"""Layer 7b, main-content region: keep the article, drop islands far from it.

After classification every kept line is good or bad. As in Body Text Extraction (Finn,
Kushmerick and Smyth, 2001), the article is the contiguous run of lines with the highest
score, where a good line adds its length and a bad line subtracts ``bad_weight`` times its
length (at least 25 characters' worth, so a long menu of one-word items still weighs). Other
runs are kept only when their own score reaches ``secondary_region_share`` of the main
run's: a second article part after an advert stays, a stray paragraph in the footer goes.
Inside kept runs, bad lines are dropped as low density; outside, everything is dropped as
outside the main content. The headline is taken from just above the main run.
"""

from __future__ import annotations

import re

from ..features import effective_length, ends_sentence
from ..lexicon import phrases, scanner
from ..model import Line
from ..page import Page
from ..reasons import Reason
from ._blocks import reads_as_prose
from .base import Layer

_TITLE_LOOKBACK = 12
# a headline the menu rule took with the short lines around it (a kicker, the headline, a
# date line read as a menu of three) still names the title from this close to the article
# (docs/quality.md row 58)
_MENU_HEADLINE_REACH = 4
_NOT_EVIDENCE = (None, Reason.WRAP_JOINED, Reason.TITLE)
# the rules that take a headline with the lines around it (row 92 of docs/quality.md)
_HEADLINE_TAKERS = (Reason.RELATED_BLOCK, Reason.MENU, Reason.INLINE_HEADLINE)
# HTML: a line after the run taken back by its container is at least this long (a feedback
# prompt under the article, "Was this article helpful?", is shorter)
_AFTER_MIN_CHARS = 40
# HTML: a line before the run is taken back when it is at least near-good on its own (content
# confidence of the near-good class)
_LEAD_CONFIDENCE = 0.9
_HEADINGS = ("related_heading", "comments_heading", "newsletter", "share")


def _plain_item(ln: Line) -> bool:
    """HTML: a list item inside the article's markup that links nowhere ("Frischhaltefolie",
    "capers"). The content layer calls an item of one or two words bad because in a text dump
    it is a link label more often than not; the markup says whether it is one. Inside a run
    such an item stays."""
    return (
        bool(ln.bullet)
        and ln.in_list
        and ln.link_density == 0.0
        and len(ln.text) >= 3
        and (ln.dom_main or ln.hints[:1] == ("main",))
    )


def _article_nodes(lines: list[Line]) -> set[int]:
    """HTML: the article containers (<article>, <main>, articleBody) that hold the article.

    Each container is credited with the good text it holds directly (not through a container
    inside it). The one holding the most is the article; others count with it when they hold
    at least a fifth as much (a forum's posts, a recipe inside a <main>), and smaller ones are
    teasers (a news page lists related stories as <article>s, often inside its own). Empty
    when the page marks no container.
    """
    chars: dict[int, int] = {}
    for ln in lines:
        if ln.main_node and ln.verdict == "good" and ln.hints and ln.hints[0] == "main":
            chars[ln.main_node] = chars.get(ln.main_node, 0) + len(ln.text)
    if not chars:
        return set()
    most = max(chars.values())
    return {node for node, c in chars.items() if 5 * c >= most}


def is_boundary(ln: Line) -> bool:
    """A short heading that usually opens what follows an article: related stories, reader
    comments ("Top Rated Comments", "[ 167 comments ]"), a newsletter box, share buttons."""
    text = ln.text
    if len(text) > 70:
        return False
    key = ln.key
    if not key:
        return False
    bare = key.strip(" 0123456789")
    if phrases("related_heading").equals(bare) or phrases("comments_heading").equals(bare):
        return True
    if key.count(" ") < 8 and (phrases("section_prefix").starts(key) or phrases("tags_prefix").starts(key)):
        return True  # "More From the Los Angeles Times", "Tags: ..."
    words = bare.split(" ")
    if len(words) <= 5 and any(phrases("comments_heading").equals(w) for w in words):
        return True
    return len(words) <= 8 and bool(scanner(("newsletter", "share")).scan(key))


def _excerpt(text: str) -> bool:
    """A paragraph cut off with an ellipsis ("... para …", "[…]"): a teaser's excerpt."""
    return text.endswith(("…", "...", "[…]", "[...]", "… »", "…]"))


def max_run(weights: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Kadane: (score, start, end) of the best run within weights[lo:hi]; end exclusive."""
    best, best_s, best_e = 0.0, lo, lo
    cur, cur_s = 0.0, lo
    for i in range(lo, hi):
        if cur <= 0:
            cur, cur_s = 0.0, i
        cur += weights[i]
        if cur > best:
            best, best_s, best_e = cur, cur_s, i + 1
    return best, best_s, best_e


def suffix_runs(weights: list[float], lo: int) -> list[tuple[float, int, int]]:
    """``max_run(weights, i, len(weights))`` for every ``i >= lo`` (at index ``i - lo``), in one
    backward pass instead of one pass each. The same runs as Kadane's: the highest score, then
    the earliest end, then the latest start (sums are added from the other end, so two runs
    whose scores differ only by rounding may be ranked the other way)."""
    n = len(weights)
    out: list[tuple[float, int, int]] = [(0.0, n, n)] * (n - lo)
    best, best_s, best_e = 0.0, n, n  # best run starting at i + 1 or later
    run, run_e = 0.0, n  # best run starting at i + 1 exactly, and its earliest end
    for i in range(n - 1, lo - 1, -1):
        if run > 0:
            run += weights[i]
        else:
            run, run_e = weights[i], i + 1
        if run > best or (run == best and run_e < best_e):
            best, best_s, best_e = run, i, run_e
        out[i - lo] = (best, best_s, best_e) if best > 0 else (0.0, i, i)
    return out


def regions(weights: list[float], share: float | None) -> list[tuple[int, int]]:
    score, s, e = max_run(weights, 0, len(weights))
    if score <= 0:
        return []
    found = [(s, e)]
    if share is None:
        return found
    floor = share * score
    todo = [(0, s), (e, len(weights))]
    while todo:
        lo, hi = todo.pop()
        if hi - lo <= 0:
            continue
        sc, a, b = max_run(weights, lo, hi)
        if sc >= floor and sc > 0:
            found.append((a, b))
            todo += [(lo, a), (b, hi)]
    return sorted(found)


# what joins a headline to the site's name in a document title: "Headline - Site", "Site | Headline"
# (line text has its whitespace folded to single spaces; a literal space keeps the split linear)
_TITLE_SEPARATOR = re.compile(r" [-|–—·•]{1,2} ")


def _echoed_headline(page: Page, anchor: int) -> Line | None:
    """The line above the article (or its first line) that the dump's first line names.
    Converters that print the whole document start with its <title>, "Headline - Site"
    (bs4, html-text); the headline itself stands again above the article. The nearest
    title-shaped line that is the title's part before or after a separator is the headline,
    whatever became of it since (a menu or a related block may have taken it), unless it was
    taken as a caption: a dump that opens with a photo's caption and prints it twice does not
    open with its title (docs/quality.md row 95)."""
    head = next((ln for ln in page.lines if ln.text), None)
    if head is None or head.no >= anchor or head.reason == Reason.CAPTION:
        return None
    whole = head.text.casefold()
    parts = {part.strip() for part in _TITLE_SEPARATOR.split(whole)}
    for ln in reversed([ln for ln in page.lines if head.no < ln.no <= anchor]):
        if ln.text and ln.reason != Reason.CAPTION and _title_like(ln):
            key = ln.text.casefold()
            if key in parts or (key != whole and whole.startswith(key)):
                return ln
    return None


def _top_heading(ln: Line) -> bool:
    """An <h1> (HTML) or a Markdown "# " heading (html2text prints <h1> so) at the margin: lynx
    marks items of a list nested four deep with an indented "#"."""
    return ln.level == 1 or (ln.bullet == "#" and ln.indent == 0)


def _markdown_h1(page: Page, anchor: int) -> Line | None:
    """The nearest title-shaped "# " heading anywhere above the article, whatever an earlier
    layer made of it. A converter that marks headings says which line is the page's <h1>; the
    window of title-shaped lines just above the article often does not reach it (a share bar,
    a photo, a byline block stand between) or holds only a dateline."""
    for ln in reversed(page.lines):
        if ln.no < anchor and ln.text and _top_heading(ln) and _title_like(ln):
            return ln
    return None


# a form as text browsers print it: w3m's empty field "[ ]" or "[____]", lynx's "(BUTTON)" and
# "____" ("Suche nach: [ ] [Suche]" is a search box, not a headline; docs/quality.md row 59)
_FORM_FIELD = re.compile(r"\[[ _]*\]|\(BUTTON\)|_{4}")
# a time of day marks a dateline ("Wednesday 20 November 2019 11:42, UK", "Energie 12.12.2022,
# 08:30 Uhr"); of the dev dumps' titles holding one, 40 were wrong and 1 right (row 60).
# A score ("2:1") has one digit after the colon
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")


def _title_like(ln: Line) -> bool:
    text = ln.text
    n = len(text.split())
    heading_or_plain = not ln.bullet or ln.bullet.startswith("#")
    # a line ending in a colon introduces what follows ("Here's why:"); a headline does not,
    # nor does it start with a word in lower case: that is a sentence's middle ("after
    # reading this post"; "iPhone 15 review" has a capital second letter and stays possible)
    return (
        3 <= n <= 30
        and 15 <= len(text) <= 250
        and not ends_sentence(text)
        and not text.endswith((":", ",", ";", "—"))  # a sentence cut off, not a headline
        and not text[:2].islower()
        and heading_or_plain
        and text.count("](") < 2  # a bar of Markdown links ("[Home](/) [Archive](/archive)")
        and _FORM_FIELD.search(text) is None
        and _CLOCK.search(text) is None
    )


# a headline's words come back in the article's first paragraphs
_TOPIC_CHARS = 2000
_TOPIC_WORDS = 2
_TOPIC_WORD = re.compile(r"[^\W\d_]{3,}")


def _article_words(lines: list[Line], start: int) -> set[str]:
    """The words (casefolded) of the article's first 2,000 characters, from ``lines[start]``."""
    body: set[str] = set()
    size = 0
    for ln in lines[start:]:
        if ln.kept:
            body.update(w.casefold() for w in _TOPIC_WORD.findall(ln.text))
            size += len(ln.text)
            if size >= _TOPIC_CHARS:
                break
    return body


def _on_topic(page: Page, body: set[str], shaped: list[Line]) -> Line | None:
    """The topmost of the title-shaped lines (``shaped``, nearest first) that shares at least
    two words, stopwords aside, with the article's start (``body``, `_article_words`); None
    when none does. A login bar or a site's welcome line above the headline shares none:
    "Account Settings Log Out" over "Browns player on Mason Rudolph's role in fight with
    Myles Garrett"."""
    for ln in reversed(shaped):
        words = {w.casefold() for w in _TOPIC_WORD.findall(ln.text)} - page.stopwords
        if len(words & body) >= _TOPIC_WORDS:
            return ln
    return None


class Region(Layer):
    id = "region"
    description = "maximum-scoring contiguous region (main content) and the headline above it"

    def plan(self, page: Page) -> tuple[list[Line], list[bool], tuple[int, int] | None] | None:
        """The region without deciding anything: the sequence of lines it weighs (kept lines
        and removed lines that count as evidence), whether each is inside a kept run, and the
        main run. None when there is nothing to decide from (the content layer is off)."""
        cfg = page.config
        kept = [ln for ln in page.lines if ln.kept and ln.text]
        if not kept or any(ln.verdict is None for ln in kept):
            return None
        # Lines earlier layers removed stay in the sequence as negative evidence: a menu or a
        # comment header between two runs of prose separates them.
        seq = [ln for ln in page.lines if ln.text and (ln.kept or ln.reason not in _NOT_EVIDENCE)]
        articles = _article_nodes(kept) if cfg.dom_region_weight is not None else set()
        weights = []
        for ln in seq:
            n = effective_length(ln.text)
            if not ln.kept:
                weights.append(-cfg.bad_weight * cfg.removed_weight * max(n, 25))
            elif ln.verdict == "good":
                # a line good only through its neighbours counts for less: it may extend a
                # run of prose but not carry one (content holds the classifier's confidence)
                w = float(n) * (cfg.promoted_weight if ln.content < 1.0 else 1.0)
                if articles and cfg.dom_region_weight is not None:
                    # HTML: the markup's own word on where the article is, as evidence
                    if ln.hints and ln.hints[0] == "main" and ln.main_node in articles:
                        w *= cfg.dom_region_weight
                    else:
                        w /= cfg.dom_region_weight
                weights.append(w)
            else:
                weights.append(-cfg.bad_weight * max(n, 25))
        runs = regions(weights, cfg.secondary_region_share)
        runs = self._cut_at_boundary(page, seq, weights, runs)
        if cfg.trim_short_edges:
            runs = [r for r in (self._trim(seq, a, b, cfg.length_low) for a, b in runs) if r[1] > r[0]]
        if not runs and cfg.dom_region_weight is not None:
            runs = self._short_article(seq)
        main = None
        if runs:
            main = runs[0] if len(runs) == 1 else max(runs, key=lambda r: sum(weights[r[0] : r[1]]))
        inside = [False] * len(seq)
        for a, b in runs:
            for i in range(a, b):
                inside[i] = True
        if main is not None and cfg.dom_region_weight is not None:
            self._siblings(seq, inside, main)
            # (also when no good line's innermost hint is the article: a body column whose
            # class the dom layer ignored as the article's wrapper)
            self._article(seq, inside, main)
        return seq, inside, main

    def apply(self, page: Page) -> None:
        planned = page.region_plan if page.region_plan is not None else self.plan(page)
        page.region_plan = None
        if planned is None:
            return
        seq, inside, main = planned
        if main is not None:
            first_kept = next((i for i in range(main[0], main[1]) if seq[i].kept), None)
            if first_kept is not None:
                self._title(page, seq, first_kept)
        cfg = page.config
        for ln, ins in zip(seq, inside):
            if not ln.kept:
                continue  # removed earlier, or became the title
            if ln.learned is not None:
                # the learned layer measured this line: its probability decides
                threshold = cfg.learned_threshold
                if threshold is None:
                    from .learned import load_model  # learned imports this module

                    threshold = load_model(cfg.learned_model).threshold
                # a one-word line the rules drop stays dropped: a label or residue ("Oasdasd"),
                # where the model's context features speak for a sentence that is not there
                rules_keep = ins and ln.verdict == "good"
                if ln.learned < threshold or (not rules_keep and " " not in ln.text):
                    reason = Reason.LOW_DENSITY if ins else Reason.OUTSIDE_MAIN
                    # the model's probability, or why the decision is not the model's own
                    value = ln.revised or round(ln.learned, 3)
                    page.drop(ln, self.id, reason, value=value, threshold=threshold)
            elif not ins:
                page.drop(ln, self.id, Reason.OUTSIDE_MAIN)
            elif ln.verdict != "good" and not _plain_item(ln):
                page.drop(
                    ln,
                    self.id,
                    Reason.LOW_DENSITY,
                    value=round(ln.stop_density, 3),
                    threshold=cfg.stopwords_low,
                )

    @staticmethod
    def _siblings(seq: list[Line], inside: list[bool], main: tuple[int, int]) -> None:
        """HTML: a paragraph outside the region that is a sibling of the article's own
        paragraphs (same parent element, same tag) and good on its own is article text cut off
        by a box inside the article (a "Related" list before the last paragraph)."""
        chars: dict[tuple[int, str], int] = {}
        for i in range(main[0], main[1]):
            ln = seq[i]
            if ln.kept and ln.verdict == "good" and len(ln.ancestors) >= 2:
                key = (ln.ancestors[-2], ln.tag)
                chars[key] = chars.get(key, 0) + len(ln.text)
        if not chars:
            return
        parent = max(chars, key=lambda k: (chars[k], k))
        for i, ln in enumerate(seq):
            if (
                not inside[i]
                and ln.kept
                and ln.verdict == "good"
                and ln.content >= 1.0
                and len(ln.ancestors) >= 2
                and (ln.ancestors[-2], ln.tag) == parent
            ):
                inside[i] = True

    @staticmethod
    def _short_article(seq: list[Line]) -> list[tuple[int, int]]:
        """HTML: a page where no run of good lines stands out (short lines only: a lyric, a
        photo log, a data sheet) keeps what its markup calls the article: the kept lines of the
        article container holding the most text, from its first line to its last, marked good.
        Empty when the page marks no container."""
        chars: dict[int, int] = {}
        for ln in seq:
            if ln.kept and ln.main_node and ln.hints and ln.hints[0] == "main":
                chars[ln.main_node] = chars.get(ln.main_node, 0) + len(ln.text)
        if not chars:
            return []
        node = max(chars, key=lambda k: (chars[k], k))
        idx = [i for i, ln in enumerate(seq) if ln.kept and ln.main_node == node and ln.hints[0] == "main"]
        for i in idx:
            seq[i].verdict = "good"
        return [(idx[0], idx[-1] + 1)]

    @staticmethod
    def _article(seq: list[Line], inside: list[bool], main: tuple[int, int]) -> None:
        """HTML: article text the run left out, found by where it sits in the markup.

        - Before the run: a line near-good or good on its own (``_LEAD_CONFIDENCE``) inside
          the outermost article container
          around all of the run's good lines (a lead paragraph or standfirst in the article's
          header, set apart from the body by share buttons), also when it is classed "teaser"
          (a German lead paragraph; the dom layer keeps such a line when it reads as prose).
        - After it: a line good on its own, of ``_AFTER_MIN_CHARS`` or more, in the same
          innermost article container as most of the run's good text (paragraphs after a
          product box or a "Related" heading inside the article body).

        Lines whose innermost hint is not "main" (a related box, a sidebar) never qualify,
        unless that hint is the one around the run's own good lines (a wrapper the dom layer
        ignored: a body column classed "side-of-rail").
        """
        run = [seq[i] for i in range(main[0], main[1]) if seq[i].kept and seq[i].verdict == "good"]
        if not run:
            return
        common = set(run[0].ancestors)
        chars: dict[int, int] = {}
        for ln in run:
            common.intersection_update(ln.ancestors)
            if ln.main_node:
                chars[ln.main_node] = chars.get(ln.main_node, 0) + len(ln.text)
        marked = {ln.main_node for ln in seq if ln.main_node}
        outer = next((a for a in run[0].ancestors if a in common and a in marked), None)
        inner = max(chars, key=lambda k: (chars[k], k)) if chars else None

        # a hinted element around the run's good lines that the dom layer kept as the
        # article's wrapper (a "rail" or "sidebar" class on the page's body column): its hint
        # says nothing about the lines it holds, so they count as the article's own
        # (holding half of the run's good text, so a weak-hinted box of prose kept inside the
        # run does not qualify the rest of its box; never a comment thread: a run of reader
        # comments that outweighed a short article is what its hint says, and more of it is
        # not the article)
        hinted: dict[int, int] = {}
        for ln in run:
            if ln.hints[:1] not in (("main",), ("comment",)) and ln.hint_node:
                hinted[ln.hint_node] = hinted.get(ln.hint_node, 0) + len(ln.text)
        half = sum(len(ln.text) for ln in run) / 2
        wrappers = {node for node, n in hinted.items() if n >= half}

        def good(ln: Line, conf: float) -> bool:
            return ln.kept and ln.verdict == "good" and ln.content >= conf

        # through a wrapper only in the run's own shapes (the same element, in a list or not):
        # a wrapper around the whole page also holds the teasers listed after the article
        shapes = {(ln.element, ln.in_list) for ln in run}

        def own(ln: Line, hints: tuple[tuple[str, ...], ...]) -> bool:
            if ln.hints[:1] in hints:
                return True
            return ln.hint_node in wrappers and (ln.element, ln.in_list) in shapes

        if outer is not None:
            for i in range(main[0]):
                ln = seq[i]
                # a lead may be near-good (short sentences), or classed "teaser" (the dom
                # layer kept it for reading as prose)
                if (
                    not inside[i]
                    and good(ln, _LEAD_CONFIDENCE)
                    and own(ln, (("main",), ("teaser",)))
                    and outer in ln.ancestors
                ):
                    inside[i] = True
        if inner is not None:
            for i in range(main[1], len(seq)):
                ln = seq[i]
                if (
                    not inside[i]
                    and good(ln, 1.0)
                    and own(ln, (("main",),))
                    and ln.main_node == inner
                    and len(ln.text) >= _AFTER_MIN_CHARS
                ):
                    inside[i] = True

    @staticmethod
    def _cut_at_boundary(
        page: Page, lines: list[Line], weights: list[float], runs: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """End the content at the first related / comments / newsletter / share heading
        that follows enough of the article (``boundary_min_chars``), unless what comes after
        it scores higher than what came before (a "Related" box in mid-article)."""
        min_chars = page.config.boundary_min_chars
        if min_chars is None or not runs:
            return runs
        start = runs[0][0]
        before = 0  # characters of good text since the content began
        # Computed once, at the first boundary, for every line from there on (so that a page
        # with many boundaries, such as pages run together, stays linear): the best run after
        # each line, and running totals of the kept characters, of those in good lines and of
        # those in lines that read as paragraphs (a high prose share means the article goes on
        # after a box; a low one, a list of teasers: headlines, dates, captions).
        suffix: list[tuple[float, int, int]] = []
        good, kept, prose = [0], [0], [0]
        first = 0
        for i in range(start, len(lines)):
            if before >= min_chars and is_boundary(lines[i]):
                if not suffix:
                    first, suffix = i, suffix_runs(weights, i)
                    for ln in lines[i:]:
                        n = len(ln.text) if ln.kept else 0
                        good.append(good[-1] + (n if ln.verdict == "good" else 0))
                        kept.append(kept[-1] + n)
                        prose.append(
                            prose[-1] + (n if n and reads_as_prose(ln) and not _excerpt(ln.text) else 0)
                        )
                _, a, b = suffix[i - first]
                ra, rb = a - first, b - first
                after = good[rb] - good[ra]
                share = (prose[rb] - prose[ra]) / (kept[rb] - kept[ra]) if kept[rb] > kept[ra] else 0.0
                if after < before or share < 0.5:
                    return [(a, min(b, i)) for a, b in runs if a < i]
            if lines[i].kept and lines[i].verdict == "good":
                before += len(lines[i].text)
        return runs

    @staticmethod
    def _trim(seq: list[Line], a: int, b: int, short: int) -> tuple[int, int]:
        """A run starts and ends with a line that is content on its own: short lines that
        only their neighbours made good (a date, a standfirst, a credit) stay outside. In HTML
        a run also does not end on a short line that only the article container made good
        (an image credit, a box heading after the last paragraph), unless it is a list item,
        a table row or holds a figure (a closing list of results, a date, a price)."""

        def edge(ln: Line) -> bool:
            return ln.kept and ln.content >= 0.5

        def by_container(ln: Line) -> bool:
            return (
                ln.dom_main
                and len(ln.text) < short
                and not (ln.in_list or ln.in_table)
                and not any(ch.isdigit() for ch in ln.text)
            )

        while a < b and not edge(seq[a]):
            a += 1
        while b > a and (not edge(seq[b - 1]) or by_container(seq[b - 1])):
            b -= 1
        return a, b

    @staticmethod
    def _main_start(weights: list[float], runs: list[tuple[int, int]]) -> int:
        return max(runs, key=lambda r: sum(weights[r[0] : r[1]]))[0]

    def _name_title(self, page: Page, ln: Line) -> None:
        """The line is the title: a kept line leaves the text for it; a line an earlier
        layer dropped keeps its drop and only names the title."""
        if ln.kept:
            page.set_title(ln, self.id)
        else:
            page.title = ln.text

    def _title(self, page: Page, lines: list[Line], start: int) -> None:
        first = lines[start]
        anchor = first.no
        echoed = _echoed_headline(page, anchor)
        if echoed is not None:
            self._name_title(page, echoed)
            return
        candidates = [ln for ln in page.lines if ln.text and ln.no < anchor][-_TITLE_LOOKBACK:]
        reach = candidates[-_MENU_HEADLINE_REACH].no if len(candidates) >= _MENU_HEADLINE_REACH else -1
        usable = [
            ln
            for ln in reversed(candidates)
            if ln.kept or ln.reason == Reason.DUPLICATE or (ln.reason == Reason.MENU and ln.no >= reach)
        ]
        shaped = [ln for ln in usable if _title_like(ln)]  # nearest first
        # A lower heading (a subtitle, a lead set as <h2>) gives way to an <h1> just above; in
        # a Markdown dump, to the nearest "# " heading above the article (row 57 of
        # docs/quality.md: html2text titles right 227 -> 358 of 535)
        h1 = next((ln for ln in shaped if _top_heading(ln)), None)
        if h1 is None and not first.ancestors:
            h1 = _markdown_h1(page, anchor)
        if _title_like(first) and first.verdict == "good" and len(first.text) <= page.config.length_low:
            if h1 is None or _top_heading(first):
                page.set_title(first, self.id)
                return
        # The headline stands above what sits between it and the article (byline, date,
        # share bar, a photo and its caption), and those lines can be title-shaped too
        # ("Tom Krisher, AP Auto Writer", "Reuters November 18, 2019 11:03 PM"): the topmost
        # title-shaped line of the window is taken, not the nearest. On the dev dumps the
        # title then matches the page's <title> 1132 times instead of 934 of 3210
        # (benchmarks/title_accuracy.py, six renderers). But above the headline there may be
        # chrome no rule caught ("Account Settings Log Out", "Welcome to ... experience"): the
        # topmost line that shares words with the article's start is taken first (row 91 of
        # docs/quality.md: 1751 -> 1851 right). When no kept line does, the headline may have
        # gone with the lines around it (a related list under "Up next:" above the article, a
        # menu of kicker, headline and byline): a title-shaped line those rules dropped in the
        # window that shares them names the title and stays dropped (row 92: 1851 -> 1979).
        body = _article_words(lines, start)  # read once for the three searches below
        ln = _on_topic(page, body, shaped)
        if ln is None:
            dropped = [
                c
                for c in reversed(candidates)
                if c.reason in _HEADLINE_TAKERS and not c.kept and _title_like(c)
            ]
            ln = _on_topic(page, body, dropped)
        if ln is None:
            # nothing in the window is on the topic: the headline stands higher up, above a
            # gallery, a box of links or a long standfirst (row 93)
            above = [
                c
                for c in reversed(page.lines)
                if c.no < anchor
                and c.text
                and (c.kept or c.reason in _HEADLINE_TAKERS or c.reason == Reason.DUPLICATE)
                and _title_like(c)
            ]
            ln = _on_topic(page, body, above)
        if ln is None and shaped:
            ln = shaped[-1]
        if h1 is not None and (ln is None or not _top_heading(ln)):
            ln = h1
        if ln is not None:
            self._name_title(page, ln)
