"""Glossary lint: problems that make a term base ambiguous or incomplete."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Glossary
from .normalize import fold, nfc, normalise


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem in a glossary."""

    kind: str
    concept: str
    line: int | None
    message: str


def lint(glossary: Glossary) -> list[LintFinding]:
    """Duplicates, conflicting preferred targets, empty languages, ambiguous source terms."""
    out: list[LintFinding] = []
    languages = glossary.languages
    source_owner: dict[str, str] = {}
    for c in glossary.concepts:
        seen: dict[tuple[str, str], str] = {}
        for t in c.terms:
            key = (t.lang, fold(normalise(nfc(t.text))))
            if key in seen:
                kind = "duplicate-term" if seen[key] == t.status else "status-conflict"
                out.append(
                    LintFinding(
                        kind,
                        c.id,
                        c.line,
                        f"concept {c.id!r} lists {t.lang} term “{t.text}” twice ({seen[key]} and {t.status})",
                    )
                )
            seen[key] = t.status
        for lang in languages:
            preferred = c.terms_in(lang, "preferred")
            exact = [t for t in preferred if t.lang == lang]
            if len(exact) > 1:
                out.append(
                    LintFinding(
                        "conflicting-preferred",
                        c.id,
                        c.line,
                        f"concept {c.id!r} has {len(exact)} preferred {lang} terms: "
                        + ", ".join(f"“{t.text}”" for t in exact)
                        + "; make all but one admitted",
                    )
                )
            if not c.terms_in(lang) and not c.dnt:
                out.append(
                    LintFinding("empty-language", c.id, c.line, f"concept {c.id!r} has no {lang} term")
                )
        for t in c.terms_in(glossary.source_lang):
            source_key = fold(normalise(nfc(t.text)))
            if source_key in source_owner and source_owner[source_key] != c.id:
                out.append(
                    LintFinding(
                        "ambiguous-source",
                        c.id,
                        c.line,
                        f"source term “{t.text}” belongs to concepts "
                        f"{source_owner[source_key]!r} and {c.id!r}: "
                        "a match cannot tell which target is meant",
                    )
                )
            else:
                source_owner[source_key] = c.id
    return out
