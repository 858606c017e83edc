"""The start-up cache folder: files derived from installed data (langdetect's profiles, the
phrase lexicons) so that later processes skip rebuilding them.

Nothing here is downloaded, and nothing is required: a file that cannot be written or read
only costs the slow path, which computes the same result. Writers use a temporary file and
a rename, so parallel processes never see half a file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def cache_dir() -> Path:
    """``$CLEANROOM_CACHE_DIR``, else ``$XDG_CACHE_HOME/cleanroom``, else ``~/.cache/cleanroom``."""
    env = os.environ.get("CLEANROOM_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleanroom"


def read(name: str) -> bytes | None:
    """The cached file's bytes, or None when it is missing or unreadable."""
    try:
        return (cache_dir() / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Store ``data`` under ``name`` atomically; a folder that cannot be written is ignored."""
    path = cache_dir() / name
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
