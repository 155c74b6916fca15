"""Data errors, and the one place that turns them into a build error for the engine in use."""

from __future__ import annotations


class DataError(ValueError):
    """A data file that cannot be trusted: names the file, the entry, the field and the problem."""

    def __init__(self, file: str, entry: str, field: str, problem: str) -> None:
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.file}: entry {self.entry}, field {self.field}: {self.problem}"


class PageError(ValueError):
    """A page that calls a macro or variable that does not exist, or has broken macro syntax."""


def as_build_error(error: ValueError) -> Exception:
    """Return an exception the running engine reports as one line, without a traceback.

    MkDocs prints a PluginError's message and aborts; elsewhere (another engine, plain Python)
    the error itself is raised and its message is still the one line.
    """
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # not running under MkDocs
        return error
    return PluginError(str(error))
