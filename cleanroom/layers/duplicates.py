"""Layer 8, duplicates: a line repeated inside one document (a title printed twice, captions
printed twice, a meta block repeated). The first occurrence stays; a repeat of a line that an
earlier layer already removed goes too, since the same text was judged boilerplate there."""

from __future__ import annotations

from ..page import Page
from ..reasons import Reason
from .base import Layer


class Duplicates(Layer):
    id = "duplicates"
    description = "lines repeated within the document"

    def apply(self, page: Page) -> None:
        min_chars = page.config.duplicate_min_chars
        if min_chars is None:
            return
        seen: dict[str, int] = {}
        for ln in page.lines:
            if not ln.text or (not ln.kept and ln.reason in (None, Reason.WRAP_JOINED)):
                continue
            key = ln.key()
            if len(key) < min_chars:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = ln.no
            elif ln.kept:
                page.drop(ln, self.id, Reason.DUPLICATE, value=float(first))
