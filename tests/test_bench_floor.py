"""Quality gate: cleanroom must stay above pinned F1 floors on the shared dev benchmarks.

Floors live in tests/data/bench_floors.json (raise them as cleanroom improves). To stay fast this
runs two renderers' dumps of the AEB set (w3m, html_text) and the w3m dumps of the multilingual
set, in-process over two worker processes, scored by the shared scorer (../shared/bench/score.py).

Two pipelines are gated: the shipped one ("shipped") and the rules alone, the learned layer off
("rules"). The shipped model was trained on these pages, so its figures are in-sample: they
show the model still loads and fits, not how well it does elsewhere (that is the
cross-validated figure of docs/learned.md), and a better model can fit its training pages less
tightly. The rules' figures involve no fitted weights and guard the layers themselves.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest
from helpers import BENCH, DATA

from cleanroom import Config, preset
from cleanroom.io.records import Record
from cleanroom.io.runner import clean_records

pytestmark = pytest.mark.skipif(not (BENCH / "score.py").is_file(), reason=f"no benchmark at {BENCH}")

FLOORS = json.loads((DATA / "bench_floors.json").read_text(encoding="utf-8"))
AEB_RENDERERS = ("w3m", "html_text")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cleanroom_bench_score", BENCH / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.QUIET = True
    return mod


PIPELINES = {
    "shipped": preset("balanced"),
    "rules": preset("balanced").replace(disabled=frozenset({"learned"})),
}


def _f1(score: ModuleType, mode: str, gold_path: str, dump_path: str, config: Config) -> float:
    dumps = score.load_jsonl(dump_path)
    records = [Record(dump_path, i, rec.get("text") or "") for i, rec in enumerate(dumps.values(), 1)]
    pred = {
        key: {"id": key, "text": result.text if result else ""}
        for key, (_, result) in zip(dumps, clean_records(records, config, jobs=2))
    }
    gold = score.load_jsonl(gold_path)
    return float(score.evaluate(mode, gold, pred, n_boot=0)["f1"])


@pytest.mark.parametrize("pipeline", sorted(PIPELINES))
def test_aeb_floor(pipeline: str) -> None:
    score = _scorer()
    f1 = {
        r: _f1(
            score,
            "shingles",
            str(BENCH / "aeb" / "pages.jsonl"),
            str(BENCH / "aeb" / "dumps" / f"{r}.jsonl"),
            PIPELINES[pipeline],
        )
        for r in AEB_RENDERERS
    }
    mean = sum(f1.values()) / len(f1)
    floor = FLOORS[pipeline]["aeb"]
    assert mean >= floor["mean_f1"], f"{pipeline}: AEB mean F1 {mean:.3f} < floor {floor['mean_f1']} ({f1})"
    if "min_f1" in floor:
        assert min(f1.values()) >= floor["min_f1"], (
            f"{pipeline}: AEB F1 per renderer {f1} below {floor['min_f1']}"
        )


@pytest.mark.parametrize("pipeline", sorted(PIPELINES))
def test_multi_floor(pipeline: str) -> None:
    score = _scorer()
    f1 = _f1(
        score,
        "snippets",
        str(BENCH / "multi" / "gold.jsonl"),
        str(BENCH / "multi" / "dumps" / "w3m.jsonl"),
        PIPELINES[pipeline],
    )
    floor = FLOORS[pipeline]["multi"]["mean_f1"]
    assert f1 >= floor, f"{pipeline}: multi (w3m) F1 {f1:.3f} < floor {floor}"
