"""The memos of pure per-line functions (cleanroom/memo.py): bounded, and invisible in the
results: the same documents give the same results with a cold memo, a warm one, a tiny one
that keeps being emptied, and in any order."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from helpers import PROSE, golden_cases

from cleanroom import Cleaner, lexicon
from cleanroom.layers import chrome, metadata
from cleanroom.memo import MISSING, TextMemo


def _memos() -> list[TextMemo]:
    return [lexicon._KEY_MEMO, metadata._VERDICTS, *chrome._VERDICTS.values()]


@pytest.fixture(autouse=True)
def cold_memos() -> Iterator[None]:
    for m in _memos():
        m.clear()
    yield
    for m in _memos():
        m.clear()


def _docs() -> list[str]:
    docs = [case["input"] for case in golden_cases().values()]
    # a site's pages share their chrome: the same menu and footer around other articles
    chrome_lines = "Home\nNews\nSport\n\nShare on Facebook\n\n© 2024 Example Media. All rights reserved."
    docs += [f"{chrome_lines}\n\n{p}\n\n{chrome_lines}" for p in PROSE]
    return docs


def _results(docs: list[str]) -> list[tuple]:
    cleaner = Cleaner()
    out = []
    for d in docs:
        r = cleaner.clean(d)
        out.append((r.text, r.title, r.score, r.language, r.decisions, r.stats))
    return out


def test_text_memo_is_bounded() -> None:
    memo: TextMemo[int] = TextMemo(max_entries=3, max_text=10)
    for i, text in enumerate(["a", "b", "c"]):
        assert memo.put(text, i) == i
    assert memo.get("b", MISSING) == 1
    memo.put("d", 3)  # full: emptied first
    assert dict(memo) == {"d": 3}
    assert memo.put("x" * 11, 7) == 7 and "x" * 11 not in memo  # too long to keep
    assert memo.get("zzz", MISSING) is MISSING


def test_memos_fill_and_are_reused() -> None:
    docs = _docs()
    first = _results(docs)
    assert len(lexicon._KEY_MEMO) > 0 and len(metadata._VERDICTS) > 0
    assert _results(docs) == first  # every line now answered from the memos


def test_results_do_not_depend_on_memo_state_or_order(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs()
    cold = _results(docs)
    order = list(range(len(docs)))
    random.Random(7).shuffle(order)
    shuffled = _results([docs[i] for i in order])
    assert [shuffled[order.index(i)] for i in range(len(docs))] == cold
    # memos so small that they are emptied all the time
    for m in _memos():
        m.clear()
        monkeypatch.setattr(m, "max_entries", 2)
    assert _results(docs) == cold


def test_chrome_memo_is_per_short_words() -> None:
    text = "Skip to main content"  # a chrome line only while 4 words count as short
    assert chrome.Chrome.classify(text, 6) is not None and chrome.Chrome.classify(text, 1) is None
    for short_words in (6, 1, 6, 1):
        page = Cleaner(Cleaner().config.replace(short_words=short_words)).run(
            f"{PROSE[0]}\n\n{text}\n\n{PROSE[1]}"
        )
        dropped = [d for d in page.decisions if d.original == text and d.layer == "chrome"]
        assert bool(dropped) == (chrome.Chrome.classify(text, short_words) is not None)
