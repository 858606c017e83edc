"""Documents as they travel through a run, and the outcome recorded for each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Record:
    """One input document.

    ``fields`` is the whole JSON object for JSONL input (every field is written back);
    ``text`` is None when the record could not give a text (then ``error`` says why).
    """

    source: str  # file name or "<stdin>"
    line: int  # 1-based line number in the source (JSONL), 0 for whole-file documents
    text: str | None
    fields: dict[str, Any] | None = None
    raw: str | None = None  # the input line verbatim, for the rejects file
    error: str | None = None
    replaced_chars: int = 0  # invalid UTF-8 bytes decoded as U+FFFD


@dataclass
class RunStats:
    """What a run did with every input record: cleaned, rejected or skipped."""

    documents: int = 0
    cleaned: int = 0
    rejected: int = 0
    skipped: int = 0
    decoding_replacements: int = 0
    removed_by_layer: dict[str, int] = field(default_factory=dict)
    rejects_by_reason: dict[str, int] = field(default_factory=dict)

    def reject(self, reason: str) -> None:
        self.rejected += 1
        self.rejects_by_reason[reason] = self.rejects_by_reason.get(reason, 0) + 1

    def summary(self) -> str:
        parts = [
            f"{self.documents} documents: {self.cleaned} cleaned, "
            f"{self.rejected} rejected, {self.skipped} skipped"
        ]
        if self.decoding_replacements:
            parts.append(f"{self.decoding_replacements} invalid UTF-8 bytes replaced")
        if self.removed_by_layer:
            layers = ", ".join(f"{k} {v}" for k, v in sorted(self.removed_by_layer.items()))
            parts.append(f"lines removed by layer: {layers}")
        if self.rejects_by_reason:
            rej = ", ".join(f"{k} {v}" for k, v in sorted(self.rejects_by_reason.items()))
            parts.append(f"rejects: {rej}")
        return "cleanroom: " + "; ".join(parts)
