"""The review page in a real browser: headless Chromium loads it from disk with no network."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from newsl10n.formats.review import ReviewPageWriter
from newsl10n.mt.base import create_engine
from newsl10n.pipeline import read_path, translate_document

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("NEWSL10N_REQUIRE_BROWSER") != "1",
    reason="Chromium is not installed (CI installs it and sets NEWSL10N_REQUIRE_BROWSER=1)",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "NEWSL10N_REQUIRE_BROWSER=1 but no Chromium on PATH"
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc = read_path(ROOT / "examples" / "sco-ai-lab.html", source_lang="en")
    result = translate_document(doc, "pt", create_engine("bergamot"))
    path = tmp_path_factory.mktemp("review") / "sco-ai-lab.pt.html"
    path.write_bytes(ReviewPageWriter().write(result))
    return path


def test_browser_renders_every_segment_row(page: Path, tmp_path: Path) -> None:
    proc = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = etree.HTML(proc.stdout)
    rows = dom.findall(".//tbody/tr")
    assert len(rows) == 13  # 12 text blocks and the photo's alt text
    sources = [r.find("td[@class='source']").xpath("string()") for r in rows]
    assert any("Nazarbayev University" in s for s in sources)
    targets = [r.find("td[@class='target']").xpath("string()") for r in rows]
    assert all(t.strip() for t in targets)


def test_browser_takes_a_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "review.png"
    proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,900", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")  # IHDR
    assert (width, height) == (1280, 900)


# -- the page as a review surface, driven through Playwright (Debian's chromium; no browser download) --

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the dev extra installs it
    sync_playwright = None


@pytest.fixture
def browser_page():
    if sync_playwright is None:
        pytest.skip("playwright is not installed (pip install playwright; never `playwright install`)")
    assert CHROMIUM is not None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        yield page, errors
        browser.close()


def test_edit_review_export_import_and_reuse(browser_page, tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from newsl10n.cli import cli
    from newsl10n.postedit.commands import import_command, tm
    from newsl10n.tm.store import TranslationMemory

    cli.add_command(import_command)
    cli.add_command(tm)
    page, errors = browser_page
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSL10N_TM", str(tmp_path / "default-tm.sqlite"))
    (tmp_path / "sco-ai-lab.html").write_bytes((ROOT / "examples" / "sco-ai-lab.html").read_bytes())
    run = CliRunner().invoke(cli, ["translate", "sco-ai-lab.html", "--to", "pt", "-o", "review", "-q"])
    assert run.exit_code == 0, run.output
    page_path = next(p for p in (tmp_path / "review").glob("sco-ai-lab.*.html") if ".article." not in p.name)
    page.goto(page_path.as_uri())
    assert page.text_content("#counter") == "0 of 13 reviewed"
    # Keyboard: j twice selects the second segment, Enter edits, Ctrl+Enter confirms as reviewed.
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.get_attribute("tr.current", "data-id") == "b2.s1"
    page.keyboard.press("Enter")
    page.fill("tr.current textarea", "Ciência e tecnologia")
    page.keyboard.press("Control+Enter")
    assert page.text_content("tr[data-id='b2.s1'] td.target .text") == "Ciência e tecnologia"
    assert page.text_content("tr[data-id='b2.s1'] .state") == "reviewed"
    assert page.text_content("tr[data-id='b2.s1'] .origin") == "human"
    assert page.get_attribute("tr.current", "data-id") == "b3.s1"  # moved on to the next segment
    page.select_option("#filter", "unreviewed")
    assert page.locator("tbody tr:visible").count() == 12
    page.select_option("#filter", "all")
    page.fill("#search", "nazarbayev")
    assert page.locator("tbody tr:visible").count() == 1
    assert page.get_attribute("tbody tr:visible", "data-id") == "b7.s1"
    page.fill("#search", "")
    with page.expect_download() as dl:
        page.click("#export-json")
    exported = tmp_path / dl.value.suggested_filename
    dl.value.save_as(exported)
    with page.expect_download() as dl:
        page.click("#export-xliff")
    exported_xlf = tmp_path / dl.value.suggested_filename
    dl.value.save_as(exported_xlf)
    assert errors == []
    lang = json.loads(exported.read_text(encoding="utf-8"))["target_lang"]  # pt, or the engine's pt-BR
    assert (exported.name, exported_xlf.name) == (
        f"sco-ai-lab.{lang}.review.json",
        f"sco-ai-lab.{lang}.review.xlf",
    )

    tm_path = tmp_path / "tm.sqlite"
    for name, outdir in ((exported, "final"), (exported_xlf, "final-xlf")):
        done = CliRunner().invoke(
            cli, ["import", str(name), "-o", outdir, "--tm", str(tm_path), "--fail-on", "never"]
        )
        assert done.exit_code == 0, done.output
        article = (tmp_path / outdir / f"sco-ai-lab.{lang}.article.html").read_text(encoding="utf-8")
        assert (
            '<span class="label">Ciência e tecnologia</span>' in article or "Ciência e tecnologia" in article
        )
        assert 'href="/authors/madina-seitkali"' in article  # markup of untouched segments restored
    with TranslationMemory(tm_path) as memory:
        assert memory.exact("Science", source_lang="en", target_lang=lang, context="label") == (
            "Ciência e tecnologia"
        )
        assert len(memory) == 1  # the XLIFF export of the same edit added nothing
        # Re-translating the article reuses the approved edit (the TM API translate is given).
        doc = read_path(tmp_path / "sco-ai-lab.html", source_lang="en")
        again = translate_document(doc, lang, create_engine("bergamot"), memory=memory)
    reused = again.translation("b2.s1")
    assert reused is not None and (reused.origin, reused.text) == ("tm", "Ciência e tecnologia")
    assert again.translation("b3.s1").origin == "mt"  # type: ignore[union-attr]


def test_page_highlights_terms_numbers_and_shows_tm_matches(browser_page, tmp_path: Path) -> None:
    from newsl10n.model import Candidate, Span

    page, errors = browser_page
    doc = read_path(ROOT / "examples" / "sco-ai-lab.html", source_lang="en")
    result = translate_document(doc, "pt", create_engine("identity"))
    seg = doc.block("b8").segments[0]
    at = seg.content.index("3,400")
    tr = result.translations[seg.id]
    spans = (Span(id="n1", start=at, end=at + 5, kind="number", value="3400"),)
    marked = dataclasses.replace(
        tr,
        spans=spans,
        candidates=(
            Candidate(source="The team translated 3,200 sentences.", target="A equipe traduziu.", score=81.5),
        ),
    )
    blocks = tuple(
        dataclasses.replace(b, segments=(dataclasses.replace(seg, spans=spans), *b.segments[1:]))
        if b.id == "b8"
        else b
        for b in doc.blocks
    )
    result = dataclasses.replace(
        result,
        document=dataclasses.replace(doc, blocks=blocks),
        translations={**result.translations, seg.id: marked},
    )
    path = tmp_path / "marked.html"
    path.write_bytes(ReviewPageWriter().write(result))
    page.goto(path.as_uri())
    assert page.text_content("tr[data-id='b8.s1'] td.source mark.num") == "3,400"
    assert page.text_content("tr[data-id='b8.s1'] td.target mark.num") == "3,400"
    assert page.text_content("tr[data-id='b8.s1'] ul.matches .badge") == "TM 82%"
    assert page.text_content("tr[data-id='b8.s1'] ul.matches del") == "3,200"
    assert errors == []
