"""Text front end: turns a text dump into :class:`~cleanroom.model.Line` objects.

What it reads off each line: the indentation, a list marker (bullets of w3m, lynx,
inscriptis and html2text, numbered items, Markdown headings), and the block the line belongs
to (blocks are separated by blank lines). Whitespace is canonicalised here (runs of spaces,
tabs and no-break spaces fold to one space, ends trimmed); that is a property of parsing,
not a decision, and :func:`render` and :func:`replay` rely on the same parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Decision, Line

# One or more list markers at the start of a line: bullets, boxes, dashes, "1." / "12)",
# lynx's "o" and "+" levels, Markdown "#" headings. A marker must be followed by a space
# (or end the line) so that "+49 30..." or "-5%" stay text.
_MARKER = re.compile(
    r"^(?:(?:[\u2022\u25a1\u25aa\u25ab\u25cf\u25e6\u2023\u2043\u00b7\u25a0\u25c6\u2013\u2014*+\-o#]{1,6}|\d{1,3}[.)])(?:\s+|$))+"
)


def scrub_surrogates(text: str) -> str:
    """``text`` with lone surrogates (U+D800-U+DFFF, which a str can hold but no UTF encoding
    can write) replaced by U+FFFD; a high + low pair left unjoined becomes its character.

    Part of reading the input, like the whitespace folding: afterwards every output string
    (text, title, decisions) encodes as UTF-8. Costs one C-speed encode when there is none.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def split_lines(text: str) -> list[str]:
    # str.splitlines also splits on \x1c-\x1e, \x85, \u2028/9: those are content here.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


_MARKER_START = frozenset(
    "\u2022\u25a1\u25aa\u25ab\u25cf\u25e6\u2023\u2043\u00b7\u25a0\u25c6\u2013\u2014*+-o#0123456789"
)


def parse_line(no: int, raw: str, block: int) -> Line:
    expanded = raw.expandtabs(4) if "\t" in raw else raw
    stripped = expanded.lstrip()
    indent = len(expanded) - len(stripped)
    bullet = ""
    if stripped[:1] in _MARKER_START:
        m = _MARKER.match(stripped)
        # "o" alone is a lynx bullet only when followed by text; a line "o" is text.
        if m and m.group(0).strip() and not (m.group(0).strip() == "o" and stripped.strip() == "o"):
            bullet = m.group(0).strip()
            stripped = stripped[m.end() :]
    # str.split() folds every Unicode space (no-break, ideographic, thin...) at C speed.
    # Positional arguments (no, raw, text, indent, bullet, block): a dump has hundreds of
    # lines, and keywords cost a sixth of building a Line.
    return Line(no, raw, " ".join(stripped.split()), indent, bullet, block)


def parse(text: str) -> list[Line]:
    """The text lines of a dump (blank lines only separate blocks and are not kept)."""
    lines: list[Line] = []
    block = 0
    blank_run = True
    for i, raw in enumerate(split_lines(scrub_surrogates(text)), start=1):
        if not raw or raw.isspace():
            if not blank_run:
                block += 1
            blank_run = True
            continue
        line = parse_line(i, raw, block)
        if not line.text:  # only a list marker: nothing to output
            line.kept = False
        else:
            blank_run = False
        lines.append(line)
    return lines


def content_lines(lines: Iterable[Line]) -> list[Line]:
    """Lines that carry text (blank lines excluded), whatever their verdict."""
    return [ln for ln in lines if ln.text and (ln.kept or ln.reason is not None)]


def is_number_marker(marker: str) -> bool:
    """A numbered item's marker ("3.", "12)"), which is also the page's text."""
    return marker[:-1].isdigit() and marker[-1:] in ".)"


def item_number(bullet: str) -> str | None:
    """The number a list item was printed with ("3." of "3." or of "* 3." in a nested list),
    or None for a bullet or no marker."""
    number = bullet.rsplit(None, 1)[-1] if bullet else ""
    return number if is_number_marker(number) else None


def render(lines: Iterable[Line]) -> str:
    """The output text: kept lines, blocks separated by an empty line, list items as "- " (a
    numbered item keeps its number)."""
    out: list[str] = []
    prev_block: int | None = None
    for ln in lines:
        if not ln.kept or not ln.text:
            continue
        if prev_block is not None and ln.block != prev_block:
            out.append("")
        prev_block = ln.block
        bullet = ln.bullet
        if not bullet or bullet[0] == "#":
            out.append(ln.text)
        elif number := item_number(bullet):
            # a number is part of what the page says ("37. What did one volcano say ...",
            # step 3 of a recipe): kept as it was printed ("* 3." of a nested list: "3.")
            out.append(f"{number} {ln.text}")
        else:
            out.append("- " + ln.text)
    return "\n".join(out)


def replay(text: str, decisions: Iterable[Decision]) -> str:
    """Apply recorded decisions to the parsed input, without running any layer."""
    return apply_decisions(parse(text), decisions)


def apply_decisions(lines: list[Line], decisions: Iterable[Decision]) -> str:
    """The output of a front end's lines once the recorded decisions are applied."""
    by_no = {ln.no: ln for ln in lines}
    for d in decisions:
        ln = by_no[d.line]
        if d.action == "edit":
            ln.text = d.new_text or ""
        else:
            ln.kept = False
    return render(lines)


def verdict(ln: Line, edits: dict[int, Decision]) -> tuple[str, str]:
    """(keep / edit / drop / title, and why: "layer:reason" or the content class) of a line of
    a processed page; ``edits`` maps line numbers to the page's edit decisions."""
    if ln.kept:
        if ln.no in edits:
            return "edit", f"{edits[ln.no].layer}:{edits[ln.no].reason}"
        return "keep", ln.verdict or ""
    if ln.reason is not None and ln.reason.value == "title":
        return "title", f"{ln.layer}:{ln.reason}"
    return "drop", f"{ln.layer}:{ln.reason}"
