"""The accents table (cleanroom/accents.py): which bare words it restores, which it leaves
alone because they are words of their own, and its start-up cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanroom import accents
from cleanroom.layers.accents import restore


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLEANROOM_CACHE_DIR", str(folder))
    saved, saved_tails = dict(accents._TABLES), dict(accents._TAILS)
    accents._TABLES.clear()
    accents._TAILS.clear()
    yield folder
    accents._TABLES.clear()
    accents._TABLES.update(saved)
    accents._TAILS.clear()
    accents._TAILS.update(saved_tails)


@pytest.mark.parametrize(
    ("language", "bare", "accented"),
    [
        ("de", "fur", "für"),
        ("de", "mussen", "müssen"),
        ("de", "uber", "über"),
        ("es", "informacion", "información"),
        ("es", "segun", "según"),
        ("fr", "evenements", "événements"),
        ("pl", "wozka", "wózka"),
        ("pt", "informacoes", "informações"),
        ("no", "pa", "på"),  # langdetect's "no" is wordfreq's "nb"
    ],
)
def test_restores_a_bare_word(language: str, bare: str, accented: str) -> None:
    t = accents.table(language)
    assert t is not None and t.get(bare) == accented


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("de", "fordert"),  # "fordert" and "fördert" are both common verbs
        ("de", "schon"),  # "schon" and "schön"
        ("es", "publica"),  # a verb, against the adjective "pública"
        ("es", "esta"),  # "this", against "está"
        ("fr", "a"),  # "a" against "à"
        ("fr", "considere"),  # "considère" and "considéré" are both common: no rival wins
        ("pt", "e"),  # "e" against "é"
    ],
)
def test_leaves_words_of_their_own(language: str, word: str) -> None:
    t = accents.table(language)
    assert t is not None and word not in t


def test_no_table_for_languages_without_restorable_accents() -> None:
    for language in ("en", "vi", "ja", "unknown", ""):
        assert accents.table(language) is None
        assert not accents.supported(language)
    assert accents.supported("de") and accents.supported("pt-BR")


def test_table_holds_only_bare_to_accented_pairs() -> None:
    t = accents.table("de")
    assert t is not None and len(t) > 1000
    for bare, word in list(t.items())[:2000]:
        assert bare != word and accents.strip_marks(word) == bare
        assert bare == bare.casefold() and word == word.casefold()


def test_restore_keeps_the_words_shape() -> None:
    t = accents.table("de")
    assert t is not None
    assert restore("FUR ALLE, Fur alle, fur alle", t) == ("FÜR ALLE, Für alle, für alle", 3)
    assert restore("Er sendet Gruße nach Nordkorea.", t) == ("Er sendet Grüße nach Nordkorea.", 1)
    assert restore("McFur und fUr bleiben", t) == ("McFur und fUr bleiben", 0)  # mixed case
    assert restore("siehe www.example.de/fur_uber oder a=fur", t) == (
        "siehe www.example.de/fur_uber oder a=fur",
        0,
    )
    assert restore("", t) == ("", 0)


def test_compound_tails_are_endings_words_are_spelled_with() -> None:
    tails = accents.compound_tails("de")
    assert tails is not None
    assert tails["pramie"] == "prämie" and tails["behorde"] == "behörde"
    # "bären" and "türen" are words, but far more words end in "baren" ("erneuerbaren",
    # "vereinbaren") and "turen" ("Temperaturen"): not compound endings to restore
    assert "baren" not in tails and "turen" not in tails
    assert all(len(end) >= accents.TAIL_MIN for end in tails)


def test_compound_tails_only_for_languages_that_write_compounds_as_one_word() -> None:
    assert accents.compound_tails("nl") is not None and accents.compound_tails("no") is not None
    for language in ("es", "fr", "fi", "en", "unknown"):
        assert accents.compound_tails(language) is None


def test_restore_compounds_by_their_last_part() -> None:
    t, tails = accents.table("de"), accents.compound_tails("de")
    assert t is not None and tails is not None
    line = "Die Erlegungspramie der Jagdbehorde fur Lowenmannchen und erneuerbaren Strom"
    assert restore(line, t, tails) == (
        "Die Erlegungsprämie der Jagdbehörde für Löwenmännchen und erneuerbaren Strom",
        4,
    )
    assert restore(line, t) == (line.replace("fur", "für"), 1)  # without tails: words only


def test_cache_is_written_then_read(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = accents.table("de")
    (path,) = cache_dir.glob("accents-de-*.marshal")
    accents._TABLES.clear()

    def no_build(code: str) -> None:
        raise AssertionError("the cached table was rebuilt")

    monkeypatch.setattr(accents, "build", no_build)
    assert accents.table("de") == built
    assert path.exists()


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\xe9" * 7])
def test_damaged_cache_is_rebuilt(cache_dir: Path, damage: bytes) -> None:
    built = accents.table("pt")
    (path,) = cache_dir.glob("accents-pt-*.marshal")
    path.write_bytes(damage)
    accents._TABLES.clear()
    assert accents.table("pt") == built


def test_unwritable_cache_still_gives_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLEANROOM_CACHE_DIR", str(blocker / "cache"))
    saved = dict(accents._TABLES)
    accents._TABLES.clear()
    try:
        t = accents.table("es")
        assert t is not None and t.get("segun") == "según"
    finally:
        accents._TABLES.clear()
        accents._TABLES.update(saved)


def test_without_wordfreq_nothing_is_restored(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accents, "_signature", lambda code: None)
    assert accents.table("de") is None
