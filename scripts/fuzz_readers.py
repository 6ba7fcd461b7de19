"""Fuzz every reader newsl10n has: any input either parses or raises newsl10n's own input error.

Targets come from the plugin registry (every article reader — read, segmented and written back,
and on every ``--render-every``-th input translated and rendered through every registered writer
—, every bilingual reader, every glossary format) plus the SRX reader and the review page's JSON
export (``newsl10n import``), so a new format is fuzzed as soon as it is registered.

Inputs come from two generators, taking turns:

- mutation: the real files of ``examples/``, ``glossaries/`` and ``tests/data/``, and the files
  newsl10n's own writers make from them (XLIFF 1.2 and 2.1, TMX, PO, JSONL, TBX v3 and 2008,
  CSV, TSV, YAML, OmegaT, review export), mutated by bit flips, byte insertions and deletions,
  splices of two seeds, truncation, repetition and tokens known to hurt parsers (``<![``, NUL and
  other control characters, lone surrogates, BOMs, deep nesting, huge lines);
- hypothesis: structured generators per format — well-formed-ish XLIFF 1.2/2.x, TMX, TBX v3/2008
  and SRX trees with odd attributes, language tags, inline codes, entities, CDATA, namespaces and
  declared encodings; PO entries, CSV/TSV/OmegaT rows, YAML documents (anchors, aliases, tags),
  JSONL rows and review exports with values of every JSON type; Markdown, HTML and plain text.

Each input runs in-process under a per-input CPU-time limit and is judged:

- ok: the reader returned;
- ok: it raised :class:`newsl10n.errors.InputError` (FormatError, GlossaryError…) whose message
  starts with the file name;
- failure: any other exception (MemoryError included: workers run under an address-space limit,
  ``--memory``), a message without the file name, more than ``--slow`` seconds of CPU for one
  input (reported with the input's size and the function it was in), or more than ``--limit``.

The command line runs ``--jobs`` worker processes under a supervisor that kills a worker stuck
in C code (a regular expression, a parser) past ``10 × --limit + 15`` seconds of wall time and records
that input as a hang, and records a worker's death (a crash, the kernel's OOM killer) with the
input it was running. Each new distinct failure is minimised (deletion of chunks while the same
failure remains) and written to ``--findings`` (Markdown, Python literals) as it is found.

    python scripts/fuzz_readers.py --budget 60                      # what CI runs
    python scripts/fuzz_readers.py --min-inputs 100000 --budget 3000 --jobs 2 \\
        --json fuzz.json --findings fuzz-findings.md                # the long run
    python scripts/fuzz_readers.py --atheris bilingual:xliff --budget 300   # coverage-guided

Prints a Markdown table of inputs tried, refused and distinct failures per target; exits 1 on
any failure. :func:`fuzz` is the in-process API (``tests/hardening/test_fuzz_smoke.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import multiprocessing as mp
import os
import random
import signal
import string
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

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
    "\u2028".encode(),
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
    b"&a [*a, *a]",
    b"\\u0000",
    b"(a+)+$",
    b"[[:alpha:]",
    b"1" * 5000,
]

Reader = Callable[[bytes, str], object]


# --------------------------------------------------------------------------------------------
# targets


@dataclass(frozen=True)
class Target:
    name: str
    reader: Reader
    suffix: str
    seed_globs: tuple[str, ...]
    kind: str
    """Which structured generator and which written seeds belong to it."""


def _article_target(fmt: str, render_every: int) -> Reader:
    from newsl10n.formats.article import article_format
    from newsl10n.mt.base import create_engine
    from newsl10n.pipeline import read_document, translate_document
    from newsl10n.run import render

    engine = create_engine("identity")
    writers = sorted(names("writer"))
    count = 0

    def run(data: bytes, path: str) -> object:
        nonlocal count
        doc = read_document(data, doc_id=path, source_lang="en", fmt=fmt)
        assert article_format(fmt).write(doc) is not None
        count += 1
        if render_every and count % render_every == 0:
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


def _review_target(data: bytes, path: str) -> object:
    from newsl10n.postedit.reviewed import read_reviewed

    return read_reviewed(data, path=path, source_lang="en")


def targets(render_every: int = 8) -> dict[str, Target]:
    """Every target, by name."""
    out: dict[str, Target] = {}
    suffix = {"text": ".txt", "markdown": ".md", "html": ".html"}
    for fmt in names("reader"):
        ext = suffix.get(fmt, "." + fmt)
        globs: tuple[str, ...] = (f"examples/*{ext}", f"tests/data/**/*{ext}")
        out[f"article:{fmt}"] = Target(f"article:{fmt}", _article_target(fmt, render_every), ext, globs, fmt)
    for name in names("bilingual"):
        exts = list(load("bilingual", name).extensions)
        globs = tuple(f"tests/data/**/*{e}" for e in exts if e != ".xml")
        out[f"bilingual:{name}"] = Target(f"bilingual:{name}", _bilingual_target(name), exts[0], globs, name)
    gl_ext = {"tbx": ".tbx", "tbx2008": ".tbx", "csv": ".csv", "tsv": ".tsv", "yaml": ".yaml"}
    for fmt in names("glossary"):
        ext = gl_ext.get(fmt, ".utf8")
        globs = (f"glossaries/*{ext}", f"tests/data/**/*{ext}") if fmt in gl_ext else ()
        out[f"glossary:{fmt}"] = Target(f"glossary:{fmt}", _glossary_target(fmt), ext, globs, fmt)
    out["srx"] = Target("srx", _srx_target, ".srx", ("tests/data/**/*.srx",), "srx")
    out["review:json"] = Target("review:json", _review_target, ".json", (), "review")
    return out


_WRITTEN: dict[str, list[bytes]] | None = None


def written_seeds() -> dict[str, list[bytes]]:
    """Files newsl10n's own writers make from the examples and the glossary, by target kind."""
    global _WRITTEN
    if _WRITTEN is not None:
        return _WRITTEN
    from newsl10n.glossary.io import load_glossary, write_omegat_tsv
    from newsl10n.glossary.tabular import write_table
    from newsl10n.glossary.tbx import write_tbx
    from newsl10n.glossary.yamlfmt import write_yaml
    from newsl10n.mt.base import create_engine
    from newsl10n.pipeline import read_document, translate_document
    from newsl10n.run import render

    out: dict[str, list[bytes]] = {}
    engine = create_engine("identity")
    for path, fmt in (
        ("examples/sco-ai-cooperation.txt", "text"),
        ("examples/sco-digital-forum.md", "markdown"),
        ("examples/sco-ai-lab.html", "html"),
    ):
        p = ROOT / path
        if not p.is_file():
            continue
        doc = read_document(p.read_bytes(), doc_id=p.name, source_lang="en", fmt=fmt)
        result = translate_document(doc, "pt", engine)
        for kind, key in (
            ("xlf", "xliff"),
            ("xlf12", "xliff"),
            ("tmx", "tmx"),
            ("po", "po"),
            ("jsonl", "jsonl"),
        ):
            out.setdefault(key, []).append(render(result, kind))
        rows = [json.loads(line) for line in render(result, "jsonl").splitlines() if line.strip()]
        export = {
            "schema": 1,
            "kind": "newsl10n-review",
            "article": p.name,
            "source_lang": "en",
            "target_lang": "pt",
            "provenance": rows[0]["provenance"] if rows else "",
            "segments": [
                {
                    "id": r["segment"],
                    "block": r["block"],
                    "kind": r["kind"],
                    "source": r["source"],
                    "target": r["target"] + (" (revisto)" if i % 3 == 0 else ""),
                    "mt": r["target"],
                    "state": ("translated", "reviewed", "final", "initial")[i % 4],
                    "origin": r["origin"],
                }
                for i, r in enumerate(rows)
            ],
        }
        out.setdefault("review", []).append(json.dumps(export, ensure_ascii=False, indent=2).encode())
    gl = ROOT / "glossaries" / "sco-news.yaml"
    if gl.is_file():
        glossary = load_glossary(gl)
        out.setdefault("tbx", []).append(write_tbx(glossary, style="dca"))
        out.setdefault("tbx2008", []).append(write_tbx(glossary, style="martif"))
        out.setdefault("tbx", []).append(write_tbx(glossary, style="martif"))
        out.setdefault("csv", []).append(write_table(glossary, delimiter=","))
        out.setdefault("tsv", []).append(write_table(glossary, delimiter="\t"))
        out.setdefault("yaml", []).append(write_yaml(glossary))
        out.setdefault("omegat-tsv", []).append(write_omegat_tsv(glossary, target_lang="pt"))
    _WRITTEN = out
    return out


def seeds(target: Target) -> list[bytes]:
    found: list[bytes] = []
    for pattern in target.seed_globs:
        for p in sorted(ROOT.glob(pattern)):
            if p.is_file() and p.stat().st_size < 2_000_000:
                found.append(p.read_bytes())
    found.extend(written_seeds().get(target.kind, []))
    return found or [b""]


# --------------------------------------------------------------------------------------------
# mutation


def mutate(rng: random.Random, pool: Sequence[bytes]) -> bytes:
    # The smaller of two picks: most mutations of a 200 KB file land in the middle of text, and its
    # parse costs a hundred small ones; large files still come up, a quarter as often.
    data = bytearray(min(rng.choice(pool), rng.choice(pool), key=len))
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


