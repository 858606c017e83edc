"""The command line: ``cleanroom clean``, ``cleanroom explain`` and ``cleanroom score``.

Conventions: data on stdout, messages on stderr, ``-`` is stdin/stdout, exit 2 for usage
errors, exit 1 when the run stopped on bad input, and never a traceback for bad input.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click

from . import __version__
from .config import Config, preset, preset_names
from .corpus.site import DEFAULT_CAPACITY
from .errors import CleanroomError, ConfigError
from .frontend import verdict as line_verdict
from .io.compress import DEFAULT_MAX_RATIO
from .io.job import JobOptions, out_is_dir
from .io.job import run as run_job
from .io.readers import FORMATS, ReadOptions, read_records, read_text_file
from .io.records import Record, RunStats
from .io.sinks import WriteOptions
from .io.writers import OUTPUT_FORMATS
from .layers import LAYER_IDS
from .pipeline import Cleaner


def _config(preset_name: str, disable: tuple[str, ...], min_score: float | None, with_title: bool) -> Config:
    try:
        cfg = preset(preset_name)
        changes: dict[str, object] = {}
        if disable:
            changes["disabled"] = frozenset(disable)
        if min_score is not None:
            changes["min_score"] = min_score
        if with_title:
            changes["with_title"] = True
        return cfg.replace(**changes) if changes else cfg
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _records(paths: tuple[str, ...], glob: str | None, fmt: str, text_field: str) -> Iterator[Record]:
    yield from read_records(paths, ReadOptions(fmt=fmt, glob=glob, text_field=text_field))


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.n = 0
        self.t0 = time.monotonic()
        self.last = 0.0

    def tick(self) -> None:
        self.n += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last >= 0.25:
            self.last = now
            rate = self.n / max(now - self.t0, 1e-9)
            click.echo(f"\rcleanroom: {self.n} documents, {rate:.0f}/s", err=True, nl=False)

    def close(self) -> None:
        if self.enabled and self.n:
            click.echo("", err=True)


_preset_option = click.option(
    "--preset",
    type=click.Choice(preset_names()),
    default="balanced",
    show_default=True,
    help="Named configuration.",
)
_disable_option = click.option(
    "--disable",
    multiple=True,
    metavar="LAYER",
    help=f"Switch a layer off (repeatable): {', '.join(LAYER_IDS)}.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleanroom")
def main() -> None:
    """Clean web-page text dumps for ML corpora, explaining every removal."""


class _Interrupted(BaseException):
    """SIGTERM, raised in the main thread so that outputs are aborted (no partial files)."""


# Signals received during a run. Python runs a handler wherever the main thread is, and an
# exception it raises inside a __del__ or a weakref callback is printed and dropped: the run
# would go on and commit its outputs. The record stays; the run checks it after every record.
_SIGNALLED: list[int] = []


def _on_signal(signum: int, frame: object) -> None:
    _SIGNALLED.append(signum)
    _raise_signalled()


def _raise_signalled() -> None:
    if _SIGNALLED:
        raise KeyboardInterrupt if _SIGNALLED[0] == signal.SIGINT else _Interrupted()


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="auto",
    show_default=True,
    help="Input format; auto: jsonl for .jsonl/.ndjson, parquet for .parquet, warc for "
    ".warc/.wet (each also .gz/.zst), text otherwise. html reads whole files as HTML pages.",
)
@click.option("--text-field", default="text", show_default=True, help="JSONL/Parquet field holding the text.")
@click.option(
    "--html-field",
    default=None,
    help="JSONL/Parquet field holding HTML; cleaned with the HTML front end into --text-field.",
)
@click.option("--keep-html", is_flag=True, help="Keep the --html-field in the output records.")
@click.option("--url-field", default="url", show_default=True, help="Field holding the page URL.")
@click.option("--glob", default=None, help="Pattern for files inside folders (default: every file).")
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output: - (stdout), a FILE (.gz/.zst compress; .parquet, .warc(.gz), .wet(.gz), .txt pick the "
    "format), or a DIR (ends with / or exists) mirroring inputs, or holding shards with --shard-size.",
)
@click.option(
    "--output-format",
    type=click.Choice(list(OUTPUT_FORMATS)),
    default="auto",
    show_default=True,
    help="Output format (auto: from the output name, else the input's).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1),
    default=None,
    help="Write -o DIR/part-00000.jsonl.gz ... with this many cleaned records each.",
)
@click.option("--resume", is_flag=True, help="With --shard-size: keep finished shards and continue.")
@click.option("--overwrite", is_flag=True, help="Replace existing output files.")
@click.option("--report", "report_path", default=None, help="Write a JSON run report here (- for stderr).")
@_preset_option
@_disable_option
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="Documents whose cleaned score is below this go to the rejects file.",
)
@click.option("--with-title", is_flag=True, help="Put the detected title on the first line of the text.")
@click.option(
    "--on-error",
    type=click.Choice(["stop", "skip"]),
    default="stop",
    show_default=True,
    help="A malformed record stops the run (exit 1), or is written to the rejects file.",
)
@click.option("--rejects", "rejects_path", default=None, help="JSONL file for rejected records.")
@click.option("--decisions", is_flag=True, help="Include every decision in the 'cleanroom' metadata.")
@click.option(
    "--corpus-mode",
    "--site-pass",
    "site_pass",
    is_flag=True,
    help="Two passes: count lines per site, then also drop lines repeated across a site (site_repeat).",
)
@click.option(
    "--site-field", default=None, help="Field naming the site in corpus mode (default: host of the URL)."
)
@click.option(
    "--site-min-docs",
    type=click.IntRange(2),
    default=None,
    help="Corpus mode: a line in at least this many documents of a site is boilerplate (default 5).",
)
@click.option(
    "--site-max-keys",
    type=click.IntRange(1000),
    default=DEFAULT_CAPACITY,
    show_default=True,
    help="Corpus mode: memory bound, in (site, line) counters (~120 bytes each).",
)
@click.option(
    "--max-ratio",
    type=click.FloatRange(0),
    default=DEFAULT_MAX_RATIO,
    show_default=True,
    help="Refuse .gz/.zst input expanding more than this many times its size (above 64 MiB; 0: no bound).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 512), default=1, show_default=True, help="Worker processes."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine's processes (--jobs); dask: a dask cluster (pip install 'cleanroom[dask]').",
)
@click.option(
    "--scheduler",
    default=None,
    help="With --engine dask: the scheduler ADDRESS (default: a LocalCluster of --jobs workers).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress on stderr (default: when it is a terminal)."
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def clean(
    paths: tuple[str, ...],
    fmt: str,
    text_field: str,
    html_field: str | None,
    keep_html: bool,
    url_field: str,
    glob: str | None,
    output: str,
    output_format: str,
    shard_size: int | None,
    resume: bool,
    overwrite: bool,
    report_path: str | None,
    preset: str,
    disable: tuple[str, ...],
    min_score: float | None,
    with_title: bool,
    on_error: str,
    rejects_path: str | None,
    decisions: bool,
    site_pass: bool,
    site_field: str | None,
    site_min_docs: int | None,
    site_max_keys: int,
    max_ratio: float,
    jobs: int,
    engine: str,
    scheduler: str | None,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Clean text dumps, JSONL, Parquet or WARC/WET (files, folders, or - for stdin)."""
    if not paths:
        paths = ("-",)
    cfg = _config(preset, disable, min_score, with_title)
    if site_min_docs is not None:
        cfg = cfg.replace(site_min_docs=site_min_docs)
    out_dir = out_is_dir(output)
    if shard_size and not (out_dir or not os.path.exists(output)) or (shard_size and output == "-"):
        raise click.UsageError("--shard-size needs -o DIR")
    if resume and not shard_size:
        raise click.UsageError("--resume needs --shard-size (finished shards are what it keeps)")
    if site_pass and "-" in paths:
        raise click.UsageError("--corpus-mode reads the input twice: give files, not stdin")
    if engine == "dask" and (not out_dir or shard_size):
        raise click.UsageError(
            "--engine dask writes one part per input file: give -o DIR, without --shard-size"
        )
    needs_rejects = min_score is not None or on_error == "skip"
    if needs_rejects and rejects_path is None and not shard_size:
        if output == "-":
            raise click.UsageError(
                "--min-score and --on-error skip need --rejects PATH when writing to stdout"
            )
        rejects_path = os.path.join(output, "rejects.jsonl") if out_dir else output + ".rejects.jsonl"
    opts = JobOptions(
        paths=paths,
        read=ReadOptions(
            fmt=fmt,
            glob=glob,
            text_field=text_field,
            html_field=html_field,
            url_field=url_field,
            site_field=site_field,
            max_ratio=max_ratio or None,
        ),
        write=WriteOptions(
            output=output if not (shard_size and not out_dir) else output.rstrip("/") + "/",
            output_format=output_format,
            text_field=text_field,
            decisions=decisions,
            html_field=html_field,
            keep_html=keep_html,
            overwrite=overwrite,
            rejects=None if shard_size else rejects_path,
            shard_size=shard_size,
            resume=resume,
            roots=paths,
        ),
        on_error=on_error,
        jobs=jobs,
        site_pass=site_pass,
        site_capacity=site_max_keys,
        report=report_path,
        engine=engine,
    )
    bar = _Progress(progress if progress is not None else sys.stderr.isatty())
    stats: RunStats | None = None
    _SIGNALLED.clear()
    old_handlers = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}

    def tick() -> None:
        _raise_signalled()
        bar.tick()

    try:
        if engine == "dask":
            from .integrations.dask import run_dask

            result = run_dask(opts, cfg, scheduler=scheduler, warn=lambda m: click.echo(m, err=True))
        else:
            result = run_job(opts, cfg, warn=lambda m: click.echo(m, err=True), tick=tick)
        stats = result.stats
        _raise_signalled()  # after the last record: the outputs are whole, the exit says it
    except CleanroomError as exc:
        bar.close()
        click.echo(f"cleanroom: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except (KeyboardInterrupt, _Interrupted) as exc:
        bar.close()
        click.echo("cleanroom: interrupted; finished outputs kept, unfinished ones removed", err=True)
        sys.exit(130 if isinstance(exc, KeyboardInterrupt) else 143)
    finally:
        for sig, handler in old_handlers.items():
            signal.signal(sig, handler)
    bar.close()
    sys.stdout.flush()  # before the summary, so a terminal shows them in order
    if not quiet and stats is not None:
        click.echo(stats.summary(), err=True)


_COLOURS = {"keep": "green", "drop": "red", "edit": "yellow", "title": "cyan"}


@main.command()
@click.argument("path", metavar="FILE|-")
@_preset_option
@_disable_option
@click.option("--only-removed", is_flag=True, help="Show only removed and edited lines.")
@click.option("--color/--no-color", default=None, help="Colour (default: when stdout is a terminal).")
def explain(path: str, preset: str, disable: tuple[str, ...], only_removed: bool, color: bool | None) -> None:
    """Show every line of FILE with its verdict, layer and reason."""
    cfg = _config(preset, disable, None, False)
    if path != "-" and not Path(path).is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="FILE")
    from .html.explain import explain_html, is_html_path

    if is_html_path(path):  # HTML: each block with its DOM path (cleanroom.html)
        return explain_html(path, cfg, only_removed, color)
    rec = read_text_file(path)
    if rec.text is None:
        click.echo(f"cleanroom: skipped {rec.source}: {rec.error}", err=True)
        sys.exit(1)
    cleaner = Cleaner(cfg)
    page = cleaner.run(rec.text)
    result = cleaner.result(page)
    edits = {d.line: d for d in page.decisions if d.action == "edit"}
    click.echo(
        f"# {rec.source}: language {page.language}, title {page.title!r}, "
        f"score {result.score:.3f} (input {result.input_score:.3f})",
        color=color,
    )
    for ln in page.lines:
        if not ln.text:
            continue
        verdict, why = line_verdict(ln, edits)
        if only_removed and verdict == "keep":
            continue
        label = click.style(f"{verdict:<5}", fg=_COLOURS[verdict])
        click.echo(f"{ln.no:>5} {label} {why:<28} {ln.text}", color=color)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--input-format", type=click.Choice(list(FORMATS)), default="auto", show_default=True)
