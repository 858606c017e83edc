"""Layer 4, tickers: "BREAKING" / "Latest" / "Live" headline runs.

A ticker heading is recognised from a multilingual lexicon (whole line). The headlines it
introduces are the lines of the same block (a text browser prints a ticker without blank
lines between items); when the heading stands alone, the next block is the ticker.
"""

from __future__ import annotations

from itertools import chain

from ..lexicon import phrases
from ..page import Page
from ..reasons import Reason
from ._blocks import reads_as_prose
from .base import Layer


class Tickers(Layer):
    id = "tickers"
    description = "breaking-news / latest / live headline runs"

    def apply(self, page: Page) -> None:
        heads = phrases("ticker_heading")
        limit = page.config.related_max_lines or 0
        lines = [ln for ln in page.lines if ln.text]
        for i, ln in enumerate(lines):
            if not ln.kept or len(ln.text) > 40 or not heads.equals(ln.key):
                continue
            page.drop(ln, self.id, Reason.TICKER)
            # the kept lines after it, read only as far as the run goes (a list of all of them
            # per heading was quadratic in a page of many tickers)
            rest = (lines[j] for j in range(i + 1, len(lines)) if lines[j].kept)
            first = next(rest, None)
            if first is None:
                continue
            block = first.block
            taken = 0
            for x in chain((first,), rest):
                if x.block != block or taken >= limit:
                    break
                if reads_as_prose(x, 200):
                    break
                if len(x.text) <= 40 and heads.equals(x.key):
                    taken = 0  # another ticker heading: its own run starts here
                page.drop(x, self.id, Reason.TICKER)
                taken += 1
