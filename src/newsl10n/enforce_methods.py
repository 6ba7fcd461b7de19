"""Ways of making an engine use a glossary's target terms: small strategies for :mod:`newsl10n.enforce`.

A strategy gets the source sentences that hold terms (with their term spans) and returns, per
sentence, an :class:`Attempt`: the engine's translation made with the method, the terms the method
put there (``how``: span id → ``placeholder``, ``nbest`` or ``constraint``) and the terms whose
protected placeholder the engine dropped. ``None`` means "use the plain translation". The enforcer
then repairs every term still missing from whatever text it got (``repair`` is the fallback of every
method), so all methods end in the same record.

- ``repair``: no strategy; post-hoc repair of the plain translation only.
- ``placeholder``: each term becomes a token the engine carries (:data:`SHAPES`; ``TERM1`` by default,
  measured with Bergamot in ``scripts/bench_terms.py --shapes``), put back as the target term.
- ``mask``: the same with a rare capitalised pseudo-word (the engine treats it as a proper noun).
- ``annotate``: the source term is replaced inline by its target term (code-switching), which the
  engine tends to copy.
- ``nbest``: the best of the engine's n-best hypotheses that meets the most terms (engines with
  ``nbest``).
- ``constrain``: constrained beam search forcing the target terms (engines with ``constraints``).

A placeholder the engine dropped, duplicated or mangled sends the sentence back to the plain
translation and repair; a token never reaches the published text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .glossary.annotate import TERM, TermAnnotator
from .model import Span
from .mt.base import Engine, EngineOutput

METHODS = ("repair", "placeholder", "mask", "annotate", "nbest", "constrain")
"""Enforcement methods (``--term-method``); ``auto`` picks the engine's default (:data:`ENGINE_DEFAULTS`)."""

SATISFIED = ("model", "nbest", "constraint", "placeholder", "repair", "none")
"""Values of a term record's ``attrs["satisfied"]``."""

NEEDS = {"nbest": "nbest", "constrain": "constraints"}
"""Methods that need an engine capability; an engine without it gets its default method."""

ENGINE_DEFAULTS = {"bergamot": "repair", "transformers": "constrain", "ctranslate2": "nbest"}
"""Each engine's method, chosen on the ``tune`` rows of ``scripts/bench_terms.py`` (README): with
Bergamot every method but ``annotate`` meets all terms and ``repair`` keeps the best chrF (the
placeholders change the sentence around them); the transformers engine forces the terms with
constrained decoding; CTranslate2 has n-best but no constraints."""

FALLBACK = "repair"
"""The method of engines not in :data:`ENGINE_DEFAULTS`, and the fallback of every method."""

SHAPES = {
    "brackets": "⟦{n}⟧",
    "square": "[{n}]",
    "curly": "{{{n}}}",
    "dunder": "__T{n}__",
    "xml": "<x{n}/>",
    "term": "TERM{n}",
    "pseudo": "{w}",
    "digits": "9{n}9{n}7",
}
"""Placeholder token shapes measured by ``scripts/bench_terms.py --shapes`` (``{n}``: the term's number,
``{w}``: a pseudo-word of :data:`PSEUDO_WORDS`)."""

PLACEHOLDER_SHAPE = "term"
MASK_SHAPE = "pseudo"
PSEUDO_WORDS = ("Zorvak", "Quelbin", "Tarnex", "Vopril", "Krestal", "Mubrin", "Drevok", "Salvix")
NBEST = 8


def wanted(sp: Span) -> str:
    """The text a source term must have in the translation: its source form when do-not-translate,
    else the preferred target term (or the first allowed one); "" when the language has none."""
    if sp.attrs.get("dnt"):
        return sp.attrs.get("matched", "") or sp.attrs.get("found", "")
    for key in ("preferred", "targets"):
        lines = sp.attrs.get(key, "")
        if lines.strip():
            return lines.splitlines()[0]
    return ""


def token(shape: str, n: int) -> str:
    """Placeholder ``n`` (1-based) in a shape of :data:`SHAPES`."""
    w = PSEUDO_WORDS[n - 1] if n <= len(PSEUDO_WORDS) else f"Zorvak{n}"
    return SHAPES[shape].format(n=n, w=w)


def method_for(method: str | None, engine: Engine) -> str:
    """The method used with ``engine``: the asked one when the engine can, else the engine's default."""
    default = ENGINE_DEFAULTS.get(engine.name, FALLBACK)
    if NEEDS.get(default) and NEEDS[default] not in engine.capabilities:
        default = FALLBACK
    if method is None or method == "auto":
        return default
    need = NEEDS.get(method)
    if need is not None and need not in engine.capabilities:
        return default
    return method


@runtime_checkable
class ConstrainedEngine(Protocol):
    """An engine with the ``constraints`` capability (see ``TransformersEngine.translate_constrained``)."""

    def translate_constrained(
        self,
        texts: Sequence[str],
        constraints: Sequence[Sequence[str]],
        *,
        source_lang: str,
        target_lang: str,
    ) -> list[EngineOutput]: ...


@runtime_checkable
class NbestEngine(Protocol):
    """An engine with the ``nbest`` capability."""

    def translate_nbest(
        self, texts: list[str], *, source_lang: str, target_lang: str, n: int
    ) -> list[list[EngineOutput]]: ...


@dataclass
class Attempt:
    """A method's translation of one sentence; ``text`` None: fall back to the plain translation."""

    text: str | None
    how: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


Put = Callable[[str, int, int, Span], str]
"""Puts a span's wanted term over ``text[a:b]`` in the form the sentence needs; returns the text."""


