#!/usr/bin/env python3
"""Train the learned line model (cleanroom/models/lines.json) and report cross-validated F1.

    python training/train_lines.py [--bench ../shared/bench] [--folds 5] [--cv] [--write]

Data (read here only, at training time; nothing in the package reads it at run time): the two
dev sets of ../shared/bench, every renderer's dumps:

- aeb (181 English article pages, gold = the article text): a kept line is labelled content
  when at least half of its 4-token shingles (lines of 1-3 tokens: its token sequence) occur
  in the gold; its weight is its token count, normalised so that every document weighs 1
  (the shingle F1 gives every page the same weight);
- multi (355 pages, mostly German, snippet gold): a line holding (part of) a must-survive
  snippet is positive, one holding a must-not snippet negative, the rest unlabelled; each
  labelled line weighs 1 (the snippet F1 counts snippets); the set is scaled to the same
  total weight as aeb.

Features are exactly what the layer computes at run time (cleanroom.layers.learned.measure,
on a page run through the layers before "learned"). The model is an L2-regularised logistic
regression fitted by Newton's method, then gradient-boosted regression trees fitted to what it
gets wrong, starting from its log-odds (training/boost.py; numpy, training only): ``--bags``
sets of ``--trees`` trees, each set grown on the pages of three quarters of the groups (a
different quarter left out each time) and counted 1/bags, so the shipped trees are their mean.

--fold-salt S: another draw of the same groups into folds; how far the CV figures move with the
split alone is the noise band a change must clear.
--bag-salt S: another draw of the bags' subsets, the same data and folds: how far the figures
move when the trees are grown again (a rule change that alters a few pages' features moves
them about as far).

--cv-presets precision,balanced,recall: the same folds, one model per fold, and the held-out
pages cleaned with each preset; prints each set's mean F1, P, R and its lowest renderer.
--cv: folds split by page for aeb (all six renderings of a page in one fold) and by site (the
URL's host) for multi. For each fold a model is trained on the other folds, written to a
temporary JSON file, and the FULL pipeline (``Cleaner(Config(learned_model=...))``) cleans
the held-out pages; the outputs of all folds are scored together with the shared scorer
(score.evaluate) against the rule pipeline (layer "learned" disabled) on the same pages.
--keep-folds DIR (with --cv): keep the fold models there, for error analysis on held-out
decisions (training/lost_snippets.py).
--write: train on all the data and write the shipped model.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import pickle
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleanroom import Cleaner, Config, preset  # noqa: E402
from cleanroom.layers.language import apply_fallback  # noqa: E402
from cleanroom.layers.learned import FEATURES, MEASURED_WITH, measure  # noqa: E402
from cleanroom.page import Page  # noqa: E402
from training.boost import BoostSettings  # noqa: E402
from training.boost import boost as fit_trees  # noqa: E402

TOKEN = re.compile(r"\w+")
RENDERERS = ("bs4", "html2text", "html_text", "inscriptis", "lynx", "w3m")


def load_scorer(bench: Path) -> Any:
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.QUIET = True
    return mod


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def fold_of(group: str, folds: int, salt: str = "") -> int:
    # the salt draws another split of the same groups: how far CV figures move with the split
    # alone is the noise band a change must clear (docs/learned.md)
    return zlib.crc32((salt + group).encode("utf-8")) % folds


def host(url: str) -> str:
    h = urlsplit(url).hostname or url
    return h[4:] if h.startswith("www.") else h


def staged_page(cleaner: Cleaner, text: str) -> Page:
    """The page as the learned layer sees it: every layer before it has run."""
    from cleanroom import frontend

    page = Page(frontend.parse(text), cleaner.config, text)
    for layer in cleaner.layers:
        if layer.id == "learned":
            break
        if layer.id == "content" and not page.stopwords and not cleaner.config.enabled("language"):
            apply_fallback(page)
        layer.apply(page)
    return page


# ---------------------------------------------------------------- labels


def aeb_labels(texts: list[str], gold: str) -> tuple[list[float], list[float]]:
    gt = TOKEN.findall(gold)
    grams = [{tuple(gt[i : i + n]) for i in range(len(gt) - n + 1)} for n in (1, 2, 3, 4)]
    labels, weights = [], []
    for text in texts:
        toks = TOKEN.findall(text)
        if not toks:
            labels.append(0.0)
            weights.append(0.0)
            continue
        if len(toks) < 4:
            lab = tuple(toks) in grams[len(toks) - 1]
        else:
            sh = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
            lab = sum(1 for s in sh if s in grams[3]) >= 0.5 * len(sh)
        labels.append(1.0 if lab else 0.0)
        weights.append(float(len(toks)))
    total = sum(weights)
    return labels, [w / total if total else 0.0 for w in weights]


def norm_ws(s: str) -> str:
    return " ".join(s.split())


def multi_labels(texts: list[str], items: list[bool], rec: dict[str, Any]) -> tuple[list[float], list[float]]:
    parts = [("- " + t) if item else t for t, item in zip(texts, items)]
    starts, pos = [], 0
    for p in parts:
        starts.append(pos)
        pos += len(p) + 1
    joined = " ".join(parts)
    pos_hit: set[int] = set()
    neg_hit: set[int] = set()
    for key, hits in (("with", pos_hit), ("without", neg_hit)):
        for snip in rec.get(key) or []:
            s = norm_ws(snip)
            if not s:
                continue
            at = joined.find(s)
            while at >= 0:
                end = at + len(s)
                for k, st in enumerate(starts):
                    if st < end and at < st + len(parts[k]):
                        hits.add(k)
                at = joined.find(s, at + 1)
    labels = [1.0 if k in pos_hit else 0.0 for k in range(len(texts))]
    weights = [1.0 if (k in pos_hit) != (k in neg_hit) else 0.0 for k in range(len(texts))]
    return labels, weights


def collect(bench: Path, renderers: tuple[str, ...]) -> list[dict[str, Any]]:
    """One record per (set, renderer, page): feature rows, labels, weights, fold group."""
    cleaner = Cleaner(preset("balanced"))
    docs: list[dict[str, Any]] = []
    for name in ("aeb", "multi"):
        root = bench / name
        if name == "aeb":
            gold = {r["id"]: r for r in read_jsonl(root / "pages.jsonl")}
        else:
            gold = {r["id"]: r for r in read_jsonl(root / "gold.jsonl")}
        for r in renderers:
            for rec in read_jsonl(root / "dumps" / f"{r}.jsonl"):
                g = gold.get(rec["id"])
                if g is None:
                    continue
                page = staged_page(cleaner, rec.get("text") or "")
                measured = measure(page)
                lines, rows = measured if measured else ([], [])
                texts = [ln.text for ln in lines]
                if name == "aeb":
                    labels, weights = aeb_labels(texts, g["gold"])
                    group = rec["id"]
                else:
                    items = [bool(ln.bullet) and ln.bullet[0] != "#" for ln in lines]
                    labels, weights = multi_labels(texts, items, g)
                    group = host(g.get("url") or rec["id"])
                docs.append(
                    {
                        "set": name,
                        "renderer": r,
                        "id": rec["id"],
                        "group": group,
                        "text": rec.get("text") or "",
                        "rows": rows,
                        "labels": labels,
                        "weights": weights,
                    }
                )
    return docs


# ---------------------------------------------------------------- model


def design(docs: list[dict[str, Any]], multi_weight: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, ws = [], [], []
    totals = {"aeb": 0.0, "multi": 0.0}
    for d in docs:
        totals[d["set"]] += sum(d["weights"])
    scale = {"aeb": 1.0, "multi": multi_weight * totals["aeb"] / totals["multi"] if totals["multi"] else 0.0}
    for d in docs:
        for row, y, w in zip(d["rows"], d["labels"], d["weights"]):
            if w > 0:
                xs.append(row)
                ys.append(y)
                ws.append(w * scale[d["set"]])
    x = np.asarray(xs, dtype=float)
    return x, np.asarray(ys, dtype=float), np.asarray(ws, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, iters: int = 30) -> tuple[np.ndarray, float]:
    """Weighted logistic regression, L2 on the weights (not the bias), Newton's method."""
    n, k = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(k + 1)
    w = w / w.sum() * n  # mean weight 1, so l2 means the same whatever the data size
    reg = np.full(k + 1, l2 * n)
    reg[-1] = 0.0
    for _ in range(iters):
        z = np.clip(xb @ beta, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        g = xb.T @ (w * (p - y)) + reg * beta
        h = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta[:-1], float(beta[-1])


def train(docs: list[dict[str, Any]], l2: float, multi_weight: float, boost: BoostSettings) -> dict[str, Any]:
    x, y, w = design(docs, multi_weight)
    wts, bias = fit(x, y, w, l2=l2)
    model: dict[str, Any] = {
        "format": "cleanroom line model 2",
        "kind": "logistic regression" + (" + boosted trees" if boost.trees else ""),
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in wts],
        "bias": round(bias, 6),
        # the features were measured with the balanced preset's values (collect)
        "measured_with": {k: getattr(preset("balanced"), k) for k in MEASURED_WITH},
    }
    if boost.trees:
        model["trees"] = []
        for sub in bags(docs, boost.bags, boost.bag_salt):
            xs, ys, ws = (x, y, w) if sub is docs else design(sub, multi_weight)
            margin = xs @ np.asarray(model["weights"]) + model["bias"]
            for tree in fit_trees(xs, ys, ws, margin, boost):
                # the bags' trees add up to their mean: each leaf counts 1/bags
                tree["value"] = [round(v / boost.bags, 9) for v in tree["value"]]
                model["trees"].append(tree)
    return model


