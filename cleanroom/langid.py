"""Language identification with langdetect: seeded, bounded in cost, and quick to start.

langdetect is random unless seeded; we seed every detection with 0 so the same text always
gets the same answer, in any process. Its profiles take about 0.3 s to load as Python lists,
which dominates the start-up of a short CLI run, so the first load writes the probability
table to a cache file (a flat array of doubles, memory-mapped afterwards) derived from the
installed langdetect's own profiles: nothing is downloaded, and a cache that cannot be
written or read only costs the slow load.
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import threading
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LOCK = threading.Lock()
_FACTORY: _Factory | None = None
N_TRIAL = 3  # langdetect's default is 7; 3 seeded trials agree with it on all but ties


class _ProbMap:
    """The n-gram -> per-language probability table, backed by one flat array."""

    __slots__ = ("_index", "_probs", "_width")

    def __init__(self, index: dict[str, int], probs: Any, width: int) -> None:
        self._index = index
        self._probs = probs
        self._width = width

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def __getitem__(self, word: str) -> Any:
        i = self._index[word] * self._width
        return self._probs[i : i + self._width]


@dataclass
class _Factory:
    word_lang_prob_map: Any
    langlist: list[str]
    seed: int = 0


def _cache_dir() -> Path:
    env = os.environ.get("CLEANROOM_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleanroom"


def _profile_signature() -> str:
    import langdetect

    root = Path(langdetect.__file__).parent / "profiles"
    h = hashlib.sha256()
    for p in sorted(root.iterdir()):
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}\n".encode())
    return h.hexdigest()[:16]


def _build() -> tuple[list[str], list[str], array]:
    from langdetect import detector_factory

    f = detector_factory.DetectorFactory()
    f.load_profile(detector_factory.PROFILES_DIRECTORY)
    words = sorted(f.word_lang_prob_map)
    flat = array("d")
    for w in words:
        flat.extend(f.word_lang_prob_map[w])
    return list(f.langlist), words, flat


def _load() -> _Factory:
    try:
        sig = _profile_signature()
        folder = _cache_dir()
        keys_path = folder / f"langdetect-{sig}.keys"
        probs_path = folder / f"langdetect-{sig}.probs"
        if not (keys_path.exists() and probs_path.exists()):
            langs, words, flat = _build()
            folder.mkdir(parents=True, exist_ok=True)
            tmp = f".{os.getpid()}.tmp"
            with open(str(probs_path) + tmp, "wb") as fh:
                flat.tofile(fh)
            with open(str(keys_path) + tmp, "wb") as fh:
                marshal.dump((langs, words), fh)
            os.replace(str(probs_path) + tmp, probs_path)  # probs first: keys mark completion
            os.replace(str(keys_path) + tmp, keys_path)
        with open(keys_path, "rb") as fh:
            langs, words = marshal.load(fh)
        with open(probs_path, "rb") as fh:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        probs = memoryview(mm).cast("d")
        if len(probs) != len(words) * len(langs):
            raise ValueError("langdetect cache has the wrong size")
        index = {w: i for i, w in enumerate(words)}
        return _Factory(_ProbMap(index, probs, len(langs)), langs)
    except (OSError, ValueError, EOFError, TypeError):
        langs, words, flat = _build()
        return _Factory(_ProbMap({w: i for i, w in enumerate(words)}, flat, len(langs)), langs)


def _factory() -> _Factory:
    global _FACTORY
    if _FACTORY is None:
        with _LOCK:
            if _FACTORY is None:
                _FACTORY = _load()
    return _FACTORY


def detect(text: str) -> tuple[str, float]:
    """(language code, probability) of ``text``; ("unknown", 0.0) when it cannot tell."""
    if not text.strip():
        return "unknown", 0.0
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import LangDetectException

    try:
        det = Detector(_factory())
        det.n_trial = N_TRIAL
        det.append(text)
        probs = det.get_probabilities()
    except (LangDetectException, ZeroDivisionError, ValueError):
        return "unknown", 0.0
    if not probs:
        return "unknown", 0.0
    best = probs[0]
    return str(best.lang), float(best.prob)
