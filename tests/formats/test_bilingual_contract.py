"""One contract every bilingual writer/reader pair passes: write → read gives the same units.

Each pair opts in with a subclass naming its writer, options and granularity (a unit per
sentence or per block). The contract checks, on the real pipeline's output and on hypothesis-
generated articles with inline codes, findings and mixed origins: the same segments, tagged
source and target text, states, notes and inline-code markup; valid files; byte-identical
output on a second write; the fingerprint read back structurally.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsl10n.formats.base import WriterOptions
from newsl10n.formats.bilingual import read_bilingual
from newsl10n.formats.markdown import MarkdownArticleFormat
from newsl10n.formats.po import PoWriter
from newsl10n.formats.tmx import TmxWriter
from newsl10n.formats.xliff import XliffWriter
from newsl10n.formats.xliff12 import Xliff12Writer, segment_state
from newsl10n.model import (
    PLACEHOLDER_RE,
    BilingualUnit,
    Block,
    Issue,
    LocalisedDocument,
    Origin,
    RunInfo,
    Segment,
    Translation,
)
from newsl10n.mt.base import create_engine
from newsl10n.pipeline import read_document, segment_document, translate_document

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "schemas"
RUN = RunInfo(
    tool_version="0.0.test", segmenter="rules-v1", engine="test", model="m", fingerprint="sha256:0123abcd"
)
ARTICLE = (
    b"# SCO agrees **AI** plan\n\n*By Jane Doe*\n\n"
    b"Ministers of the [SCO](https://sco.int) met in Tianjin. They agreed on a **plan**. "
    b"It starts in `2026`.\n\nKazakhstan will host the next summit.\n"
)
_RANK = {"initial": 0, "translated": 1, "reviewed": 2, "final": 3}

Expected = tuple[str, str, str, str, tuple[str, ...], tuple[tuple[str, str], ...]]
"""(tagged source, tagged target, state, qualifier, notes, placeholder → markup)."""


def _markup(block: Block, *texts: str) -> tuple[tuple[str, str], ...]:
    ids = {c.id for c in block.codes}
    out: dict[str, str] = {}
    for text in texts:
        for m in PLACEHOLDER_RE.finditer(text):
            if int(m.group(2)) in ids:
                code = block.code(int(m.group(2)))
                out[m.group(0)] = code.closing if m.group(1) else code.opening
    return tuple(sorted(out.items()))


def _unit_markup(unit: BilingualUnit) -> tuple[tuple[str, str], ...]:
    codes = {c.id: c for c in unit.codes}
    out: dict[str, str] = {}
    for text in (unit.tagged_source, unit.tagged_target):
        for m in PLACEHOLDER_RE.finditer(text):
            code = codes.get(int(m.group(2)))
            if code is not None:
                out[m.group(0)] = code.closing if m.group(1) else code.opening
    return tuple(sorted(out.items()))


def _notes(result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, ...]:
    return tuple(f"{i.code}: {i.message}" for s in segs if (t := result.translation(s.id)) for i in t.issues)


class BilingualContract:
    """The contract; a subclass sets the writer class, its options and how it groups sentences."""

    WriterClass: ClassVar[type] = XliffWriter
    options: ClassVar[WriterOptions] = WriterOptions()
    per_block: ClassVar[bool] = False
    suffix: ClassVar[str] = ".xlf"

    def write(self, result: LocalisedDocument) -> bytes:
        data: bytes = self.WriterClass(self.options).write(result)
        return data

    def state(self, result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, str]:
        """The (state, qualifier) the format carries for a unit made of these sentences."""
        return segment_state(result.translation(segs[0].id))

    def expected(self, result: LocalisedDocument) -> list[Expected]:
        out: list[Expected] = []
        for block in result.document.blocks:
            groups = [block.segments] if self.per_block else [(s,) for s in block.segments]
            for segs in groups:
                if not segs:
                    continue
                if self.per_block:
                    src = "".join(s.text for s in segs).rstrip()
                    tgt = "".join(result.target_segment_text(s) for s in segs).rstrip()
                else:
                    src = segs[0].content
                    tr = result.translation(segs[0].id)
                    tgt = tr.text if tr else ""
                state, qualifier = self.state(result, segs)
                out.append((src, tgt, state, qualifier, _notes(result, segs), _markup(block, src, tgt)))
        return out

    def validate(self, data: bytes, tmp_path: Path) -> None:
        """Check the file against its format's schema (a subclass overrides)."""
        etree.fromstring(data)

    def read(self, data: bytes) -> list[Expected]:
        units = read_bilingual(data, path=f"story.pt{self.suffix}")
        return [
            (u.tagged_source, u.tagged_target, u.state, u.state_qualifier, u.notes, _unit_markup(u))
            for u in units
        ]

    # ------------------------------------------------------------------------------------ the tests

    def test_round_trip_of_the_real_pipeline(self, tmp_path: Path) -> None:
        doc = read_document(ARTICLE, doc_id="story.md", source_lang="en", fmt="markdown")
        result = translate_document(doc, "pt", create_engine("identity"))
        result = replace(result, run=replace(result.run, fingerprint="sha256:feed"))
        data = self.write(result)
        self.validate(data, tmp_path)
        assert self.read(data) == self.expected(result)
        assert self.write(result) == data, "the same run must give byte-identical output"
        assert self.WriterClass.recorded_fingerprint(data) == "sha256:feed"

    def test_languages_and_ids_are_declared(self) -> None:
        result = hand_made()
        units = read_bilingual(self.write(result), path=f"story.pt{self.suffix}")
        assert {(u.source_lang, u.target_lang) for u in units} == {("en", "pt")}
        assert len({u.unit for u in units}) == len(units)
        kinds = {u.kind for u in units}
        assert kinds <= {b.kind for b in result.document.blocks} | {""}

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    )
    @given(data=st.data())
    def test_round_trip_property(self, data: st.DataObject) -> None:
        result = data.draw(localised_documents())
        written = self.write(result)
        assert self.read(written) == self.expected(result)


