"""The walker: tree events in, :class:`~cleanroom.model.Line` objects out.

It makes the lines the text front end would make from a good rendering of the page: one line
per paragraph, heading, list item and table row; ``<br>`` breaks a line; ``<pre>`` keeps its
line breaks. Lines of one block element share a block number (items of one list and rows of
one table too), so :func:`cleanroom.frontend.render` separates paragraphs as it does for text.

It never emits the text of script, style, template, noscript, svg, iframe, object, embed,
canvas, select, textarea, button, audio, video or head (whose <title> is kept aside as a title
candidate), nor of hidden elements (``hidden``, ``aria-hidden="true"``, ``display:none`` or
``visibility:hidden`` in a style attribute).

Every line carries the evidence of where it came from: its block tag, heading level, list /
table / figure membership, link density, DOM path and the hint categories of its element and
ancestors (see :mod:`cleanroom.html.hints`); the lines of a ``<div>`` / ``<section>`` holding a
picture and a few short lines (a caption box that is not a ``<figure>``) get the ``caption``
hint when the element ends (:meth:`Walker.image_box`). The walk keeps a stack of frames, one per open
element; nothing recurses, and the work per element is bounded (hints are merged from the
parent's tuple, paths are elided past a fixed depth), so the whole walk is linear in the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Line
from .hints import MAIN, TAG_HINTS, attribute_hints

BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "title",
        "frameset",
        "noframes",
    ]
)
# boundaries inside one list or table: they end a line but not the block
ITEM = frozenset({"li", "tr", "dt", "dd"})
SKIP = frozenset(
    [
        "script",
        "style",
        "template",
        "noscript",
        "svg",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "textarea",
        "button",
        "audio",
        "video",
        "head",
        "math",
        "datalist",
    ]
)
CELL = frozenset({"td", "th"})
_LISTS = frozenset({"ul", "ol", "dl", "li"})
HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_MAX_HINTS = 8
_MAX_CHAIN = 48  # innermost block ancestors kept per line (bounded work per element)
_PATH_TAIL = 9  # path components shown before eliding the outer ones
_BOXES = frozenset({"div", "section"})  # elements that can be an image's caption box
_BOX_LINES = 3  # an image's caption box holds at most this many lines
_BOX_CHARS = 250  # ... and this many characters
_ICON_PX = 48  # an image declared smaller than this is an icon, not a picture
CAPTION = "caption"


class _Frame:
    """An open element that matters: a block element, or one whose attributes carry a hint."""

    __slots__ = (
        "tag",
        "block",
        "comp",
        "counts",
        "hints",
        "node",
        "main",
        "prev_heading",
        "chain",
        "up",
        "depth",
        "imgs",
        "first",
    )

    def __init__(
        self,
        tag: str,
        block: bool,
        hints: tuple[str, ...],
        node: int,
        prev_heading: int,
        main: int = 0,
        up: _Frame | None = None,
        comp: str | tuple[str, str, int] = "",
        chain: tuple[int, ...] = (),
        depth: int = 0,
    ) -> None:
        self.tag = tag
        self.block = block
        self.comp = comp or tag  # (id, classes, sibling index) until path() makes it a string
        self.counts: dict[str, int] | None = None  # block children seen, by tag (sibling index)
        self.hints = hints
        self.node = node
        self.main = main  # serial of the innermost article container (<article>, <main>...) around it
        self.prev_heading = prev_heading
        self.chain = chain
        self.up = up  # the enclosing frame (for blocks: the enclosing block)
        self.depth = depth
        self.imgs = 0  # images seen in the page before this element opened
        self.first = 0  # lines emitted before this element opened


def hidden(get: Callable[[str], Any]) -> bool:
    if get("hidden") is not None:
        return True
    aria = get("aria-hidden")
    if aria is not None and aria.strip().lower() == "true":
        return True
    style = get("style")
    if style and ("none" in style or "hidden" in style):
        s = "".join(style.split()).lower()
        return "display:none" in s or "visibility:hidden" in s
    return False


def _icon(get: Callable[[str], Any]) -> bool:
    """An image declared smaller than ``_ICON_PX`` either way (an icon, a tracking pixel)."""
    for name in ("width", "height"):
        v = get(name)
        if v:
            v = v.strip()
            if v[-2:].lower() == "px":
                v = v[:-2].rstrip()
            if 0 < len(v) <= 6 and v.isascii() and v.isdigit() and int(v) < _ICON_PX:
                return True
    return False


def _element(frame: _Frame) -> str:
    """The element a line comes from, without its sibling index: "div.job-meta", "p"."""
    comp = frame.comp
    if isinstance(comp, str):
        return comp.partition("[")[0] if comp.endswith("]") else comp
    return _component(frame.tag, comp[0], comp[1], 0)


def _component(tag: str, ident: str, classes: str, n: int) -> str:
    """A block element's DOM path component: "div#id", "p.class", "li[3]"."""
    comp = tag
    ident_words = ident.split(None, 1) if ident else None  # id=" " has no word
    if ident_words:
        comp += "#" + ident_words[0]
    elif classes:
        first = classes.split(None, 1)
        if first:
            comp += "." + first[0]
    if n > 1:
        comp += f"[{n}]"
    return comp


