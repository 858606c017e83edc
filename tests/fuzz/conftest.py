# The atheris harnesses are scripts, not test modules (tests/test_fuzz_seeds.py imports them).
collect_ignore_glob = ["fuzz_*.py"]
