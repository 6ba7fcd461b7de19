"""The end-to-end stage of scripts/bench_mt.py on the tiny Marian model: whole ``translate`` runs
through the library run API with each engine, and the engine's share timed inside them."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsl10n.mt.convert import convert_model

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_mt", ROOT / "scripts" / "bench_mt.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_mt"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def models(tiny_models: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("bench-ct2")
    marian = str(tiny_models["marian"])
    int8 = convert_model(marian, base / "i8", quantization="int8")
    return {
        "transformers": tiny_models["marian"],
        "ct2-float32": convert_model(marian, base / "f32", quantization="float32"),
        "ct2-int8": int8,
        "ct2-int8-shortlist": _bench().shortlisted(int8, base / "i8-shortlist"),
    }


def test_article_is_a_headline_and_paragraphs(tmp_path: Path) -> None:
    bench = _bench()
    texts = bench.sentences(10)
    path = bench.write_article(tmp_path / "a.txt", texts, per_paragraph=4)
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    assert blocks[0] == bench.HEADLINE
    assert len(blocks) == 1 + 3  # 4 + 4 + 2 sentences
    assert " ".join(b.strip() for b in blocks[1:]) == " ".join(texts)


def test_e2e_stage_runs_whole_translations_and_times_the_engine(
    models: dict[str, Path], tmp_path: Path
) -> None:
    bench = _bench()
    common = {"sentences": 6, "tokens": 5, "threads": 1, "inter": 1, "intra": 1}
    out = bench.e2e_stage(models, common, 1, tmp_path)
    json.dumps(out)  # what --json writes
    runs = out["e2e_runs"]
    assert set(runs) == {"transformers", "ct2-float32", "ct2-int8", "ct2-int8-shortlist"}
    for label, r in runs.items():
        # 6 sentences and the headline, every default output kind written
        assert r["segments"] == 7, label
        assert r["files"] == 4, label
        assert 0 < r["engine_s"] < r["wall_s"], label
        assert r["engine_calls"] >= 1, label
        assert 0 < r["model_load_s"] <= r["engine_s"], label
        assert r["outside_engine_s"] == pytest.approx(r["wall_s"] - r["engine_s"])
        assert len(list((tmp_path / f"out-{label}").glob("bench-article.*.xlf"))) == 1
    for key in (
        "e2e_ratio_ct2_int8_vs_transformers_beam4",
        "e2e_ratio_ct2_float32_vs_transformers_beam4",
        "e2e_ratio_ct2_int8_shortlist_vs_transformers_beam4",
    ):
        assert out[key] > 0
    for key in ("outside_engine_share_transformers", "outside_engine_share_ct2_int8"):
        assert 0 < out[key] < 1


def test_bench_shortlist_has_the_size_of_a_learned_one(models: dict[str, Path]) -> None:
    bench = _bench()
    path = models["ct2-int8-shortlist"]
    lines = (path / "vmap.txt").read_text(encoding="utf-8").splitlines()
    fixed = lines[0].split("\t")[1].split()
    assert lines[0].startswith("\t") and len(fixed) == min(bench.SHORTLIST_FREQUENT, len(fixed))
    assert all(len(line.split("\t")[1].split()) == bench.SHORTLIST_PER_TOKEN for line in lines[1:])
    assert (path / "model.bin").stat().st_ino == (models["ct2-int8"] / "model.bin").stat().st_ino
    size = bench.shortlist_size(path, 32, 16)
    assert len(fixed) <= size
