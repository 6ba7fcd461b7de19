"""The morphology test set: units in the ten SCO languages and Portuguese with gold labels.

``units-dev.jsonl`` was used while writing the data; ``units-heldout.jsonl`` was written after it
(new sentences, new traps). Each line: ``id``, ``lang``, English ``source``, ``target``, ``gold``
(``kind:concept`` for every violation, empty when clean) and optional ``options`` (glossary
matching options). scripts/bench_glossary.py prints the same scores.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from newsl10n.glossary import Glossary, load_glossary
from newsl10n.glossary.annotate import TermAnnotator
from newsl10n.model import BilingualUnit
from newsl10n.pipeline import check_units

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "glossary"
LANGS = ("zh", "ru", "hi", "ur", "fa", "kk", "ky", "uz", "tg", "be", "pt")


def units(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


@lru_cache(maxsize=4)
def glossaries(options: str = "") -> tuple[Glossary, ...]:
    found = (load_glossary(ROOT / "glossaries" / "sco-news.yaml"), load_glossary(DATA / "traps.yaml"))
    if not options:
        return found
    return tuple(dataclasses.replace(g, meta={**g.meta, "match-options": options}) for g in found)


@lru_cache(maxsize=4)
def annotator(options: str = "") -> TermAnnotator:
    return TermAnnotator(glossaries(options))


def predict(unit: dict[str, Any]) -> set[str]:
    """The violations the span contract implies (the rules of the terms check)."""
    ann = annotator(unit.get("options", ""))
    src = ann.source_spans(unit["source"], "en", unit["lang"])
    statuses: dict[str, set[str]] = defaultdict(set)
    for sp in ann.target_spans(unit["target"], src, unit["lang"]):
        statuses[sp.id].add(sp.attrs["status"])
    out = set()
    for sp in src:
        if sp.attrs["dnt"]:
            if "dnt" not in statuses[sp.id]:
                out.add(f"dnt-changed:{sp.value}")
            continue
        if sp.attrs["targets"] and "allowed" not in statuses[sp.id]:
            out.add(f"missing-term:{sp.value}")
        if "forbidden" in statuses[sp.id]:
            out.add(f"forbidden-term:{sp.value}")
    return out


def scores(rows: list[dict[str, Any]]) -> dict[str, tuple[float, float, float]]:
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for u in rows:
        gold, pred = set(u["gold"]), predict(u)
        tp[u["lang"]] += len(gold & pred)
        fp[u["lang"]] += len(pred - gold)
        fn[u["lang"]] += len(gold - pred)
    out = {}
    for lang in tp.keys() | fp.keys() | fn.keys():
        p = tp[lang] / (tp[lang] + fp[lang]) if tp[lang] + fp[lang] else 1.0
        r = tp[lang] / (tp[lang] + fn[lang]) if tp[lang] + fn[lang] else 1.0
        out[lang] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def test_the_set_covers_every_language_with_traps_and_violations() -> None:
    for name, least in (("units-dev.jsonl", 20), ("units-heldout.jsonl", 10)):
        rows = units(name)
        for lang in LANGS:
            mine = [u for u in rows if u["lang"] == lang]
            assert len(mine) >= least, (name, lang)
            violated = sum(1 for u in mine if u["gold"])
            assert 0.2 <= violated / len(mine) <= 0.45, (name, lang, violated)
        assert len({u["id"] for u in rows}) == len(rows)


DEV = units("units-dev.jsonl")


@pytest.mark.parametrize("unit", DEV, ids=[u["id"] for u in DEV])
def test_dev_unit(unit: dict[str, Any]) -> None:
    assert sorted(predict(unit)) == unit["gold"], unit["target"]


def test_held_out_scores() -> None:
    result = scores(units("units-heldout.jsonl"))
    assert set(result) == set(LANGS)
    assert all(f1 >= 0.95 for _, _, f1 in result.values()), result
    assert sum(1 for p, _, _ in result.values() if p == 1.0) >= 8, result
    assert all(r == 1.0 for _, r, _ in result.values()), result  # every violation still caught


def test_check_units_reports_the_same_findings() -> None:
    rows = [u for u in units("units-heldout.jsonl") if not u.get("options")]
    bilingual = [
        BilingualUnit("set.jsonl", u["id"], i, u["source"], u["target"], "en", u["lang"])
        for i, u in enumerate(rows, 1)
    ]
    found: dict[str, set[str]] = defaultdict(set)
    for f in check_units(bilingual, list(glossaries()), checks=("terms",)):
        if f.unit:
            found[f.unit].add(f"{f.kind}:{f.attrs['concept']}")
    assert {u["id"]: sorted(found[u["id"]]) for u in rows} == {u["id"]: u["gold"] for u in rows}
