"""Term spans: glossary hits attached to a source text, and their counterparts found in a translation.

The glossary stage annotates; checks and enforcement read the spans and never import this
package. A source term span (``kind="term"``, ``value`` the concept id) carries in ``attrs``:

- ``source_term``: the glossary's preferred source term; ``found``: the text as it appears;
- ``dnt``: ``"1"`` for a do-not-translate term, else ``""``;
- ``targets``: the allowed (preferred and admitted) target terms, one per line;
- ``preferred``: the preferred target terms, one per line; ``forbidden``: the deprecated ones;
- ``glossary``: which glossary (its path, or ``#n``);
- ``matched``: the glossary's source term that matched; ``case_sensitive``: ``"1"`` if it is;
- ``options``: the glossary's matching options (``meta["match-options"]``, e.g. ``hi-nasal``;
  see :mod:`newsl10n.glossary.normalize`), absent when none.

A target span has the ``id`` of the source span it answers, ``attrs["status"]`` ``allowed``,
``dnt`` (the do-not-translate term kept) or ``forbidden`` (a deprecated term used), and
``attrs["found"]``, the target text it covers. Its offsets index the translation as given, even
where matching normalised it to a different length (ZWNJ dropped, NFC, Arabic letters unified).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..errors import ConfigError
from ..langs import language
from ..model import Span, frozen_map
from .inflect import NO_SPACES, Match, compile_term, find_all, find_compact
from .matcher import TermIndex, contains_term
from .model import Concept, Glossary, Term
from .normalize import OPTIONS, Normalised, normalise_text, parse_options

TERM = "term"
"""The span kind of glossary hits."""


def _lines(terms: Sequence[Term]) -> str:
    return "\n".join(t.text for t in terms)


_SOURCE_MEMO = 4096  # sentences whose source spans a TermAnnotator keeps


class TermAnnotator:
    """Annotates texts with the terms of one or more glossaries; indexes are built once per language."""

    def __init__(self, glossaries: Sequence[Glossary], *, options: Collection[str] = ()) -> None:
        unknown = sorted(set(options) - OPTIONS)
        if unknown:
            raise ConfigError(
                f"unknown matching option {unknown[0]!r} (available: {', '.join(sorted(OPTIONS))})"
            )
        self.options = frozenset(options)
        self.glossaries = tuple(glossaries)
        self._indexes: dict[tuple[int, str], TermIndex] = {}
        self._attrs: dict[tuple[int, str, str], dict[str, str]] = {}
        self._source_memo: dict[tuple[str, str, str], tuple[Span, ...]] = {}
        self._languages = [frozenset(language(x) for x in g.languages) for g in self.glossaries]

    def missing_languages(self, target_lang: str) -> list[Glossary]:
        """The glossaries that have no terms at all in ``target_lang`` (their terms cannot be checked)."""
        lang = language(target_lang)
        return [g for g, langs in zip(self.glossaries, self._languages, strict=True) if lang not in langs]

    def glossary_terms(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """``(start, end, concept id)`` of every glossary term of ``lang`` written in ``text``, of any
        concept (longest match first where terms nest): what a text already names."""
        found: list[tuple[int, int, str]] = []
        for g in range(len(self.glossaries)):
            if language(lang) not in self._languages[g]:
                continue
            found += [(h.start, h.end, h.concept.id) for h in self._index(g, lang).find(text)]
        return found

    def _index(self, g: int, source_lang: str) -> TermIndex:
        key = (g, language(source_lang))
        if key not in self._indexes:
            self._indexes[key] = TermIndex(self.glossaries[g], source_lang)
        return self._indexes[key]

    def _concept_attrs(self, g: int, concept: Concept, lang: str, target_lang: str) -> dict[str, str]:
        """The attributes of a concept's spans that do not depend on the hit; once per language."""
        key = (g, concept.id, lang)
        if key not in self._attrs:
            glossary = self.glossaries[g]
            preferred_src = concept.terms_in(glossary.source_lang, "preferred") or concept.terms_in(
                glossary.source_lang
            )
            allowed = concept.terms_in(target_lang, "preferred") or concept.terms_in(
                target_lang, "preferred", "admitted"
            )
            attrs = {
                "source_term": preferred_src[0].text if preferred_src else "",
                # grammar of the target term enforcement inserts (the first preferred one)
                "gender": (allowed[0].gender or "") if allowed else "",
                "number": (allowed[0].number or "") if allowed else "",
                "dnt": "1" if concept.dnt else "",
                "targets": _lines(concept.terms_in(target_lang, "preferred", "admitted")),
                "preferred": _lines(concept.terms_in(target_lang, "preferred")),
                "forbidden": _lines(concept.terms_in(target_lang, "deprecated")),
                "glossary": glossary.path or f"#{g + 1}",
            }
            if glossary.meta.get("match-options"):
                attrs["options"] = ",".join(sorted(parse_options(glossary.meta["match-options"])))
            self._attrs[key] = attrs
        return self._attrs[key]

    def source_spans(self, text: str, source_lang: str, target_lang: str) -> tuple[Span, ...]:
        """Term spans over ``text`` (one per concept and glossary, first occurrence), in text order.

        The spans are immutable and depend only on the arguments, so each sentence is matched once
        however many stages ask (the check, the choice of what an enforcement method translates,
        enforcement itself, relocation after markup returns): the last few thousand are kept."""
        key = (text, source_lang, target_lang)
        found = self._source_memo.get(key)
        if found is None:
            found = self._source_spans(text, source_lang, target_lang)
            if len(self._source_memo) >= _SOURCE_MEMO:
                self._source_memo.clear()
            self._source_memo[key] = found
        return found

    def _source_spans(self, text: str, source_lang: str, target_lang: str) -> tuple[Span, ...]:
        spans: list[Span] = []
        lang = language(target_lang)
        for g in range(len(self.glossaries)):
            if lang not in self._languages[g]:
                continue
            seen: set[str] = set()
            for hit in self._index(g, source_lang).find(text):
                concept = hit.concept
                if concept.id in seen:
                    continue
                seen.add(concept.id)
                attrs = {
                    **self._concept_attrs(g, concept, lang, target_lang),
                    "found": text[hit.start : hit.end],
                    "matched": hit.term.text,
                    "case_sensitive": "1" if hit.term.is_case_sensitive else "",
                }
                if not attrs["source_term"]:
                    attrs["source_term"] = hit.term.text
                spans.append(
                    Span(
                        id="",
                        start=hit.start,
                        end=hit.end,
                        kind=TERM,
                        value=concept.id,
                        attrs=frozen_map(attrs),
                    )
                )
        spans.sort(key=lambda s: (s.start, s.end))
        return tuple(
            Span(id=f"t{i}", start=s.start, end=s.end, kind=s.kind, value=s.value, attrs=s.attrs)
            for i, s in enumerate(spans, 1)
        )

    def target_spans(self, text: str, source: Sequence[Span], target_lang: str) -> tuple[Span, ...]:
        """Where the translation ``text`` renders (or violates) each source term span.

        Offsets index ``text`` as given, whatever normalisation changed for matching. A deprecated
        term is reported only where its own form is what the text has: where an allowed term
        matches the same words just as well (a deprecated variant that inflects like the
        preferred one), the allowed term is what matched.
        """
        lang = language(target_lang)
        out: list[Span] = []
        norms: dict[frozenset[str], Normalised] = {}
        found_allowed: list[tuple[Span, Normalised, frozenset[str], list[Match]]] = []
        for sp in source:
            if sp.kind != TERM:
                continue
            options = self.options | parse_options(sp.attrs.get("options", ""))
            if options not in norms:
                norms[options] = normalise_text(text, options)
            norm = norms[options]
            case_sensitive = bool(sp.attrs.get("case_sensitive"))
            if sp.attrs.get("dnt"):
                term = Term(lang=target_lang, text=sp.attrs["matched"], case_sensitive=case_sensitive)
                found = contains_term(norm.text, term, target_lang, inflected=False)
                if found:
                    out.append(_target(sp, norm.original(*found), "dnt", text))
                continue
            allowed: list[Match] = []
            for line in sp.attrs.get("targets", "").splitlines():
                allowed.extend(find_matches(norm.text, line, lang, options))
            found_allowed.append((sp, norm, options, allowed))
        # A target term inside a longer target term of another source term is that term's words,
        # not a rendering of its own ("ministro das Relações Exteriores" inside "Conselho de
        # Ministros das Relações Exteriores" does not answer a separate "foreign minister").
        at = [[norm.original(m.start, m.end) for m in allowed] for _sp, norm, _o, allowed in found_allowed]
        claims = [
            (entry[0].id, where) for entry, spots in zip(found_allowed, at, strict=True) for where in spots
        ]
        for (sp, norm, options, allowed), spots in zip(found_allowed, at, strict=True):
            own = [
                (m, (x, y))
                for m, (x, y) in zip(allowed, spots, strict=True)
                if not any(other != sp.id and a <= x and y <= b and b - a > y - x for other, (a, b) in claims)
            ]
            if own:
                _first, where = min(own, key=lambda pair: (pair[0].start, -pair[0].end))
                out.append(_target(sp, where, "allowed", text))
            for line in sp.attrs.get("forbidden", "").splitlines():
                for m in find_matches(norm.text, line, lang, options):
                    if not any(_explains(a, m) for a in allowed):
                        out.append(_target(sp, norm.original(m.start, m.end), "forbidden", text))
                        break
        out.sort(key=lambda s: (s.start, s.end))
        return tuple(out)


