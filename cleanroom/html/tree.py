"""Parsing HTML into a tree, safely, with lxml when it is importable and BeautifulSoup's
html.parser otherwise, and feeding the tree to a walker without recursion.

Why lxml's own tree and not BeautifulSoup on top of it: building BeautifulSoup's objects costs
about 16 times what libxml2's parse does (27 against 435 pages/s measured on the English dev
set), which would make HTML cleaning slower than the extractors it replaces. The walker sees
the same events from both backends, so the lines are the same.

Safety:

- libxml2's HTML parser reads no DTD and expands no entity other than HTML's own; the parser is
  built with ``no_network=True`` anyway, and nothing a page names (stylesheets, frames, images,
  entities) is ever fetched by either backend.
- libxml2 stops building the tree at depth 256 (a resource limit, not a crash): a page that
  hits it is pre-flattened (:func:`flatten_deep`: tags deeper than :data:`MAX_DEPTH` are
  dropped, block tags among them become ``<br>``, so their text stays on lines of its own) and
  parsed again; a note records it.
- Both walks use an explicit stack or lxml's C iterator, so a page nested 100,000 levels deep
  costs what a flat page of its size costs.
"""

from __future__ import annotations

import re
from typing import Any

from .walk import _INERT, BLOCK, CELL, SKIP, Walker

MAX_DEPTH = 200
_STRIP = ("script", "style", "noscript", "template", "svg", "iframe", "head", "select", "button")
# what may stand in <head>; anything else a parser left there (libxml2 leaves HTML5 elements
# such as <article> or <main> in <head> when the optional <body> tag is missing) is body content
HEAD_ONLY = frozenset(["title", "meta", "link", "style", "script", "base", "noscript", "template", "object"])
# elements that Walker.start must see even without attributes (the others only push _INERT)
_SPECIAL = BLOCK | SKIP | CELL | {"br", "a"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# An unclosed comment, raw-text element or tag runs to the end of the page (as in a browser):
# matching it there, instead of failing and retrying at the next "<", keeps the pass linear.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title)\b[^>]*(?:>.*?(?:</\1\s*>|\Z)|\Z)"
    r"|<(/?)([a-zA-Z][\w:-]*)([^>]*)(?:>|\Z)",
    re.DOTALL | re.IGNORECASE,
)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "frame",
        "keygen",
    ]
)


def lxml_available() -> bool:
    try:
        import lxml.etree  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        return False
    return True


def flatten_deep(html: str, max_depth: int = MAX_DEPTH) -> str:
    """Drop the tags nested deeper than ``max_depth``; block-level ones become ``<br>``.

    One regular-expression pass (linear in the page): comments and raw-text elements pass
    through whole, void elements do not nest, self-closing tags do not nest.
    """
    from .walk import BLOCK

    depth = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal depth
        name = m.group(3)
        if name is None:
            return m.group(0)
        tag = name.lower()
        if tag in _VOID or m.group(4).endswith("/"):
            return m.group(0)
        if m.group(2):  # a closing tag
            depth = max(0, depth - 1)
            if depth >= max_depth:
                return "<br>" if tag in BLOCK else ""
            return m.group(0)
        depth += 1
        if depth > max_depth:
            return "<br>" if tag in BLOCK else ""
        return m.group(0)

    return _TOKEN.sub(sub, html)


def _clean_input(html: str, controls: bool = True) -> str:
    # libxml2 turns control characters into U+FFFD itself; scanning a page for them costs
    # as much as a tenth of the parse, so only the html.parser path does it
    if controls and _CONTROL.search(html):
        html = _CONTROL.sub("", html)
    if html[:64].lstrip()[:5].lower() == "<?xml":
        html = _XML_DECL.sub("", html, count=1)
    return html


