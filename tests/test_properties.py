"""Invariants on generated input: clean never raises, the score stays in [0, 1], the result is
deterministic and replayable, and a second pass over cleaned text changes little."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanroom
from cleanroom import Cleaner

# derandomize: the same examples on every run, so a red run is the code's doing and repeats
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
CLEANER = Cleaner()

MENU_WORDS = [
    "Home", "News", "World", "Politics", "Sport", "Business", "Login", "Subscribe", "Privacy Policy",
    "Contact Us", "Share", "Read more", "Most Read", "BREAKING", "Related News", "EN", "DE", "×", "|",
    "© 2024 Example Media", "4 min read", "By Jane Doe", "2023-02-03T11:16+0000", "https://example.com/a",
]  # fmt: skip
SUBJECTS = [
    "The minister",
    "Officials",
    "The council",
    "Researchers",
    "The company",
    "Residents",
    "She",
    "He",
]
VERBS = ["said", "announced", "warned", "argued", "confirmed", "reported", "denied", "explained"]
CLAUSES = [
    "that the talks would continue next week",
    "that the new rules would take effect in the spring",
    "that prices had risen for the third month in a row",
    "that the bridge would remain closed until further notice",
    "that more than a hundred people had been evacuated from the valley",
    "that the budget would be debated in parliament on Thursday",
    "that the results of the study were more encouraging than expected",
]
MARKERS = ["", "", "", "  • ", "* ", "  o ", "1. ", "# ", "    "]

sentence = st.builds(
    lambda s, v, c, end: f"{s} {v} {c}{end}",
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(CLAUSES),
    st.sampled_from([".", ".", ".", "!", "?", ""]),
)
paragraph = st.lists(sentence, min_size=1, max_size=6, unique=True).map(" ".join)
menu_line = st.builds(lambda m, w: m + w, st.sampled_from(MARKERS), st.sampled_from(MENU_WORDS))
long_line = st.one_of(
    paragraph.map(lambda p: (p + " ") * 12),
    st.text(alphabet="abcdefghij klmnop.,", min_size=500, max_size=3000),
    st.just("x" * 5000),
)
junk_line = st.text(max_size=80)
any_line = st.one_of(
    paragraph, paragraph, menu_line, menu_line, st.just(""), st.just("   "), long_line, junk_line
)
mixed_doc = st.lists(any_line, max_size=40).map("\n".join)

# Realistic pages: chrome lines around an article of several paragraphs. An article's paragraph
# ends like one: a line without its last full stop is headline-like, and whether it stays
# depends on what stands around it (docs/quality.md, "What is left"), so a second pass over
# the cleaned text, without the chrome, may judge it differently.
chrome_block = st.lists(menu_line, min_size=0, max_size=8).map("\n".join)
article_paragraph = paragraph.filter(lambda p: len(p) > 120).map(lambda p: p if p[-1] in ".!?" else p + ".")
article = st.lists(article_paragraph, min_size=3, max_size=8, unique=True).map("\n\n".join)
realistic_doc = st.builds(lambda a, b, c: f"{a}\n\n{b}\n\n{c}\n", chrome_block, article, chrome_block)


def _check(text: str) -> cleanroom.CleanResult:
    r = CLEANER.clean(text)
    assert isinstance(r.text, str)
    assert 0.0 <= r.score <= 1.0 and 0.0 <= r.input_score <= 1.0
    assert 0.0 <= r.language_probability <= 1.0
    return r


@SETTINGS
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Zs", "Zl", "Zp", "Cf", "Po", "Ll"])))
def test_never_raises_on_control_and_separator_characters(text: str) -> None:
    _check(text)


@SETTINGS
@given(mixed_doc)
def test_never_raises_on_mixed_documents(text: str) -> None:
    r = _check(text)
    assert cleanroom.replay(text, r.decisions) == r.text
    n_lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(1 <= d.line <= n_lines for d in r.decisions)


@SETTINGS
@given(st.one_of(mixed_doc, st.text(max_size=300)))
def test_deterministic(text: str) -> None:
    a, b = CLEANER.clean(text), Cleaner().clean(text)
    assert (a.text, a.decisions, a.score, a.language) == (b.text, b.decisions, b.score, b.language)


@SETTINGS
@given(realistic_doc)
def test_second_pass_changes_little(text: str) -> None:
    once = CLEANER.clean(text).text
    twice = CLEANER.clean(once).text
    assert len(twice) >= 0.8 * len(once)
