"""The record-level step every integration shares: one dict in, one dict out."""

from __future__ import annotations

from typing import Any

from ..io.readers import ReadOptions, _from_object
from ..io.runner import clean_item, item_of
from ..io.writers import output_fields
from ..pipeline import Cleaner


def clean_object(
    cleaner: Cleaner,
    obj: Any,
    read: ReadOptions,
    decisions: bool = True,
    keep_html: bool = False,
) -> dict[str, Any]:
    """The cleaned record: ``text_field`` replaced, a "cleanroom" object added with the score
    and (by default) every decision. A record that cannot be cleaned keeps its fields and gets
    ``{"cleanroom": {"rejected": code, "error": message}}``; nothing is silently dropped."""
    rec = _from_object("<memory>", 0, obj, read, None)
    outcome = clean_item(cleaner, item_of(rec))
    if outcome is None or isinstance(outcome, str):
        base = dict(obj) if isinstance(obj, dict) else {"value": obj}
        code = rec.reason if outcome is None else outcome.split(":")[0]
        base["cleanroom"] = {"rejected": code, "error": rec.error or outcome}
        return base
    out = output_fields(rec, outcome, read.text_field, decisions, read.html_field, keep_html)
    if cleaner.config.min_score is not None and outcome.score < cleaner.config.min_score:
        out["cleanroom"]["rejected"] = "below_min_score"
    return out


def is_rejected(obj: dict[str, Any]) -> bool:
    return "rejected" in (obj.get("cleanroom") or {})
