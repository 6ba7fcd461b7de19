"""Constrained decoding on tiny random-weight models: forced target terms always appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.enforce import TermEnforcer
from newsl10n.glossary.model import Concept, Glossary, Term
from newsl10n.mt.base import EngineOptions, create_engine
from newsl10n.mt.constrained import constrained_generate

CASES = [
    ("The Shanghai Cooperation Organisation met in Tianjin.", ["Organização de Cooperação de Xangai"]),
    ("Ministers agreed on a plan.", ["ministros", "plano"]),
    ("The summit will take place in Astana.", ["Astana"]),
    ("Leaders from China and Russia attended.", []),
]


@pytest.mark.parametrize("kind", ["marian", "m2m100"])
def test_forced_terms_always_appear(tiny_models: dict[str, Path], kind: str) -> None:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    path = tiny_models[kind]
    tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(str(path), local_files_only=True).eval()
    bos = None
    if kind == "m2m100":
        tok.src_lang, tok.tgt_lang = "en", "pt"
        bos = tok.convert_tokens_to_ids("__pt__")
    texts = [t for t, _ in CASES]
    wanted = [c for _, c in CASES]
    outs = constrained_generate(model, tok, texts, wanted, num_beams=3, forced_bos_token_id=bos)
    assert len(outs) == len(texts)
    for out, terms in zip(outs, wanted, strict=True):
        for term in terms:
            assert term in out, (term, out)


TINY_GLOSSARY = Glossary(
    concepts=(
        Concept(
            id="sco",
            terms=(
                Term(text="Shanghai Cooperation Organisation", lang="en"),
                Term(text="Organização de Cooperação de Xangai", lang="pt"),
            ),
        ),
        Concept(id="min", terms=(Term(text="ministers", lang="en"), Term(text="ministros", lang="pt"))),
        Concept(id="plan", terms=(Term(text="plan", lang="en"), Term(text="plano", lang="pt"))),
        Concept(id="astana", terms=(Term(text="Astana", lang="en"), Term(text="Astana", lang="pt"))),
        Concept(id="opus", terms=(Term(text="OPUS", lang="en"),), dnt=True),
    ),
    path="tiny.yaml",
)
SENTENCES = [
    "The Shanghai Cooperation Organisation met in Astana.",
    "The ministers agreed on a plan.",
    "OPUS models were discussed.",
    "Leaders from China and Russia attended.",
]


@pytest.mark.parametrize("kind", ["marian", "m2m100"])
def test_enforcer_with_constraints_always_meets_the_terms(tiny_models: dict[str, Path], kind: str) -> None:
    engine = create_engine("transformers", EngineOptions(model=str(tiny_models[kind]), beam_size=3))
    assert "constraints" in engine.capabilities
    enf = TermEnforcer([TINY_GLOSSARY])
    assert enf.method_for(engine) == "constrain"  # the transformers engine's default
    pairs: list[tuple[str, str, str | None]] = [(f"s{i}", s, None) for i, s in enumerate(SENTENCES)]
    done = enf.enforce_all(pairs, engine, source_lang="en", target_lang="pt")
    wanted = [["Organização de Cooperação de Xangai", "Astana"], ["ministros", "plano"], ["OPUS"], []]
    for e, terms in zip(done, wanted, strict=True):
        for term in terms:
            assert term in e.text, (term, e.text)
        assert [r.attrs["satisfied"] for r in e.spans] == ["constraint"] * len(terms), e.spans
        assert not [i for i in e.issues if i.code == "term-not-satisfied"]


def test_constraint_processor_alternatives_and_glue() -> None:
    """Greedy decoding over random scores: every phrase appears in one of its forms, unglued."""
    import torch

    from newsl10n.mt.constrained import ConstraintProcessor

    gen = torch.Generator().manual_seed(1)
    for trial in range(30):
        vocab, eos = 20, 0
        phrases = [[[3, 4, 5], [7]], [[9, 9]]]
        alternatives = [[[[4, 5]], [[8, 6]]], [[]]]
        glue = [11, 12, 13]
        limit = 14
        proc = ConstraintProcessor(phrases, 1, limit, eos, alternatives=alternatives, glue=glue)
        rows = torch.zeros((2, 1), dtype=torch.long) + 1
        for _ in range(limit - 1):
            scores = torch.rand((2, vocab), generator=gen)
            scores[:, glue] += 2.0  # the model would love to glue a letter on
            scores[:, eos] += 0.5 if trial % 2 else 0.0
            nxt = proc(rows, scores).argmax(dim=1, keepdim=True)
            rows = torch.cat([rows, nxt], dim=1)
        for row, forms_per in zip(rows.tolist(), proc.groups, strict=True):
            body = row[1 : row.index(eos, 1)] if eos in row[1:] else row[1:]
            for forms in forms_per:
                ends = [
                    i + len(f)
                    for f in forms
                    for i in range(len(body) - len(f) + 1)
                    if body[i : i + len(f)] == f
                ]
                assert ends, (forms, body)
                assert any(e == len(body) or body[e] not in glue for e in ends), body


def test_translate_document_runs_each_sentence_with_terms_through_the_method_once(
    tiny_models: dict[str, Path],
) -> None:
    """Constrained decoding translates the sentences with terms; they are not translated plainly first."""
    from newsl10n.mt.hf import TransformersEngine
    from newsl10n.pipeline import read_document, translate_document

    class Counting(TransformersEngine):
        plain: list[str] = []  # noqa: RUF012 - one engine per test
        constrained: list[str] = []  # noqa: RUF012

        def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str):  # type: ignore[no-untyped-def]
            self.plain.extend(texts)
            return super()._translate_batch(texts, source_lang=source_lang, target_lang=target_lang)

        def translate_constrained(self, texts, constraints, **kw):  # type: ignore[no-untyped-def]
            self.constrained.extend(texts)
            return super().translate_constrained(texts, constraints, **kw)

    engine = Counting(EngineOptions(model=str(tiny_models["marian"]), beam_size=2, guards=False))
    text = " ".join(SENTENCES).encode()
    doc = read_document(text, doc_id="t.txt", source_lang="en", fmt="text")
    result = translate_document(doc, "pt", engine, enforcer=TermEnforcer([TINY_GLOSSARY]))
    with_terms = SENTENCES[:3]
    assert sorted(engine.constrained) == sorted(with_terms)
    assert not set(engine.plain) & set(with_terms)  # not translated twice
    assert "Leaders from China and Russia attended." in engine.plain
    assert "Organização de Cooperação de Xangai" in " ".join(t.text for t in result.translations.values())
