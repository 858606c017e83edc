"""Layer 7b, the learned line model: revises the keep / drop decision of the content
classifier and the main-content region with a logistic regression over per-line features and
boosted regression trees that correct its log-odds.

The rules before it leave, on every kept line, a content class (``verdict``), the
classifier's confidence (``content``) and the stopword density; the region's plan (run in
measure-only mode, :meth:`Region.plan`) says whether the line is inside the article's run.
This layer turns those, the line's shape (length, sentence end, list marker, heading, digits),
the same measurements of its neighbours and what kind of lines the rules removed around it
into one probability per line, stored on
``Line.learned``; the region layer then keeps a line when that probability reaches
``Config.learned_threshold``. No feature names a site, a language or a word: they are the
language-calibrated measurements the rule layers already make.

The weights are data (``cleanroom/models/lines.json``), trained on the dev sets by
``training/train_lines.py``; docs/learned.md has the provenance and the cross-validated
figures. Inference is one dot product per line and the trees compiled to nested ``if``
statements (cleanroom/treecode.py), in pure Python.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from importlib import resources
from operator import mul
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..features import effective_length, ends_sentence, has_digit, sentence_marks
from ..model import Line
from ..page import Page
from ..reasons import Reason
from ..treecode import compile_trees
from .base import Layer
from .region import Region

#: the feature vector, in order; a model file names the features it was trained on and must
#: match this list exactly
BASE = ("len", "stop", "good", "conf", "end", "item", "head", "digit", "inside")
CONTEXT = (
    "prev_len",
    "prev_stop",
    "prev_good",
    "next_len",
    "next_stop",
    "next_inside",
    "gap_before",
    "gap_after",
    "win_good",
    "win_stop",
)
POSITION = ("before", "after", "dist", "progress", "relpos", "doc_good")
CROSS = (
    "inside_len",
    "inside_stop",
    "inside_end",
    "outside_len",
    "outside_stop",
    "after_len",
    "after_stop",
    "short_good",
)
#: the line's shape beyond its length: Title-Case share of its words (headlines, teasers,
#: names), share of digits, a closing colon (an introduction), sentences per 100 characters
SHAPE = ("caps", "digits", "colon", "sentences")
#: more shape and context, for the trees: the share of upper-case letters, a closing question
#: mark, the same text on another kept line, the size of the line's block, the neighbours'
#: sentence ends
EXTRA = ("upper", "question", "repeated", "block", "prev_end", "next_end")
#: what the rules removed next to the line, by kind (docs/quality.md rows 97-98): the
#: removed lines just before and just after it held a related / comments / newsletter line, a
#: menu or other site chrome, a byline / date / caption; and whether a related line, or a
#: byline / date / caption, was removed between the region's first line and this one (a
#: teaser's date, a comment's header). A count of removed lines (``gap_before``) cannot tell
#: a menu above the headline from a "Related stories" heading under the article.
GAPS = (
    "related_before",
    "nav_before",
    "meta_before",
    "related_after",
    "nav_after",
    "meta_after",
    "past_related",
    "past_meta",
)
FEATURES: tuple[str, ...] = BASE + CONTEXT + POSITION + CROSS + SHAPE + EXTRA + GAPS

#: the reasons of each kind in GAPS (the rest, such as duplicates or form residue, count in
#: the gaps' size only)
GAP_KINDS: tuple[frozenset[Reason], ...] = (
    frozenset(
        {
            Reason.RELATED_BLOCK,
            Reason.READ_MORE,
            Reason.INLINE_HEADLINE,
            Reason.COMMENTS,
            Reason.NEWSLETTER,
            Reason.SOCIAL,
            Reason.TAG_LIST,
        }
    ),
    frozenset(
        {
            Reason.MENU,
            Reason.BREADCRUMB,
            Reason.LANGUAGE_SWITCHER,
            Reason.CHROME,
            Reason.TICKER,
            Reason.LEGAL,
            Reason.COOKIE,
            Reason.APP_PROMO,
            Reason.AD_LABEL,
        }
    ),
    frozenset({Reason.BYLINE, Reason.TIMESTAMP, Reason.CAPTION, Reason.READ_TIME}),
)
_NO_KINDS = (0.0, 0.0, 0.0)

#: the config fields that shape the features (the content classifier's thresholds and the
#: region plan's weights): a model records the values it was trained with, and on text dumps
#: the pipeline measures with those values whatever the preset, because a model fed features
#: measured under other thresholds judges lines it never saw (a preset moves the trade-off
#: through ``learned_threshold`` instead; docs/learned.md)
MEASURED_WITH = (
    "length_low",
    "length_high",
    "stopwords_low",
    "stopwords_high",
    "secondary_region_share",
    "bad_weight",
    "promoted_weight",
    "trim_short_edges",
    "removed_weight",
    "boundary_min_chars",
)

_LOG_LEN = math.log1p(1000.0)
_WINDOW = 3


def _clip(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def features(
    lines: list[Line],
    inside: list[bool],
    gaps: list[int],
    length_low: int,
    kinds: list[tuple[float, ...]] | None = None,
) -> list[tuple[float, ...]]:
    """The feature vector of each kept line.

    ``lines`` are the page's kept lines in order, ``inside`` whether each is in the region's
    runs, ``gaps[k]`` how many removed lines (negative evidence) precede line k (the last
    entry: those after the last line, so ``len(gaps) == len(lines) + 1``), ``kinds[k]`` which
    of :data:`GAP_KINDS` those removed lines were (parallel to ``gaps``; None: not known).
    """
    n = len(lines)
    if not n:
        return []
    texts = [ln.text for ln in lines]
    lens = [effective_length(t) for t in texts]
    ll = [min(1.0, math.log1p(x) / _LOG_LEN) for x in lens]
    sd = [ln.stop_density for ln in lines]
    good = [1.0 if ln.verdict == "good" else 0.0 for ln in lines]
    ins = [1.0 if x else 0.0 for x in inside]
    end = [1.0 if ends_sentence(t) else 0.0 for t in texts]
    gap = [min(g, 5) / 5.0 for g in gaps]
    in_idx = [k for k in range(n) if inside[k]]
    r0, r1 = (in_idx[0], in_idx[-1]) if in_idx else (n, -1)
    good_len = [x * g for x, g in zip(lens, good)]
    total_good = sum(g * i for g, i in zip(good_len, ins))
    doc_good = min(1.0, math.log1p(total_good) / 10.0)
    # prefix sums for the window means
    c_len, c_good, c_sd = [0.0], [0.0], [0.0]
    for k in range(n):
        c_len.append(c_len[-1] + lens[k])
        c_good.append(c_good[-1] + good_len[k])
        c_sd.append(c_sd[-1] + sd[k])
    # distance (in kept lines) to the nearest line inside the region
    dist = [0.0] * n
    last = -(10**9)
    for k in range(n):
        if inside[k]:
            last = k
        dist[k] = float(k - last)
    last = 10**9
    for k in range(n - 1, -1, -1):
        if inside[k]:
            last = k
        dist[k] = min(1.0, math.log1p(min(dist[k], float(last - k))) / 3.0)
    denom = max(n - 1, 1)
    # built column by column (comprehensions), then zipped into rows: about twice as fast
    # as building each row in a loop
    win_good, win_stop = [], []
    for k in range(n):
        lo = k - _WINDOW if k > _WINDOW else 0
        hi = k + _WINDOW + 1 if k + _WINDOW + 1 < n else n
        wl = c_len[hi] - c_len[lo] - lens[k]
        cnt = hi - lo - 1
        win_good.append((c_good[hi] - c_good[lo] - good_len[k]) / wl if wl else 0.0)
        win_stop.append((c_sd[hi] - c_sd[lo] - sd[k]) / cnt if cnt else 0.0)
    progress, seen = [], 0.0
    for k in range(n):
        progress.append(_clip(seen / total_good) if total_good else 0.0)
        seen += good_len[k] * ins[k]
    before = [1.0 if k < r0 else 0.0 for k in range(n)]
    after = [1.0 if k > r1 else 0.0 for k in range(n)]
    short = [1.0 if x < length_low else 0.0 for x in lens]
    out = [1.0 - i for i in ins]
    bullets = [ln.bullet for ln in lines]
    seen_texts = Counter(texts)
    blocks = Counter(ln.block for ln in lines)
    zero = [0.0]
    kinds = kinds or [_NO_KINDS] * (n + 1)
    # a related line, or a byline / date / caption, removed after the region began
    past_related: list[float] = []
    past_meta: list[float] = []
    began, related, meta = False, 0.0, 0.0
    for k in range(n):
        if began:
            related = related or kinds[k][0]
            meta = meta or kinds[k][2]
        past_related.append(related)
        past_meta.append(meta)
        began = began or inside[k]
    cols = (
        ll,
        sd,
        good,
        [ln.content for ln in lines],
        end,
        [1.0 if b and b[0] != "#" else 0.0 for b in bullets],
        [1.0 if b[:1] == "#" else 0.0 for b in bullets],
        [1.0 if has_digit(t) else 0.0 for t in texts],
        ins,
        # neighbours
        zero + ll[:-1],
        zero + sd[:-1],
        zero + good[:-1],
        ll[1:] + zero,
        sd[1:] + zero,
        ins[1:] + zero,
        gap[:-1],
        gap[1:],
        win_good,
        win_stop,
        # position
        before,
        after,
        dist,
        progress,
        [k / denom for k in range(n)],
        [doc_good] * n,
        # crosses (the model is linear)
        [i * x for i, x in zip(ins, ll)],
        [i * x for i, x in zip(ins, sd)],
        [i * x for i, x in zip(ins, end)],
        [o * x for o, x in zip(out, ll)],
        [o * x for o, x in zip(out, sd)],
        [a * x for a, x in zip(after, ll)],
        [a * x for a, x in zip(after, sd)],
        [h * x for h, x in zip(short, good)],
        # shape
        *_shape_columns(texts),
        # extra
        [_upper_share(t) for t in texts],
        [1.0 if t.endswith("?") else 0.0 for t in texts],
        [1.0 if seen_texts[t] > 1 else 0.0 for t in texts],
        [min(1.0, blocks[ln.block] / 10.0) for ln in lines],
        zero + end[:-1],
        end[1:] + zero,
        # what the rules removed around the line
        *([kd[j] for kd in kinds[:-1]] for j in range(3)),
        *([kd[j] for kd in kinds[1:]] for j in range(3)),
        past_related,
        past_meta,
    )
    return list(zip(*cols))


def _upper_share(t: str) -> float:
    # map over the str methods: the same counts as a generator, about a fifth faster
    letters = sum(map(str.isalpha, t))
    return sum(map(str.isupper, t)) / letters if letters else 0.0


def _shape_columns(texts: list[str]) -> tuple[list[float], list[float], list[float], list[float]]:
    caps: list[float] = []
    digits: list[float] = []
    colon: list[float] = []
    sentences: list[float] = []
    for t in texts:
        ws = t.split()
        caps.append(sum(1 for w in ws if w[:1].isupper()) / len(ws) if ws else 0.0)
        digits.append(min(1.0, 5.0 * sum(map(str.isdigit, t)) / len(t)) if t else 0.0)
        colon.append(1.0 if t.endswith(":") else 0.0)
        sentences.append(min(1.0, 100.0 * sentence_marks(t) / len(t) / 2.0) if t else 0.0)
    return caps, digits, colon, sentences


def _sigmoid(z: float) -> float:
    if z < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _dot(weights: tuple[float, ...], bias: float, row: tuple[float, ...]) -> float:
    return bias + sum(map(mul, weights, row))


class LineModel:
    """A logistic regression over :data:`FEATURES`, optionally followed by boosted regression
    trees that add to its log-odds (read from JSON)."""

    def __init__(self, data: dict[str, Any]) -> None:
        if tuple(data.get("features", ())) != FEATURES:
            raise ConfigError("line model was trained on other features than this version computes")
        self.weights: tuple[float, ...] = tuple(float(w) for w in data["weights"])
        self.bias = float(data["bias"])
        if len(self.weights) != len(FEATURES):
            raise ConfigError("line model: one weight per feature expected")
        #: the probability from which a line is kept, unless the config sets another
        self.threshold = float(data.get("threshold", 0.5))
        measured_with = data.get("measured_with") or {}
        if not isinstance(measured_with, dict) or not set(measured_with) <= set(MEASURED_WITH):
            raise ConfigError(f"line model: measured_with may only name {', '.join(MEASURED_WITH)}")
        for key, value in measured_with.items():
            if value is not None and not isinstance(value, (bool, int, float)):
                raise ConfigError(f"line model: measured_with {key} must be a number, not {value!r}")
        #: the config values its features were measured with in training (see MEASURED_WITH)
        self.measured_with: dict[str, Any] = dict(measured_with)
        trees = data.get("trees") or []
        self.trees = len(trees)
        self._margin = compile_trees(trees, len(FEATURES)) if trees else None

    def probabilities(self, rows: list[tuple[float, ...]]) -> list[float]:
        w, b, margin = self.weights, self.bias, self._margin
        if margin is None:
            return [_sigmoid(_dot(w, b, row)) for row in rows]
        return [_sigmoid(_dot(w, b, row) + margin(row)) for row in rows]


@lru_cache(maxsize=8)
def load_model(path: str | None = None) -> LineModel:
    """The shipped model (``path`` None) or the one at ``path``; cached (models are immutable)."""
    try:
        if path is None:
            raw = resources.files("cleanroom").joinpath("models/lines.json").read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        return LineModel(json.loads(raw))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot load line model {path or 'models/lines.json'}: {exc}") from exc


_REGION = Region()


def smooth_lists(lines: list[Line], probs: list[float], threshold: float) -> list[float]:
    """The items of one list are kept or dropped together (a run of consecutive kept lines
    with a list marker, in one block): when at least half of them reach the threshold, every
    item is raised to it at least, otherwise every item is lowered below it, so that "two
    tyre levers" does not flicker out of a list the model keeps."""
    out = list(probs)
    i, n = 0, len(lines)
    while i < n:
        j = i
        while j < n and _item(lines[j]) and lines[j].block == lines[i].block:
            j += 1
        if j - i >= 2:
            run = probs[i:j]
            if 2 * sum(1 for p in run if p >= threshold) >= len(run):
                out[i:j] = [max(p, threshold) for p in run]
            else:
                out[i:j] = [min(p, math.nextafter(threshold, 0.0)) for p in run]
        i = max(j, i + 1)
    return out


