"""Lazy, entry-point based registry of engines and article formats; built-ins register like plugins."""

from __future__ import annotations

import functools
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from .errors import UnknownNameError

GROUPS = {"engine": "newsl10n.engines", "format": "newsl10n.readers"}

# Built-ins, so that a source checkout that is not pip-installed still works; entry points
# declared by installed packages (newsl10n itself included) add to and override these.
_BUILTINS: dict[str, dict[str, str]] = {
    "engine": {
        "bergamot": "newsl10n.mt.bergamot:BergamotEngine",
        "transformers": "newsl10n.mt.hf:TransformersEngine",
        "identity": "newsl10n.mt.identity:IdentityEngine",
    },
    "format": {
        "text": "newsl10n.formats.text:TextArticleFormat",
        "markdown": "newsl10n.formats.markdown:MarkdownArticleFormat",
        "html": "newsl10n.formats.html:HtmlArticleFormat",
    },
}


def names(kind: str) -> dict[str, str]:
    """Every registered name of this kind, mapped to its ``module:attr`` target."""
    return dict(_registered(kind))


@functools.cache
def _registered(kind: str) -> tuple[tuple[str, str], ...]:
    # Reading entry-point metadata scans every installed distribution; it does not change while
    # the process runs, so once is enough.
    found = dict(_BUILTINS[kind])
    for ep in entry_points(group=GROUPS[kind]):
        found[ep.name] = ep.value
    return tuple(found.items())


def load(kind: str, name: str) -> Any:
    """Import and return the object registered under ``name``; UnknownNameError when there is none."""
    available = names(kind)
    if name not in available:
        raise UnknownNameError(kind, name, available)
    module_name, _, attr = available[name].partition(":")
    return getattr(import_module(module_name), attr)
