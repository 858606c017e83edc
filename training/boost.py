"""Gradient-boosted regression trees on top of the logistic line model (training only, numpy).

The trees start from the logistic regression's log-odds and fit what it gets wrong: the
interactions a linear model cannot express (a short line is content inside the article and
boilerplate after it, a heading matters next to prose, not in a list). Each round fits one
tree to the weighted log-loss's gradient with Newton leaf values (second-order boosting), on
features binned at their quantiles; a split "bin <= b" is exactly "x <= edge[b]" on the raw
value, so the shipped trees (thresholds on raw features, cleanroom/layers/learned.py) give at
run time the same margins as here.

Deterministic: no sampling, ties broken by the first feature and bin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class BoostSettings:
    trees: int = 30
    depth: int = 4
    rate: float = 0.2
    #: smallest sum of hessians (weighted p(1-p)) on either side of a split
    min_child: float = 5.0
    #: L2 on leaf values
    l2: float = 1.0
    bins: int = 64
    #: tree sets, each grown on a subset of the pages and counted 1/bags (training/train_lines.py)
    bags: int = 1
    #: another draw of the bags' subsets (the same data, other trees: the noise of retraining)
    bag_salt: str = ""


def quantile_edges(x: np.ndarray, bins: int) -> list[np.ndarray]:
    qs = np.linspace(0.0, 1.0, bins + 1)[1:-1]
    return [np.unique(np.quantile(x[:, j], qs)) for j in range(x.shape[1])]


def binned(x: np.ndarray, edges: list[np.ndarray]) -> np.ndarray:
    # searchsorted "left": bin b holds edge[b-1] < x <= edge[b], so bin <= b iff x <= edge[b]
    return np.stack([np.searchsorted(e, x[:, j], side="left") for j, e in enumerate(edges)], axis=1)


def _grow(
    xb: np.ndarray,
    rows: np.ndarray,
    g: np.ndarray,
    h: np.ndarray,
    depth: int,
    edges: list[np.ndarray],
    s: BoostSettings,
    nodes: list[dict[str, Any]],
) -> int:
    """Append the subtree over ``rows`` to ``nodes`` (pre-order); return its root's index."""
    me = len(nodes)
    nodes.append({})
    g_node, h_node = g[rows], h[rows]  # gathered once, read for every feature
    gs, hs = float(g_node.sum()), float(h_node.sum())
    best: tuple[float, int, int] | None = None
    if depth > 0 and hs >= 2 * s.min_child:
        parent = gs * gs / (hs + s.l2)
        xb_node = xb[rows]
        for j, e in enumerate(edges):
            if len(e) == 0:
                continue
            nb = len(e) + 1
            col = xb_node[:, j]
            gl = np.cumsum(np.bincount(col, weights=g_node, minlength=nb))[:-1]
            hl = np.cumsum(np.bincount(col, weights=h_node, minlength=nb))[:-1]
            gr, hr = gs - gl, hs - hl
            ok = (hl >= s.min_child) & (hr >= s.min_child)
            if not ok.any():
                continue
            gain = np.where(ok, gl * gl / (hl + s.l2) + gr * gr / (hr + s.l2) - parent, -np.inf)
            b = int(np.argmax(gain))
            if gain[b] > 1e-12 and (best is None or gain[b] > best[0]):
                best = (float(gain[b]), j, b)
    if best is None:
        nodes[me] = {"value": -gs / (hs + s.l2) * s.rate}
        return me
    _, j, b = best
    go_left = xb[rows, j] <= b
    left = _grow(xb, rows[go_left], g, h, depth - 1, edges, s, nodes)
    right = _grow(xb, rows[~go_left], g, h, depth - 1, edges, s, nodes)
    nodes[me] = {"feature": j, "threshold": float(edges[j][b]), "bin": b, "left": left, "right": right}
    return me


def _predict_binned(nodes: list[dict[str, Any]], xb: np.ndarray) -> np.ndarray:
    out = np.zeros(len(xb))
    stack = [(0, np.arange(len(xb)))]
    while stack:
        i, rows = stack.pop()
        nd = nodes[i]
        if "value" in nd:
            out[rows] = nd["value"]
            continue
        left = xb[rows, nd["feature"]] <= nd["bin"]
        stack.append((nd["left"], rows[left]))
        stack.append((nd["right"], rows[~left]))
    return out


def boost(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, margin: np.ndarray, s: BoostSettings
) -> list[dict[str, list[Any]]]:
    """Trees fitted to the weighted log-loss starting from ``margin`` (the logistic log-odds);
    each tree as parallel lists (feature -1 marks a leaf, whose value is in ``value``)."""
    w = w / w.mean()
    edges = quantile_edges(x, s.bins)
    xb = binned(x, edges)
    f = margin.astype(float).copy()
    out: list[dict[str, list[Any]]] = []
    all_rows = np.arange(len(x))
    for _ in range(s.trees):
        p = 1.0 / (1.0 + np.exp(-np.clip(f, -30, 30)))
        g = w * (p - y)
        h = w * p * (1.0 - p)
        nodes: list[dict[str, Any]] = []
        _grow(xb, all_rows, g, h, s.depth, edges, s, nodes)
        f += _predict_binned(nodes, xb)
        out.append(
            {
                "feature": [nd.get("feature", -1) for nd in nodes],
                "threshold": [nd.get("threshold", 0.0) for nd in nodes],
                "left": [nd.get("left", -1) for nd in nodes],
                "right": [nd.get("right", -1) for nd in nodes],
                "value": [round(nd.get("value", 0.0), 9) for nd in nodes],
            }
        )
    return out
