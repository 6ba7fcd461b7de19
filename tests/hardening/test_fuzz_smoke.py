"""Every reader keeps the fuzzing invariant on a small, fixed sample (issue 13).

The fuzzer's in-process API (``scripts/fuzz_readers.py``) runs each target on its seeds, then on
seeded mutations and hypothesis-generated inputs, a few hundred in all; any input must parse or
be refused with newsl10n's own input error naming the file, within the time limit. The sample is
deterministic (fixed seeds, no hypothesis database), so a failure here reproduces.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
INPUTS_PER_TARGET = 200


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "scripts" / "fuzz_readers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_readers"] = module
    spec.loader.exec_module(module)
    return module


fuzz_readers = _load()
TARGETS = sorted(fuzz_readers.targets())


def test_every_reader_is_a_target() -> None:
    # The formats the issue names: articles, XLIFF, TMX, PO, JSONL, the glossaries, SRX, review export.
    expected = {
        "article:text",
        "article:markdown",
        "article:html",
        "bilingual:xliff",
        "bilingual:tmx",
        "bilingual:po",
        "bilingual:jsonl",
        "glossary:tbx",
        "glossary:tbx2008",
        "glossary:csv",
        "glossary:tsv",
        "glossary:yaml",
        "glossary:omegat-tsv",
        "srx",
        "review:json",
    }
    assert expected <= set(TARGETS)
    for name in TARGETS:
        target = fuzz_readers.targets()[name]
        assert fuzz_readers.strategy(target.kind) is not None, name  # a structured generator each
        assert fuzz_readers.seeds(target) != [b""], name  # and real files to mutate


@pytest.mark.parametrize("name", TARGETS)
def test_fuzz_sample_has_no_failure(name: str) -> None:
    opts = fuzz_readers.Options(
        budget=60.0,
        seed=13,
        only=(name,),
        max_inputs=INPUTS_PER_TARGET,
        batch=40,
        generated_share=0.25,
        minimise_s=2.0,
        render_every=4,
        max_seed_bytes=16_000,
    )
    stats = fuzz_readers.fuzz(opts)[name]
    assert stats.tried == INPUTS_PER_TARGET
    assert stats.generated > 0 and stats.mutated > 0
    failures = [f"{f.key}: {f.message} — input {f.data[:300]!r}" for f in stats.failures.values()]
    assert failures == []


def test_judge_tells_failures_from_refusals() -> None:
    from newsl10n.errors import FormatError

    def refuses(data: bytes, path: str) -> object:
        raise FormatError("is not valid", path=path, line=1)

    def nameless(data: bytes, path: str) -> object:
        raise FormatError("is not valid")

    def crashes(data: bytes, path: str) -> object:
        return dict[bytes, object]()[data]

    def spins(data: bytes, path: str) -> object:
        while True:
            pass

    fuzz_readers.install_timers()
    assert fuzz_readers.judge(refuses, b"x", "a.xlf").status == "refused"
    assert fuzz_readers.judge(nameless, b"x", "a.xlf").key.startswith("InputError without the file name")
    assert fuzz_readers.judge(crashes, b"x", "a.xlf").key.startswith("KeyError at ")
    slow = fuzz_readers.judge(spins, b"abc", "a.xlf", limit=0.3, slow=0.1)
    assert slow.status == "failure" and slow.key.startswith("timeout")
    assert "3 bytes" in slow.message
