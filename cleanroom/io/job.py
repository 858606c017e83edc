"""One cleaning run over a corpus: read, (count sites,) clean in parallel, write, account.

The CLI's ``clean`` command and the Python API (:func:`run`) share this function; the dask
engine (``cleanroom.integrations.dask``) reuses its pieces per partition.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..corpus.site import DEFAULT_CAPACITY, SiteStats, count_sites
from ..errors import CleanroomError, InputError
from ..model import CleanResult
from .readers import ReadOptions, format_of, read_records
from .records import Record, RunStats
from .runner import clean_records
from .sinks import MirrorSink, ShardSink, SingleSink, Sink, WriteOptions
from .writers import reject_record

# skip reasons worth a line on stderr (a whole file, or the rest of one, was not read)
_LOUD = {"unreadable", "binary", "read_error"}


@dataclass
class JobOptions:
    paths: tuple[str, ...]
    read: ReadOptions = field(default_factory=ReadOptions)
    write: WriteOptions = field(default_factory=WriteOptions)
    on_error: str = "stop"  # or "skip": a bad record goes to the rejects file
    jobs: int = 1
    site_pass: bool = False
    site_capacity: int = DEFAULT_CAPACITY
    report: str | None = None
    engine: str = "local"


@dataclass
class JobResult:
    stats: RunStats
    seconds: float
    site: dict[str, Any] | None = None
    shards: int | None = None
    resumed_from: int = 0


def out_is_dir(output: str) -> bool:
    return output != "-" and (output.endswith(("/", os.sep)) or os.path.isdir(output))


def site_pass(opts: JobOptions, config: Config) -> SiteStats:
    """Pass 1 of corpus mode: count lines per site over the whole input."""
    if "-" in opts.paths:
        raise CleanroomError("corpus mode reads the input twice: give files, not stdin")
    items = ((r.site, r.text) for r in read_records(opts.paths, opts.read) if not r.skip)
    counter = count_sites(items, opts.site_capacity)
    return counter.stats(config.site_min_docs, config.site_max_prose_share)


def fingerprint(opts: JobOptions, config: Config) -> dict[str, Any]:
    """What shapes the output bytes: a resumed run must match the run it continues."""
    return {
        "paths": list(opts.paths),
        "read": {k: v for k, v in opts.read.__dict__.items()},
        "config": config.to_dict(),
        "format": opts.write.output_format,
        "text_field": opts.write.text_field,
        "decisions": opts.write.decisions,
        "keep_html": opts.write.keep_html,
        "on_error": opts.on_error,
        "site_pass": opts.site_pass,
        "site_capacity": opts.site_capacity if opts.site_pass else None,
    }


def make_sink(opts: JobOptions, config: Config, stats: RunStats) -> Sink:
    w = opts.write
    if w.shard_size:
        if not out_is_dir(w.output) and os.path.exists(w.output):
            raise CleanroomError("--shard-size needs -o DIR")
        fmt = w.output_format
        if fmt == "auto":
            first = next(iter(opts.paths), "-")
            fmt = {"parquet": "parquet", "warc": "warc"}.get(format_of(first, opts.read.fmt), "jsonl")
        w.fingerprint = fingerprint(opts, config)
        return ShardSink(w, stats, fmt)
    if out_is_dir(w.output):
        return MirrorSink(w, stats)
    return SingleSink(w, stats)


def handle(
    rec: Record,
    outcome: CleanResult | str | None,
    sink: Sink,
    stats: RunStats,
    config: Config,
    on_error: str,
    warn: Callable[[str], None],
) -> None:
    """Account for one record and send it where it belongs."""
    stats.documents += 1
    stats.decoding_replacements += rec.replaced_chars
    if rec.skip:
        stats.skip(rec.reason)
        if rec.fatal and on_error == "stop":
            raise InputError(rec.error or "read error", source=rec.source, line=rec.line or None)
        if rec.reason in _LOUD:
            warn(f"cleanroom: skipped {rec.source}{f':{rec.line}' if rec.line else ''}: {rec.error}")
        return
    if isinstance(outcome, str) and outcome == "html_unsupported":
        stats.skip(outcome)
        return
    if outcome is None or isinstance(outcome, str):
        err = rec.error or outcome or "no text"
        code = rec.reason if outcome is None else outcome.split(":")[0]
        if on_error == "stop":
            raise InputError(err, source=rec.source, line=rec.line or None)
        stats.reject(code)
        sink.reject(reject_record(rec, err, code=code))
        return
    stats.bytes_in += rec.size
    stats.measure(outcome)
    if config.min_score is not None and outcome.score < config.min_score:
        stats.reject("below_min_score")
        sink.reject(reject_record(rec, "below_min_score", outcome))
        return
    stats.cleaned += 1
    stats.bytes_out += len(outcome.text.encode("utf-8", "surrogatepass"))
    sink.write(rec, outcome, input_format(rec))


def input_format(rec: Record) -> str:
    if "warc_headers" in rec.meta:
        return "warc"
    if "schema" in rec.meta:
        return "parquet"
    if rec.fields is not None:
        return "jsonl"
    return "html" if rec.html is not None else "text"


def run(
    opts: JobOptions,
    config: Config,
    *,
    warn: Callable[[str], None] | None = None,
    tick: Callable[[], None] | None = None,
) -> JobResult:
    """Run one job; raises CleanroomError for bad input in "stop" mode (outputs are aborted,
    so no partial file appears under a final name)."""
    warn = warn or (lambda msg: print(msg, file=sys.stderr))
    t0 = time.monotonic()
    stats = RunStats()
    site_stats = site_pass(opts, config) if opts.site_pass else None
    sink = make_sink(opts, config, stats)
    skip = sink.resume_from
    n = skip
    try:
        records: Iterator[Record] = read_records(opts.paths, opts.read)
        if skip:
            records = itertools.islice(records, skip, None)
        with closing(
            clean_records(
                records, config, opts.jobs, site_stats=site_stats, keep_decisions=opts.write.decisions
            )
        ) as outcomes:
            for rec, outcome in outcomes:
                handle(rec, outcome, sink, stats, config, opts.on_error, warn)
                n += 1
                sink.consumed(n)
                if tick is not None:
                    tick()
    except BaseException:
        sink.abort()
        raise
    sink.close()
    result = JobResult(
        stats,
        time.monotonic() - t0,
        site_stats.summary() if site_stats is not None else None,
        sink.shards() if isinstance(sink, ShardSink) else None,
        skip,
    )
    if opts.report:
        write_report(opts.report, result, opts)
    return result


def report_dict(result: JobResult, opts: JobOptions) -> dict[str, Any]:
    s = result.stats
    d: dict[str, Any] = {"cleanroom_report": 1, **s.to_dict()}
    d["wall_time_s"] = round(result.seconds, 3)
    d["documents_per_s"] = round((s.documents - result.resumed_from) / max(result.seconds, 1e-9), 1)
    d["jobs"] = opts.jobs
    d["engine"] = opts.engine
    if result.shards is not None:
        d["shards"] = result.shards
        d["resumed_after_records"] = result.resumed_from
    if result.site is not None:
        d["site_pass"] = result.site
    return d


def write_report(path: str, result: JobResult, opts: JobOptions) -> None:
    text = json.dumps(report_dict(result, opts), indent=2, sort_keys=False) + "\n"
    if path == "-":
        sys.stderr.write(text)
        return
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
