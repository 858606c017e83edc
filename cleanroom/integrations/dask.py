"""dask: the same Cleaner mapped over partitions, on a laptop or a cluster.

Python::

    import dask.bag as db
    from cleanroom.integrations.dask import clean_bag, count_sites_bag

    bag = db.read_text("crawl/*.jsonl.gz").map(json.loads)
    stats = count_sites_bag(bag)                       # corpus mode, pass 1 (optional)
    cleaned = clean_bag(bag, "balanced", site_stats=stats)
    cleaned.map(json.dumps).to_textfiles("out/*.jsonl.gz")

    ddf = clean_dataframe(dd.read_parquet("crawl/"), "balanced")   # a dask DataFrame

CLI: ``cleanroom clean --engine dask [--scheduler tcp://host:8786] -o out/ crawl/`` runs one
task per input file, each writing ``out/part-NNNNN.<ext>`` (renamed into place when complete)
and returning its statistics; without ``--scheduler`` a LocalCluster of ``--jobs`` worker
processes is started. Corpus mode counts per file on the workers and merges the bounded
counters on the client (a Misra-Gries merge), then ships the frozen table to every worker.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from ..config import Config
from ..corpus.site import DEFAULT_CAPACITY, SiteCounter, SiteStats, count_sites
from ..errors import CleanroomError
from ..io.job import JobOptions, JobResult, handle, write_report
from ..io.readers import ReadOptions, expand_paths, format_of, read_records
from ..io.records import RunStats
from ..io.runner import clean_item, item_of
from ..io.sinks import MANIFEST_DIR, SHARD_EXT, SingleSink, WriteOptions
from ..pipeline import Cleaner
from ._common import clean_object

# ---------------------------------------------------------------- Python API


def clean_partition(
    records: list[Any],
    config: Config | str | None = None,
    site_stats: SiteStats | None = None,
    read: ReadOptions | None = None,
    decisions: bool = True,
) -> list[dict[str, Any]]:
    cleaner = Cleaner(config, site_stats)
    read = read or ReadOptions()
    return [clean_object(cleaner, r, read, decisions) for r in records]


def clean_bag(
    bag: Any,
    config: Config | str | None = None,
    *,
    site_stats: SiteStats | None = None,
    text_field: str = "text",
    url_field: str = "url",
    site_field: str | None = None,
    html_field: str | None = None,
    decisions: bool = True,
) -> Any:
    """A dask Bag of dicts -> a Bag of cleaned dicts (see ``_common.clean_object``): one
    Cleaner per partition, the text replaced, "cleanroom" metadata added."""
    read = ReadOptions(
        text_field=text_field, url_field=url_field, site_field=site_field, html_field=html_field
    )
    return bag.map_partitions(clean_partition, config, site_stats, read, decisions)


def _clean_frame(pdf: Any, config: Any, site_stats: Any, read: ReadOptions, decisions: bool) -> Any:
    rows = pdf.to_dict("records")
    out = clean_partition(rows, config, site_stats, read, decisions)
    pdf = pdf.copy()
    pdf[read.text_field] = [o.get(read.text_field) for o in out]
    pdf["cleanroom"] = [json.dumps(o["cleanroom"], ensure_ascii=False, sort_keys=True) for o in out]
    pdf["cleanroom_score"] = [o["cleanroom"].get("score") for o in out]
    return pdf


def clean_dataframe(
    ddf: Any,
    config: Config | str | None = None,
    *,
    site_stats: SiteStats | None = None,
    text_field: str = "text",
    url_field: str = "url",
    decisions: bool = True,
) -> Any:
    """A dask DataFrame -> the same columns with ``text_field`` cleaned, plus ``cleanroom``
    (JSON string) and ``cleanroom_score`` (float, NaN for a row that could not be cleaned)."""
    import pandas as pd

    read = ReadOptions(text_field=text_field, url_field=url_field)
    meta = ddf._meta.copy()
    meta["cleanroom"] = pd.Series([], dtype=object)
    meta["cleanroom_score"] = pd.Series([], dtype="float64")
    return ddf.map_partitions(_clean_frame, config, site_stats, read, decisions, meta=meta)


def _count_partition(records: list[Any], read: ReadOptions, capacity: int) -> list[SiteCounter]:
    from ..io.readers import _from_object

    items = []
    for r in records:
        rec = _from_object("<memory>", 0, r, read, None)
        items.append((rec.site, rec.text))
    return [count_sites(items, capacity)]


def count_sites_bag(
    bag: Any,
    config: Config | str | None = None,
    *,
    text_field: str = "text",
    url_field: str = "url",
    site_field: str | None = None,
    capacity: int = DEFAULT_CAPACITY,
) -> SiteStats:
    """Corpus mode, pass 1, on the cluster: bounded counters per partition, merged."""
    cfg = Cleaner(config).config
    read = ReadOptions(text_field=text_field, url_field=url_field, site_field=site_field)
    counters = bag.map_partitions(_count_partition, read, capacity)
    merged = counters.fold(lambda a, b: a.merge(b), initial=SiteCounter(capacity)).compute()
    return merged.stats(cfg.site_min_docs, cfg.site_max_prose_share)


# ---------------------------------------------------------------- CLI engine


def _count_file(path: str, read: ReadOptions, capacity: int) -> SiteCounter:
    return count_sites(((r.site, r.text) for r in read_records((path,), read) if not r.skip), capacity)


def _part_names(out_dir: str, i: int, ext: str) -> tuple[str, str, str]:
    return (
        os.path.join(out_dir, f"part-{i:05d}.{ext}"),
        os.path.join(out_dir, f"rejects-{i:05d}.jsonl.gz"),
        os.path.join(out_dir, MANIFEST_DIR, f"part-{i:05d}.json"),
    )


def _clean_file(
    i: int,
    path: str,
    out_dir: str,
    ext: str,
    fmt: str,
    config: Config,
    site_stats: SiteStats | None,
    opts: JobOptions,
) -> dict[str, Any]:
    """One task: clean one input file into part-i (atomic), return its statistics."""
    part, rejects, manifest = _part_names(out_dir, i, ext)
    stats = RunStats()
    w = opts.write
    sink = SingleSink(
        WriteOptions(
            output=part,
            output_format=fmt,
            text_field=w.text_field,
            decisions=w.decisions,
            html_field=w.html_field,
            keep_html=w.keep_html,
            overwrite=True,
            rejects=rejects,
        ),
        stats,
    )
    cleaner = Cleaner(config, site_stats)
    messages: list[str] = []
    try:
        for rec in read_records((path,), opts.read):
            handle(
                rec, clean_item(cleaner, item_of(rec)), sink, stats, config, opts.on_error, messages.append
            )
    except BaseException:
        sink.abort()
        raise
    sink.close()
    if stats.rejected == 0:
        os.unlink(rejects)
    doc = {"shard": i, "input": path, "file": os.path.basename(part), "stats": stats.to_dict()}
    tmp = manifest + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, sort_keys=True)
    os.replace(tmp, manifest)
    return {"stats": doc["stats"], "messages": messages}


def run_dask(
    opts: JobOptions,
    config: Config,
    *,
    scheduler: str | None = None,
    warn: Callable[[str], None] = print,
) -> JobResult:
    """``cleanroom clean --engine dask``: one task per input file on a dask cluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise CleanroomError("--engine dask needs: pip install 'cleanroom[dask]'") from None
    if "-" in opts.paths:
        raise CleanroomError("--engine dask reads files, not stdin")
    t0 = time.monotonic()
    paths = list(expand_paths(opts.paths, opts.read.glob))
    out_dir = opts.write.output
    fmt = opts.write.output_format
    if fmt == "auto":
        fmt = (
            {"parquet": "parquet", "warc": "warc"}.get(format_of(paths[0], opts.read.fmt), "jsonl")
            if paths
            else "jsonl"
        )
    ext = SHARD_EXT[fmt]
    os.makedirs(os.path.join(out_dir, MANIFEST_DIR), exist_ok=True)
    todo = []
    for i, p in enumerate(paths):
        part, _, manifest = _part_names(out_dir, i, ext)
        if opts.write.resume and os.path.exists(manifest):
            continue
        if os.path.exists(part) and not (opts.write.overwrite or opts.write.resume):
            raise CleanroomError(f"{part} exists; pass --overwrite to replace it or --resume to keep it")
        todo.append((i, p))
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=max(opts.jobs, 1), threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    client = Client(cluster if cluster is not None else scheduler)
    try:
        site = None
        site_stats = None
        if opts.site_pass:
            counters = client.gather(
                client.map(_count_file, paths, read=opts.read, capacity=opts.site_capacity, pure=False)
            )
            merged = SiteCounter(opts.site_capacity)
            for c in counters:
                merged.merge(c)
            site_stats = merged.stats(config.site_min_docs, config.site_max_prose_share)
            site = site_stats.summary()
        stats_future = client.scatter(site_stats, broadcast=True) if site_stats is not None else None
        futures = [
            client.submit(
                _clean_file,
                i,
                p,
                out_dir,
                ext,
                fmt,
                config,
                stats_future,
                opts,
                pure=False,
                key=f"cleanroom-{i}",
            )
            for i, p in todo
        ]
        for res in client.gather(futures):
            for m in res["messages"]:
                warn(m)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    total = RunStats()
    for i in range(len(paths)):
        with open(_part_names(out_dir, i, ext)[2], encoding="utf-8") as fh:
            total.merge(RunStats.from_dict(json.load(fh)["stats"]))
    result = JobResult(total, time.monotonic() - t0, site, len(paths), 0)
    if opts.report:
        write_report(opts.report, result, opts)
    return result
