"""Noncharacters U+FFFE/U+FFFF are legal in an HTML or text article but not in XML: every writer copes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from newsl10n.cli import cli


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("story.html", "<h1>Title</h1><p>Before\ufffeand\uffffafter.</p>"),
        ("story.txt", "Title\n\nBefore\ufffeand\uffffafter.\n"),
    ],
)
def test_noncharacters_reach_every_output_without_breaking_it(tmp_path: Path, name: str, body: str) -> None:
    src = tmp_path / name
    src.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["translate", str(src), "--to", "pt", "--engine", "identity", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    stem = name.split(".")[0]
    etree.fromstring((out / f"{stem}.pt.xlf").read_bytes())  # well-formed XML
    page = (out / f"{stem}.pt.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/json" id="nl10n-data">(.*?)</script>', page, re.S)
    assert script is not None
    data = json.loads(script.group(1))  # the page's data survives as JSON, the characters escaped
    assert "\ufffe" not in script.group(1) and "\uffff" not in script.group(1)
    assert "\uffff" in json.dumps(data, ensure_ascii=False)
    for line in (out / f"{stem}.pt.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
