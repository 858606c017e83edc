from __future__ import annotations

import sys
from pathlib import Path

# test modules import helpers.py from this folder
sys.path.insert(0, str(Path(__file__).resolve().parent))
