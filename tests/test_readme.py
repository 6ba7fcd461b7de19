"""The README stays true: its Python example runs, its commands exist, `import newsl10n` stays light."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_example_runs(tmp_path: Path) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "glossaries", tmp_path / "glossaries")
    proc = subprocess.run(
        [sys.executable, "-c", block.group(1)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "sco-ai-lab.pt.xlf").read_bytes().startswith(b"<?xml")
    assert (tmp_path / "review" / "sco-ai-cooperation.pt.txt").is_file()


def test_every_command_in_the_readme_exists() -> None:
    fences = re.findall(r"```(\w*)\n(.*?)```", README, re.S)
    blocks = "\n".join(body for lang, body in fences if lang in ("", "bash", "sh", "console"))
    commands = set(re.findall(r"^newsl10n ([a-z-]+(?: (?:convert|lint))?)", blocks, re.M))
    assert {
        "translate",
        "check",
        "segment",
        "engines",
        "export-srx",
        "glossary convert",
        "glossary lint",
    } <= commands
    for command in sorted(commands):
        proc = subprocess.run(
            [sys.executable, "-m", "newsl10n", *command.split(), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, command


def test_the_first_command_uses_an_example_that_exists() -> None:
    first = re.search(r"```bash\n(.*?)\n```", README, re.S)
    assert first is not None and "newsl10n translate examples/" in first.group(1)
    article = re.search(r"translate (examples/\S+)", first.group(1))
    assert article is not None and (ROOT / article.group(1)).is_file()


def test_import_does_not_load_torch_or_transformers() -> None:
    code = (
        "import sys, newsl10n, newsl10n.pipeline, newsl10n.cli; "
        "heavy = [m for m in ('torch', 'transformers', 'sentencepiece') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
