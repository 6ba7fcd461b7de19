"""Writing a run's output files: all or nothing per article and language, crash-safe, one run per folder.

Every file is first written to a temporary name in its own directory (and fsynced) and renamed
into place only when all of them are ready. A previous file is moved aside first, so that when a
rename fails — or the run is interrupted (Ctrl-C, SIGTERM) — every file of the set goes back to
what it was. A process killed outright (SIGKILL, power loss) can leave temporary files and
moved-aside files behind: :func:`recover_dir` puts a moved-aside file back where its target is
missing and removes the rest, and the next run calls it before writing. The run record written
last (see :mod:`newsl10n.run`) tells a later run whether a set is complete.

Files get the permissions the user's umask gives (``0644`` under the usual ``022``), as any
other program's output would.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import InputError

TEMP_MARK = ".newsl10n-"
"""Temporary and moved-aside files are named ``.<name>.newsl10n-<random>.tmp`` / ``.old``."""


def fingerprint(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so that boundaries count."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def prepare_dir(path: Path) -> None:
    """Create the output directory and make sure files can be written in it."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".probe{TEMP_MARK}{secrets.token_hex(4)}.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InputError(
            f"the output directory is not writable: {exc.strerror or exc}", path=str(path)
        ) from exc


def recover_dir(path: Path) -> list[Path]:
    """Undo what a killed run left in ``path`` (recursively); return the files put back.

    A moved-aside ``.NAME.newsl10n-*.old`` whose ``NAME`` is missing goes back to ``NAME`` (the run
    died between the two renames of a swap); other leftovers are removed.
    """
    restored: list[Path] = []
    try:
        leftovers = sorted(p for p in path.rglob(f".*{TEMP_MARK}*") if p.is_file())
    except OSError:
        return restored
    for p in leftovers:
        name = p.name
        if name.endswith(".old"):
            original = p.with_name(name[1 : name.rindex(TEMP_MARK)])
            if not original.exists():
                with contextlib.suppress(OSError):
                    os.replace(p, original)
                    restored.append(original)
                    continue
        if name.endswith((".old", ".tmp")):
            with contextlib.suppress(OSError):
                p.unlink()
    return restored


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read the umask is to set it, then put it back
    os.umask(mask)
    return mask


def _temp_name(target: Path, suffix: str) -> Path:
    return target.with_name(f".{target.name}{TEMP_MARK}{secrets.token_hex(6)}{suffix}")


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: temporary files first, then renames (the last one last).

    Raises:
        InputError: a file could not be written; every target is as it was before.
    """
    temps: list[tuple[Path, Path]] = []
    mode = 0o666 & ~_umask()
    try:
        for target, data in files.items():
            tmp = _temp_name(target, ".tmp")
            temps.append((tmp, target))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), mode)
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        _swap_in(temps)
        _sync_dirs({t.parent for _, t in temps})
        temps.clear()
    except OSError as exc:
        raise InputError(
            f"cannot write the output: {exc.strerror or exc}", path=str(exc.filename or "")
        ) from exc
    finally:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _swap_in(temps: list[tuple[Path, Path]]) -> None:
    """Rename temporary files over their targets; if anything stops it, undo the renames done."""
    done: list[tuple[Path, Path | None]] = []  # (target, where the previous file was moved)
    try:
        for tmp, target in temps:
            backup = None
            if target.is_file():
                backup = _temp_name(target, ".old")
                os.replace(target, backup)
            try:
                os.replace(tmp, target)
            except BaseException:
                if backup is not None:
                    os.replace(backup, target)
                raise
            done.append((target, backup))
    except BaseException:  # an OSError, or Ctrl-C / SIGTERM between two renames
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


def _sync_dirs(dirs: set[Path]) -> None:
    # The renames are durable only once the directory entries are on disk.
    for d in dirs:
        with contextlib.suppress(OSError):
            fd = os.open(d, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


@contextlib.contextmanager
def locked_dir(path: Path, *, what: str = "output directory") -> Iterator[None]:
    """Hold an exclusive lock on a directory for a run; a second run into it is refused at once.

    Once the lock is held, what a killed run left behind is recovered (:func:`recover_dir`).

    Raises:
        InputError: another newsl10n process holds the lock.
    """
    lock_dir = path / ".newsl10n"
    try:
        lock_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_dir / "lock", os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
    except OSError as exc:
        raise InputError(f"cannot lock the {what}: {exc.strerror or exc}", path=str(path)) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                f"another newsl10n run is writing into this {what}; wait for it to finish "
                "or choose another -o",
                path=str(path),
            ) from None
        recover_dir(path)
        yield
    finally:
        os.close(fd)
