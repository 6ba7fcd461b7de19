"""newsl10n: translate and localise news articles, and hand translators aligned review files."""

from __future__ import annotations

from .errors import (
    ConfigError,
    EngineError,
    FormatError,
    InputError,
    InvariantError,
    MissingDependencyError,
    Newsl10nError,
    UnknownNameError,
)
from .model import (
    Block,
    Code,
    Document,
    Issue,
    LocalisedDocument,
    RunInfo,
    Segment,
    Slot,
    Span,
    Translation,
)
from .segment import sentence_spans, split_sentences
from .version import __version__

__all__ = [
    "Block",
    "Code",
    "ConfigError",
    "Document",
    "EngineError",
    "FormatError",
    "InputError",
    "InvariantError",
    "Issue",
    "LocalisedDocument",
    "MissingDependencyError",
    "Newsl10nError",
    "RunInfo",
    "Segment",
    "Slot",
    "Span",
    "Translation",
    "UnknownNameError",
    "__version__",
    "sentence_spans",
    "split_sentences",
]
