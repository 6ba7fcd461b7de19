"""Reading input files, with errors that name the file and say what is wrong.

Size limits live here, in one place, checked before a byte is read (:func:`size_limit`). An
article is read whole and its structure built in memory (about 8 times its size), and a glossary
becomes term objects and a term index (about 30 times the size of a CSV file), so each has a
limit of its own; every other input (bilingual files, which are streamed, manifests, SRX files)
has a general one. Each limit is in MiB and is raised by an environment variable:

=============  ============================  =======
input          variable                      default
=============  ============================  =======
article file   ``NEWSL10N_MAX_ARTICLE_MB``   20
glossary file  ``NEWSL10N_MAX_GLOSSARY_MB``  64
anything else  ``NEWSL10N_MAX_INPUT_MB``     512
=============  ============================  =======

A file over its limit is refused with a message naming the limit and the variable.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from .errors import ConfigError, InputError

DEFAULT_ARTICLE_MB = 20
"""The largest article read by default, in MiB (a long news article is well under 1 MiB)."""
DEFAULT_GLOSSARY_MB = 64
"""The largest glossary read by default, in MiB (a CSV of about 1.5 million terms)."""
DEFAULT_INPUT_MB = 512
"""The largest bilingual file or other input read by default, in MiB."""
ARTICLE_LIMIT_VAR = "NEWSL10N_MAX_ARTICLE_MB"
GLOSSARY_LIMIT_VAR = "NEWSL10N_MAX_GLOSSARY_MB"
INPUT_LIMIT_VAR = "NEWSL10N_MAX_INPUT_MB"
_LIMITS = {
    "article file": (ARTICLE_LIMIT_VAR, DEFAULT_ARTICLE_MB),
    "glossary file": (GLOSSARY_LIMIT_VAR, DEFAULT_GLOSSARY_MB),
}
_MIB = 1024 * 1024


def size_limit(what: str) -> tuple[float, str]:
    """The size limit in MiB for a kind of input file (``what``, as :func:`read_input` takes it),
    and the environment variable that sets it.

    Raises:
        ConfigError: the variable is set to something other than a positive number.
    """
    var, default = _LIMITS.get(what, (INPUT_LIMIT_VAR, DEFAULT_INPUT_MB))
    raw = os.environ.get(var, "").strip()
    if not raw:
        return float(default), var
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (value > 0 and math.isfinite(value)):
        raise ConfigError(f"{var}={raw!r} is not a size in MiB: set it to a positive number such as 100")
    return value, var


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


def read_input(path: str | Path, *, what: str = "file") -> bytes:
    """The bytes of a file; InputError for a missing file, a directory, an unreadable file or one
    over its size limit (:func:`size_limit`, checked before reading).

    ``what`` names the kind of file in messages ("article file", "glossary file", "SRX file").
    """
    name = str(path)
    try:
        stat = Path(path).stat()
        if Path(path).is_file():
            check_size(stat.st_size, what=what, path=name)
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such {what}", path=name) from None
    except IsADirectoryError:
        article = "an" if what[:1] in "aeiou" else "a"
        raise InputError(f"is a directory, not {article} {what}", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror}", path=name) from exc
