"""Every rule in the per-language data files comes with examples; they all must hold."""

from __future__ import annotations

import pytest

from newsl10n import split_sentences
from newsl10n.segment.rules import KEYS, data_languages, load_data, rules_for

TARGET_LANGUAGES = ["en", "zh", "ru", "hi", "ur", "fa", "kk", "ky", "uz", "tg", "be", "pt"]


def _examples() -> list[tuple[str, str, dict[str, object]]]:
    out = []
    for lang in data_languages():
        data = load_data(lang)
        for key in KEYS:
            entry = data.get(key)
            if isinstance(entry, dict):
                out.extend((lang, key, ex) for ex in entry.get("examples", []))
        out.extend((lang, "general", ex) for ex in data.get("examples", []))
    return out


EXAMPLES = _examples()


@pytest.mark.parametrize(
    ("lang", "rule", "example"),
    EXAMPLES,
    ids=[f"{lang}-{rule}-{i}" for i, (lang, rule, _) in enumerate(EXAMPLES)],
)
def test_rule_example(lang: str, rule: str, example: dict[str, object]) -> None:
    assert split_sentences(str(example["text"]), lang) == example["sentences"]


def test_every_target_language_has_rules_and_examples() -> None:
    assert set(TARGET_LANGUAGES) <= set(data_languages())
    for lang in TARGET_LANGUAGES:
        assert any(ex_lang == lang for ex_lang, _, _ in EXAMPLES), lang


def test_rule_files_have_documented_keys_only() -> None:
    for lang in data_languages():
        data = load_data(lang)
        assert set(data) <= {*KEYS, "examples", "_doc"}, lang
        assert data.get("_doc"), f"{lang}.json needs a _doc line saying what its rules are"


def test_other_languages_fall_back_to_english_abbreviations() -> None:
    rules = rules_for("es")
    assert "mr" in rules.prefixes and not rules.starters
    assert split_sentences("El Dr. García llegó. Luego habló.", "es") == [
        "El Dr. García llegó.",
        "Luego habló.",
    ]
