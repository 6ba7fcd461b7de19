"""Fuzz every reader newsl10n has: any input either parses or raises newsl10n's own input error.

Targets come from the plugin registry (every article reader — read, segmented and written back
through every registered writer —, every bilingual reader, every glossary format) plus the SRX
reader, so a new format is fuzzed as soon as it is registered. Seeds are the real files of
``examples/``, ``glossaries/`` and ``tests/data/``. Each input is mutated (bit flips, byte
insertions and deletions, splices of two seeds, truncation, and tokens known to hurt parsers:
``<![``, NUL and other control characters, lone surrogate escapes, BOMs, deep nesting, huge
lines), run in-process under a per-input time limit, and judged:

- ok: the reader returned;
- ok: it raised :class:`newsl10n.errors.InputError` (FormatError, GlossaryError…) whose message
  starts with the file name;
- failure: any other exception, a message without the file name, or running past the time limit.

With atheris installed (``pip install atheris``), ``--atheris TARGET`` runs coverage-guided fuzzing
on one target instead. Prints inputs tried and distinct failures per target; exits 1 on any
failure.

    python scripts/fuzz_readers.py --budget 60            # what CI runs
    python scripts/fuzz_readers.py --budget 3600 --json fuzz.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from newsl10n.errors import InputError
from newsl10n.registry import load, names

ROOT = Path(__file__).resolve().parents[1]
NASTY = [
    b"<![",
    b"<![CDATA[",
    b"\x00",
    b"\x01",
    b"\x1b",
    b"\\ud800",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"&#0;",
    b"&#xD800;",
    b"&amp;",
    b"<!ENTITY a 'x'>",
    b"<!DOCTYPE x [",
    b"]]>",
    b"<div>" * 300,
    b"*_" * 200,
    b"[" * 100,
    b"\n" * 200,
    b"\r",
    b"\u2028".decode("unicode_escape").encode(),
    "⟦1⟧".encode(),
    "⟦/2⟧".encode(),
    b'"',
    b"'",
    b",",
    b"\t",
    b"msgid ",
    b'msgstr[0] "',
    b'"\\',
    b"{",
    b"}",
    b"- ",
    b": ",
    b"&",
    b"<",
    b">",
    b"x" * 5000,
]

Reader = Callable[[bytes, str], object]


class TimeLimit(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise TimeLimit


@dataclass
class Stats:
    tried: int = 0
    refused: int = 0
    failures: dict[str, tuple[str, bytes]] = field(default_factory=dict)


def _article_target(fmt: str) -> Reader:
    from newsl10n.formats.article import article_format
    from newsl10n.mt.base import create_engine
    from newsl10n.pipeline import read_document, translate_document
    from newsl10n.run import render

    engine = create_engine("identity")
    writers = sorted(names("writer"))

    def run(data: bytes, path: str) -> object:
        doc = read_document(data, doc_id=path, source_lang="en", fmt=fmt)
        assert article_format(fmt).write(doc) is not None
        result = translate_document(doc, "pt", engine)
        for kind in writers:
            render(result, kind)
        return doc

    return run


def _bilingual_target(name: str) -> Reader:
    cls = load("bilingual", name)

    def run(data: bytes, path: str) -> object:
        return cls().read(data, path=path, source_lang="en", target_lang="pt")

    return run


def _glossary_target(fmt: str) -> Reader:
    from newsl10n.glossary.io import read_glossary

    def run(data: bytes, path: str) -> object:
        # OmegaT's glossary files name no languages: the user gives them, as the CLI asks.
        return read_glossary(data, path=path, fmt=fmt, source_lang="en", target_lang="pt")

    return run


def _srx_target(data: bytes, path: str) -> object:
    from newsl10n.segment.srx import load_srx

    return load_srx(data, path=path)


def _legacy_bilingual(suffix: str) -> Reader:
    from newsl10n.formats.bilingual import read_bilingual

    def run(data: bytes, path: str) -> object:
        return read_bilingual(data, path=path + suffix if not path.endswith(suffix) else path)

    return run


def targets() -> dict[str, tuple[Reader, str, list[str]]]:
    """name → (reader, file suffix for messages, seed globs)."""
    out: dict[str, tuple[Reader, str, list[str]]] = {}
    suffix = {"text": ".txt", "markdown": ".md", "html": ".html"}
    for fmt in names("reader"):
        ext = suffix.get(fmt, "." + fmt)
        out[f"article:{fmt}"] = (_article_target(fmt), ext, [f"examples/*{ext}", f"tests/data/**/*{ext}"])
    bilingual = names("bilingual")
    for name in bilingual:
        cls = load("bilingual", name)
        exts = list(cls.extensions)
        out[f"bilingual:{name}"] = (_bilingual_target(name), exts[0], [f"tests/data/**/*{e}" for e in exts])
    if not bilingual:  # before bilingual readers were registered: the one dispatching function
        for ext in (".xlf", ".tmx", ".po", ".jsonl"):
            out[f"bilingual:{ext[1:]}"] = (_legacy_bilingual(ext), ext, [f"tests/data/**/*{ext}"])
    gl_ext = {"tbx": ".tbx", "tbx2008": ".tbx", "csv": ".csv", "tsv": ".tsv", "yaml": ".yaml"}
    for fmt in names("glossary"):
        ext = gl_ext.get(fmt, ".txt")
        out[f"glossary:{fmt}"] = (_glossary_target(fmt), ext, [f"glossaries/*{ext}", f"tests/data/**/*{ext}"])
    out["srx"] = (_srx_target, ".srx", ["tests/data/**/*.srx"])
    return out


def seeds(globs: list[str]) -> list[bytes]:
    found: list[bytes] = []
    for pattern in globs:
        for p in sorted(ROOT.glob(pattern)):
            if p.is_file() and p.stat().st_size < 2_000_000:
                found.append(p.read_bytes())
    return found or [b""]


def mutate(rng: random.Random, pool: list[bytes]) -> bytes:
    data = bytearray(rng.choice(pool))
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(data))
        if op == 0 and data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos:pos] = rng.choice(NASTY)
        elif op == 2 and data:
            end = min(len(data), pos + rng.randint(1, 64))
            del data[pos:end]
        elif op == 3:
            other = rng.choice(pool)
            cut = rng.randint(0, len(other))
            data[pos:] = other[cut:]
        elif op == 4:
            del data[pos:]
        elif op == 5 and data:
            i = rng.randrange(len(data))
            data[i:i] = data[i : i + rng.randint(1, 32)] * rng.randint(2, 50)
        else:
            data[pos:pos] = bytes([rng.randrange(256)])
    return bytes(data)


def judge(reader: Reader, data: bytes, path: str, limit: float) -> str | None:
    """None when the reader behaved; else a one-line description of the failure."""
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        reader(data, path)
    except TimeLimit:
        return f"took more than {limit:g} s"
    except InputError as exc:
        if not str(exc).startswith(path):
            return f"InputError without the file name: {str(exc)[:120]}"
        return "refused"
    except RecursionError:
        return "RecursionError"
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {str(exc)[:100]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def fuzz(budget: float, seed: int, limit: float, only: str | None) -> dict[str, Stats]:
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(seed)
    chosen = {k: v for k, v in targets().items() if only is None or k.startswith(only)}
    pools = {k: seeds(v[2]) for k, v in chosen.items()}
    stats = {k: Stats() for k in chosen}
    deadline = time.monotonic() + budget
    names_cycle = sorted(chosen)
    # The seeds themselves first, then mutations, round robin so every target gets its share.
    for name in names_cycle:
        reader, ext, _ = chosen[name]
        for data in pools[name]:
            _record(stats[name], judge(reader, data, f"seed{ext}", limit), data)
    while time.monotonic() < deadline:
        for name in names_cycle:
            reader, ext, _ = chosen[name]
            data = mutate(rng, pools[name])
            _record(stats[name], judge(reader, data, f"fuzz{ext}", limit), data)
    return stats


def _record(stats: Stats, verdict: str | None, data: bytes) -> None:
    stats.tried += 1
    if verdict == "refused":
        stats.refused += 1
    elif verdict is not None:
        # One failure per exception type and place (the message varies with the input).
        key = verdict.split(": ")[0] if " at " in verdict else verdict.split(":")[0]
        if key not in stats.failures or len(data) < len(stats.failures[key][1]):
            stats.failures[key] = (verdict, data)  # keep the smallest input per distinct failure


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=float, default=60.0, help="seconds for the whole run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=5.0, help="seconds allowed per input")
    ap.add_argument("--only", default=None, help="fuzz only targets whose name starts with this")
    ap.add_argument("--json", default=None, help="write the figures (and failing inputs) here")
    ap.add_argument("--save", default=None, help="write the smallest failing input of each failure here")
    args = ap.parse_args(argv)
    stats = fuzz(args.budget, args.seed, args.limit, args.only)
    total_fail = 0
    print(f"{'target':<24} {'inputs':>9} {'refused':>9} {'failures':>9}")
    for name, st in sorted(stats.items()):
        print(f"{name:<24} {st.tried:>9} {st.refused:>9} {len(st.failures):>9}")
        for verdict, data in st.failures.values():
            total_fail += 1
            print(f"    {verdict}  (smallest input: {len(data)} bytes, {data[:60]!r})")
    if args.save:
        out = Path(args.save)
        out.mkdir(parents=True, exist_ok=True)
        for name, st in stats.items():
            for i, (_, data) in enumerate(st.failures.values()):
                (out / f"{name.replace(':', '-')}-{i}.bin").write_bytes(data)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    name: {
                        "inputs": st.tried,
                        "refused": st.refused,
                        "failures": [v for v, _ in st.failures.values()],
                    }
                    for name, st in stats.items()
                },
                indent=2,
            )
            + "\n"
        )
    print(f"{sum(s.tried for s in stats.values())} inputs, {total_fail} distinct failures")
    return 1 if total_fail else 0


def iter_inputs(name: str) -> Iterator[bytes]:  # for ad-hoc replays from a REPL
    yield from seeds(targets()[name][2])


if __name__ == "__main__":
    sys.exit(main())
