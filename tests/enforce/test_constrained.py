"""Constrained decoding on tiny random-weight models: forced target terms always appear."""

from __future__ import annotations

from pathlib import Path

import pytest

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
