"""YAML glossaries: alias bombs, deep nesting and shape errors are refused with file and line (issue 13)."""

from __future__ import annotations

import signal

import pytest

from newsl10n.errors import FormatError, GlossaryError
from newsl10n.glossary.io import read_glossary
from newsl10n.glossary.yamlfmt import MAX_DEPTH

GOOD = "source_lang: en\nconcepts:\n  - id: sco\n    en: Shanghai Cooperation Organisation\n    ru: ШОС\n"


def _bomb(levels: int = 9) -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels + 1):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append(f"concepts:\n  - id: x\n    en: *a{levels}")
    return "\n".join(lines).encode("utf-8")


def _read(data: bytes, name: str = "g.yaml") -> None:
    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("the YAML glossary reader did not finish")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(30)
    try:
        read_glossary(data, path=name)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_good_glossary_still_reads() -> None:
    g = read_glossary(GOOD.encode("utf-8"), path="g.yaml")
    assert [t.text for t in g.concepts[0].terms] == ["Shanghai Cooperation Organisation", "ШОС"]
    g16 = read_glossary(GOOD.encode("utf-16"), path="g.yaml")  # decoded by textio: a BOM is honoured
    assert g16.concepts == g.concepts


def test_alias_bomb_is_refused_at_once() -> None:
    with pytest.raises(GlossaryError) as err:
        _read(_bomb())
    assert str(err.value).startswith("g.yaml:2: ")
    assert "alias *a0 is not allowed in a glossary" in str(err.value)


def test_merge_keys_are_aliases_too() -> None:
    data = b"base: &b {subject: org}\nconcepts:\n  - <<: *b\n    id: x\n    en: X\n"
    with pytest.raises(GlossaryError, match=r"^g\.yaml:3: .*alias \*b"):
        _read(data)


@pytest.mark.parametrize(
    "doc",
    [
        "concepts: " + "[" * 100_000 + "]" * 100_000,
        "concepts:\n" + "".join("  " * i + "- \n" for i in range(2_000)),
        "concepts: " + "{a: " * 50_000 + "x" + "}" * 50_000,
    ],
    ids=["flow lists", "block lists", "flow mappings"],
)
def test_deep_nesting_is_refused(doc: str) -> None:
    with pytest.raises(GlossaryError) as err:
        _read(doc.encode("utf-8"))
    assert f"nested more than {MAX_DEPTH} deep" in str(err.value)
    assert str(err.value).startswith("g.yaml:")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"concepts:\n  - id: a\n    en: [x\n", "g.yaml:3: not valid YAML"),
        (b"concepts:\n  - id: a\n    en: \x07bell\n", "g.yaml:3: not valid YAML"),
        (b"concepts:\n  - id: a\n    en: caf\xe9\n", "g.yaml:3: not valid UTF-8"),
        (b"- just\n- a list\n", "g.yaml:1: expected a mapping with a 'concepts' list"),
        (b"concepts: {a: 1}\n", "g.yaml:1: expected a mapping with a 'concepts' list"),
        (b"source_lang: [en]\nconcepts:\n  - en: x\n", "g.yaml:1: "),
        (b"concepts:\n  - id: [a, b]\n    en: x\n", "g.yaml:2: id must be a single value"),
        (b"concepts:\n  - id: a\n    en: {status: preferred}\n", "g.yaml:2: a en term must be"),
        (b"concepts:\n  - id: a\n    en: x\n    dnt: maybe\n", "g.yaml:2: dnt must be true or false"),
        (b"concepts:\n  - 7\n", "g.yaml: concept #1 is not a mapping"),
        (b"concepts: []\n", "g.yaml:1: the glossary has no concepts"),
        (b"concepts:\n  - {? [a, b] : c}\n", "g.yaml:2: not valid YAML"),
    ],
)
def test_parse_and_shape_errors_name_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(FormatError if b"\xe9" in data else GlossaryError) as err:
        _read(data)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_number_too_long_to_convert_is_a_glossary_error() -> None:
    # Python refuses int() of more than 4,300 digits; YAML's int resolver meets it first.
    with pytest.raises(GlossaryError, match="not usable YAML"):
        _read(b"1" * 5000)
