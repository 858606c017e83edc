"""The data model shared by the front ends, the layers, scoring and the writers."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any, Literal

from .lexicon import norm_key
from .reasons import Reason

Action = Literal["drop", "edit", "title"]
Verdict = Literal["good", "near_good", "short", "bad"]


@dataclass(frozen=True, slots=True)
class Decision:
    """One recorded change to one input line.

    ``action`` is "drop" (the line leaves the output), "edit" (its text becomes ``new_text``)
    or "title" (it leaves the body and becomes the document title). ``value`` is what the rule
    measured and ``threshold`` what it compared that against, when the rule is numeric.
    """

    line: int
    action: Action
    layer: str
    reason: Reason
    original: str
    new_text: str | None = None
    value: float | str | None = None
    threshold: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "line": self.line,
            "action": self.action,
            "layer": self.layer,
            "reason": self.reason.value,
            "original": self.original,
        }
        if self.new_text is not None:
            d["new_text"] = self.new_text
        if self.value is not None:
            d["value"] = self.value
        if self.threshold is not None:
            d["threshold"] = self.threshold
        return d


def _fast_frozen_init(cls: type) -> None:
    """Give a frozen, slotted dataclass an ``__init__`` that stores its fields through the
    slots' own descriptors. The generated one goes through ``object.__setattr__`` (a frozen
    class refuses plain assignment), which looks each name up again: a page records hundreds
    of decisions, and this takes a third off building each. Same signature, same defaults."""
    names = [f.name for f in fields(cls)]
    setters = [getattr(cls, name).__set__ for name in names]
    defaults = tuple(f.default for f in fields(cls) if f.default is not MISSING)
    ns: dict[str, Any] = {f"_set_{name}": setter for name, setter in zip(names, setters)}
    params = ", ".join(
        name if i < len(names) - len(defaults) else f"{name}=_d{i - (len(names) - len(defaults))}"
        for i, name in enumerate(names)
    )
    ns.update({f"_d{i}": d for i, d in enumerate(defaults)})
    body = "\n".join(f"    _set_{name}(self, {name})" for name in names)
    exec(f"def __init__(self, {params}):\n{body}", ns)  # noqa: S102 - built from field names only
    init = ns["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = dict(vars(cls)["__init__"].__annotations__)
    cls.__init__ = init  # type: ignore[misc]


_fast_frozen_init(Decision)


@dataclass(slots=True)
class Line:
    """One line of the document as the layers see it.

    ``text`` is the content without indentation or list marker; layers that edit it record a
    Decision through :meth:`Page.edit`. Measurements filled in by the layers live in the
    remaining fields so that scoring can reuse them.
    """

    # (the text front end passes the first six fields by position: keep their order)
    no: int  # 1-based line number in the input
    raw: str  # the input line as read
    text: str
    indent: int = 0
    bullet: str = ""
    block: int = 0  # lines of one block were not separated by a blank line in the input
    kept: bool = True
    layer: str = ""  # layer that removed the line ("" while kept)
    reason: Reason | None = None
    verdict: Verdict | None = None  # content class from the classification layer
    stop_density: float = 0.0
    content: float = 0.0  # confidence in [0, 1] that the line is main text
    # probability that the line is main text, from the learned layer (None: not measured);
    # when set, the region layer keeps the line if it reaches ``Config.learned_threshold``
    learned: float | None = None
    # set when that decision is not the model's own: "list" (the rest of its list decided)
    # or "neighbours" (the lines on both sides decided otherwise; learned.revise_isolated)
    revised: str = ""
    # the lexicon matching key of the text (cleanroom.lexicon.norm_key): computed once at
    # creation, kept in step by Page.edit, read by every layer that matches phrases
    key: str = ""
    # DOM evidence, filled by the HTML front end (cleanroom.html); a text dump leaves the defaults
    tag: str = ""  # the block element the line comes from: "p", "li", "h2", "td", "div"...
    level: int = 0  # heading level, 1-6 for <h1>-<h6>
    in_list: bool = False
    in_table: bool = False
    in_figure: bool = False
    link_density: float | None = None  # characters inside <a> / characters of the line
    dom_path: str = ""  # "html>body>div.main>article>p[3]" (long paths elided in the middle)
    element: str = ""  # the line's own element without its sibling index: "div.job-meta", "p"
    hints: tuple[str, ...] = ()  # hint categories of the element and its ancestors, innermost first
    hint_node: int = 0  # serial number of the innermost element with a boilerplate hint (0: none)
    main_node: int = 0  # serial number of the innermost article container (<article>, <main>...) around it
    ancestors: tuple[int, ...] = ()  # serial numbers of the enclosing block elements, outermost first
    dom_main: bool = False  # set by the dom layer: inside the element that holds the article

    def __post_init__(self) -> None:
        if self.text and not self.key:
            self.key = norm_key(self.text)


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """A cleanliness score in [0, 1] and the components it was computed from."""

    score: float
    components: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "components": dict(self.components)}


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What :meth:`cleanroom.Cleaner.clean` returns for one document."""

    text: str
    title: str | None
    score: float
    input_score: float
    language: str
    language_probability: float
    decisions: tuple[Decision, ...]
    stats: dict[str, int]
    components: dict[str, float] = field(default_factory=dict)
    # how the input was read, when that needed choices (HTML: encoding and why, parser, notes)
    source: dict[str, Any] = field(default_factory=dict)
    # removed lines per reason code when the decisions themselves were left out (see slim())
    removed_by_reason: dict[str, int] | None = None

    @property
    def removed_lines(self) -> int:
        if self.removed_by_reason is not None:
            return sum(self.removed_by_reason.values())
        return sum(1 for d in self.decisions if d.action in ("drop", "title"))

    def slim(self) -> CleanResult:
        """The same result without its decisions (their counts stay in ``removed_by_reason``):
        what a worker process sends back when the run does not write decisions out."""
        counts: dict[str, int] = {}
        for d in self.decisions:
            if d.action in ("drop", "title"):
                counts[d.reason.value] = counts.get(d.reason.value, 0) + 1
        return replace(self, decisions=(), removed_by_reason=counts)

    def metadata(self) -> dict[str, Any]:
        """The compact "cleanroom" object added to JSONL records."""
        return {
            "score": round(self.score, 4),
            "input_score": round(self.input_score, 4),
            "language": self.language,
            "language_probability": round(self.language_probability, 4),
            "title": self.title,
            "removed_lines": self.removed_lines,
            "removed_by_layer": dict(sorted(self.stats.items())),
            **({"source": dict(self.source)} if self.source else {}),
        }
