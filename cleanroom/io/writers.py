"""Writers: text or JSONL to stdout, one file, or a folder mirroring input names."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from ..model import CleanResult
from .records import Record


def open_output(path: str) -> IO[str]:
    """A text handle for ``path`` ("-" is stdout); .gz is compressed."""
    if path == "-":
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if path.endswith(".gz"):
        return gzip.open(path, "wt", encoding="utf-8", newline="\n")
    return open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115


def jsonl_record(rec: Record, result: CleanResult, text_field: str, with_decisions: bool = False) -> str:
    obj: dict[str, Any] = dict(rec.fields or {})
    obj[text_field] = result.text
    meta = result.metadata()
    if rec.replaced_chars:
        meta["invalid_utf8_replaced"] = rec.replaced_chars
    if with_decisions:
        meta["decisions"] = [d.to_dict() for d in result.decisions]
    obj["cleanroom"] = meta
    return json.dumps(obj, ensure_ascii=False)


def reject_record(rec: Record, reason: str, result: CleanResult | None = None) -> str:
    obj: dict[str, Any] = {"source": rec.source, "line": rec.line, "reason": reason}
    if result is not None:
        obj["score"] = round(result.score, 4)
    if rec.fields is not None:
        obj["record"] = rec.fields
    elif rec.raw is not None:
        obj["raw"] = rec.raw
    elif rec.text is not None:
        obj["text"] = rec.text
    return json.dumps(obj, ensure_ascii=False)


def mirror_path(out_dir: str, rel: str) -> str:
    """``rel`` placed under ``out_dir``; never outside it, whatever ``rel`` says."""
    base = os.path.realpath(out_dir)
    parts = [p for p in Path(rel.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    parts = [p for p in parts if not os.path.isabs(p) and ":" not in p[:2]]
    target = os.path.realpath(os.path.join(base, *parts)) if parts else os.path.join(base, "stdin.txt")
    if os.path.commonpath([base, target]) != base:
        raise ValueError(f"refusing to write outside {out_dir}: {rel}")
    return target
