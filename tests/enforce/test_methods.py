"""Every term enforcement method on the real Bergamot engine, and the records they all end in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.enforce import TermEnforcer
from newsl10n.enforce_methods import ENGINE_DEFAULTS, METHODS, PSEUDO_WORDS, SATISFIED, masked, method_for
from newsl10n.errors import ConfigError
from newsl10n.glossary import load_glossary
from newsl10n.glossary.model import Concept, Glossary, Term
from newsl10n.model import PLACEHOLDER_RE
from newsl10n.mt.base import Engine, EngineOutput, create_engine
from newsl10n.pipeline import Checker, read_document, translate_document

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = load_glossary(ROOT / "glossaries" / "sco-news.tbx")

SENTENCES = [
    "The SCO summit opened in Tianjin on Monday.",
    "The Shanghai Cooperation Organisation was founded in 2001.",
    "ChatGPT and OpenAI were discussed by SCO ministers.",
    "Artificial intelligence will shape the SCO Secretariat's work.",
    "Leaders of the SCO signed a declaration in Tianjin.",
]
TOKEN_RE = re.compile(r"TERM\d|⟦\d|" + "|".join(PSEUDO_WORDS), re.IGNORECASE)
BERGAMOT_METHODS = ("repair", "placeholder", "mask", "annotate")


@pytest.fixture(scope="module")
def bergamot() -> Engine:
    return create_engine("bergamot")


def run(method: str, engine: Engine, sentences: list[str], glossaries: list[Glossary] | None = None):  # type: ignore[no-untyped-def]
    enf = TermEnforcer(glossaries or [GLOSSARY], method=method)
    pairs: list[tuple[str, str, str | None]] = [(f"s{i}", s, None) for i, s in enumerate(sentences)]
    return enf, enf.enforce_all(pairs, engine, source_lang="en", target_lang="pt")


def _met(enf: TermEnforcer, src: str, text: str) -> set[str]:
    spans = enf.annotator.source_spans(src, "en", "pt")
    return {
        s.id for s in enf.annotator.target_spans(text, spans, "pt") if s.attrs["status"] in ("allowed", "dnt")
    }


@pytest.fixture(scope="module")
def results(bergamot: Engine):  # type: ignore[no-untyped-def]
    return {m: run(m, bergamot, SENTENCES) for m in BERGAMOT_METHODS}


@pytest.mark.parametrize("method", BERGAMOT_METHODS)
def test_every_term_has_a_record_that_agrees_with_the_text(results, method: str) -> None:  # type: ignore[no-untyped-def]
    enf, done = results[method]
    for src, e in zip(SENTENCES, done, strict=True):
        terms = [s for s in enf.annotator.source_spans(src, "en", "pt") if s.kind == "term"]
        assert [r.id for r in e.spans] == [s.id for s in terms]
        met = _met(enf, src, e.text)
        for r in e.spans:
            assert r.attrs["satisfied"] in SATISFIED
            # "none" exactly when the term is not in the text, and then a warning says so.
            assert (r.attrs["satisfied"] == "none") == (r.id not in met), (method, e.text, r)
            if r.attrs["satisfied"] != "none":
                assert e.text[r.start : r.end]
        flagged = {i.attrs["concept"] for i in e.issues if i.code == "term-not-satisfied"}
        assert flagged == {r.value for r in e.spans if r.attrs["satisfied"] == "none"}
        assert not TOKEN_RE.search(e.text), e.text
        assert not PLACEHOLDER_RE.search(e.text)


@pytest.mark.parametrize("method", ["repair", "placeholder", "mask"])
def test_terms_are_satisfied(results, method: str) -> None:  # type: ignore[no-untyped-def]
    _enf, done = results[method]
    assert all(r.attrs["satisfied"] != "none" for e in done for r in e.spans), [e.text for e in done]
    assert "cúpula da OCX" in done[0].text
    assert "Organização de Cooperação de Xangai" in done[1].text


def test_placeholder_records_say_placeholder(results) -> None:  # type: ignore[no-untyped-def]
    _enf, done = results["placeholder"]
    assert {r.attrs["satisfied"] for r in done[1].spans} == {"placeholder"}
    _enf, plain = results["repair"]
    assert "placeholder" not in {r.attrs["satisfied"] for e in plain for r in e.spans}


@pytest.mark.parametrize("method", BERGAMOT_METHODS)
def test_do_not_translate_terms_come_through_unchanged(results, method: str) -> None:  # type: ignore[no-untyped-def]
    _enf, done = results[method]
    assert "ChatGPT" in done[2].text
    assert "OpenAI" in done[2].text


def test_nested_terms_longest_wins(bergamot: Engine) -> None:
    _enf, done = run("placeholder", bergamot, ["The SCO Secretariat spoke on Monday."])
    assert [r.value for r in done[0].spans] == ["sco-secretariat"]
    assert "Secretariado da OCX" in done[0].text


class DroppingEngine(Engine):
    """Bergamot, except that placeholder tokens are deleted from what it writes."""

    name: ClassVar[str] = "dropping"

    def __init__(self, inner: Engine) -> None:
        super().__init__()
        self.inner = inner

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return "dropping", ""

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        outs = self.inner.translate(texts, source_lang=source_lang, target_lang=target_lang)
        return [EngineOutput(TOKEN_RE.sub("", o.text).replace("  ", " ")) for o in outs]


@pytest.mark.parametrize("method", ["placeholder", "mask"])
def test_dropped_placeholder_is_repaired_never_published(bergamot: Engine, method: str) -> None:
    _enf, done = run(method, DroppingEngine(bergamot), SENTENCES[:2])
    for e in done:
        assert not TOKEN_RE.search(e.text)
        assert any(i.code == "term-placeholder-dropped" for i in e.issues)
        assert {r.attrs["satisfied"] for r in e.spans} <= {"model", "repair", "none"}
    assert "cúpula da OCX" in done[0].text  # repaired from the plain translation


def test_engine_without_capability_gets_its_default(bergamot: Engine) -> None:
    assert ENGINE_DEFAULTS["bergamot"] == "repair"
    assert method_for("constrain", bergamot) == "repair"
    assert method_for("nbest", bergamot) == "repair"
    assert method_for(None, bergamot) == "repair"
    assert method_for("mask", bergamot) == "mask"
    _enf, done = run("nbest", bergamot, SENTENCES[:1])
    assert "cúpula da OCX" in done[0].text


def test_unknown_method_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown term enforcement method 'magic'"):
        TermEnforcer([GLOSSARY], method="magic")
    assert set(METHODS) == {"repair", "placeholder", "mask", "annotate", "nbest", "constrain"}


@pytest.mark.parametrize("method", BERGAMOT_METHODS)
def test_missing_target_language_warns_and_translates_normally(bergamot: Engine, method: str) -> None:
    board = Concept(id="wb", terms=(Term(text="Widget Board", lang="en"), Term(text="Rada", lang="ru")))
    sentence = "The Widget Board met on Monday."
    plain = bergamot.translate([sentence], source_lang="en", target_lang="pt")[0]
    # A glossary with no Portuguese at all: a warning for the run, the sentence translated normally.
    enf, done = run(method, bergamot, [sentence], [Glossary(concepts=(board,), path="desk.yaml")])
    assert [i.code for i in enf.missing("pt")] == ["no-target-terms"]
    assert done[0].text == plain.text
    # A glossary with Portuguese for other concepts: this term is flagged, the sentence not masked.
    tianjin = Concept(id="tj", terms=(Term(text="Tianjin", lang="en"), Term(text="Tianjin", lang="pt")))
    enf, done = run(method, bergamot, [sentence], [Glossary(concepts=(board, tianjin), path="desk.yaml")])
    assert enf.missing("pt") == []
    (e,) = done
    assert e.text == plain.text
    assert [r.attrs["satisfied"] for r in e.spans] == ["none"]
    assert [i.code for i in e.issues] == ["term-not-satisfied"]


@pytest.mark.parametrize("method", ["placeholder", "mask", "annotate"])
def test_document_check_agrees_with_record(bergamot: Engine, method: str) -> None:
    path = ROOT / "examples" / "sco-ai-cooperation.txt"
    doc = read_document(path.read_bytes(), doc_id=str(path), source_lang="en", fmt="text")
    result = translate_document(doc, "pt", bergamot, enforcer=TermEnforcer([GLOSSARY], method=method))
    report = Checker([GLOSSARY], ["terms"]).check_document(result)
    flagged = {(i.segment_id, i.attrs["concept"]) for i in report.issues if i.code == "term-not-satisfied"}
    for i in report.issues:
        if i.code in ("missing-term", "dnt-changed"):
            assert (i.segment_id, i.attrs["concept"]) in flagged
    for tr in result.translations.values():
        assert not TOKEN_RE.search(tr.text)


@given(
    st.lists(
        st.sampled_from(["SCO", "Tianjin", "ChatGPT", "the SCO summit", "artificial intelligence"]),
        max_size=6,
    )
)
def test_masked_source_has_each_token_once_and_no_term(words: list[str]) -> None:
    source = " and ".join(["Leaders", *words]) + " met."
    spans = [
        s for s in TermEnforcer([GLOSSARY]).annotator.source_spans(source, "en", "pt") if s.kind == "term"
    ]
    for shape in ("term", "pseudo", "square"):
        text, pairs = masked(source, spans, shape)
        assert len(pairs) == len(spans)
        for tok, _sp in pairs:
            assert text.count(tok) == 1
        back = text
        for tok, sp in pairs:
            back = back.replace(tok, source[sp.start : sp.end])
        assert back == source  # the tokens stand exactly where the terms stood