def _explains(allowed: Match, forbidden: Match) -> bool:
    """True when an allowed match accounts for the words a deprecated term matched: they overlap,
    the deprecated match is not longer on both sides, and it is not an exact form where the
    allowed one is only an inflection."""
    if allowed.end <= forbidden.start or forbidden.end <= allowed.start:
        return False
    if (
        forbidden.start <= allowed.start
        and forbidden.end >= allowed.end
        and (forbidden.end - forbidden.start > allowed.end - allowed.start)
    ):
        return False  # "саммит ШОС" deprecated around an allowed "ШОС"
    return not (forbidden.exact and not allowed.exact)


def find_matches(norm: str, term: str, lang: str, options: frozenset[str] = frozenset()) -> list[Match]:
    """Every match of a target term (any inflection) in a normalised text of ``lang``."""
    is_cs = Term(lang=lang, text=term).is_case_sensitive  # cached by text
    if lang in NO_SPACES:
        return find_compact(norm, term, is_cs, options)
    return find_all(norm, compile_term(term, lang, is_cs, options))


def _target(source: Span, where: tuple[int, int], status: str, text: str) -> Span:
    return Span(
        id=source.id,
        start=where[0],
        end=where[1],
        kind=TERM,
        value=source.value,
        attrs=frozen_map({"status": status, "found": text[where[0] : where[1]]}),
    )
