"""Real CAT-tool readers open newsl10n's files: translate-toolkit and OmegaT 3.6.

translate-toolkit (GPL, a test-only dependency, never imported by src) must read the XLIFF 1.2,
TMX and PO back to the same units. OmegaT 3.6, run headless (``--mode=console-translate``) on
a minimal project, must find every unit of the source-copy XLIFF 1.2 and fill every segment from
the TMX written beside it, inline codes included. Without ``omegat`` on PATH that test skips,
unless ``NEWSL10N_REQUIRE_OMEGAT=1`` (CI), where it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from newsl10n.formats.base import WriterOptions, render_block
from newsl10n.formats.bilingual import read_bilingual
from newsl10n.formats.po import PoWriter
from newsl10n.formats.tmx import TmxWriter
from newsl10n.formats.xliff12 import Xliff12Writer
from newsl10n.model import LocalisedDocument, RunInfo, Translation
from newsl10n.pipeline import read_document

ARTICLE = (
    b"# SCO agrees **AI** plan\n\n"
    b"*By Jane Doe*\n\n"
    b"Ministers of the [SCO](https://sco.int) met in Tianjin. They agreed on a **research** plan. "
    b"It starts in `2026`.\n\n"
    b"Kazakhstan will host the next summit.\n"
)
# Hand-written Portuguese that keeps every placeholder of its sentence.
TARGETS = {
    "b1.s1": "A OCX aprova plano de ⟦1⟧IA⟦/1⟧",
    "b2.s1": "⟦1⟧Por Jane Doe⟦/1⟧",
    "b3.s1": "Os ministros da ⟦1⟧OCX⟦/1⟧ reuniram-se em Tianjin.",
    "b3.s2": "Eles aprovaram um plano de ⟦2⟧pesquisa⟦/2⟧.",
    "b3.s3": "Ele começa em ⟦3⟧.",
    "b4.s1": "O Cazaquistão vai sediar a próxima cúpula.",
}
# A pair that spans two sentences (each sentence holds one end: <it> in XLIFF and TMX).
SPANNING = b"Delegates agreed on a **plan for\nresearch. It** starts in `2027`.\n"
SPANNING_TARGETS = {
    "b1.s1": "Os delegados acordaram um ⟦1⟧plano de pesquisa.",
    "b1.s2": "Ele⟦/1⟧ começa em ⟦2⟧.",
}
RUN = RunInfo(tool_version="0.0.test", segmenter="rules-v1", engine="test", model="hand-written")


def localised(article: bytes = ARTICLE, targets: dict[str, str] = TARGETS) -> LocalisedDocument:
    doc = read_document(article, doc_id="story.md", source_lang="en", fmt="markdown")
    assert [s.id for s in doc.segments] == list(targets)
    translations = {
        sid: Translation(segment_id=sid, target_lang="pt", text=text, origin="mt", engine="test")
        for sid, text in targets.items()
    }
    return LocalisedDocument(document=doc, target_lang="pt", translations=translations, run=RUN)


@pytest.fixture(scope="module")
def ttk_factory():  # type: ignore[no-untyped-def]
    return pytest.importorskip("translate.storage.factory")


# --------------------------------------------------------------------------------- translate-toolkit


def test_translate_toolkit_reads_xliff12_back(tmp_path: Path, ttk_factory) -> None:  # type: ignore[no-untyped-def]
    result = localised()
    path = tmp_path / "story.pt.xlf"
    path.write_bytes(Xliff12Writer(WriterOptions(unit_per_sentence=True)).write(result))
    ours = read_bilingual(path.read_bytes(), path=path.name)
    theirs = [u for u in ttk_factory.getobject(str(path)).units if not u.isheader()]
    assert len(theirs) == len(ours) == len(TARGETS)
    doc = result.document
    for mine, other in zip(ours, theirs, strict=False):
        block = doc.block(mine.unit.split(".")[0])
        # translate-toolkit shows a code's native data inline: our tagged text with its markup.
        assert other.source == render_block(block, mine.tagged_source)
        assert other.target == render_block(block, mine.tagged_target)
        assert other.getid().endswith(mine.unit)
    # The default form, one unit per block: translate-toolkit sees one unit per block.
    path.write_bytes(Xliff12Writer().write(result))
    blocks = [u for u in ttk_factory.getobject(str(path)).units if not u.isheader()]
    assert [u.source for u in blocks] == [render_block(b, b.text) for b in doc.blocks]


def test_translate_toolkit_reads_tmx_back(tmp_path: Path, ttk_factory) -> None:  # type: ignore[no-untyped-def]
    result = localised()
    path = tmp_path / "story.pt.tmx"
    path.write_bytes(TmxWriter().write(result))
    ours = read_bilingual(path.read_bytes(), path=path.name)
    theirs = list(ttk_factory.getobject(str(path)).units)
    assert len(theirs) == len(ours) == len(TARGETS)
    for mine, other in zip(ours, theirs, strict=False):
        block = result.document.block(mine.unit.split(".")[0])
        assert other.source == render_block(block, mine.tagged_source)
        assert other.target == render_block(block, mine.tagged_target)


def test_translate_toolkit_reads_po_back(tmp_path: Path, ttk_factory) -> None:  # type: ignore[no-untyped-def]
    result = localised()
    path = tmp_path / "story.pt.po"
    path.write_bytes(PoWriter(WriterOptions(unit_per_sentence=True)).write(result))
    ours = read_bilingual(path.read_bytes(), path=path.name)
    store = ttk_factory.getobject(str(path))
    theirs = [u for u in store.units if not u.isheader()]
    assert [(u.getcontext(), u.source, u.target, u.isfuzzy()) for u in theirs] == [
        (u.unit, u.tagged_source, u.tagged_target, u.state == "translated") for u in ours
    ]
    header = store.parseheader()
    assert header["Language"] == "pt" and header["X-Generator"].startswith("newsl10n")


# ------------------------------------------------------------------------------------------- OmegaT

OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LucenePortugueseTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
# OmegaT 3.6 reads the inline codes of a TMX that another tool wrote as tags only with these two
# preferences (Options > Preferences > TM Matches: level-2 tags, "<x/>"-style standalone tags);
# without them a sentence with codes is only a fuzzy match.
OMEGAT_PREFS = """<?xml version="1.0" encoding="UTF-8" ?>
<omegat>
  <preference version="1.0">
    <ext_tmx_show_level2>true</ext_tmx_show_level2>
    <ext_tmx_use_slash>true</ext_tmx_use_slash>
  </preference>
