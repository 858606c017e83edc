#!/usr/bin/env python3
"""atheris harness: cleanroom.clean and cleanroom.score on arbitrary text and bytes.

    python tests/fuzz/fuzz_clean.py -atheris_runs=100000 tests/fuzz/corpus/clean

Any exception, or an output that does not encode as UTF-8 or a score outside [0, 1], is a
crash. pytest does not collect this file (tests/fuzz/conftest.py); tests/test_fuzz_seeds.py
runs ``test_one_input`` over the seed corpus in the quick suite.
"""

from __future__ import annotations

import sys

import cleanroom

CLEANER = cleanroom.Cleaner()


def check(r: cleanroom.CleanResult) -> None:
    r.text.encode("utf-8")
    if r.title is not None:
        r.title.encode("utf-8")
    if not (0.0 <= r.score <= 1.0 and 0.0 <= r.input_score <= 1.0):
        raise AssertionError(f"score out of range: {r.score} {r.input_score}")


def test_one_input(data: bytes) -> None:
    check(CLEANER.clean(data))  # the bytes path: BOM / UTF-8 / cp1252
    # the str path, lone surrogates included: UTF-16 with surrogatepass keeps every code unit
    text = data.decode("utf-16-le", "surrogatepass") if len(data) % 2 == 0 else data.decode("latin-1")
    check(CLEANER.clean(text))
    if not 0.0 <= cleanroom.score(text).score <= 1.0:
        raise AssertionError("score out of range")


def main() -> None:
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
