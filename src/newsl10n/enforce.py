"""Glossary enforcement: make each translation use the glossary's target terms, and record how each was met.

A method (:mod:`newsl10n.enforce_methods`: ``placeholder``, ``mask``, ``annotate``, ``nbest``,
``constrain``; each engine has a default, ``--term-method`` overrides it) first translates the
sentences that hold terms its own way; then every term still missing is repaired as follows.

Engine-agnostic post-hoc repair (the fallback of every method, and a method of its own): the
sentence is translated as is; each source term (found by the glossary matcher, longest match winning
where terms nest) whose allowed target term is not in the translation is located there through the
engine's own rendering of the term (the term translated on its own, searched for as a window of
words by similarity, or the source form left untranslated, or a deprecated target term) and replaced
by the preferred target term. In Portuguese the article or contraction just before the term is made
to agree with the term's gender and number ("do SCO" → "da OCX"). Do-not-translate terms get their
source form back the same way.

Every source term gets a record: a target ``Span`` (``kind="term"``, the source span's ``id``)
with ``attrs["satisfied"]`` one of ``model`` (the engine already used the term), ``nbest`` (a
lower-ranked hypothesis had it), ``constraint`` (constrained decoding forced it), ``placeholder``
(the method's placeholder or inline annotation carried it), ``repair`` (this module replaced the
engine's rendering) or ``none``; a ``term-enforced`` or ``term-repaired`` info Issue or a
``term-not-satisfied`` warning Issue says it in words, so every writer shows it. A repair never
leaves a placeholder in the sentence: the text only ever receives glossary terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import cast

from .enforce_methods import METHODS, Attempt, attempt, method_for
from .enforce_methods import wanted as wanted_term
from .glossary.agree import Placed, place_term
from .glossary.annotate import TERM, TermAnnotator
from .glossary.model import Gender, Glossary, Number, Term
from .model import PLACEHOLDER_RE, Issue, Span, frozen_map
from .mt.base import Engine

_HOW = {
    "nbest": "choosing an n-best hypothesis that has it",
    "constraint": "constrained decoding",
    "placeholder": "a placeholder the engine carried",
}
_WORD_RE = re.compile(r"[\w][\w\-]*")
_EDGE = ".,;:!?\"'«»“”()"


@dataclass(frozen=True, slots=True)
class Enforced:
    """A translation after enforcement: its text, one record span per source term, and the Issues."""

    text: str
    spans: tuple[Span, ...]
    issues: tuple[Issue, ...]


class TermEnforcer:
    """Enforces the terms of glossaries on translations (see the module docstring)."""

    def __init__(self, glossaries: Sequence[Glossary], *, method: str | None = None) -> None:
        if method is not None and method != "auto" and method not in METHODS:
            from .errors import ConfigError

            raise ConfigError(
                f"unknown term enforcement method {method!r} (available: auto, {', '.join(METHODS)})"
            )
        self.method = method
        """The asked method; None or ``auto``: each engine's default (``enforce_methods.ENGINE_DEFAULTS``)."""
        self.annotator = TermAnnotator(glossaries)

    def method_for(self, engine: Engine) -> str:
        """The method used with ``engine`` (its default where it lacks the asked method's capability)."""
        return method_for(self.method, engine)

    def missing(self, target_lang: str) -> list[Issue]:
        """A warning per glossary without terms in ``target_lang``: its terms are not enforced."""
        return [
            Issue(
                code="no-target-terms",
                severity="warning",
                message=f"glossary {g.path or '(unnamed)'} has no terms in {target_lang!r}: "
                "its terms were not enforced",
            )
            for g in self.annotator.missing_languages(target_lang)
        ]

    def enforce_all(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        engine: Engine,
        *,
        source_lang: str,
        target_lang: str,
    ) -> list[Enforced]:
        """Enforce terms on ``(segment_id, source text, translation)`` triples, in order.

        A translation may be None: the engine is then asked for it where it is needed (the plain
        translation of a sentence the method did not translate, or the fallback of one whose
        placeholder the engine dropped). The method (:meth:`method_for`) translates the sentences
        that hold terms its own way; every term still missing is repaired, the engine being asked
        once, in one batch, for its rendering of every term that needs a repair.
        """
        sources = [self.annotator.source_spans(src, source_lang, target_lang) for _, src, _ in pairs]
        method = self.method_for(engine)

        def put(text: str, a: int, b: int, sp: Span) -> str:
            return _put_term(text, a, b, wanted_term(sp), sp, target_lang).text

        tried: list[Attempt | None] = attempt(
            method,
            [(src, spans) for (_sid, src, _tgt), spans in zip(pairs, sources, strict=True)],
            engine,
            self.annotator,
            source_lang=source_lang,
            target_lang=target_lang,
            put=put,
        )
        plain = [tgt for _sid, _src, tgt in pairs]
        missing = [
            src
            for (_sid, src, tgt), a in zip(pairs, tried, strict=True)
            if tgt is None and (a is None or a.text is None)
        ]
        if missing:
            outs = engine.translate(missing, source_lang=source_lang, target_lang=target_lang)
            got = dict(zip(missing, (o.text for o in outs), strict=True))
            plain = [got[src] if tgt is None and src in got else tgt for _sid, src, tgt in pairs]
        texts = [
            a.text if a is not None and a.text is not None else (p or "")
            for a, p in zip(tried, plain, strict=True)
        ]
        need: set[str] = set()
        for tgt, spans in zip(texts, sources, strict=True):
            got_ids = {s.id for s in self.annotator.target_spans(tgt, spans, target_lang) if _ok(s)}
            need.update(sp.attrs["found"] for sp in spans if sp.id not in got_ids)
        ordered = sorted(need)
        rendered: dict[str, str] = {}
        if ordered:
            outs = engine.translate(ordered, source_lang=source_lang, target_lang=target_lang)
            rendered = {s: o.text.strip().strip(_EDGE) for s, o in zip(ordered, outs, strict=True)}
        return [
            self._enforce_one(sid, tgt, spans, rendered, target_lang, a)
            for (sid, _src, _tgt), tgt, spans, a in zip(pairs, texts, sources, tried, strict=True)
        ]

    def _enforce_one(
        self,
        segment_id: str,
        text: str,
        spans: tuple[Span, ...],
        rendered: dict[str, str],
        target_lang: str,
        tried: Attempt | None = None,
    ) -> Enforced:
        records: list[Span] = []
        issues: list[Issue] = []
        how = tried.how if tried is not None and tried.text is not None else {}
        for sp in spans:
            if sp.kind != TERM:
                continue
            if tried is not None and sp.id in tried.dropped:
                issues.append(
                    _issue(
                        segment_id,
                        sp,
                        "term-placeholder-dropped",
                        "info",
                        f"the engine dropped the placeholder of “{sp.attrs['found']}”: "
                        "the sentence was translated without it and repaired",
                    )
                )
            current = {s.id: s for s in self.annotator.target_spans(text, (sp,), target_lang) if _ok(s)}
            if sp.id in current:
                satisfied = how.get(sp.id, "model")
                records.append(_record(sp, current[sp.id], satisfied))
                if satisfied != "model":
                    issues.append(
                        _issue(
                            segment_id,
                            sp,
                            "term-enforced",
                            "info",
                            f"“{sp.attrs['found']}” was rendered “{current[sp.id].attrs.get('found', '')}” "
                            f"by {_HOW[satisfied]}",
                        )
                    )
                continue
            wanted = wanted_term(sp)
            if not wanted:
                records.append(_blank(sp, "none"))
                issues.append(
                    _issue(
                        segment_id,
                        sp,
                        "term-not-satisfied",
                        "warning",
                        f"“{sp.attrs['found']}” has no target term in {target_lang!r}: translated normally",
                    )
                )
                continue
            where = self._locate(text, sp, rendered.get(sp.attrs["found"], ""), target_lang)
            repaired = None
            if where is not None:
                a, b = where
                placed = _put_term(text, a, b, wanted, sp, target_lang)
                candidate = placed.text
                if not PLACEHOLDER_RE.search(candidate) or PLACEHOLDER_RE.search(text):
                    found = {
                        s.id: s for s in self.annotator.target_spans(candidate, (sp,), target_lang) if _ok(s)
                    }
                    if sp.id in found:
                        repaired = candidate, found[sp.id]
            if repaired is None:
                records.append(_blank(sp, "none"))
                issues.append(
                    _issue(
                        segment_id,
                        sp,
                        "term-not-satisfied",
                        "warning",
                        f"the translation of “{sp.attrs['found']}” could not be made “{wanted}”: check it",
                    )
                )
                continue
            old = text
            text, target_span = repaired
            records.append(_record(sp, target_span, "repair"))
            issues.append(
                _issue(
                    segment_id,
                    sp,
                    "term-repaired",
                    "info",
                    f"“{sp.attrs['found']}” was rendered “{_diff(old, text)}” and replaced by “{placed.form}”"
                    + "".join(f"; {change}" for change in placed.changes),
                )
            )
        # Offsets of earlier records may have moved with later repairs: locate them once more.
        final = {s.id: s for s in self.annotator.target_spans(text, spans, target_lang) if _ok(s)}
        fixed = tuple(
            _record(sp, final[sp.id], r.attrs["satisfied"]) if sp.id in final else r
            for sp, r in zip([s for s in spans if s.kind == TERM], records, strict=True)
        )
        return Enforced(text, fixed, tuple(issues))

    def relocate(
        self,
        text: str,
        source: str,
        records: Sequence[Span],
        *,
        source_lang: str,
        target_lang: str,
        segment_id: str,
    ) -> tuple[tuple[Span, ...], tuple[Issue, ...]]:
        """The records of :meth:`enforce_all` with offsets into ``text`` (the sentence with markup back).

        A term met in the plain sentence that the matcher no longer finds once inline markup is back
        (markup placed inside it, or glued to it) is recorded ``none`` with a warning, so the record
        agrees with the ``terms`` check run on the same text.
        """
        spans = self.annotator.source_spans(source, source_lang, target_lang)
        by_id = {s.id: s for s in spans}
        found = {s.id: s for s in self.annotator.target_spans(text, spans, target_lang) if _ok(s)}
        out: list[Span] = []
        issues: list[Issue] = []
        for r in records:
            if r.attrs["satisfied"] == "none":
                out.append(r)
            elif r.id in found:
                out.append(_record(r, found[r.id], r.attrs["satisfied"]))
            else:
                out.append(_blank(r, "none"))
                sp = by_id.get(r.id, r)
                issues.append(
                    _issue(
                        segment_id,
                        sp,
                        "term-not-satisfied",
                        "warning",
                        f"“{sp.attrs.get('found', r.value)}” is in the translation, but inline markup "
                        "placed inside or against it hides it: check the markup",
                    )
                )
        return tuple(out), tuple(issues)

    def _locate(self, text: str, sp: Span, rendering: str, target_lang: str) -> tuple[int, int] | None:
        """Where the engine rendered a source term in ``text``: a deprecated term, the source form
        left as is, or the window of words most like the term translated on its own."""
        for line in sp.attrs.get("forbidden", "").splitlines():
            for s in self.annotator.target_spans(text, (_with(sp, targets=line),), target_lang):
                return s.start, s.end
        words = list(_WORD_RE.finditer(text))
        for needle in (sp.attrs["found"], sp.attrs.get("matched", "")):
            hit = _exact_words(text, needle)
            if hit is not None:
                return hit
        best: tuple[float, int, int] | None = None
        for probe in (rendering, _first(sp.attrs.get("preferred", ""))):
            n = len(_WORD_RE.findall(probe))
            if not n:
                continue
            for size in range(max(1, n - 1), n + 2):
                for i in range(len(words) - size + 1):
                    a, b = words[i].start(), words[i + size - 1].end()
                    score = 100 * SequenceMatcher(None, text[a:b].lower(), probe.lower()).ratio()
                    if best is None or score > best[0] or (score == best[0] and b - a > best[2] - best[1]):
                        best = (score, a, b)
        if best is None or best[0] < 70:
            return None
        a, b = best[1], best[2]
        # Words of the source term the engine left in place beside its rendering ("cúpula do SCO").
        left_over = {w.lower() for w in _WORD_RE.findall(sp.attrs["found"])}
        for w in words:
            if w.start() == b + 1 and w.group(0).lower() in left_over:
                b = w.end()
            elif w.end() == a - 1 and w.group(0).lower() in left_over:
                a = w.start()
        # Trim edge words that belong to neither the rendering nor the term ("… Desenvolvimento foi").
        vocab = {
            w.lower()
            for p in (rendering, _first(sp.attrs.get("preferred", "")), sp.attrs["found"])
            for w in _WORD_RE.findall(p)
        }
        inside = [w for w in words if w.start() >= a and w.end() <= b]

        def kin(word: str) -> bool:
            return any(SequenceMatcher(None, word.lower(), v).ratio() >= 0.6 for v in vocab)

        while len(inside) > 1 and not kin(inside[-1].group(0)):
            inside.pop()
        while len(inside) > 1 and not kin(inside[0].group(0)):
            inside.pop(0)
        a, b = inside[0].start(), inside[-1].end()
        return a, b


