"""Markdown inline markup: linear-time parsing of pathological paragraphs (issue 13).

The scanner must give exactly the matches of the single regular expression it replaced; that
expression is kept here as the reference and compared on many small random inputs.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.formats.markdown import InlineParser, MarkdownArticleFormat
from newsl10n.model import Code

_REFERENCE_RE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<auto><(?:https?|mailto):[^>\s]+>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>)"
    r"|(?P<lopen>!?\[)(?P<ltext>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)"
    r"(?P<lclose>\]\([^()\s]*(?:\([^()\s]*\))?(?:\s+\"[^\"\n]*\")?\)|\]\[[^\]\n]*\])"
    r"|(?P<sdelim>\*\*|__)(?=\S)(?P<stext>.+?)(?<=\S)(?P=sdelim)"
    r"|(?P<edelim>[*_])(?=[^\s*_])(?P<etext>.+?)(?<=[^\s*_])(?P=edelim)",
    re.S,
)


class _Reference:
    """The regular-expression parser the scanner replaced (quadratic, correct on small inputs)."""

    def __init__(self) -> None:
        self.codes: list[Code] = []

    def _new(self, kind: str, ctype: str, opening: str, closing: str = "") -> int:
        self.codes.append(
            Code(
                id=len(self.codes) + 1,
                kind="pair" if kind == "pair" else "standalone",
                ctype=ctype,
                opening=opening,
                closing=closing,
            )
        )
        return len(self.codes)

    def parse(self, s: str) -> str:
        out: list[str] = []
        pos = search_from = 0
        while (m := _REFERENCE_RE.search(s, search_from)) is not None:
            intraword = s[m.start() - 1 : m.start()].isalnum() or s[m.end() : m.end() + 1].isalnum()
            if (m.group("edelim") == "_" or m.group("sdelim") == "__") and intraword:
                search_from = m.start() + 1
                continue
            out.append(s[pos : m.start()])
            out.append(self._render(m))
            pos = search_from = m.end()
        out.append(s[pos:])
        return "".join(out)

    def _render(self, m: re.Match[str]) -> str:
        if m.group("code"):
            return f"⟦{self._new('standalone', 'code', m.group('code'))}⟧"
        if m.group("auto"):
            return f"⟦{self._new('standalone', 'link', m.group('auto'))}⟧"
        if m.group("html"):
            tag = m.group("html")
            return f"⟦{self._new('standalone', 'lb' if tag.lower().startswith('<br') else 'other', tag)}⟧"
        if m.group("lopen"):
            ctype = "image" if m.group("lopen") == "![" else "link"
            cid = self._new("pair", ctype, m.group("lopen"), m.group("lclose"))
            return f"⟦{cid}⟧{self.parse(m.group('ltext'))}⟦/{cid}⟧"
        if m.group("sdelim"):
            cid = self._new("pair", "bold", m.group("sdelim"), m.group("sdelim"))
            return f"⟦{cid}⟧{self.parse(m.group('stext'))}⟦/{cid}⟧"
        cid = self._new("pair", "italic", m.group("edelim"), m.group("edelim"))
        return f"⟦{cid}⟧{self.parse(m.group('etext'))}⟦/{cid}⟧"


def _both(s: str) -> tuple[tuple[str, list[Code]], tuple[str, list[Code]]]:
    new, ref = InlineParser(), _Reference()
    return (new.parse(s), new.codes), (ref.parse(s), ref.codes)


_ALPHABET = st.sampled_from([*'`*_[]()<>!ab \n"', "http:", "<br>", "](x)", "**", "__", "```"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_ALPHABET, max_size=24).map("".join))
def test_scanner_matches_the_reference_expression(s: str) -> None:
    new, ref = _both(s)
    assert new == ref


@pytest.mark.parametrize(
    "s",
    [
        "Run `make test` now.",
        "a ``b ` c`` d",
        "```",
        "`` ` ``",
        "x ```a`` b` c",
        "**bold *and em* here** and _under_ but snake_case_name",
        "see <https://x.org> and <br> and <sup>2</sup>",
        '[a [b] c](https://x.org "t") ![alt](i.png) [r][1]',
        "__init__ and *a*b* and ***x***",
    ],
)
def test_scanner_on_known_cases(s: str) -> None:
    new, ref = _both(s)
    assert new == ref


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def fail(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s: the inline parser is not linear")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


_BIG = 400_000


@pytest.mark.parametrize(
    "unit",
    ["*a ", "_", "**", "`", "``a", "<http:", "[a", "](", "*a_ **b _c", "_a *b __c", "` ``", "_ ", "> "],
    ids=repr,
)
def test_pathological_paragraph_is_linear(unit: str) -> None:
    paragraph = "Lead " + unit * (_BIG // len(unit))
    with _alarm(30):  # the quadratic parser takes minutes on these; the linear one well under a second
        doc = MarkdownArticleFormat().read(paragraph.encode("utf-8"), doc_id="big.md", source_lang="en")
    assert doc.blocks


def test_many_inline_codes_in_one_block() -> None:
    paragraph = " ".join(f"`c{i}`" for i in range(20_000))
    with _alarm(30):
        doc = MarkdownArticleFormat().read(paragraph.encode("utf-8"), doc_id="codes.md", source_lang="en")
        block = doc.blocks[0]
        assert len(block.codes) == 20_000
        assert [block.code(c.id) for c in block.codes] == list(block.codes)
        assert MarkdownArticleFormat().write(doc) == paragraph.encode("utf-8")
