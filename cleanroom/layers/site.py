"""Layer 9, site: lines repeated across many documents of the same site (corpus mode).

The counts come from a first pass over the corpus (``cleanroom.corpus.site``) and are given
to the Cleaner as ``site_stats``; the page's site (host of its URL, or a named field) comes
with the document. Without both the layer does nothing, so a single document is cleaned as
before. The measured value is the number of documents of the site holding the line, the
threshold ``Config.site_min_docs``.
"""

from __future__ import annotations

from ..page import Page
from ..reasons import Reason
from .base import Layer


class Site(Layer):
    id = "site"
    description = "lines repeated in many documents of one site (corpus mode)"

    def apply(self, page: Page) -> None:
        stats = getattr(page, "site_stats", None)
        site = getattr(page, "site", None)
        min_docs = page.config.site_min_docs
        if stats is None or not site or min_docs is None:
            return
        for ln in page.lines:
            if not ln.kept or not ln.text:
                continue
            n = stats.count(site, ln.raw)
            if n is not None and n >= min_docs:
                page.drop(ln, self.id, Reason.SITE_REPEAT, value=float(n), threshold=float(min_docs))
