"""The text front end: parsing lines (indent, list markers, blocks), rendering, replay."""

from __future__ import annotations

import pytest

from cleanroom.frontend import parse, parse_line, render, replay, split_lines
from cleanroom.model import Decision
from cleanroom.reasons import Reason


@pytest.mark.parametrize(
    ("raw", "indent", "bullet", "text"),
    [
        pytest.param("  • Home", 2, "•", "Home", id="w3m-bullet"),
        pytest.param("    □ Sub section", 4, "□", "Sub section", id="w3m-box"),
        pytest.param("* lynx star item", 0, "*", "lynx star item", id="lynx-star"),
        pytest.param("   + lynx plus item", 3, "+", "lynx plus item", id="lynx-plus"),
        pytest.param("      o lynx third level", 6, "o", "lynx third level", id="lynx-o"),
        pytest.param("  * html2text item", 2, "*", "html2text item", id="html2text"),
        pytest.param("1. first step", 0, "1.", "first step", id="numbered-dot"),
        pytest.param("12) twelfth step", 0, "12)", "twelfth step", id="numbered-paren"),
        pytest.param("# Heading", 0, "#", "Heading", id="md-h1"),
        pytest.param("### Third level", 0, "###", "Third level", id="md-h3"),
        pytest.param("- dashed item", 0, "-", "dashed item", id="dash"),
        pytest.param("\u2013 en dash item", 0, "\u2013", "en dash item", id="en-dash"),
    ],
)
def test_list_markers(raw: str, indent: int, bullet: str, text: str) -> None:
    ln = parse_line(1, raw, 0)
    assert (ln.indent, ln.bullet, ln.text) == (indent, bullet, text)
    assert ln.raw == raw  # the input line is kept verbatim


@pytest.mark.parametrize(
    "raw",
    [
        "+49 30 1234567",  # a phone number, not a lynx "+" item
        "-5% on the day",  # a number, not a dash item
        "o",  # a line that is only "o" is text
        "#hashtag of the day",  # no space after "#"
        "*emphasis* matters",
        "2023 was a hard year",
        "100,000 people marched",
        "Olive oil",
    ],
)
def test_not_list_markers(raw: str) -> None:
    ln = parse_line(1, raw, 0)
    assert ln.bullet == ""
    assert ln.text == raw


def test_whitespace_is_canonicalised() -> None:
    ln = parse_line(3, "\tTabs\tand\u00a0no-break  spaces   ", 0)
    assert ln.text == "Tabs and no-break spaces"
    assert ln.indent == 4  # a leading tab counts as four columns
    assert ln.no == 3


def test_line_numbers_are_one_based_input_line_numbers() -> None:
    text = "first\r\nsecond\rthird\n\nfifth"
    lines = [ln for ln in parse(text) if ln.text]
    assert [(ln.no, ln.text) for ln in lines] == [(1, "first"), (2, "second"), (3, "third"), (5, "fifth")]


def test_unicode_line_separators_are_content() -> None:
    # str.splitlines would split here; a dump's line structure is only \n / \r\n / \r
    assert split_lines("a\u2028b\x85c\x1ed\ne") == ["a\u2028b\x85c\x1ed", "e"]


def test_blocks_are_split_by_blank_lines() -> None:
    lines = parse("a\nb\n\nc\n   \n\n\nd\ne\n")
    text_blocks = [(ln.text, ln.block) for ln in lines if ln.text]
    assert text_blocks == [("a", 0), ("b", 0), ("c", 1), ("d", 2), ("e", 2)]


def test_lines_without_text_are_never_kept() -> None:
    # blank lines, whitespace-only lines and a bare list marker carry nothing to output
    lines = parse("a\n\n  \n  \u2022\n\t\nb")
    assert [ln.text for ln in lines if ln.kept] == ["a", "b"]
    assert all(ln.reason is None for ln in lines)


def test_render_separates_blocks_by_one_empty_line_and_marks_items() -> None:
    # bullets become "- "; a number is the page's own text and stays ("* 3." nested: "3.")
    text = (
        "# Title\n\nFirst paragraph.\nSecond line of it.\n\n\n  • item one\n  * item two\n"
        "1. item three\n  * 2) item four\n"
    )
    assert render(parse(text)) == (
        "Title\n\nFirst paragraph.\nSecond line of it.\n\n- item one\n- item two\n1. item three\n2) item four"
    )


def test_render_skips_dropped_lines_without_doubling_separators() -> None:
    lines = parse("a\n\nb\nc\n\nd")
    for ln in lines:
        if ln.text in ("b", "c"):
            ln.kept = False
    assert render(lines) == "a\n\nd"


def test_render_of_nothing_is_empty() -> None:
    assert render(parse("")) == ""
    assert render(parse("\n\n  \n")) == ""


TEXT = "Menu\n\nHome / World / A headline with enough words to keep\nA paragraph.He said so.\n\n  • Share\n"


def test_replay_without_decisions_is_render() -> None:
    assert replay(TEXT, []) == render(parse(TEXT))


def test_replay_applies_drops_edits_and_titles() -> None:
    decisions = [
        Decision(1, "drop", "navigation", Reason.MENU, "Menu"),
        Decision(
            3,
            "edit",
            "navigation",
            Reason.BREADCRUMB,
            "Home / World / A headline with enough words to keep",
            "A headline with enough words to keep",
        ),
        Decision(3, "title", "region", Reason.TITLE, "", "A headline with enough words to keep"),
        Decision(4, "edit", "normalize", Reason.GLUED_SENTENCE, "", "A paragraph. He said so."),
        Decision(6, "drop", "chrome", Reason.SOCIAL, "  • Share"),
    ]
    assert replay(TEXT, decisions) == "A paragraph. He said so."


def test_replay_last_edit_wins() -> None:
    decisions = [
        Decision(1, "edit", "normalize", Reason.CONTROL_CHARS, "x", "one"),
        Decision(1, "edit", "normalize", Reason.GLUED_SENTENCE, "x", "two"),
    ]
    assert replay("x", decisions) == "two"