def bags(docs: list[dict[str, Any]], n: int, salt: str = "") -> list[list[dict[str, Any]]]:
    """``n`` subsets of the training pages for the trees, each without a quarter of the groups
    (drawn by hash, so the same for the same data), or all pages when ``n`` is 1. Trees grown on
    different subsets err on different pages; their mean holds up better on unseen sites than
    one set grown on all (docs/learned.md)."""
    if n == 1:
        return [docs]
    return [[d for d in docs if fold_of(d["group"], 4, f"{salt}bag{b}/") != 0] for b in range(n)]


# ---------------------------------------------------------------- evaluation


def clean_all(docs: list[dict[str, Any]], config: Config) -> dict[tuple[str, str, str], str]:
    cleaner = Cleaner(config)
    return {(d["set"], d["renderer"], d["id"]): cleaner.clean(d["text"]).text for d in docs}


def score_sets(
    scorer: Any, bench: Path, docs: list[dict[str, Any]], out: dict[tuple[str, str, str], str]
) -> dict[str, dict[str, float]]:
    res: dict[str, dict[str, float]] = {}
    for name, mode, gfile in (("aeb", "shingles", "pages.jsonl"), ("multi", "snippets", "gold.jsonl")):
        gold_all = scorer.load_jsonl(str(bench / name / gfile))
        for r in sorted({d["renderer"] for d in docs if d["set"] == name}):
            ids = [d["id"] for d in docs if d["set"] == name and d["renderer"] == r]
            gold = {k: gold_all[k] for k in ids}
            pred = {k: {"id": k, "text": out[(name, r, k)]} for k in ids}
            m = scorer.evaluate(mode, gold, pred, n_boot=0)
            res[f"{name}/{r}"] = {k: float(m[k]) for k in ("f1", "precision", "recall")}
        per = [v["f1"] for k, v in res.items() if k.startswith(name + "/")]
        res[name] = {"f1": sum(per) / len(per)}
    return res


