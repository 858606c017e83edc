"""A small error hierarchy.

Bad configuration and bad arguments raise; a bad *document* never raises out of a run, it
becomes a recorded rejection (see ``cleanroom.io``).
"""

from __future__ import annotations


class CleanroomError(Exception):
    """Base class of every error cleanroom raises on purpose."""


class ConfigError(CleanroomError, ValueError):
    """An invalid configuration value, preset name or layer id."""


class InputError(CleanroomError):
    """An input that cannot be read at all (named with its location)."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)
