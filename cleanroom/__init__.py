"""cleanroom: clean web-page text dumps for machine-learning corpora, explaining every removal.

>>> from cleanroom import clean
>>> result = clean(open("page.txt").read())
>>> result.text, result.score, result.decisions
"""

from __future__ import annotations

from .config import Config, preset, preset_names
from .errors import CleanroomError, ConfigError, DocumentError, InputError
from .frontend import replay
from .model import CleanResult, Decision, ScoreReport
from .pipeline import Cleaner, clean, clean_html, score
from .reasons import Reason

__version__ = "0.1.0"

__all__ = [
    "CleanResult",
    "Cleaner",
    "CleanroomError",
    "Config",
    "ConfigError",
    "Decision",
    "DocumentError",
    "InputError",
    "Reason",
    "ScoreReport",
    "clean",
    "clean_html",
    "preset",
    "preset_names",
    "replay",
    "score",
]
