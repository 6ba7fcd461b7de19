"""Reading input files, with errors that name the file and say what is wrong.

Size limits live here, in one place, checked before a byte is read. An article is read whole
and its structure built in memory (about 30 times its size for HTML), so articles have a limit
of their own, :data:`DEFAULT_ARTICLE_MB` (``NEWSL10N_MAX_ARTICLE_MB``); every other input
(bilingual files, which are streamed, glossaries, manifests) has :data:`DEFAULT_INPUT_MB`
(``NEWSL10N_MAX_INPUT_MB``). A file over its limit is refused with a message naming the limit
and the variable that raises it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ConfigError, InputError

DEFAULT_ARTICLE_MB = 20
"""The largest article read by default, in MiB (a long news article is well under 1 MiB)."""
DEFAULT_INPUT_MB = 1024
"""The largest bilingual file, glossary or other input read by default, in MiB."""
ARTICLE_LIMIT_VAR = "NEWSL10N_MAX_ARTICLE_MB"
INPUT_LIMIT_VAR = "NEWSL10N_MAX_INPUT_MB"
_MIB = 1024 * 1024


def size_limit(what: str) -> tuple[float, str]:
    """The size limit in MiB for a kind of input file, and the environment variable that sets it.

    Raises:
        ConfigError: the variable is set to something other than a positive number.
    """
    var, default = (
        (ARTICLE_LIMIT_VAR, DEFAULT_ARTICLE_MB)
        if what == "article file"
        else (INPUT_LIMIT_VAR, DEFAULT_INPUT_MB)
    )
    raw = os.environ.get(var, "").strip()
    if not raw:
        return float(default), var
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0 or value != value or value == float("inf"):
        raise ConfigError(f"{var}={raw!r} is not a size in MiB: set it to a positive number such as 100")
    return value, var


def read_input(path: str | Path, *, what: str = "file") -> bytes:
    """The bytes of a file; InputError for a missing file, a directory, an unreadable file or one
    over its size limit (:func:`size_limit`).

    ``what`` names the kind of file in messages ("article file", "glossary", "SRX file").
    """
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if Path(path).is_file():
            check_size(size, what=what, path=name)
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such {what}", path=name) from None
    except IsADirectoryError:
        article = "an" if what[:1] in "aeiou" else "a"
        raise InputError(f"is a directory, not {article} {what}", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror}", path=name) from exc


def check_size(size: int, *, what: str, path: str) -> None:
    """InputError when ``size`` bytes is over the limit for ``what`` (ConfigError for a bad limit)."""
    limit, var = size_limit(what)
    if size > limit * _MIB:
        article = "an" if what[:1] in "aeiou" else "a"
        raise InputError(
            f"the {what} is {size / _MIB:.1f} MiB, over the limit of {limit:g} MiB for {article} {what}; "
            f"set {var} to a larger number of MiB to read it anyway",
            path=path,
        )
