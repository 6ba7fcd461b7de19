"""Shared fixtures: tiny real models (built once, cached), paths to examples and the shared schemas."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a failure there is reproducible); locally hypothesis
# explores new ones on each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Never ask the Hugging Face hub: without this a lookup spends about a minute in retries.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

# The per-user stores (segment cache, translation memory, converted models) go to a folder of this
# test session, never the user's own, and every CLI subprocess inherits that.
_STORES = Path(tempfile.mkdtemp(prefix="newsl10n-test-stores-"))
atexit.register(shutil.rmtree, _STORES, ignore_errors=True)  # nothing of a test session stays in /tmp
os.environ["NEWSL10N_TEST_STORES"] = str(_STORES)
os.environ["NEWSL10N_CACHE_DIR"] = str(_STORES / "cache")
os.environ["XDG_DATA_HOME"] = str(_STORES / "data")
os.environ.pop("NEWSL10N_CONFIG", None)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SCRIPT = ROOT / "scripts" / "make_tiny_model.py"


def _cache_dir() -> Path:
    digest = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / "newsl10n-tiny-models" / digest


@pytest.fixture(scope="session")
def tiny_models() -> dict[str, Path]:
    """Tiny random-weight models with real SentencePiece vocabularies: marian, marian-multi, m2m100."""
    base = _cache_dir()
    models = {}
    for kind in ("marian", "marian-multi", "m2m100"):
        out = base / kind
        if not (out / "config.json").is_file():
            # Build beside the cache and rename into place, so a killed run leaves no half model.
            base.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=base))
            subprocess.run(
                [sys.executable, str(SCRIPT), "--kind", kind, "--out", str(tmp / kind)],
                check=True,
                capture_output=True,
            )
            shutil.rmtree(out, ignore_errors=True)
            os.replace(tmp / kind, out)
            tmp.rmdir()
        models[kind] = out
    return models


@pytest.fixture(scope="session")
def validate_xliff():
    """Validate an XLIFF file with the OASIS schemas in ../shared/schemas; returns (ok, output)."""
    script = SHARED / "schemas" / "validate.py"
    if not script.is_file():  # CI has ../shared: its absence is a broken checkout, not a reason to skip
        pytest.fail(
            "../shared/schemas/validate.py is missing (the project's shared/ folder must sit beside it)"
        )

    def run(path: Path) -> tuple[bool, str]:
        proc = subprocess.run([sys.executable, str(script), str(path)], capture_output=True, text=True)
        return proc.returncode == 0, proc.stdout + proc.stderr

    return run
