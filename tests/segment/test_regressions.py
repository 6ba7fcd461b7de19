"""Regressions keyed by issue number. Issue 8: line breaks, sentence-final abbreviations, over-splitting."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsl10n import sentence_spans, split_sentences

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"

WRAPPED = (
    "The ministers met in Tianjin on Thursday and agreed on a plan for the\n"
    "Rail Freight Union, the port authority and the customs service."
)
WRAPPED = (
    "The ministers met in Tianjin on Thursday and agreed on a plan for the\n"
    "Rail Freight Union, the port authority and the customs service."
)
ISSUE_8 = [
    # A line break before a capitalised start: a real break (short line, list item), not a hard wrap.
    (
        "en",
        "Rail freight to double\nOfficials in Astana said the line would open next spring and carry grain.",
        [
            "Rail freight to double",
            "Officials in Astana said the line would open next spring and carry grain.",
        ],
    ),
    (
        "en",
        "By Jane Roe\nOfficials met on Tuesday to sign the rail deal.",
        ["By Jane Roe", "Officials met on Tuesday to sign the rail deal."],
    ),
    (
        "en",
        "• Volumes rose 12%\n• Transit fell to nine days",
        ["• Volumes rose 12%", "• Transit fell to nine days"],
    ),
    (
        "en",
        WRAPPED,
        [WRAPPED],
    ),
    # Sentence-final abbreviations before a capitalised common word.
    ("en", "Polls opened at 9 a.m. Voters queued.", ["Polls opened at 9 a.m.", "Voters queued."]),
    ("en", "The deal values Orion Ltd. Shares rose.", ["The deal values Orion Ltd.", "Shares rose."]),
    (
        "en",
        "The office is on Baker St. It opens at noon.",
        ["The office is on Baker St.", "It opens at noon."],
    ),
    ("en", "Trade fell in the U.K. Ministers met.", ["Trade fell in the U.K.", "Ministers met."]),
    (
        "en",
        "The prize went to John Smith Sr. He thanked them.",
        ["The prize went to John Smith Sr.", "He thanked them."],
    ),
    ("ru", "Завод откроют в 2030 г. Работы идут.", ["Завод откроют в 2030 г.", "Работы идут."]),
    ("ru", "Ущерб составил 200 млн руб. Суд идёт.", ["Ущерб составил 200 млн руб.", "Суд идёт."]),
    (
        "ru",
        "Обсуждали газ, нефть и пр. Переговоры продолжатся.",
        ["Обсуждали газ, нефть и пр.", "Переговоры продолжатся."],
    ),
    ("kk", "Жол, су т.б. Кеңес мәселені қарады.", ["Жол, су т.б.", "Кеңес мәселені қарады."]),
    # ... and still no split before names and numbers.
    ("en", "The U.S. Treasury declined to comment.", ["The U.S. Treasury declined to comment."]),
    ("ru", "Это произошло в г. Москве.", ["Это произошло в г. Москве."]),
    # Over-splitting.
    ("en", "She works at Yahoo! Finance in London.", ["She works at Yahoo! Finance in London."]),
    ("zh", "“你们准备好了吗？”他问道。大家点头。", ["“你们准备好了吗？”他问道。", "大家点头。"]),
    ("zh", "英国U.K.公司宣布扩张。股价上涨。", ["英国U.K.公司宣布扩张。", "股价上涨。"]),
    ("zh", "Orion Ltd.公司在天津设厂。", ["Orion Ltd.公司在天津设厂。"]),
    ("hi", "सड़क 5 कि.मी. लंबी है। लागत रु. 500 करोड़ है।", ["सड़क 5 कि.मी. लंबी है।", "लागत रु. 500 करोड़ है।"]),
    ("fa", "او گفت... و سپس رفت.", ["او گفت... و سپس رفت."]),
    ("ur", "انہوں نے کہا... اور پھر خاموش ہو گئے۔", ["انہوں نے کہا... اور پھر خاموش ہو گئے۔"]),
    # A lower-case brand opens a sentence; guillemets closing after a terminator end it.
    ("en", "Tech stocks slid. eBay shares fell.", ["Tech stocks slid.", "eBay shares fell."]),
    ("fa", "او گفت: «ما آماده‌ایم.» سپس رفت.", ["او گفت: «ما آماده‌ایم.»", "سپس رفت."]),
    ("ur", "وزیر نے کہا: «ہم تیار ہیں۔» اجلاس ختم ہوا۔", ["وزیر نے کہا: «ہم تیار ہیں۔»", "اجلاس ختم ہوا۔"]),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), ISSUE_8, ids=[f"8-{c[0]}-{i}" for i, c in enumerate(ISSUE_8)]
)
def test_issue_8(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def _cases(name: str) -> list[dict[str, object]]:
    return [
        json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def test_fresh_news_set_is_large_and_covers_every_target_language() -> None:
    cases = _cases("sentences_fresh.jsonl")
    assert len(cases) >= 300
    assert {c["lang"] for c in cases} == {
        "en",
        "zh",
        "ru",
        "hi",
        "ur",
        "fa",
        "kk",
        "ky",
        "uz",
        "tg",
        "be",
        "pt",
    }


def test_fresh_news_set_tuned_part() -> None:
    cases = _cases("sentences_fresh.jsonl")
    ok = sum(split_sentences(str(c["text"]), str(c["lang"])) == c["sentences"] for c in cases)
    assert ok / len(cases) >= 0.97


@pytest.mark.parametrize("name", ["sentences_heldout.jsonl", "sentences_heldout2.jsonl"])
def test_fresh_news_set_held_out_part(name: str) -> None:
    # Written after the rules and not tuned on (first runs: 98.3% and 98.1%); a lower floor on purpose.
    cases = _cases(name)
    ok = sum(split_sentences(str(c["text"]), str(c["lang"])) == c["sentences"] for c in cases)
    assert ok / len(cases) >= 0.95


@pytest.mark.parametrize(
    "text",
    ["x" * 10_000_000, "\n" * 5_000 + "Hi.", "WORLD\nASIA\n" * 2_000, "Да. 他走了。 وہ گیا۔ Ok.\n" * 5_000],
    ids=["10mb-line", "blank-lines", "labels", "mixed-scripts"],
)
def test_bad_input_tiles(text: str) -> None:
    spans = sentence_spans(text, "en")
    assert "".join(text[a:b] for a, b in spans) == text


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sentence_spans(text, "en")
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    "unit",
    ["Rail freight to double\n", "at 9 a.m. Voters ", "• item\n", "\n\n\n", "«Да. 他走了。\n", "Yahoo! "],
    ids=["short-lines", "abbreviations", "bullets", "blank-lines", "mixed", "bang"],
)
def test_segmenting_time_scales_linearly(unit: str) -> None:
    # A ratio, not a timing: eight times the input must not take anywhere near 64 times as long.
    small, large = _seconds(unit * 2_000), _seconds(unit * 16_000)
    assert large / max(small, 1e-4) < 24
