"""The working state of one document while the layers run over it."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .config import Config
from .model import Decision, Line
from .reasons import Reason

if TYPE_CHECKING:
    from .corpus.site import SiteStats


class Page:
    """Lines plus everything measured about the document so far.

    Layers change a page only through :meth:`drop`, :meth:`edit` and :meth:`set_title`, so
    every change is recorded as a :class:`Decision`.
    """

    def __init__(self, lines: list[Line], config: Config, source: str | None = None) -> None:
        self.lines = lines
        # the whole input, when there is one: lets a layer test a pattern on the document
        # once (at C speed) before looking line by line
        self.source = source
        self.config = config
        self.decisions: list[Decision] = []
        self.stats: Counter[str] = Counter()
        self.language = "unknown"
        self.language_probability = 0.0
        self.stopwords: frozenset[str] = frozenset()
        self.char_based = False
        self.density_scale = 1.0  # see cleanroom.lexicon.density_scale
        self.title: str | None = None
        # the main-content region's plan when the learned layer computed it just before the
        # region layer (see Region.plan); the region layer takes it and resets it
        self.region_plan: Any = None
        # corpus mode: the document's site and the site-wide line counts (see layers/site.py)
        self.site: str | None = None
        self.site_stats: SiteStats | None = None

    def kept(self) -> list[Line]:
        """Lines still in the output, in order."""
        return [ln for ln in self.lines if ln.kept]

    def drop(
        self,
        line: Line,
        layer: str,
        reason: Reason,
        value: float | str | None = None,
        threshold: float | None = None,
    ) -> None:
        if not line.kept:
            return
        line.kept = False
        line.layer = layer
        line.reason = reason
        self.stats[layer] += 1
        self.decisions.append(Decision(line.no, "drop", layer, reason, line.raw, None, value, threshold))

    def edit(self, line: Line, layer: str, reason: Reason, new_text: str) -> None:
        if new_text == line.text:
            return  # a step is recorded only when it changed something
        line.text = new_text
        from .lexicon import norm_key

        line.key = norm_key(new_text)
        self.decisions.append(Decision(line.no, "edit", layer, reason, line.raw, new_text))

    def set_title(self, line: Line, layer: str) -> None:
        self.title = line.text
        line.kept = False
        line.layer = layer
        line.reason = Reason.TITLE
        self.decisions.append(Decision(line.no, "title", layer, Reason.TITLE, line.raw, line.text))
