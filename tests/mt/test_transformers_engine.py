"""The transformers engine on tiny local models (random weights, real SentencePiece vocabularies)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsl10n.errors import ConfigError, EngineError
from newsl10n.mt.base import EngineOptions, create_engine
from newsl10n.mt.hf import TransformersEngine, _family

SENTENCES = ["The SCO met in Tianjin.", "Ministers agreed on a plan.", "", "The SCO met in Tianjin."]


def engine(model: Path, **kw) -> TransformersEngine:
    e = create_engine("transformers", EngineOptions(model=str(model), **kw))
    assert isinstance(e, TransformersEngine)
    return e


@pytest.mark.parametrize(
    ("kind", "family", "pair"),
    [
        ("marian", "marian", ("en", "ru")),
        ("marian-multi", "marian", ("en", "zh")),
        ("m2m100", "m2m100", ("en", "kk")),
    ],
)
def test_translates_and_is_deterministic(tiny_models, kind: str, family: str, pair: tuple[str, str]) -> None:
    e = engine(tiny_models[kind], beam_size=2)
    out = e.translate(SENTENCES, source_lang=pair[0], target_lang=pair[1])
    assert len(out) == len(SENTENCES)
    assert out[2].text == ""
    assert out[0].text and out[0] == out[3]
    again = engine(tiny_models[kind], beam_size=2).translate(
        SENTENCES, source_lang=pair[0], target_lang=pair[1]
    )
    assert [o.text for o in again] == [o.text for o in out]
    loaded = e._loaded[str(tiny_models[kind])]
    assert loaded.family == family
    name, revision = e.describe(*pair)
    assert name == kind and revision.startswith("local:")  # read from disk, loaded or not


def test_marian_multi_target_prefix_token(tiny_models) -> None:
    from newsl10n.mt.hf import _marian_prefix

    e = engine(tiny_models["marian-multi"])
    tok = e._load(str(tiny_models["marian-multi"])).tokenizer
    assert _marian_prefix(tok, "zh") == ">>cmn_Hans<< "
    assert _marian_prefix(tok, "ru") == ">>rus<< "
    with pytest.raises(ConfigError, match="target-language token"):
        _marian_prefix(tok, "kk")
    plain = engine(tiny_models["marian"])
    assert _marian_prefix(plain._load(str(tiny_models["marian"])).tokenizer, "zh") == ""


def test_m2m100_forces_the_target_language(tiny_models) -> None:
    import torch

    e = engine(tiny_models["m2m100"], beam_size=1)
    lm = e._load(str(tiny_models["m2m100"]))
    prefix, kwargs = e.generation_setup(lm, "en", "zh")
    assert prefix == ""
    assert lm.tokenizer.src_lang == "en"
    zh_id = lm.tokenizer.convert_tokens_to_ids("__zh__")
    assert kwargs["forced_bos_token_id"] == zh_id
    enc = lm.tokenizer(["The SCO met in Tianjin."], return_tensors="pt")
    with torch.inference_mode():
        ids = lm.model.generate(**enc, **kwargs, max_new_tokens=5)[0].tolist()
    assert ids[1] == zh_id  # after the decoder start token comes the target language
    zh = e.translate(["The SCO met in Tianjin."], source_lang="en", target_lang="zh")
    assert "__zh__" not in zh[0].text
    with pytest.raises(ConfigError, match="no language 'ky'"):
        e.translate(["x"], source_lang="en", target_lang="ky")


def test_truncation_is_reported_per_sentence(tiny_models) -> None:
    e = engine(tiny_models["marian"], beam_size=1)
    long = " ".join(["cooperation"] * 400)
    out = e.translate(["Short one.", long], source_lang="en", target_lang="ru")
    assert not [i for i in out[0].issues if i.code == "truncated-input"]
    (issue,) = [i for i in out[1].issues if i.code == "truncated-input"]
    assert issue.severity == "error" and "at most 128" in issue.message


def test_directory_that_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "README.txt").write_text("not a model")
    e = create_engine("transformers", EngineOptions(model=str(tmp_path)))
    with pytest.raises(EngineError, match=r"no config\.json"):
        e.translate(["x"], source_lang="en", target_lang="zh")


def test_missing_directory(tmp_path: Path) -> None:
    e = create_engine("transformers", EngineOptions(model=str(tmp_path / "nope")))
    with pytest.raises(EngineError, match="no such directory"):
        e.translate(["x"], source_lang="en", target_lang="zh")


def test_uncached_hub_model_fails_fast_offline() -> None:
    e = create_engine("transformers", EngineOptions(model="Helsinki-NLP/opus-mt-en-zh"))
    start = time.monotonic()
    with pytest.raises(EngineError) as err:
        e.translate(["x"], source_lang="en", target_lang="zh")
    assert "Helsinki-NLP/opus-mt-en-zh" in str(err.value)
    assert "--model" in str(err.value)
    assert "hf download Helsinki-NLP/opus-mt-en-zh" in str(err.value)  # huggingface-cli is gone
    # Not a speed assertion: a hub retry loop takes about a minute, this is a clear upper bound.
    assert time.monotonic() - start < 30


def test_default_model_comes_from_the_routing_table() -> None:
    e = TransformersEngine()
    assert e.model_for("en", "zh") == "Helsinki-NLP/opus-mt-en-zh"
    assert e.model_for("en", "kk") == "facebook/nllb-200-distilled-600M"


def test_family_detection_by_names() -> None:
    class Cfg:
        model_type = "m2m_100"

    class NllbTokenizer:
        pass

    class M2M100Tokenizer:
        pass

    assert _family(Cfg(), NllbTokenizer()) == "nllb"
    assert _family(Cfg(), M2M100Tokenizer()) == "m2m100"


def test_bad_options_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="beam size"):
        EngineOptions(beam_size=0)
    with pytest.raises(ConfigError, match="unknown device"):
        EngineOptions(device="tpu")
