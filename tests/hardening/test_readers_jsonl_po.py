"""JSONL and PO readers: wrong types, bad encodings and lone surrogates are refused with file and line;
report formats survive characters that readers should have refused (issue 13)."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from newsl10n.errors import FormatError
from newsl10n.formats.bilingual import read_bilingual
from newsl10n.model import CheckReport, Finding
from newsl10n.qa.report import render_github, render_json, render_junit, render_sarif, render_text

GOOD = {"segment": "s1", "source": "One.", "target": "Um.", "source_lang": "en", "target_lang": "pt"}


def _jsonl(*rows: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows).encode("utf-8")


def test_good_jsonl_reads() -> None:
    (unit,) = read_bilingual(_jsonl(GOOD, ""), path="r.jsonl")
    assert (unit.unit, unit.source, unit.target, unit.target_lang, unit.line) == (
        "s1",
        "One.",
        "Um.",
        "pt",
        1,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"source": "caf\xe9", "target_lang": "pt"}\n', "r.jsonl:1: not valid UTF-8"),
        (_jsonl(GOOD, '{"source": "a", "target_lang": 7}'), "r.jsonl:2: 'target_lang' must be a string"),
        (_jsonl(GOOD, '{"source": ["a"], "target_lang": "pt"}'), "r.jsonl:2: 'source' must be a string"),
        (_jsonl(GOOD, '{"source": "a", "target": {}, "target_lang": "pt"}'), "r.jsonl:2: 'target' must"),
        (_jsonl(GOOD, '{"source": "a", "kind": true, "target_lang": "pt"}'), "r.jsonl:2: 'kind' must"),
        (_jsonl(GOOD, '{"source": "a", "issues": 3, "target_lang": "pt"}'), "r.jsonl:2: 'issues' must"),
        (_jsonl(GOOD, '{"source": "a", "issues": [1], "target_lang": "pt"}'), "r.jsonl:2: 'issues' must"),
        (_jsonl(GOOD, "[1, 2]"), "r.jsonl:2: each line must be a JSON object"),
        (_jsonl(GOOD, '"text"'), "r.jsonl:2: each line must be a JSON object"),
        (_jsonl(GOOD, '{"target": "x"}'), "r.jsonl:2: each line must be a JSON object"),
        (_jsonl(GOOD, '{"source": "a"'), "r.jsonl:2: not valid JSON"),
        (_jsonl(GOOD, "[" * 100_000), "r.jsonl:2: not valid JSON"),
        (_jsonl(GOOD, '{"source": "a", "n": ' + "9" * 5000 + "}"), "r.jsonl:2: not usable JSON"),
        (
            _jsonl(GOOD, '{"source": "\\ud800", "target_lang": "pt"}'),
            "r.jsonl:2: 'source' holds a lone",
        ),
        (
            _jsonl(GOOD, '{"source": "a", "target": "b\\udfff", "target_lang": "pt"}'),
            "r.jsonl:2: 'target' holds",
        ),
        (_jsonl(GOOD, '{"source": "a", "target_lang": "not a tag!"}'), "r.jsonl:2: "),
    ],
)
def test_bad_jsonl_names_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(FormatError) as err:
        read_bilingual(data, path="r.jsonl")
    assert str(err.value).startswith(message), str(err.value)
    assert "\n" not in str(err.value)


def test_jsonl_line_numbers_count_only_newlines() -> None:
    # U+2028 inside a JSON string is not a line end.
    data = _jsonl({**GOOD, "source": "a\u2028b"}, '{"source": 1}')
    with pytest.raises(FormatError, match=r"^r\.jsonl:2: 'source' must be a string"):
        read_bilingual(data, path="r.jsonl")


PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('msgid "a"\nmsgstr "\\xd800"\n', "r.po:7: bad PO string"),
        ('msgid "a"\nmsgstr "\\x110000"\n', "r.po:7: bad PO string"),
        ('msgid "a"\nmsgstr "\\ud800"\n', "r.po:7: bad PO string"),
    ],
)
def test_po_numeric_escapes_outside_unicode_are_refused(entry: str, message: str) -> None:
    with pytest.raises(FormatError) as err:
        read_bilingual((PO_HEAD + entry).encode("utf-8"), path="r.po")
    assert str(err.value).startswith(message), str(err.value)


def test_po_decodes_through_textio() -> None:
    data = (PO_HEAD + 'msgid "a"\nmsgstr "б"\n').encode("utf-16")  # a BOM: the charset is not probed
    (unit,) = read_bilingual(data, path="r.po")
    assert unit.target == "б"
    bomless = (PO_HEAD + 'msgid "a"\nmsgstr "b"\n').encode("utf-16-le")
    with pytest.raises(FormatError, match=r"^r\.po: .*UTF-16 without a byte-order mark"):
        read_bilingual(bomless, path="r.po")


@pytest.mark.parametrize("render", [render_text, render_json, render_sarif, render_junit, render_github])
def test_reports_survive_surrogates_and_control_characters(render: object) -> None:
    bad = "a\ud800b\x01c"
    finding = Finding(
        file=f"f{bad}.jsonl",
        unit=bad,
        line=3,
        target_lang="pt",
        kind="term",
        severity="error",
        message=bad,
        attrs={"found": bad},
    )
    report = CheckReport(files=(finding.file,), units=((finding.file, bad),), findings=(finding,))
    out = render(report)  # type: ignore[operator]
    assert isinstance(out, str)
    out.encode("utf-8")
    assert "\ufffd" in out
    if render is render_junit:
        etree.fromstring(out.encode("utf-8"))