def cross_validate(
    docs: list[dict[str, Any]],
    folds: int,
    l2: float,
    multi_weight: float,
    threshold: float,
    boost: BoostSettings,
    salt: str = "",
    keep: str | None = None,
) -> dict[tuple[str, str, str], str]:
    """Held-out outputs of the balanced pipeline with each fold's model at ``threshold``."""
    config = preset("balanced").replace(learned_threshold=threshold)
    return cross_validate_configs(docs, folds, l2, multi_weight, boost, {"": config}, salt, keep)[""]


def cross_validate_configs(
    docs: list[dict[str, Any]],
    folds: int,
    l2: float,
    multi_weight: float,
    boost: BoostSettings,
    configs: dict[str, Config],
    salt: str = "",
    keep: str | None = None,
) -> dict[str, dict[tuple[str, str, str], str]]:
    """Held-out outputs of each named config: one model per fold, trained once on the other
    folds, then the held-out pages cleaned with every config (its ``learned_model`` set to
    the fold's model). ``keep``: a folder that keeps the fold models (``fold<N>.json``) for
    error analysis (training/lost_snippets.py)."""
    outs: dict[str, dict[tuple[str, str, str], str]] = {name: {} for name in configs}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for f in range(folds):
            path = folder / f"fold{f}.json"
            train_docs = [d for d in docs if fold_of(d["group"], folds, salt) != f]
            path.write_text(json.dumps(train(train_docs, l2, multi_weight, boost)), encoding="utf-8")
            test = [d for d in docs if fold_of(d["group"], folds, salt) == f]
            for name, config in configs.items():
                outs[name].update(clean_all(test, config.replace(learned_model=str(path))))
    return outs


