"""Reading input files, with errors that name the file and say what is wrong."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def read_input(path: str | Path, *, what: str = "file") -> bytes:
    """The bytes of a file; InputError for a missing file, a directory or an unreadable file.

    ``what`` names the kind of file in messages ("article file", "glossary", "SRX file").
    """
    name = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such {what}", path=name) from None
    except IsADirectoryError:
        article = "an" if what[:1] in "aeiou" else "a"
        raise InputError(f"is a directory, not {article} {what}", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror}", path=name) from exc
