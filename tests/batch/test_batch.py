"""The batch: scanning and manifests, per-article failures, resume, determinism across --jobs, the lock."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from batchkit import batch_argv, batch_env, make_articles, run_batch_cli, tree

from newsl10n.batch import BatchJob, run_batch
from newsl10n.batch.worker import CRASH_ENV
from newsl10n.errors import ConfigError, InputError
from newsl10n.run import TranslateJob


def job(
    sources: tuple[str, ...], outdir: Path, *, targets=("pt", "ru"), jobs=1, manifest=None, **kw
) -> BatchJob:
    return BatchJob(
        sources=sources,
        manifest=manifest,
        translate=TranslateJob(articles=(), targets=targets, engine="identity", outdir=outdir, **kw),
        jobs=jobs,
    )


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own segment cache (worker processes inherit the variable)."""
    monkeypatch.setenv("NEWSL10N_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    """Four articles at the top and two in desk/ with the same names as two top-level ones."""
    src = tmp_path / "wire"
    make_articles(src, 4)
    make_articles(src, 2, sub="desk")
    return src


def test_folder_keeps_its_structure_and_duplicate_stems_do_not_collide(wire: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch(job((str(wire),), out))
    assert [o.item.status for o in report.outcomes] == ["done"] * 12
    assert (out / "a000.pt.xlf").is_file() and (out / "desk" / "a000.pt.xlf").is_file()
    assert (out / "desk" / "a000.ru.txt").read_bytes() == (wire / "desk" / "a000.txt").read_bytes()
    assert (out / ".newsl10n" / "desk" / "a001.ru.json").is_file()
    record = json.loads((out / "run.json").read_text())
    assert record["summary"]["done"] == 12 and record["summary"]["failed"] == 0
    assert record["summary"]["segments"] == sum(o.item.segments for o in report.outcomes) > 0
    assert [i["key"] for i in record["items"]][:2] == ["a000", "a000"]


def test_same_outputs_whatever_the_number_of_jobs(wire: Path, tmp_path: Path) -> None:
    one = run_batch(job((str(wire),), tmp_path / "j1"))
    two = run_batch(job((str(wire),), tmp_path / "j2", jobs=2))
    assert tree(tmp_path / "j1") == tree(tmp_path / "j2") != {}
    assert [o.to_dict() | {"files": []} for o in one.outcomes] == [
        o.to_dict() | {"files": []} for o in two.outcomes
    ]


def test_rerun_resumes_from_the_job_table_and_redoes_a_changed_article(wire: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(job((str(wire),), out))
    before = {p: p.stat().st_mtime_ns for p in out.glob("*.xlf")}
    again = run_batch(job((str(wire),), out))
    assert all(o.resumed for o in again.outcomes)
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.xlf")} == before
    (wire / "a002.txt").write_text("Changed headline\n\nA different body.\n", encoding="utf-8")
    third = run_batch(job((str(wire),), out))
    redone = sorted((o.key, o.item.target_lang) for o in third.outcomes if not o.resumed)
    assert redone == [("a002", "pt"), ("a002", "ru")]
    assert "different body" in (out / "a002.pt.txt").read_text()


def test_a_deleted_output_is_written_again(wire: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(job((str(wire),), out))
    (out / "desk" / "a001.ru.html").unlink()
    again = run_batch(job((str(wire),), out))
    fresh = [(o.key, o.item.target_lang, o.item.status) for o in again.outcomes if not o.resumed]
    assert fresh == [("desk/a001", "ru", "done")]
    assert (out / "desk" / "a001.ru.html").is_file()


def test_bad_files_fail_alone_with_their_reason(wire: Path, tmp_path: Path) -> None:
    (wire / "binary.txt").write_bytes(b"\x00\x01\xff\xfe\x80 not text")
    (wire / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (wire / "desk" / "loop").symlink_to(wire)  # a symlink loop: scanned once, not forever
    (wire / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")  # not an article extension: ignored
    out = tmp_path / "out"
    report = run_batch(job((str(wire),), out, targets=("pt",)))
    failed = {Path(o.item.article).name: o.item.error for o in report.failed}
    assert set(failed) == {"binary.txt", "dangling.txt"}
    assert "not valid UTF-8" in failed["binary.txt"] and "no such article file" in failed["dangling.txt"]
    assert sum(o.item.status == "done" for o in report.outcomes) == 6
    assert any("symlink loop" in n for n in report.notes) and any("ignored" in n for n in report.notes)
    assert not (out / "binary.pt.xlf").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_fails_alone(wire: Path, tmp_path: Path) -> None:
    (wire / "a001.txt").chmod(0)
    report = run_batch(job((str(wire),), tmp_path / "out", targets=("pt",)))
    assert [Path(o.item.article).name for o in report.failed] == ["a001.txt"]
    assert "cannot read" in report.failed[0].item.error


def test_two_files_with_the_same_outputs_both_fail_and_nothing_is_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text("One\n\nFirst story.\n")
    (src / "story.md").write_text("# Two\n\nSecond story.\n")
    (src / "other.txt").write_text("Three\n\nThird story.\n")
    report = run_batch(job((str(src),), tmp_path / "out", targets=("pt",)))
    assert sorted(Path(o.item.article).name for o in report.failed) == ["story.md", "story.txt"]
    assert "same names" in report.failed[0].item.error
    assert not list((tmp_path / "out").glob("story.*"))
    assert (tmp_path / "out" / "other.pt.txt").is_file()


def test_output_directory_inside_the_input_is_not_read_as_input(wire: Path) -> None:
    out = wire / "translated"
    first = run_batch(job((str(wire),), out, targets=("pt",)))
    second = run_batch(job((str(wire),), out, targets=("pt",)))
    assert len(first.outcomes) == len(second.outcomes) == 6
    assert all(o.resumed for o in second.outcomes)


@pytest.mark.parametrize(
    ("sources", "outdir", "message"),
    [
        (("{src}",), "{src}", "the input folder itself"),
        (("{src}/inner",), "{src}", "inside the output directory"),
        (("{src}/inner/x.txt",), "{src}", "inside the output directory"),
    ],
    ids=["outdir-is-input", "input-inside-outdir", "file-inside-outdir"],
)
def test_ambiguous_output_directory_is_refused(tmp_path: Path, sources, outdir, message) -> None:
    src = tmp_path / "src"
    make_articles(src, 1)
    make_articles(src / "inner", 1)
    (src / "inner" / "x.txt").write_text("X\n\nA story.\n")
    fill = {"src": str(src)}
    with pytest.raises(ConfigError, match=message):
        run_batch(job(tuple(s.format(**fill) for s in sources), Path(outdir.format(**fill))))
    assert not (src / ".newsl10n").exists()


def test_glob_keeps_the_folders_below_the_pattern_base(wire: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch(job((f"{wire}/**/a00[01].txt",), out, targets=("pt",)))
    assert sorted(o.key for o in report.outcomes) == ["a000", "a001", "desk/a000", "desk/a001"]
    with pytest.raises(InputError, match="no article matches"):
        run_batch(job((f"{wire}/*.html",), out, targets=("pt",)))


def test_manifest_rows_with_their_own_languages_and_options(wire: Path, tmp_path: Path) -> None:
    manifest = wire / "today.csv"
    manifest.write_text(
        "article,languages,format,engine\n"
        'a000.txt,"pt,ru",,\n'
        "desk/a001.txt,kk,markdown,\n"
        "a003.txt,,,identity\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = run_batch(job((), out, targets=("de",), manifest=str(manifest)))
    got = [(o.key, o.item.target_lang, o.item.status) for o in report.outcomes]
    assert got == [
        ("a000", "pt", "done"),
        ("a000", "ru", "done"),
        ("desk/a001", "kk", "done"),
        ("a003", "de", "done"),
    ]
    assert (out / "desk" / "a001.kk.txt").is_file()


def test_manifest_jsonl(wire: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    rows = [
        {"article": str(wire / "a000.txt"), "languages": ["pt", "uk"]},
        {"article": str(wire / "a001.txt")},
    ]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report = run_batch(job((), tmp_path / "out", targets=("ru",), manifest=str(manifest)))
    assert [(o.key, o.item.target_lang) for o in report.outcomes] == [
        ("wire/a000", "pt"),
        ("wire/a000", "uk"),
        ("wire/a001", "ru"),
    ]  # under the manifest's folder: the folder structure below it is kept


MANIFEST_ERRORS = [
    ("article,languages\na000.txt,pt\n,ru\n", 3, "names no article"),
    ("article,languages,colour\na000.txt,pt,red\n", 2, "unknown column 'colour'"),
    ("article,languages\na000.txt,pt\na001.txt,pt,extra\n", 3, "more fields than the header"),
    ("article,languages,format\na000.txt,pt,docx\n", 2, "unknown format 'docx'"),
    ("path,languages\na000.txt,pt\n", 1, "no header row with an 'article' column"),
]


@pytest.mark.parametrize(("text", "line", "message"), MANIFEST_ERRORS, ids=[m for *_, m in MANIFEST_ERRORS])
def test_bad_manifest_row_is_named_with_its_line(wire: Path, tmp_path: Path, text, line, message) -> None:
    manifest = wire / "m.csv"
    manifest.write_text(text)
    with pytest.raises(InputError, match=message) as info:
        run_batch(job((), tmp_path / "out", targets=("pt",), manifest=str(manifest)))
    assert info.value.line == line and info.value.path == str(manifest)
    assert not (tmp_path / "out").exists()


def test_a_manifest_row_with_a_bad_glossary_fails_alone(wire: Path, tmp_path: Path) -> None:
    manifest = wire / "m.csv"
    manifest.write_text("article,languages,glossary\na000.txt,pt,missing.tbx\na001.txt,pt,\n")
    report = run_batch(job((), tmp_path / "out", targets=("pt",), manifest=str(manifest)))
    assert [(o.key, o.item.status) for o in report.outcomes] == [("a000", "failed"), ("a001", "done")]
    assert "missing.tbx" in report.outcomes[0].item.error


def test_cli_language_without_a_model_fails_alone_exit_2(wire: Path, tmp_path: Path) -> None:
    # bergamot ships en→pt only: the ru items fail with the reason, the pt items are written.
    out = tmp_path / "out"
    proc = run_batch_cli(str(wire / "desk"), "--to", "pt,ru", "--engine", "bergamot", "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert "a000.txt → ru:" in proc.stderr and "bergamot engine cannot translate en→ru" in proc.stderr
    assert (out / "desk" / "a000.pt.txt").is_file() or (out / "a000.pt.txt").is_file()
    summary = json.loads((out / "run.json").read_text())["summary"]
    assert (summary["done"], summary["failed"]) == (2, 2)


def test_cli_plain_log_one_line_per_article_and_exit_0(wire: Path, tmp_path: Path) -> None:
    proc = run_batch_cli(
        str(wire), "--to", "pt", "--engine", "identity", "-o", str(tmp_path / "out"), "-j", "2"
    )
    assert proc.returncode == 0, proc.stderr
    article_lines = [line for line in proc.stderr.splitlines() if line.startswith(str(wire))]
    assert len(article_lines) == 6 and all(": pt " in line for line in article_lines)
    assert "6 articles: 6 done" in proc.stderr


def test_cli_bad_input_is_one_error_line_exit_2(tmp_path: Path) -> None:
    proc = run_batch_cli(str(tmp_path / "nowhere"), "--to", "pt", "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"Error: {tmp_path / 'nowhere'}: no such file or folder"]


def test_second_concurrent_batch_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_articles(src, 60)
    out = tmp_path / "out"
    args = (str(src), "--to", "pt,ru,uk", "--engine", "identity", "-o", str(out), "-q")
    first = subprocess.Popen(batch_argv(*args), env=batch_env(), stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (out / ".newsl10n" / "jobs.sqlite").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        second = run_batch_cli(*args)
    finally:
        first_err = first.communicate(timeout=120)[1]
    assert first.returncode == 0, first_err
    assert second.returncode == 2
    assert "another newsl10n run is writing into this output directory" in second.stderr
    assert json.loads((out / "run.json").read_text())["summary"]["done"] == 180


def test_a_worker_process_that_dies_has_its_article_retried(wire: Path, tmp_path: Path) -> None:
    marker = tmp_path / "crashed"
    env = dict(batch_env(), **{CRASH_ENV: f"desk/a001:{marker}"})
    out = tmp_path / "out"
    proc = run_batch_cli(str(wire), "--to", "pt", "--engine", "identity", "-o", str(out), "-j", "2", env=env)
    assert proc.returncode == 0, proc.stderr
    assert marker.exists()
    reference = tmp_path / "reference"
    assert (
        run_batch_cli(str(wire), "--to", "pt", "--engine", "identity", "-o", str(reference)).returncode == 0
    )
    assert tree(out) == tree(reference)


def test_bergamot_same_bytes_with_one_or_two_workers(wire: Path, tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        proc = run_batch_cli(
            str(wire), "--to", "pt", "--engine", "bergamot", "-o", str(tmp_path / jobs), "-j", jobs
        )
        assert proc.returncode == 0, proc.stderr
    assert tree(tmp_path / "1") == tree(tmp_path / "2") != {}
