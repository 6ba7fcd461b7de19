"""Loading and saving glossaries in any supported format, chosen by file name or content."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError
from ..inputs import read_input
from .model import Glossary
from .tabular import read_table, write_table
from .tbx import read_tbx, write_tbx
from .yamlfmt import read_yaml, write_yaml

FORMATS = ("tbx", "tbx2008", "csv", "tsv", "yaml")
_BY_SUFFIX = {
    ".tbx": "tbx",
    ".xml": "tbx",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def format_of(path: str | Path) -> str:
    """The glossary format for a file name; ConfigError for an unknown extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in _BY_SUFFIX:
        raise ConfigError(
            f"cannot tell the glossary format of {str(path)!r} from its extension "
            f"(known: {', '.join(sorted(_BY_SUFFIX))})"
        )
    return _BY_SUFFIX[suffix]


def read_glossary(data: bytes, *, path: str, fmt: str | None = None) -> Glossary:
    """Parse glossary bytes; ``fmt`` defaults to the format of ``path``."""
    fmt = fmt or format_of(path)
    if fmt in ("tbx", "tbx2008"):
        return read_tbx(data, path=path)
    if fmt in ("csv", "tsv"):
        return read_table(data, path=path, delimiter="," if fmt == "csv" else "\t")
    if fmt == "yaml":
        return read_yaml(data, path=path)
    raise ConfigError(f"unknown glossary format {fmt!r} (known: {', '.join(FORMATS)})")


def load_glossary(path: str | Path, fmt: str | None = None) -> Glossary:
    """Read a glossary file; InputError names the file when it cannot be read."""
    return read_glossary(read_input(path, what="glossary file"), path=str(path), fmt=fmt)


def dump_glossary(glossary: Glossary, fmt: str) -> bytes:
    """Serialise a glossary: tbx (TBX v3 DCA), tbx2008 (martif), csv, tsv or yaml."""
    if fmt == "tbx":
        return write_tbx(glossary, style="dca")
    if fmt == "tbx2008":
        return write_tbx(glossary, style="martif")
    if fmt in ("csv", "tsv"):
        return write_table(glossary, delimiter="," if fmt == "csv" else "\t")
    if fmt == "yaml":
        return write_yaml(glossary)
    raise ConfigError(f"unknown glossary format {fmt!r} (known: {', '.join(FORMATS)})")


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> bytes:
    """The bytes of ``glossary`` in the format of ``path`` (or ``fmt``); the caller writes them."""
    return dump_glossary(glossary, fmt or format_of(path))
