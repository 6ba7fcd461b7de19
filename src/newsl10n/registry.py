"""One lazy registry for every pluggable kind, read from entry points only; built-ins register like plugins.

newsl10n's own engines, readers, writers, checks and report formats are entry points in its
``pyproject.toml``, exactly as a third-party package declares its own; there is no second list.
Names resolve lazily, so ``import newsl10n`` never imports torch.

=============  ===========================  ==============================================
kind           entry-point group            what the target is
=============  ===========================  ==============================================
engine         ``newsl10n.engines``         an :class:`~newsl10n.mt.base.Engine` subclass
reader         ``newsl10n.readers``         an article format (text, Markdown, HTML)
writer         ``newsl10n.writers``         a review/bilingual output (xlf, html, jsonl…)
bilingual      ``newsl10n.bilingual``       a bilingual-file reader, for check and import
glossary       ``newsl10n.glossaries``      a glossary format (TBX, CSV, TSV, YAML…)
report         ``newsl10n.reports``         a function ``(CheckReport) -> str``
check          ``newsl10n.checks``          a function ``(segment, translation, context)``
=============  ===========================  ==============================================
"""

from __future__ import annotations

import functools
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from .errors import ConfigError, UnknownNameError

GROUPS = {
    "engine": "newsl10n.engines",
    "reader": "newsl10n.readers",
    "writer": "newsl10n.writers",
    "bilingual": "newsl10n.bilingual",
    "glossary": "newsl10n.glossaries",
    "report": "newsl10n.reports",
    "check": "newsl10n.checks",
}

LABELS = {
    "engine": "engine",
    "reader": "format",
    "writer": "output kind",
    "bilingual": "bilingual format",
    "glossary": "glossary format",
    "report": "report format",
    "check": "check",
}
"""How messages name each kind ("unknown format 'pdf'")."""


def names(kind: str) -> dict[str, str]:
    """Every registered name of this kind, mapped to its ``module:attr`` target, in name order."""
    return dict(_registered(kind))


@functools.cache
def _registered(kind: str) -> tuple[tuple[str, str], ...]:
    # Reading entry-point metadata scans every installed distribution; it does not change while
    # the process runs, so once is enough.
    if kind not in GROUPS:
        raise ConfigError(f"unknown plugin kind {kind!r} (known: {', '.join(GROUPS)})")
    found = {ep.name: ep.value for ep in entry_points(group=GROUPS[kind])}
    if not found and kind in ("engine", "reader", "writer"):
        raise ConfigError(
            f"no {LABELS[kind]}s are registered: newsl10n is not installed "
            "(run `python -m pip install -e .` in the source checkout)"
        )
    return tuple(sorted(found.items()))


def load(kind: str, name: str) -> Any:
    """Import and return the object registered under ``name``; UnknownNameError when there is none."""
    available = names(kind)
    if name not in available:
        raise UnknownNameError(LABELS[kind], name, available)
    module_name, _, attr = available[name].partition(":")
    obj: Any = import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def load_all(kind: str) -> dict[str, Any]:
    """Every object of a kind, by name (imports each target)."""
    return {name: load(kind, name) for name in names(kind)}


def refresh() -> None:
    """Forget what was read from the entry points (after installing a plugin in a running process)."""
    _registered.cache_clear()
