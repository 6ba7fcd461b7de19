"""Glossary lint: problems that make a term base ambiguous or incomplete."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Glossary
from .normalize import fold, normalise


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem in a glossary."""

    kind: str
    concept: str
    line: int | None
    message: str

    @property
    def severity(self) -> str:
        """``info`` findings (overlapping terms) are reported without failing the lint."""
        return "info" if self.kind == "overlapping-terms" else "error"


def lint(glossary: Glossary) -> list[LintFinding]:
    """Duplicates, conflicting preferred targets, empty languages, ambiguous source terms."""
    out: list[LintFinding] = []
    languages = glossary.languages
    source_owner: dict[str, str] = {}
    for c in glossary.concepts:
        seen: dict[tuple[str, str], str] = {}
        for t in c.terms:
            key = (t.lang, fold(normalise(t.text)))
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
            source_key = fold(normalise(t.text))
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
    out.extend(_overlaps(glossary))
    return out


def _overlaps(glossary: Glossary) -> list[LintFinding]:
    """Source terms that overlap without nesting: the end of one is the start of another
    ("Shanghai Cooperation" and "Cooperation Organisation"). In "Shanghai Cooperation
    Organisation" only one of them can match, and which one depends on the text, not the glossary."""
    starts: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    terms: list[tuple[str, str, tuple[str, ...]]] = []
    for c in glossary.concepts:
        for t in c.terms_in(glossary.source_lang):
            words = tuple(fold(normalise(t.text)).split())
            terms.append((c.id, t.text, words))
            for k in range(1, min(len(words), 4)):
                starts.setdefault(words[:k], []).append((c.id, t.text))
    out = []
    for cid, text, words in terms:
        for k in range(1, min(len(words), 4)):
            for other_id, other in starts.get(words[-k:], []):
                if other_id != cid:
                    out.append(
                        LintFinding(
                            "overlapping-terms",
                            cid,
                            None,
                            f"“{text}” ends where “{other}” ({other_id!r}) begins: in running text "
                            "only one of them can match; add the combined term or reword one",
                        )
                    )
    return out
