"""Hard news cases per language, and input that must never break the segmenter."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n import sentence_spans, split_sentences

NEWS = [
    # Closing quotes after CJK and Arabic-script terminators stay with their sentence.
    (
        "zh",
        "外交部发言人表示：“中方愿意合作。”会议将于明天举行。",
        ["外交部发言人表示：“中方愿意合作。”", "会议将于明天举行。"],
    ),
    ("zh", "报道称，美国U.S.代表团已抵达。会议开始。", ["报道称，美国U.S.代表团已抵达。", "会议开始。"]),
    (
        "ur",
        "وزیر نے کہا کہ تعاون جاری رہے گا۔ اجلاس کل ہوگا؟ جی ہاں۔",
        ["وزیر نے کہا کہ تعاون جاری رہے گا۔", "اجلاس کل ہوگا؟", "جی ہاں۔"],
    ),
    (
        "fa",
        "وزیر گفت که همکاری ادامه دارد. آیا جلسه فردا است؟ بله.",
        ["وزیر گفت که همکاری ادامه دارد.", "آیا جلسه فردا است؟", "بله."],
    ),
    (
        "hi",
        "डॉ. वर्मा ने कहा कि सहयोग जारी रहेगा। बैठक कल होगी।",
        ["डॉ. वर्मा ने कहा कि सहयोग जारी रहेगा।", "बैठक कल होगी।"],
    ),
    # Sentence-final abbreviations split; the same abbreviations mid-sentence do not.
    (
        "en",
        "The talks were held in Washington, D.C. They ended on Friday.",
        ["The talks were held in Washington, D.C.", "They ended on Friday."],
    ),
    ("en", "He joined the E.U. delegation on Monday.", ["He joined the E.U. delegation on Monday."]),
    (
        "ru",
        "Соглашение вступит в силу в 2026 г. Об этом сообщил МИД.",
        ["Соглашение вступит в силу в 2026 г.", "Об этом сообщил МИД."],
    ),
    (
        "ru",
        "Это произошло в г. Москве. Подробности позже.",
        ["Это произошло в г. Москве.", "Подробности позже."],
    ),
    (
        "ru",
        "Согласно ст. 5 соглашения, т. е. основного документа, стороны сотрудничают.",
        ["Согласно ст. 5 соглашения, т. е. основного документа, стороны сотрудничают."],
    ),
    (
        "kk",
        "Келісім 2025 ж. күшіне енді. Бұл туралы министр айтты.",
        ["Келісім 2025 ж. күшіне енді.", "Бұл туралы министр айтты."],
    ),
    ("uz", "Loyiha 3 mln. Bu haqda vazir aytdi.", ["Loyiha 3 mln.", "Bu haqda vazir aytdi."]),
    ("fa", "جلسه ساعت ۹ ق.ظ شروع شد. وزیران حاضر بودند.", ["جلسه ساعت ۹ ق.ظ شروع شد.", "وزیران حاضر بودند."]),
    # Initials, Latin and Cyrillic.
    ("kk", "Жиынға Қ. Тоқаев қатысты. Ол сөз сөйледі.", ["Жиынға Қ. Тоқаев қатысты.", "Ол сөз сөйледі."]),
    ("ky", "Жыйынга С. Жапаров катышты. Ал сөз сүйлөдү.", ["Жыйынга С. Жапаров катышты.", "Ал сөз сүйлөдү."]),
    (
        "tg",
        "Дар ҷаласа Э. Раҳмон ширкат кард. Вай суханронӣ кард.",
        ["Дар ҷаласа Э. Раҳмон ширкат кард.", "Вай суханронӣ кард."],
    ),
    (
        "be",
        "На форуме выступіў А. Лукашэнка. Ён казаў пра супрацоўніцтва.",
        ["На форуме выступіў А. Лукашэнка.", "Ён казаў пра супрацоўніцтва."],
    ),
    (
        "uz",
        "Йиғилишда Ш. Мирзиёев иштирок этди. У нутқ сўзлади.",
        ["Йиғилишда Ш. Мирзиёев иштирок этди.", "У нутқ сўзлади."],
    ),
    # Ellipsis, then a new sentence; an ellipsis inside a sentence.
    (
        "en",
        "The result was… disappointing. Officials left.",
        ["The result was… disappointing.", "Officials left."],
    ),
    (
        "pt",
        "O resultado foi... Decepcionante! Os ministros saíram.",
        ["O resultado foi...", "Decepcionante!", "Os ministros saíram."],
    ),
    # Hard-wrapped lines are whitespace, not boundaries.
    (
        "ru",
        "Министры согласовали\nплан сотрудничества\nна пять лет. Он вступит в силу.",
        ["Министры согласовали\nплан сотрудничества\nна пять лет.", "Он вступит в силу."],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), NEWS, ids=[f"{c[0]}-{i}" for i, c in enumerate(NEWS)])
def test_news_case(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


@contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: catastrophic backtracking takes hours, linear work takes seconds.
    Not a speed assertion — the bound is two orders of magnitude above the expected time."""

    def boom(*_: object) -> None:
        raise TimeoutError(f"segmentation did not finish in {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


ADVERSARIAL = {
    "no-punctuation": "word " * 200_000,
    "dots": "a." * 500_000,
    "spaced-dots": ". " * 500_000,
    "terminators": "?!…。۔" * 200_000,
    "open-guillemets": "«Да. Нет " * 100_000,
    "book-titles": "《摔跤吧！" * 150_000,
    "list-markers": "1. a 2. b 3. c " * 70_000,
    "initials": "A. B. C. " * 120_000,
    "controls-rtl": "\u200f\u202eabc.\x00\x1b Def.\u2028" * 80_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_a_megabyte_of_adversarial_text_segments_and_tiles(name: str) -> None:
    text = ADVERSARIAL[name]
    with hang_guard(60):
        spans = sentence_spans(text, "en")
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))


LANGS = ["en", "zh", "ru", "hi", "ur", "fa", "kk", "ky", "uz", "tg", "be", "pt", "xx-unknown"]


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200), st.sampled_from([lang for lang in LANGS if lang != "xx-unknown"]))
def test_any_unicode_tiles(text: str, lang: str) -> None:
    spans = sentence_spans(text, lang)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(a < b for a, b in spans)


_TOKENS = st.sampled_from(
    [
        "Mr.",
        "Li",
        "said",
        "U.S.",
        "2025",
        "г.",
        "т.",
        "е.",
        "Он",
        "«Да.",
        "Нет»",
        "。",
        "他",
        "۔",
        "وہ",
        "?",
        "!",
        "...",
        ". . .",
        "1.)",
        "2.)",
        "a.",
        "b.",
        "(Reuters)",
        "“Go.”",
        "I.",
        "Did",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=30), st.sampled_from(["en", "ru", "zh", "ur", "kk"]))
def test_idempotent_on_split_text(tokens: list[str], lang: str) -> None:
    sentences = split_sentences(" ".join(tokens), lang)
    assert all(sentences)
    again = [s for sentence in sentences for s in split_sentences(sentence, lang)]
    assert again == sentences
