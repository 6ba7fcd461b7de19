"""Bilingual readers and `newsl10n check`: findings, report formats, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from newsl10n.errors import FormatError
from newsl10n.formats.bilingual import read_bilingual

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "bilingual"
GLOSSARY = ROOT / "glossaries" / "sco-news.tbx"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    return subprocess.run(
        [sys.executable, "-m", "newsl10n", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def test_xliff12_units_keep_paired_text_and_drop_native_codes() -> None:
    units = read_bilingual((DATA / "story.ru.xlf").read_bytes(), path="story.ru.xlf")
    assert [u.unit for u in units] == ["1", "2", "3", "4"]
    assert units[0].source == "Leaders of the Shanghai Cooperation Organisation met in Astana."
    assert units[1].source == "The SCO summit discussed AI." and units[1].line == 9
    assert (units[0].source_lang, units[0].target_lang) == ("en", "ru")
    assert units[3].target == ""


def test_tmx_yields_one_unit_per_target_language() -> None:
    units = read_bilingual((DATA / "story.tmx").read_bytes(), path="story.tmx")
    assert [(u.unit, u.target_lang) for u in units] == [("t1", "ru"), ("t1", "zh"), ("t2", "ru")]
    assert units[2].source == "They used TikTok."


def test_po_entries_header_language_and_obsolete_skipped() -> None:
    units = read_bilingual((DATA / "app.po").read_bytes(), path="app.po")
    assert [u.source for u in units] == [
        "Shanghai Cooperation Organisation members",
        "Kazakhstan hosts the SCO summit",
    ]
    assert units[0].target_lang == "ru" and units[0].line == 8
    assert units[1].unit == "headline"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.docx", b"", "unknown bilingual format '.docx'"),
        ("x.xlf", b"<xliff", "not well-formed XML"),
        ("x.xlf", b"<root/>", "neither <xliff> nor <tmx>"),
        (
            "x.xlf",
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en"/>',
            "trgLang",
        ),
        ("x.po", b'msgid "a"\nmsgstr "b"\n', "Language"),
        ("x.po", b'msgid "a\nmsgstr "b"\n', "bad PO string"),
        ("x.jsonl", b'{"source": "a"\n', "not valid JSON"),
        ("x.tmx", b'<tmx version="1.4"><header/><body/></tmx>', "srclang"),
    ],
)
def test_bad_bilingual_input(name: str, data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_bilingual(data, path=name)


def test_check_text_report_and_exit_1() -> None:
    proc = run("check", str(DATA / "story.ru.xlf"), "--glossary", str(GLOSSARY))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert any(":9: error: missing-term [2]" in x and "саммит ШОС" in x for x in lines)
    assert any("forbidden-term [3]" in x and "Казахия" in x for x in lines)
    assert not any("[1]" in x for x in lines)  # inflected forms count
    assert not any("[4]" in x for x in lines)  # untranslated units are not checked
    assert lines[-1].startswith("3 errors, 0 warnings in 4 units of 1 files")


def test_check_json_schema() -> None:
    proc = run(
        "check",
        str(DATA / "story.tmx"),
        str(DATA / "app.po"),
        "--glossary",
        str(GLOSSARY),
        "--format",
        "json",
    )
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["schema"] == 1
    kinds = {
        (v["file"].rsplit("/", 1)[-1], v["unit"], v["kind"], v["target_lang"]) for v in report["violations"]
    }
    assert ("story.tmx", "t1", "missing-term", "zh") in kinds
    assert ("story.tmx", "t2", "dnt-changed", "ru") in kinds
    assert ("app.po", "headline", "missing-term", "ru") in kinds
    v = report["violations"][0]
    assert set(v) >= {"file", "unit", "source_term", "target_lang", "kind", "severity", "message"}


def test_check_sarif_junit_github(tmp_path: Path) -> None:
    sarif_path = tmp_path / "terms.sarif"
    proc = run(
        "check",
        str(DATA / "story.ru.xlf"),
        "--glossary",
        str(GLOSSARY),
        "--format",
        "sarif",
        "-o",
        str(sarif_path),
    )
    assert proc.returncode == 1 and proc.stdout == ""
    sarif = json.loads(sarif_path.read_text())
    assert sarif["version"] == "2.1.0"
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] in {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    junit = run("check", str(DATA / "story.ru.xlf"), "--glossary", str(GLOSSARY), "--format", "junit")
    root = etree.fromstring(junit.stdout.encode())
    suite = root.find("testsuite")
    assert suite.get("tests") == "4" and suite.get("failures") == "2"
    github = run("check", str(DATA / "story.ru.xlf"), "--glossary", str(GLOSSARY), "--format", "github")
    assert github.stdout.startswith("::error file=") and ",line=9," in github.stdout


def test_fail_on_warning_and_clean_exit(tmp_path: Path) -> None:
    clean = tmp_path / "clean.jsonl"
    clean.write_text(
        json.dumps(
            {"source": "The SCO met.", "target": "ШОС собралась.", "target_lang": "ru", "segment": "s1"},
            ensure_ascii=False,
        )
        + "\n"
    )
    assert run("check", str(clean), "--glossary", str(GLOSSARY)).returncode == 0
    armenian = tmp_path / "hy.jsonl"
    armenian.write_text(json.dumps({"source": "The SCO met.", "target": "x", "target_lang": "hy"}) + "\n")
    assert run("check", str(armenian), "--glossary", str(GLOSSARY)).returncode == 0
    warned = run("check", str(armenian), "--glossary", str(GLOSSARY), "--fail-on", "warning")
    assert warned.returncode == 1 and "no-target-terms" in warned.stdout


def test_check_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff>\n<unit>")
    proc = run("check", str(bad), "--glossary", str(GLOSSARY))
    assert proc.returncode == 2 and f"{bad}:2:" in proc.stderr
    glossary = tmp_path / "g.csv"
    glossary.write_text("en,ru,status\nSCO,ШОС,approved\nAI,ИИ,wrong\n")
    proc = run("check", str(DATA / "story.ru.xlf"), "--glossary", str(glossary))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"Error: {glossary}:2: status 'approved' is not one of preferred, admitted, deprecated",
        f"Error: {glossary}:3: status 'wrong' is not one of preferred, admitted, deprecated",
    ]
    unknown = tmp_path / "x.docx"
    unknown.write_text("x")
    assert run("check", str(unknown), "--glossary", str(GLOSSARY)).returncode == 2


def test_glossary_convert_and_lint(tmp_path: Path) -> None:
    out = tmp_path / "sco.csv"
    assert run("glossary", "convert", str(GLOSSARY), str(out)).returncode == 0
    back = tmp_path / "sco.tbx"
    assert run("glossary", "convert", str(out), str(back)).returncode == 0
    assert run("glossary", "lint", str(back)).returncode == 0
    messy = tmp_path / "messy.csv"
    messy.write_text("en,ru,id\nSCO,ШОС,a\nSCO,ОШС,b\nsummit,,c\nAI,ИИ | ИИ,d\n")
    proc = run("glossary", "lint", str(messy))
    assert proc.returncode == 1
    assert (
        "ambiguous-source" in proc.stdout
        and "empty-language" in proc.stdout
        and "duplicate-term" in proc.stdout
    )


def test_lint_notes_overlapping_terms_without_failing(tmp_path: Path) -> None:
    g = tmp_path / "overlap.csv"
    g.write_text(
        "en,ru\nShanghai Cooperation,Шанхайское сотрудничество\nCooperation Organisation,Организация\n"
    )
    proc = run("glossary", "lint", str(g))
    assert proc.returncode == 0
    assert "info: overlapping-terms" in proc.stdout and "“Shanghai Cooperation” ends where" in proc.stdout
