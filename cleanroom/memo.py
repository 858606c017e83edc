"""Bounded memos of pure functions of a line's text.

Boilerplate lines (menus, footers, bylines, share prompts) recur from page to page of a site:
a third of the lines of the dev dumps were seen in an earlier document of the same file. A
rule that depends only on the text (and on constants) can reuse its earlier answer. The memo
holds answers, never state: the same text gets the same answer with or without it, in any
process and in any document order; when full it is emptied, which only costs recomputing.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

#: the value ``get`` returns for a text not in the memo (None is a valid answer)
MISSING: object = object()


class TextMemo(dict[str, T], Generic[T]):
    """text -> the answer of one pure function. Read with ``memo.get(text, MISSING)`` (a
    C-level dict lookup), store with :meth:`put`."""

    def __init__(self, max_entries: int = 50_000, max_text: int = 200) -> None:
        super().__init__()
        self.max_entries = max_entries
        # long lines are paragraphs, which rarely recur: they would only fill the memo
        self.max_text = max_text

    def put(self, text: str, value: T) -> T:
        if len(text) <= self.max_text:
            if len(self) >= self.max_entries:
                self.clear()
            self[text] = value
        return value
