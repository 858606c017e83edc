"""The atheris harnesses' ``test_one_input`` over their seed corpora (tests/fuzz/corpus/), so
the harnesses stay importable and every input that once crashed stays fixed. Running the fuzzers
themselves: docs/reliability.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

FUZZ = Path(__file__).resolve().parent / "fuzz"


def _harness(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_fuzz_{name}", FUZZ / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CASES = [
    (h, p)
    for h, d in (("fuzz_clean", "clean"), ("fuzz_html", "html"))
    for p in sorted((FUZZ / "corpus" / d).iterdir())
]


@pytest.mark.parametrize(("harness", "seed"), CASES, ids=[f"{h}:{p.name}" for h, p in CASES])
def test_seed(harness: str, seed: Path) -> None:
    _harness(harness).test_one_input(seed.read_bytes())


def test_corpora_are_not_empty() -> None:
    assert sum(1 for h, _ in CASES if h == "fuzz_clean") >= 5
    assert sum(1 for h, _ in CASES if h == "fuzz_html") >= 5
