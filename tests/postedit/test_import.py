"""``newsl10n import``: post-edited files back into the article, the report and the translation memory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsl10n.cli import cli
from newsl10n.formats.po import PoWriter
from newsl10n.formats.xliff12 import Xliff12Writer
from newsl10n.mt.base import create_engine
from newsl10n.pipeline import read_path, translate_document
from newsl10n.postedit import ImportJob, ImportProblems, import_files
from newsl10n.postedit.commands import import_command, tm
from newsl10n.tm.store import TranslationMemory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BYLINE_XLF = (
    '<target>Por <pc id="c1" dataRefStart="d1" dataRefEnd="d1e" type="link">Madina Seitkali</pc></target>'
)

cli.add_command(import_command)
cli.add_command(tm)


@pytest.fixture(autouse=True)
def _own_tm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSL10N_TM", str(tmp_path / "default-tm.sqlite"))


@pytest.fixture
def review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An HTML article translated with the identity engine into review/ (XLIFF 2.1, JSONL, article)."""
    shutil.copy(EXAMPLES / "sco-ai-lab.html", tmp_path / "sco-ai-lab.html")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["translate", "sco-ai-lab.html", "--to", "pt", "--engine", "identity", "-o", "review", "-q"]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "review"


def edit_xliff(path: Path, segment: str, target: str, state: str = "final") -> None:
    text = path.read_text(encoding="utf-8")
    head = f'<segment id="{segment}" state="translated">'
    start = text.index(head)
    t0 = text.index("<target>", start)
    t1 = text.index("</target>", t0) + len("</target>")
    text = (
        text[:start]
        + f'<segment id="{segment}" state="{state}">'
        + text[start + len(head) : t0]
        + target
        + text[t1:]
    )
    path.write_text(text, encoding="utf-8")


def run_import(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["import", *args])
    return result.exit_code, result.output


def test_an_edited_xliff_lands_in_the_html_article_with_its_markup(review: Path, tmp_path: Path) -> None:
    xlf = review / "sco-ai-lab.pt.xlf"
    edit_xliff(xlf, "b5.s1", BYLINE_XLF)
    code, out = run_import(str(xlf), "-o", "final", "--tm", "tm.sqlite")
    assert code == 1, out  # the numbers check flags the copied English numbers in Portuguese text
    page = (tmp_path / "final" / "sco-ai-lab.pt.article.html").read_text(encoding="utf-8")
    assert 'Por <a href="/authors/madina-seitkali">Madina Seitkali</a>' in page
    assert '<html lang="pt"' in page
    report = json.loads((tmp_path / "final" / "sco-ai-lab.pt.report.json").read_text(encoding="utf-8"))
    byline = next(s for s in report["segments"] if s["segment"] == "b5.s1")
    assert (byline["state"], byline["origin"], byline["edited"]) == ("final", "human", True)
    assert report["summary"]["edited"] == 1 and report["summary"]["unreviewed"] == 12
    text_report = (tmp_path / "final" / "sco-ai-lab.pt.report.txt").read_text(encoding="utf-8")
    assert "Edited:\n  b5.s1 [final] Por ⟦1⟧Madina Seitkali⟦/1⟧" in text_report
    assert "b8.s1: error: number 3,400 in source has no counterpart in target" in text_report
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        hit = memory.exact_entry(
            "By ⟦1⟧Madina Seitkali⟦/1⟧", source_lang="en", target_lang="pt", context="byline"
        )
        assert hit is not None and hit.target == "Por ⟦1⟧Madina Seitkali⟦/1⟧"
        assert hit.article == "sco-ai-lab.html" and hit.codes[0].opening.startswith("<a href")
        assert len(memory) == 1


def test_import_is_idempotent(review: Path, tmp_path: Path) -> None:
    xlf = review / "sco-ai-lab.pt.xlf"
    edit_xliff(xlf, "b5.s1", BYLINE_XLF)
    assert run_import(str(xlf), "--tm", "tm.sqlite", "--fail-on", "never")[0] == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "final").iterdir()}
    code, out = run_import(str(xlf), "--tm", "tm.sqlite", "--fail-on", "never")
    assert code == 0 and "0 added, 1 already there" in out
    assert {p.name: p.read_bytes() for p in (tmp_path / "final").iterdir()} == first


def test_require_final_refuses_to_publish_unreviewed_units(review: Path, tmp_path: Path) -> None:
    xlf = review / "sco-ai-lab.pt.xlf"
    edit_xliff(xlf, "b5.s1", BYLINE_XLF)
    code, out = run_import(str(xlf), "--require-final", "--tm", "tm.sqlite")
    assert code == 2
    assert "--require-final: 12 units are not reviewed or final" in out
    assert "unit b1/b1.s1 is translated, not reviewed or final" in out
    assert not (tmp_path / "final").exists()
    assert not (tmp_path / "tm.sqlite").exists() or len(TranslationMemory(tmp_path / "tm.sqlite")) == 0


