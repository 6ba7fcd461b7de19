"""The `newsl10n` command, run as a user runs it: a subprocess through the real entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", NO_COLOR="1")
    env.pop("NEWSL10N_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "newsl10n", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        input=stdin,
        timeout=600,
    )


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    return lines[0]


def test_translate_example_offline_to_portuguese(tmp_path: Path, validate_xliff) -> None:
    proc = run("translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".newsl10n"] + [f"sco-ai-cooperation.pt.{e}" for e in ("html", "jsonl", "txt", "xlf")]
    # The run record: the fingerprint and a digest of every file, read back on the next run.
    record = json.loads((tmp_path / ".newsl10n" / "sco-ai-cooperation.pt.json").read_text())
    assert sorted(record["files"]) == names[1:] and len(record["fingerprint"]) == 64
    article = (tmp_path / "sco-ai-cooperation.pt.txt").read_text()
    assert "Organização de Cooperação de Xangai" in article
    assert article.count("\n\n") == (EXAMPLES / "sco-ai-cooperation.txt").read_text().count("\n\n")
    ok, out = validate_xliff(tmp_path / "sco-ai-cooperation.pt.xlf")
    assert ok, out
    rows = [json.loads(x) for x in (tmp_path / "sco-ai-cooperation.pt.jsonl").read_text().splitlines()]
    assert rows[0]["kind"] == "label" and rows[1]["kind"] == "headline"
    assert all(r["engine"] == "bergamot" and r["target"] for r in rows)
    assert "bergamot" in proc.stderr


def test_markdown_and_html_articles_keep_their_markup(tmp_path: Path) -> None:
    proc = run(
        "translate",
        "examples/sco-digital-forum.md",
        "examples/sco-ai-lab.html",
        "--to",
        "pt-BR",
        "-o",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    md = (tmp_path / "sco-digital-forum.pt-BR.md").read_text()
    assert md.startswith("# ") and "](https://example.org/sco/secretariat)" in md and "\n- " in md
    html = (tmp_path / "sco-ai-lab.pt-BR.article.html").read_text()
    assert '<a href="https://example.org/nu">' in html and "<figcaption>" in html
    assert (tmp_path / "sco-ai-lab.pt-BR.html").read_text().count("<tr") > 10


def test_transformers_engine_with_a_local_model(tmp_path: Path, tiny_models) -> None:
    proc = run(
        "translate",
        "examples/sco-ai-cooperation.txt",
        "--to",
        "ru,kk",
        "--engine",
        "transformers",
        "--model",
        str(tiny_models["m2m100"]),
        "--beam-size",
        "1",
        "-o",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    for lang in ("ru", "kk"):
        assert (tmp_path / f"sco-ai-cooperation.{lang}.xlf").is_file()
    assert "m2m100" in (tmp_path / "sco-ai-cooperation.kk.jsonl").read_text()


def test_rerun_skips_up_to_date_outputs_and_force_redoes(tmp_path: Path) -> None:
    args = ("translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "-o", str(tmp_path))
    assert run(*args).returncode == 0
    before = (tmp_path / "sco-ai-cooperation.pt.xlf").stat().st_mtime_ns
    second = run(*args)
    assert second.returncode == 0 and "up to date" in second.stderr
    assert (tmp_path / "sco-ai-cooperation.pt.xlf").stat().st_mtime_ns == before
    third = run(*args, "--force")
    assert third.returncode == 0 and "up to date" not in third.stderr


def test_segment_json(tmp_path: Path) -> None:
    proc = run("segment", "examples/sco-ai-cooperation.txt", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema"] == 1
    kinds = [b["kind"] for b in doc["blocks"]]
    assert kinds[:4] == ["label", "headline", "byline", "dateline"]
    for b in doc["blocks"]:
        assert "".join(s["text"] for s in b["segments"]) == b["text"]
        for s in b["segments"]:
            assert b["text"][s["start"] : s["end"]] == s["text"]


def test_segment_text_output() -> None:
    proc = run("segment", "examples/sco-digital-forum.md")
    assert proc.returncode == 0
    assert "headline" in proc.stdout and "[0:" in proc.stdout


def test_engines_lists_licences() -> None:
    proc = run("engines")
    assert proc.returncode == 0
    assert "CC-BY-NC-4.0" in proc.stdout and "non-commercial" in proc.stdout
    assert "Helsinki-NLP/opus-mt-en-zh" in proc.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("translate", "missing.txt", "--to", "pt"), "missing.txt: no such article file"),
        (("translate", "examples/sco-ai-cooperation.txt", "--to", "xx"), "unknown language tag 'xx'"),
        (
            ("translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "--from", "e-n"),
            "unknown language tag",
        ),
        (
            ("translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "--engine", "bergamott"),
            "did you mean 'bergamot'",
        ),
        (
            ("translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "--format", "pdf"),
            "unknown format 'pdf'",
        ),
        (
            ("translate", "examples/sco-ai-cooperation.txt", "--to", "zh", "--engine", "bergamot"),
            "bergamot engine cannot translate en→zh",
        ),
        (("segment", "examples"), "is a directory"),
        (
            ("translate", "examples/sco-ai-cooperation.txt", "--to", "pt,en"),
            "source and target language are both",
        ),
    ],
    ids=[
        "missing-file",
        "bad-target",
        "bad-source",
        "unknown-engine",
        "unknown-format",
        "unsupported-pair",
        "dir",
        "same-language",
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    proc = run(*args, "-o", str(tmp_path / "out")) if args[0] == "translate" else run(*args)
    assert expected in one_line_error(proc)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_bad_encoding_and_empty_article(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"Headline\n\nCaf\xe9 society.\n")
    assert f"{bad}:3: not valid UTF-8" in one_line_error(
        run("translate", str(bad), "--to", "pt", "-o", str(tmp_path / "o"))
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    assert "the article is empty" in one_line_error(
        run("translate", str(empty), "--to", "pt", "-o", str(tmp_path / "o"))
    )
    assert not (tmp_path / "o").exists()


def test_model_directory_that_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    line = one_line_error(
        run(
            "translate",
            "examples/sco-ai-cooperation.txt",
            "--to",
            "zh",
            "--engine",
            "transformers",
            "--model",
            str(tmp_path),
            "-o",
            str(tmp_path / "o"),
        )
    )
    assert "no config.json" in line
    # Nothing but the run's own bookkeeping (its lock) is left in the output directory.
    assert not (tmp_path / "o").exists() or [p.name for p in (tmp_path / "o").iterdir()] == [".newsl10n"]


def test_unwritable_output_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = one_line_error(
        run("translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "-o", str(blocker / "sub"))
    )
    assert "output directory is not writable" in line


def test_an_unsupported_second_language_fails_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "o"
    proc = run(
        "translate",
        "examples/sco-ai-cooperation.txt",
        "--to",
        "pt,zh",
        "--engine",
        "bergamot",
        "-o",
        str(out),
    )
    assert "en→zh" in one_line_error(proc)
    assert not out.exists()


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = run("--debug", "translate", "missing.txt", "--to", "pt", "-o", str(tmp_path))
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_every_command_has_help() -> None:
    for command in ("translate", "segment", "engines"):
        proc = run(command, "--help")
        assert proc.returncode == 0 and "Example" in proc.stdout, command


def test_segment_with_an_srx_file_and_export(tmp_path: Path) -> None:
    srx = ROOT / "tests" / "data" / "srx" / "okapi-style.srx"
    proc = run("segment", "examples/sco-ai-cooperation.txt", "--json", "--srx", str(srx))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["segmenter"].startswith("srx:")
    for b in doc["blocks"]:
        assert "".join(s["text"] for s in b["segments"]) == b["text"]
    out = tmp_path / "rules.srx"
    assert run("export-srx", "--lang", "en,ru", "-o", str(out)).returncode == 0
    again = run("segment", "examples/sco-ai-cooperation.txt", "--srx", str(out))
    assert again.returncode == 0 and "headline" in again.stdout
    assert run("export-srx").stdout.startswith("<?xml")


def test_translate_records_the_srx_segmenter(tmp_path: Path) -> None:
    srx = ROOT / "tests" / "data" / "srx" / "okapi-style.srx"
    proc = run(
        "translate",
        "examples/sco-ai-cooperation.txt",
        "--to",
        "pt",
        "--engine",
        "identity",
        "--srx",
        str(srx),
        "-o",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    assert "seg:srx:" in (tmp_path / "sco-ai-cooperation.pt.xlf").read_text()


def test_invalid_srx_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.srx"
    bad.write_text('<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n<body>\n</srx>')
    line = one_line_error(run("segment", "examples/sco-ai-cooperation.txt", "--srx", str(bad)))
    assert f"{bad}:3:" in line and "not well-formed" in line


def test_translate_checks_its_own_output_against_a_glossary(tmp_path: Path) -> None:
    proc = run(
        "translate",
        "examples/sco-ai-cooperation.txt",
        "--to",
        "pt",
        "--glossary",
        "glossaries/sco-news.tbx",
        "-o",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    xlf = (tmp_path / "sco-ai-cooperation.pt.xlf").read_text()
    assert 'category="newsl10n:missing-term"' in xlf
    assert "|gl:sha256:" in xlf
    page = (tmp_path / "sco-ai-cooperation.pt.html").read_text()
    assert "issue-error" in page and "missing-term" not in page.split("<tbody>")[0]
    rows = [json.loads(x) for x in (tmp_path / "sco-ai-cooperation.pt.jsonl").read_text().splitlines()]
    assert any(i["code"] == "missing-term" for r in rows for i in r["issues"])


def test_same_input_gives_byte_identical_outputs(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        proc = run("translate", "examples/sco-digital-forum.md", "--to", "pt", "-o", str(tmp_path / name))
        assert proc.returncode == 0, proc.stderr
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1]


def test_auto_engine_follows_a_given_model(tmp_path: Path, tiny_models) -> None:
    proc = run(
        "translate",
        "examples/sco-ai-cooperation.txt",
        "--to",
        "pt",
        "--model",
        str(tiny_models["marian"]),
        "--beam-size",
        "1",
        "-o",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    assert "[transformers: marian]" in proc.stderr


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux `script` for a terminal")
def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    command = f"{sys.executable} -m newsl10n translate examples/sco-ai-cooperation.txt --to pt -o {tmp_path}"
    tty = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, HF_HUB_OFFLINE="1"),
        timeout=300,
    )
    assert tty.returncode == 0 and "100%" in tty.stdout
    plain = run("translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "--force", "-o", str(tmp_path))
    assert "%" not in plain.stderr
    quiet = run(
        "translate", "examples/sco-ai-cooperation.txt", "--to", "pt", "--force", "-q", "-o", str(tmp_path)
    )
    assert quiet.returncode == 0 and quiet.stderr == ""
