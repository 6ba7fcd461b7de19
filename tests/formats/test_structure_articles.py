"""Plain-text reader on news pages written in the layouts of real sites (issue 8), byline parts, bad input."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pytest

from newsl10n.formats.newsparts import byline_parts
from newsl10n.formats.text import TextArticleFormat

FMT = TextArticleFormat()
DATA = Path(__file__).resolve().parents[1] / "data" / "articles"


def _gold(name: str) -> list[tuple[str, dict[str, object]]]:
    return sorted(json.loads((DATA / name).read_text(encoding="utf-8")).items())


TUNED = _gold("gold_tuned.json")
HELDOUT = _gold("gold_heldout.json") + _gold("gold_heldout2.json")


@pytest.mark.parametrize(("name", "gold"), TUNED + HELDOUT, ids=[n for n, _ in TUNED + HELDOUT])
def test_article_blocks_and_round_trip(name: str, gold: dict[str, object]) -> None:
    data = (DATA / f"{name}.txt").read_bytes()
    doc = FMT.read(data, doc_id=name, source_lang=str(gold["lang"]))
    assert FMT.write(doc) == data
    assert [[b.kind, b.text] for b in doc.blocks] == gold["blocks"]


def test_article_set_size() -> None:
    assert len(TUNED) >= 30
    langs = [str(g["lang"]) for _, g in TUNED]
    assert all(langs.count(lang) >= 3 for lang in ("en", "ru", "zh", "fa", "ur"))


def kinds(text: str) -> list[tuple[str, str]]:
    doc = FMT.read(text.encode(), doc_id="a.txt", source_lang="en")
    assert FMT.write(doc) == text.encode()
    return [(b.kind, b.text) for b in doc.blocks]


def test_single_newline_paragraphs_and_run_in_byline() -> None:
    assert kinds(
        "WORLD\nRail freight to double\n"
        "By Jane Roe, Daily Herald Officials said on Monday the line would open.\n"
        "Trains will run weekly from the spring, the ministry said in a statement on Tuesday.\n"
        "Source: Xinhua\n"
    ) == [
        ("label", "WORLD"),
        ("headline", "Rail freight to double"),
        ("byline", "By Jane Roe, Daily Herald"),
        ("paragraph", "Officials said on Monday the line would open."),
        ("paragraph", "Trains will run weekly from the spring, the ministry said in a statement on Tuesday."),
        ("credit", "Source: Xinhua"),
    ]


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("ASTANA, Oct 2 (Xinhua) -- Talks ended.", "ASTANA, Oct 2 (Xinhua) --"),
        ("MOSCOW, October 2. /TASS/. Talks ended.", "MOSCOW, October 2. /TASS/."),
        ("АСТАНА, 2 окт — РИА Новости. Переговоры завершились.", "АСТАНА, 2 окт — РИА Новости."),
        ("ASTANA — Talks ended.", "ASTANA —"),
    ],
)
def test_dateline_house_styles(line: str, dateline: str) -> None:
    assert kinds(f"Talks end\n\n{line}\n")[1] == ("dateline", dateline)


def test_chinese_dateline_reporter_credit_and_editor() -> None:
    assert kinds("铁路货运量将翻番\n新华社北京10月2日电（记者 张三）会谈结束。\n责任编辑：王某\n") == [
        ("headline", "铁路货运量将翻番"),
        ("dateline", "新华社北京10月2日电"),
        ("credit", "（记者 张三）"),
        ("paragraph", "会谈结束。"),
        ("credit", "责任编辑：王某"),
    ]


def test_hard_wrap_is_kept_but_a_short_line_is_not() -> None:
    text = (
        "Talks end\n\nThe ministers met in Tianjin on Thursday and agreed on a plan for the\n"
        "Rail Freight Union, the port authority and the customs service on Friday.\n"
    )
    assert kinds(text)[1][0] == "paragraph" and "\n" in kinds(text)[1][1]


BYLINES = [
    ("By He Yin", "byline", [("By", "credit"), ("He Yin", "person")]),
    (
        "By Jane Roe and Li Wei, Reuters",
        "byline",
        [("By", "credit"), ("Jane Roe", "person"), ("Li Wei", "person"), ("Reuters", "outlet")],
    ),
    ("Автор: Иван Петров", "credit", [("Автор:", "credit"), ("Иван Петров", "person")]),
    ("来源：新华网", "credit", [("来源：", "credit"), ("新华网", "outlet")]),
    (
        "(Web editor: Zhang Kaiwei, Liang Jun)",
        "credit",
        [("Web editor:", "credit"), ("Zhang Kaiwei", "person"), ("Liang Jun", "person")],
    ),
    ("ASTANA, Oct 2 (Xinhua) --", "dateline", [("ASTANA", "place"), ("Oct 2", "date"), ("Xinhua", "outlet")]),
    (
        "MOSCOW, October 2. /TASS/.",
        "dateline",
        [("MOSCOW", "place"), ("October 2", "date"), ("TASS", "outlet")],
    ),
    (
        "АСТАНА, 2 окт — РИА Новости.",
        "dateline",
        [("АСТАНА", "place"), ("2 окт", "date"), ("РИА Новости", "outlet")],
    ),
    ("新华社北京10月2日电", "dateline", [("新华社", "outlet"), ("北京", "place"), ("10月2日", "date")]),
    (
        "By ZHANG YI | China Daily | Updated: 2025-06-13 07:18",
        "byline",
        [
            ("By", "credit"),
            ("ZHANG YI", "person"),
            ("China Daily", "outlet"),
            ("Updated:", "credit"),
            ("2025-06-13 07:18", "date"),
        ],
    ),
    (
        "Source: Xinhua| 2025-10-02 20:15:30|Editor: huaxia",
        "credit",
        [
            ("Source:", "credit"),
            ("Xinhua", "outlet"),
            ("2025-10-02 20:15:30", "date"),
            ("Editor:", "credit"),
            ("huaxia", "person"),
        ],
    ),
    (
        "By Jane Roe in Business on 7 November 2025",
        "byline",
        [("By", "credit"), ("Jane Roe", "person"), ("7 November 2025", "date")],
    ),
    (
        "By Ursula von der Leyen and J. R. Smith, Reuters",
        "byline",
        [
            ("By", "credit"),
            ("Ursula von der Leyen", "person"),
            ("J. R. Smith", "person"),
            ("Reuters", "outlet"),
        ],
    ),
    ("نویسنده, علی رضایی", "credit", [("نویسنده", "credit"), ("علی رضایی", "person")]),
    ("【责任编辑：刘洋】", "credit", [("责任编辑：", "credit"), ("刘洋", "person")]),
]


@pytest.mark.parametrize(("text", "kind", "parts"), BYLINES, ids=[b[0] for b in BYLINES])
def test_byline_parts(text: str, kind: str, parts: list[tuple[str, str]]) -> None:
    found = byline_parts(text, kind)
    assert [(text[s:e], role) for s, e, role in found] == parts
    assert all(0 <= s < e <= len(text) for s, e, _ in found)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000_000,
        "WORLD\nBUSINESS | ASIA\n2025-06-13\nhttps://example.com/a\n" * 50,
        "Headline" + "\n" * 5_000 + "Body.",
        "Да. 他走了。\nوہ گیا۔ Ok\n\u202eabc\x00\n" * 2_000,
        "By Jane Roe " * 5_000,
    ],
    ids=["10mb-line", "only-labels", "5000-blank-lines", "mixed-scripts", "long-byline"],
)
def test_bad_input_reads_and_round_trips(text: str) -> None:
    data = text.encode("utf-8")
    doc = FMT.read(data, doc_id="a.txt", source_lang="en")
    assert FMT.write(doc) == data


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        FMT.read(text.encode(), doc_id="a.txt", source_lang="en")
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "WORLD\n",
        "Officials said the line would open. Trains run weekly.\n",
        "\n\n\n",
        "By Jane Roe, Daily Herald ",
    ],
    ids=["labels", "paragraph-lines", "blank", "byline-words"],
)
def test_reading_time_scales_linearly(unit: str) -> None:
    # A ratio, not a timing: eight times the input must not take anywhere near 64 times as long.
    small, large = _seconds("Headline\n\n" + unit * 2_000), _seconds("Headline\n\n" + unit * 16_000)
    assert large / max(small, 1e-4) < 24


def test_bylines_without_by_and_bulleted_credits() -> None:
    assert kinds(
        "Astana lab tests translation models\n2 hours ago\nShare\nJane Roe\nBBC News, Astana\n\n"
        "Officials said the lab would open next year.\n"
    ) == [
        ("headline", "Astana lab tests translation models"),
        ("label", "2 hours ago"),
        ("label", "Share"),
        ("byline", "Jane Roe"),
        ("byline", "BBC News, Astana"),
        ("paragraph", "Officials said the lab would open next year."),
    ]
    assert kinds("ریلوے مال برداری دوگنی ہوگی\n• مصنف, احمد علی\n\nحکام نے کہا۔\n")[1] == (
        "credit",
        "مصنف, احمد علی",
    )
