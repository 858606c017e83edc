"""Scheduling ``Cleaner.clean`` over a stream of records, in one process or a pool.

Output order is input order at any number of processes, and workers receive only what they
clean (text or HTML, and the site), so ``--jobs N`` produces the same bytes as ``--jobs 1``.
Memory stays flat: at most ``jobs * 4`` batches of ``chunksize`` records are in flight, and
new batches are submitted as old ones come back, so no worker waits for a whole window.
"""

from __future__ import annotations

import signal
import sys
from collections import deque
from collections.abc import Generator, Iterable
from typing import Any

from ..config import Config
from ..corpus.site import SiteStats
from ..model import CleanResult
from ..pipeline import Cleaner
from .records import Record

#: a CleanResult, or the reason code of a record that could not be cleaned
Outcome = CleanResult | str | None
Item = tuple[str | None, str | None, str | None] | None

HTML_UNSUPPORTED = "html_unsupported"

_WORKER: Cleaner | None = None


def html_supported(cleaner: Cleaner) -> bool:
    return callable(getattr(cleaner, "clean_html", None))


def clean_item(cleaner: Cleaner, item: Item) -> Outcome:
    """Clean one (text, html, site) item; never raises for a bad document."""
    if item is None:
        return None
    text, html, site = item
    try:
        if text is not None:
            return cleaner.clean(text, site)
        if not html_supported(cleaner):
            return HTML_UNSUPPORTED
        return cleaner.clean_html(html or "", site=site)
    except RecursionError:
        return "internal_error: recursion"
    except Exception as exc:  # a bug must cost one document, not the run
        return f"internal_error: {type(exc).__name__}: {exc}"


def item_of(rec: Record) -> Item:
    if rec.skip or (rec.text is None and rec.html is None):
        return None
    return (rec.text, rec.html if rec.text is None else None, rec.site)


_KEEP_DECISIONS = True


def _init_worker(config: Config, site_stats: SiteStats | None, keep_decisions: bool = True) -> None:
    global _WORKER, _KEEP_DECISIONS
    _KEEP_DECISIONS = keep_decisions
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt does
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (fork copies it)
    _die_with_parent()
    _WORKER = Cleaner(config, site_stats)


def _die_with_parent() -> None:
    """Linux: a worker gets SIGKILL when its parent dies (kill -9 of the run), instead of
    living on as an orphan. Best effort elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _clean_batch(items: list[Item]) -> list[Outcome]:
    assert _WORKER is not None
    out = [clean_item(_WORKER, it) for it in items]
    if not _KEEP_DECISIONS:
        # the decisions are most of what would be pickled back; their counts travel instead
        out = [o.slim() if isinstance(o, CleanResult) else o for o in out]
    return out


def _context() -> Any:
    # imported here: a one-process run (the default) does not need it, and importing it
    # costs about 6 ms of every invocation's start-up
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else None)


def clean_records(
    records: Iterable[Record],
    config: Config,
    jobs: int = 1,
    chunksize: int = 16,
    site_stats: SiteStats | None = None,
    keep_decisions: bool = True,
) -> Generator[tuple[Record, Outcome], None, None]:
    """Yield (record, outcome) in input order: a CleanResult, None for a record that carries
    its own error, or a reason code string (e.g. "html_unsupported")."""
    if jobs <= 1:
        cleaner = Cleaner(config, site_stats)
        for rec in records:
            yield rec, clean_item(cleaner, item_of(rec))
        return
    max_pending = jobs * 4
    pending: deque[tuple[list[Record], Any]] = deque()
    with _context().Pool(
        jobs, initializer=_init_worker, initargs=(config, site_stats, keep_decisions)
    ) as pool:
        batch: list[Record] = []

        def submit() -> None:
            pending.append((batch, pool.apply_async(_clean_batch, ([item_of(r) for r in batch],))))

        for rec in records:
            batch.append(rec)
            if len(batch) >= chunksize:
                submit()
                batch = []
                while len(pending) >= max_pending:
                    recs, res = pending.popleft()
                    yield from zip(recs, res.get())
        if batch:
            submit()
        while pending:
            recs, res = pending.popleft()
            yield from zip(recs, res.get())
