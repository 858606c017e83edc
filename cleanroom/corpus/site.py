"""Site-wide boilerplate: lines that repeat across many documents of one site.

Pass 1 (:func:`count_sites`) reads the corpus once and counts, for every (site, normalised
line) pair, in how many documents it occurs and in how many of those the occurrence looked
like article prose. Pass 2 gives the frozen :class:`SiteStats` to the Cleaner, whose ``site``
layer drops the lines counted in at least ``Config.site_min_docs`` documents of the page's
site, unless they looked like prose in more than ``Config.site_max_prose_share`` of them.
This is CCNet's line-level de-duplication (Wenzek et al., 2020), restricted to one site so
that a common sentence of two unrelated sites is never removed.

Memory is bounded by ``capacity`` counters (about 120 bytes each, so the default 1,000,000
is ~120 MB, whatever the corpus size). Counting is exact while the distinct (site, line) pairs
fit; beyond that the counter becomes a Misra-Gries summary (Misra & Gries, 1982): when it is
full, every count is decreased by one and zeros are dropped. Counts are then *under*-estimated
by at most (document-line pairs seen) / capacity, never over-estimated, so a bounded counter
can miss boilerplate but never removes a line that did not really repeat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from hashlib import blake2b

from ..frontend import split_lines
from ..lexicon import norm_key

_SHIFT = 32
_ONE = 1 << _SHIFT
_LOW = _ONE - 1
_SENTENCE_END = tuple(".!?…。！？\"'”’»)")
DEFAULT_CAPACITY = 1_000_000


def line_hash(site: str, key: str) -> int:
    """A stable 64-bit hash of a (site, line key) pair (the same in every process)."""
    return int.from_bytes(
        blake2b(f"{site}\x00{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big"
    )


def line_key(raw: str) -> str:
    """The normalised key of a raw line: case, punctuation, list markers and spacing folded."""
    return norm_key(raw)


def _words(text: str) -> int:
    n = len(text.split())
    return n if n >= 3 else max(n, len(text.strip()) // 3)  # scripts written without spaces


def _sentence(text: str, min_words: int) -> bool:
    t = text.rstrip()
    return t.endswith(_SENTENCE_END) and _words(t) >= min_words


def site_keys(text: str) -> list[tuple[str, bool]]:
    """The distinct line keys of a document with, for each, whether an occurrence of it looked
    like article prose: a sentence of 12+ words that is either long (30+ words) or sits next
    to another sentence of 8+ words (a paragraph, not a footer blurb)."""
    lines = [ln for ln in split_lines(text) if ln.strip()]
    out: dict[str, bool] = {}
    for i, raw in enumerate(lines):
        key = line_key(raw)
        if not key:
            continue
        prose = False
        if _sentence(raw, 12):
            prose = _words(raw) >= 30 or any(
                0 <= j < len(lines) and _sentence(lines[j], 8) for j in (i - 1, i + 1)
            )
        out[key] = out.get(key, False) or prose
    return list(out.items())


@dataclass
class SiteCounter:
    """Document counts of (site, line) pairs, bounded by ``capacity`` entries (see module doc).

    Each entry packs the document count (high bits) and the prose count (low 32 bits).
    """

    capacity: int = DEFAULT_CAPACITY
    counts: dict[int, int] = field(default_factory=dict)
    documents: int = 0
    decrements: int = 0  # Misra-Gries rounds: the maximum under-count of any pair

    def add(self, site: str, text: str) -> None:
        self.documents += 1
        counts = self.counts
        for key, prose in site_keys(text):
            h = line_hash(site, key)
            v = counts.get(h)
            if v is None:
                if len(counts) >= self.capacity:
                    self._decrement()
                    if len(counts) >= self.capacity:
                        continue
                counts[h] = _ONE + prose
            else:
                counts[h] = v + _ONE + prose

    def _decrement(self, by: int = 1) -> None:
        self.decrements += by
        kept: dict[int, int] = {}
        for h, v in self.counts.items():
            n = (v >> _SHIFT) - by
            if n > 0:
                kept[h] = (n << _SHIFT) | min(v & _LOW, n)
        self.counts = kept

    def merge(self, other: SiteCounter) -> SiteCounter:
        """Add another counter's counts (a Misra-Gries merge: sum, then cut back to capacity by
        subtracting the (capacity+1)-th largest count), for counts made on partitions."""
        for h, v in other.counts.items():
            self.counts[h] = self.counts.get(h, 0) + v
        self.documents += other.documents
        self.decrements += other.decrements
        if len(self.counts) > self.capacity:
            ranked = sorted((v >> _SHIFT for v in self.counts.values()), reverse=True)
            self._decrement(ranked[self.capacity])
        return self

    def stats(self, min_docs: int | None, max_prose_share: float = 0.5) -> SiteStats:
        """The frozen table the site layer reads: pairs repeated in at least ``min_docs``
        documents whose prose share is at most ``max_prose_share``."""
        repeated: dict[int, int] = {}
        if min_docs is not None:
            for h, v in self.counts.items():
                n = v >> _SHIFT
                if n >= min_docs and (v & _LOW) <= max_prose_share * n:
                    repeated[h] = n
        return SiteStats(repeated, min_docs, self.documents, len(self.counts), self.decrements)


@dataclass(frozen=True)
class SiteStats:
    """What the site layer needs: the hashes of site-repeated lines and their document counts."""

    repeated: dict[int, int]
    min_docs: int | None
    documents: int = 0
    tracked: int = 0
    decrements: int = 0

    def count(self, site: str, raw: str) -> int | None:
        key = line_key(raw)
        if not key:
            return None
        return self.repeated.get(line_hash(site, key))

    def summary(self) -> dict[str, int | None]:
        return {
            "documents_counted": self.documents,
            "pairs_tracked": self.tracked,
            "repeated_lines": len(self.repeated),
            "max_undercount": self.decrements,
            "min_docs": self.min_docs,
        }


def count_sites(
    items: Iterable[tuple[str | None, str | None]], capacity: int = DEFAULT_CAPACITY
) -> SiteCounter:
    """Pass 1 over (site, text) pairs; documents without a site or text are not counted."""
    counter = SiteCounter(capacity)
    for site, text in items:
        if site and text:
            counter.add(site, text)
    return counter