# --------------------------------------------------------------------------------------------
# hypothesis: structured generators

LANGS = [
    "en",
    "pt",
    "pt-BR",
    "zh-Hans",
    "zh",
    "ru",
    "EN-us",
    "en_US",
    "x",
    "",
    " en",
    "i-klingon",
    "sr-Latn-RS",
    "123",
    "en-",
    "-",
    "ar",
    "fa",
    "und",
    "*all*",
    "de-CH-1996",
    "qaa-Qaaa-QM-x-southern",
    "a" * 70,
    "tg-Cyrl",
    "uz-Latn",
    "zh-TW",
    "kk",
    "ur",
    "hi",
    "be",
    "uk",
    "mn",
    "ky",
    "en\x00",
    "pt‐BR",
]
ODD = [
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u2028",
    "\x85",
    "\ufeff",
    "e\u0301",
    "𝔸",
    "\u202e",
    "\u200b",
    "\xa0",
    "⟦1⟧",
    "⟦/1⟧",
    "⟦2⟧x⟦/2⟧",
    "{0}",
    "%s",
    "%(name)s",
    "{{x}}",
    "\\",
    '"',
    "'",
    "`",
    "x" * 300,
    "5 000",
    "1,5",
    "12.3%",
    "US$4 млрд",
    "2026-05-09",
    "Шанхай",
    "上海合作组织",
    "شانگهای",
    "ШОС",
    "Ü",
    "ǅ",
    "İ",
    "ß",
    "\x07",
    "\x1b[0m",
    "\x00",
    "\ud800",
]
ENTITIES = [
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&#0;",
    "&#x1F600;",
    "&#xD800;",
    "&#65;",
    "&#x0;",
    "&nbsp;",
    "&unknown;",
    "&#99999999;",
    "&#x110000;",
    "&",
    "&#",
    "&#x;",
    "&#9;",
    "&#xFFFE;",
    "&#12;",
]


