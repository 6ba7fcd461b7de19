"""The package version, read from the installed metadata."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsl10n")
except PackageNotFoundError:  # a source checkout that is not installed
    __version__ = "0.0.0+source"
