"""Regression trees (the learned line model's boosted part) compiled to one Python function.

Walking a tree stored as lists costs a few list look-ups per node, for every tree and every
kept line; generated nested ``if`` statements cost one comparison per level instead. The source is generated from numbers only (every
feature index goes through ``int`` and every threshold and value through ``float`` before it
is written, as ``repr``), so a model file cannot put code into it. The compiled code is kept
in the start-up cache (cleanroom/cache.py), keyed by a hash of the source and of this
Python's bytecode version, so a model's trees are compiled once per machine.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import math
from collections.abc import Callable, Sequence
from types import CodeType
from typing import Any

from . import cache
from .errors import ConfigError

Tree = dict[str, Sequence[Any]]
MAX_DEPTH = 40


def _check(tree: Tree, n_features: int) -> None:
    size = len(tree["feature"])
    if not size or any(len(tree[k]) != size for k in ("threshold", "left", "right", "value")):
        raise ConfigError("line model: a tree's lists differ in length")
    numbers = [float(v) for v in tree["threshold"]] + [float(v) for v in tree["value"]]
    if not all(map(math.isfinite, numbers)):
        # repr() of nan or inf is no Python literal, and such a split means nothing
        raise ConfigError("line model: a tree holds a threshold or value that is not finite")
    depth = [0] * size
    for i in range(size):
        f = int(tree["feature"][i])
        if f >= n_features:
            raise ConfigError(f"line model: a tree splits on feature {f}, there are {n_features}")
        if f < 0:
            continue
        left, right = int(tree["left"][i]), int(tree["right"][i])
        if not (i < left < size and i < right < size):
            # children come after their parent, so the walk below always ends
            raise ConfigError("line model: a tree's child index is out of order")
        depth[left] = depth[right] = depth[i] + 1
        if depth[i] + 1 > MAX_DEPTH:
            # Python's parser refuses code nested much deeper than this
            raise ConfigError(f"line model: a tree deeper than {MAX_DEPTH} levels")


def _emit(tree: Tree, node: int, indent: str, out: list[str]) -> None:
    f = int(tree["feature"][node])
    if f < 0:
        out.append(f"{indent}s += {float(tree['value'][node])!r}")
        return
    out.append(f"{indent}if x{f} <= {float(tree['threshold'][node])!r}:")
    _emit(tree, int(tree["left"][node]), indent + "    ", out)
    out.append(f"{indent}else:")
    _emit(tree, int(tree["right"][node]), indent + "    ", out)


def _code(source: str) -> CodeType:
    """The compiled source, from the start-up cache when this Python compiled it before
    (compiling the shipped model's trees takes about 15 ms of every start)."""
    key = hashlib.sha256(importlib.util.MAGIC_NUMBER + source.encode("utf-8")).hexdigest()[:20]
    name = f"trees-{key}.marshal"
    blob = cache.read(name)
    if blob is not None:
        try:
            code = marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            code = None
        if isinstance(code, CodeType):
            return code
    code = compile(source, "<cleanroom line trees>", "exec")
    cache.write(name, marshal.dumps(code))
    return code


def compile_trees(trees: Sequence[Tree], n_features: int) -> Callable[[Sequence[float]], float]:
    """A function of a feature row giving the sum of the trees' leaf values."""
    body: list[str] = []
    for tree in trees:
        _check(tree, n_features)
        _emit(tree, 0, "    ", body)
    # each feature the trees split on is read from the row once, into a local: a local costs
    # one load per comparison where ``x[f]`` costs three (about a third of the trees' time)
    used = sorted({int(f) for tree in trees for f in tree["feature"] if int(f) >= 0})
    lines = ["def margin(x):", "    s = 0.0", *(f"    x{f} = x[{f}]" for f in used), *body, "    return s"]
    namespace: dict[str, Any] = {}
    exec(_code("\n".join(lines)), namespace)  # noqa: S102
    fn: Callable[[Sequence[float]], float] = namespace["margin"]
    return fn
