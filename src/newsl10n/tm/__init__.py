"""Translation memory: approved translations stored in one SQLite file, looked up exactly and fuzzily."""

from .store import (
    AddResult,
    TmEntry,
    TmMatch,
    TmStats,
    TranslationMemory,
    default_path,
    normalise,
)

__all__ = [
    "AddResult",
    "TmEntry",
    "TmMatch",
    "TmStats",
    "TranslationMemory",
    "default_path",
    "normalise",
]
