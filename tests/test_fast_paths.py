"""Faster rewrites of pure functions give the same answers as the plain versions they replace.

The speed work keeps every output byte (benchmarks/identity_check.py checks that on the dev
sets); these tests pin each rewrite against its reference on random strings drawn from the
characters the rewrite treats specially, so a later edit to one side cannot drift unnoticed.
"""

from __future__ import annotations

import random
import re

from cleanroom.layers import normalize

# the patterns as they were written before they were reordered for speed
_MOJIBAKE_REF = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2\u00ef][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|[\u0080-\u009f]|\u00ef\u00bf\u00bd"
)
_MARKDOWN_HINT_REF = re.compile(r"\*\*|(?<!\w)[*_](?=\w)|\\[.\-+*_#!\[\]()`>]")
_SENTENCE_MARK_REF = re.compile(r"[.!?。！？](?:\s|$)|[。！？]")


def _strings(alphabet: str, n: int = 20_000, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(n)]


def test_mojibake_pattern_matches_where_the_reference_does() -> None:
    alphabet = (
        "aZ \u00c2\u00c3\u00c5\u00e2\u00ef\u0080\u009f\u00a0\u00bf\u00bd\u2019\u2018\u203a\u0152\u02dc\u00e9"
    )
    for s in _strings(alphabet):
        assert bool(normalize._MOJIBAKE.search(s)) == bool(_MOJIBAKE_REF.search(s)), s


def test_markdown_hint_matches_where_the_reference_does() -> None:
    alphabet = "a_*\\ .-+#!()[]`>1é\u00a0"
    for s in _strings(alphabet):
        assert bool(normalize._MARKDOWN_HINT.search(s)) == bool(_MARKDOWN_HINT_REF.search(s)), s


def test_sentence_marks_count_as_the_reference() -> None:
    from cleanroom.features import sentence_marks

    for s in _strings("a .!?。！？\n\u3000\u00a0x", 20_000, seed=3):
        assert sentence_marks(s) == len(_SENTENCE_MARK_REF.findall(s)), s


def test_language_detector_overrides_match_langdetect() -> None:
    from langdetect.detector import Detector

    from cleanroom import langid

    det = langid._detector(langid._factory())
    ref = Detector(langid._factory())
    rng = random.Random(2)
    alphabet = "abcXYZ \u00e9\u0300\u0410\u0431\u4e2d\u6587\u1e00\u1eff\u2019{|}[\\]^_`@0"
    for s in _strings(alphabet, 5_000):
        det.text = ref.text = s
        det.cleaning_text()
        Detector.cleaning_text(ref)
        assert det.text == ref.text, s
    words = list(langid._factory().word_lang_prob_map._index)[:2000]
    n = len(langid._factory().langlist)
    for word in words:
        prob = [rng.random() for _ in range(n)]
        alpha = 0.5 + rng.gauss(0.0, 1.0) * 0.05
        a, b = list(prob), list(prob)
        assert det._update_lang_prob(a, word, alpha) == Detector._update_lang_prob(ref, b, word, alpha)
        assert a == b
        assert (det._normalize_prob(a) > 0.99999) == (Detector._normalize_prob(ref, b) > 0.99999)
        assert a == b


def test_paged_langdetect_table_detects_as_the_full_one() -> None:
    from cleanroom import langid

    samples = [
        "The committee will meet again next week to discuss the proposal in detail.",
        "Die Regierung hat am Mittwoch einen neuen Gesetzentwurf vorgelegt, über den nun beraten wird.",
        "Правительство представило новый законопроект, который будет обсуждаться на следующей неделе.",
        "政府周三提出了一项新的法案，下周将进行讨论。",
        "قدمت الحكومة مشروع قانون جديد سيتم مناقشته الأسبوع المقبل",
        "Chính phủ đã trình một dự luật mới sẽ được thảo luận vào tuần tới.",
        "Mixed: Москва and Berlin, 東京 and Παρίσι — ελληνικά",
    ]
    saved = langid._FACTORY
    try:
        langid._FACTORY = None
        langid._WORD_MEMO.clear()
        paged = [langid.detect(s) for s in reversed(samples)][::-1]
        langs, words, flat = langid._build()
        full = langid._ProbMap({w: i for i, w in enumerate(words)}, flat, len(langs))
        langid._FACTORY = langid._Factory(full, langs)
        langid._WORD_MEMO.clear()
        assert [langid.detect(s) for s in samples] == paged
    finally:
        langid._FACTORY = saved
        langid._WORD_MEMO.clear()
