"""A datatrove pipeline step, so FineWeb-style pipelines (local, Slurm or Ray executors) clean
with cleanroom:

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanroom.integrations.datatrove import CleanroomStep

    LocalPipelineExecutor(
        pipeline=[JsonlReader("in/"), CleanroomStep("balanced", min_score=0.3), JsonlWriter("out/")],
        tasks=4,
    ).run()

``Document.text`` becomes the cleaned text and ``Document.metadata["cleanroom"]`` holds the
score, language, removed lines by layer and every decision. Documents below ``min_score`` are
dropped, counted in the step's stats and, with ``exclusion_writer``, written there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..config import Config
from ..corpus.site import SiteStats
from ..io.readers import site_of
from ..io.writers import record_metadata
from ..pipeline import Cleaner


class CleanroomStep(PipelineStep):
    name = "🧹 cleanroom"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        config: Config | str | None = None,
        *,
        min_score: float | None = None,
        decisions: bool = True,
        site_stats: SiteStats | None = None,
        url_key: str = "url",
        exclusion_writer: Any = None,
    ) -> None:
        super().__init__()
        self.cleaner = Cleaner(config, site_stats)
        self.min_score = min_score
        self.decisions = decisions
        self.url_key = url_key
        self.exclusion_writer = exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        def body(writer: Any) -> Iterator[Document]:
            for doc in data:
                self.stat_update("documents")
                url = doc.metadata.get(self.url_key)
                with self.track_time():
                    result = self.cleaner.clean(doc.text, site_of(url) if isinstance(url, str) else None)
                self.stat_update("lines_removed", value=result.removed_lines)
                doc.text = result.text
                doc.metadata["cleanroom"] = record_metadata(None, result, self.decisions)
                if self.min_score is not None and result.score < self.min_score:
                    self.stat_update("dropped_below_min_score")
                    if writer is not None:
                        writer.write(doc, rank)
                    continue
                self.stat_update("kept")
                self.update_doc_stats(doc)
                yield doc

        if self.exclusion_writer is None:
            yield from body(None)
        else:
            with self.exclusion_writer as writer:
                yield from body(writer)
