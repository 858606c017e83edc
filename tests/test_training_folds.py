"""The cross-validation split of training/train_lines.py: by group (a page, or a site), and
another split of the same groups with --fold-salt (how far CV figures move with the split)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("numpy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.train_lines import bags, fold_of  # noqa: E402

GROUPS = [f"site{k}.example" for k in range(300)]


def test_a_group_always_lands_in_the_same_fold() -> None:
    # all renderings of a page (all pages of a site) must be held out together
    for salt in ("", "a"):
        first = [fold_of(g, 5, salt) for g in GROUPS]
        assert [fold_of(g, 5, salt) for g in GROUPS] == first
        assert set(first) == set(range(5))


def test_folds_are_roughly_even() -> None:
    counts = Counter(fold_of(g, 5) for g in GROUPS)
    assert min(counts.values()) >= 40  # 60 expected per fold


def test_a_salt_draws_another_split() -> None:
    plain = [fold_of(g, 5) for g in GROUPS]
    salted = [fold_of(g, 5, "a") for g in GROUPS]
    moved = sum(1 for p, s in zip(plain, salted) if p != s)
    # an independent split moves about four in five groups
    assert moved > len(GROUPS) // 2
    assert [fold_of(g, 5, "b") for g in GROUPS] != salted


def test_a_bag_salt_draws_other_bags_of_whole_groups() -> None:
    docs = [{"group": g, "page": k} for g in GROUPS for k in range(2)]
    plain = bags(docs, 3)
    assert bags(docs, 3, "") == plain  # the shipped model's bags stay as they were
    salted = bags(docs, 3, "x")
    assert salted != plain
    for subsets in (plain, salted):
        for sub in subsets:
            held = {d["group"] for d in sub}
            # a bag leaves out about a quarter of the groups, and a group whole
            assert 0.6 * len(GROUPS) < len(held) < 0.9 * len(GROUPS)
            assert len(sub) == 2 * len(held)
