"""Model routing: the built-in table, newsl10n.toml overrides, pivots and the fastest installed engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.errors import ConfigError
from newsl10n.mt.base import EngineOptions
from newsl10n.mt.pivot import PivotEngine
from newsl10n.mt.routing import (
    NLLB_DEFAULT,
    build_engine,
    converted_models,
    find_config,
    list_routes,
    load_config,
    plan,
    route,
)

CONFIG = """
[[route]]
source = "en"
target = "kk"
model = "{model}"
licence = "test licence"

[[route]]
source = "zh"
target = "kk"
pivot = "en"

[[route]]
source = "zh"
target = "en"
engine = "identity"
"""


def write_config(tmp_path: Path, model: Path) -> Path:
    path = tmp_path / "newsl10n.toml"
    path.write_text(CONFIG.format(model=model), encoding="utf-8")
    return path


def test_default_table_is_unchanged() -> None:
    assert route("en", "pt-BR").engine == "bergamot"
    assert route("en", "zh").model == "Helsinki-NLP/opus-mt-en-zh"
    assert route("en", "kk").model == NLLB_DEFAULT


def test_config_overrides_a_pair_and_pivots_another(tmp_path: Path, tiny_models) -> None:
    cfg = load_config(write_config(tmp_path, tiny_models["m2m100"]))
    direct = plan("en", "kk", cfg, converted={})
    assert direct.pivot is None and direct.legs[0].model == str(tiny_models["m2m100"])
    assert direct.legs[0].engine == "transformers"  # no engine given: the one that claims the model
    assert direct.installed and direct.legs[0].origin == "config"
    pivoted = plan("zh", "kk", cfg, converted={})
    assert pivoted.pivot == "en" and [leg.engine for leg in pivoted.legs] == ["identity", "transformers"]


def test_pivot_engine_is_built_and_translates(tmp_path: Path, tiny_models) -> None:
    cfg = load_config(write_config(tmp_path, tiny_models["m2m100"]))
    engine = build_engine(plan("zh", "kk", cfg, converted={}), EngineOptions(beam_size=1, guards=False))
    assert isinstance(engine, PivotEngine)
    (out,) = engine.translate(["上海合作组织在天津举行会议。"], source_lang="zh", target_lang="kk")
    assert out.text
    model, _ = engine.describe("zh", "kk")
    assert model.endswith("(pivot en)") and "m2m100" in model


def test_fastest_installed_engine_is_picked(tmp_path: Path, tiny_models) -> None:
    pytest.importorskip("ctranslate2")
    from newsl10n.mt.convert import convert_model

    models = tmp_path / "models"
    cfg = load_config(write_config(tmp_path, tiny_models["m2m100"]))
    convert_model(str(tiny_models["m2m100"]), models / "m2m100-int8", quantization="int8")
    found = converted_models(models)
    assert found == {str(tiny_models["m2m100"]): models / "m2m100-int8"}
    (leg,) = plan("en", "kk", cfg, converted=found).legs
    assert leg.engine == "ctranslate2" and leg.model == str(models / "m2m100-int8")
    from newsl10n.registry import names

    if "ctranslate2" in names("engine"):  # registered by the package's entry points
        assert build_engine(plan("en", "kk", cfg, converted=found)).name == "ctranslate2"


def test_list_routes_for_models_list(tmp_path: Path, tiny_models) -> None:
    cfg = load_config(write_config(tmp_path, tiny_models["m2m100"]))
    rows = {(r.source_lang, r.target_lang): r for r in list_routes(cfg, converted={})}
    assert rows[("en", "pt")].installed and rows[("en", "pt")].model == "(bundled)"
    assert not rows[("en", "zh")].installed  # no hub download happens in tests
    assert rows[("en", "kk")].licence == "test licence" and rows[("en", "kk")].installed
    assert rows[("zh", "kk")].pivot == "en" and rows[("zh", "kk")].origin == "config"
    assert set(rows[("en", "pt")].to_dict()) >= {"engine", "model", "licence", "installed"}


def test_config_is_found_upwards_and_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSL10N_CONFIG", raising=False)
    (tmp_path / "newsl10n.toml").write_text("", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "newsl10n.toml"
    monkeypatch.setenv("NEWSL10N_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match="does not exist"):
        find_config(deep)


def test_bad_config_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "newsl10n.toml"
    path.write_text(
        '[[route]]\nsource = "en"\n\n[[route]]\nsource = "en"\ntarget = "de"\n\n'
        '[[route]]\nsource = "en"\ntarget = "fr"\nengine = "x"\ncolour = "red"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert "route 1: missing 'target'" in message
    assert "route 2 (en→de): give an engine" in message
    assert "route 3: unknown keys colour" in message
    path.write_text("[[route]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
