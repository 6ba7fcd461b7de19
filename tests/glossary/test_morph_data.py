"""Morphology data: every rule's examples match (and its counter-examples do not), per language."""

from __future__ import annotations

import pytest

from newsl10n.glossary.inflect import compile_term, find_all
from newsl10n.glossary.model import Term
from newsl10n.glossary.morph import GROUPS, examples, load_morph_data, morph_languages, morphology
from newsl10n.glossary.normalize import normalise

SCO = ("ru", "be", "uk", "kk", "ky", "uz", "tg", "fa", "ur", "hi", "pt")

CASES = [
    (lang, group, term, form, True)
    for lang in morph_languages()
    for group, term, forms, _ in examples(lang)
    for form in forms
] + [
    (lang, group, term, form, False)
    for lang in morph_languages()
    for group, term, _, nots in examples(lang)
    for form in nots
]


def matches(text: str, term: str, lang: str) -> bool:
    pattern = compile_term(term, lang, Term(text=term, lang=lang).is_case_sensitive)
    return bool(find_all(normalise(text), pattern))


@pytest.mark.parametrize(
    ("lang", "group", "term", "form", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[3]}-{'yes' if c[4] else 'no'}" for c in CASES],
)
def test_rule_examples(lang: str, group: str, term: str, form: str, expected: bool) -> None:
    assert matches(form, term, lang) is expected


@pytest.mark.parametrize("lang", SCO)
def test_every_group_has_examples(lang: str) -> None:
    data = load_morph_data(lang)
    assert data.get("_doc"), "each file says what it covers and cites its source"
    for group in GROUPS:
        if group in data:
            assert data[group]["items"] and data[group]["examples"], group


def test_languages_without_data_match_exactly() -> None:
    assert morphology("hy").endings == frozenset()
    assert matches("Հայաստան", "Հայաստան", "hy") and not matches("Հայաստանի", "Հայաստան", "hy")


def test_data_strings_are_normalised_when_loaded() -> None:
    # The Uzbek alternation is written with U+02BB; a text with ASCII ' or U+2019 matches it.
    assert ("q", "g\u02bc") in morphology("uz").alternations
    assert matches("qishlog'i", "qishloq", "uz") and matches("qishlog’i", "qishloq", "uz")
    # Urdu endings written with ہ (heh goal) are stored as the unified ه.
    assert "\u0647" in morphology("ur").endings


@pytest.mark.parametrize(
    ("text", "term", "lang"),
    [
        ("Казахия", "Казахстан", "ru"),  # a stem is at least half the word: "Казах-" is not enough
        ("Индиана", "Индия", "ru"),
        ("Teerão", "Teerã", "pt"),  # a whole word takes only plural endings
        ("кеңестік", "кеңес", "kk"),  # -тік is derivation, not inflection
        ("सम्मेलनकर्ता", "सम्मेलन", "hi"),
    ],
)
def test_other_words_do_not_match(text: str, term: str, lang: str) -> None:
    assert not matches(text, term, lang)


def test_russian_dictionary_analyser_where_installed() -> None:
    pytest.importorskip("pymorphy3")
    if morphology("ru").analyser != "pymorphy3":
        pytest.skip("pymorphy3-dicts-ru is not installed")
    # A fleeting vowel no ending table lists: "рынок" → "рынке".
    assert matches("на мировом рынке", "мировой рынок", "ru")
    assert not matches("на мировом ранке", "мировой рынок", "ru")
    assert morphology("uk").analyser == "tables"  # the Ukrainian dictionary package is GPL-3.0
