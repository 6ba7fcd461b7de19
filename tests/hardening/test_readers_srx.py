"""SRX files: expressions the regex module rejects and oversized files are refused with file and line."""

from __future__ import annotations

import signal
from xml.sax.saxutils import escape

import pytest

from newsl10n.errors import FormatError
from newsl10n.segment.srx import MAX_RULES, load_srx


def _srx(rules: list[tuple[str, str]], extra_rules: int = 0) -> bytes:
    body = "".join(
        f'<rule break="yes">\n<beforebreak>{escape(b)}</beforebreak>\n'
        f"<afterbreak>{escape(a)}</afterbreak>\n</rule>\n"
        for b, a in rules
    )
    body += '<rule break="no"><beforebreak>x</beforebreak><afterbreak>y</afterbreak></rule>\n' * extra_rules
    return (
        '<?xml version="1.0"?>\n<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n'
        '<header cascade="no"/>\n<body>\n<languagerules>\n<languagerule languagerulename="d">\n'
        f"{body}</languagerule>\n</languagerules>\n<maprules>\n"
        '<languagemap languagepattern=".*" languagerulename="d"/>\n</maprules>\n</body>\n</srx>\n'
    ).encode()


def test_good_rules_still_segment() -> None:
    doc = load_srx(_srx([(r"[.!?]", r"\s")]), path="r.srx")
    assert doc.spans("One. Two.", "en") == [(0, 5), (5, 9)]


@pytest.mark.parametrize(
    ("before", "after", "line"),
    [
        ("(?V1", r"\s", 8),  # the <beforebreak> line
        (r"[.]", "(a", 9),  # the <afterbreak> line
        ("(?x)[.] # a comment", r"\s", 7),  # verbose mode comments out the lookahead: the <rule> line
        ("(?x)\\.#", r"\p{Lu}", 7),
        ("a)", r"\s", 8),
        (r"\p{NoSuchProperty}", r"\s", 8),
        (r"\x{110000}", r"\s", 8),
    ],
)
def test_rejected_expressions_name_the_rule_line(before: str, after: str, line: int) -> None:
    with pytest.raises(FormatError) as err:
        load_srx(_srx([(before, after)]), path="r.srx")
    message = str(err.value)
    assert message.startswith(f"r.srx:{line}: invalid regular expression"), message
    assert "\n" not in message


def test_millions_of_rules_are_refused_naming_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _srx([], extra_rules=MAX_RULES + 1)

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("the SRX reader did not refuse the file in time")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(30)
    try:
        with pytest.raises(FormatError) as err:
            load_srx(data, path="big.srx")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert f"more than {MAX_RULES} rules" in str(err.value)
    assert "NEWSL10N_SRX_MAX_RULES" in str(err.value)
    assert str(err.value).startswith("big.srx:")
    monkeypatch.setenv("NEWSL10N_SRX_MAX_RULES", str(MAX_RULES + 1))
    assert len(load_srx(data, path="big.srx").rules_for("en")) == MAX_RULES + 1