def _text(st: Any, size: int = 12) -> Any:
    return st.one_of(
        st.text(max_size=size),
        st.text(alphabet=string.ascii_letters + " .,;:!?-'\"()", max_size=size * 3),
        st.sampled_from(ODD),
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _xml_leaf(st: Any) -> Any:
    """Character data: escaped text, entity references, CDATA, comments, PIs, the odd raw < or &."""
    return st.one_of(
        _text(st).map(_esc),
        _text(st).map(_esc),
        st.sampled_from(ENTITIES),
        _text(st).map(lambda t: f"<![CDATA[{t}]]>"),
        _text(st).map(lambda t: f"<!--{t}-->"),
        st.sampled_from(
            ["<?pi x?>", "<?xml-stylesheet href='a'?>", "<", "]]>", "<!-- - -- -->", "\r", "\t\n"]
        ),
    )


def _attrs(st: Any, names: Sequence[str]) -> Any:
    """A string of attributes: the format's own with odd values, language tags, namespaces, junk."""
    value = st.one_of(_text(st).map(_esc), st.sampled_from(LANGS), st.sampled_from(ENTITIES))
    one = st.one_of(
        st.tuples(st.sampled_from(list(names) or ["id"]), value).map(lambda kv: f' {kv[0]}="{kv[1]}"'),
        st.sampled_from(LANGS).map(lambda v: f' xml:lang="{_esc(v)}"'),
        st.sampled_from(
            [
                ' xmlns="urn:x"',
                ' xmlns:q="urn:q" q:a="1"',
                ' q:b="2"',
                ' xml:space="preserve"',
                ' xml:space="default"',
                " id=''",
                ' a="<"',
                ' id="1" id="2"',
                ' xmlns=""',
                " translate='no'",
                ' its:translate="no" xmlns:its="http://www.w3.org/2005/11/its"',
            ]
        ),
    )
    return st.lists(one, max_size=3).map("".join)


def _element(st: Any, name: Any, attrs: Any, children: Any) -> Any:
    return st.tuples(name, attrs, children, st.integers(0, 19)).map(
        lambda t: f"<{t[0]}{t[1]}/>" if t[3] == 0 else f"<{t[0]}{t[1]}>{t[2]}</{t[0]}>"
    )


def _inline(st: Any, codes: Sequence[str], attrs: Sequence[str]) -> Any:
    """Segment content: text with nested inline codes of the format (and some it does not know)."""
    names_ = st.sampled_from([*codes, "b", "q:x", "x:y"])

    def extend(children: Any) -> Any:
        return _element(st, names_, _attrs(st, attrs), st.lists(children, max_size=3).map("".join))

    return st.recursive(_xml_leaf(st), extend, max_leaves=8).map(lambda s: s)


def _seq(st: Any, parts: Any, max_size: int = 3) -> Any:
    return st.lists(parts, max_size=max_size).map("".join)


def _xml_document(st: Any, body: Any) -> Any:
    """An optional declaration (declared encodings that may not match), the tree, an encoding."""
    decl = st.sampled_from(
        [
            "",
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            '<?xml version="1.0"?>',
            "<?xml version='1.1' encoding='utf-8'?>",
            '<?xml version="1.0" encoding="UTF-16"?>',
            '<?xml version="1.0" encoding="ISO-8859-1"?>',
            '<?xml version="1.0" encoding="bogus"?>',
            '<?xml version="2.0"?>',
            " <?xml version='1.0'?>",
            '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
            '<!DOCTYPE xliff SYSTEM "x.dtd">',
        ]
    )
    encoding = st.sampled_from(
        ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1"]
    )

    def encode(t: tuple[str, str, str, str]) -> bytes:
        text = t[0] + t[1] + t[2]
        return text.encode(t[3], errors="xmlcharrefreplace" if t[3] == "latin-1" else "surrogatepass")

    return st.tuples(decl, body, st.sampled_from(["", "\n", "<!-- end -->", "<x/>", "\x00"]), encoding).map(
        encode
    )


def _xliff12(st: Any) -> Any:
    inline = _inline(
        st,
        ["g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk", "sub"],
        ["id", "ctype", "mtype", "pos", "rid", "equiv-text"],
    )

    def a(*n: str) -> Any:
        return _attrs(st, n)

    source = _element(st, st.just("source"), a("xml:lang"), inline)
    target = _element(st, st.just("target"), a("state", "xml:lang", "state-qualifier"), inline)
    note = _element(st, st.just("note"), a("from", "priority", "annotates"), _text(st).map(_esc))
    alt = _element(
        st, st.just("alt-trans"), a("match-quality", "origin"), _seq(st, st.one_of(source, target))
    )
    unit = _element(
        st,
        st.just("trans-unit"),
        a("id", "resname", "translate", "approved", "xml:space", "restype"),
        _seq(st, st.one_of(source, source, target, note, alt, _xml_leaf(st)), 4),
    )
    group = _element(st, st.just("group"), a("id", "restype"), _seq(st, unit))
    body = _element(st, st.just("body"), a(), _seq(st, st.one_of(unit, unit, group), 4))
    header = _element(st, st.just("header"), a(), _seq(st, st.one_of(note, _xml_leaf(st))))
    file = _element(
        st,
        st.just("file"),
        a("original", "source-language", "target-language", "datatype", "tool-id"),
        _seq(st, st.one_of(header, body, body)),
    )
    root = st.tuples(
        st.sampled_from(["1.2", "1.1", "1.0", "", "2.0", "x"]),
        st.sampled_from(
            ["urn:oasis:names:tc:xliff:document:1.2", "", "urn:x", "urn:oasis:names:tc:xliff:document:2.0"]
        ),
        a("xmlns:sdl", "xmlns:mq"),
        _seq(st, file, 2),
    ).map(lambda t: f'<xliff version="{t[0]}" xmlns="{t[1]}"{t[2]}>{t[3]}</xliff>')
    return _xml_document(st, root)


def _xliff2(st: Any) -> Any:
    inline = _inline(
        st,
        ["pc", "ph", "sc", "ec", "mrk", "sm", "em", "cp"],
        ["id", "startRef", "dataRef", "hex", "translate", "canCopy", "type", "value"],
    )

    def a(*n: str) -> Any:
        return _attrs(st, n)

    source = _element(st, st.just("source"), a("xml:lang", "xml:space"), inline)
    target = _element(st, st.just("target"), a("xml:lang", "order"), inline)
    seg = _element(
        st,
        st.sampled_from(["segment", "ignorable"]),
        a("id", "state", "subState", "canResegment"),
        _seq(st, st.one_of(source, target)),
    )
    data = _element(st, st.just("data"), a("id"), _text(st).map(_esc))
    orig = _element(st, st.just("originalData"), a(), _seq(st, data))
    notes = _element(
        st,
        st.just("notes"),
        a(),
        _seq(st, _element(st, st.just("note"), a("category", "id", "appliesTo"), _text(st).map(_esc))),
    )
    matches = _element(
        st,
        st.just("mtc:matches"),
        a("xmlns:mtc"),
        _seq(
            st,
            _element(st, st.just("mtc:match"), a("similarity", "ref"), _seq(st, st.one_of(source, target))),
        ),
    )
    unit = _element(
        st,
        st.just("unit"),
        a("id", "name", "translate"),
        _seq(st, st.one_of(seg, seg, notes, orig, matches), 4),
    )
    group = _element(st, st.just("group"), a("id"), _seq(st, unit))
    file = _element(
        st, st.just("file"), a("id", "original", "xmlns:fs"), _seq(st, st.one_of(unit, unit, group, notes), 4)
    )
    root = st.tuples(
        st.sampled_from(["2.0", "2.1", "2.2", "1.2", ""]),
        st.sampled_from(
            [
                "urn:oasis:names:tc:xliff:document:2.0",
                "urn:oasis:names:tc:xliff:document:2.1",
                "",
                "urn:oasis:names:tc:xliff:document:1.2",
            ]
        ),
        st.sampled_from(LANGS),
        st.sampled_from(LANGS),
        a("xmlns:mtc"),
        _seq(st, file, 2),
    ).map(
        lambda t: (
            f'<xliff version="{t[0]}" xmlns="{t[1]}" srcLang="{_esc(t[2])}" '
            f'trgLang="{_esc(t[3])}"{t[4]}>{t[5]}</xliff>'
        )
    )
    return _xml_document(st, root)


def _xliff(st: Any) -> Any:
    return st.one_of(_xliff12(st), _xliff2(st))


def _tmx(st: Any) -> Any:
    inline = _inline(st, ["bpt", "ept", "ph", "it", "hi", "ut", "sub"], ["i", "x", "type", "pos", "assoc"])

    def a(*n: str) -> Any:
        return _attrs(st, n)

    seg = _element(st, st.just("seg"), a(), inline)
    prop = _element(
        st, st.sampled_from(["prop", "note"]), a("type", "xml:lang", "o-encoding"), _text(st).map(_esc)
    )
    tuv = _element(
        st,
        st.just("tuv"),
        a("xml:lang", "lang", "creationdate", "changedate"),
        _seq(st, st.one_of(seg, seg, prop)),
    )
    tu = _element(
        st,
        st.just("tu"),
        a("tuid", "srclang", "creationdate", "usagecount", "datatype"),
        _seq(st, st.one_of(tuv, tuv, prop), 4),
    )
    header = _element(
        st,
        st.just("header"),
        a("srclang", "adminlang", "segtype", "datatype", "o-tmf", "creationtool", "creationtoolversion"),
        _seq(st, prop),
    )
    body = _element(st, st.just("body"), a(), _seq(st, tu, 4))
    root = st.tuples(
        st.sampled_from(["1.4", "1.4b", "1.1", "", "2.0"]), _seq(st, st.one_of(header, body, body))
    ).map(lambda t: f'<tmx version="{t[0]}">{t[1]}</tmx>')
    return _xml_document(st, root)


STATUSES = [
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
    "preferred",
    "x",
    "",
]


def _tbx_common(st: Any, v3: bool) -> Any:
    def a(*n: str) -> Any:
        return _attrs(st, n)

    text = _text(st).map(_esc)
    note = st.tuples(
        st.sampled_from(["termNote", "descrip", "admin", "note", "termNoteGrp", "descripGrp", "transac"]),
        st.sampled_from(
            [
                "administrativeStatus",
                "partOfSpeech",
                "definition",
                "subjectField",
                "context",
                "grammaticalGender",
                "termType",
                "x",
            ]
        ),
        st.one_of(st.sampled_from([*STATUSES, "noun", "verb", "masculine"]), text),
        a("id"),
    ).map(lambda t: f'<{t[0]} type="{t[1]}"{t[3]}>{t[2]}</{t[0]}>')
    term = _element(st, st.just("term"), a("id"), _inline(st, ["hi", "ph", "sc", "ec"], ["type", "id"]))
    if v3:
        inner = _element(st, st.just("termSec"), a("id"), _seq(st, st.one_of(term, term, note), 4))
        lang = _element(st, st.just("langSec"), a("xml:lang"), _seq(st, st.one_of(inner, inner, note), 3))
        entry = _element(st, st.just("conceptEntry"), a("id"), _seq(st, st.one_of(lang, lang, note), 4))
    else:
        tig = _element(st, st.just("tig"), a("id"), _seq(st, st.one_of(term, term, note), 4))
        ntig = _element(
            st,
            st.just("ntig"),
            a("id"),
            _seq(st, _element(st, st.just("termGrp"), a(), _seq(st, st.one_of(term, note)))),
        )
        lang = _element(
            st, st.just("langSet"), a("xml:lang", "lang"), _seq(st, st.one_of(tig, tig, ntig, note), 3)
        )
        entry = _element(st, st.just("termEntry"), a("id"), _seq(st, st.one_of(lang, lang, note), 4))
    body = _element(st, st.just("body"), a(), _seq(st, entry, 4))
    textel = _element(
        st, st.just("text"), a(), _seq(st, st.one_of(body, body, _element(st, st.just("back"), a(), text)), 2)
    )
    header_name = "tbxHeader" if v3 else "martifHeader"
    header = _element(
        st,
        st.just(header_name),
        a(),
        _seq(
            st,
            _element(
                st,
                st.just("fileDesc"),
                a(),
                _seq(st, _element(st, st.just("sourceDesc"), a(), _element(st, st.just("p"), a(), text))),
            ),
        ),
    )
    if v3:
        root = st.tuples(
            st.sampled_from(["TBX-Basic", "TBX-Core", "TBX-Min", "", "TBX"]),
            st.sampled_from(["dca", "dct", ""]),
            st.sampled_from(LANGS),
            st.sampled_from(["urn:iso:std:iso:30042:ed-2", "", "urn:x"]),
            _seq(st, st.one_of(header, textel, textel)),
        ).map(
            lambda t: f'<tbx type="{t[0]}" style="{t[1]}" xml:lang="{_esc(t[2])}" xmlns="{t[3]}">{t[4]}</tbx>'
        )
    else:
        root = st.tuples(
            st.sampled_from(["TBX", "TBX-Basic", "", "x"]),
            st.sampled_from(LANGS),
            _seq(st, st.one_of(header, textel, textel)),
        ).map(lambda t: f'<martif type="{t[0]}" xml:lang="{_esc(t[1])}">{t[2]}</martif>')
    return _xml_document(st, root)


REGEX = [
    "\\.",
    "\\s",
    "\\s+",
    "[\\.!?]",
    "\\p{Lu}",
    "\\p{Ll}",
    "\\p{L}",
    "\\P{L}",
    "\\h",
    "\\n",
    "\\w+",
    "Mr",
    "(",
    ")",
    "[",
    "]",
    "(?i)",
    "(?<=a)",
    "(?<!\\w)",
    "(a+)+",
    "(a|a)*",
    "{2,}",
    "{",
    "*",
    "+?",
    "\\",
    "\\Q",
    "\\E",
    "\\x{41}",
    "\\u0041",
    "[[:alpha:]]",
    "\\1",
    "(?P<x>a)",
    "$",
    "^",
    "\\Z",
    "\\z",
    ".*",
    "[^\\s]",
    "\\d{1,3}",
    "(?#c)",
    "(?x) a",
    "\\k<x>",
    "\\N{LATIN SMALL LETTER A}",
    "\\p{IsLatin}",
    "\\p{InGreek}",
    "(?s)",
    "[a-",
    "a{99999}",
    "\\b",
]


def _srx(st: Any) -> Any:
    def a(*n: str) -> Any:
        return _attrs(st, n)

    regex = st.lists(st.sampled_from(REGEX), max_size=5).map(lambda xs: _esc("".join(xs)))
    rule = st.tuples(st.sampled_from(["yes", "no", "", "maybe"]), regex, regex, st.integers(0, 3)).map(
        lambda t: (
            f'<rule break="{t[0]}">'
            + ("" if t[3] == 1 else f"<beforebreak>{t[1]}</beforebreak>")
            + ("" if t[3] == 2 else f"<afterbreak>{t[2]}</afterbreak>")
            + "</rule>"
        )
    )
    langrule = st.tuples(st.sampled_from(["Default", "English", "x", ""]), _seq(st, rule, 5)).map(
        lambda t: f'<languagerule languagerulename="{t[0]}">{t[1]}</languagerule>'
    )
    langmap = st.tuples(
        st.sampled_from([".*", "EN.*", "(", "[", "pt|en", "", "(a+)+b"]),
        st.sampled_from(["Default", "English", "y"]),
    ).map(lambda t: f'<languagemap languagepattern="{_esc(t[0])}" languagerulename="{t[1]}"/>')
    header = st.tuples(st.sampled_from(["yes", "no", ""]), st.sampled_from(["yes", "no", "x"]), a()).map(
        lambda t: (
            f'<header segmentsubflows="{t[0]}" cascade="{t[1]}"{t[2]}>'
            '<formathandle type="start" include="no"/></header>'
        )
    )
    body = st.tuples(_seq(st, langrule, 3), _seq(st, langmap, 3)).map(
        lambda t: f"<body><languagerules>{t[0]}</languagerules><maprules>{t[1]}</maprules></body>"
    )
    root = st.tuples(
        st.sampled_from(["2.0", "1.0", ""]),
        st.sampled_from(["http://www.lisa.org/srx20", "", "urn:x"]),
        header,
        body,
    ).map(lambda t: f'<srx version="{t[0]}" xmlns="{t[1]}">{t[2]}{t[3]}</srx>')
    return _xml_document(st, root)


def _po_string(st: Any) -> Any:
    """A quoted PO string, sometimes split over lines, with escapes good and bad."""
    piece = st.one_of(
        _text(st).map(lambda t: t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")),
        st.sampled_from(
            ["\\n", "\\t", '\\"', "\\\\", "\\x41", "\\101", "\\u00e9", "\\q", "\\", '"', "\\r", "%s", "%1$s"]
        ),
    )
    return st.lists(piece, min_size=0, max_size=3).map(
        lambda ps: "\n".join(f'"{p}"' for p in ps) if len(ps) > 1 else f'"{ps[0] if ps else ""}"'
    )


def _po(st: Any) -> Any:
    s = _po_string(st)
    comment = st.one_of(
        _text(st).map(lambda t: "# " + t.replace("\n", " ")),
        _text(st).map(lambda t: "#. " + t.replace("\n", " ")),
        st.sampled_from(
            ["#: a.txt:1", "#: b1.s1", "#, fuzzy", "#, c-format, fuzzy", "#, no-wrap", "#|", "#~ x", "#"]
        ),
        s.map(lambda q: "#| msgid " + q.split("\n")[0]),
    )
    msgstr = st.one_of(
        s.map(lambda q: "msgstr " + q),
        st.lists(
            st.tuples(st.sampled_from(["0", "1", "2", "5", "-1", "x", "99999999999"]), s),
            min_size=1,
            max_size=3,
        ).map(lambda xs: "\n".join(f"msgstr[{i}] {q}" for i, q in xs)),
    )
    entry = st.tuples(
        st.lists(comment, max_size=3),
        st.one_of(st.just(""), s.map(lambda q: "msgctxt " + q + "\n")),
        s,
        st.one_of(st.just(""), s.map(lambda q: "msgid_plural " + q + "\n")),
        msgstr,
        st.booleans(),
    ).map(
        lambda t: (
            ("\n".join(t[0]) + "\n" if t[0] else "")
            + t[1]
            + ("#~ " if t[5] and len(t[0]) == 3 else "")
            + "msgid "
            + t[2]
            + "\n"
            + t[3]
            + t[4]
            + "\n"
        )
    )
    header = st.tuples(
        st.sampled_from(
            ["UTF-8", "utf-8", "CHARSET", "ISO-8859-1", "koi8-r", "bogus", "UTF-16", "cp1251", "ascii", ""]
        ),
        st.sampled_from(
            [
                "nplurals=2; plural=(n != 1);",
                "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
                "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
                "nplurals=1; plural=0;",
                "nplurals=0;",
                "nplurals=x; plural=((((;",
                "nplurals=99999999; plural=n;",
                "",
            ]
        ),
        st.sampled_from(
            [
                "",
                "Language: pt\\n",
                "Language: \\n",
                "X-Newsl10n-Provenance: v:0.1.0\\n",
                "Project-Id-Version: a.txt\\n",
            ]
        ),
    ).map(
        lambda t: (
            f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={t[0]}\\n"\n'
            f'"Plural-Forms: {t[1]}\\n"\n"{t[2]}"\n\n'
        )
    )
    newline = st.sampled_from(["\n", "\r\n", "\r"])
    encoding = st.sampled_from(["utf-8", "utf-8", "utf-8", "latin-1", "utf-16", "cp1251"])
    return st.tuples(st.one_of(st.just(""), header), st.lists(entry, max_size=5), newline, encoding).map(
        lambda t: (t[0] + "\n".join(t[1])).replace("\n", t[2]).encode(t[3], errors="replace")
    )


def _cell(st: Any, delimiter: str) -> Any:
    return st.one_of(
        _text(st),
        st.sampled_from([delimiter, '"', '""', '"a"', 'a"b', "a\nb", "", " ", "#", "=cmd()", "x" * 2000]),
    )


def _table(st: Any, delimiter: str) -> Any:
    header = st.lists(
        st.one_of(
            st.sampled_from(LANGS),
            st.sampled_from(["note", "definition", "pos", "status", "id", "subject", "", "en", "en"]),
        ),
        min_size=0,
        max_size=5,
    )

    def quote(c: str, force: bool) -> str:
        if force or any(x in c for x in (delimiter, '"', "\n", "\r")):
            return '"' + c.replace('"', '""') + '"'
        return c

    row = st.tuples(st.lists(_cell(st, delimiter), max_size=6), st.booleans()).map(
        lambda t: delimiter.join(quote(c, t[1]) for c in t[0])
    )
    return st.tuples(
        header.map(lambda h: delimiter.join(h)),
        st.lists(row, max_size=8),
        st.sampled_from(["\n", "\r\n", "\r"]),
        st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]),
    ).map(lambda t: t[2].join([t[0], *t[1]]).encode(t[3], errors="replace"))


