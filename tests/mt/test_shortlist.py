"""Target-vocabulary shortlists (mt/shortlist.py) on the tiny CTranslate2 models, and their CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

from newsl10n.corpus import read_corpus
from newsl10n.errors import ConfigError, EngineError, FormatError
from newsl10n.mt.base import EngineOptions
from newsl10n.mt.convert import convert_model
from newsl10n.mt.ct2 import CTranslate2Engine
from newsl10n.mt.shortlist import VMAP, Shortlist, build_shortlist, learn, remove_shortlist

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [
    "The summit opened in Bishkek on Monday.",
    "Ministers discussed water, energy and transport.",
    "Flights to Almaty will resume next week.",
    "The central bank kept its key rate at 14%.",
    "Rescue teams reached the flooded villages.",
]
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
 o-tmf="test" creationtool="test" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en"><seg>The bank raised rates.</seg></tuv>
 <tuv xml:lang="ru"><seg>Банк повысил ставки.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The summit opened.</seg></tuv>
 <tuv xml:lang="ru"><seg>Саммит открылся.</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def model(tiny_models, tmp_path: Path) -> Path:
    return convert_model(str(tiny_models["marian"]), tmp_path / "marian-ct2", quantization=None)


def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text("\n".join(CORPUS) + "\n", encoding="utf-8")
    return path


def test_learn_ranks_by_association_and_keeps_the_commonest_tokens() -> None:
    pairs = [
        (["▁bank", "▁the"], ["▁банк"]),
        (["▁bank", "▁rate"], ["▁банк", "▁ставка"]),
        (["▁the", "▁rate"], ["▁ставка"]),
        (["▁the"], ["▁и"]),
    ]
    sl = learn(pairs, per_token=1, frequent=2)
    assert sl.table["▁bank"] == ("▁банк",)
    assert sl.table["▁rate"] == ("▁ставка",)
    assert set(sl.fixed) == {"▁банк", "▁ставка"}
    assert sl.candidates(["▁bank", "▁unknown"]) == {"▁банк", "▁ставка"}
    vmap = sl.to_vmap().splitlines()
    assert vmap[0] == "\t▁банк ▁ставка"
    assert "▁bank\t▁банк" in vmap
    assert Shortlist.from_vmap(sl.to_vmap()) == sl
    with pytest.raises(ConfigError):
        learn(pairs, per_token=0)


def test_self_learned_shortlist_keeps_greedy_output_and_is_used(model: Path, tmp_path: Path) -> None:
    plain = CTranslate2Engine(EngineOptions(model=str(model), beam_size=1, guards=False))
    before = [o.text for o in plain.translate(CORPUS, source_lang="en", target_lang="ru")]
    key_before = plain.cache_identity("en", "ru")["shortlist"]
    report = build_shortlist(model, CORPUS, source_lang="en", target_lang="ru", beam_size=1, check=5)
    assert report.path == model / VMAP and report.path.is_file()
    assert report.pairs == 5 and report.agreement == 1.0
    assert 0 < report.mean_candidates < report.vocabulary
    listed = CTranslate2Engine(EngineOptions(model=str(model), beam_size=1, guards=False))
    assert listed.cache_identity("en", "ru")["shortlist"] not in (None, key_before)
    # Every sentence the shortlist was learned from comes out as it did without it (greedy search).
    assert [o.text for o in listed.translate(CORPUS, source_lang="en", target_lang="ru")] == before
    # The shortlist is really in force: every token written is a candidate of its source tokens.
    fixed, table = _read_vmap(model / VMAP)
    allowed = Shortlist(fixed, table).candidates(
        t for row in listed.source_tokens(["Bishkek"], source_lang="en", target_lang="ru") for t in row
    )
    written = listed.output_tokens(["Bishkek"], source_lang="en", target_lang="ru")[0]
    assert set(written) <= allowed | {"</s>", "<unk>"}
    off = CTranslate2Engine(
        EngineOptions(model=str(model), beam_size=1, guards=False, extra={"shortlist": False})
    )
    assert off.cache_identity("en", "ru")["shortlist"] is None
    assert remove_shortlist(model) and not (model / VMAP).exists() and not remove_shortlist(model)


def test_every_token_written_under_a_shortlist_is_listed(tiny_models, tmp_path: Path) -> None:
    """A multilingual model too (its language token is the forced prefix, never in the table)."""
    model = convert_model(str(tiny_models["m2m100"]), tmp_path / "m2m", quantization=None)
    build_shortlist(model, CORPUS, source_lang="en", target_lang="kk", beam_size=4)
    listed = CTranslate2Engine(EngineOptions(model=str(model), beam_size=4, guards=False))
    fixed, table = _read_vmap(model / VMAP)
    for sentence in ["Ministers met in Astana.", "Water and energy."]:
        allowed = Shortlist(fixed, table).candidates(
            listed.source_tokens([sentence], source_lang="en", target_lang="kk")[0]
        )
        assert set(listed.output_tokens([sentence], source_lang="en", target_lang="kk")[0]) <= allowed | {
            "</s>",
            "<unk>",
        }


def test_learned_from_a_translation_memory(model: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    sources, targets = read_corpus(tmx, "en", "ru")
    assert sources == ["The bank raised rates.", "The summit opened."]
    assert targets == ["Банк повысил ставки.", "Саммит открылся."]
    report = build_shortlist(
        model, sources, targets, source_lang="en", target_lang="ru", per_token=5, frequent=3
    )
    assert report.pairs == 2 and report.fixed == 3
    fixed, table = _read_vmap(model / VMAP)
    assert len(fixed) == 3 and all(len(v) <= 5 for v in table.values())
    # Candidates come from the memory's Russian side, tokenised as the model writes it.
    engine = CTranslate2Engine(EngineOptions(model=str(model)))
    russian = engine.target_tokens(
        ["Банк повысил ставки.", "Саммит открылся."], source_lang="en", target_lang="ru"
    )
    listed = {t for v in table.values() for t in v} | set(fixed)
    assert listed <= {t for row in russian for t in row}
    assert "а" in listed


def test_bad_input_is_refused_with_the_file(model: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a CTranslate2 model directory"):
        build_shortlist(tmp_path, CORPUS, source_lang="en", target_lang="ru")
    with pytest.raises(ConfigError, match="as many target sentences"):
        build_shortlist(model, CORPUS, ["one"], source_lang="en", target_lang="ru")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(FormatError, match="no sentences") as info:
        read_corpus(empty, "en", "ru")
    assert "empty.txt" in str(info.value)
    assert read_corpus(corpus_file(tmp_path), "en", "ru") == (CORPUS, None)
    assert not (model / VMAP).exists()


def test_cli_builds_reports_and_removes(model: Path, tmp_path: Path) -> None:
    env = dict(os.environ, HF_HUB_OFFLINE="1", NO_COLOR="1")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsl10n", "models", "shortlist", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    done = cli(str(model), str(corpus_file(tmp_path)), "--to", "ru", "--check", "30", "--beam-size", "1")
    assert done.returncode == 0, done.stderr
    assert "target tokens scored per batch" in done.stderr
    assert "check: 100.0% of 5 sentences translated the same" in done.stderr  # the corpus has 5
    assert (model / VMAP).is_file()
    bad = cli(str(model), str(tmp_path / "missing.txt"), "--to", "ru")
    assert bad.returncode == 2 and bad.stderr.startswith("Error: ") and "missing.txt" in bad.stderr
    assert cli(str(model)).returncode == 2  # neither a corpus nor --remove
    gone = cli(str(model), "--remove")
    assert gone.returncode == 0 and "removed" in gone.stderr and not (model / VMAP).exists()
    shutil.rmtree(model)


def _read_vmap(path: Path) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    shortlist = Shortlist.from_vmap(path.read_text(encoding="utf-8"))
    return shortlist.fixed, shortlist.table


def test_a_broken_shortlist_is_refused_before_ctranslate2_reads_it(model: Path) -> None:
    """CTranslate2 crashes the process on an empty vmap.txt, even with the shortlist turned off."""
    (model / VMAP).write_text("", encoding="utf-8")
    for extra in ({}, {"shortlist": False}):
        engine = CTranslate2Engine(EngineOptions(model=str(model), extra=extra))
        with pytest.raises(EngineError, match=r"not a shortlist.*--remove"):
            engine.translate(["The summit opened."], source_lang="en", target_lang="ru")
    assert remove_shortlist(model)


def test_shortlist_option_read_as_a_flag(model: Path) -> None:
    build_shortlist(model, CORPUS[:2], source_lang="en", target_lang="ru", beam_size=1)
    for off in (False, "false", "0", "off"):
        engine = CTranslate2Engine(EngineOptions(model=str(model), extra={"shortlist": off}))
        assert engine.cache_identity("en", "ru")["shortlist"] is None
    on = CTranslate2Engine(EngineOptions(model=str(model), extra={"shortlist": "true"}))
    assert on.cache_identity("en", "ru")["shortlist"] is not None


def test_output_tokens_in_batches_keep_the_order(model: Path) -> None:
    engine = CTranslate2Engine(EngineOptions(model=str(model), beam_size=1, batch_size=2, guards=False))
    together = engine.output_tokens(CORPUS, source_lang="en", target_lang="ru")
    # The output limit follows the longest sentence of a batch: compare batch by batch.
    by_batch = [
        row
        for i in range(0, len(CORPUS), 2)
        for row in engine.output_tokens(CORPUS[i : i + 2], source_lang="en", target_lang="ru")
    ]
    assert len(together) == len(CORPUS) and together == by_batch