_INERT = 0  # a plain inline element: nothing to undo at its end
_LINK = 1
_HINTED = 2  # an inline element whose attributes carry hints
_BLOCK = 3


class Walker:
    """Receives start / text / end events and builds the line list.

    ``start(tag, attrs)`` takes the element's attribute mapping (``None`` or empty when it has
    none) and returns True when the subtree must be skipped (no end event follows then).
    """

    def __init__(self, dom_paths: bool = True) -> None:
        root = _Frame("#root", True, (), 0, 0)
        # dom_paths=False: lines keep dom_path "" (the layers never read it; explain does)
        self.dom_paths = dom_paths
        self.kinds: list[int] = []  # per open element: what its end must undo
        self.frames: list[_Frame] = []  # open frames (blocks and hinted inline elements)
        self.top = root  # innermost frame: its hints are the current text's
        self.owner = root  # innermost block frame: lines belong to it
        self.lines: list[Line] = []
        self.title: str | None = None
        self.parts: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.line_hints: tuple[str, ...] | None = None  # hints the line's first text came with
        self.line_node = 0
        self.line_main = 0
        self.mixed = False  # text of the line came with different hints
        self.pending_sep = False
        self.block = 0
        self.emitted = False  # a line was emitted since the block number last changed
        self.serial = 0
        self.heading = 0
        self.links = 0
        self.lists = 0
        self.tables = 0
        self.figures = 0
        self.pre = 0
        self.li_pending = False
        self.imgs = 0  # images seen so far

    # --- events
    def start(self, tag: str, attrs: Any) -> bool:
        """Open an element; True means: skip its subtree (no end event will follow)."""
        if tag in SKIP:
            return True
        if tag == "img" and not (attrs and _icon(attrs.get)):
            self.imgs += 1
        is_block = tag in BLOCK
        own: tuple[str, ...] = ()
        ident = classes = ""
        if attrs:
            get = attrs.get
            if hidden(get):
                return True
            classes = get("class") or ""
            ident = get("id") or ""
            role = get("role") or ""
            itemprop = get("itemprop") or ""
            if classes or ident or role or itemprop:
                own = attribute_hints(classes, ident, role, itemprop)
        elif not is_block:
            if tag == "br":
                if self.parts:
                    self.flush()
                return True
            if tag == "a":
                self.links += 1
                self.kinds.append(_LINK)
                return False
            if tag in CELL and self.chars:
                self.pending_sep = True
            self.kinds.append(_INERT)
            return False
        if tag == "br":
            if self.parts:
                self.flush()
            return True
        tag_hint = TAG_HINTS.get(tag)
        if tag_hint is not None:
            # an <article> or <main> is the article's container whatever its classes say
            # (WordPress puts "tag-..." and "category-..." words on it)
            own = (MAIN,) if tag_hint == MAIN else (tag_hint, *[h for h in own if h != tag_hint])
        if len(own) > 1 and own[-1] == MAIN:
            own = own[:-1]  # "main-nav", "article-related": the boilerplate word is the specific one
        parent = self.top
        self.serial += 1
        if own and tag != "html" and tag != "body":
            # identity matters here: a line whose text comes with a hints tuple that is not
            # the one its first text came with is "mixed" (see _add)
            if parent.hints:
                hints = (own + tuple(h for h in parent.hints if h not in own))[:_MAX_HINTS]
            else:
                hints = own[:_MAX_HINTS]  # the same object as above: own + () is own
            node = self.serial if own[0] != MAIN else parent.node
        else:
            hints = parent.hints
            node = parent.node
        if not is_block:
            if tag == "a":
                self.links += 1
            elif tag in CELL and self.chars:
                self.pending_sep = True
            if hints is parent.hints:
                self.kinds.append(_LINK if tag == "a" else _INERT)
                return False
            frame = _Frame(
                tag,
                False,
                hints,
                node,
                self.heading,
                self.serial if hints[0] == MAIN else parent.main,
                parent,
            )
            self.top = frame
            self.frames.append(frame)
            self.kinds.append(_HINTED + (tag == "a") * 10)
            return False
        main = self.serial if hints is not parent.hints and hints[0] == MAIN else parent.main
        self.boundary(tag)
        owner = self.owner
        counts = owner.counts
        if counts is None:
            counts = owner.counts = {}
        n = counts.get(tag, 0) + 1
        counts[tag] = n
        chain = owner.chain
        frame = _Frame(
            tag,
            True,
            hints,
            node,
            self.heading,
            main,
            owner,
            # the path component ("div#id", "p.class[3]") is made when a path is asked for
            (ident, classes, n) if n > 1 or ident or classes else tag,
            (chain if len(chain) < _MAX_CHAIN else chain[1:]) + (self.serial,),
            owner.depth + 1,
        )
        frame.imgs = self.imgs
        frame.first = len(self.lines)
        self.owner = frame
        self.top = frame
        self.frames.append(frame)
        self.kinds.append(_BLOCK)
        level = HEADING.get(tag)
        if level:
            self.heading = level
        elif tag == "li":
            self.li_pending = True
        if tag in _LISTS:
            self.lists += 1
        elif tag == "table":
            self.tables += 1
        elif tag == "figure":
            self.figures += 1
        elif tag == "pre":
            self.pre += 1
        return False

    def end(self, tag: str) -> None:
        kinds = self.kinds
        if not kinds:
            return
        kind = kinds.pop()
        if kind == _INERT:
            return
        if kind == _LINK:
            self.links -= 1
            return
        frame = self.frames.pop()
        if kind != _BLOCK:
            if kind > _BLOCK:
                self.links -= 1
            self.top = self.frames[-1] if self.frames else self.owner
            return
        t = frame.tag
        self.boundary(t)  # the line so far belongs to this element
        if self.imgs > frame.imgs and t in _BOXES:
            self.image_box(frame)
        self.heading = frame.prev_heading
        if t in _LISTS:
            self.lists -= 1
        elif t == "table":
            self.tables -= 1
        elif t == "figure":
            self.figures -= 1
        elif t == "pre":
            self.pre -= 1
        up = frame.up
        assert up is not None
        self.owner = up
        self.top = self.frames[-1] if self.frames else up

    def text(self, s: str) -> None:
        if self.pre and "\n" in s:
            first = True
            for piece in s.split("\n"):
                if not first:
                    self.flush()
                first = False
                self._add(piece)
            return
        self._add(s)

    def _add(self, s: str) -> None:
        n = len(s.strip())
        if not n:
            if self.parts:
                self.parts.append(" ")
            return
        top = self.top
        if self.line_hints is None:
            self.line_hints = top.hints
            self.line_node = top.node
            self.line_main = top.main
        elif top.hints is not self.line_hints:
            self.mixed = True
        if self.pending_sep:
            self.parts.append(" | ")
            self.pending_sep = False
        self.parts.append(s)
        self.chars += n
        if self.links:
            self.link_chars += n

    def finish(self) -> None:
        self.flush()

    def image_box(self, frame: _Frame) -> None:
        """An image with a few short lines beside it in a <div> / <section> of their own is
        a caption box (a <figure> in all but name): its lines get the ``caption`` hint."""
        lines = self.lines
        first = frame.first
        if not first < len(lines) <= first + _BOX_LINES:
            return
        serial = frame.chain[-1] if frame.chain else 0
        if frame.main == serial:
            return  # an article container with a picture in it
        box = lines[first:]
        if sum(len(ln.text) for ln in box) > _BOX_CHARS or any(
            ln.level or ln.in_list or ln.in_table for ln in box
        ):
            # text of its own beside a picture (a teaser with its headline, a lead), or a
            # list's or table's item with its picture (a recipe's step, a product)
            return
        for ln in box:
            if ln.hints[:1] != (CAPTION,):
                ln.hints = ((CAPTION,) + ln.hints)[:_MAX_HINTS]
                ln.hint_node = serial

    # --- lines
    def boundary(self, tag: str) -> None:
        if self.parts:
            self.flush()
        self.pending_sep = False
        if self.emitted and tag not in ITEM:
            self.block += 1
            self.emitted = False

    def path(self, frame: _Frame) -> str:
        comps: list[str] = []
        f: _Frame | None = frame
        while f is not None and f.depth > 0 and len(comps) < _PATH_TAIL:
            comp = f.comp
            if not isinstance(comp, str):
                comp = f.comp = _component(f.tag, *comp)
            comps.append(comp)
            f = f.up
        if f is not None and f.depth > 0:
            comps.append("…")
        return ">".join(reversed(comps))

    def flush(self) -> None:
        if not self.parts:
            return
        text = " ".join("".join(self.parts).split())
        chars, link_chars = self.chars, self.link_chars
        hints, node, main = self.line_hints, self.line_node, self.line_main
        mixed = self.mixed
        self.parts = []
        self.chars = self.link_chars = 0
        self.line_hints = None
        self.mixed = False
        self.pending_sep = False
        if not text:
            return
        owner = self.owner
        if mixed or hints is None:
            hints, node, main = owner.hints, owner.node, owner.main
        bullet = ""
        if self.heading:
            bullet = "#" * self.heading
        elif self.li_pending and self.lists:
            bullet = "-"
            self.li_pending = False
        self.lines.append(
            Line(
                no=len(self.lines) + 1,
                raw=text,
                text=text,
                bullet=bullet,
                block=self.block,
                tag=owner.tag,
                level=self.heading,
                in_list=self.lists > 0,
                in_table=self.tables > 0,
                in_figure=self.figures > 0,
                link_density=round(min(1.0, link_chars / chars), 3) if chars else 0.0,
                dom_path=self.path(owner) if self.dom_paths else "",
                element=_element(owner),
                hints=hints,
                hint_node=node,
                main_node=main,
                ancestors=owner.chain,
            )
        )
        self.emitted = True
