"""CSV/TSV and OmegaT glossaries: linear reading of many rows; control characters refused with file, line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.errors import FormatError, InputError
from newsl10n.glossary.io import read_glossary
from newsl10n.glossary.tabular import read_table


def _rows(n: int, *, with_ids: bool) -> bytes:
    head = "en,fr,concept_id" if with_ids else "en,fr"
    body = (f"term {i},terme {i},c{i}" if with_ids else f"term {i},terme {i}" for i in range(n))
    return ("\n".join([head, *body]) + "\n").encode()


@pytest.mark.parametrize("with_ids", [False, True])
def test_two_hundred_thousand_rows_read_in_linear_time(with_ids: bool) -> None:
    # The list-membership reader needed about 14 s for 40,000 rows and grew quadratically: this
    # size would take it many minutes; the linear one reads it in seconds.
    n = 200_000
    glossary = read_table(_rows(n, with_ids=with_ids), path="big.csv", delimiter=",")
    assert len(glossary.concepts) == n
    last = glossary.concepts[-1]
    assert last.id == (f"c{n - 1}" if with_ids else f"row{n + 1}")
    assert [t.text for t in last.terms] == [f"term {n - 1}", f"terme {n - 1}"]
    assert last.line == n + 1


def test_rows_of_one_concept_merge_in_first_seen_order() -> None:
    data = b"en,fr,concept_id,status\nb,B,k2,\na,A,k1,\nold b,,k2,deprecated\n"
    glossary = read_table(data, path="g.csv", delimiter=",")
    assert [c.id for c in glossary.concepts] == ["k2", "k1"]
    assert [(t.text, t.status) for t in glossary.concepts[0].terms] == [
        ("b", "preferred"),
        ("B", "preferred"),
        ("old b", "deprecated"),
    ]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85"])
@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_control_character_is_refused_with_file_and_line(char: str, delimiter: str) -> None:
    rows = ["en", "fr"], ["Shanghai", "Shanghaï"], ["Beijing", f"Pé{char}kin"]
    data = "\n".join(delimiter.join(r) for r in rows).encode()
    with pytest.raises(FormatError) as info:
        read_table(data, path="terms.tsv", delimiter=delimiter)
    assert str(info.value).startswith("terms.tsv:3: control character U+")
    assert f"U+{ord(char):04X}" in str(info.value)


def test_tab_inside_a_quoted_csv_cell_is_allowed() -> None:
    data = b'en,fr\n"a\tb","c\nd"\n'
    glossary = read_table(data, path="g.csv", delimiter=",")
    assert [t.text for t in glossary.concepts[0].terms] == ["a\tb", "c\nd"]


def test_utf16_with_bom_is_decoded_by_textio() -> None:
    data = "en,fr\nSCO,OCS\n".encode("utf-16")
    glossary = read_table(data, path="g.csv", delimiter=",")
    assert [t.text for t in glossary.concepts[0].terms] == ["SCO", "OCS"]


def test_invalid_utf8_names_file_and_line() -> None:
    with pytest.raises(InputError) as info:
        read_table(b"en,fr\nok,ok\nbad,\xff\n", path="g.csv", delimiter=",")
    assert str(info.value).startswith("g.csv:3: not valid UTF-8")


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=40))
def test_any_text_is_read_or_refused_as_input_error(cell: str) -> None:
    data = f"en,fr\nx,{cell}\n".encode()
    try:
        glossary = read_table(data, path="g.csv", delimiter=",")
    except InputError:
        return
    for concept in glossary.concepts:
        for term in concept.terms:
            assert not any(0 < ord(c) < 32 and c not in "\t\n\r" for c in term.text)


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x0b", "\x0c", "\x1c", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff"]
)
def test_omegat_glossary_refuses_control_characters_with_file_and_line(char: str) -> None:
    data = f"# comment\nShanghai\tXangai\nBeijing\tPe{char}quim\tcapital\n".encode()
    with pytest.raises(FormatError) as info:
        read_glossary(data, path="project.utf8", source_lang="en", target_lang="pt")
    assert str(info.value).startswith(f"project.utf8:3: control character U+{ord(char):04X}")


def test_omegat_glossary_keeps_tabs_and_line_breaks() -> None:
    data = b"Shanghai\tXangai\r\nBeijing\tPequim\tcapital\n"
    glossary = read_glossary(data, path="project.utf8", source_lang="en", target_lang="pt")
    assert [[t.text for t in c.terms] for c in glossary.concepts] == [
        ["Shanghai", "Xangai"],
        ["Beijing", "Pequim"],
    ]
    assert glossary.concepts[1].note == "capital"


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=40))
def test_omegat_reads_any_text_or_refuses_it_as_input_error(cell: str) -> None:
    try:
        glossary = read_glossary(f"x\t{cell}\n".encode(), path="g.utf8", source_lang="en", target_lang="pt")
    except InputError:
        return
    for concept in glossary.concepts:
        for term in concept.terms:
            assert not any(0 < ord(c) < 32 and c not in "\t\n\r" for c in term.text)
            assert not any(0x7F <= ord(c) <= 0x9F for c in term.text)


@pytest.mark.parametrize("header", ["en,pt,pt", "en,pt,PT", "en,pt-BR,pt_br"])
def test_a_language_named_twice_in_the_header_is_refused(header: str) -> None:
    from newsl10n.errors import FormatError
    from newsl10n.glossary.io import read_glossary

    data = f"{header}\nSCO,OCX,OCX\n".encode()
    with pytest.raises(FormatError, match=r"^dup\.csv:1: the header names the language .* twice"):
        read_glossary(data, path="dup.csv")
