"""Documents as they travel through a run, and the outcome recorded for each."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Record:
    """One input document.

    ``fields`` is the whole input record for structured input (JSONL object, Parquet row,
    WARC headers as fields): every field is written back. ``text`` is a text dump to clean;
    ``html`` an HTML page (cleaned by the HTML front end when it is installed). When neither
    is set, ``error`` says why; ``skip`` marks records that are not documents at all (a WARC
    request record, an unreadable file) and are counted as skipped rather than rejected.
    """

    source: str  # file name or "<stdin>"
    line: int  # 1-based position in the source (line, row or record number), 0 for whole files
    text: str | None
    fields: dict[str, Any] | None = None
    raw: str | None = None  # the input line verbatim, for the rejects file
    error: str | None = None
    code: str | None = None  # stable short reason code of ``error`` (counted in reports)
    replaced_chars: int = 0  # invalid UTF-8 bytes decoded as U+FFFD
    html: str | None = None
    url: str | None = None
    site: str | None = None  # the site key for corpus mode (host of the URL, or a named field)
    skip: bool = False
    fatal: bool = False  # the rest of this source could not be read (truncated, bomb, ...)
    meta: dict[str, Any] = field(default_factory=dict)  # format details for the writer
    size: int = 0  # bytes of the document as read (text or html, UTF-8)

    @property
    def reason(self) -> str:
        """The stable reason code of ``error``."""
        return self.code or (self.error or "no_text").split(":")[0]


HISTOGRAM_BINS = 10


@dataclass
class RunStats:
    """What a run did with every input record: cleaned, rejected or skipped.

    Invariant (checked by the tests): ``documents == cleaned + rejected + skipped``.
    """

    documents: int = 0
    cleaned: int = 0
    rejected: int = 0
    skipped: int = 0
    decoding_replacements: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed_by_layer: dict[str, int] = field(default_factory=dict)
    removed_by_reason: dict[str, int] = field(default_factory=dict)
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    score_histogram: list[int] = field(default_factory=lambda: [0] * HISTOGRAM_BINS)

    def reject(self, reason: str) -> None:
        self.rejected += 1
        self.rejects_by_reason[reason] = self.rejects_by_reason.get(reason, 0) + 1

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.skipped_by_reason[reason] = self.skipped_by_reason.get(reason, 0) + 1

    def measure(self, result: Any) -> None:
        """Count one cleaned document's removals, score bin and language."""
        if result.removed_by_reason is not None:  # a slim result from a worker process
            for layer, n in result.stats.items():
                self.removed_by_layer[layer] = self.removed_by_layer.get(layer, 0) + n
            for reason, n in result.removed_by_reason.items():
                if reason != "title":
                    self.removed_by_reason[reason] = self.removed_by_reason.get(reason, 0) + n
        by_layer, by_reason = self.removed_by_layer, self.removed_by_reason
        for d in result.decisions:  # (a page records hundreds: counted inline)
            if d.action == "drop":
                by_layer[d.layer] = by_layer.get(d.layer, 0) + 1
                reason = d.reason._value_  # (.value is a Python-level property)
                by_reason[reason] = by_reason.get(reason, 0) + 1
        b = min(int(result.score * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)
        self.score_histogram[max(b, 0)] += 1
        _inc(self.languages, result.language)

    def merge(self, other: RunStats) -> None:
        for name in ("documents", "cleaned", "rejected", "skipped", "decoding_replacements"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        for name in (
            "removed_by_layer",
            "removed_by_reason",
            "rejects_by_reason",
            "skipped_by_reason",
            "languages",
        ):
            mine = getattr(self, name)
            for k, v in getattr(other, name).items():
                mine[k] = mine.get(k, 0) + v
        self.score_histogram = [a + b for a, b in zip(self.score_histogram, other.score_histogram)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_in": self.documents,
            "documents_out": self.cleaned,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "invalid_utf8_replaced": self.decoding_replacements,
            "rejects_by_reason": dict(sorted(self.rejects_by_reason.items())),
            "skipped_by_reason": dict(sorted(self.skipped_by_reason.items())),
            "lines_removed_by_layer": dict(sorted(self.removed_by_layer.items())),
            "lines_removed_by_reason": dict(sorted(self.removed_by_reason.items())),
            "score_histogram": {
                f"{i / HISTOGRAM_BINS:.1f}-{(i + 1) / HISTOGRAM_BINS:.1f}": n
                for i, n in enumerate(self.score_histogram)
            },
            "languages": dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RunStats:
        s = cls(
            documents=d["documents_in"],
            cleaned=d["documents_out"],
            rejected=d["rejected"],
            skipped=d["skipped"],
            bytes_in=d["bytes_in"],
            bytes_out=d["bytes_out"],
            decoding_replacements=d["invalid_utf8_replaced"],
        )
        s.rejects_by_reason = dict(d["rejects_by_reason"])
        s.skipped_by_reason = dict(d["skipped_by_reason"])
        s.removed_by_layer = dict(d["lines_removed_by_layer"])
        s.removed_by_reason = dict(d["lines_removed_by_reason"])
        s.score_histogram = list(d["score_histogram"].values())
        s.languages = dict(d["languages"])
        return s

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

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
        if self.skipped_by_reason:
            sk = ", ".join(f"{k} {v}" for k, v in sorted(self.skipped_by_reason.items()))
            parts.append(f"skipped: {sk}")
        return "cleanroom: " + "; ".join(parts)


def _inc(d: dict[str, int], key: str) -> None:
    d[key] = d.get(key, 0) + 1
