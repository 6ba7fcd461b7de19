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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import cast

from .enforce_methods import METHODS, Attempt, attempt, method_for
from .enforce_methods import wanted as wanted_term
from .glossary.agree import Placed, agreeing_form, place_term
from .glossary.annotate import TERM, TermAnnotator
from .glossary.inflect import compile_term, find_all
from .glossary.model import Gender, Glossary, Number, Term
from .model import PLACEHOLDER_RE, Issue, Span, frozen_map
from .mt.base import Engine

_HOW = {
    "nbest": "choosing an n-best hypothesis that has it",
    "constraint": "constrained decoding",
    "placeholder": "a placeholder the engine carried",
}
_WORD_RE = re.compile(r"[\w][\w\-]*")
# Similarity points a window loses per word it has more or fewer than the rendering it is compared
# with: the engine renders a term in context with about as many words as on its own.
_SIZE_PENALTY = 4.0
# How many words away a source word left untranslated marks a split rendering.
_SPLIT_REACH = 5
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
            self._enforce_one(sid, tgt, spans, rendered, target_lang, a, source_lang=source_lang, source=src)
            for (sid, src, _tgt), tgt, spans, a in zip(pairs, texts, sources, tried, strict=True)
        ]

    def _enforce_one(
        self,
        segment_id: str,
        text: str,
        spans: tuple[Span, ...],
        rendered: dict[str, str],
        target_lang: str,
        tried: Attempt | None = None,
        *,
        source_lang: str = "",
        source: str = "",
    ) -> Enforced:
        records: list[Span] = []
        how = tried.how if tried is not None and tried.text is not None else {}
        # Longer terms first: once "Conselho de Ministros das Relações Exteriores" is in place, its
        # words are taken, and a separate "foreign minister" is looked for elsewhere. Records and
        # Issues (kept per term) come back in source order.
        terms = [sp for sp in spans if sp.kind == TERM]
        order = sorted(terms, key=lambda sp: (-len(sp.attrs.get("found", "")), sp.start))
        by_term: dict[str, list[Issue]] = {sp.id: [] for sp in terms}
        for sp in order:
            issues = by_term[sp.id]
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
            on_text = [s for s in self.annotator.target_spans(text, spans, target_lang) if _ok(s)]
            current = {s.id: s for s in on_text}
            if sp.id in current:
                satisfied = how.get(sp.id, "model")
                hit = current[sp.id]
                old_found = text[hit.start : hit.end]
                if not sp.attrs.get("dnt"):
                    agreeing = agreeing_form(
                        old_found, _first(sp.attrs.get("preferred", "")), target_lang, _source_number(sp)
                    )
                    capitals = _capitals(agreeing or old_found, sp)
                    form = capitals or agreeing
                    if form is not None:
                        text = text[: hit.start] + form + text[hit.end :]
                        issues.append(
                            _issue(
                                segment_id,
                                sp,
                                "term-agreement-restored" if agreeing else "term-case-restored",
                                "info",
                                f"“{old_found}” was made plural throughout, as in the source: “{form}”"
                                if agreeing
                                else f"“{old_found}” was given the glossary's capitals: “{form}”",
                            )
                        )
                records.append(_record(sp, hit, satisfied))
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
            taken = [(s.start, s.end) for s in on_text if s.id != sp.id]
            where, split = self._locate(text, sp, rendered.get(sp.attrs["found"], ""), target_lang, taken)
            repaired = None
            if where is not None:
                a, b = where
                placed = _put_term(text, a, b, wanted, sp, target_lang)
                candidate = placed.text
                if not PLACEHOLDER_RE.search(candidate) or PLACEHOLDER_RE.search(text):
                    found = {
                        s.id: s for s in self.annotator.target_spans(candidate, spans, target_lang) if _ok(s)
                    }
                    if sp.id in found:
                        repaired = candidate, found[sp.id]
            if repaired is None:
                parts: list[str] = []
                if source_lang and split is not None:
                    # Which occurrence of a nested term's source form is this term's: as many come
                    # before it in the source as in the translation ("The SCO said … SCO summit").
                    text, parts, part_issues = self._repair_parts(
                        segment_id, text, sp, spans, source_lang, target_lang, split, source[: sp.start]
                    )
                    issues.extend(part_issues)
                records.append(_blank(sp, "none"))
                issues.append(
                    _issue(
                        segment_id,
                        sp,
                        "term-not-satisfied",
                        "warning",
                        f"the translation of “{sp.attrs['found']}” could not be made “{wanted}”"
                        + (f" (the terms inside it were: {', '.join(parts)})" if parts else "")
                        + ": check it",
                    )
                )
                continue
            old = text
            text, target_span = repaired
            records.append(_record(sp, target_span, "repair"))
            rendered_as = f"“{sp.attrs['found']}” was rendered “{old[a:b]}”"
            issues.append(_repaired(segment_id, sp, rendered_as, placed))
        text = self._repair_leftovers(segment_id, text, terms, target_lang, by_term)
        # Offsets of earlier records may have moved with later repairs: locate them once more.
        final = {s.id: s for s in self.annotator.target_spans(text, spans, target_lang) if _ok(s)}
        by_id = {sp.id: r for sp, r in zip(order, records, strict=True)}
        fixed = tuple(
            _record(sp, final[sp.id], by_id[sp.id].attrs["satisfied"]) if sp.id in final else by_id[sp.id]
            for sp in terms
        )
        return Enforced(text, fixed, tuple(i for sp in terms for i in by_term[sp.id]))

    def _repair_leftovers(
        self,
        segment_id: str,
        text: str,
        terms: Sequence[Span],
        target_lang: str,
        by_term: dict[str, list[Issue]],
    ) -> str:
        """Acronyms and other name-like source forms ("SCO") still standing untranslated after the
        repairs: further occurrences of a term whose first occurrence is already right ("O SCO disse
        … da OCX"), which the one-record-per-term accounting would not see. Each is replaced by
        the term, with agreement, outside every allowed term of the sentence; an info Issue for
        each goes to ``by_term``."""
        for sp in terms:
            form, wanted = sp.attrs.get("found", ""), wanted_term(sp)
            allowed = sp.attrs.get("targets", "").splitlines()
            if sp.attrs.get("dnt") or not wanted or not any(c.isupper() for c in form[1:]) or form in allowed:
                continue
            for _ in range(8):  # a sentence names a term a few times at most
                covered = [
                    (s.start, s.end) for s in self.annotator.target_spans(text, terms, target_lang) if _ok(s)
                ]
                hit = next(
                    (
                        (m.start(), m.end())
                        for m in _words_re(form).finditer(text)
                        if not _overlaps(m.start(), m.end(), covered)
                    ),
                    None,
                )
                if hit is None:
                    break
                placed = _put_term(text, hit[0], hit[1], wanted, sp, target_lang)
                if PLACEHOLDER_RE.search(placed.text) and not PLACEHOLDER_RE.search(text):
                    break
                by_term[sp.id].append(
                    _repaired(segment_id, sp, f"another “{form}” was left untranslated", placed)
                )
                text = placed.text
        return text

    def _repair_parts(
        self,
        segment_id: str,
        text: str,
        sp: Span,
        spans: Sequence[Span],
        source_lang: str,
        target_lang: str,
        region: tuple[int, int, int, int],
        before: str = "",
    ) -> tuple[str, list[str], list[Issue]]:
        """Repair the glossary terms nested in a term that could not be repaired whole (its
        rendering is split: "a cúpula de dois dias do SCO" for "SCO summit" gets "da OCX"), where
        the engine left their source form or a deprecated term inside ``region`` (the split
        rendering and the words around it; nothing elsewhere in the sentence is touched). Returns
        the text, the terms placed and an info Issue for each."""
        words = sp.attrs["found"].split()
        inner: list[Span] = []
        taken: list[tuple[int, int]] = []
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                if _overlaps(i, i + size, taken):
                    continue
                sub = " ".join(words[i : i + size])
                for part in self.annotator.source_spans(sub, source_lang, target_lang):
                    if (part.start, part.end) == (0, len(sub)) and part.value != sp.value:
                        inner.append(
                            Span(
                                id=f"{sp.id}.{len(inner) + 1}",
                                start=part.start,
                                end=part.end,
                                kind=part.kind,
                                value=part.value,
                                attrs=part.attrs,
                            )
                        )
                        taken.append((i, i + size))
        placed_terms: list[str] = []
        issues: list[Issue] = []
        for part in inner:
            wanted = wanted_term(part)
            # Against every term of the sentence: "OCX" inside "Banco de Desenvolvimento da OCX" is
            # that term's, and does not answer the "SCO" of "SCO summit".
            lo, hi = region[0], region[1]
            found = [s for s in self.annotator.target_spans(text, (*spans, part), target_lang) if _ok(s)]
            others = {(s.start, s.end) for s in found if s.id != part.id}
            if not wanted or any(
                s.id == part.id and lo <= s.start and s.end <= hi and (s.start, s.end) not in others
                for s in found
            ):
                continue
            where = self._locate_left(text, part, target_lang, region, before)
            if where is None:
                continue
            a, b = where
            placed = _put_term(text, a, b, wanted, part, target_lang)
            if PLACEHOLDER_RE.search(placed.text) and not PLACEHOLDER_RE.search(text):
                continue
            if not any(
                s.id == part.id
                for s in self.annotator.target_spans(placed.text, (*spans, part), target_lang)
                if _ok(s)
            ):
                continue
            issues.append(
                _repaired(
                    segment_id,
                    part,
                    f"“{part.attrs['found']}” (inside “{sp.attrs['found']}”) was rendered “{text[a:b]}”",
                    placed,
                )
            )
            shift = len(placed.text) - len(text)
            region = (lo, hi + shift, region[2], region[3] + (shift if a < region[2] else 0))
            text = placed.text
            placed_terms.append(placed.form)
        return text, placed_terms, issues

    def _locate_left(
        self,
        text: str,
        sp: Span,
        target_lang: str,
        region: tuple[int, int, int, int] | None = None,
        before: str = "",
    ) -> tuple[int, int] | None:
        """A deprecated target term, or the source form left as it is: the renderings of a term
        that can be told without the engine. ``region`` is ``(start, end, window start, window
        end)`` of a split rendering: only there, nearest to the window."""
        lo, hi = (region[0], region[1]) if region is not None else (0, len(text))
        for line in sp.attrs.get("forbidden", "").splitlines():
            for s in self.annotator.target_spans(text, (_with(sp, targets=line),), target_lang):
                if lo <= s.start and s.end <= hi:
                    return s.start, s.end
        for needle in (sp.attrs["found"], sp.attrs.get("matched", "")):
            if region is None:
                hit = _exact_words(text, needle)
                if hit is not None:
                    return hit
                continue
            if not needle:
                continue
            # Within a split rendering, the occurrence with as many before it as the source has
            # before the term ("O SCO disse … do SCO" for "The SCO said … SCO summit"), else the
            # one nearest to the window.
            pattern = _words_re(needle)
            every = [(m.start(), m.end()) for m in pattern.finditer(text)]
            k = len(pattern.findall(before))
            if k < len(every) and lo <= every[k][0] and every[k][1] <= hi:
                return every[k]
            hits = [h for h in every if lo <= h[0] and h[1] <= hi]
            if hits:
                middle = (region[2] + region[3]) / 2
                return min(hits, key=lambda h: abs((h[0] + h[1]) / 2 - middle))
        return None

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

    def _locate(
        self,
        text: str,
        sp: Span,
        rendering: str,
        target_lang: str,
        taken: Sequence[tuple[int, int]] = (),
    ) -> tuple[tuple[int, int] | None, tuple[int, int, int, int] | None]:
        """Where the engine rendered a source term in ``text``: a deprecated term, the source form
        left as is, or the window of words most like the term translated on its own. Words inside
        ``taken`` (other terms' renderings, already right) are never part of a window.

        Returns ``(window, split)``: the window to replace, or None; and where the engine split the
        term (the window and the words around it) when that is why there is no window."""
        left = self._locate_left(text, sp, target_lang)
        if left is not None:
            return left, None
        words = list(_WORD_RE.finditer(text))

        def free(a: int, b: int) -> bool:
            return not _overlaps(a, b, taken)

        best: tuple[float, int, int, int] | None = None
        for probe in (rendering, _first(sp.attrs.get("preferred", ""))):
            n = len(_WORD_RE.findall(probe))
            if not n:
                continue
            matcher = SequenceMatcher(None, "", probe.lower())  # the probe is indexed once
            for size in range(max(1, n - 1), n + 2):
                penalty = _SIZE_PENALTY * abs(size - n)
                for i in range(len(words) - size + 1):
                    a, b = words[i].start(), words[i + size - 1].end()
                    if not free(a, b):
                        continue
                    # real_quick_ratio and quick_ratio bound ratio from above: a window that cannot
                    # reach the threshold or the best so far is not compared in full (same result).
                    floor = 70 if best is None else max(70, best[0])
                    matcher.set_seq1(text[a:b].lower())
                    if 100 * matcher.real_quick_ratio() - penalty < floor:
                        continue
                    if 100 * matcher.quick_ratio() - penalty < floor:
                        continue
                    score = 100 * matcher.ratio() - penalty
                    if best is None or score > best[0] or (score == best[0] and b - a > best[2] - best[1]):
                        best = (score, a, b, n)
        if best is None or best[0] < 70:
            other_terms = [
                (a, b)
                for a, b, concept in self.annotator.glossary_terms(text, target_lang)
                if concept != sp.value
            ]

            def unclaimed(a: int, b: int) -> bool:
                return free(a, b) and not _overlaps(a, b, other_terms)

            return _same_shape(words, _first(sp.attrs.get("preferred", "")), target_lang, unclaimed), None
        a, b, size_of_rendering = best[1], best[2], best[3]
        # Words of the source term the engine left in place beside its rendering ("cúpula do SCO").
        left_over = {w.lower() for w in _WORD_RE.findall(sp.attrs["found"])}
        for w in words:
            if not free(w.start(), w.end()):
                continue
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
            low = word.lower()
            if len(low) < 3:  # a short word ("e", "de") only where the term or rendering has it
                return low in vocab
            return any(SequenceMatcher(None, low, v).ratio() >= 0.6 for v in vocab)

        # Never below the rendering's own length: an unlike word inside that count is the engine's
        # word for a part of the term ("idioma" in "modelos de grande idioma").
        least = max(1, size_of_rendering)
        while len(inside) > least and not kin(inside[-1].group(0)):
            inside.pop()
        while len(inside) > least and not kin(inside[0].group(0)):
            inside.pop(0)
        # A term neither starts nor ends with an article or preposition ("o Conselho de Ministros"):
        # those stay in the sentence, where place_term makes them agree.
        preferred = _WORD_RE.findall(_first(sp.attrs.get("preferred", ""))) or [""]
        while (
            len(inside) > 1 and _is_function_word(inside[0].group(0)) and inside[0].group(0) != preferred[0]
        ):
            inside.pop(0)
        while (
            len(inside) > 1
            and _is_function_word(inside[-1].group(0))
            and inside[-1].group(0) != preferred[-1]
        ):
            inside.pop()
        # Nor does a window stop inside a run of capitalised words: "Conselho de Ministros dos
        # Negócios | Estrangeiros" takes the name's last word too.
        following = [w for w in words if w.start() > inside[-1].end()]
        while (
            following
            and inside[-1].group(0)[:1].isupper()
            and following[0].group(0)[:1].isupper()
            and text[inside[-1].end() : following[0].start()] == " "
            and free(following[0].start(), following[0].end())
        ):
            inside.append(following.pop(0))
        a, b = inside[0].start(), inside[-1].end()
        # The rendering is split when a source word of the term the engine left as it is ("SCO")
        # stands a few words away ("a cúpula de dois dias do SCO"): replacing the window would put
        # the term in twice. Give up on the whole; the terms inside it are repaired on their own.
        # Only name-like source words count (a capital: "SCO", "Astana"): a common word of the
        # source may well be a word of the target language too ("data" in "numa data posterior").
        kept = {w.lower() for w in _WORD_RE.findall(_first(sp.attrs.get("preferred", "")))}
        source_words = {
            w
            for w in _WORD_RE.findall(sp.attrs["found"])
            if w.lower() not in kept and any(c.isupper() for c in w[1:])
        }
        at = next(i for i, w in enumerate(words) if w.start() == a)
        until = next(i for i, w in enumerate(words) if w.end() == b)
        near = words[max(0, at - _SPLIT_REACH) : at] + words[until + 1 : until + 1 + _SPLIT_REACH]
        if any(w.group(0) in source_words for w in near):
            first = words[max(0, at - _SPLIT_REACH)].start()
            last = words[min(len(words) - 1, until + _SPLIT_REACH)].end()
            return None, (first, last, a, b)
        return (a, b), None


