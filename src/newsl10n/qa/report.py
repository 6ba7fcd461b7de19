"""Rendering check findings: text, JSON (schema 1), SARIF 2.1.0, JUnit XML, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from lxml import etree

from ..formats.bilingual import BilingualUnit
from ..version import __version__
from .terminology import KINDS, Violation

REPORT_FORMATS = ("text", "json", "sarif", "junit", "github")
SCHEMA = 1


def summary(
    violations: Sequence[Violation], units: Sequence[BilingualUnit], files: Sequence[str]
) -> dict[str, int]:
    return {
        "files": len(files),
        "units": len(units),
        "errors": sum(v.severity == "error" for v in violations),
        "warnings": sum(v.severity == "warning" for v in violations),
    }


def render(
    fmt: str, violations: Sequence[Violation], units: Sequence[BilingualUnit], files: Sequence[str]
) -> str:
    if fmt == "json":
        return (
            json.dumps(
                {
                    "schema": SCHEMA,
                    "tool": f"newsl10n {__version__}",
                    "summary": summary(violations, units, files),
                    "violations": [v.to_dict() for v in violations],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if fmt == "sarif":
        return json.dumps(_sarif(violations), ensure_ascii=False, indent=2) + "\n"
    if fmt == "junit":
        return _junit(violations, units, files)
    if fmt == "github":
        return "".join(_github(v) + "\n" for v in violations)
    lines = []
    for v in violations:
        where = f"{v.file}:{v.line}" if v.line else v.file
        unit = f" [{v.unit}]" if v.unit else ""
        lines.append(f"{where}: {v.severity}: {v.kind}{unit}: {v.message}")
    s = summary(violations, units, files)
    lines.append(
        f"{s['errors']} errors, {s['warnings']} warnings in {s['units']} units of {s['files']} files"
    )
    return "\n".join(lines) + "\n"


def _sarif(violations: Sequence[Violation]) -> dict[str, object]:
    rules = [{"id": k, "name": k, "shortDescription": {"text": d}} for k, d in KINDS.items()]
    results = []
    for v in violations:
        location: dict[str, object] = {"physicalLocation": {"artifactLocation": {"uri": v.file}}}
        if v.line:
            location["physicalLocation"]["region"] = {"startLine": v.line}  # type: ignore[index]
        if v.unit:
            location["logicalLocations"] = [{"name": v.unit, "kind": "element"}]
        results.append(
            {
                "ruleId": v.kind,
                "ruleIndex": list(KINDS).index(v.kind),
                "level": "error"
                if v.severity == "error"
                else "warning"
                if v.severity == "warning"
                else "note",
                "message": {"text": v.message},
                "locations": [location],
                "properties": {
                    "sourceTerm": v.source_term,
                    "targetLang": v.target_lang,
                    "concept": v.concept,
                    "expected": list(v.expected),
                    "found": v.found,
                },
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "newsl10n", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }


def _junit(violations: Sequence[Violation], units: Sequence[BilingualUnit], files: Sequence[str]) -> str:
    root = etree.Element("testsuites", name="newsl10n check")
    total = failures = 0
    for path in files:
        file_units = [u for u in units if u.file == path]
        file_violations = [v for v in violations if v.file == path]
        suite = etree.SubElement(root, "testsuite", name=path)
        cases = 0
        fails = 0
        by_unit: dict[str, list[Violation]] = {}
        for v in file_violations:
            by_unit.setdefault(v.unit, []).append(v)
        for u in file_units:
            case = etree.SubElement(suite, "testcase", classname=path, name=u.unit)
            cases += 1
            found = by_unit.pop(u.unit, [])
            errors = [v for v in found if v.severity == "error"]
            if errors:
                fails += 1
                f = etree.SubElement(case, "failure", type=errors[0].kind, message=errors[0].message)
                f.text = "\n".join(f"{v.kind}: {v.message}" for v in errors)
            for v in found:
                if v.severity != "error":
                    etree.SubElement(case, "system-out").text = f"{v.severity}: {v.kind}: {v.message}"
        for v in by_unit.get("", []):  # file-level findings (a glossary with no terms in the language)
            case = etree.SubElement(suite, "testcase", classname=path, name="glossary coverage")
            cases += 1
            etree.SubElement(case, "skipped", message=v.message)
        suite.set("tests", str(cases))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        total += cases
        failures += fails
    root.set("tests", str(total))
    root.set("failures", str(failures))
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8") + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(v: Violation) -> str:
    """A GitHub Actions workflow command: ``::error file=…,line=…,title=…::message``."""
    level = "error" if v.severity == "error" else "warning" if v.severity == "warning" else "notice"
    props = [f"file={_escape_prop(v.file)}"]
    if v.line:
        props.append(f"line={v.line}")
    props.append(f"title={_escape_prop(f'newsl10n {v.kind}' + (f' [{v.unit}]' if v.unit else ''))}")
    return f"::{level} {','.join(props)}::{_escape_data(v.message)}"
