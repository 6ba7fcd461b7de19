"""All-or-nothing output writing and the resume fingerprint."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.errors import InputError
from newsl10n.outputs import fingerprint, recorded_fingerprint, write_all


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


def test_recorded_fingerprint(tmp_path: Path) -> None:
    fp = fingerprint("x")
    path = tmp_path / "f.xlf"
    path.write_text(
        f'<xliff><notes><note id="fingerprint" category="newsl10n:fingerprint">{fp}</note></notes>'
    )
    assert recorded_fingerprint(path) == fp
    assert recorded_fingerprint(tmp_path / "missing.xlf") is None
