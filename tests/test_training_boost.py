"""The boosted trees' trainer (training/boost.py): it learns what a linear model cannot, and the
trees it writes give at run time (cleanroom/treecode.py) the margins it trained with."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleanroom.treecode import compile_trees  # noqa: E402
from training.boost import BoostSettings, _predict_binned, binned, boost, quantile_edges  # noqa: E402


def _xor(n: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.random((n, 3))
    y = ((x[:, 0] > 0.5) != (x[:, 1] > 0.5)).astype(float)  # x2 is noise
    return x, y


def _logloss(y: np.ndarray, margin: np.ndarray) -> float:
    p = 1.0 / (1.0 + np.exp(-margin))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def test_trees_learn_an_interaction() -> None:
    x, y = _xor()
    trees = boost(x, y, np.ones(len(y)), np.zeros(len(y)), BoostSettings(trees=20, depth=2, rate=0.5))
    margin = compile_trees(trees, 3)
    got = np.array([margin(list(row)) for row in x])
    # a linear model cannot beat log(2) on XOR; two-level trees get most points right
    assert _logloss(y, got) < 0.3 < np.log(2)
    assert np.mean((got > 0) == (y > 0.5)) > 0.95
    # the noise feature is split on less than the two that decide
    used = [f for t in trees for f in t["feature"] if f >= 0]
    assert used.count(2) < min(used.count(0), used.count(1))


def test_split_on_bins_is_the_split_on_raw_values() -> None:
    x, y = _xor(500)
    edges = quantile_edges(x, 16)
    xb = binned(x, edges)
    for j, e in enumerate(edges):
        for b in range(len(e)):
            assert np.array_equal(xb[:, j] <= b, x[:, j] <= e[b])


def test_training_is_deterministic_and_starts_from_the_margin() -> None:
    x, y = _xor(400)
    start = np.where(x[:, 0] > 0.5, 1.0, -1.0)
    a = boost(x, y, np.ones(len(y)), start, BoostSettings(trees=3, depth=2))
    b = boost(x, y, np.ones(len(y)), start, BoostSettings(trees=3, depth=2))
    assert a == b
    # with no rounds there is nothing to add
    assert boost(x, y, np.ones(len(y)), start, BoostSettings(trees=0)) == []
    assert _predict_binned([{"value": 0.25}], binned(x, quantile_edges(x, 4)))[0] == 0.25
