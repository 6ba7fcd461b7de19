"""Each segment's term record (how every glossary term was satisfied) reaches the JSONL, both XLIFF
versions and the review page, and the `check` of the output agrees with it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries" / "sco-news.tbx"
ARTICLE = """SCO summit opens in Tianjin

The SCO Secretariat praised ChatGPT and the UN in Beijing.

Leaders of the Shanghai Cooperation Organisation discussed artificial intelligence.
"""


def newsl10n(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsl10n", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("records")
    (d / "story.txt").write_text(ARTICLE, encoding="utf-8")
    for version in ("2.1", "1.2"):
        proc = newsl10n(
            "translate", str(d / "story.txt"), "--to", "pt", "--glossary", str(GLOSSARY),
            "--xliff", version, "-o", str(d / version),
        )  # fmt: skip
        assert proc.returncode in (0, 1), proc.stderr
    return d


def records(out: Path) -> dict[str, list[dict[str, str]]]:
    rows = [json.loads(line) for line in (out / "2.1" / "story.pt.jsonl").read_text().splitlines()]
    return {row["segment"]: row.get("terms", []) for row in rows}


def test_every_source_term_has_a_record_and_satisfied_ones_are_in_the_text(out: Path) -> None:
    lines = (out / "2.1" / "story.pt.jsonl").read_text(encoding="utf-8").splitlines()
    rows = {json.loads(x)["segment"]: json.loads(x) for x in lines}
    recs = records(out)
    assert {r["source"] for r in recs["b2.s1"]} == {"SCO Secretariat", "ChatGPT", "UN", "Beijing"}
    for seg, rs in recs.items():
        for r in rs:
            assert r["satisfied"] in {"model", "nbest", "constraint", "placeholder", "repair", "none"}
            if r["satisfied"] != "none":
                assert r["target"] and r["target"] in rows[seg]["target"]
    dnt = next(r for r in recs["b2.s1"] if r["source"] == "ChatGPT")
    assert dnt["target"] == "ChatGPT"


def test_the_xliff_notes_and_the_review_page_show_the_records(out: Path) -> None:
    recs = records(out)
    x21 = etree.parse(str(out / "2.1" / "story.pt.xlf"))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    notes = [n.text or "" for n in x21.iterfind(".//x:note[@category='newsl10n:terms']", ns)]
    x12 = (out / "1.2" / "story.pt.xlf").read_text(encoding="utf-8")
    page = (out / "2.1" / "story.pt.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="nl10n-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    page_terms = {s["id"]: s.get("terms", []) for s in data["segments"]}
    for seg, rs in recs.items():
        if not rs:
            continue
        line = "; ".join(f"{r['source']} → {r['target'] or '—'} ({r['satisfied']})" for r in rs)
        assert f"{seg}: {line}" in notes
        assert f"terms: {line}" in x12
        assert f"terms: {line}" in page
        assert page_terms[seg] == rs


def test_the_check_of_the_output_agrees_with_the_records(out: Path) -> None:
    unmet = {seg for seg, rs in records(out).items() if any(r["satisfied"] == "none" for r in rs)}
    xlf = str(out / "2.1" / "story.pt.xlf")
    proc = newsl10n("check", xlf, "--glossary", str(GLOSSARY), "--format", "json")
    found = json.loads(proc.stdout)["violations"]
    flagged = {v["unit"].split("/")[1] for v in found if v["check"] == "terms" and v["severity"] != "info"}
    assert flagged == unmet
    assert proc.returncode == (1 if unmet else 0)
