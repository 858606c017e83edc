"""Layer 2b, dom: boilerplate named by the page's own markup (HTML input only).

The HTML front end gives each line the hint categories of its element and ancestors, read
from tag names (<nav>, <footer>, <aside>, <header>), roles and class / id words ("site-footer",
"share-bar", "related-posts", "cookie-consent"; the vocabulary is cleanroom/lexicons/dom_hints.tsv).
This layer drops a line when its innermost hint names boilerplate, with the reason code of
that kind (nav -> menu, footer -> legal, share -> social, related -> related_block, ...) and
the hint as the Decision's value. A hint is strong evidence, not a rule:

- an <article> / <main> (or role="main", itemprop="articleBody") between the hinted element
  and the line wins: the hint belongs to a wrapper around the article;
- a hinted element that holds most of the page's prose (``dom_container_share`` of it) is the
  article's wrapper whatever its class says ("has-sidebar", "header-offset"), and is ignored;
- weak hints (header, tags, promo, ticker, login) never remove a heading, never remove prose
  (``dom_prose_chars`` characters of sentences), and give way to an article container anywhere
  above them; a ticker's list items are the exception (headlines with a summary), and so is a
  weak hint nested in a strong one outside any article (a promo box in the footer). Sidebar
  hints are strong: an <aside> box or a rail of other stories goes, inside the article too.

Text dumps carry no hints, so for them this layer does nothing.
"""

from __future__ import annotations

from collections import defaultdict

from ..model import Line
from ..page import Page
from ..reasons import Reason
from ._blocks import reads_as_prose
from .base import Layer

REASONS: dict[str, Reason] = {
    "nav": Reason.MENU,
    "breadcrumb": Reason.BREADCRUMB,
    "footer": Reason.LEGAL,
    "header": Reason.CHROME,
    "share": Reason.SOCIAL,
    "cookie": Reason.COOKIE,
    "related": Reason.RELATED_BLOCK,
    "comment": Reason.COMMENTS,
    "ad": Reason.AD_LABEL,
    "sidebar": Reason.OUTSIDE_MAIN,
    "newsletter": Reason.NEWSLETTER,
    "author": Reason.BYLINE,
    "tags": Reason.TAG_LIST,
    "promo": Reason.RELATED_BLOCK,
    "login": Reason.CHROME,
    "ticker": Reason.TICKER,
    "teaser": Reason.RELATED_BLOCK,
    "caption": Reason.CAPTION,
    "meta": Reason.BYLINE,
}
WEAK = frozenset({"header", "tags", "promo", "login", "ticker"})
MAIN = "main"


def cards(lines: list[Line], min_items: int) -> list[Line]:
    """Lines of card lists: at least ``min_items`` sibling elements holding two or more lines
    each, in the same arrangement (the same elements in the same order: a headline, a blurb,
    a date), short, and mostly linking somewhere. Teasers, job ads and product tiles are
    built that way; an article's paragraphs (one line per element) and a forum's posts
    (prose of their own length) are not."""
    children: dict[int, dict[int, list[Line]]] = defaultdict(lambda: defaultdict(list))
    for ln in lines:
        anc = ln.ancestors
        for d in range(len(anc) - 1):
            children[anc[d]][anc[d + 1]].append(ln)
    found: list[Line] = []
    seen: set[int] = set()
    for items in children.values():
        if len(items) < min_items:
            continue
        by_shape: dict[tuple[str, ...], list[list[Line]]] = defaultdict(list)
        for item in items.values():
            if len(item) >= 2:
                by_shape[tuple(ln.element for ln in item)].append(item)
        for group in by_shape.values():
            if len(group) < min_items:
                continue
            if any(
                sum(len(ln.text) for ln in item) > 400 or any(reads_as_prose(ln, 200, 2) for ln in item)
                for item in group
            ):
                continue
            linked = sum(1 for item in group if any((ln.link_density or 0.0) > 0.0 for ln in item))
            if 2 * linked < len(group):
                continue
            for item in group:
                for ln in item:
                    if id(ln) not in seen:
                        seen.add(id(ln))
                        found.append(ln)
    return found


class Dom(Layer):
    id = "dom"
    description = "boilerplate named by the markup: nav, footer, share, cookie, related, comments, ads..."

    def apply(self, page: Page) -> None:
        cfg = page.config
        lines = [ln for ln in page.lines if ln.kept and ln.text]
        if not any(ln.ancestors for ln in lines):
            return  # a text dump: no DOM evidence
        prose_chars = cfg.dom_prose_chars
        share = cfg.dom_container_share
        # prose held by each hinted element, against the page's
        total = 0
        by_node: dict[int, int] = defaultdict(int)
        for ln in lines:
            if reads_as_prose(ln, 80):
                n = len(ln.text)
                total += n
                if ln.hint_node:
                    by_node[ln.hint_node] += n
        containers = (
            {node for node, n in by_node.items() if n >= share * total and n >= 200}
            if share is not None
            else set()
        )
        # card lists go first: a card's lines are found before a hint drops one of them (a
        # card's "meta" line), and the whole card is dropped as one
        if cfg.dom_card_min_items is not None:
            for ln in cards(lines, cfg.dom_card_min_items):
                page.drop(ln, self.id, Reason.RELATED_BLOCK, value="cards")
        for ln in lines:
            hints = ln.hints
            if not ln.kept or not hints or hints[0] == MAIN or ln.hint_node in containers:
                continue
            category = hints[0]
            reason = REASONS.get(category)
            if reason is None:
                continue
            if category == "teaser" and prose_chars is not None and reads_as_prose(ln, prose_chars, 2):
                continue  # "teaser" also names an article's own lead paragraph (German sites)
            # a weak hint inside a strong one and outside any article (a promo box in the
            # footer) is as strong as the one around it
            nested = MAIN not in hints and any(h in REASONS and h not in WEAK for h in hints[1:])
            if category in WEAK and not (category == "ticker" and ln.in_list) and not nested:
                # (the items of a ticker's list are headlines with a summary, however long)
                if MAIN in hints or (ln.level and category == "header"):
                    continue
                if prose_chars is not None and reads_as_prose(ln, prose_chars, 2):
                    continue
            page.drop(ln, self.id, reason, value=category)
        for ln in lines:
            if ln.kept and ln.in_figure:
                page.drop(ln, self.id, Reason.CAPTION, value="figure")
        self._container(page, [ln for ln in lines if ln.kept])

    @staticmethod
    def _container(page: Page, lines: list[Line]) -> None:
        """The deepest element holding ``dom_main_share`` of the page's prose: the lines in
        it are marked ``dom_main`` (the content layer then trusts them more). Only elements
        around lines count: one long paragraph holding most of a short post is not it."""
        share = page.config.dom_main_share
        if share is None:
            return
        prose: dict[int, int] = defaultdict(int)
        depth: dict[int, int] = {}
        total = 0
        for ln in lines:
            if not ln.ancestors or not reads_as_prose(ln, 60):
                continue
            if ln.link_density is not None and ln.link_density > 0.3:
                continue
            n = len(ln.text)
            total += n
            for d, a in enumerate(ln.ancestors[:-1]):
                prose[a] += n
                depth[a] = d
        if not total:
            return
        best = max((a for a, n in prose.items() if n >= share * total), key=lambda a: depth[a], default=None)
        if best is None:
            return
        for ln in lines:
            if best in ln.ancestors:
                ln.dom_main = True
