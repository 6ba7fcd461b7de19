"""The ctranslate2 engine and model conversion, on the tiny models built by scripts/make_tiny_model.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

from newsl10n.errors import ConfigError, EngineError, MissingDependencyError
from newsl10n.mt.base import EngineOptions, engine_for_model
from newsl10n.mt.bergamot import BergamotEngine
from newsl10n.mt.convert import convert_model
from newsl10n.mt.ct2 import CTranslate2Engine
from newsl10n.mt.hf import TransformersEngine

SENTENCES = [
    "The SCO met in Tianjin.",
    "Ministers agreed on a plan for artificial intelligence cooperation.",
    "The summit will take place in Astana on 4 July 2026.",
    "",
    "Leaders from China, Russia, India and Pakistan attended.",
]
PAIRS = {"marian": ("en", "ru"), "marian-multi": ("en", "zh"), "m2m100": ("en", "kk")}


@pytest.fixture(scope="session")
def ct2_models(tiny_models, tmp_path_factory) -> dict[str, Path]:
    """float32 CTranslate2 conversions of the tiny models, plus an int8 one of marian."""
    base = tmp_path_factory.mktemp("ct2")
    out = {kind: convert_model(str(tiny_models[kind]), base / kind, quantization=None) for kind in PAIRS}
    out["marian-int8"] = convert_model(str(tiny_models["marian"]), base / "marian-int8", quantization="int8")
    return out


@pytest.mark.parametrize("kind", sorted(PAIRS))
@pytest.mark.parametrize("beam", [1, 4])
def test_same_output_as_transformers_for_float32(tiny_models, ct2_models, kind: str, beam: int) -> None:
    src, tgt = PAIRS[kind]
    opts = {"beam_size": beam, "guards": False}
    hf = TransformersEngine(EngineOptions(model=str(tiny_models[kind]), **opts))
    ct2 = CTranslate2Engine(EngineOptions(model=str(ct2_models[kind]), **opts))
    expected = hf.translate(SENTENCES, source_lang=src, target_lang=tgt)
    got = ct2.translate(SENTENCES, source_lang=src, target_lang=tgt)
    assert [o.text for o in got] == [o.text for o in expected]
    assert [[i.code for i in o.issues] for o in got] == [[i.code for i in o.issues] for o in expected]
    assert got[3].text == "" and got[0].text


def test_converted_directory_layout_and_provenance(tiny_models, ct2_models) -> None:
    path = ct2_models["marian-int8"]
    assert (path / "model.bin").is_file() and (path / "tokenizer").is_dir()
    marker = json.loads((path / "newsl10n.json").read_text())
    assert marker["family"] == "marian" and marker["quantization"] == "int8"
    assert marker["max_input_tokens"] == 128
    e = CTranslate2Engine(EngineOptions(model=str(path)))
    assert e.describe("en", "ru") == ("marian@ct2-int8", marker["revision"])
    out = e.translate(["The SCO met in Tianjin."], source_lang="en", target_lang="ru")
    assert out[0].text


def test_claims_pick_the_engine_by_directory(tiny_models, ct2_models, tmp_path: Path) -> None:
    candidates = [
        ("transformers", TransformersEngine),
        ("bergamot", BergamotEngine),
        ("ctranslate2", CTranslate2Engine),
    ]
    assert engine_for_model(str(ct2_models["marian"]), candidates) == "ctranslate2"
    assert engine_for_model(str(tiny_models["marian"]), candidates) == "transformers"
    assert engine_for_model("Helsinki-NLP/opus-mt-en-zh", candidates) == "transformers"
    assert engine_for_model(str(tmp_path), candidates) is None
    assert not CTranslate2Engine.claims(str(tiny_models["m2m100"]))
    assert not TransformersEngine.claims(str(ct2_models["m2m100"]))


def test_nbest_is_sorted_with_scores(ct2_models, tiny_models) -> None:
    e = CTranslate2Engine(EngineOptions(model=str(ct2_models["m2m100"]), beam_size=4))
    assert "nbest" in e.capabilities
    (rows,) = e.translate_nbest(["The SCO met in Tianjin."], source_lang="en", target_lang="kk", n=3)
    assert len(rows) == 3
    scores = [r.score for r in rows]
    assert all(s is not None for s in scores) and scores == sorted(scores, reverse=True)
    hf = TransformersEngine(EngineOptions(model=str(tiny_models["m2m100"]), beam_size=4))
    (hf_rows,) = hf.translate_nbest(["The SCO met in Tianjin."], source_lang="en", target_lang="kk", n=3)
    assert len(hf_rows) == 3 and hf_rows[0].text == rows[0].text


def test_over_long_input_is_split_at_clauses_not_truncated(ct2_models) -> None:
    e = CTranslate2Engine(EngineOptions(model=str(ct2_models["marian"]), beam_size=1, guards=False))
    clause = "ministers agreed on a plan for cooperation in Tianjin"
    long = "; ".join([clause] * 20) + "."
    (out,) = e.translate([long], source_lang="en", target_lang="ru")
    codes = [i.code for i in out.issues]
    assert "mt-split" in codes and "truncated-input" not in codes
    split = next(i for i in out.issues if i.code == "mt-split")
    assert split.severity == "warning" and int(split.attrs["parts"]) >= 2


def test_options_and_errors(ct2_models, tmp_path: Path) -> None:
    e = CTranslate2Engine(EngineOptions(model=str(ct2_models["marian"]), extra={"inter_threads": 1}))
    assert e.inter_threads == 1 and e.intra_threads >= 1
    with pytest.raises(EngineError, match="needs --model"):
        CTranslate2Engine().translate(["x"], source_lang="en", target_lang="ru")
    with pytest.raises(EngineError, match="not a CTranslate2 model directory"):
        CTranslate2Engine(EngineOptions(model=str(tmp_path))).translate(
            ["x"], source_lang="en", target_lang="ru"
        )
    with pytest.raises(ConfigError, match="unknown quantization"):
        convert_model(str(tmp_path), tmp_path / "out", quantization="int3")
    with pytest.raises(ConfigError, match="already exists"):
        convert_model(str(tmp_path), ct2_models["marian"])


def test_missing_ctranslate2_names_the_extra(monkeypatch: pytest.MonkeyPatch, ct2_models) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    e = CTranslate2Engine(EngineOptions(model=str(ct2_models["marian"])))
    with pytest.raises(MissingDependencyError, match=r"newsl10n\[ct2\]"):
        e.translate(["x"], source_lang="en", target_lang="ru")