</omegat>
"""
# Project file filters with "Remove leading and trailing tags" off (Project > Properties > File
# Filters > Options): otherwise a sentence that one pair wraps whole loses those tags in OmegaT
# and no longer equals its TMX entry.
OMEGAT_FILTERS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
  <filter className="org.omegat.filters3.xml.xliff.XLIFFFilter" enabled="true">
    <files sourceFilenameMask="*.xlf" targetFilenamePattern="${filename}"/>
  </filter>
</filters>
"""


def omegat_project(root: Path, result: LocalisedDocument) -> Path:
    """A minimal OmegaT project: omegat.project, omegat/filters.xml, source/ (XLIFF), tm/auto/ (TMX)."""
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "omegat" / "filters.xml").write_text(OMEGAT_FILTERS, encoding="utf-8")
    (root / "omegat.project").write_text(
        OMEGAT_PROJECT.format(source=result.document.source_lang, target=result.target_lang), encoding="utf-8"
    )
    xliff = Xliff12Writer(WriterOptions(target_mode="source-copy")).write(result)
    (root / "source" / "story.pt.xlf").write_bytes(xliff)
    (root / "tm" / "auto" / "story.pt.tmx").write_bytes(TmxWriter().write(result))
    return root


@pytest.mark.parametrize(
    ("article", "targets"),
    [(ARTICLE, TARGETS), (SPANNING, SPANNING_TARGETS)],
    ids=["article", "spanning-pair"],
)
def test_omegat_fills_every_segment_from_the_tmx(
    tmp_path: Path, article: bytes, targets: dict[str, str]
) -> None:
    omegat = shutil.which("omegat")
    if omegat is None:
        if os.environ.get("NEWSL10N_REQUIRE_OMEGAT") == "1":
            pytest.fail("NEWSL10N_REQUIRE_OMEGAT=1 but `omegat` is not on PATH (apt-get install omegat)")
        pytest.skip("OmegaT is not installed (`which omegat` finds nothing); CI installs it")
    result = localised(article, targets)
    project = omegat_project(tmp_path / "project", result)
    config = tmp_path / "config"
    config.mkdir()
    (config / "omegat.prefs").write_text(OMEGAT_PREFS, encoding="utf-8")
    proc = subprocess.run(
        [omegat, str(project), f"--config-dir={config}", "--mode=console-translate"],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    total = next(line for line in stats.splitlines() if line.startswith("Total:"))
    assert int(total.split()[1]) == len(targets), f"OmegaT found {total.split()[1]} segments: {total}"
    translated = read_bilingual((project / "target" / "story.pt.xlf").read_bytes(), path="story.pt.xlf")
    got = {u.unit.split("/")[1]: u.tagged_target for u in translated}
    assert got == targets, "every sentence is filled from the TMX, inline codes included"
    first = translated[0]
    block = result.document.block(first.unit.split("/")[0])
    markup = {c.id: (c.opening, c.closing) for c in first.codes}
    assert markup[1][0] == block.code(1).opening, "the original markup comes back with the target"


def test_pocount_counts_every_unit(tmp_path: Path) -> None:
    pytest.importorskip("translate")
    pocount = shutil.which("pocount")
    if pocount is None:
        pytest.skip("translate-toolkit's pocount script is not on PATH")
    result = localised()
    files = {
        "s.xlf": Xliff12Writer(WriterOptions(unit_per_sentence=True)).write(result),
        "b.xlf": Xliff12Writer().write(result),
        "t.tmx": TmxWriter().write(result),
        "p.po": PoWriter(WriterOptions(unit_per_sentence=True)).write(result),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    proc = subprocess.run(
        [pocount, "--csv", *sorted(str(tmp_path / n) for n in files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [line.split(",") for line in proc.stdout.splitlines()[1:] if line.strip()]
    totals = {Path(r[0]).name: int(r[8]) for r in rows}
    blocks = len([b for b in result.document.blocks if b.segments])
    assert totals == {"b.xlf": blocks, "p.po": len(TARGETS), "s.xlf": len(TARGETS), "t.tmx": len(TARGETS)}
