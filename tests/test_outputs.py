"""All-or-nothing output writing and the resume fingerprint."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from newsl10n.errors import InputError
from newsl10n.outputs import TEMP_MARK, fingerprint, locked_dir, recover_dir, write_all


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    write_all({tmp_path / "a.txt": b"A", tmp_path / "b.txt": b"B"})
    assert (tmp_path / "a.txt").read_bytes() == b"A" and (tmp_path / "b.txt").read_bytes() == b"B"


def test_write_all_leaves_nothing_when_one_file_fails(tmp_path: Path) -> None:
    (tmp_path / "b.txt").mkdir()  # a directory where a file must go: the rename fails
    (tmp_path / "b.txt" / "keep").write_text("x")
    with pytest.raises(InputError, match="cannot write the output"):
        write_all({tmp_path / "a.txt": b"A", tmp_path / "b.txt": b"B"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]


def test_write_all_restores_previous_files_on_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"OLD")
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(InputError):
        write_all({tmp_path / "a.txt": b"NEW", tmp_path / "b.txt": b"B"})
    assert (tmp_path / "a.txt").read_bytes() == b"OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_fingerprint_separates_parts() -> None:
    assert fingerprint("ab", "c") != fingerprint("a", "bc")


def test_outputs_get_the_permissions_of_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        (tmp_path / "b.txt").write_bytes(b"x")
        os.chmod(tmp_path / "b.txt", 0o600)
        write_all({tmp_path / "a.txt": b"A", tmp_path / "b.txt": b"B"})
        os.umask(0o027)
        write_all({tmp_path / "c.txt": b"C"})
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == {"a.txt": 0o644, "b.txt": 0o644, "c.txt": 0o640}


def test_an_interrupt_between_renames_puts_every_file_back(tmp_path: Path, monkeypatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(b"OLD")
    real = os.replace
    calls = []

    def interrupted(src, dst):  # Ctrl-C arrives at the fourth rename (the second file's new copy)
        calls.append(dst)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_all({tmp_path / n: b"NEW" for n in ("a.txt", "b.txt", "c.txt")})
    monkeypatch.setattr(os, "replace", real)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == dict.fromkeys(
        ("a.txt", "b.txt", "c.txt"), b"OLD"
    )


def test_recover_dir_undoes_what_a_killed_swap_left(tmp_path: Path) -> None:
    # Killed between "move the old file aside" and "rename the new one in": the target is missing.
    (tmp_path / f".a.txt{TEMP_MARK}1234.old").write_bytes(b"OLD A")
    (tmp_path / f".a.txt{TEMP_MARK}5678.tmp").write_bytes(b"NEW A")
    # Killed after the swap of b, before the backup was removed.
    (tmp_path / "b.txt").write_bytes(b"NEW B")
    (tmp_path / f".b.txt{TEMP_MARK}9abc.old").write_bytes(b"OLD B")
    (tmp_path / "keep.txt").write_bytes(b"K")
    restored = recover_dir(tmp_path)
    assert restored == [tmp_path / "a.txt"]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "a.txt": b"OLD A",
        "b.txt": b"NEW B",
        "keep.txt": b"K",
    }


def test_a_second_run_into_a_locked_directory_is_refused(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from newsl10n.outputs import locked_dir\n"
            "with locked_dir(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(30)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match="another newsl10n run is writing"), locked_dir(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with locked_dir(tmp_path):  # free again once the other process is gone
        pass