def _capitals(found: str, sp: Span) -> str | None:
    """``found`` (an allowed term as the engine wrote it) with the capitals of the glossary's term
    where the engine wrote a word in lower case ("a índia" → "a Índia", "estados observadores" →
    "Estados observadores"); None when nothing needs changing. Only a lower-case initial is raised,
    and only in a word that starts with the term word's letter: inflection stays the engine's."""
    words = found.split(" ")
    for line in sp.attrs.get("targets", "").splitlines():
        term = line.split(" ")
        if len(term) != len(words):
            continue
        out = []
        for w, t in zip(words, term, strict=True):
            w_parts, t_parts = w.split("-"), t.split("-")
            if len(w_parts) != len(t_parts):
                w_parts, t_parts = [w], [t]
            out.append(
                "-".join(
                    p[:1].upper() + p[1:]
                    if q[:1].isupper() and p[:1].islower() and p[:1] == q[:1].lower()
                    else p
                    for p, q in zip(w_parts, t_parts, strict=True)
                )
            )
        fixed = " ".join(out)
        return fixed if fixed != found else None
    return None


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``[a, b)`` overlaps any of ``spans``."""
    return any(x < b and a < y for x, y in spans)


def _is_function_word(word: str) -> bool:
    """A short article or preposition, also with a capital at the start of a sentence ("Os", "De");
    never an acronym ("ONU", "IA")."""
    if len(word) == 1:
        return word.isalpha()
    return len(word) <= 3 and word[1:].islower()


def _same_shape(
    words: list[re.Match[str]], term: str, target_lang: str, free: Callable[[int, int], bool]
) -> tuple[int, int] | None:
    """A window that is another rendering of a multi-word term with the same head: it starts with
    the term's first word (any inflection of it), has as many words, short function words where the
    term has them and capitals where it has them ("ministro dos Negócios Estrangeiros" for
    "ministro das Relações Exteriores", "Ministério dos Negócios Estrangeiros" for "Ministério das
    Relações Exteriores"). Only one such window may exist in the sentence; else None."""
    parts = _WORD_RE.findall(term)
    if len(parts) < 3 or len(parts[0]) < 4:
        return None
    head = compile_term(parts[0], target_lang.split("-")[0].lower(), False)
    hits: list[tuple[int, int]] = []
    for i in range(len(words) - len(parts) + 1):
        window = [w.group(0) for w in words[i : i + len(parts)]]
        if not find_all(window[0], head):
            continue
        if all(
            _is_function_word(w) == _is_function_word(t) and w[:1].isupper() == t[:1].isupper()
            for w, t in zip(window[1:], parts[1:], strict=True)
        ):
            a, b = words[i].start(), words[i + len(parts) - 1].end()
            if free(a, b):
                hits.append((a, b))
    return hits[0] if len(hits) == 1 else None


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


def _words_re(needle: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")


def _exact_words(text: str, needle: str) -> tuple[int, int] | None:
    if not needle:
        return None
    m = _words_re(needle).search(text)
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
    return place_term(text, a, b, term, target_lang, replaced=text[a:b], number=_source_number(sp))


def _source_number(sp: Span) -> Number | None:
    """``"plural"`` where the source term appears in the English plural the glossary matcher adds
    to a term (``found`` is ``matched`` plus -s or -es: "dialogue partners" for "dialogue
    partner"), ``"singular"`` where it appears as the glossary has it, else None (the term keeps
    its own number)."""
    found = " ".join(sp.attrs.get("found", "").lower().split())
    matched = " ".join(sp.attrs.get("matched", "").lower().split())
    if not found:
        return None
    if found == matched:
        return "singular"
    if matched[-1:].isalpha() and found in (matched + "s", matched + "es"):
        return "plural"
    return None


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


def _repaired(segment_id: str, sp: Span, what: str, placed: Placed) -> Issue:
    """The ``term-repaired`` info Issue: what the engine wrote, what replaced it, what else changed."""
    changes = "".join(f"; {change}" for change in placed.changes)
    return _issue(segment_id, sp, "term-repaired", "info", f"{what} and replaced by “{placed.form}”{changes}")


def _issue(segment_id: str, sp: Span, code: str, severity: str, message: str) -> Issue:
    return Issue(
        code=code,
        severity="info" if severity == "info" else "warning",
        message=message,
        segment_id=segment_id,
        attrs=frozen_map({"concept": sp.value, "source_term": sp.attrs.get("found", "")}),
    )