# --------------------------------------------------------------------------------------- strategies

_WORDS = st.sampled_from(
    [
        "SCO",
        "ministers",
        "met",
        "in",
        "Tianjin",
        "Kazakhstan",
        "said",
        "3.5%",
        "上海合作组织",
        "Шанхай",
        "é",
        "&",
        "<b>",
        "'q'",
        '"x"',
    ]
)


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=6))
    style = draw(st.sampled_from(["plain", "bold", "link", "code", "italic"]))
    i = draw(st.integers(min_value=0, max_value=len(words) - 1))
    if style == "bold":
        words[i] = f"**{words[i]}**"
    elif style == "italic":
        words[i] = f"*{words[i].strip('*')}*" if words[i].isalpha() else words[i]
    elif style == "link":
        words[i] = f"[{words[i]}](https://example.org/{i}?a=1&b=2)"
    elif style == "code":
        words[i] = f"`{words[i]}`"
    # A leading word, so that no paragraph reads as raw HTML or a Markdown marker.
    lead = draw(st.sampled_from(["Ministers", "Leaders", "Delegates"]))
    return lead + " " + " ".join(words) + draw(st.sampled_from([".", "!", "?"]))


@st.composite
def localised_documents(draw: st.DrawFn) -> LocalisedDocument:
    paragraphs = draw(st.lists(st.lists(_sentence(), min_size=1, max_size=3), min_size=1, max_size=4))
    text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    doc = segment_document(MarkdownArticleFormat().read(text.encode(), doc_id="story.md", source_lang="en"))
    translations = {}
    for block in doc.blocks:
        for seg in block.segments:
            origin: Origin = draw(st.sampled_from(["mt", "tm", "human", "copy"]))
            score = draw(st.sampled_from([None, 1.0, 0.8])) if origin == "tm" else None
            issues = tuple(
                Issue(code=code, severity=sev, message=f"check {seg.id} ⟦1⟧ & <x>", segment_id=seg.id)
                for code, sev in draw(
                    st.lists(
                        st.tuples(
                            st.sampled_from(["missing-term", "markup-placed"]),
                            st.sampled_from(["error", "warning", "info"]),
                        ),
                        max_size=2,
                        unique_by=lambda t: t[0],
                    )
                )
            )
            # A target that keeps the segment's placeholders, in order, around other text.
            parts = PLACEHOLDER_RE.split(seg.content)
            target = "".join(
                (p.upper() if i % 3 == 0 else f"⟦{'/' if p == '/' else ''}" if i % 3 == 1 else f"{p}⟧")
                for i, p in enumerate(parts)
            )
            translations[seg.id] = Translation(
                segment_id=seg.id,
                target_lang="pt",
                text=target or "X",
                origin=origin,
                engine="test",
                score=score,
                issues=issues,
            )
    issues = tuple(i for t in translations.values() for i in t.issues)
    return LocalisedDocument(
        document=doc, target_lang="pt", translations=translations, run=RUN, issues=issues
    )


