"""The start-up cache (cleanroom/cache.py): the langdetect table and the phrase lexicons are
read from it when it holds this exact build, and a missing, damaged or unwritable cache only
costs the slow path, never a different result or an error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import PROSE

from cleanroom import Cleaner, langid, lexicon

DOC = "\n\n".join(["Home", "News", "Sport", *PROSE, "Read more: Another story", "© 2024 Example Media"])


def _reset() -> None:
    lexicon._phrase_sets.cache_clear()
    lexicon.scanner.cache_clear()
    langid._FACTORY = None


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLEANROOM_CACHE_DIR", str(folder))
    _reset()
    yield folder
    _reset()  # later tests load from the default folder again


def _snapshot(sets: dict[str, lexicon.PhraseSet]) -> dict[str, tuple]:
    return {name: (s.name, s.phrases, s.cjk, list(s.by_first.items())) for name, s in sets.items()}


def _built() -> dict[str, tuple]:
    folder = Path(lexicon.__file__).parent / "lexicons" / "phrases"
    return _snapshot(
        {p.stem: lexicon._build_phrases(p.stem, p.read_text("utf-8")) for p in sorted(folder.glob("*.tsv"))}
    )


def test_lexicon_cache_is_written_then_read(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _snapshot(lexicon._phrase_sets())
    assert first == _built()
    assert len(list(cache_dir.glob("lexicon-*.marshal"))) == 1
    lexicon._phrase_sets.cache_clear()

    def no_build(*args: object) -> None:
        raise AssertionError("the cached lexicon was rebuilt")

    monkeypatch.setattr(lexicon, "_build_phrases", no_build)
    assert _snapshot(lexicon._phrase_sets()) == first


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\xe9" * 7, "truncate", "wrong-shape"])
def test_damaged_lexicon_cache_is_rebuilt(cache_dir: Path, damage: object) -> None:
    lexicon._phrase_sets()
    (path,) = cache_dir.glob("lexicon-*.marshal")
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:1000])
    elif damage == "wrong-shape":
        import marshal

        path.write_bytes(marshal.dumps([("ad", ["a list"], (), {})]))
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    lexicon._phrase_sets.cache_clear()
    assert _snapshot(lexicon._phrase_sets()) == _built()


def test_lexicon_file_change_misses_the_cache(cache_dir: Path) -> None:
    files = [("ad", b"en\tAdvertisement\n")]
    changed = [("ad", b"en\tAdvertisment\n")]  # same length, other content
    assert lexicon._signature(files) != lexicon._signature(changed)


def test_unwritable_cache_dir_gives_the_same_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _reset()
    expected = Cleaner().clean(DOC)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLEANROOM_CACHE_DIR", str(blocker / "cache"))  # mkdir fails
    _reset()
    try:
        got = Cleaner().clean(DOC)
        assert _snapshot(lexicon._phrase_sets()) == _built()
    finally:
        _reset()
    assert got == expected
    assert not (blocker / "cache").exists()


def test_langdetect_cache_damage_falls_back(cache_dir: Path) -> None:
    expected = Cleaner().clean(DOC)
    assert expected.language == "en"
    keys = list(cache_dir.glob("langdetect-*.keys"))
    assert len(keys) == 1 and list(cache_dir.glob("langdetect-*.probs"))
    for damage in (b"", b"garbage", keys[0].read_bytes()[:5000]):
        keys[0].write_bytes(damage)
        _reset()
        assert Cleaner().clean(DOC) == expected


def test_compiled_trees_come_from_the_cache_and_survive_damage(cache_dir: Path) -> None:
    from cleanroom.treecode import compile_trees

    stump = {
        "feature": [0, -1, -1],
        "threshold": [0.5, 0, 0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0, -1.0, 2.0],
    }
    rows = [[0.0], [0.5], [0.75]]
    first = [compile_trees([stump], 1)(r) for r in rows]  # type: ignore[list-item]
    assert first == [-1.0, -1.0, 2.0]
    files = list(cache_dir.glob("trees-*.marshal"))
    assert len(files) == 1
    assert [compile_trees([stump], 1)(r) for r in rows] == first  # type: ignore[list-item]
    for damage in (b"", b"garbage", files[0].read_bytes()[:10]):
        files[0].write_bytes(damage)
        assert [compile_trees([stump], 1)(r) for r in rows] == first  # type: ignore[list-item]
    # other trees are other code, in another file
    other = dict(stump, value=[0, 1.0, 1.0])
    assert compile_trees([other], 1)([0.0]) == 1.0  # type: ignore[list-item]
    assert len(list(cache_dir.glob("trees-*.marshal"))) == 2