def _item(ln: Line) -> bool:
    return bool(ln.bullet) and not ln.bullet.startswith("#")


#: how far above the threshold the model's probability must be for a kept line to stay when
#: the lines on both sides are dropped (docs/quality.md row 96)
SURE_MARGIN = 0.25


def revise_isolated(
    lines: list[Line], probs: list[float], threshold: float, gaps: list[int], short: int
) -> list[float]:
    """Context revision of the model's decisions, as jusText revises a block by its
    neighbours: a decision that disagrees with the lines on both sides is more often the
    model's noise than the page's structure.

    Within a stretch that no earlier rule removed a line from (``gaps`` as in
    :func:`features`), a dropped line between two kept lines is kept (a joke's one-line answer
    between its question and the next one), and so are two dropped lines between kept ones.
    A kept line whose nearest measured lines on both sides are dropped is dropped when it has
    at most ``short`` characters (a headline left alone in a teaser list) or when the model
    was not sure of it (a probability less than :data:`SURE_MARGIN` above the threshold: an
    author's bio, a teaser's summary between dropped teasers). A long line the model was sure
    of stays: a paragraph alone between two dropped lines is more often content. Each pass
    reads the decisions as they stood before it, so its result does not depend on the order
    it goes in."""
    keep = [p >= threshold for p in probs]
    out = list(probs)
    n = len(lines)
    for i in range(1, n - 1):
        if keep[i] or not keep[i - 1] or gaps[i] or gaps[i + 1]:
            continue
        if keep[i + 1]:
            if " " in lines[i].text:  # a one-word line is a label more often than not
                out[i] = threshold
        elif i + 2 < n and keep[i + 2] and not gaps[i + 2]:
            out[i] = threshold
            out[i + 1] = max(out[i + 1], threshold)
    # the drops read the decisions after the fills: in an alternation of kept and dropped
    # lines (questions and answers) the fills win
    keep = [p >= threshold for p in out]
    below = math.nextafter(threshold, 0.0)
    sure = threshold + SURE_MARGIN
    for i in range(1, n - 1):
        if keep[i] and not keep[i - 1] and not keep[i + 1]:
            if len(lines[i].text) <= short or probs[i] < sure:
                out[i] = below
    return out


