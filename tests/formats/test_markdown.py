"""Markdown articles: constructs, inline codes, exact round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.errors import FormatError
from newsl10n.formats.markdown import InlineParser, MarkdownArticleFormat

FMT = MarkdownArticleFormat()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sco-digital-forum.md"


def read(text: str):
    return FMT.read(text.encode("utf-8"), doc_id="a.md", source_lang="en")


INLINE = [
    (
        'See the [SCO site](https://sco.int/ "SCO").',
        "See the ⟦1⟧SCO site⟦/1⟧.",
        [("[", '](https://sco.int/ "SCO")')],
    ),
    ("A **bold** and *italic* word.", "A ⟦1⟧bold⟦/1⟧ and ⟦2⟧italic⟦/2⟧ word.", [("**", "**"), ("*", "*")]),
    ("Run `make test` now.", "Run ⟦1⟧ now.", [("`make test`", "")]),
    ("The snake_case_name stays.", "The snake_case_name stays.", []),
    ("![Leaders](a.jpg) meet.", "⟦1⟧Leaders⟦/1⟧ meet.", [("![", "](a.jpg)")]),
    ("A [**nested**](x) link.", "A ⟦1⟧⟦2⟧nested⟦/2⟧⟦/1⟧ link.", [("[", "](x)"), ("**", "**")]),
    ("Line<br>break.", "Line⟦1⟧break.", [("<br>", "")]),
]


@pytest.mark.parametrize(("source", "text", "codes"), INLINE, ids=[s[:20] for s, _, _ in INLINE])
def test_inline_markup_becomes_placeholders(source: str, text: str, codes: list[tuple[str, str]]) -> None:
    parser = InlineParser()
    assert parser.parse(source) == text
    assert [(c.opening, c.closing) for c in parser.codes] == codes


def test_structure_of_the_example() -> None:
    doc = FMT.read(EXAMPLE.read_bytes(), doc_id="x.md", source_lang="en")
    got = [b.kind for b in doc.blocks]
    assert got[:4] == ["headline", "byline", "dateline", "paragraph"]
    assert got.count("list_item") == 3
    assert "quote" in got


def test_multi_line_quote_keeps_its_prefix_out_of_the_text() -> None:
    doc = read("# H\n\n> first line\n> second line\n")
    quote = doc.blocks[1]
    assert quote.kind == "quote"
    assert quote.text == "first line\nsecond line"
    translated = FMT.write(doc, {quote.id: "uno\ndos"}).decode()
    assert translated == "# H\n\n> uno\n> dos\n"


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\n---\n# Head #\n\nBody *x*.\n",
        "Head\n====\n\nPara one\ncontinues.\n\n1. first\n2. second\n\n"
        "```\ncode\n```\n\n| a | b |\n|---|---|\n",
        "# H\r\n\r\n> q1\r\n> q2\r\n",
        "* item with\n  continuation\n* other\n\n***\n\n<div>raw html</div>\n",
    ],
    ids=["front-matter", "setext-lists-fences-table", "crlf-quote", "continuation-rule-html"],
)
def test_round_trip_is_byte_exact(text: str) -> None:
    data = text.encode("utf-8")
    assert FMT.write(FMT.read(data, doc_id="a.md", source_lang="en")) == data


def test_link_reference_definitions_are_not_text() -> None:
    doc = read('# H\n\nSee the [report][1].\n\n[1]: https://example.org/report "Report"\n')
    assert [b.text for b in doc.blocks] == ["H", "See the ⟦1⟧report⟦/1⟧."]
    glued = read("# H\n\nSee the [report][1].\n[1]: https://example.org/report\n")
    assert [b.text for b in glued.blocks] == ["H", "See the ⟦1⟧report⟦/1⟧."]


def test_placeholder_lookalikes_in_source_are_refused() -> None:
    with pytest.raises(FormatError, match="placeholder"):
        read("# H\n\nText with ⟦1⟧ in it.\n")
