#!/usr/bin/env python3
"""atheris harness: Cleaner.clean_html on arbitrary bytes and text, with both parsers.

    python tests/fuzz/fuzz_html.py -atheris_runs=100000 tests/fuzz/corpus/html

Any exception, or an output that does not encode as UTF-8, is a crash. Not collected by pytest;
tests/test_fuzz_seeds.py runs ``test_one_input`` over the seed corpus.
"""

from __future__ import annotations

import sys

import cleanroom
from cleanroom.html.tree import lxml_available

CLEANER = cleanroom.Cleaner()
PARSERS = ["html.parser"] + (["lxml"] if lxml_available() else [])


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "surrogateescape")  # undecodable bytes become lone surrogates
    for parser in PARSERS:
        for page in (data, text):
            r = CLEANER.clean_html(page, parser=parser)
            r.text.encode("utf-8")
            if r.title is not None:
                r.title.encode("utf-8")
            if not 0.0 <= r.score <= 1.0:
                raise AssertionError(f"score out of range: {r.score}")


def main() -> None:
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