def _measured(
    page: Page,
) -> tuple[list[Line], list[bool], list[int], list[tuple[float, ...]]] | None:
    """The kept lines, whether each is inside the region's runs, the removed lines before
    each and their kinds (as :func:`features` takes them); None when the region has nothing
    to plan from."""
    planned = _REGION.plan(page)
    # the region layer runs next and would compute the same plan: it takes this one instead
    page.region_plan = planned
    if planned is None:
        return None
    seq, inside, _ = planned
    lines: list[Line] = []
    flags: list[bool] = []
    gaps = [0]
    removed: list[set[Reason]] = [set()]
    for ln, ins in zip(seq, inside):
        if ln.kept:
            lines.append(ln)
            flags.append(ins)
            gaps.append(0)
            removed.append(set())
        else:
            gaps[-1] += 1
            if ln.reason is not None:
                removed[-1].add(ln.reason)
    kinds = [tuple(1.0 if r & kind else 0.0 for kind in GAP_KINDS) if r else _NO_KINDS for r in removed]
    return lines, flags, gaps, kinds


def measure(page: Page) -> tuple[list[Line], list[tuple[float, ...]]] | None:
    """The kept lines and their feature vectors (None when the region has nothing to plan
    from); shared by the layer and the training script."""
    measured = _measured(page)
    if measured is None:
        return None
    lines, flags, gaps, kinds = measured
    return lines, features(lines, flags, gaps, page.config.length_low, kinds)


class Learned(Layer):
    id = "learned"
    description = (
        "line model (logistic + boosted trees) over the rules' measurements (measures; region decides)"
    )

    def apply(self, page: Page) -> None:
        if any(ln.ancestors for ln in page.lines):
            # HTML input: the model learnt from text dumps, and the markup's own evidence
            # (the dom layer, article containers in the region) does better than it there
            # (docs/learned.md)
            return
        measured = _measured(page)
        if measured is None:
            return
        lines, flags, gaps, kinds = measured
        cfg = page.config
        model = load_model(cfg.learned_model)
        rows = features(lines, flags, gaps, cfg.length_low, kinds)
        threshold = model.threshold if cfg.learned_threshold is None else cfg.learned_threshold
        own = model.probabilities(rows)
        listed = smooth_lists(lines, own, threshold)
        probs = revise_isolated(lines, listed, threshold, gaps, cfg.length_low)
        for ln, p, q, r in zip(lines, own, listed, probs):
            ln.learned = r
            if (r >= threshold) != (p >= threshold):
                ln.revised = "neighbours" if (r >= threshold) != (q >= threshold) else "list"
