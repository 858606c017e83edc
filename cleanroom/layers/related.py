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

from ..features import ends_sentence, title_case_ratio, words
from ..lexicon import phrases
from ..page import Page
from ..reasons import Reason
from ._blocks import reads_as_prose
from .base import Layer

_SEP_AFTER = re.compile(r"\s*[:»>|›→–—\-]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


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
        limit = cfg.related_max_lines
        lines = [ln for ln in page.lines if ln.text]
        for i, ln in enumerate(lines):
            if not ln.kept:
                continue
            key = ln.key()
            if len(ln.text) <= 60 and (heads.equals(key) or key.rstrip(" 0123456789") in heads.phrases):
                page.drop(ln, self.id, Reason.RELATED_BLOCK)
                if limit:
                    self._drop_list(page, lines, i, limit)
                continue
            p = prefixes.starts(key)
            if p and len(ln.text.split()) <= 30 and _prefix_then_separator(ln.text, p):
                page.drop(ln, self.id, Reason.READ_MORE)
        if cfg.drop_inline_headlines and page.language == "en":
            self._inline_headlines(page)

    def _drop_list(self, page: Page, lines: list, i: int, limit: int) -> None:
        taken = 0
        for x in lines[i + 1 :]:
            if not x.kept:
                continue
            if taken >= limit or reads_as_prose(x):
                break
            page.drop(x, self.id, Reason.RELATED_BLOCK)
            taken += 1

    def _inline_headlines(self, page: Page) -> None:
        kept = [ln for ln in page.lines if ln.kept and ln.text]
        for j in range(1, len(kept) - 1):
            ln = kept[j]
            text = ln.text
            if ln.bullet or ends_sentence(text) or not 6 <= len(text.split()) <= 16:
                continue
            if not (reads_as_prose(kept[j - 1]) and reads_as_prose(kept[j + 1])):
                continue
            ratio = title_case_ratio(words(text), page.stopwords)
            if ratio >= 0.85:
                page.drop(ln, self.id, Reason.INLINE_HEADLINE, value=round(ratio, 3), threshold=0.85)
