"""The shared seed expectations (../shared/seeds/expectations.json), one test case per expectation.

Checked exactly as ../shared/seeds/check.py checks them: substrings on whitespace-normalised
output; "without_lines" on whole output lines with list markers stripped.
"""

from __future__ import annotations

from functools import cache

import pytest
from helpers import SEEDS, norm, norm_line, seed_expectations

import cleanroom

KINDS = ("with", "without", "without_lines", "at_most_once")


def _cases() -> list:
    spec = seed_expectations()
    if not spec:
        return [pytest.param(None, None, None, marks=pytest.mark.skip(reason=f"no seeds at {SEEDS}"))]
    return [
        pytest.param(name, kind, s, id=f"{name[:3]}-{kind}-{s[:40]}")
        for name, exp in spec.items()
        for kind in KINDS
        for s in exp.get(kind, [])
    ]


@cache
def _cleaned(name: str) -> str:
    return cleanroom.clean((SEEDS / name).read_text(encoding="utf-8")).text


@pytest.mark.parametrize(("name", "kind", "snippet"), _cases())
def test_seed_expectation(name: str, kind: str, snippet: str) -> None:
    out = _cleaned(name)
    text = norm(out)
    if kind == "with":
        assert norm(snippet) in text, f"missing from the cleaned {name}"
    elif kind == "without":
        assert norm(snippet) not in text, f"still in the cleaned {name}"
    elif kind == "without_lines":
        lines = {norm_line(ln) for ln in out.splitlines() if ln.strip()}
        assert norm(snippet) not in lines, f"still a line of its own in the cleaned {name}"
    else:
        assert text.count(norm(snippet)) <= 1, f"repeated in the cleaned {name}"
