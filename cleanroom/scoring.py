"""The cleanliness score: how much of a text is main content, in [0, 1].

Every line gets a content confidence from the layers' measurements: 0 for a line a rule
layer identified as boilerplate (menu, footer, metadata...), and for the rest a value from
the content classifier (``_CONFIDENCE`` in layers/content.py by the line's class on its own,
halved when its final verdict is not good; on text dumps the learned layer's probability
replaces it, ``Line.learned``), and prose-like text outside the main region is multiplied by
``OUTSIDE_FACTOR``. The score of a text is the length-weighted mean
confidence of its lines, so it estimates the share of the text that is article prose:

    score = sum(len(line) * confidence(line)) / sum(len(line))

The same formula gives ``input_score`` (over all input lines) and ``score`` (over the lines
that were kept). Components are reported alongside: the share of characters kept, the share
removed by rule layers, the share judged low-density, and the mean confidence of kept lines.
"""

from __future__ import annotations

from .features import effective_length
from .model import Line, ScoreReport
from .reasons import Reason

OUTSIDE_FACTOR = 0.0
# a tuple, not a set: a set hashes the member through Enum's Python-level __hash__
_CONTENT_REASONS = (Reason.LOW_DENSITY, Reason.OUTSIDE_MAIN)


def score_lines(lines: list[Line]) -> tuple[float, float, dict[str, float]]:
    """(output score, input score, components) for the lines of one processed page."""
    total = kept_chars = rule_chars = 0
    in_weighted = out_weighted = 0.0
    for ln in lines:
        if not ln.text or ln.reason in (Reason.WRAP_JOINED, Reason.TITLE):
            continue
        n = effective_length(ln.text)
        if ln.learned is not None:
            ln.content = ln.learned  # the learned layer's probability that the line is content
        if ln.reason is not None and ln.reason not in _CONTENT_REASONS:
            ln.content = 0.0  # identified as boilerplate by a rule
            rule_chars += n
        elif ln.reason is Reason.OUTSIDE_MAIN:
            # prose-like text away from the article (teasers, comments) is mostly not content
            ln.content *= OUTSIDE_FACTOR
        total += n
        in_weighted += n * ln.content
        if ln.kept:
            kept_chars += n
            out_weighted += n * ln.content
    out_score = out_weighted / kept_chars if kept_chars else 0.0
    in_score = in_weighted / total if total else 0.0
    components = {
        "kept_share": kept_chars / total if total else 0.0,
        "rule_removed_share": rule_chars / total if total else 0.0,
        "density_removed_share": (total - kept_chars - rule_chars) / total if total else 0.0,
        "kept_confidence": out_score,
        "input_confidence": in_score,
    }
    return _clamp(out_score), _clamp(in_score), {k: round(_clamp(v), 4) for k, v in components.items()}


def _clamp(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def report(input_score: float, components: dict[str, float]) -> ScoreReport:
    return ScoreReport(score=round(input_score, 4), components=components)