def _omegat(st: Any) -> Any:
    row = st.lists(_cell(st, "\t"), max_size=4).map("\t".join)
    line = st.one_of(row, row, st.sampled_from(["# comment", "#", "", "\t", "\t\t\t"]))
    return st.tuples(
        st.lists(line, max_size=8),
        st.sampled_from(["\n", "\r\n"]),
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]),
    ).map(lambda t: t[1].join(t[0]).encode(t[2], errors="replace"))


def _yaml(st: Any) -> Any:
    import yaml

    scalar = st.one_of(
        _text(st), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), st.sampled_from(LANGS)
    )
    term = st.one_of(
        _text(st),
        scalar,
        st.fixed_dictionaries(
            {},
            optional={
                "term": scalar,
                "status": st.sampled_from(["preferred", "admitted", "deprecated", "x", ""]),
                "pos": scalar,
                "note": scalar,
                "gender": scalar,
            },
        ),
    )
    langkey = st.sampled_from(["en", "pt", "zh", "ru", "EN", "x", "", "pt-BR"])
    concept = st.tuples(
        st.fixed_dictionaries(
            {}, optional={"id": scalar, "subject": scalar, "note": scalar, "dnt": st.booleans()}
        ),
        st.dictionaries(langkey, st.one_of(st.lists(term, max_size=3), term), max_size=3),
    ).map(lambda t: {**t[0], **t[1]})
    doc = st.fixed_dictionaries(
        {},
        optional={
            "source_lang": st.one_of(st.sampled_from(LANGS), scalar),
            "concepts": st.one_of(st.lists(concept, max_size=4), scalar),
            "name": scalar,
        },
    )
    dumped = st.tuples(doc, st.booleans()).map(
        lambda t: yaml.safe_dump(t[0], allow_unicode=True, default_flow_style=t[1])
    )
    raw = st.sampled_from(
        [
            "a: &a [x, y]\nb: [*a, *a, *a]\nconcepts: [*a]\n",
            "source_lang: en\nconcepts:\n- &c {id: x, en: [a], pt: [b]}\n- *c\n- <<: *c\n  id: y\n",
            "!!python/object/apply:os.system ['true']\n",
            "source_lang: !!binary aGVsbG8=\nconcepts: !!set {a, b}\n",
            "source_lang: en\nconcepts: !!omap [a: 1]\n",
            "--- \n...\n---\nsource_lang: en\n",
            "source_lang: en\nsource_lang: pt\nconcepts: []\n",
            "concepts:\n  - en: " + "[" * 200 + "]" * 200 + "\n",
            "source_lang: 2026-05-09\nconcepts:\n- en: [2026-05-09 10:00:00]\n"
            "  pt: [.inf, .nan, 0x1F, 0o7, 1_000]\n",
            "? [a, b]\n: c\nconcepts: [{? x : y}]\n",
            "source_lang: en\nconcepts:\n- en: |\n    multi\n    line\n  pt: >-\n    folded\n",
            "source_lang: en\nconcepts:\n- {en: a, pt: b, id: !custom x}\n",
            "\tsource_lang: en\n",
            "source_lang: 'unterminated\n",
            "%YAML 1.1\n%TAG ! tag:x,2000:\n---\nsource_lang: !x en\n",
        ]
    )
    # a billion-laughs shape, kept small enough to be a test of the reader and not of the machine
    laughs = st.integers(2, 9).map(
        lambda n: (
            "a: &a0 [x, x]\n"
            + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}]\n" for i in range(1, n))
            + f"concepts: [*a{n - 1}]\n"
        )
    )
    return st.tuples(
        st.one_of(dumped, dumped, raw, laughs),
        st.sampled_from(["", "\ufeff", "# c\n"]),
        st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1"]),
    ).map(lambda t: (t[1] + t[0]).encode(t[2], errors="replace"))


def _json_value(st: Any) -> Any:
    return st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), _text(st)),
        lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(_text(st, 6), c, max_size=3)),
        max_leaves=6,
    )


JSONL_KEYS = [
    "schema",
    "doc",
    "block",
    "kind",
    "segment",
    "start",
    "end",
    "source_lang",
    "target_lang",
    "source",
    "target",
    "origin",
    "engine",
    "issues",
    "provenance",
    "state",
    "id",
    "unit",
]


def _jsonl(st: Any) -> Any:
    value = st.one_of(_json_value(st), st.sampled_from(LANGS), _text(st))
    row = st.dictionaries(st.sampled_from(JSONL_KEYS), value, max_size=len(JSONL_KEYS)).map(
        lambda d: {"schema": 1, **d} if len(d) % 2 else d
    )
    line = st.one_of(
        row.map(lambda d: json.dumps(d, ensure_ascii=False)),
        row.map(lambda d: json.dumps(d, ensure_ascii=False)),
        _json_value(st).map(json.dumps),
        st.sampled_from(
            [
                "",
                "{",
                "[]",
                "null",
                '{"schema": 1, "source": "\\ud800"}',
                "[" * 5000 + "]" * 5000,
                '{"start": ' + "9" * 5000 + "}",
                "NaN",
                '{"a": 1}{"b": 2}',
                "\x00",
            ]
        ),
    )
    return st.tuples(
        st.lists(line, max_size=6),
        st.sampled_from(["\n", "\r\n", "\u2028"]),
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    ).map(lambda t: t[1].join(t[0]).encode(t[2], errors="surrogatepass"))