def attempt(
    method: str,
    items: Sequence[tuple[str, Sequence[Span]]],
    engine: Engine,
    annotator: TermAnnotator,
    *,
    source_lang: str,
    target_lang: str,
    put: Put,
) -> list[Attempt | None]:
    """Run ``method`` on ``(source sentence, term spans)`` items; None where a sentence has no term to
    enforce (or the method is ``repair``)."""
    todo = [i for i, (_src, spans) in enumerate(items) if any(wanted(s) for s in spans if s.kind == TERM)]
    out: list[Attempt | None] = [None] * len(items)
    if not todo or method == FALLBACK:
        return out
    picked = [(items[i][0], [s for s in items[i][1] if s.kind == TERM and wanted(s)]) for i in todo]
    if method in ("placeholder", "mask"):
        shape = PLACEHOLDER_SHAPE if method == "placeholder" else MASK_SHAPE
        got = _placeholders(picked, engine, shape, source_lang, target_lang, put)
    elif method == "annotate":
        got = _annotate(picked, engine, source_lang, target_lang)
    elif method == "nbest":
        got = _nbest(picked, engine, annotator, source_lang, target_lang)
    elif method == "constrain":
        got = _constrain(picked, engine, source_lang, target_lang)
    else:  # pragma: no cover - TermEnforcer checks the name
        raise ValueError(method)
    for i, a in zip(todo, got, strict=True):
        out[i] = a
    return out


def masked(source: str, spans: Sequence[Span], shape: str) -> tuple[str, list[tuple[str, Span]]]:
    """The source with each term span replaced by a placeholder token, and the ``(token, span)`` pairs."""
    pairs = [(token(shape, n), sp) for n, sp in enumerate(sorted(spans, key=lambda s: s.start), start=1)]
    text = source
    for tok, sp in sorted(pairs, key=lambda p: -p[1].start):
        text = text[: sp.start] + tok + text[sp.end :]
    return text, pairs


def _token_re(tok: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(tok)}(?![\w])", re.IGNORECASE)


def _placeholders(
    picked: list[tuple[str, list[Span]]],
    engine: Engine,
    shape: str,
    source_lang: str,
    target_lang: str,
    put: Put,
) -> list[Attempt | None]:
    made = [masked(src, spans, shape) for src, spans in picked]
    outs = engine.translate([m for m, _ in made], source_lang=source_lang, target_lang=target_lang)
    result: list[Attempt | None] = []
    for (_m, pairs), o in zip(made, outs, strict=True):
        text = o.text
        hits: list[tuple[int, int, Span]] = []
        dropped: list[str] = []
        for tok, sp in pairs:
            found = list(_token_re(tok).finditer(text))
            if len(found) != 1:
                dropped.append(sp.id)
            else:
                hits.append((found[0].start(), found[0].end(), sp))
        if dropped:
            result.append(Attempt(None, dropped=dropped))
            continue
        for a, b, sp in sorted(hits, key=lambda h: -h[0]):
            text = put(text, a, b, sp)
        if any(_token_re(tok).search(text) for tok, _sp in pairs):  # never publish a token
            result.append(Attempt(None, dropped=[sp.id for _t, sp in pairs]))
            continue
        result.append(Attempt(text, how={sp.id: "placeholder" for _t, sp in pairs}))
    return result


def _annotate(
    picked: list[tuple[str, list[Span]]], engine: Engine, source_lang: str, target_lang: str
) -> list[Attempt | None]:
    texts = []
    for src, spans in picked:
        text = src
        for sp in sorted(spans, key=lambda s: -s.start):
            text = text[: sp.start] + wanted(sp) + text[sp.end :]
        texts.append(text)
    outs = engine.translate(texts, source_lang=source_lang, target_lang=target_lang)
    return [
        Attempt(o.text, how={sp.id: "placeholder" for sp in spans})
        for (_src, spans), o in zip(picked, outs, strict=True)
    ]


def _nbest(
    picked: list[tuple[str, list[Span]]],
    engine: Engine,
    annotator: TermAnnotator,
    source_lang: str,
    target_lang: str,
) -> list[Attempt | None]:
    if not isinstance(engine, NbestEngine):
        return [None] * len(picked)
    hyps = engine.translate_nbest(
        [src for src, _ in picked], source_lang=source_lang, target_lang=target_lang, n=NBEST
    )
    result: list[Attempt | None] = []
    for (_src, spans), rows in zip(picked, hyps, strict=True):
        met = [_met(annotator, r.text, spans, target_lang) for r in rows]
        if not rows:
            result.append(None)
            continue
        best = max(range(len(rows)), key=lambda k: (len(met[k]), -k))
        first = met[0]
        result.append(Attempt(rows[best].text, how=dict.fromkeys(met[best] - first, "nbest")))
    return result


def _constrain(
    picked: list[tuple[str, list[Span]]], engine: Engine, source_lang: str, target_lang: str
) -> list[Attempt | None]:
    target: object = engine
    while not isinstance(target, ConstrainedEngine) and hasattr(target, "inner"):
        target = target.inner  # a cache wrapper: constrained outputs are not cached
    if not isinstance(target, ConstrainedEngine):
        return [None] * len(picked)
    outs = target.translate_constrained(
        [src for src, _ in picked],
        [[wanted(sp) for sp in spans] for _src, spans in picked],
        source_lang=source_lang,
        target_lang=target_lang,
    )
    return [
        Attempt(o.text, how={sp.id: "constraint" for sp in spans})
        for (_src, spans), o in zip(picked, outs, strict=True)
    ]


def _met(annotator: TermAnnotator, text: str, spans: Sequence[Span], target_lang: str) -> set[str]:
    return {
        s.id
        for s in annotator.target_spans(text, spans, target_lang)
        if s.attrs.get("status") in ("allowed", "dnt")
    }
