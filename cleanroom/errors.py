"""A small error hierarchy.

Bad configuration and bad arguments raise; a bad *document* never raises out of a run, it
becomes a recorded rejection (see ``cleanroom.io``).

No input makes the cleaning itself raise (see docs/reliability.md: property tests, fuzzing,
a corpus of hostile inputs). Should a layer still fail on some document, that is a bug, and
:class:`DocumentError` carries it out of :meth:`cleanroom.Cleaner.clean` with the stage that
failed and the original exception as ``__cause__``, so a runner that catches
:class:`CleanroomError` per document can count it as a rejection (reason ``DocumentError.reason``)
instead of losing the run or the record.
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


class DocumentError(CleanroomError):
    """Cleaning one document failed inside the library (a bug, never an expected outcome).

    ``stage`` is the layer id, or "frontend" / "html" for the front ends; the original
    exception is chained as ``__cause__``. Runners record the document as rejected with
    reason :attr:`reason` and go on.
    """

    reason = "internal_error"

    def __init__(self, stage: str, error: BaseException | str) -> None:
        self.stage = stage
        detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.detail = detail
        super().__init__(f"{stage}: {detail}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # picklable across worker processes (the default would call __init__ with one argument)
        return (DocumentError, (self.stage, self.detail))
