"""Bad HTML input: marked sections and deep nesting parse instead of crashing (issue 13)."""

from __future__ import annotations

import pytest

from newsl10n.formats.html import HtmlArticleFormat

FMT = HtmlArticleFormat()


def texts(source: str) -> list[str]:
    doc = FMT.read(source.encode("utf-8"), doc_id="a.html", source_lang="en")
    return [b.text for b in doc.blocks]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>a <![ b</p>", ["a"]),
        ("<p>x\n y <![release ]]> z</p>", ["x\n y", "z"]),
        ("<p>one</p><![ never closed", ["one", "<![ never closed"]),
        ("<p>keep <![CDATA[ raw ]]> this</p>", ["keep", "this"]),
    ],
)
def test_unknown_marked_sections_are_bogus_comments(source: str, expected: list[str]) -> None:
    assert texts(source) == expected


def test_bogus_marked_section_keeps_later_offsets_exact() -> None:
    source = "<p>a <![ b</p>\n<p>after</p>"
    doc = FMT.read(source.encode("utf-8"), doc_id="a.html", source_lang="en")
    assert [b.text for b in doc.blocks] == ["a", "after"]
    # The skeleton round-trips the page byte for byte.
    assert FMT.write(doc) == source.encode("utf-8")


def _nested(n: int) -> bytes:
    return ("<div><p>x</p>" * n + "</div>" * n).encode("utf-8")


def test_deep_nesting_reads_in_linear_time() -> None:
    import time

    def cost(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            FMT.read(_nested(n), doc_id="a.html", source_lang="en")
            best = min(best, time.perf_counter() - t)
        return best

    small, large = cost(1000), cost(4000)
    # 4x the input: linear is ~4x, the old quadratic step was ~16x.
    assert large < 8 * small


def test_kinds_still_come_from_ancestors_when_deeply_nested() -> None:
    source = '<div class="byline">' + "<div>" * 500 + "<p>By A</p>" + "</div>" * 501
    source += "<blockquote>" + "<div>" * 500 + "<p>Q</p>" + "</div>" * 500 + "</blockquote>"
    source += "</span></div></div><h1>Head</h1>"  # stray end tags are ignored
    doc = FMT.read(source.encode("utf-8"), doc_id="a.html", source_lang="en")
    expected = [("byline", "By A"), ("quote", "Q"), ("headline", "Head")]
    assert [(b.kind, b.text) for b in doc.blocks] == expected
