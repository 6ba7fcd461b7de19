"""Plain-text articles: structure recognised from messy real-world layouts, nothing lost."""

from __future__ import annotations

import pytest

from newsl10n.errors import FormatError
from newsl10n.formats.text import TextArticleFormat

FMT = TextArticleFormat()


def read(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return FMT.read(data, doc_id="a.txt", source_lang="en")


def kinds(doc) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def test_headline_byline_dateline_paragraphs() -> None:
    doc = read(
        "SCO agrees AI plan\n\nBy Jane Doe\n\n"
        "TIANJIN, June 13 (Xinhua) -- Ministers met. They agreed.\n\nSecond paragraph.\n"
    )
    assert kinds(doc) == [
        ("headline", "SCO agrees AI plan"),
        ("byline", "By Jane Doe"),
        ("dateline", "TIANJIN, June 13 (Xinhua) --"),
        ("paragraph", "Ministers met. They agreed."),
        ("paragraph", "Second paragraph."),
    ]


def test_label_above_headline_and_run_in_byline() -> None:
    doc = read(
        "WORLD | ASIA\nSCO agrees AI plan\nBy Jane Doe BEIJING, Nov 28 (Reuters) - The ministers met.\n"
    )
    assert kinds(doc) == [
        ("label", "WORLD | ASIA"),
        ("headline", "SCO agrees AI plan"),
        ("byline", "By Jane Doe"),
        ("dateline", "BEIJING, Nov 28 (Reuters) -"),
        ("paragraph", "The ministers met."),
    ]


def test_date_line_above_headline_is_a_label() -> None:
    doc = read("29 November 2026\nLeaders meet in Astana\n\nThe summit opened.\n")
    assert kinds(doc)[:2] == [("label", "29 November 2026"), ("headline", "Leaders meet in Astana")]


def test_standfirst_before_byline() -> None:
    doc = read(
        "Leaders meet in Astana\n\nA summit on AI draws ten states\n\nBy Li Wei\n\nThe summit opened.\n"
    )
    assert [k for k, _ in kinds(doc)] == ["headline", "standfirst", "byline", "paragraph"]


def test_hard_wrapped_paragraph_is_one_block_and_lists_are_items() -> None:
    doc = read("Headline\n\nThe plan was\nsigned on Friday.\n\n- one\n- two\n")
    assert kinds(doc) == [
        ("headline", "Headline"),
        ("paragraph", "The plan was\nsigned on Friday."),
        ("list_item", "one"),
        ("list_item", "two"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Headline\r\n\r\n\r\n\r\nBody text.\r\n",
        "\ufeffHeadline\n\nBody\u00a0text with NBSP.\n\u00a0\nMore.",
        "\n\n   Headline  \n\n\n\tBody.\n\n\n",
        "Only a headline",
    ],
    ids=["crlf-blank-runs", "bom-nbsp", "indentation", "headline-only"],
)
def test_round_trip_is_byte_exact(text: str) -> None:
    data = text.encode("utf-8")
    assert FMT.write(read(data)) == data


def test_blocks_are_substrings_without_surrounding_space() -> None:
    doc = read("  Headline  \n\n  Body.  \n")
    assert [b.text for b in doc.blocks] == ["Headline", "Body."]


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_article_is_an_error(data: bytes) -> None:
    with pytest.raises(FormatError, match="empty"):
        read(data)


def test_bad_encoding_names_the_line() -> None:
    with pytest.raises(FormatError) as err:
        read(b"Headline\n\nCaf\xe9 opened.\n")
    assert err.value.line == 3
    assert "UTF-8" in str(err.value)
    assert str(err.value).startswith("a.txt:3: ")
