"""benchmarks/title_accuracy.py: how a title is judged against the page's HTML <title>."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("title_accuracy", ROOT / "benchmarks/title_accuracy.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_headline_inside_the_html_title_is_right() -> None:
    judge = _module().judge
    reference = "New SUVs and electric vehicles highlight L.A. Auto Show - Connecticut Post"
    assert judge("New SUVs and electric vehicles highlight L.A. Auto Show", reference) == "right"
    assert judge("Tom Krisher, AP Auto Writer", reference) == "wrong"
    assert judge(None, reference) == "none"
    assert judge("", reference) == "none"


def test_the_html_title_is_read_unescaped_and_on_one_line(tmp_path: Path) -> None:
    page = tmp_path / "p.html.gz"
    with gzip.open(page, "wb") as fh:
        fh.write(b"<html><head><TITLE>\n  Salt &amp; Pepper\n | Site</TITLE></head><body>x</body></html>")
    assert _module().html_title(page) == "Salt & Pepper | Site"
    bare = tmp_path / "q.html.gz"
    with gzip.open(bare, "wb") as fh:
        fh.write(b"<html><body>no title here</body></html>")
    assert _module().html_title(bare) is None
