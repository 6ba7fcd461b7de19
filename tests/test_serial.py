"""The JSON shapes of the data model: every from_dict inverts its to_dict, and the shapes are plain JSON."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from newsl10n import serial
from newsl10n.glossary import load_glossary
from newsl10n.model import Candidate, Finding, Issue, Span
from newsl10n.mt.base import create_engine
from newsl10n.pipeline import Checker, read_document, translate_document

texts = st.text(max_size=40)
attrs = st.dictionaries(st.text(min_size=1, max_size=8), texts, max_size=4)


@given(
    st.builds(
        Span, id=texts, start=st.integers(0, 99), end=st.integers(0, 99), kind=texts, value=texts, attrs=attrs
    )
)
def test_span_round_trip(span: Span) -> None:
    d = serial.span_to_dict(span)
    assert serial.span_from_dict(json.loads(json.dumps(d))) == span


@given(
    st.builds(
        Issue,
        code=texts,
        severity=st.sampled_from(["error", "warning", "info"]),
        message=texts,
        segment_id=st.none() | texts,
        attrs=attrs,
    )
)
def test_issue_round_trip(issue: Issue) -> None:
    assert serial.issue_from_dict(json.loads(json.dumps(serial.issue_to_dict(issue)))) == issue


def test_document_translation_and_run_round_trip() -> None:
    doc = read_document(
        b"SCO summit opens\n\nThe SCO summit opened in [Tianjin](https://x.example). Talks followed.\n",
        doc_id="story.md",
        source_lang="en",
        fmt="markdown",
    )
    assert serial.document_from_dict(json.loads(json.dumps(serial.document_to_dict(doc)))) == doc
    result = translate_document(doc, "pt", create_engine("identity"))
    result = Checker([load_glossary("glossaries/sco-news.yaml")]).check_document(result)
    annotated = result.document
    assert any(s.spans for s in annotated.segments)  # term spans travel too
    assert serial.document_from_dict(json.loads(json.dumps(serial.document_to_dict(annotated)))) == annotated
    offer = (Candidate(source="The SCO met.", target="A OCX reuniu-se.", score=81.5),)
    for tr in result.translations.values():
        tr = replace(tr, candidates=offer)
        assert serial.translation_from_dict(json.loads(json.dumps(serial.translation_to_dict(tr)))) == tr
    assert serial.run_from_dict(serial.run_to_dict(result.run)) == result.run
    assert serial.run_to_dict(result.run)["signature"] == result.run.signature()


def test_finding_keeps_the_terminology_evidence_in_its_own_keys() -> None:
    f = Finding(
        file="a.xlf",
        unit="u1",
        line=3,
        target_lang="ru",
        kind="missing-term",
        severity="error",
        message="m",
        check="terms",
        attrs={"concept": "sco", "source_term": "SCO", "expected": "ШОС\nОрганизация", "found": ""},
    )
    d = serial.finding_to_dict(f)
    assert (d["concept"], d["source_term"], d["expected"]) == ("sco", "SCO", ["ШОС", "Организация"])
    assert serial.finding_from_dict(d) == f
