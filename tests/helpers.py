"""Shared helpers for the test modules (paths to the shared data, page building, normalisation)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cleanroom.config import Config, preset
from cleanroom.frontend import parse
from cleanroom.layers import get_layer
from cleanroom.lexicon import stopwords
from cleanroom.model import Line
from cleanroom.page import Page
from cleanroom.reasons import Reason

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = TESTS / "data"
GOLDEN = DATA / "golden"
SHARED = Path(__file__).parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
BENCH = SHARED / "bench"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


# Same list-marker stripping as ../shared/seeds/check.py.
_MARKER = re.compile(
    r"^(?:[\u2022\u25a1\u25aa\u25cf\u25e6\u2023\u2043\u00b7*+\-\u2013\u2014]|\d{1,3}[.)])\s*"
)


def norm_line(s: str) -> str:
    s = norm(s)
    while True:
        t = _MARKER.sub("", s, count=1)
        if t == s:
            return s
        s = t


def seed_expectations() -> dict[str, dict]:
    path = SEEDS / "expectations.json"
    if not path.is_file():
        return {}
    spec = json.loads(path.read_text(encoding="utf-8"))
    spec.pop("_about", None)
    return spec


def seed_texts() -> dict[str, str]:
    """Seed dumps by file name ({} when ../shared/seeds is absent)."""
    return {name: (SEEDS / name).read_text(encoding="utf-8") for name in seed_expectations()}


def golden_cases() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN.glob("*.json"))}


def make_page(text: str, config: Config | None = None, language: str | None = None) -> Page:
    """A Page built straight from the front end; ``language`` sets the language and its stoplist
    as the language layer would, so a layer can be tested without running the ones before it."""
    page = Page(parse(text), config or preset("balanced"))
    if language is not None:
        page.language = language
        page.stopwords = stopwords(language)
        page.char_based = language in ("zh", "ja")
    return page


def apply(page: Page, *layer_ids: str) -> Page:
    for layer_id in layer_ids:
        get_layer(layer_id).apply(page)
    return page


def line(page: Page, text: str) -> Line:
    """The first line whose (parsed) text starts with ``text``."""
    for ln in page.lines:
        if ln.raw.strip() and (ln.text.startswith(text) or ln.raw.strip().startswith(text)):
            return ln
    raise AssertionError(f"no line starting with {text!r}")


def drops(page: Page) -> dict[int, tuple[str, Reason]]:
    """Line number -> (layer, reason) of every dropped line."""
    return {d.line: (d.layer, d.reason) for d in page.decisions if d.action == "drop"}


def reason_of(page: Page, text: str) -> Reason | None:
    """The reason of the drop decision of the line starting with ``text`` (None: not dropped)."""
    ln = line(page, text)
    for d in page.decisions:
        if d.line == ln.no and d.action == "drop":
            return d.reason
    return None


PROSE = [
    "The president arrived in the capital on Monday for talks with the prime minister about trade. Both "
    "leaders said that they hoped to reach an agreement before the summer recess, which begins in July, and that the officials would meet again next week.",
    "Officials from both governments met for more than six hours on Tuesday. They agreed to set up a "
    "working group that will report back to the two leaders before the end of the year, a spokesman for the foreign ministry said.",
    "Business groups welcomed the talks but warned that any deal would have to be approved by parliament. "
    "The government has only a narrow majority there, and several members have already raised objections to the plan in public.",
]
