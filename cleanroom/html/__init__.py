"""HTML front end: bytes or text of a page -> the same Line list the text front end makes,
with DOM evidence on each line (see docs/html.md).

>>> from cleanroom.html import parse_html
>>> doc = parse_html(b"<html><body><nav><a href=/>Home</a></nav><p>Hello.</p></body></html>")
>>> [(ln.text, ln.tag, ln.hints) for ln in doc.lines]
[('Home', 'nav', ('nav',)), ('Hello.', 'p', ())]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..frontend import apply_decisions, scrub_surrogates
from ..frontend import verdict as line_verdict
from ..model import Decision, Line
from .decode import Decoded, decode_html
from .tree import walk
from .walk import Walker

__all__ = ["HtmlDocument", "decode_html", "explain_rows", "parse_html", "replay_html"]


@dataclass
class HtmlDocument:
    """What the HTML front end read from one page."""

    lines: list[Line]
    title: str | None  # the page's <title>, a title candidate
    encoding: str  # codec used for bytes input ("str" when text was given)
    encoding_source: str  # "bom", "utf-8", "meta charset", "http-equiv", "utf-8 replace", "fallback", "str"
    parser: str  # "lxml" or "html.parser"
    notes: list[str] = field(default_factory=list)

    def source(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "format": "html",
            "encoding": self.encoding,
            "encoding_source": self.encoding_source,
            "parser": self.parser,
        }
        if self.notes:
            d["notes"] = list(self.notes)
        return d


def parse_html(html: str | bytes, parser: str | None = None, dom_paths: bool = True) -> HtmlDocument:
    """Decode (bytes) and parse a page into lines; never fetches anything, never raises on
    malformed markup. ``parser``: "lxml", "html.parser" or None (lxml when importable).
    ``dom_paths=False`` leaves each line's ``dom_path`` empty (cheaper; only explain shows it)."""
    if isinstance(html, (bytes, bytearray, memoryview)):
        dec = decode_html(bytes(html))
        if dec.encoding not in ("utf-8", "cp1252"):  # a declared codec (unicode_escape...) may make them
            dec = Decoded(scrub_surrogates(dec.text), dec.encoding, dec.source, dec.declared)
    elif isinstance(html, str):
        dec = Decoded(scrub_surrogates(html), "str", "str")
    else:
        raise TypeError(f"clean_html() takes str or bytes, not {type(html).__name__}")
    walker = Walker(dom_paths)
    used, notes = walk(dec.text, walker, parser)
    return HtmlDocument(walker.lines, walker.title, dec.encoding, dec.source, used, notes)


def replay_html(html: str | bytes, decisions: Iterable[Decision], parser: str | None = None) -> str:
    """Apply recorded decisions to the HTML front end's lines, without running any layer."""
    return apply_decisions(parse_html(html, parser).lines, decisions)


def explain_rows(page: Any) -> list[dict[str, Any]]:
    """One row per line of a processed page (``Cleaner.run_html``): line number, DOM path,
    verdict (keep / edit / drop / title), the layer and reason or the content class, the hint
    categories, the link density and the text. The CLI's ``explain`` prints these."""
    edits = {d.line: d for d in page.decisions if d.action == "edit"}
    rows = []
    for ln in page.lines:
        if not ln.text:
            continue
        verdict, why = line_verdict(ln, edits)
        rows.append(
            {
                "line": ln.no,
                "path": ln.dom_path,
                "verdict": verdict,
                "why": why,
                "hints": list(ln.hints),
                "link_density": ln.link_density,
                "text": ln.text,
            }
        )
    return rows
