"""Writing a run's output files: all-or-nothing per article and language, and resumable.

Every file is first written to a temporary name in the output directory and renamed into place
only when all of them are ready, so an error (or Ctrl-C) never leaves a partial set behind. The
XLIFF file records a fingerprint of the input and options; a later run with the same fingerprint
skips the work (``--force`` redoes it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import InputError

_FINGERPRINT_RE = re.compile(rb'<note id="fingerprint"[^>]*>([0-9a-f]{64})</note>')


def fingerprint(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so that boundaries count."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def recorded_fingerprint(xliff_path: Path) -> str | None:
    """The fingerprint a previous run recorded in its XLIFF file, if any."""
    try:
        head = xliff_path.read_bytes()[:4096]
    except OSError:
        return None
    m = _FINGERPRINT_RE.search(head)
    return m.group(1).decode() if m else None


def prepare_dir(path: Path) -> None:
    """Create the output directory and make sure files can be written in it."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".newsl10n-probe-"):
            pass
    except OSError as exc:
        raise InputError(
            f"the output directory is not writable: {exc.strerror or exc}", path=str(path)
        ) from exc


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: temporary files first, then renames."""
    temps: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        _swap_in(temps)
        temps.clear()
    except OSError as exc:
        raise InputError(
            f"cannot write the output: {exc.strerror or exc}", path=str(exc.filename or "")
        ) from exc
    finally:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _swap_in(temps: list[tuple[str, Path]]) -> None:
    """Rename temporary files over their targets; if one rename fails, undo the others."""
    done: list[tuple[Path, str | None]] = []  # (target, backup of the previous file)
    try:
        for tmp, target in temps:
            backup = None
            if target.is_file():
                backup = f"{tmp}.old"
                os.replace(target, backup)
            try:
                os.replace(tmp, target)
            except OSError:
                if backup is not None:
                    os.replace(backup, target)
                raise
            done.append((target, backup))
    except OSError:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    os.unlink(target)
        raise
    for _, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)


def all_exist(paths: Iterable[Path]) -> bool:
    """True when every path is an existing file."""
    return all(p.is_file() for p in paths)
