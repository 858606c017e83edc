"""Golden cases as data: tests/data/golden/*.json.

Each case is {"comment", "input", "must_keep", "must_drop", "reasons"} and optionally "title" (the
detected title) and "xfail" ("KNOWN: ..." for a case cleanroom gets wrong today; run strict, so
fixing it turns the suite red until the mark is removed). Substrings are matched on
whitespace-normalised output, never on a whole expected output, so threshold tuning does not
break these tests unless it breaks the behaviour they describe.
"""

from __future__ import annotations

import pytest
from helpers import GOLDEN, golden_cases, norm

import cleanroom
from cleanroom.reasons import Reason

CASES = golden_cases()
KEYS = {"comment", "input", "must_keep", "must_drop", "reasons", "title", "xfail"}


def _params() -> list:
    out = []
    for name, case in CASES.items():
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def test_cases_are_well_formed() -> None:
    assert len(CASES) >= 12, f"only {len(CASES)} golden cases in {GOLDEN}"
    codes = {r.value for r in Reason}
    for name, case in CASES.items():
        assert set(case) <= KEYS, name
        assert case["comment"].strip() and case["input"].strip(), name
        assert case["must_keep"] or case["must_drop"], name
        assert set(case["reasons"]) <= codes, name
        assert not case.get("xfail") or case["xfail"].startswith("KNOWN: "), name
        for s in case["must_keep"] + case["must_drop"]:
            assert norm(s) in norm(case["input"]), f"{name}: {s!r} is not in the input"


@pytest.mark.parametrize("name", _params())
def test_golden(name: str) -> None:
    case = CASES[name]
    result = cleanroom.clean(case["input"])
    text = norm(result.text)
    missing = [s for s in case["must_keep"] if norm(s) not in text]
    still = [s for s in case["must_drop"] if norm(s) in text]
    found = {d.reason.value for d in result.decisions}
    absent = [r for r in case["reasons"] if r not in found]
    assert not missing, f"lost: {missing}"
    assert not still, f"not removed: {still}"
    assert not absent, f"reasons not recorded: {absent} (recorded: {sorted(found)})"
    if "title" in case:
        assert result.title == case["title"]