def _ok(span: Span) -> bool:
    return span.attrs.get("status") in ("allowed", "dnt")


def _first(lines: str) -> str:
    return lines.splitlines()[0] if lines.strip() else ""


def _with(sp: Span, **attrs: str) -> Span:
    return Span(
        id=sp.id,
        start=sp.start,
        end=sp.end,
        kind=sp.kind,
        value=sp.value,
        attrs=frozen_map({**sp.attrs, "dnt": "", **attrs}),
    )


def _exact_words(text: str, needle: str) -> tuple[int, int] | None:
    if not needle:
        return None
    m = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text)
    return (m.start(), m.end()) if m else None


def _capitalised(term: str, text: str, at: int) -> str:
    """The term with a capital where it starts the sentence."""
    if at == 0 or not text[:at].strip(_EDGE + " "):
        return term[:1].upper() + term[1:]
    return term


def _put_term(text: str, a: int, b: int, wanted: str, sp: Span, target_lang: str) -> Placed:
    """``text`` with ``wanted`` over ``text[a:b]`` in the form the sentence needs (see
    :func:`newsl10n.glossary.agree.place_term`: Portuguese agreement, Russian case, Turkic suffixes);
    a do-not-translate term goes in as it is, with a capital where it starts the sentence."""
    if sp.attrs.get("dnt"):
        form = _capitalised(wanted, text, a)
        return Placed(text[:a] + form + text[b:], a, a + len(form), form)
    term = Term(
        text=wanted,
        lang=target_lang,
        gender=cast(Gender | None, sp.attrs.get("gender") or None),
        number=cast(Number | None, sp.attrs.get("number") or None),
    )
    return place_term(text, a, b, term, target_lang, replaced=text[a:b])


def _diff(old: str, new: str) -> str:
    """The part of ``old`` that ``new`` replaced (common prefix and suffix removed)."""
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and old[-1 - s] == new[-1 - s]:
        s += 1
    return old[p : len(old) - s].strip() or old


def _record(source: Span, target: Span, how: str) -> Span:
    return Span(
        id=source.id,
        start=target.start,
        end=target.end,
        kind=TERM,
        value=source.value,
        attrs=frozen_map({**target.attrs, "satisfied": how}),
    )


def _blank(source: Span, how: str) -> Span:
    return Span(
        id=source.id,
        start=0,
        end=0,
        kind=TERM,
        value=source.value,
        attrs=frozen_map({"status": "missing", "satisfied": how}),
    )


def _issue(segment_id: str, sp: Span, code: str, severity: str, message: str) -> Issue:
    return Issue(
        code=code,
        severity="info" if severity == "info" else "warning",
        message=message,
        segment_id=segment_id,
        attrs=frozen_map({"concept": sp.value, "source_term": sp.attrs.get("found", "")}),
    )
