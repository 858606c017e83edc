"""The library API: CleanResult, replay, Cleaner (pickling, threads, laziness), score, presets."""

from __future__ import annotations

import itertools
import json
import pickle
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import BENCH, PROSE, TESTS, golden_cases, seed_texts

import cleanroom
from cleanroom import Cleaner, CleanResult, Config, Decision, Reason, ScoreReport, preset
from cleanroom.layers import LAYER_IDS

SEEDS = seed_texts()
GOLDEN = {name: case["input"] for name, case in golden_cases().items()}
ARTICLE = (
    "Home\nWorld\nPolitics\nBusiness\n\nTalks continue in the capital\n\nBy Jane Doe\n\n"
    + "\n\n".join(PROSE)
    + "\n\nRead more: Why the talks matter\n\nPrivacy Policy\n© 2024 The Example Times\n"
)
DOCS = {"article": ARTICLE, **SEEDS, **GOLDEN}
needs_seeds = pytest.mark.skipif(not SEEDS, reason="no seeds in ../shared/seeds")
DEV_PAGES = BENCH / "aeb" / "dumps" / "w3m.jsonl"


def test_clean_result_fields() -> None:
    r = cleanroom.clean(ARTICLE)
    assert isinstance(r, CleanResult)
    assert isinstance(r.text, str) and PROSE[0] in r.text and "Privacy Policy" not in r.text
    assert r.title == "Talks continue in the capital"
    assert 0.0 <= r.score <= 1.0 and 0.0 <= r.input_score <= 1.0
    assert r.language == "en" and 0.0 < r.language_probability <= 1.0
    assert isinstance(r.decisions, tuple) and all(isinstance(d, Decision) for d in r.decisions)
    assert isinstance(r.stats, dict)
    drops = Counter(d.layer for d in r.decisions if d.action == "drop")
    assert r.stats == dict(drops)
    assert r.removed_lines == sum(1 for d in r.decisions if d.action in ("drop", "title"))
    meta = r.metadata()
    assert {"score", "input_score", "language", "language_probability", "title", "removed_lines"} <= set(meta)
    json.dumps(meta)


def test_decisions_point_at_input_lines() -> None:
    lines = ARTICLE.split("\n")
    r = cleanroom.clean(ARTICLE)
    for d in r.decisions:
        assert d.original == lines[d.line - 1]
        assert d.layer in LAYER_IDS and isinstance(d.reason, Reason)
        assert (d.new_text is not None) == (d.action in ("edit", "title"))
        as_dict = d.to_dict()
        assert as_dict["reason"] == d.reason.value and as_dict["layer"] == d.layer
        json.dumps(as_dict)


@pytest.mark.parametrize("name", list(DOCS))
def test_replay_reproduces_the_output(name: str) -> None:
    text = DOCS[name]
    r = cleanroom.clean(text)
    assert cleanroom.replay(text, r.decisions) == r.text


def test_empty_and_blank_input() -> None:
    for text in ("", "\n\n", "   \t  \n"):
        r = cleanroom.clean(text)
        assert r.text == "" and r.decisions == () and r.score == 0.0 and r.input_score == 0.0


def test_bad_argument_raises() -> None:
    # bytes are decoded (BOM, UTF-8, else cp1252: see Cleaner.run); other types are an error
    with pytest.raises(TypeError):
        cleanroom.clean(42)  # type: ignore[arg-type]


def test_cleaner_accepts_config_preset_name_or_nothing() -> None:
    a = Cleaner().clean(ARTICLE)
    b = Cleaner("balanced").clean(ARTICLE)
    c = Cleaner(preset("balanced")).clean(ARTICLE)
    assert a == b == c
    with pytest.raises(cleanroom.ConfigError):
        Cleaner("nope")


def test_cleaner_pickles() -> None:
    cleaner = Cleaner(preset("recall").replace(with_title=True))
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.config == cleaner.config
    for text in DOCS.values():
        assert clone.clean(text) == cleaner.clean(text)


def test_thread_safe() -> None:
    cleaner = Cleaner()
    texts = list(DOCS.values()) * 2
    sequential = [cleaner.clean(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(cleaner.clean, texts))
    assert threaded == sequential


def test_clean_many_is_lazy() -> None:
    def texts():
        yield ARTICLE
        raise RuntimeError("the second document must not be read yet")

    results = Cleaner().clean_many(texts())
    first = next(results)
    assert first.text == cleanroom.clean(ARTICLE).text
    with pytest.raises(RuntimeError):
        next(results)


def test_clean_many_keeps_order() -> None:
    texts = list(DOCS.values())
    assert [r.text for r in Cleaner().clean_many(texts)] == [cleanroom.clean(t).text for t in texts]


def test_score() -> None:
    rep = cleanroom.score(ARTICLE)
    assert isinstance(rep, ScoreReport)
    assert 0.0 <= rep.score <= 1.0
    assert rep.components and all(0.0 <= v <= 1.0 for v in rep.components.values())
    assert set(rep.to_dict()) == {"score", "components"}
    assert cleanroom.score("").score == 0.0


@needs_seeds
@pytest.mark.parametrize("name", list(SEEDS))
def test_cleaning_raises_the_score(name: str) -> None:
    raw = SEEDS[name]
    r = cleanroom.clean(raw)
    assert r.input_score < r.score
    assert cleanroom.score(raw).score < cleanroom.score(r.text).score


def test_with_title_puts_the_title_first() -> None:
    r = cleanroom.clean(ARTICLE, preset("balanced").replace(with_title=True))
    assert r.title
    head, _, body = r.text.partition("\n\n")
    assert head == r.title
    assert body == cleanroom.clean(ARTICLE).text


@needs_seeds
@pytest.mark.skipif(not DEV_PAGES.exists(), reason="no dev set in ../shared/bench")
def test_presets_order_by_how_much_they_keep() -> None:
    # the seeds, the shipped samples and the first dev pages: on a single page, or on a few
    # short ones, two presets may well agree
    samples = sorted((TESTS.parent / "samples").glob("*.txt"))
    assert samples
    with DEV_PAGES.open(encoding="utf-8") as lines:
        pages = [json.loads(line)["text"] for line in itertools.islice(lines, 30)]
    totals = [0, 0, 0]
    for text in [*SEEDS.values(), *(p.read_text(encoding="utf-8") for p in samples), *pages]:
        sizes = [len(cleanroom.clean(text, p).text) for p in ("precision", "balanced", "recall")]
        assert sizes[0] <= sizes[1] <= sizes[2]
        totals = [t + n for t, n in zip(totals, sizes)]
    assert totals[0] < totals[1] < totals[2], totals  # each preset really moves the trade-off


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_disabled_layer_decides_nothing(layer_id: str) -> None:
    cleaner = Cleaner(Config(disabled=frozenset({layer_id})))
    assert layer_id not in {layer.id for layer in cleaner.layers}
    for text in [ARTICLE, *SEEDS.values()]:
        r = cleaner.clean(text)
        assert all(d.layer != layer_id for d in r.decisions)
        assert layer_id not in r.stats
        assert 0.0 <= r.score <= 1.0
        assert cleanroom.replay(text, r.decisions) == r.text


def test_all_layers_disabled_keeps_every_line() -> None:
    r = cleanroom.clean(ARTICLE, Config(disabled=frozenset(LAYER_IDS)))
    assert r.decisions == ()
    assert r.text == cleanroom.replay(ARTICLE, ())