@click.option("--text-field", default="text", show_default=True)
@click.option("--glob", default=None)
@_preset_option
def score(
    paths: tuple[str, ...], fmt: str, input_format: str, text_field: str, glob: str | None, preset: str
) -> None:
    """Cleanliness score of each document, raw or cleaned, with its components."""
    import json

    cleaner = Cleaner(_config(preset, (), None, False))
    if fmt == "table":
        click.echo(f"{'document':<40} {'score':>6}  components")
    try:
        for rec in _records(paths or ("-",), glob, input_format, text_field):
            name = rec.source + (f":{rec.line}" if rec.line else "")
            if rec.text is None:
                click.echo(f"cleanroom: skipped {name}: {rec.error}", err=True)
                continue
            rep = cleaner.score(rec.text)
            if fmt == "jsonl":
                obj = {"source": rec.source, "line": rec.line, **rep.to_dict()}
                if rec.fields and "id" in rec.fields:
                    obj["id"] = rec.fields["id"]
                click.echo(json.dumps(obj, ensure_ascii=False))
            else:
                comps = " ".join(f"{k}={v:.2f}" for k, v in rep.components.items())
                click.echo(f"{name[-40:]:<40} {rep.score:>6.3f}  {comps}")
    except CleanroomError as exc:
        click.echo(f"cleanroom: error: {exc}", err=True)
        sys.exit(1)


@main.command(name="config")
@_preset_option
@_disable_option
def show_config(preset: str, disable: tuple[str, ...]) -> None:
    """Print the effective configuration (a preset, with layers disabled) as JSON."""
    import json

    cfg = _config(preset, disable, None, False)
    try:
        text_cfg = Cleaner(cfg).text_config.to_dict()
    except ConfigError as exc:  # a model file that cannot be read
        click.echo(f"cleanroom: error: {exc}", err=True)
        sys.exit(1)
    full = cfg.to_dict()
    # the fields text dumps run with instead, because the learned model measured its
    # features with them (docs/config.md, Presets)
    text_dumps = {k: v for k, v in text_cfg.items() if full[k] != v}
    click.echo(
        json.dumps({"preset": preset, "layers": list(LAYER_IDS), **full, "text_dumps": text_dumps}, indent=2)
    )
