"""``newsl10n tm …``: exit codes, stdout and stderr of the translation-memory commands."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsl10n.cli import cli
from newsl10n.postedit.commands import import_command, tm
from newsl10n.postedit.memory import export_tmx
from newsl10n.tm.store import TmEntry

cli.add_command(import_command)
cli.add_command(tm)

PAIR = TmEntry(
    source="The summit opened in Astana.",
    target="A cimeira abriu em Astana.",
    source_lang="en",
    target_lang="pt",
    context="paragraph",
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_stats_search_and_export(tmp_path: Path) -> None:
    tmx = tmp_path / "desk.tmx"
    tmx.write_bytes(export_tmx([PAIR], source_lang="en"))
    db = str(tmp_path / "tm.sqlite")
    code, out, err = invoke("tm", "import", str(tmx), "--tm", db)
    assert (code, out) == (0, "") and "1 entries added, 0 already there" in err
    code, out, _ = invoke("tm", "stats", "--tm", db, "--json")
    stats = json.loads(out)
    assert code == 0 and stats["entries"] == 1 and stats["pairs"] == {"en→pt": 1} and stats["schema"] == 1
    code, out, err = invoke("tm", "search", "astana", "--lang", "pt", "--tm", db)
    assert code == 0 and "⇒ A cimeira abriu em Astana." in out and err.strip() == "1 entries"
    code, out, _ = invoke("tm", "export", "--tmx", "-", "--tm", db)
    assert code == 0 and out.startswith("<?xml") and "<seg>A cimeira abriu em Astana.</seg>" in out


def test_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a memory\n", encoding="utf-8")
    code, out, err = invoke("tm", "stats", "--tm", str(notes))
    assert code == 2 and out == ""
    assert err == f"Error: {notes}: is not a newsl10n translation memory (not an SQLite database); " \
        "pass another --tm path, or move the file away\n"  # fmt: skip
    tmx = tmp_path / "pt.tmx"
    tmx.write_bytes(export_tmx([PAIR], source_lang="en"))
    code, _, err = invoke("tm", "import", str(tmx), "--lang", "ru", "--tm", str(tmp_path / "tm.sqlite"))
    assert code == 2 and "has no translation in ru (it has pt)" in err
