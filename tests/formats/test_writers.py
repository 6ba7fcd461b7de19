"""XLIFF 2.1, JSONL and review-page writers: golden files, schema validity, inline codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from lxml import etree

from newsl10n.formats.jsonl import JsonlWriter
from newsl10n.formats.markdown import MarkdownArticleFormat
from newsl10n.formats.review import ReviewPageWriter
from newsl10n.formats.xliff import NS, XliffWriter
from newsl10n.model import Issue, LocalisedDocument, RunInfo, Translation
from newsl10n.pipeline import segment_document

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
REGEN = os.environ.get("NEWSL10N_REGEN_GOLDEN") == "1"

ARTICLE = (
    "# SCO agrees **AI** plan\n\n"
    "*By Jane Doe*\n\n"
    "TIANJIN, June 13 (Newsdesk) -- Ministers of the [SCO](https://sco.int) met. "
    "They agreed on a **plan for\nresearch. It** starts in `2026`.\n"
)
TARGETS = {
    "b1.s1": "A OCX aprova plano de ⟦1⟧IA⟦/1⟧",
    "b2.s1": "⟦1⟧Por Jane Doe⟦/1⟧",
    "b3.s1": "TIANJIN, 13 de junho (Newsdesk) --",
    "b4.s1": "Os ministros da ⟦1⟧OCX⟦/1⟧ reuniram-se.",
    "b4.s2": "Eles acordaram um ⟦2⟧plano de pesquisa.",
    "b4.s3": "Ele⟦/2⟧ começa em ⟦3⟧.",
}
RUN = RunInfo(tool_version="0.0.test", segmenter="rules-v1", engine="test", model="hand-written")


def localised() -> LocalisedDocument:
    doc = segment_document(
        MarkdownArticleFormat().read(ARTICLE.encode(), doc_id="story.md", source_lang="en")
    )
    translations = {
        sid: Translation(
            segment_id=sid,
            target_lang="pt",
            text=text,
            origin="mt",
            engine="test",
            issues=(
                (Issue(code="markup-placed", severity="warning", message="check ⟦2⟧", segment_id=sid),)
                if sid == "b4.s2"
                else ()
            ),
        )
        for sid, text in TARGETS.items()
    }
    issues = tuple(i for t in translations.values() for i in t.issues)
    return LocalisedDocument(
        document=doc, target_lang="pt", translations=translations, run=RUN, issues=issues
    )


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if REGEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if not REGEN:
            pytest.fail(f"golden file {path} was missing and has been written; review and commit it")
    assert data == path.read_bytes(), (
        f"{name} differs from the golden file (NEWSL10N_REGEN_GOLDEN=1 rewrites)"
    )


def test_segments_of_the_fixture_are_as_expected() -> None:
    assert [s.id for s in localised().document.segments] == list(TARGETS)


def test_xliff_golden_and_schema_valid(tmp_path: Path, validate_xliff) -> None:
    data = XliffWriter().write(localised())
    check_golden("xliff/story.pt.xlf", data)
    path = tmp_path / "story.pt.xlf"
    path.write_bytes(data)
    ok, output = validate_xliff(path)
    assert ok, output


def test_xliff_inline_codes() -> None:
    root = etree.fromstring(XliffWriter().write(localised()))
    ns = {"x": NS}
    seg = root.find(".//x:segment[@id='b4.s1']", ns)
    pc = seg.find("x:source/x:pc", ns)
    assert pc.text == "SCO" and pc.get("type") == "link"
    data = root.find(".//x:unit[@id='b4']/x:originalData/x:data[@id='d1']", ns)
    assert data.text == "["
    # A pair that spans two sentences becomes <sc> in one and <ec startRef> in the next.
    assert root.find(".//x:segment[@id='b4.s2']/x:source/x:sc", ns).get("id") == "c2"
    assert root.find(".//x:segment[@id='b4.s3']/x:source/x:ec", ns).get("startRef") == "c2"
    assert root.find(".//x:segment[@id='b4.s3']/x:source/x:ph", ns).get("dataRef") == "d3"
    # Trailing whitespace between sentences is an <ignorable>, so joining gives the block back.
    assert root.find(".//x:ignorable[@id='b4.s1-ws']/x:source", ns).text == " "
    note = root.find(".//x:unit[@id='b4']/x:notes/x:note", ns)
    assert note.get("category") == "newsl10n:markup-placed" and "b4.s2" in note.text
    assert root.find("x:file/x:notes/x:note[@id='provenance']", ns).text == RUN.signature()


def test_xliff_control_characters_become_cp(tmp_path: Path, validate_xliff) -> None:
    result = localised()
    tr = result.translations["b1.s1"]
    bad = dict(result.translations)
    bad["b1.s1"] = Translation(
        segment_id=tr.segment_id, target_lang="pt", text="A\x0bB", origin="mt", engine="t"
    )
    data = XliffWriter().write(
        LocalisedDocument(document=result.document, target_lang="pt", translations=bad, run=RUN)
    )
    assert b'<cp hex="000B"/>' in data
    path = tmp_path / "cp.xlf"
    path.write_bytes(data)
    ok, output = validate_xliff(path)
    assert ok, output


def test_jsonl_golden_and_shape() -> None:
    data = JsonlWriter().write(localised())
    check_golden("jsonl/story.pt.jsonl", data)
    rows = [json.loads(line) for line in data.decode().splitlines()]
    assert [r["segment"] for r in rows] == list(TARGETS)
    assert rows[0]["schema"] == 1 and rows[0]["kind"] == "headline"
    assert rows[4]["issues"][0]["code"] == "markup-placed"


def test_review_page_is_self_contained_and_aligned() -> None:
    page = ReviewPageWriter().write(localised()).decode()
    tree = etree.HTML(page)
    rows = tree.findall(".//tbody/tr")
    assert len(rows) == len(TARGETS)
    assert not tree.xpath("//link|//img|//*[@src]")  # inline script and style only: nothing fetched
    first = rows[0]
    assert first.find("td[@class='source']").xpath("string()") == "SCO agrees 1AI/1 plan"
    assert first.find("td[@class='target']").get("lang") == "pt"
    assert "issue-warning" in rows[4].get("class")
