"""The terminology check: every source term's target term present, no deprecated variant, DNT kept.

Works on bilingual units (from any file :mod:`newsl10n.formats.bilingual` reads) and on a
LocalisedDocument in memory; findings are :class:`Violation` values with the evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..formats.bilingual import BilingualUnit
from ..glossary.matcher import TermIndex, contains_term
from ..glossary.model import Glossary
from ..glossary.normalize import normalise
from ..langs import language
from ..model import Severity

KINDS = {
    "missing-term": "A source term's target term is missing",
    "forbidden-term": "The target uses a deprecated term",
    "dnt-changed": "A do-not-translate term was changed",
    "no-target-terms": "The glossary has no terms in the target language",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    """One finding; ``source_term`` is the glossary's source-language term as written there."""

    file: str
    unit: str
    line: int | None
    source_term: str
    target_lang: str
    kind: str
    severity: Severity
    message: str
    concept: str = ""
    expected: tuple[str, ...] = ()
    found: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "unit": self.unit,
            "line": self.line,
            "source_term": self.source_term,
            "target_lang": self.target_lang,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "concept": self.concept,
            "expected": list(self.expected),
            "found": self.found,
        }


@dataclass
class TerminologyChecker:
    """Checks units against one or more glossaries; indexes are built once per source language."""

    glossaries: Sequence[Glossary]
    _indexes: dict[tuple[int, str], TermIndex] = field(default_factory=dict)
    _languages: dict[int, frozenset[str]] = field(default_factory=dict)

    def covers(self, g: int, lang: str) -> bool:
        """True when glossary ``g`` has terms in ``lang`` (on the primary subtag)."""
        if g not in self._languages:
            self._languages[g] = frozenset(language(x) for x in self.glossaries[g].languages)
        return language(lang) in self._languages[g]

    def index(self, g: int, source_lang: str) -> TermIndex:
        key = (g, language(source_lang))
        if key not in self._indexes:
            self._indexes[key] = TermIndex(self.glossaries[g], source_lang)
        return self._indexes[key]

    def check_units(self, units: Iterable[BilingualUnit]) -> list[Violation]:
        """Check every unit; a glossary with nothing for a file's target language is a warning."""
        out: list[Violation] = []
        warned: set[tuple[str, str, int]] = set()
        for unit in units:
            if not unit.target.strip():
                continue  # untranslated: nothing to check yet
            for g, glossary in enumerate(self.glossaries):
                if not self.covers(g, unit.target_lang):
                    if (unit.file, unit.target_lang, g) not in warned:
                        warned.add((unit.file, unit.target_lang, g))
                        out.append(
                            Violation(
                                file=unit.file,
                                unit="",
                                line=None,
                                source_term="",
                                target_lang=unit.target_lang,
                                kind="no-target-terms",
                                severity="warning",
                                message=f"glossary {glossary.path or '#' + str(g + 1)} has no terms in "
                                f"{unit.target_lang!r}: its terms were not checked in this file",
                            )
                        )
                    continue
                out.extend(self.check_pair(unit, g))
        return out

    def check_pair(self, unit: BilingualUnit, g: int = 0) -> list[Violation]:
        """Check one source/target pair against glossary ``g``."""
        glossary = self.glossaries[g]
        hits = self.index(g, unit.source_lang).find(unit.source)
        if not hits:
            return []
        target_norm = normalise(unit.target)
        tgt = unit.target_lang
        out: list[Violation] = []
        seen: set[str] = set()
        for hit in hits:
            concept = hit.concept
            if concept.id in seen:
                continue
            seen.add(concept.id)
            preferred_src = concept.terms_in(glossary.source_lang, "preferred") or concept.terms_in(
                glossary.source_lang
            )
            source_term = preferred_src[0].text if preferred_src else hit.term.text
            found_text = unit.source[hit.start : hit.end]

            if concept.dnt:
                if contains_term(target_norm, hit.term, tgt, inflected=False) is None:
                    out.append(
                        _violation(
                            unit,
                            concept.id,
                            source_term,
                            "dnt-changed",
                            f"“{found_text}” must not be translated, "
                            f"but the {tgt} target does not contain it",
                            (hit.term.text,),
                        )
                    )
                continue
            allowed = concept.terms_in(tgt, "preferred", "admitted")
            forbidden = concept.terms_in(tgt, "deprecated")
            if allowed and not any(contains_term(target_norm, t, tgt) for t in allowed):
                wanted = tuple(t.text for t in allowed)
                out.append(
                    _violation(
                        unit,
                        concept.id,
                        source_term,
                        "missing-term",
                        f"source has “{found_text}” but the {tgt} target has none of "
                        + ", ".join(f"“{w}”" for w in wanted),
                        wanted,
                    )
                )
            for t in forbidden:
                span = contains_term(target_norm, t, tgt)
                if span:
                    used = unit.target[span[0] : span[1]]
                    wanted = tuple(x.text for x in concept.terms_in(tgt, "preferred"))
                    use = f"; use “{wanted[0]}”" if wanted else ""
                    out.append(
                        _violation(
                            unit,
                            concept.id,
                            source_term,
                            "forbidden-term",
                            f"the {tgt} target uses deprecated “{used}” for “{source_term}”{use}",
                            wanted,
                            used,
                        )
                    )
        return out


def _violation(
    unit: BilingualUnit,
    concept: str,
    source_term: str,
    kind: str,
    message: str,
    expected: tuple[str, ...] = (),
    found: str = "",
) -> Violation:
    return Violation(
        file=unit.file,
        unit=unit.unit,
        line=unit.line,
        source_term=source_term,
        target_lang=unit.target_lang,
        kind=kind,
        severity="error",
        message=message,
        concept=concept,
        expected=expected,
        found=found,
    )
