"""The command line: ``cleanroom clean``, ``cleanroom explain`` and ``cleanroom score``.

Conventions: data on stdout, messages on stderr, ``-`` is stdin/stdout, exit 2 for usage
errors, exit 1 when the run stopped on bad input, and never a traceback for bad input.
"""

from __future__ import annotations

import gzip
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

import click

from . import __version__
from .config import Config, preset, preset_names
from .errors import CleanroomError, ConfigError, InputError
from .io.readers import expand_paths, is_jsonl, read_jsonl, read_text_file
from .io.records import Record, RunStats
from .io.runner import clean_records
from .io.writers import jsonl_record, mirror_path, open_output, reject_record
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
    for path in expand_paths(paths, glob):
        if is_jsonl(path, fmt):
            yield from read_jsonl(path, text_field)
        else:
            yield read_text_file(path)


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


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "jsonl"]),
    default="auto",
    show_default=True,
    help="Input format; auto picks jsonl for .jsonl/.ndjson(.gz), text otherwise.",
)
@click.option("--text-field", default="text", show_default=True, help="JSONL field holding the text.")
@click.option("--glob", default=None, help="Pattern for files inside folders (default: every file).")
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output: - (stdout), a FILE (.gz compresses), or a DIR (ends with / or exists) mirroring inputs.",
)
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
    help="A malformed JSONL line stops the run (exit 1), or is written to the rejects file.",
)
@click.option("--rejects", "rejects_path", default=None, help="JSONL file for rejected records.")
@click.option("--decisions", is_flag=True, help="Include every decision in the JSONL 'cleanroom' metadata.")
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 512), default=1, show_default=True, help="Worker processes."
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress on stderr (default: when it is a terminal)."
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def clean(
    paths: tuple[str, ...],
    fmt: str,
    text_field: str,
    glob: str | None,
    output: str,
    preset: str,
    disable: tuple[str, ...],
    min_score: float | None,
    with_title: bool,
    on_error: str,
    rejects_path: str | None,
    decisions: bool,
    jobs: int,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Clean text dumps (files, folders, JSONL, or - for stdin)."""
    if not paths:
        paths = ("-",)
    cfg = _config(preset, disable, min_score, with_title)
    out_dir = output != "-" and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    needs_rejects = min_score is not None or on_error == "skip"
    if needs_rejects and rejects_path is None:
        if output == "-":
            raise click.UsageError(
                "--min-score and --on-error skip need --rejects PATH when writing to stdout"
            )
        rejects_path = os.path.join(output, "rejects.jsonl") if out_dir else output + ".rejects.jsonl"
    stats = RunStats()
    opened: set[str] = set()
    bar = _Progress(progress if progress is not None else sys.stderr.isatty())
    rejects: IO[str] | None = None
    single: IO[str] | None = None
    try:
        rejects = open_output(rejects_path) if rejects_path else None
        single = None if out_dir else open_output(output)
        records = _records(paths, glob, fmt, text_field)
        for rec, result in clean_records(records, cfg, jobs):
            stats.documents += 1
            bar.tick()
            stats.decoding_replacements += rec.replaced_chars
            if result is None:
                err = rec.error or "no text"
                if rec.fields is None and rec.raw is None:  # a whole file we could not read
                    stats.skipped += 1
                    click.echo(f"cleanroom: skipped {rec.source}: {err}", err=True)
                    continue
                if on_error == "stop":
                    raise InputError(err, source=rec.source, line=rec.line)
                stats.reject(err.split(":")[0])
                assert rejects is not None
                rejects.write(reject_record(rec, err) + "\n")
                continue
            for d in result.decisions:
                if d.action == "drop":
                    stats.removed_by_layer[d.layer] = stats.removed_by_layer.get(d.layer, 0) + 1
            if cfg.min_score is not None and result.score < cfg.min_score:
                stats.reject("below_min_score")
                assert rejects is not None
                rejects.write(reject_record(rec, "below_min_score", result) + "\n")
                continue
            stats.cleaned += 1
            jsonl = rec.fields is not None
            line = jsonl_record(rec, result, text_field, decisions) if jsonl else result.text
            if out_dir:
                rel = os.path.basename(rec.source) if rec.source != "<stdin>" else "stdin.txt"
                target = mirror_path(output, _relative(rec.source, paths) or rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if jsonl:
                    with _append(target, opened) as fh:
                        fh.write(line + "\n")
                else:
                    with open_output(target) as fh:
                        fh.write(line + "\n")
            else:
                assert single is not None
                single.write(line + "\n")
    except CleanroomError as exc:
        bar.close()
        click.echo(f"cleanroom: error: {exc}", err=True)
        if not quiet:
            click.echo(stats.summary(), err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    finally:
        if single is not None and single is not sys.stdout:
            single.close()
        if rejects is not None and rejects is not sys.stdout:
            rejects.close()
    bar.close()
    if single is not None and single is sys.stdout:
        single.flush()  # before the summary, so a terminal shows them in order
    if not quiet:
        click.echo(stats.summary(), err=True)


def _relative(source: str, roots: tuple[str, ...]) -> str | None:
    for root in roots:
        if root != "-" and Path(root).is_dir():
            try:
                return str(Path(source).relative_to(root))
            except ValueError:
                continue
    return None


def _append(path: str, opened: set[str]) -> IO[str]:
    """JSONL records of one input file go to one output file: truncate once per run, then
    append (``opened`` holds the paths this run has already started)."""
    mode = "a" if path in opened else "w"
    opened.add(path)
    if path.endswith(".gz"):
        return cast(IO[str], gzip.open(path, mode + "t", encoding="utf-8", newline="\n"))
    return open(path, mode, encoding="utf-8", newline="\n")


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
    result = cleaner.clean(rec.text)
    edits = {d.line: d for d in page.decisions if d.action == "edit"}
    click.echo(
        f"# {rec.source}: language {page.language}, title {page.title!r}, "
        f"score {result.score:.3f} (input {result.input_score:.3f})",
        color=color,
    )
    for ln in page.lines:
        if not ln.text:
            continue
        if ln.kept:
            verdict = "edit" if ln.no in edits else "keep"
            why = f"{edits[ln.no].layer}:{edits[ln.no].reason}" if ln.no in edits else (ln.verdict or "")
        else:
            verdict = "title" if ln.reason is not None and ln.reason.value == "title" else "drop"
            why = f"{ln.layer}:{ln.reason}"
        if only_removed and verdict == "keep":
            continue
        label = click.style(f"{verdict:<5}", fg=_COLOURS[verdict])
        click.echo(f"{ln.no:>5} {label} {why:<28} {ln.text}", color=color)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option(
    "--input-format", type=click.Choice(["auto", "text", "jsonl"]), default="auto", show_default=True
)
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
    click.echo(json.dumps({"preset": preset, "layers": list(LAYER_IDS), **cfg.to_dict()}, indent=2))
