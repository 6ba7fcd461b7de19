"""Exception hierarchy: every error newsl10n raises is a Newsl10nError with a sentence a user can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class Newsl10nError(Exception):
    """Base class; ``str(e)`` is a complete sentence a journalist can act on."""


class InputError(Newsl10nError):
    """Input that cannot be used: a missing file, a bad encoding, an empty article."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class FormatError(InputError):
    """A reader or writer cannot parse or serialise its data."""


class ConfigError(Newsl10nError):
    """A bad option, option combination or configuration value."""


class UnknownNameError(Newsl10nError, LookupError):
    """An unknown engine, format or language name; suggests a close match."""

    def __init__(self, kind: str, name: str, available: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.available = sorted(available)
        close = difflib.get_close_matches(name, self.available, n=1)
        self.suggestion = close[0] if close else None
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        listing = ", ".join(self.available) if self.available else "none"
        super().__init__(f"unknown {kind} {name!r}{hint} (available: {listing})")


class GlossaryError(InputError):
    """A glossary with bad entries; ``problems`` lists every one ("file:line: what is wrong")."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(self.problems[0] + more if self.problems else "the glossary is not valid")


class EngineError(Newsl10nError):
    """A translation engine failed to load or to translate."""


class MissingDependencyError(EngineError):
    """An optional dependency an engine needs is not installed."""


class InvariantError(Newsl10nError):
    """Offsets or alignment are broken: a bug in newsl10n."""

    def __init__(self, message: str) -> None:
        super().__init__(
            f"internal error: {message}. This is a bug in newsl10n; please report it "
            "with the input that triggered it."
        )
