"""Rendering a CheckReport: text, JSON (schema 1), SARIF 2.1.0, JUnit XML, GitHub annotations.

Each format is a function ``(report) -> str`` registered under the ``newsl10n.reports``
entry-point group.
"""

from __future__ import annotations

import json
import re

from lxml import etree

from ..model import CheckReport, Finding
from ..serial import finding_to_dict
from ..version import __version__

SCHEMA = 1

# Readers refuse lone surrogates and XML-incompatible characters, but a report is the last thing a
# CI job sees: a finding built from a plugin's reader must not crash it. Such characters are shown
# as U+FFFD, in JUnit XML also the control characters XML 1.0 cannot hold.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _safe(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so that it encodes as UTF-8."""
    return _SURROGATE_RE.sub("\ufffd", text)


def _xml(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML_RE.sub("\ufffd", text)


def summary(report: CheckReport) -> dict[str, int]:
    """Counts of files, units, errors and warnings."""
    return {
        "files": len(report.files),
        "units": len(report.units),
        "errors": sum(f.severity == "error" for f in report.findings),
        "warnings": sum(f.severity == "warning" for f in report.findings),
    }


def render_json(report: CheckReport) -> str:
    """One JSON document (schema 1): a summary and every finding."""
    payload = {
        "schema": SCHEMA,
        "tool": f"newsl10n {__version__}",
        "summary": summary(report),
        "violations": [finding_to_dict(f) for f in report.findings],
    }
    return _safe(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def render_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands, one annotation per finding."""
    return _safe("".join(_github(v) + "\n" for v in report.findings))


def render_text(report: CheckReport) -> str:
    """One line per finding (``file:line: severity: kind [unit]: message``) and a summary line."""
    lines = []
    for v in report.findings:
        where = f"{v.file}:{v.line}" if v.line else v.file
        unit = f" [{v.unit}]" if v.unit else ""
        lines.append(f"{where}: {v.severity}: {v.kind}{unit}: {v.message}")
    s = summary(report)
    lines.append(
        f"{s['errors']} errors, {s['warnings']} warnings in {s['units']} units of {s['files']} files"
    )
    return _safe("\n".join(lines) + "\n")


def render_sarif(report: CheckReport) -> str:
    """SARIF 2.1.0, with one rule per finding kind."""
    return _safe(json.dumps(_sarif(report), ensure_ascii=False, indent=2) + "\n")


def _sarif(report: CheckReport) -> dict[str, object]:
    kinds = dict(report.rules)
    for f in report.findings:
        kinds.setdefault(f.kind, f.kind)
    rules = [{"id": k, "name": k, "shortDescription": {"text": d}} for k, d in kinds.items()]
    results = []
    for v in report.findings:
        location: dict[str, object] = {"physicalLocation": {"artifactLocation": {"uri": v.file}}}
        if v.line:
            location["physicalLocation"]["region"] = {"startLine": v.line}  # type: ignore[index]
        if v.unit:
            location["logicalLocations"] = [{"name": v.unit, "kind": "element"}]
        results.append(
            {
                "ruleId": v.kind,
                "ruleIndex": list(kinds).index(v.kind),
                "level": "error"
                if v.severity == "error"
                else "warning"
                if v.severity == "warning"
                else "note",
                "message": {"text": v.message},
                "locations": [location],
                "properties": {
                    "check": v.check,
                    "targetLang": v.target_lang,
                    **{_camel(k): val for k, val in v.attrs.items()},
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


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(r.title() for r in rest)


def render_junit(report: CheckReport) -> str:
    """JUnit XML: a test suite per file, a test case per unit, a failure per unit with errors."""
    root = etree.Element("testsuites", name="newsl10n check")
    total = failures = 0
    for path in report.files:
        file_units = [u for f, u in report.units if f == path]
        file_violations = [v for v in report.findings if v.file == path]
        suite = etree.SubElement(root, "testsuite", name=_xml(path))
        cases = 0
        fails = 0
        by_unit: dict[str, list[Finding]] = {}
        for v in file_violations:
            by_unit.setdefault(v.unit, []).append(v)
        for u in file_units:
            case = etree.SubElement(suite, "testcase", classname=_xml(path), name=_xml(u))
            cases += 1
            found = by_unit.pop(u, [])
            errors = [v for v in found if v.severity == "error"]
            if errors:
                fails += 1
                f = etree.SubElement(
                    case, "failure", type=_xml(errors[0].kind), message=_xml(errors[0].message)
                )
                f.text = _xml("\n".join(f"{v.kind}: {v.message}" for v in errors))
            for v in found:
                if v.severity != "error":
                    etree.SubElement(case, "system-out").text = _xml(f"{v.severity}: {v.kind}: {v.message}")
        for v in by_unit.get("", []):  # file-level findings (a glossary with no terms in the language)
            case = etree.SubElement(suite, "testcase", classname=_xml(path), name="glossary coverage")
            cases += 1
            etree.SubElement(case, "skipped", message=_xml(v.message))
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


def _github(v: Finding) -> str:
    """A GitHub Actions workflow command: ``::error file=…,line=…,title=…::message``."""
    level = "error" if v.severity == "error" else "warning" if v.severity == "warning" else "notice"
    props = [f"file={_escape_prop(v.file)}"]
    if v.line:
        props.append(f"line={v.line}")
    props.append(f"title={_escape_prop(f'newsl10n {v.kind}' + (f' [{v.unit}]' if v.unit else ''))}")
    return f"::{level} {','.join(props)}::{_escape_data(v.message)}"