def hand_made() -> LocalisedDocument:
    doc = read_document(ARTICLE, doc_id="story.md", source_lang="en", fmt="markdown")
    result = translate_document(doc, "pt", create_engine("identity"))
    return replace(result, run=RUN)


# ------------------------------------------------------------------------------------------- pairs


def _xliff2_state(result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, str]:
    tr = result.translation(segs[0].id)
    return ("initial" if tr is None else "reviewed" if tr.origin == "human" else "translated"), ""


class TestXliff21(BilingualContract):
    WriterClass = XliffWriter
    suffix = ".xlf"

    def state(self, result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, str]:
        return _xliff2_state(result, segs)

    def validate(self, data: bytes, tmp_path: Path) -> None:
        _xsd_valid(data, tmp_path)


class TestXliff12(BilingualContract):
    WriterClass = Xliff12Writer
    suffix = ".xlf"

    def state(self, result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, str]:
        # One <target> per block: the least advanced state of its sentences; a qualifier they share.
        block_id = segs[0].block_id
        block = result.document.block(block_id)
        states = [segment_state(result.translation(s.id)) for s in block.segments]
        state = min((s for s, _ in states), key=_RANK.__getitem__)
        qualifiers = {q for s, q in states if s == state}
        return state, qualifiers.pop() if len(qualifiers) == 1 else ""

    def validate(self, data: bytes, tmp_path: Path) -> None:
        _xsd_valid(data, tmp_path)


class TestXliff12UnitPerSentence(BilingualContract):
    WriterClass = Xliff12Writer
    options = WriterOptions(unit_per_sentence=True)
    suffix = ".xlf"

    def validate(self, data: bytes, tmp_path: Path) -> None:
        _xsd_valid(data, tmp_path)


class TestTmx(BilingualContract):
    WriterClass = TmxWriter
    suffix = ".tmx"

    def validate(self, data: bytes, tmp_path: Path) -> None:
        _dtd_valid(data)


def _po_state(result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, str]:
    states = [segment_state(result.translation(s.id))[0] for s in segs]
    return ("reviewed" if all(s in ("reviewed", "final") for s in states) else "translated"), ""


class TestPo(BilingualContract):
    WriterClass = PoWriter
    per_block = True
    suffix = ".po"

    def state(self, result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, str]:
        return _po_state(result, segs)

    def validate(self, data: bytes, tmp_path: Path) -> None:
        polib = pytest.importorskip("polib")
        path = tmp_path / "x.po"
        path.write_bytes(data)
        assert len([e for e in polib.pofile(str(path)) if not e.obsolete]) > 0


class TestPoUnitPerSentence(TestPo):
    options = WriterOptions(unit_per_sentence=True)
    per_block = False


# ----------------------------------------------------------------------------------------- helpers


def _xsd_valid(data: bytes, tmp_path: Path) -> None:
    import subprocess
    import sys

    script = SCHEMAS / "validate.py"
    if not script.is_file():
        pytest.fail("../shared/schemas/validate.py is missing: shared/ must sit beside the project")
    path = tmp_path / "out.xlf"
    path.write_bytes(data)
    proc = subprocess.run([sys.executable, str(script), str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


_DTD: list[etree.DTD] = []


def _dtd_valid(data: bytes) -> None:
    dtd_path = SCHEMAS / "tmx14.dtd"
    if not dtd_path.is_file():
        pytest.fail("../shared/schemas/tmx14.dtd is missing: shared/ must sit beside the project")
    if not _DTD:
        _DTD.append(etree.DTD(str(dtd_path)))
    tree = etree.fromstring(data, etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    assert _DTD[0].validate(tree), _DTD[0].error_log.filter_from_errors()
