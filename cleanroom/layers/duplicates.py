"""Layer 8, duplicates: a line repeated inside one document (a title printed twice, captions
printed twice, a meta block repeated). It runs last, over the lines the other layers kept: the
first kept occurrence stays, later ones go, and a line equal to the detected title goes."""

from __future__ import annotations

import re

from ..lexicon import norm_key
from ..page import Page
from ..reasons import Reason
from .base import Layer

_SITE_SEP = re.compile(r"(?<!\s)\s+(?:[|\-–—:·»]|::)\s+")  # (?<!\s): linear on long space runs


class Duplicates(Layer):
    id = "duplicates"
    description = "lines repeated within the document"

    def apply(self, page: Page) -> None:
        min_chars = page.config.duplicate_min_chars
        if min_chars is None:
            return
        self._page_title_line(page)
        seen: dict[str, int] = {}
        if page.title:
            seen[norm_key(page.title)] = 0  # the title is not repeated in the text
        for ln in page.lines:
            if not ln.kept or not ln.text:
                continue
            key = ln.key
            if len(key) < min_chars:
                continue
            if seen.get(key) != 0 and ln.dom_main and (ln.in_table or ln.in_list or ln.link_density == 0.0):
                # HTML: the article's own text, linking nowhere, repeats by design (a meal plan's
                # items day after day); only the title is never repeated
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = ln.no
            else:
                page.drop(ln, self.id, Reason.DUPLICATE, value=float(first))

    def _page_title_line(self, page: Page) -> None:
        """Converters that print the <head> start with the page's <title>, "Headline | Site":
        when its headline part is repeated later as a line of its own, the first line goes."""
        lines = [ln for ln in page.lines if ln.text]
        if len(lines) < 2 or not lines[0].kept:
            return
        first = lines[0]
        parts = [p for p in _SITE_SEP.split(first.text) if p.strip()]
        if len(parts) < 2:
            return
        head = norm_key(max(parts, key=len))
        if len(head) < 15:
            return
        for ln in lines[1:]:
            if ln.key == head:
                page.drop(first, self.id, Reason.DUPLICATE, value=float(ln.no))
                return