def mean_prf(res: dict[str, dict[str, float]], name: str) -> tuple[float, float, float, float]:
    """A set's mean F1, P and R over its renderers, and its lowest renderer F1."""
    per = [v for k, v in res.items() if k.startswith(name + "/")]
    n = len(per)
    return (
        sum(v["f1"] for v in per) / n,
        sum(v["precision"] for v in per) / n,
        sum(v["recall"] for v in per) / n,
        min(v["f1"] for v in per),
    )


def boost_settings(opts: dict[str, Any]) -> BoostSettings:
    return BoostSettings(
        trees=int(opts["trees"]),
        depth=int(opts["depth"]),
        rate=float(opts["rate"]),
        min_child=float(opts["min_child"]),
        bags=int(opts["bags"]),
        bag_salt=str(opts.get("bag_salt", "")),
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=str(ROOT.parent / "shared" / "bench"))
    ap.add_argument("--renderers", default=",".join(RENDERERS))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--fold-salt", default="", help="draw another split into folds (the noise band of CV figures)"
    )
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--multi-weight", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.45)
    ap.add_argument(
        "--trees", type=int, default=30, help="boosted trees per bag after the logistic model (0: none)"
    )
    ap.add_argument("--bags", type=int, default=3, help="tree sets grown on subsets of the pages, averaged")
    ap.add_argument(
        "--bag-salt",
        default="",
        help="draw the bags' subsets anew: the same data, other trees (retraining noise)",
    )
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--rate", type=float, default=0.3)
    ap.add_argument("--min-child", type=float, default=5.0)
    ap.add_argument("--cv", action="store_true", help="cross-validated F1 against the rule pipeline")
    ap.add_argument(
        "--cv-presets",
        help="cross-validated F1 / P / R of these presets, comma-separated (one model per fold for all)",
    )
    ap.add_argument("--write", action="store_true", help="train on everything, write the shipped model")
    ap.add_argument("--json", help="write the CV figures to this file")
    ap.add_argument(
        "--cv-out", help="write the held-out outputs of --cv to this JSONL file (set, renderer, id, text)"
    )
    ap.add_argument("--keep-folds", help="with --cv: keep the fold models in this folder (fold<N>.json)")
    ap.add_argument(
        "--cache", help="pickle of the collected features (made if missing; delete it when features change)"
    )
    ap.add_argument(
        "--sweep", help="CV over settings: 'l2=1e-3,1e-2;threshold=0.45,0.5' (keys of this script's options)"
    )
    args = ap.parse_args()
    bench = Path(args.bench)
    renderers = tuple(r for r in args.renderers.split(",") if r)
    t0 = time.time()
    if args.cache and Path(args.cache).exists():
        with open(args.cache, "rb") as f:
            docs, base = pickle.load(f)
    else:
        docs = collect(bench, renderers)
        base = None
    print(f"collected {len(docs)} documents in {time.time() - t0:.0f}s", file=sys.stderr)
    if args.cv or args.sweep or args.cv_presets:
        scorer = load_scorer(bench)
        if base is None:
            base = score_sets(
                scorer, bench, docs, clean_all(docs, preset("balanced").replace(disabled={"learned"}))
            )
            if args.cache:
                with open(args.cache, "wb") as f:
                    pickle.dump((docs, base), f)
    if args.sweep:
        grid = [
            (k, [float(v) for v in vals.split(",")])
            for k, vals in (p.split("=") for p in args.sweep.split(";"))
        ]
        for combo in itertools.product(*(vals for _, vals in grid)):
            opts = {
                k: getattr(args, k)
                for k in ("l2", "multi_weight", "threshold", "trees", "bags", "depth", "rate", "min_child")
            }
            opts["bag_salt"] = args.bag_salt
            opts.update({k.replace("-", "_"): v for (k, _), v in zip(grid, combo)})
            settings = boost_settings(opts)
            main_opts = {k: opts[k] for k in ("l2", "multi_weight", "threshold")}
            cv = score_sets(
                scorer,
                bench,
                docs,
                cross_validate(docs, args.folds, boost=settings, salt=args.fold_salt, **main_opts),
            )
            print(
                f"{opts}  aeb {base['aeb']['f1']:.4f} -> {cv['aeb']['f1']:.4f}  multi {base['multi']['f1']:.4f} -> {cv['multi']['f1']:.4f}",
                flush=True,
            )
    if args.cv_presets:
        names = [n for n in args.cv_presets.split(",") if n]
        # a preset without its own threshold gets the one the shipped model stores
        configs = {n: preset(n) for n in names}
        configs = {
            n: c if c.learned_threshold is not None else c.replace(learned_threshold=args.threshold)
            for n, c in configs.items()
        }
        outs = cross_validate_configs(
            docs, args.folds, args.l2, args.multi_weight, boost_settings(vars(args)), configs, args.fold_salt
        )
        print(f"{'preset':12}{'set':7}{'F1':>8}{'P':>8}{'R':>8}{'lowest':>8}")
        for name in names:
            res = score_sets(scorer, bench, docs, outs[name])
            for set_name in ("aeb", "multi"):
                f1, p, r, low = mean_prf(res, set_name)
                print(f"{name:12}{set_name:7}{f1:8.4f}{p:8.4f}{r:8.4f}{low:8.4f}", flush=True)
    if args.cv:
        held_out = cross_validate(
            docs,
            args.folds,
            args.l2,
            args.multi_weight,
            args.threshold,
            boost_settings(vars(args)),
            args.fold_salt,
            args.keep_folds,
        )
        cv = score_sets(scorer, bench, docs, held_out)
        if args.cv_out:
            with open(args.cv_out, "w", encoding="utf-8") as f:
                for (set_name, renderer, doc_id), text in sorted(held_out.items()):
                    row = {"set": set_name, "renderer": renderer, "id": doc_id, "text": text}
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{'':16}{'rules F1':>9}{'CV F1':>8}{'P':>7}{'R':>7}")
        for key in sorted(cv):
            b, c = base[key], cv[key]
            extra = f"{c['precision']:7.3f}{c['recall']:7.3f}" if "precision" in c else ""
            print(f"{key:16}{b['f1']:9.4f}{c['f1']:8.4f}{extra}")
        if args.json:
            Path(args.json).write_text(json.dumps({"rules": base, "cv": cv, "args": vars(args)}, indent=1))
    if args.write:
        model = train(docs, args.l2, args.multi_weight, boost_settings(vars(args)))
        model.update(
            {
                "trained_on": "../shared/bench aeb (pages.jsonl) and multi (gold.jsonl), dumps: "
                + ",".join(renderers),
                "training": "training/train_lines.py"
                + f" --l2 {args.l2} --multi-weight {args.multi_weight} --threshold {args.threshold}"
                + f" --trees {args.trees} --bags {args.bags} --depth {args.depth} --rate {args.rate}"
                + f" --min-child {args.min_child}"
                + (f" --bag-salt {args.bag_salt}" if args.bag_salt else ""),
                "threshold": args.threshold,
            }
        )
        path = ROOT / "cleanroom" / "models" / "lines.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
