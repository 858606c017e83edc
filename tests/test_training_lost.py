"""training/lost_snippets.py: what the menu rule took from inside the kept text, and which
layer a lost snippet went to."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleanroom.model import Line  # noqa: E402
from cleanroom.reasons import Reason  # noqa: E402
from training.lost_snippets import _cause, _menu_runs  # noqa: E402


def _page(spec: str) -> list[Line]:
    """One line per letter: K kept, M dropped as a menu, R dropped as related."""
    lines = []
    for no, kind in enumerate(spec, 1):
        ln = Line(no, f"line {no}", f"line {no}")
        if kind != "K":
            ln.kept = False
            ln.layer = "navigation" if kind == "M" else "related"
            ln.reason = Reason.MENU if kind == "M" else Reason.RELATED_BLOCK
        lines.append(ln)
    return lines


def test_menu_lines_count_only_between_the_first_and_last_kept_line() -> None:
    lines = _page("MMKMMKRMKMM")
    inside, sandwiched = _menu_runs(lines)
    assert [ln.no for ln in inside] == [4, 5, 8]
    # 4-5 sit between kept lines 3 and 6; 8 has a related line above it
    assert [ln.no for ln in sandwiched] == [4, 5]


def test_a_page_with_nothing_kept_has_no_inside() -> None:
    assert _menu_runs(_page("MMRM")) == ([], [])


def test_a_lost_snippet_is_put_on_the_line_that_holds_its_start() -> None:
    lines = _page("KMK")
    lines[1].text = "Lehrstoffinhalte der 3. Klasse im Modul Elektrotechnik"
    assert _cause("Lehrstoffinhalte der 3. Klasse", lines, None) == "navigation:menu"
    assert _cause("line 1 Lehrstoffinhalte", lines, None) == "across lines"
    assert _cause("nowhere on the page", lines, None) == "not in the lines"
    assert _cause("The Headline", lines, "The Headline") == "title"


def test_a_numbered_item_is_matched_with_its_number_as_the_output_prints_it() -> None:
    lines = _page("KMK")
    lines[1].bullet, lines[1].text = "37.", "What did one volcano say to the other?"
    assert _cause("37. What did one volcano say", lines, None) == "navigation:menu"
    lines[1].kept, lines[1].layer, lines[1].reason = True, "", None
    assert _menu_runs(lines) == ([], [])
