"""XLIFF 1.2 writer: strict-schema validity, states both ways, inline codes, notes, source-copy mode."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from newsl10n.formats.base import WriterOptions
from newsl10n.formats.bilingual import read_bilingual
from newsl10n.formats.xliff12 import NS, STATE_FROM_12, Xliff12Writer, state_to_12
from newsl10n.model import Issue, LocalisedDocument, Origin, RunInfo, Translation
from newsl10n.pipeline import read_document

X = {"x": NS}
ARTICLE = (
    b"# SCO agrees **AI** plan\n\n"
    b"Ministers of the [SCO](https://sco.int) met. "
    b"They agreed on a **plan for\nresearch. It** starts in `2026`.\n"
)
TARGETS = {
    "b1.s1": "A OCX aprova plano de ⟦1⟧IA⟦/1⟧",
    "b2.s1": "Os ministros da ⟦1⟧OCX⟦/1⟧ reuniram-se.",
    "b2.s2": "Eles acordaram um ⟦2⟧plano de pesquisa.",
    "b2.s3": "Ele⟦/2⟧ começa em ⟦3⟧.",
}
RUN = RunInfo(
    tool_version="0.0.test", segmenter="rules-v1", engine="test", model="m", fingerprint="sha256:42"
)


def localised(origin: Origin = "mt", score: float | None = None) -> LocalisedDocument:
    doc = read_document(ARTICLE, doc_id="story.md", source_lang="en", fmt="markdown")
    assert [s.id for s in doc.segments] == list(TARGETS)
    translations = {
        sid: Translation(
            segment_id=sid,
            target_lang="pt-BR",
            text=text,
            origin=origin,
            engine="test",
            score=score,
            issues=(Issue(code="missing-term", severity="error", message="no OCX", segment_id=sid),)
            if sid == "b2.s2"
            else (),
        )
        for sid, text in TARGETS.items()
    }
    return LocalisedDocument(document=doc, target_lang="pt-BR", translations=translations, run=RUN)


def _valid(data: bytes, tmp_path: Path, validate_xliff) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.xlf"
    path.write_bytes(data)
    ok, output = validate_xliff(path)
    assert ok, output


# (origin, score) → (state, state-qualifier, approved) in the file
WRITTEN_STATES = [
    ("mt", None, "needs-review-translation", "mt-suggestion", None),
    ("tm", 1.0, "translated", "exact-match", None),
    ("tm", 0.8, "translated", "leveraged-tm", None),
    ("human", None, "signed-off", None, "yes"),
    ("copy", None, "needs-review-translation", None, None),
]


@pytest.mark.parametrize(
    ("origin", "score", "state", "qualifier", "approved"),
    WRITTEN_STATES,
    ids=[f"{w[0]}-{w[1]}" for w in WRITTEN_STATES],
)
def test_states_written(
    origin: Origin,
    score: float | None,
    state: str,
    qualifier: str | None,
    approved: str | None,
    tmp_path: Path,
    validate_xliff,
) -> None:  # type: ignore[no-untyped-def]
    data = Xliff12Writer().write(localised(origin, score))
    _valid(data, tmp_path, validate_xliff)
    root = etree.fromstring(data)
    tu = root.find(".//x:trans-unit[@id='b2']", X)
    target = tu.find("x:target", X)
    assert (target.get("state"), target.get("state-qualifier"), tu.get("approved")) == (
        state,
        qualifier,
        approved,
    )


# XLIFF 1.2 state → XLIFF 2 state, on reading (and back, for newsl10n's four)
READ_STATES = sorted(STATE_FROM_12.items())


@pytest.mark.parametrize(("state12", "state2"), READ_STATES, ids=[s for s, _ in READ_STATES])
def test_states_read(state12: str, state2: str) -> None:
    data = (
        f'<xliff version="1.2" xmlns="{NS}"><file original="a" source-language="en" target-language="ru" '
        f'datatype="plaintext"><body><trans-unit id="1"><source>a</source>'
        f'<target state="{state12}" state-qualifier="leveraged-mt">b</target>'
        "</trans-unit></body></file></xliff>"
    ).encode()
    (unit,) = read_bilingual(data, path="a.xlf")
    assert (unit.state, unit.state_qualifier) == (state2, "leveraged-mt")
    assert STATE_FROM_12[state_to_12(state2, "")] == state2


def test_header_provenance_notes_and_inline_codes(tmp_path: Path, validate_xliff) -> None:  # type: ignore[no-untyped-def]
    result = localised()
    data = Xliff12Writer().write(result)
    _valid(data, tmp_path, validate_xliff)
    root = etree.fromstring(data)
    file_el = root.find("x:file", X)
    assert (file_el.get("source-language"), file_el.get("target-language")) == ("en", "pt-BR")
    assert file_el.find("x:header/x:tool", X).get("tool-version") == "0.0.test"
    notes = {n.get("from"): n.text for n in file_el.findall("x:header/x:note", X)}
    assert notes == {"newsl10n:provenance": RUN.signature(), "newsl10n:fingerprint": "sha256:42"}
    assert Xliff12Writer.recorded_fingerprint(data) == "sha256:42"
    tu = root.find(".//x:trans-unit[@id='b2']", X)
    assert tu.get("restype") == "x-paragraph"
    mrks = tu.findall("x:seg-source/x:mrk", X)
    assert [m.get("mid") for m in mrks] == ["b2.s1", "b2.s2", "b2.s3"]
    # A pair inside one sentence is <bpt>/<ept> with the original markup; one split across
    # sentences is <it> in each; a standalone code is <ph>.
    assert mrks[0].find("x:bpt", X).text == "[" and mrks[0].find("x:ept", X).text == "](https://sco.int)"
    assert mrks[0].find("x:bpt", X).get("ctype") == "link"
    assert (mrks[1].find("x:it", X).get("pos"), mrks[1].find("x:it", X).text) == ("open", "**")
    assert mrks[2].find("x:it", X).get("pos") == "close"
    assert mrks[2].find("x:ph", X).get("ctype") == "x-code" and mrks[2].find("x:ph", X).text == "`2026`"
    # The whole block is in <source>: there the pair is complete.
    assert tu.find("x:source/x:bpt[@id='2']", X) is not None
    note = tu.find("x:note", X)
    assert (note.get("priority"), note.text) == ("1", "b2.s2: missing-term: no OCX")
    units = read_bilingual(data, path="story.pt-BR.xlf")
    assert [u.notes for u in units if u.unit == "b2/b2.s2"] == [("missing-term: no OCX",)]
    assert all(not u.notes for u in units if u.unit != "b2/b2.s2")


def test_unit_per_sentence(tmp_path: Path, validate_xliff) -> None:  # type: ignore[no-untyped-def]
    data = Xliff12Writer(WriterOptions(unit_per_sentence=True)).write(localised())
    _valid(data, tmp_path, validate_xliff)
    root = etree.fromstring(data)
    groups = root.findall(".//x:group", X)
    assert [(g.get("id"), g.get("restype")) for g in groups] == [("b1", "x-headline"), ("b2", "x-paragraph")]
    assert [tu.get("id") for tu in root.iter(f"{{{NS}}}trans-unit")] == list(TARGETS)
    assert root.find(".//x:seg-source", X) is None
    units = read_bilingual(data, path="s.xlf")
    assert [(u.unit, u.tagged_target) for u in units] == list(TARGETS.items())


def test_source_copy_mode_for_omegat(tmp_path: Path, validate_xliff) -> None:  # type: ignore[no-untyped-def]
    result = localised()
    data = Xliff12Writer(WriterOptions(target_mode="source-copy")).write(result)
    _valid(data, tmp_path, validate_xliff)
    root = etree.fromstring(data)
    assert {
        t.get("state") for t in root.iter(f"{{{NS}}}target") if t.getparent().tag.endswith("trans-unit")
    } == {"needs-translation"}
    alts = root.findall(".//x:trans-unit[@id='b2']/x:alt-trans", X)
    assert [a.get("mid") for a in alts] == ["b2.s1", "b2.s2", "b2.s3"]
    assert alts[0].get("origin") == "newsl10n:mt"
    assert (
        "".join(alts[0].find("x:target", X).itertext())
        == "Os ministros da [OCX](https://sco.int) reuniram-se."
    )
    units = read_bilingual(data, path="c.xlf")
    # The reader takes the unit's own <target> (the copy), never an alternative.
    assert [u.tagged_target for u in units] == [u.tagged_source for u in units]
    assert [u.state for u in units] == ["initial"] * len(TARGETS)


def test_recorded_fingerprint_of_other_files() -> None:
    result = localised()
    no_fp = Xliff12Writer().write(replace(result, run=replace(RUN, fingerprint="")))
    assert Xliff12Writer.recorded_fingerprint(no_fp) is None
    foreign = (
        Path(__file__).resolve().parents[1] / "data" / "dialects" / "okapi-rainbow.ru.xlf"
    ).read_bytes()
    assert Xliff12Writer.recorded_fingerprint(foreign) is None