def _review(st: Any) -> Any:
    value = st.one_of(_json_value(st), st.sampled_from(LANGS))
    segment = st.one_of(
        st.fixed_dictionaries(
            {"id": st.one_of(_text(st, 5), value), "source": st.one_of(_text(st), value)},
            optional={
                "target": st.one_of(_text(st), value),
                "mt": st.one_of(_text(st), value),
                "block": value,
                "state": st.one_of(
                    st.sampled_from(["initial", "translated", "reviewed", "final", "x", ""]), value
                ),
                "kind": st.one_of(st.sampled_from(["p", "headline", "caption"]), value),
                "origin": value,
            },
        ),
        value,
    )
    doc = st.fixed_dictionaries(
        {},
        optional={
            "schema": st.one_of(st.just(1), value),
            "kind": st.one_of(st.just("newsl10n-review"), value),
            "source_lang": st.one_of(st.sampled_from(LANGS), value),
            "target_lang": st.one_of(st.sampled_from(LANGS), value),
            "article": value,
            "provenance": value,
            "fingerprint": value,
            "segments": st.one_of(st.lists(segment, max_size=5), value),
        },
    ).map(lambda d: {"schema": 1, "kind": "newsl10n-review", **d} if len(d) % 3 else d)
    return st.tuples(doc, st.booleans(), st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16"])).map(
        lambda t: json.dumps(t[0], ensure_ascii=t[1], indent=2 if t[1] else None).encode(
            t[2], errors="surrogatepass"
        )
    )


MD_LINE = [
    "# ",
    "## ",
    "###### ",
    "> ",
    ">> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "1) ",
    "    ",
    "```",
    "~~~",
    "---",
    "***",
    "| a | b |",
    "|---|---|",
    "<div>",
    "</div>",
    "<!-- ",
    "[x]: http://a",
    "=====",
    "",
    "\t",
]
MD_INLINE = [
    "*",
    "_",
    "**",
    "__",
    "`",
    "``",
    "[",
    "]",
    "](",
    "](http://a)",
    "![",
    "<http://a>",
    "\\",
    "<span>",
    "</span>",
    "~~",
    "&amp;",
    "&#0;",
    "<br>",
    "**_",
    "_**",
    "[^1]",
    "$",
    "<",
    ">",
]


def _markdown(st: Any) -> Any:
    inline = st.lists(st.one_of(_text(st), st.sampled_from(MD_INLINE)), max_size=12).map("".join)
    line = st.tuples(st.sampled_from(MD_LINE), inline).map(lambda t: t[0] + t[1])
    repeated = st.tuples(st.sampled_from(["*", "_", "**", "[", "`", "> ", "*a_"]), st.integers(1, 400)).map(
        lambda t: t[0] * t[1]
    )
    return st.tuples(
        st.lists(st.one_of(line, line, line, repeated), max_size=12),
        st.sampled_from(["\n", "\r\n", "\n\n"]),
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    ).map(lambda t: t[1].join(t[0]).encode(t[2], errors="surrogatepass"))


HTML_TAGS = [
    "p",
    "h1",
    "h2",
    "h6",
    "div",
    "span",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "br",
    "img",
    "figure",
    "figcaption",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "script",
    "style",
    "title",
    "meta",
    "article",
    "section",
    "header",
    "footer",
    "time",
    "pre",
    "code",
    "sup",
    "sub",
    "q",
    "template",
    "svg",
    "math",
    "iframe",
    "noscript",
    "textarea",
    "x-y",
]


def _html(st: Any) -> Any:
    attrs = _attrs(
        st,
        [
            "href",
            "src",
            "alt",
            "class",
            "id",
            "lang",
            "dir",
            "title",
            "datetime",
            "translate",
            "data-x",
            "style",
        ],
    )
    leaf = st.one_of(
        _text(st).map(_esc),
        _text(st),
        st.sampled_from(ENTITIES),
        st.sampled_from(
            ["<!-- x -->", "<![CDATA[x]]>", "<!x>", "<?x?>", "</p>", "<p>", "<br/>", "&nbsp;", "<", "</"]
        ),
    )

    def extend(children: Any) -> Any:
        return st.tuples(
            st.sampled_from(HTML_TAGS), attrs, st.lists(children, max_size=4).map("".join), st.integers(0, 9)
        ).map(lambda t: f"<{t[0]}{t[1]}>{t[2]}" + ("" if t[3] == 0 else f"</{t[0]}>"))

    tree = st.recursive(leaf, extend, max_leaves=20)
    nested = st.tuples(st.sampled_from(HTML_TAGS), st.integers(1, 600)).map(
        lambda t: f"<{t[0]}>" * t[1] + "x"
    )
    doc = st.tuples(
        st.sampled_from(
            ["", "<!DOCTYPE html>", "<html><head><title>t</title></head><body>", "<?xml version='1.0'?>"]
        ),
        st.lists(st.one_of(tree, tree, tree, nested), max_size=4).map("".join),
    ).map(lambda t: t[0] + t[1])
    return st.tuples(doc, st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1", "utf-8-sig"])).map(
        lambda t: t[0].encode(t[1], errors="replace")
    )


def _plain_text(st: Any) -> Any:
    words = st.lists(
        st.one_of(
            _text(st),
            st.sampled_from(
                [
                    "Mr.",
                    "U.S.",
                    "Yahoo!",
                    "(AP) —",
                    "By JANE DOE",
                    "BEIJING, May 9 (Xinhua) --",
                    "Photo: x",
                    "—",
                    "...",
                    "?!",
                    "“",
                    "”",
                    "。",
                    "！",
                    "Dr.",
                    "e.g.",
                    "5.5%",
                    "No.",
                ]
            ),
        ),
        max_size=20,
    ).map(" ".join)
    return st.tuples(
        st.lists(words, max_size=10),
        st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2029"]),
        st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1", "cp1251"]),
    ).map(lambda t: t[1].join(t[0]).encode(t[2], errors="replace"))


STRATEGY_BUILDERS: dict[str, Callable[[Any], Any]] = {
    "xliff": _xliff,
    "tmx": _tmx,
    "tbx": lambda st: st.one_of(_tbx_common(st, True), _tbx_common(st, False)),
    "tbx2008": lambda st: _tbx_common(st, False),
    "srx": _srx,
    "po": _po,
    "csv": lambda st: _table(st, ","),
    "tsv": lambda st: _table(st, "\t"),
    "omegat-tsv": _omegat,
    "yaml": _yaml,
    "jsonl": _jsonl,
    "review": _review,
    "markdown": _markdown,
    "html": _html,
    "text": _plain_text,
}


def strategy(kind: str) -> Any:
    """The hypothesis strategy of bytes for one target kind (KeyError: none for this kind)."""
    from hypothesis import strategies as st

    return STRATEGY_BUILDERS[kind](st)


# --------------------------------------------------------------------------------------------
# judging one input


class TimeLimit(Exception):
    pass


@dataclass
class Verdict:
    status: str
    """``ok``, ``refused`` or ``failure``."""
    key: str = ""
    """What makes two failures the same (exception type and place, not the message)."""
    message: str = ""
    seconds: float = 0.0


_slow_where: str = ""
WALL_FACTOR = 10
"""The wall-clock alarm is this many times the CPU limit (a niced run on a busy machine is slow)."""
_stage = 0
_SLOW = 2.0
_LIMIT = 5.0


def _where_frames(frames: list[traceback.FrameSummary]) -> str:
    """The innermost frame in newsl10n (the reader at fault), else the innermost one."""
    frames = [f for f in frames if f.name not in ("_on_prof", "_on_alarm")]
    mine = [f for f in frames if "newsl10n" in f.filename and "fuzz_readers" not in f.filename]
    chosen = mine or frames
    if not chosen:
        return "?"
    f = chosen[-1]
    return f"{Path(f.filename).name}:{f.name}:{f.lineno}"


def _on_prof(signum: int, frame: FrameType | None) -> None:
    global _stage, _slow_where
    if _stage == 1:
        # Past --slow: note where it is, let it run on to --limit.
        _slow_where = _where_frames(traceback.extract_stack(frame)) if frame else "?"
        _stage = 2
        signal.setitimer(signal.ITIMER_PROF, max(_LIMIT - _SLOW, 0.01))
        return
    if _stage == 2:
        _stage = 3
        raise TimeLimit


class WallTimeLimit(TimeLimit):
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _stage:
        raise WallTimeLimit


def install_timers() -> None:
    signal.signal(signal.SIGPROF, _on_prof)
    signal.signal(signal.SIGALRM, _on_alarm)


