"""Third-party plugins: an engine, a writer and a check installed through entry points, used by the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]

ENTRY_POINTS = """\
[newsl10n.engines]
shout = newsl10n_shout:ShoutEngine

[newsl10n.writers]
wordcount = newsl10n_shout:WordCountWriter

[newsl10n.checks]
long-target = newsl10n_shout:check_long_target
"""


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    """An environment in which the plugin package is installed: its code and its dist-info metadata."""
    site = tmp_path / "site"
    info = site / "newsl10n_shout-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsl10n-shout\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    path = os.pathsep.join([str(site), str(HERE), os.environ.get("PYTHONPATH", "")])
    return dict(os.environ, PYTHONPATH=path, HF_HUB_OFFLINE="1")


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsl10n", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_the_cli_lists_and_uses_a_third_party_engine_writer_and_check(
    plugin_env: dict[str, str], tmp_path: Path
) -> None:
    listing = run(plugin_env, "formats")
    assert listing.returncode == 0, listing.stderr
    assert "shout" in run(plugin_env, "engines").stdout
    assert "wordcount" in listing.stdout and "long-target" in listing.stdout

    out = tmp_path / "out"
    proc = run(
        plugin_env,
        "translate",
        "examples/sco-ai-cooperation.txt",
        "--to",
        "pt",
        "--engine",
        "shout",
        "--outputs",
        "article,wordcount,jsonl",
        "-o",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    article = (out / "sco-ai-cooperation.pt.txt").read_text()
    assert "SHANGHAI COOPERATION ORGANISATION" in article
    counts = (out / "sco-ai-cooperation.pt.words.tsv").read_text().splitlines()
    assert counts[0] == "segment\tkind\tsource_words\ttarget_words" and len(counts) > 5
    # Upper-casing keeps every word of a paragraph (a dateline's date is localised, so not there).
    paragraphs = [row.split("\t") for row in counts[1:] if row.split("\t")[1] == "paragraph"]
    assert paragraphs and all(src == tgt for _, _, src, tgt in paragraphs)
    rows = [json.loads(x) for x in (out / "sco-ai-cooperation.pt.jsonl").read_text().splitlines()]
    assert {r["engine"] for r in rows} == {"shout"}


def test_auto_engine_asks_the_plugin_whether_it_claims_a_model(
    plugin_env: dict[str, str], tmp_path: Path
) -> None:
    proc = run(
        plugin_env,
        "translate",
        "examples/sco-ai-cooperation.txt",
        "--to",
        "pt",
        "--model",
        "shout:v1",
        "--outputs",
        "jsonl",
        "-o",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    assert "[shout: shout-v1]" in proc.stderr


def test_a_third_party_check_runs_in_check(plugin_env: dict[str, str], tmp_path: Path) -> None:
    po = tmp_path / "t.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\n'
        'msgid "Talks."\nmsgstr "As conversações prolongaram-se muito."\n',
        encoding="utf-8",
    )
    proc = run(
        plugin_env, "check", str(po), "--checks", "long-target", "--format", "json", "--fail-on", "warning"
    )
    assert proc.returncode == 1, proc.stderr
    (finding,) = json.loads(proc.stdout)["violations"]
    assert (finding["kind"], finding["check"], finding["severity"]) == (
        "target-too-long",
        "long-target",
        "warning",
    )
