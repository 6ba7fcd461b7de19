"""The SQLite translation memory: lookups, integrity, locking and all-or-nothing writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsl10n.errors import InputError
from newsl10n.postedit.memory import export_tmx, import_tmx, read_tmx_entries
from newsl10n.tm.store import TmEntry, TranslationMemory, default_path

SIGNED = "The agreement was signed in Tianjin by ministers from ten countries."
SIGNED_PT = "O acordo foi assinado em Tianjin por ministros de dez países."


def entry(source: str = SIGNED, target: str = SIGNED_PT, **kw: str) -> TmEntry:
    return TmEntry(source=source, target=target, source_lang="en", target_lang="pt", **kw)  # type: ignore[arg-type]


@pytest.fixture
def tm(tmp_path: Path):
    memory = TranslationMemory(tmp_path / "tm.sqlite", clock=lambda: "2026-12-01T10:00:00Z")
    yield memory
    memory.close()


DEFAULT_PATHS = [
    ({"NEWSL10N_TM": "/x/desk.sqlite", "XDG_DATA_HOME": "/d"}, "/x/desk.sqlite"),
    ({"XDG_DATA_HOME": "/d"}, "/d/newsl10n/tm.sqlite"),
]


@pytest.mark.parametrize(("env", "expected"), DEFAULT_PATHS, ids=["env-var", "xdg"])
def test_default_path_honours_the_environment(env: dict[str, str], expected: str) -> None:
    assert default_path(env) == Path(expected)


def test_exact_match_normalises_whitespace_and_respects_context(tm: TranslationMemory) -> None:
    tm.add([entry(context="paragraph")])
    assert tm.exact(" The agreement  was signed in Tianjin by ministers from ten countries.\n",
                    source_lang="en", target_lang="pt", context="paragraph") == SIGNED_PT  # fmt: skip
    assert tm.exact(SIGNED, source_lang="en", target_lang="pt") == SIGNED_PT
    assert tm.exact(SIGNED, source_lang="en", target_lang="pt", context="headline") is None
    assert tm.exact(SIGNED, source_lang="en", target_lang="ru") is None
    assert tm.exact(SIGNED.lower(), source_lang="en", target_lang="pt") is None


def test_adding_twice_is_idempotent_and_the_latest_approval_wins(tm: TranslationMemory) -> None:
    first = tm.add([entry(target="Primeira versão.")])
    assert (first.added, first.unchanged) == (1, 0)
    tm.add([entry(target="Segunda versão.")])
    assert tm.exact(SIGNED, source_lang="en", target_lang="pt") == "Segunda versão."
    again = tm.add([entry(target="Segunda versão.")])
    assert (again.added, again.unchanged) == (0, 1)
    tm.add([entry(target="Primeira versão.")])  # the translator went back to the first wording
    assert tm.exact(SIGNED, source_lang="en", target_lang="pt") == "Primeira versão."
    assert len(tm) == 2


def test_fuzzy_matches_are_scored_and_ranked(tm: TranslationMemory) -> None:
    tm.add([entry(), entry("The weather was cold in Astana on Monday.", "Fazia frio em Astana na segunda.")])
    found = tm.fuzzy(
        "The agreement was signed in Beijing by ministers from ten countries.",
        source_lang="en",
        target_lang="pt",
    )
    assert len(found) == 1
    score, source, target = found[0]
    assert 85 < score < 100 and source == SIGNED and target == SIGNED_PT
    assert tm.fuzzy("Something else entirely, about football.", source_lang="en", target_lang="pt") == []


def test_fuzzy_ignores_placeholders_but_exact_keeps_them(tm: TranslationMemory) -> None:
    tm.add([entry("Read ⟦1⟧the report⟦/1⟧ online.", "Leia ⟦1⟧o relatório⟦/1⟧ online.")])
    assert tm.exact("Read the report online.", source_lang="en", target_lang="pt") is None
    assert tm.fuzzy("Read the report online.", source_lang="en", target_lang="pt")[0][0] == 100.0


def test_short_cjk_words_are_found_without_trigrams(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "zh.sqlite") as tm:
        tm.add([TmEntry(source="北京", target="Pequim", source_lang="zh", target_lang="pt")])
        tm.add([TmEntry(source="北京市政府", target="Governo de Pequim", source_lang="zh", target_lang="pt")])
        assert tm.fuzzy("北京", source_lang="zh", target_lang="pt") == [(100.0, "北京", "Pequim")]
        assert {e.target for e in tm.search("北京", lang="pt")} == {"Pequim", "Governo de Pequim"}


def test_search_finds_source_and_target_text_by_language(tm: TranslationMemory) -> None:
    tm.add([entry(article="story.txt")])
    assert [e.article for e in tm.search("tianjin", lang="pt")] == ["story.txt"]
    assert [e.source for e in tm.search("dez países")] == [SIGNED]
    assert tm.search("tianjin", lang="ru") == []


def test_a_file_that_is_not_a_tm_is_refused_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a newsl10n translation memory") as err:
        TranslationMemory(notes)
    assert err.value.path == str(notes)
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(InputError, match="SQLite database but not"):
        TranslationMemory(other)


def test_a_corrupt_tm_is_moved_aside_and_recreated_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        tm.add(entry(f"Sentence number {i} about the summit in Astana.", f"Frase {i}.") for i in range(3000))
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # every page but the header page
        data[offset : offset + 200] = b"\xa5" * 200
    path.write_bytes(bytes(data))
    with TranslationMemory(path) as tm:
        assert len(tm) == 0
        assert len(tm.warnings) == 1 and "moved to" in tm.warnings[0]
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(data)


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_tm_locked_by_another_writer_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    TranslationMemory(path).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with TranslationMemory(path, timeout=0.2) as tm:
            assert tm.exact(SIGNED, source_lang="en", target_lang="pt") is None  # readers still work
            with pytest.raises(InputError, match="locked by another process"):
                tm.add([entry()])
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
    with TranslationMemory(path) as tm:
        assert len(tm) == 0


KILLED_IMPORT = """
import sys, time
from newsl10n.tm.store import TmEntry, TranslationMemory
def entries():
    for i in range(100000):
        if i == 2000:
            print("halfway", flush=True)
            time.sleep(60)
        yield TmEntry(source=f"New sentence {i} on trade.", target=f"Nova frase {i}.", source_lang="en",
                      target_lang="pt")
