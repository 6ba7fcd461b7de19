"""The review page in a real browser: headless Chromium loads it from disk with no network."""

from __future__ import annotations

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
