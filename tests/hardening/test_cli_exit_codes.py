"""Every registered reader driven through the real CLI with broken files: exit 2, one ``Error: FILE…``
line naming the file (and line where the format has lines), never a traceback (issue 13).

The table runs through click's CliRunner (the same ``cli`` object ``python -m newsl10n`` runs);
a handful run as real subprocesses. Findings (exit 1) are kept distinct from bad input (exit 2).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsl10n.cli import cli

GOOD_XLF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="pt">\n'
    '<file id="f"><unit id="u1"><segment><source>SCO summit</source><target>Cimeira</target>'
    "</segment></unit></file>\n</xliff>\n"
)
GLOSSARY_CSV = "en,pt\nSCO,OCX\n"

# (case id, file name, bytes, command (FILE is the broken file), expected line or None)
CASES: list[tuple[str, str, bytes, list[str], int | None]] = [
    ("text-encoding", "a.txt", b"Headline\n\nCaf\xe9 here.\n", ["translate", "FILE", "--to", "pt"], 3),
    (
        "text-utf16-bomless",
        "a.txt",
        "Headline here\n".encode("utf-16-le"),
        ["translate", "FILE", "--to", "pt"],
        None,
    ),
    ("text-empty", "a.txt", b"\n\n", ["translate", "FILE", "--to", "pt"], None),
    ("markdown-encoding", "a.md", b"# Title\n\nBad \xff byte\n", ["segment", "FILE"], 3),
    ("markdown-placeholder", "a.md", "# T\n\nx \u27e61\u27e7 y\n".encode(), ["segment", "FILE"], None),
    ("html-encoding", "a.html", b"<html><body><p>x\xff</p></body></html>", ["segment", "FILE"], 1),
    ("html-empty", "a.html", b"<html><body></body></html>", ["translate", "FILE", "--to", "pt"], None),
    ("xliff2-truncated", "a.xlf", GOOD_XLF.encode()[:150], ["check", "FILE"], 3),
    ("xliff2-structure", "a.xlf", b'<xliff version="2.0"><file/></xliff>', ["check", "FILE"], 1),
    (
        "xliff12-truncated",
        "a.xlf",
        b'<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        b'<file source-language="en" target-language="pt" datatype="plaintext" original="a">\n<body>\n'
        b'<trans-unit id="1"><source>x</source>',
        ["check", "FILE"],
        5,
    ),
    (
        "xliff-dtd",
        "a.xlf",
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<xliff/>',
        ["check", "FILE"],
        2,
    ),
    (
        "tmx-truncated",
        "a.tmx",
        b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/>\n<body><tu>',
        ["check", "FILE"],
        3,
    ),
    (
        "po-bad-string",
        "a.po",
        b'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\nmsgid "a\nmsgstr "b"\n',
        ["check", "FILE"],
        5,
    ),
    (
        "po-encoding",
        "a.po",
        b'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\nmsgid "a"\nmsgstr "\xff"\n',
        ["check", "FILE"],
        6,
    ),
    (
        "po-surrogate",
        "a.po",
        b'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\nmsgid "a"\nmsgstr "\\xd800"\n',
        ["check", "FILE"],
        6,
    ),
    ("jsonl-not-object", "a.jsonl", b'{"source": "a", "target_lang": "pt"}\n[1]\n', ["check", "FILE"], 2),
    ("jsonl-type", "a.jsonl", b'{"source": "a", "target_lang": 5}\n', ["check", "FILE"], 1),
    (
        "jsonl-surrogate",
        "a.jsonl",
        b'{"source": "\\ud800", "target_lang": "pt"}\n',
        ["check", "FILE", "--format", "sarif"],
        1,
    ),
    ("jsonl-encoding", "a.jsonl", b'{"source": "\xff", "target_lang": "pt"}\n', ["check", "FILE"], 1),
    (
        "review-import-truncated",
        "a.pt.html",
        b"<html><body><table><tr><td",
        ["import", "FILE", "-o", "OUT"],
        None,
    ),
    (
        "tbx3-truncated",
        "g.tbx",
        b'<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n<text><body>',  # noqa: E501 (a fixture file, kept whole)
        ["glossary", "lint", "FILE"],
        3,
    ),
    (
        "tbx2008-structure",
        "g.tbx",
        b'<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body><termEntry id="a"></termEntry></body></text></martif>',  # noqa: E501 (a fixture file, kept whole)
        ["glossary", "lint", "FILE"],
        2,
    ),
    ("csv-encoding", "g.csv", b"en,pt\nSCO,caf\xe9\n", ["glossary", "lint", "FILE"], 2),
    (
        "tsv-structure",
        "g.tsv",
        b"en\tpt\nSCO\tOCX\textra\tmore\n",
        ["glossary", "convert", "FILE", "OUT/g.csv"],
        2,
    ),
    (
        "yaml-alias",
        "g.yaml",
        b"a: &a [x, x]\nconcepts:\n  - id: c\n    en: *a\n",
        ["glossary", "lint", "FILE"],
        4,
    ),
    (
        "yaml-deep",
        "g.yaml",
        b"concepts: " + b"[" * 5000 + b"]" * 5000,
        ["glossary", "convert", "FILE", "OUT/g.tbx"],
        1,
    ),
    ("glossary-for-check", "g.csv", b"en,pt\n\xff,x\n", ["check", "GOOD", "--glossary", "FILE"], 2),
    (
        "srx-bad-regex",
        "r.srx",
        b'<?xml version="1.0"?>\n<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header/><body><languagerules><languagerule languagerulename="d">\n<rule><beforebreak>(?V1</beforebreak><afterbreak>x</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="d"/></maprules></body></srx>',  # noqa: E501 (a fixture file, kept whole)
        ["segment", "STORY", "--srx", "FILE"],
        3,
    ),
    (
        "srx-truncated",
        "r.srx",
        b'<?xml version="1.0"?>\n<srx version="2.0">\n<body>',
        ["translate", "STORY", "--to", "pt", "--srx", "FILE"],
        3,
    ),
]


def _prepare(tmp_path: Path, name: str, data: bytes, command: list[str]) -> tuple[list[str], str]:
    broken = tmp_path / name
    broken.write_bytes(data)
    (tmp_path / "story.txt").write_text("Headline\n\nOne sentence. Another one.\n", encoding="utf-8")
    (tmp_path / "good.xlf").write_text(GOOD_XLF, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    args = []
    for a in command:
        a = {
            "FILE": str(broken),
            "STORY": str(tmp_path / "story.txt"),
            "GOOD": str(tmp_path / "good.xlf"),
        }.get(a, a)
        args.append(a.replace("OUT", str(out)))
    if args[0] == "translate":
        args += ["--engine", "identity", "-o", str(out), "-q", "--no-cache", "--no-tm"]
    return args, str(broken)


def _check_error(code: int, stderr: str, path: str, line: int | None) -> None:
    assert code == 2, stderr
    assert "Traceback" not in stderr
    errors = [ln for ln in stderr.splitlines() if ln.startswith("Error: ")]
    assert len(errors) == 1, stderr
    assert errors[0].startswith(f"Error: {path}" + (f":{line}:" if line else "")), stderr


@pytest.mark.parametrize(("case", "name", "data", "command", "line"), CASES, ids=[c[0] for c in CASES])
def test_broken_input_exits_2_naming_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    name: str,
    data: bytes,
    command: list[str],
    line: int | None,
) -> None:
    monkeypatch.setenv("NEWSL10N_TM", str(tmp_path / "tm.sqlite"))
    monkeypatch.setenv("NEWSL10N_CACHE_DIR", str(tmp_path / "cache"))
    args, path = _prepare(tmp_path, name, data, command)
    result = CliRunner().invoke(cli, args)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    _check_error(result.exit_code, result.stderr, path, line)


def test_findings_exit_1_not_2(tmp_path: Path) -> None:
    (tmp_path / "g.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    (tmp_path / "a.xlf").write_text(GOOD_XLF, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(tmp_path / "a.xlf"), "--glossary", str(tmp_path / "g.csv")]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("case", "name", "data", "command", "line"),
    [c for c in CASES if c[0] in ("text-encoding", "jsonl-surrogate", "yaml-alias", "srx-bad-regex")],
    ids=lambda v: v if isinstance(v, str) and "-" in v else "",
)
def test_real_entry_point(
    tmp_path: Path, case: str, name: str, data: bytes, command: list[str], line: int | None
) -> None:
    args, path = _prepare(tmp_path, name, data, command)
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "NEWSL10N_TM": str(tmp_path / "tm.sqlite"),
    }
    env.pop("NEWSL10N_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "newsl10n", *args], capture_output=True, text=True, env=env, timeout=120
    )
    _check_error(proc.returncode, proc.stderr, path, line)


@pytest.mark.parametrize("to", ["pt,,", "pt,pt", ",", "pt, PT"])
def test_bad_target_lists_exit_2(tmp_path: Path, to: str) -> None:
    (tmp_path / "story.txt").write_text("Headline\n\nOne sentence.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "translate",
            str(tmp_path / "story.txt"),
            "--to",
            to,
            "--engine",
            "identity",
            "-o",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "--to" in result.stderr
    assert not (tmp_path / "o").exists()


def test_an_output_never_overwrites_an_input(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "story.txt").write_text("Headline\n\nOne sentence.\n", encoding="utf-8")
    (d / "story.pt.txt").write_text("Manchete\n\nUma frase.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in d.iterdir()}
    result = CliRunner().invoke(
        cli,
        [
            "translate",
            str(d / "story.txt"),
            str(d / "story.pt.txt"),
            "--to",
            "pt",
            "--engine",
            "identity",
            "-o",
            str(d),
        ],
    )
    # The item whose output is an input fails (exit 2); the other item is written beside it.
    assert result.exit_code == 2
    assert "would overwrite an input article" in result.stderr
    assert {name: (d / name).read_bytes() for name in before} == before