def judge(reader: Reader, data: bytes, path: str, limit: float = 5.0, slow: float = 2.0) -> Verdict:
    """Run one input; the verdict says whether the reader behaved.

    CPU time is what is limited (SIGPROF): a busy machine does not make an input slow. A wall-clock
    alarm at ``WALL_FACTOR`` times the limit catches an input that waits instead of computing.
    """
    global _stage, _slow_where, _SLOW, _LIMIT
    _SLOW, _LIMIT, _slow_where, _stage = slow, limit, "", 1
    cpu = time.process_time()
    signal.setitimer(signal.ITIMER_PROF, slow if slow < limit else limit)
    if slow >= limit:
        _stage = 2
    signal.setitimer(signal.ITIMER_REAL, WALL_FACTOR * limit)
    try:
        reader(data, path)
        verdict = Verdict("ok")
    except TimeLimit as exc:
        where = _where_frames(traceback.extract_tb(exc.__traceback__))
        if isinstance(exc, WallTimeLimit):  # a busy machine can do this too: see the CPU seconds
            cpu_s = time.process_time() - cpu
            key, what = (
                f"wall-clock timeout in {where}",
                f"{WALL_FACTOR * limit:g} s of wall time ({cpu_s:.1f} s CPU)",
            )
        else:
            key, what = f"timeout in {where}", f"{limit:g} s of CPU"
        verdict = Verdict("failure", key, f"took more than {what} on {len(data)} bytes (in {where})")
    except InputError as exc:
        if str(exc).startswith(path):
            verdict = Verdict("refused")
        else:
            where = _where_frames(traceback.extract_tb(exc.__traceback__))
            verdict = Verdict(
                "failure",
                f"InputError without the file name at {where}",
                f"{type(exc).__name__}: {exc}"[:300],
            )
    except Exception as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        where = _where_frames(frames)
        last = frames[-1] if frames else None
        inner = f" (raised in {Path(last.filename).name}:{last.lineno})" if last else ""
        key = f"{type(exc).__name__} at {where}"
        verdict = Verdict("failure", key, f"{type(exc).__name__}: {str(exc)[:200]}{inner}")
    finally:
        _stage = 0
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
    verdict.seconds = time.process_time() - cpu
    if verdict.status != "failure" and verdict.seconds > slow:
        where = _slow_where or "?"
        verdict = Verdict(
            "failure",
            f"slow in {where}",
            f"took {verdict.seconds:.1f} s of CPU on {len(data)} bytes (at {slow:g} s it was in {where})",
            verdict.seconds,
        )
    return verdict