def walk_lxml(html: str, walker: Walker) -> list[str]:
    """Parse with lxml (libxml2) and walk; returns notes about what had to be done."""
    from lxml import etree

    notes: list[str] = []
    html = _clean_input(html, controls=False)
    root = None
    for attempt in range(2):
        parser = etree.HTMLParser(
            no_network=True, remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
        )
        try:
            root = etree.fromstring(html, parser=parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            root = None
        too_deep = any("depth" in str(e.message).lower() for e in parser.error_log if e.level_name == "FATAL")
        if too_deep and attempt == 0:
            notes.append(f"nesting deeper than libxml2's limit: tags below depth {MAX_DEPTH} flattened")
            html = flatten_deep(html)
            continue
        break
    if root is None:
        return notes
    head = root.find("head")
    title = head.findtext("title") if head is not None else None
    if title is None:
        title = root.findtext(".//title")
    walker.title = " ".join(title.split()) if title else None
    if head is not None:
        stray = [el for el in head if isinstance(el.tag, str) and el.tag not in HEAD_ONLY]
        if stray:
            body = root.find("body")
            if body is None:
                body = etree.SubElement(root, "body")
            for i, el in enumerate(stray):
                body.insert(i, el)  # in document order, before what the body already holds

    # removed in C before the walk: cheaper than visiting them (their tails stay)
    etree.strip_elements(root, *_STRIP, with_tail=False)
    skip_el = None
    start, end, text = walker.start, walker.end, walker.text
    # Walker.start / end, inlined for the commonest element: an inline one without attributes
    # (<span>, <b>, <em>...), which only pushes what its end must undo
    kinds = walker.kinds
    push, pop = kinds.append, kinds.pop
    special = _SPECIAL
    it = etree.iterwalk(root, events=("start", "end"))
    for ev, el in it:
        tag = el.tag
        if ev == "start":
            if tag.__class__ is not str:
                continue  # an entity reference or a stray node: its tail is read at "end"
            attrib = el.attrib
            if attrib or tag in special:
                if start(tag, attrib):
                    it.skip_subtree()
                    skip_el = el
                    continue
            else:
                push(_INERT)
            t = el.text
            if t:
                text(t)
        else:
            if tag.__class__ is str:
                if el is skip_el:
                    skip_el = None
                elif kinds and kinds[-1] == _INERT:
                    pop()
                else:
                    end(tag)
            t = el.tail
            if t:
                text(t)
    walker.finish()
    return notes


def walk_soup(html: str, walker: Walker) -> list[str]:
    """Parse with BeautifulSoup's html.parser (pure Python) and walk with an explicit stack."""
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import CData, Tag

    html = _clean_input(html)
    soup = BeautifulSoup(html, "html.parser")
    head = soup.head
    t = head.find("title") if head is not None else soup.find("title")
    walker.title = " ".join(t.get_text().split()) if isinstance(t, Tag) and t.get_text().strip() else None

    def attrs(node: Tag) -> dict[str, Any]:
        # BeautifulSoup splits multi-valued attributes ("class") into lists
        return {k: (" ".join(v) if isinstance(v, list) else v) for k, v in node.attrs.items()}

    stack: list[tuple[Any, bool]] = [(c, False) for c in reversed(soup.contents)]
    while stack:
        node, closing = stack.pop()
        if closing:
            walker.end(node.name)
            continue
        if isinstance(node, NavigableString):
            # comments, doctypes, declarations and processing instructions are not text
            if type(node) is NavigableString or type(node) is CData:
                walker.text(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == "head":
            # an unclosed <head> swallows the page in html.parser: walk what is not head-only
            stack.extend(
                (c, False) for c in reversed(node.contents) if getattr(c, "name", None) not in HEAD_ONLY
            )
            continue
        if walker.start(node.name.lower(), attrs(node) if node.attrs else None):
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(node.contents))
    walker.finish()
    return []


def walk(html: str, walker: Walker, parser: str | None = None) -> tuple[str, list[str]]:
    """Walk ``html`` with ``parser`` ("lxml", "html.parser", or None for the best available)."""
    if parser is None:
        parser = "lxml" if lxml_available() else "html.parser"
    if parser == "lxml":
        return parser, walk_lxml(html, walker)
    if parser == "html.parser":
        return parser, walk_soup(html, walker)
    from ..errors import ConfigError

    raise ConfigError(f"unknown HTML parser {parser!r}; available: lxml, html.parser")
