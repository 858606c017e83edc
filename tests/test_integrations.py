"""The engines, for real: dask (LocalCluster of 2 worker processes), datatrove's
LocalPipelineExecutor, and Hugging Face datasets' map with num_proc=2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from io_helpers import corpus, read_jsonl_any, run, write_jsonl

from cleanroom import Cleaner, preset


def _expected(recs: list[dict]) -> list[str]:
    c = Cleaner(preset("balanced"))
    return [c.clean(r["text"]).text for r in recs]


@pytest.fixture(scope="module")
def dask_client():  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_bag_and_dataframe(dask_client) -> None:  # type: ignore[no-untyped-def]
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from cleanroom.integrations.dask import clean_bag, clean_dataframe, count_sites_bag

    recs = corpus(2, 5)  # 5 pages per site: the default site_min_docs
    recs.append({"id": "null", "text": None})
    bag = db.from_sequence(recs, npartitions=3)
    out = clean_bag(bag, "balanced").compute()
    assert [o["text"] for o in out[:-1]] == _expected(recs[:-1])
    assert out[0]["cleanroom"]["decisions"] and out[0]["url"] == recs[0]["url"]
    assert out[-1]["cleanroom"]["rejected"] == "text_null"

    stats = count_sites_bag(bag)
    assert stats.documents == len(recs) - 1 and stats.repeated
    site = clean_bag(bag, "balanced", site_stats=stats).compute()
    assert any(d["reason"] == "site_repeat" for o in site[:-1] for d in o["cleanroom"]["decisions"])

    ddf = dd.from_pandas(pd.DataFrame(recs[:-1]), npartitions=2)
    df = clean_dataframe(ddf, "balanced").compute()
    assert list(df["text"]) == _expected(recs[:-1])
    assert all(0 <= s <= 1 for s in df["cleanroom_score"])
    assert json.loads(df["cleanroom"].iloc[0])["decisions"]


def test_cli_engine_dask_matches_the_local_engine(tmp_path: Path, dask_client) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    src.mkdir()
    recs = corpus(2, 6)
    for i in range(3):
        write_jsonl(src / f"f{i}.jsonl", recs[i * 4 : (i + 1) * 4])
    local = tmp_path / "local.jsonl"
    assert run("clean", "-q", "--corpus-mode", "-o", str(local), str(src)).exit_code == 0
    report = tmp_path / "r.json"
    addr = dask_client.scheduler.address
    r = run("clean", "-q", "--engine", "dask", "--scheduler", addr, "--corpus-mode", "--report", str(report), "-o", f"{tmp_path}/out/", str(src))  # fmt: skip
    assert r.exit_code == 0, r.stderr
    parts = sorted((tmp_path / "out").glob("part-*.jsonl.gz"))
    assert len(parts) == 3
    got = [o for p in parts for o in read_jsonl_any(p)]
    assert got == read_jsonl_any(local)
    rep = json.loads(report.read_text())
    assert (
        rep["engine"] == "dask"
        and rep["documents_out"] == len(recs)
        and rep["site_pass"]["repeated_lines"] > 0
    )


def test_cli_engine_dask_starts_a_local_cluster(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", corpus(1, 2))
    r = run("clean", "--engine", "dask", "-j", "2", "-o", f"{tmp_path}/out/", str(src))
    assert r.exit_code == 0, r.stderr
    assert [o["id"] for o in read_jsonl_any(tmp_path / "out" / "part-00000.jsonl.gz")] == [
        x["id"] for x in corpus(1, 2)
    ]


def test_datatrove_step_with_local_executor(tmp_path: Path) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleanroom.integrations.datatrove import CleanroomStep

    recs = corpus(2, 3)
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "data.jsonl", recs)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            CleanroomStep("balanced", min_score=0.0),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    (out_file,) = (tmp_path / "out").glob("*.jsonl")
    out = [json.loads(x) for x in out_file.read_text().splitlines()]
    assert [o["text"] for o in out] == _expected(recs)
    meta = out[0]["metadata"]
    assert meta["url"] == recs[0]["url"] and meta["cleanroom"]["decisions"]
    assert 0 <= meta["cleanroom"]["score"] <= 1


def test_hf_datasets_map_num_proc_2_is_deterministic() -> None:
    from datasets import Dataset
    from datasets.fingerprint import Hasher

    from cleanroom.integrations.hf import CleanroomMap

    recs = corpus(2, 4)
    ds = Dataset.from_list(
        [{"id": r["id"], "url": r["url"], "text": r["text"]} for r in recs]
        + [{"id": "n", "url": None, "text": None}]
    )
    fn = CleanroomMap("balanced")
    assert Hasher.hash(fn) == Hasher.hash(CleanroomMap("balanced"))  # cacheable
    two = ds.map(fn, batched=True, batch_size=3, num_proc=2)
    one = ds.map(CleanroomMap("balanced"), batched=True, batch_size=5)
    assert two.to_list() == one.to_list()
    assert two["text"][:-1] == _expected(recs)
    assert json.loads(two["cleanroom"][0])["decisions"] and two["cleanroom_score"][0] > 0
    assert two["cleanroom_score"][-1] is None and json.loads(two["cleanroom"][-1])["rejected"] == "text_null"