def minimise(
    reader: Reader, data: bytes, path: str, key: str, budget: float, limit: float, slow: float
) -> bytes:
    """A smaller input with the same failure: chunks deleted while the failure stays (ddmin-like)."""
    deadline = time.monotonic() + budget
    timeouts = key.startswith(("timeout", "slow"))

    def same(candidate: bytes) -> bool:
        return judge(reader, candidate, path, limit, slow).key == key

    best = data
    chunk = max(len(best) // 2, 1)
    while chunk >= 1 and time.monotonic() < deadline:
        i, changed = 0, False
        while i < len(best) and time.monotonic() < deadline:
            candidate = best[:i] + best[i + chunk :]
            if candidate != best and same(candidate):
                best, changed = candidate, True
            else:
                i += chunk
            if timeouts and len(best) <= 300:
                break
        if not changed:
            if chunk == 1:
                break
            chunk //= 2
        elif chunk > len(best):
            chunk = max(len(best) // 2, 1)
    return best


# --------------------------------------------------------------------------------------------
# the loop (in-process; the command line runs it in supervised workers)


@dataclass
class Failure:
    target: str
    key: str
    message: str
    data: bytes
    original_size: int
    count: int = 1


@dataclass
class Stats:
    tried: int = 0
    refused: int = 0
    mutated: int = 0
    generated: int = 0
    cpu: float = 0.0
    slowest: float = 0.0
    slowest_size: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)


@dataclass
class Options:
    budget: float = 60.0
    seed: int = 1
    limit: float = 5.0
    slow: float = 2.0
    only: Sequence[str] = ()
    min_inputs: int = 0
    batch: int = 50
    """Inputs per target per turn (half mutated, half from hypothesis)."""
    hypothesis: bool = True
    generated_share: float = 0.1
    """Share of each turn drawn from hypothesis (slower to make); they also join the mutation pool."""
    render_every: int = 8
    minimise_s: float = 20.0
    max_inputs: int = 0
    max_seed_bytes: int = 0
    """Leave out seed files larger than this (0: keep all); keeps the smoke test quick."""
    """Stop a target after this many inputs (0: no limit); the smoke test's fixed size."""


def chosen_targets(opts: Options) -> dict[str, Target]:
    every = targets(opts.render_every)
    if not opts.only:
        return every
    return {k: v for k, v in every.items() if any(k.startswith(o) for o in opts.only)}


class _Current:
    """Where a worker publishes the input it is running, for the supervisor (a no-op in-process)."""

    def set(self, index: int, data: bytes) -> None:
        pass

    def clear(self) -> None:
        pass


def _hypothesis_batch(strat: Any, n: int, seed: int, body: Callable[[bytes], None], deadline: float) -> int:
    """Run ``body`` on up to ``n`` inputs drawn by hypothesis (seeded: deterministic); returns how many."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    done = 0

    @hseed(seed)
    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    @given(strat)
    def one(data: bytes) -> None:
        nonlocal done
        if time.monotonic() < deadline:
            done += 1
            body(data)

    one()
    return done


def run_loop(
    opts: Options,
    chosen: dict[str, Target],
    *,
    worker: int = 0,
    totals: Callable[[int], int] | None = None,
    count: Callable[[int, Stats], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    current: _Current | None = None,
) -> dict[str, Stats]:
    """Fuzz the chosen targets until the budget ends (or every one has ``min_inputs``)."""
    install_timers()
    current = current or _Current()
    rng = random.Random(opts.seed * 7919 + worker)
    order = sorted(chosen)
    stats = {k: Stats() for k in order}
    pools = {k: seeds(chosen[k]) for k in order}
    if opts.max_seed_bytes:
        pools = {
            k: [d for d in v if len(d) <= opts.max_seed_bytes] or [min(v, key=len)] for k, v in pools.items()
        }
    generated: dict[str, list[bytes]] = {k: [] for k in order}
    strategies: dict[str, Any] = {}
    if opts.hypothesis:
        for k in order:
            with contextlib.suppress(KeyError):
                strategies[k] = strategy(chosen[k].kind)
    deadline = time.monotonic() + opts.budget
    total = totals or (lambda i: stats[order[i]].tried)
    seen: dict[tuple[str, str], int] = {}

    def one(i: int, data: bytes, path: str) -> None:
        name = order[i]
        target, st = chosen[name], stats[name]
        current.set(i, data)
        v = judge(target.reader, data, path, opts.limit, opts.slow)
        current.clear()
        st.tried += 1
        st.cpu += v.seconds
        if v.seconds > st.slowest:
            st.slowest, st.slowest_size = v.seconds, len(data)
        if v.status == "refused":
            st.refused += 1
        elif v.status == "failure":
            known = st.failures.get(v.key)
            if known is not None:
                known.count += 1
                if len(data) >= len(known.data):
                    return
                small = data
            else:
                small = minimise(target.reader, data, path, v.key, opts.minimise_s, opts.limit, opts.slow)
            verdict = judge(target.reader, small, path, opts.limit, opts.slow)
            message = verdict.message if verdict.key == v.key else v.message
            f = Failure(name, v.key, message, small, len(data), known.count if known else 1)
            st.failures[v.key] = f
            if on_failure is not None and seen.get((name, v.key), 1 << 62) > len(small):
                seen[(name, v.key)] = len(small)
                on_failure(f)
        if count is not None:
            count(i, st)

    def wanted(i: int) -> bool:
        n = total(i)
        if opts.max_inputs and stats[order[i]].tried >= opts.max_inputs:
            return False
        return not opts.min_inputs or n < opts.min_inputs

    for i, name in enumerate(order):  # the seeds themselves first
        for data in pools[name]:
            if time.monotonic() < deadline and wanted(i):
                one(i, data, f"seed{chosen[name].suffix}")
    turn = 0
    while time.monotonic() < deadline:
        active = [i for i in range(len(order)) if wanted(i)]
        if not active:
            break
        turn += 1
        for i in active:
            name = order[i]
            target, st = chosen[name], stats[name]
            n_gen = max(1, round(opts.batch * opts.generated_share)) if name in strategies else 0
            half = opts.batch - n_gen
            for _ in range(half):
                pool = generated[name] if generated[name] and rng.random() < 0.5 else pools[name]
                if time.monotonic() >= deadline or not wanted(i):
                    break
                st.mutated += 1
                one(i, mutate(rng, pool), f"fuzz{target.suffix}")
            if name in strategies and time.monotonic() < deadline and wanted(i):

                def body(data: bytes, i: int = i, name: str = name) -> None:
                    if not wanted(i):
                        return
                    stats[name].generated += 1
                    if len(generated[name]) < 200:
                        generated[name].append(data)
                    elif rng.random() < 0.05:
                        generated[name][rng.randrange(200)] = data
                    one(i, data, f"gen{chosen[name].suffix}")

                _hypothesis_batch(
                    strategies[name],
                    n_gen,
                    opts.seed * 1_000_003 + turn * 101 + i + worker * 7,
                    body,
                    deadline,
                )
    return stats


def fuzz(opts: Options, on_failure: Callable[[Failure], None] | None = None) -> dict[str, Stats]:
    """The in-process API: one process, no supervisor (a hang in C code would hang the caller)."""
    return run_loop(opts, chosen_targets(opts), on_failure=on_failure)


# --------------------------------------------------------------------------------------------
# supervised workers

_CAP = 1 << 22  # the largest input the supervisor can show after a hang (longer ones are cut)


class _Shared(_Current):
    def __init__(self, n_targets: int) -> None:
        self.buf = mp.Array("B", _CAP, lock=False)
        self.size = mp.Value("q", 0, lock=False)
        self.index = mp.Value("i", -1, lock=False)
        self.started = mp.Value("d", 0.0, lock=False)
        self.tried = mp.Array("q", n_targets, lock=False)
        self.refused = mp.Array("q", n_targets, lock=False)
        self.cpu = mp.Array("d", n_targets, lock=False)
        self.mutated = mp.Array("q", n_targets, lock=False)
        self.generated = mp.Array("q", n_targets, lock=False)

    def set(self, index: int, data: bytes) -> None:
        n = min(len(data), _CAP)
        ctypes.memmove(self.buf, data, n)
        self.size.value = len(data)
        self.index.value = index
        self.started.value = time.monotonic()

    def clear(self) -> None:
        self.started.value = 0.0

    def running(self) -> tuple[int, bytes, float]:
        n = min(self.size.value, _CAP)
        return self.index.value, bytes(self.buf[:n]), self.started.value


def _limit_memory(mb: int) -> None:
    if mb <= 0:
        return
    import resource

    vm = 0
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                vm = int(line.split()[1]) * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = vm + mb * (1 << 20)
    if hard == resource.RLIM_INFINITY or want <= hard:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def _worker(
    opts: Options,
    worker: int,
    shared: list[_Shared],
    queue: Any,
    budget: float,
    memory_mb: int,
) -> None:
    chosen = chosen_targets(opts)
    order = sorted(chosen)
    mine = shared[worker]
    seeds_needed = [seeds(chosen[k]) for k in order]  # load before the memory limit
    del seeds_needed
    _limit_memory(memory_mb)

    def totals(i: int) -> int:
        return sum(s.tried[i] for s in shared)

    def count(i: int, st: Stats) -> None:
        mine.tried[i] = st.tried
        mine.refused[i] = st.refused
        mine.cpu[i] = st.cpu
        mine.mutated[i] = st.mutated
        mine.generated[i] = st.generated

    def on_failure(f: Failure) -> None:
        queue.put(("failure", f))

    wopts = Options(**{**opts.__dict__, "budget": budget})
    stats = run_loop(
        wopts, chosen, worker=worker, totals=totals, count=count, on_failure=on_failure, current=mine
    )
    queue.put(
        ("done", worker, {k: (s.mutated, s.generated, s.slowest, s.slowest_size) for k, s in stats.items()})
    )


class Supervisor:
    def __init__(
        self, opts: Options, jobs: int, memory_mb: int, findings: str | None, json_path: str | None
    ) -> None:
        self.opts, self.jobs, self.memory_mb = opts, jobs, memory_mb
        self.findings, self.json_path = findings, json_path
        self.order = sorted(chosen_targets(opts))
        self.failures: dict[tuple[str, str], Failure] = {}
        self.extra: dict[str, list[float]] = {k: [0, 0, 0.0, 0] for k in self.order}
        self.base: dict[str, list[float]] = {k: [0, 0, 0.0] for k in self.order}  # from killed workers
        self.started = time.time()
        self.ctx = mp.get_context("fork")
        self.queue = self.ctx.Queue()
        self.shared = [_Shared(len(self.order)) for _ in range(jobs)]
        self.procs: list[Any] = [None] * jobs
        self.restarts = 0
        self.done = [False] * jobs

    def _start(self, w: int, budget: float) -> None:
        opts = Options(**{**self.opts.__dict__, "seed": self.opts.seed + 1000 * self.restarts})
        p = self.ctx.Process(target=_worker, args=(opts, w, self.shared, self.queue, budget, self.memory_mb))
        p.start()
        self.procs[w] = p

    def figures(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for i, k in enumerate(self.order):
            tried = int(self.base[k][0] + sum(s.tried[i] for s in self.shared))
            refused = int(self.base[k][1] + sum(s.refused[i] for s in self.shared))
            cpu = self.base[k][2] + sum(s.cpu[i] for s in self.shared)
            fails = [f for (t, _), f in self.failures.items() if t == k]
            out[k] = {
                "inputs": tried,
                "refused": refused,
                "parsed": tried - refused - sum(f.count for f in fails),
                "mutated": int(self.extra[k][0] + sum(s.mutated[i] for s in self.shared)),
                "generated": int(self.extra[k][1] + sum(s.generated[i] for s in self.shared)),
                "cpu_s": round(cpu, 1),
                "slowest_s": round(self.extra[k][2], 3),
                "slowest_size": int(self.extra[k][3]),
                "failures": [
                    {"key": f.key, "message": f.message, "count": f.count, "input": literal(f.data)[:2000]}
                    for f in fails
                ],
            }
        return out

    def run(self) -> dict[str, dict[str, Any]]:
        deadline = time.monotonic() + self.opts.budget
        hard = WALL_FACTOR * self.opts.limit + 15
        for w in range(self.jobs):
            self._start(w, self.opts.budget)
        last_report = time.monotonic()
        while not all(self.done):
            self._drain(0.5)
            now = time.monotonic()
            for w, p in enumerate(self.procs):
                if self.done[w]:
                    continue
                index, data, started = self.shared[w].running()
                stuck = started and now - started > hard
                if stuck or not p.is_alive():
                    if p.is_alive():
                        p.kill()
                    p.join()
                    self._drain(0.2)
                    if self.done[w]:
                        continue
                    name = self.order[index] if index >= 0 else "?"
                    if stuck:
                        key = "hang (killed by the supervisor)"
                        msg = f"still running after {now - started:.0f} s of wall time on {len(data)} bytes"
                    else:
                        key = f"worker died (exit code {p.exitcode})"
                        msg = f"the worker process ended with exit code {p.exitcode} on {len(data)} bytes"
                    if index >= 0 and started:
                        self.base[name][0] += 1  # the input it died on was tried too
                        self._failure(Failure(name, key, msg, data, len(data)))
                    # Keep the dead worker's counts, then start a fresh one for the time left.
                    dead = self.shared[w]
                    for i, k in enumerate(self.order):
                        self.base[k][0] += dead.tried[i]
                        self.base[k][1] += dead.refused[i]
                        self.base[k][2] += dead.cpu[i]
                        self.extra[k][0] += dead.mutated[i]
                        self.extra[k][1] += dead.generated[i]
                        dead.mutated[i] = dead.generated[i] = 0
                        dead.tried[i] = dead.refused[i] = 0
                        dead.cpu[i] = 0.0
                    dead.clear()
                    self.restarts += 1
                    left = deadline - time.monotonic()
                    if left > 5:
                        self._start(w, left)
                    else:
                        self.done[w] = True
            if now > deadline + 120 + hard:
                for w, p in enumerate(self.procs):
                    if not self.done[w] and p.is_alive():
                        p.kill()
                    self.done[w] = True
            if now - last_report > 60:
                last_report = now
                self._write_json(complete=False)
                done = self.figures()
                print(
                    f"[{time.time() - self.started:.0f} s] "
                    + " ".join(f"{k}={v['inputs']}" for k, v in done.items()),
                    file=sys.stderr,
                    flush=True,
                )
        for p in self.procs:
            p.join(timeout=5)
        self._drain(0.1)
        self._write_json(complete=True)
        return self.figures()

    def _drain(self, wait: float) -> None:
        end = time.monotonic() + wait
        while True:
            try:
                msg = self.queue.get(timeout=max(end - time.monotonic(), 0.01))
            except Exception:
                return
            if msg[0] == "failure":
                self._failure(msg[1])
            elif msg[0] == "done":
                self.done[msg[1]] = True
                for k, (_m, _g, slowest, size) in msg[2].items():
                    e = self.extra[k]
                    if slowest > e[2]:
                        e[2], e[3] = slowest, size

    def _failure(self, f: Failure) -> None:
        key = (f.target, f.key)
        known = self.failures.get(key)
        if known is not None:
            known.count += f.count
            if len(f.data) >= len(known.data):
                return
            f.count = known.count
        self.failures[key] = f
        print(f"new failure: {f.target}: {f.key} ({len(f.data)} bytes)", file=sys.stderr, flush=True)
        if self.findings:
            write_findings(self.findings, self.failures.values(), self.started)
        self._write_json(complete=False)

    def _write_json(self, complete: bool) -> None:
        if not self.json_path:
            return
        body = {
            "complete": complete,
            "elapsed_s": round(time.time() - self.started, 1),
            "options": {k: v for k, v in self.opts.__dict__.items() if k != "only"},
            "jobs": self.jobs,
            "targets": self.figures(),
        }
        tmp = Path(self.json_path + ".tmp")
        tmp.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        tmp.replace(self.json_path)


def literal(data: bytes) -> str:
    """A Python expression for ``data`` with long runs of one byte written as repetitions.

    >>> literal(b"<a>" + b"[" * 30 + b"]")
    "b'<a>' + b'[' * 30 + b']'"
    """
    import re

    parts: list[str] = []
    pos = 0
    for m in re.finditer(rb"(.)\1{19,}", data, re.DOTALL):
        if m.start() > pos:
            parts.append(repr(data[pos : m.start()]))
        parts.append(f"{data[m.start() : m.start() + 1]!r} * {m.end() - m.start()}")
        pos = m.end()
    if pos < len(data) or not parts:
        parts.append(repr(data[pos:]))
    return " + ".join(parts)


def write_findings(path: str, failures: Iterator[Failure] | Any, started: float) -> None:
    """Rewrite the findings file: this run's failures, then the other sections the file already had.

    Sections written by other runs (or by hand: notes for whoever routes the findings) are kept, so
    several runs can share one findings file; a failure this run has seen replaces its old section.
    """
    lines = [
        "# Fuzz findings",
        "",
        f"Written by `scripts/fuzz_readers.py` at {time.strftime('%Y-%m-%d %H:%M:%S')} "
        f"({time.time() - started:.0f} s into the run). One section per distinct failure "
        "(target, exception type, place); the input is the smallest one seen, minimised.",
        "",
    ]
    titles: set[str] = set()
    for f in sorted(failures, key=lambda f: (f.target, f.key)):
        shown = literal(f.data)
        title = f"## {f.target}: {f.key}"
        titles.add(title)
        lines += [
            title,
            "",
            f"- {f.message}",
            f"- seen {f.count} times; reproducer {len(f.data)} bytes (found as {f.original_size} bytes)",
            "",
            "```python",
            f"data = {shown}"
            if len(shown) <= 4000
            else f"data = {shown[:4000]}  # ... cut at 4000 characters",
            "```",
            "",
        ]
    old = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else ""
    for section in old.split("\n## ")[1:]:
        title = "## " + section.split("\n", 1)[0]
        if title not in titles:
            lines += [("## " + section).rstrip("\n"), ""]
    tmp = Path(path + f".{os.getpid()}.tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    tmp.replace(path)


# --------------------------------------------------------------------------------------------
# atheris


def run_atheris(
    name: str, budget: float, limit: float, slow: float, findings: str | None, extra: list[str]
) -> int:
    """Coverage-guided fuzzing of one target; failures are recorded (not fatal) so the run goes on."""
    try:
        import atheris  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        print("atheris is not installed (pip install atheris)", file=sys.stderr)
        return 2
    import atexit

    every = targets()
    if name not in every:
        print(f"unknown target {name!r}; one of: {', '.join(sorted(every))}", file=sys.stderr)
        return 2
    target = every[name]
    corpus = Path(tempfile.mkdtemp(prefix="fuzz-corpus-"))
    for i, data in enumerate(seeds(target)):
        (corpus / f"seed-{i}").write_bytes(data)
    atheris.instrument_all()
    install_timers()
    path = f"fuzz{target.suffix}"
    started = time.time()
    stats = Stats()

    last = [time.monotonic()]

    def test_one(data: bytes) -> None:
        v = judge(target.reader, data, path, limit, slow)
        stats.tried += 1
        if time.monotonic() - last[0] > 30:  # libFuzzer exits without running atexit handlers
            last[0] = time.monotonic()
            summary()
        stats.refused += v.status == "refused"
        if v.status != "failure":
            return
        known = stats.failures.get(v.key)
        if known is not None:
            known.count += 1
            if len(data) >= len(known.data):
                return
        else:
            print(f"new failure: {name}: {v.key} ({len(data)} bytes)", file=sys.stderr, flush=True)
        stats.failures[v.key] = Failure(name, v.key, v.message, data, len(data), known.count if known else 1)
        if findings:
            write_findings(findings, stats.failures.values(), started)

    def summary() -> None:
        print(
            f"atheris {name}: {stats.tried:,} inputs, {stats.refused:,} refused, "
            f"{len(stats.failures)} distinct failures in {time.time() - started:.0f} s",
            flush=True,
        )
        for f in stats.failures.values():
            print(f"- {f.message} ({len(f.data)} bytes: {f.data[:120]!r})", flush=True)

    atexit.register(summary)
    args = [
        sys.argv[0],
        f"-max_total_time={int(budget)}",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={corpus}/",
        *extra,
        str(corpus),
    ]
    atheris.Setup(args, test_one)
    atheris.Fuzz()
    return 0


# --------------------------------------------------------------------------------------------
# the command line


def table(figures: dict[str, dict[str, Any]]) -> str:
    rows = [
        "| target | inputs | mutated | generated | parsed | refused | failures | slowest input |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in sorted(figures.items()):
        slowest = f"{f['slowest_s']:.2f} s ({f['slowest_size']} B)" if f.get("slowest_size") else "—"
        rows.append(
            f"| {name} | {f['inputs']:,} | {f['mutated']:,} | {f['generated']:,} | {f['parsed']:,} "
            f"| {f['refused']:,} | {len(f['failures'])} | {slowest} |"
        )
    return "\n".join(rows)


def _figures(stats: dict[str, Stats]) -> dict[str, dict[str, Any]]:
    return {
        k: {
            "inputs": s.tried,
            "refused": s.refused,
            "parsed": s.tried - s.refused - sum(f.count for f in s.failures.values()),
            "mutated": s.mutated,
            "generated": s.generated,
            "cpu_s": round(s.cpu, 1),
            "slowest_s": round(s.slowest, 3),
            "slowest_size": s.slowest_size,
            "failures": [
                {"key": f.key, "message": f.message, "count": f.count, "input": literal(f.data)[:2000]}
                for f in s.failures.values()
            ],
        }
        for k, s in stats.items()
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--budget", type=float, default=60.0, help="seconds for the whole run")
    ap.add_argument("--min-inputs", type=int, default=0, help="stop once every target has this many inputs")
    ap.add_argument(
        "--jobs", type=int, default=1, help="worker processes (0: in this process, no supervisor)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--limit", type=float, default=5.0, help="CPU seconds allowed per input before it is stopped"
    )
    ap.add_argument("--slow", type=float, default=2.0, help="CPU seconds past which an input is a failure")
    ap.add_argument(
        "--memory", type=int, default=2048, help="MiB of address space a worker may add (0: none)"
    )
    ap.add_argument("--render-every", type=int, default=8, help="translate and render every Nth article")
    ap.add_argument("--minimise", type=float, default=20.0, help="seconds to minimise each new failure")
    ap.add_argument("--no-hypothesis", action="store_true", help="mutation only")
    ap.add_argument("--generated-share", type=float, default=0.1, help="share of inputs drawn by hypothesis")
    ap.add_argument(
        "--only", action="append", default=[], help="fuzz only targets whose name starts with this"
    )
    ap.add_argument("--list", action="store_true", help="list the targets and their seeds, then exit")
    ap.add_argument(
        "--json", default=None, help="write the figures and failing inputs here (updated as it runs)"
    )
    ap.add_argument("--findings", default=None, help="Markdown file of failures, rewritten at each new one")
    ap.add_argument("--save", default=None, help="write the smallest failing input of each failure here")
    ap.add_argument("--atheris", default=None, metavar="TARGET", help="coverage-guided fuzzing of one target")
    args, rest = ap.parse_known_args(argv)
    if args.atheris:
        return run_atheris(args.atheris, args.budget, args.limit, args.slow, args.findings, rest)
    if rest:
        ap.error(f"unrecognised arguments: {' '.join(rest)}")
    opts = Options(
        budget=args.budget,
        seed=args.seed,
        limit=args.limit,
        slow=args.slow,
        only=tuple(args.only),
        min_inputs=args.min_inputs,
        hypothesis=not args.no_hypothesis,
        generated_share=args.generated_share,
        render_every=args.render_every,
        minimise_s=args.minimise,
    )
    if args.list:
        for name, t in sorted(chosen_targets(opts).items()):
            pool = seeds(t)
            print(f"{name:<22} {len(pool):>3} seeds  {sum(map(len, pool)):>9} bytes  generator: {t.kind}")
        return 0
    started = time.time()
    failures: list[Failure] = []
    if args.jobs <= 0:

        def on_failure(f: Failure) -> None:
            failures[:] = [g for g in failures if (g.target, g.key) != (f.target, f.key)] + [f]
            if args.findings:
                write_findings(args.findings, failures, started)

        figures = _figures(fuzz(opts, on_failure))
        if args.json:
            Path(args.json).write_text(
                json.dumps({"complete": True, "targets": figures}, indent=2, ensure_ascii=False) + "\n"
            )
        all_failures = failures
    else:
        sup = Supervisor(opts, args.jobs, args.memory, args.findings, args.json)
        figures = sup.run()
        all_failures = list(sup.failures.values())
    print(table(figures))
    total = sum(len(f["failures"]) for f in figures.values())
    for f in sorted(all_failures, key=lambda f: (f.target, f.key)):
        print(f"- {f.target}: {f.message}  ({len(f.data)} bytes: {f.data[:80]!r})")
    if args.save:
        out = Path(args.save)
        out.mkdir(parents=True, exist_ok=True)
        for i, f in enumerate(sorted(all_failures, key=lambda f: (f.target, f.key))):
            (out / f"{f.target.replace(':', '-')}-{i}.bin").write_bytes(f.data)
    print(
        f"{sum(f['inputs'] for f in figures.values()):,} inputs in {time.time() - started:.0f} s, "
        f"{total} distinct failures"
    )
    return 1 if total else 0


def iter_inputs(name: str) -> Iterator[bytes]:  # for ad-hoc replays from a REPL
    yield from seeds(targets()[name])


if __name__ == "__main__":
    sys.exit(main())
