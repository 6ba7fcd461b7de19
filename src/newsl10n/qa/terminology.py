"""The terminology check: each source term rendered by an allowed target term, none deprecated, DNT kept.

It reads the term spans that the glossary stage attached to the source segment and to its
translation (see the span contract in :mod:`newsl10n.glossary.annotate`); it does not match text
itself, so it never imports the glossary package.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Issue, Segment, Span, Translation, frozen_map
from .base import CheckContext

TERM = "term"

KINDS = {
    "missing-term": "A source term's target term is missing",
    "forbidden-term": "The target uses a deprecated term",
    "dnt-changed": "A do-not-translate term was changed",
    "no-target-terms": "The glossary has no terms in the target language",
}


def _quoted(lines: str) -> str:
    return ", ".join(f"“{w}”" for w in lines.splitlines())


def check_terms(segment: Segment, translation: Translation, context: CheckContext) -> Iterator[Issue]:
    """Glossary terms: preferred target terms used, deprecated ones avoided, do-not-translate terms kept."""
    if not translation.text.strip():
        return  # untranslated: nothing to check yet
    answers: dict[str, list[Span]] = {}
    for sp in translation.spans:
        if sp.kind == TERM:
            answers.setdefault(sp.id, []).append(sp)
    tgt = context.target_lang
    for sp in segment.spans:
        if sp.kind != TERM:
            continue
        found = sp.attrs.get("found", "")
        statuses = {a.attrs.get("status") for a in answers.get(sp.id, ())}
        base = {"concept": sp.value, "source_term": sp.attrs.get("source_term", found)}
        if sp.attrs.get("dnt"):
            if "dnt" not in statuses:
                yield _issue(
                    segment,
                    "dnt-changed",
                    f"“{found}” must not be translated, but the {tgt} target does not contain it",
                    {**base, "expected": sp.attrs.get("matched", found)},
                )
            continue
        targets = sp.attrs.get("targets", "")
        if targets and "allowed" not in statuses:
            yield _issue(
                segment,
                "missing-term",
                f"source has “{found}” but the {tgt} target has none of {_quoted(targets)}",
                {**base, "expected": targets},
            )
        preferred = sp.attrs.get("preferred", "").splitlines()
        use = f"; use “{preferred[0]}”" if preferred else ""
        for a in answers.get(sp.id, ()):
            if a.attrs.get("status") == "forbidden":
                used = a.attrs.get("found", "")
                yield _issue(
                    segment,
                    "forbidden-term",
                    f"the {tgt} target uses deprecated “{used}” for “{base['source_term']}”{use}",
                    {**base, "expected": "\n".join(preferred), "found": used},
                )


check_terms.kinds = KINDS  # type: ignore[attr-defined]


def _issue(segment: Segment, code: str, message: str, attrs: dict[str, str]) -> Issue:
    return Issue(code=code, severity="error", message=message, segment_id=segment.id, attrs=frozen_map(attrs))
