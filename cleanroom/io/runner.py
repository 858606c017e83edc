"""Scheduling ``Cleaner.clean`` over a stream of records, in one process or a pool.

Output order is input order at any number of processes (``Pool.imap`` keeps order), and
workers receive only the text, so ``--jobs N`` produces the same bytes as ``--jobs 1``.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

from ..config import Config
from ..model import CleanResult
from ..pipeline import Cleaner
from .records import Record

_WORKER: Cleaner | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Cleaner(config)


def _clean_one(text: str | None) -> CleanResult | None:
    assert _WORKER is not None
    return None if text is None else _WORKER.clean(text)


def clean_records(
    records: Iterable[Record], config: Config, jobs: int = 1, chunksize: int = 8
) -> Iterator[tuple[Record, CleanResult | None]]:
    """Yield (record, result) in input order; result is None for records with an error."""
    if jobs <= 1:
        cleaner = Cleaner(config)
        for rec in records:
            yield rec, (None if rec.text is None else cleaner.clean(rec.text))
        return
    # Pool.imap would read the whole input ahead of the workers; feeding it bounded windows
    # keeps memory flat whatever the corpus size.
    window = max(jobs * chunksize * 4, 64)
    with mp.get_context().Pool(jobs, initializer=_init_worker, initargs=(config,)) as pool:
        batch: list[Record] = []
        for rec in records:
            batch.append(rec)
            if len(batch) >= window:
                yield from zip(batch, pool.imap(_clean_one, [r.text for r in batch], chunksize=chunksize))
                batch = []
        if batch:
            yield from zip(batch, pool.imap(_clean_one, [r.text for r in batch], chunksize=chunksize))
