"""Sentence splitting v1: news cases per language, offsets, and properties."""

from __future__ import annotations

import pytest

from newsl10n import split_sentences

CASES = [
    (
        "en",
        "Mr. Li arrived in Beijing. He spoke for 10 minutes.",
        ["Mr. Li arrived in Beijing.", "He spoke for 10 minutes."],
    ),
    ("en", "Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
    ("en", "I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("en", "The U.S. economy grew.", ["The U.S. economy grew."]),
    ("en", '"We are ready," she said. "Let us begin."', ['"We are ready," she said.', '"Let us begin."']),
    ("en", "He left.\u201d Then she spoke.", ["He left.\u201d", "Then she spoke."]),
    ("en", "J. R. Smith won. Nobody expected it!", ["J. R. Smith won.", "Nobody expected it!"]),
    ("en", "Prices rose, e.g. for rice. Wait... No!", ["Prices rose, e.g. for rice.", "Wait...", "No!"]),
    ("en", "No. 5 was chosen. It won.", ["No. 5 was chosen.", "It won."]),
    (
        "zh",
        "上海合作组织在天津开会。各方同意合作！会议何时结束？",
        ["上海合作组织在天津开会。", "各方同意合作！", "会议何时结束？"],
    ),
    ("zh", "他说：“我们准备好了。”然后离开了。", ["他说：“我们准备好了。”", "然后离开了。"]),
    ("ur", "اجلاس تیانجن میں ہوا۔ وزرا نے اتفاق کیا۔", ["اجلاس تیانجن میں ہوا۔", "وزرا نے اتفاق کیا۔"]),
    ("hi", "बैठक तियानजिन में हुई। मंत्रियों ने सहमति जताई।", ["बैठक तियानजिन में हुई।", "मंत्रियों ने सहमति जताई।"]),
    (
        "fa",
        "جلسه در تیانجین برگزار شد. وزیران توافق کردند؟",
        ["جلسه در تیانجین برگزار شد.", "وزیران توافق کردند؟"],
    ),
    (
        "ru",
        "Встреча прошла в Тяньцзине. Министры согласовали план.",
        ["Встреча прошла в Тяньцзине.", "Министры согласовали план."],
    ),
    (
        "ru",
        "Это важно, т. е. необходимо. Проф. Иванов согласен.",
        ["Это важно, т. е. необходимо.", "Проф. Иванов согласен."],
    ),
    (
        "kk",
        "Кездесу Астанада өтті. Ә. Кекілбаев сөйледі.",
        ["Кездесу Астанада өтті.", "Ә. Кекілбаев сөйледі."],
    ),
    ("pt", "O Sr. Li chegou. Ele falou.", ["O Sr. Li chegou.", "Ele falou."]),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_hard_wrapped_lines_are_not_sentence_ends() -> None:
    text = "The ministers met in Tianjin\non Thursday and agreed\non a plan. It starts in May."
    assert split_sentences(text, "en") == [
        "The ministers met in Tianjin\non Thursday and agreed\non a plan.",
        "It starts in May.",
    ]


def test_placeholders_do_not_hide_a_sentence_start() -> None:
    text = "The plan was signed. ⟦1⟧Ministers⟦/1⟧ agreed."
    assert split_sentences(text, "en") == ["The plan was signed.", "⟦1⟧Ministers⟦/1⟧ agreed."]


def test_unknown_language_falls_back_to_generic_rules() -> None:
    assert split_sentences("Hola. Adiós.", "es") == ["Hola.", "Adiós."]


def test_a_long_paragraph_without_punctuation_is_one_sentence() -> None:
    text = "word " * 200_000
    assert split_sentences(text, "en") == [text.strip()]