BROKEN = [
    ("deleted", "<target>Por Madina Seitkali</target>", "the inline code ⟦1⟧ (<a href="),
    (
        "unclosed",
        '<target>Por <sc id="c1" dataRef="d1"/>Madina Seitkali</target>',
        "⟦/1⟧ (</a>) was deleted from the target",
    ),
]


@pytest.mark.parametrize(("case", "target", "message"), BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_inline_codes_are_named_with_file_and_unit(
    review: Path, tmp_path: Path, case: str, target: str, message: str
) -> None:
    xlf = review / "sco-ai-lab.pt.xlf"
    edit_xliff(xlf, "b5.s1", target)
    code, out = run_import(str(xlf), "--no-tm")
    assert code == 2
    line = next(x for x in out.splitlines() if "b5/b5.s1" in x)
    assert line.startswith(f"Error: {xlf}:") and message in line
    assert not (tmp_path / "final").exists()


def test_altered_source_duplicate_and_missing_ids_are_all_reported(review: Path) -> None:
    xlf = review / "sco-ai-lab.pt.xlf"
    text = xlf.read_text(encoding="utf-8")
    text = text.replace("<source>Science</source>", "<source>Sport</source>", 1)
    text = text.replace('<segment id="b6.s1"', '<segment id="b5.s1"', 1)
    xlf.write_text(text, encoding="utf-8")
    with pytest.raises(ImportProblems) as err:
        import_files(ImportJob(files=(str(xlf),), use_tm=False))
    problems = "\n".join(err.value.problems)
    assert (
        'unit b2/b2.s1: the source text was altered (the article has "Science", the file "Sport")' in problems
    )
    assert "segment b6.s1" in problems and "has no unit in the file" in problems
    assert "unit b6/b5.s1: the source text was altered" in problems


def test_a_file_for_another_article_is_refused(review: Path, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "sco-ai-cooperation.txt", tmp_path / "other.txt")
    code, out = run_import(str(review / "sco-ai-lab.pt.xlf"), "--article", "other.txt", "--no-tm")
    assert code == 2
    assert "this file was made for another article" in out
    assert out.count("Error:") == 1


def test_a_missing_article_asks_for_article(review: Path, tmp_path: Path) -> None:
    (tmp_path / "sco-ai-lab.html").unlink()
    code, out = run_import(str(review / "sco-ai-lab.pt.xlf"), "--no-tm")
    assert code == 2
    assert "the original article 'sco-ai-lab.html' it records cannot be found" in out and "--article" in out


def test_xliff_12_and_po_from_other_tools_import_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLES / "sco-ai-cooperation.txt", tmp_path / "story.txt")
    monkeypatch.chdir(tmp_path)
    doc = read_path("story.txt", source_lang="en")
    result = translate_document(doc, "pt", create_engine("identity"))
    (tmp_path / "story.pt.xlf").write_bytes(Xliff12Writer().write(result))
    po = PoWriter().write(result).decode("utf-8")
    # A translator confirms the headline in Poedit: the entry loses its fuzzy flag.
    head = 'msgctxt "b2"\n'
    at = po.index(head)
    flag = po.rindex("#, fuzzy\n", 0, at)
    po = po[:flag] + po[flag + len("#, fuzzy\n") :]
    at = po.index(head)
    msgstr = po.index('msgstr "', at)
    end = po.index("\n", msgstr)
    po = po[:msgstr] + 'msgstr "Membros da OCX concordam em criar centro de IA"' + po[end:]
    (tmp_path / "story.pt.po").write_text(po, encoding="utf-8")
    report = import_files(ImportJob(files=("story.pt.po",), tm=str(tmp_path / "tm.sqlite")))
    text = (tmp_path / "final" / "story.pt.txt").read_text(encoding="utf-8")
    assert text.splitlines()[1] == "Membros da OCX concordam em criar centro de IA"
    assert report.tm_added == 1
    report = import_files(ImportJob(files=("story.pt.xlf",), outdir=Path("f12"), use_tm=False))
    assert (tmp_path / "f12" / "story.pt.txt").read_text(encoding="utf-8") == (
        tmp_path / "story.txt"
    ).read_text(encoding="utf-8")
    assert report.results[0].counts["unreviewed"] == 15


def test_xml_broken_by_an_unclosed_element_names_the_line(review: Path) -> None:
    xlf = review / "sco-ai-lab.pt.xlf"
    edit_xliff(xlf, "b5.s1", '<target>Por <pc id="c1" dataRefStart="d1" dataRefEnd="d1e">Madina</target>')
    code, out = run_import(str(xlf), "--no-tm")
    assert code == 2
    assert out.startswith(f"Error: {xlf}:") and out.count("\n") == 1
