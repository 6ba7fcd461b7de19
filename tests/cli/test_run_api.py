"""The run API that `translate` calls: items, failures that do not stop the rest, stdin, resume, clashes."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from test_cli import EXAMPLES, ROOT, run  # the same subprocess runner as the CLI tests

from newsl10n.errors import ConfigError, UnknownNameError
from newsl10n.run import TranslateJob, recorded_fingerprint, translate_files

STORY = str(EXAMPLES / "sco-ai-cooperation.txt")


def test_one_language_without_a_model_fails_alone(tmp_path: Path) -> None:
    # ru goes to an OPUS-MT hub model, which is not here (offline): pt is still written.
    proc = run("translate", STORY, "--to", "pt,ru", "-o", str(tmp_path))
    assert proc.returncode == 2
    errors = [x for x in proc.stderr.splitlines() if x.startswith("Error: ")]
    assert len(errors) == 1 and "→ ru: failed" in errors[0] and "opus-mt-en-ru" in errors[0]
    assert "→ pt: " in proc.stderr and (tmp_path / "sco-ai-cooperation.pt.xlf").is_file()
    assert not list(tmp_path.glob("*.ru.*"))


def test_an_article_from_standard_input(tmp_path: Path) -> None:
    text = (EXAMPLES / "sco-ai-cooperation.txt").read_text()
    proc = run("translate", "-", "--to", "pt", "--engine", "identity", "-o", str(tmp_path), stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "stdin.pt.txt").read_text() == text


def test_an_output_that_would_overwrite_an_input_fails_that_item(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "sco-ai-cooperation.txt", tmp_path / "story.txt")
    (tmp_path / "story.pt.txt").write_text("An article in its own right.\n\nIt must survive.\n")
    proc = run(
        "translate",
        str(tmp_path / "story.txt"),
        str(tmp_path / "story.pt.txt"),
        "--to",
        "pt",
        "--engine",
        "identity",
        "-o",
        str(tmp_path),
    )
    assert proc.returncode == 2 and "would overwrite an input article" in proc.stderr
    assert (tmp_path / "story.pt.txt").read_text().startswith("An article in its own right.")


def test_library_run_reports_items_and_resumes_by_record(tmp_path: Path) -> None:
    job = TranslateJob(articles=(STORY,), targets=("pt", "kk"), engine="identity", outdir=tmp_path)
    # The identity engine copies any pair, so kk works too: two items, both done.
    first = translate_files(job)
    assert [(i.target_lang, i.status) for i in first.items] == [("pt", "done"), ("kk", "done")]
    fp = recorded_fingerprint(tmp_path, "sco-ai-cooperation", "pt")
    assert fp is not None and len(fp) == 64
    second = translate_files(job)
    assert [i.status for i in second.items] == ["skipped", "skipped"]
    # A file changed by hand is not "up to date": its item is done again, the other is not.
    (tmp_path / "sco-ai-cooperation.kk.txt").write_text("edited\n")
    third = translate_files(job)
    assert [(i.target_lang, i.status) for i in third.items] == [("pt", "skipped"), ("kk", "done")]
    assert (tmp_path / "sco-ai-cooperation.kk.txt").read_text() != "edited\n"
    report = third.to_dict()
    assert report["summary"] == {"done": 1, "skipped": 1, "failed": 0}
    json.dumps(report)


def test_options_that_cannot_work_fail_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError, match="unknown output kind 'xliff'"):
        translate_files(TranslateJob(articles=(STORY,), targets=("pt",), outputs=("xliff",), outdir=tmp_path))
    with pytest.raises(ConfigError, match="both 'en'"):
        translate_files(TranslateJob(articles=(STORY,), targets=("en-GB",), outdir=tmp_path))
    assert not list(tmp_path.iterdir())


def test_xliff_12_is_chosen_for_the_xlf_output(tmp_path: Path) -> None:
    proc = run(
        "translate", STORY, "--to", "pt", "--engine", "identity", "--xliff", "1.2", "-o", str(tmp_path)
    )
    assert proc.returncode == 0, proc.stderr
    head = (tmp_path / "sco-ai-cooperation.pt.xlf").read_text()[:400]
    assert 'version="1.2"' in head and "urn:oasis:names:tc:xliff:document:1.2" in head


def test_formats_lists_every_plugin_kind() -> None:
    proc = run("formats")
    assert proc.returncode == 0, proc.stderr
    listing = dict(line.split(": ", 1) for line in proc.stdout.splitlines())
    assert {"engines", "formats", "output kinds", "checks", "report formats"} <= set(listing)
    assert "xlf" in listing["output kinds"] and "terms" in listing["checks"]


def test_run_records_live_outside_the_outputs(tmp_path: Path) -> None:
    proc = run(
        "translate", STORY, "--to", "pt", "--engine", "identity", "--outputs", "jsonl", "-o", str(tmp_path)
    )
    assert proc.returncode == 0, proc.stderr
    record = json.loads((tmp_path / ".newsl10n" / "sco-ai-cooperation.pt.json").read_text())
    assert list(record["files"]) == ["sco-ai-cooperation.pt.jsonl"]
    assert record["provenance"].startswith("v:") and record["article"] == STORY
    assert ROOT.is_dir()


def test_a_rerun_takes_every_sentence_from_the_segment_cache(tmp_path: Path) -> None:
    cache = tmp_path / "segments.sqlite"
    job = TranslateJob(articles=(STORY,), targets=("pt",), outdir=tmp_path / "a", cache_path=str(cache))
    first = translate_files(job).items[0]
    assert first.status == "done" and first.cache_hits == 0
    again = translate_files(replace(job, outdir=tmp_path / "b")).items[0]
    assert again.status == "done" and again.cache_hits >= again.segments
    a = (tmp_path / "a" / "sco-ai-cooperation.pt.txt").read_bytes()
    assert a == (tmp_path / "b" / "sco-ai-cooperation.pt.txt").read_bytes()
    # The bundled model writes Brazilian Portuguese, and the outputs say so.
    assert 'trgLang="pt-BR"' in (tmp_path / "b" / "sco-ai-cooperation.pt.xlf").read_text()
    off = translate_files(replace(job, outdir=tmp_path / "c", use_cache=False))
    assert off.items[0].cache_hits == 0