TranslationMemory(sys.argv[1]).add(entries())
"""


def test_a_kill_during_an_import_leaves_the_tm_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        tm.add([entry()])
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "halfway"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    with TranslationMemory(path) as tm:
        assert tm.warnings == []
        assert len(tm) == 1
        assert tm.exact(SIGNED, source_lang="en", target_lang="pt") == SIGNED_PT
        tm.add([entry("After the crash.", "Depois da falha.")])  # and it is writable again
        assert len(tm) == 2


TM_CLI = """
import sys
from newsl10n.cli import cli
from newsl10n.postedit.commands import import_command, tm
cli.add_command(import_command)
cli.add_command(tm)
cli.main(sys.argv[1:], prog_name="newsl10n")
"""


def test_killing_the_tm_import_command_never_leaves_half_a_file(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    big = [
        entry(f"Sentence {i} from the desk memory about grain exports.", f"Frase {i}.") for i in range(20000)
    ]
    tmx = tmp_path / "big.tmx"
    tmx.write_bytes(export_tmx(big, source_lang="en"))
    TranslationMemory(path).close()
    wal = path.with_name(path.name + "-wal")
    before = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen([sys.executable, "-c", TM_CLI, "tm", "import", str(tmx), "--tm", str(path)])
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:  # kill once the transaction writes pages
        if wal.exists() and wal.stat().st_size > before:
            break
        time.sleep(0.01)
    killed = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert killed, "the import finished before it could be killed"
    with TranslationMemory(path) as tm:
        assert len(tm) in (0, 20000)


def test_tmx_round_trip_keeps_pairs_context_and_codes(tm: TranslationMemory, tmp_path: Path) -> None:
    from newsl10n.model import Code

    link = Code(id=1, kind="pair", ctype="link", opening='<a href="/x">', closing="</a>")
    tm.add([entry("See ⟦1⟧the map⟦/1⟧.", "Veja ⟦1⟧o mapa⟦/1⟧.", context="caption", codes=(link,))])
    out = tmp_path / "out.tmx"
    out.write_bytes(export_tmx(list(tm.entries()), source_lang="en"))
    (back,) = read_tmx_entries(str(out))
    assert (back.source, back.target, back.context) == (
        "See ⟦1⟧the map⟦/1⟧.",
        "Veja ⟦1⟧o mapa⟦/1⟧.",
        "caption",
    )
    assert back.codes[0].opening == '<a href="/x">'
    with TranslationMemory(tmp_path / "second.sqlite") as other:
        assert import_tmx(other, str(out)).added == 1
        assert other.exact("See ⟦1⟧the map⟦/1⟧.", source_lang="en", target_lang="pt", context="caption")


def test_a_tmx_without_the_language_asked_for_is_an_error(tm: TranslationMemory, tmp_path: Path) -> None:
    out = tmp_path / "pt.tmx"
    out.write_bytes(export_tmx([entry()], source_lang="en"))
    with pytest.raises(InputError, match=r"no translation in ru \(it has pt\)") as err:
        import_tmx(tm, str(out), target_langs=["ru"])
    assert err.value.path == str(out)
    assert len(tm) == 0


def test_a_tmx_that_is_not_xml_names_the_line(tm: TranslationMemory, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(textwrap.dedent("""\
        <?xml version="1.0"?>
        <tmx version="1.4"><header srclang="en"/>
        <body><tu><tuv xml:lang="en"><seg>x</seg></tuv></body></tmx>
        """), encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError) as err:
        import_tmx(tm, str(bad))
    assert err.value.path == str(bad) and err.value.line == 3


def test_the_revision_moves_only_when_the_tm_changes(tm: TranslationMemory) -> None:
    assert tm.revision == 0
    tm.add([entry()])
    first = tm.revision
    tm.add([entry()])  # nothing new
    assert tm.revision == first
    tm.add([entry(target="Outra.")])
    assert tm.revision > first


def test_a_foreign_sqlite_database_is_not_written_to(tmp_path: Path) -> None:
    other = tmp_path / "app.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(InputError, match="SQLite database but not"):
        TranslationMemory(other)
    assert other.read_bytes() == before  # still a rollback-journal database: not switched to WAL
    assert not (tmp_path / "app.sqlite-wal").exists()
