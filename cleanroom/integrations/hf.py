"""Hugging Face ``datasets``: a batched map function.

    from datasets import load_dataset
    from cleanroom.integrations.hf import CleanroomMap

    ds = ds.map(CleanroomMap("balanced"), batched=True, num_proc=8)
    ds = ds.filter(lambda r: r["cleanroom_score"] >= 0.5)

The function is a picklable object holding only the frozen config (and, in corpus mode, the
site counts), so ``datasets`` computes the same fingerprint every time and can reuse its
cache; cleaning is deterministic, so every ``num_proc`` gives the same rows.
"""

from __future__ import annotations

import json
from typing import Any

from ..config import Config
from ..corpus.site import SiteStats
from ..io.readers import ReadOptions
from ..pipeline import Cleaner
from ._common import clean_object


class CleanroomMap:
    """``fn(batch) -> batch`` for ``Dataset.map(fn, batched=True)``.

    Adds two columns: ``cleanroom`` (a JSON string: score, language, removed lines by layer,
    and every decision unless ``decisions=False``) and ``cleanroom_score`` (a float, or None
    for a row that could not be cleaned, e.g. a null text; its ``cleanroom`` says why).
    """

    def __init__(
        self,
        config: Config | str | None = None,
        *,
        text_column: str = "text",
        url_column: str = "url",
        site_column: str | None = None,
        decisions: bool = True,
        site_stats: SiteStats | None = None,
    ) -> None:
        self.cleaner = Cleaner(config, site_stats)
        self.read = ReadOptions(text_field=text_column, url_field=url_column, site_field=site_column)
        self.decisions = decisions

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        columns = list(batch)
        n = len(batch[columns[0]]) if columns else 0
        texts: list[Any] = []
        metas: list[str] = []
        scores: list[float | None] = []
        for i in range(n):
            row = {c: batch[c][i] for c in columns}
            out = clean_object(self.cleaner, row, self.read, self.decisions)
            meta = out["cleanroom"]
            texts.append(out.get(self.read.text_field))
            metas.append(json.dumps(meta, ensure_ascii=False, sort_keys=True))
            scores.append(None if "rejected" in meta and "score" not in meta else meta.get("score"))
        return {**batch, self.read.text_field: texts, "cleanroom": metas, "cleanroom_score": scores}

    def __getstate__(self) -> dict[str, Any]:
        return {"cleaner": self.cleaner, "read": self.read, "decisions": self.decisions}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
