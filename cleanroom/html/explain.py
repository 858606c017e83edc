"""``cleanroom explain page.html``: each block of an HTML page with its DOM path, verdict and reason."""

from __future__ import annotations

import gzip
from pathlib import Path

import click

from ..config import Config
from ..pipeline import Cleaner
from . import explain_rows

_COLOURS = {"keep": "green", "drop": "red", "edit": "yellow", "title": "cyan"}
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


def is_html_path(path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES)


def explain_html(path: str, cfg: Config, only_removed: bool, color: bool | None) -> None:
    data = Path(path).read_bytes()
    if path.lower().endswith(".gz"):
        data = gzip.decompress(data)
    cleaner = Cleaner(cfg)
    page, doc = cleaner.run_html(data)
    result = cleaner.result(page, doc.source())
    notes = f", notes: {'; '.join(doc.notes)}" if doc.notes else ""
    click.echo(
        f"# {path}: html ({doc.encoding} from {doc.encoding_source}, parser {doc.parser}{notes}), "
        f"language {page.language}, title {page.title!r}, "
        f"score {result.score:.3f} (input {result.input_score:.3f})",
        color=color,
    )
    for row in explain_rows(page):
        if only_removed and row["verdict"] == "keep":
            continue
        label = click.style(f"{row['verdict']:<5}", fg=_COLOURS[row["verdict"]])
        click.echo(f"{row['line']:>5} {label} {row['why']:<28} {row['path']}", color=color)
        click.echo(f"{'':>11} {row['text']}", color=color)
