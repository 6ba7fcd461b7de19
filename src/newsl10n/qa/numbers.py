"""The number and date check: every number, amount, percentage and date of the source is in the target.

Reads the number spans that the l10n stage attached to a segment and to its translation (kinds
``number``, ``ordinal``, ``percent``, ``amount``, ``currency``, ``measure``, ``date``, ``time``,
``weekday``, ``range``; other spans such as terms are ignored) and compares their canonical values,
never their strings: "1.5 million" = "150万" = "1,5 млн" = "۱٫۵ میلیون" = "15 लाख".

Policy, so that a correct localisation is not flagged and a changed figure is:

* A range counts as its two ends ("2024-2025" matches "2024 по 2025"), a date with
  ``alternatives`` (an ambiguous numeric date, a Solar Hijri month) matches any of its readings.
* A target may be more precise than its source ("13 June" → "13 июня 2025 года"), not less.
* Percentage points match a percent or a bare number of the same value; a time on the hour
  matches its hour written as a number ("3 p.m." → "в 15 часов").
* Spelled-out numbers up to ten ("one of", "一些", "два") are soft: a missing or extra one is not
  reported (translations add and drop them freely), but two different ones in the same place are.
* Leftover source and target values are paired by kind and position: a pair is a
  ``number-mismatch`` or ``date-mismatch`` (error), a source value with no partner is
  ``number-missing`` (error), a target value with no partner ``number-extra`` (warning: often an
  explicit year or unit the translator added, sometimes an error).
* Same value but another currency or unit (dollars → roubles, km → miles) is a ``number-mismatch``.
* An ambiguous source date ("03/04/2025") is read by the source language's convention and also
  gets a ``date-ambiguous`` warning: it is never guessed silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Issue, Segment, Span, Translation, frozen_map
from .base import CheckContext

KINDS = {
    "number-missing": "A number or date of the source is missing from the target",
    "number-mismatch": "A number of the source has another value in the target",
    "date-mismatch": "A date of the source has another value in the target",
    "number-extra": "The target has a number the source does not have",
    "date-ambiguous": "A numeric date in the source can be read two ways",
}

NUMBER_KINDS = frozenset(
    {"number", "ordinal", "percent", "amount", "currency", "measure", "date", "time", "weekday", "range"}
)
_DATE_KINDS = frozenset({"date", "time", "weekday"})
_CURRENCY_FAMILY = {"INR": "RUPEE", "PKR": "RUPEE", "JPY": "YEN_YUAN", "CNY": "YEN_YUAN"}
_UNIT_FAMILY = {"degC": "deg", "kmh": "speed", "mph": "speed"}


@dataclass(frozen=True, slots=True)
class _Item:
    value: str
    alternatives: tuple[str, ...]
    kind: str
    span: Span
    soft: bool
    pos: float

    @property
    def family(self) -> str:
        """What a value may be paired with: a year ("2024", "سال ۱۴۰۳") pairs with a year of any kind."""
        if len(self.value) == 4 and self.value.isdigit() and self.kind in ("number", "date"):
            return "year"
        return "date" if self.kind in _DATE_KINDS or self.value.startswith(("--", "T", "W")) else "num"


def _items(spans: Sequence[Span], length: int) -> list[_Item]:
    out: list[_Item] = []
    for span in spans:
        if span.kind not in NUMBER_KINDS or not span.value:
            continue
        pos = span.start / max(length, 1)
        alts = tuple(a for a in span.attrs.get("alternatives", "").split(",") if a)
        if span.kind == "range" and "/" in span.value:
            ends = span.value.split("/")
            kinds = (span.attrs.get("of", "number").split(",") * 2)[:2]
            for i, (end, kind) in enumerate(zip(ends, kinds, strict=False)):
                out.append(_Item(end, (), kind, span, False, pos + i * 1e-6))
            continue
        soft = span.attrs.get("words") == "1" and span.kind == "number" and _small(span.value)
        out.append(_Item(span.value, alts, span.kind, span, soft, pos))
    return out


def _pairable(a: str, b: str) -> bool:
    """A year can stand for a number or a date; otherwise only like pairs with like."""
    return a == b or "year" in (a, b)


def _small(value: str) -> bool:
    try:
        return abs(float(value)) <= 10
    except ValueError:
        return False


def _readings(item: _Item) -> tuple[str, ...]:
    return (item.value, *item.alternatives)


def _exact(s: _Item, t: _Item) -> bool:
    return bool(set(_readings(s)) & set(_readings(t)))


def _compatible(s: _Item, t: _Item) -> bool:
    """Equal in meaning though not in value string (see the module's policy)."""
    for a in _readings(s):
        for b in _readings(t):
            # A more precise target date: "--06-13" in "2025-06-13", "--06" in "2025-06".
            if a.startswith("--") and len(b) >= 7 and b[4:].startswith(a[1:]):
                return True
            if a.endswith("pp") and b in (a[:-2] + "%", a[:-2]):
                return True
            if b.endswith("pp") and a in (b[:-2] + "%", b[:-2]):
                return True
            if a.startswith("T") and a.endswith(":00") and b.lstrip("-").isdigit():
                hour = int(a[1:3])
                if int(b) in (hour, hour - 12 if hour > 12 else hour):
                    return True
    return False


def _evidence(text: str, span: Span) -> str:
    piece = text[span.start : span.end] if 0 <= span.start < span.end <= len(text) else span.value
    return piece or span.value


def check_numbers(segment: Segment, translation: Translation, context: CheckContext) -> Iterable[Issue]:
    """Numbers and dates differ between source and target.

    Args:
        segment: the source segment, with its number spans (from ``newsl10n.l10n.annotate``).
        translation: its translation, with the target text's number spans.
        context: the pair's languages (unused: values are language-independent).

    Returns:
        One Issue per problem; attrs ``expected`` (source value), ``found`` (target value),
        ``source_span`` and ``target_span`` (span ids) where they apply.
    """
    del context
    src_text, tgt_text = segment.text, translation.text
    issues: list[Issue] = []
    for span in segment.spans:
        if span.kind in NUMBER_KINDS and span.attrs.get("ambiguous") == "1":
            issues.append(
                _issue(
                    "date-ambiguous",
                    "warning",
                    f"date {_evidence(src_text, span)} in source can be read as {span.value} or "
                    f"{span.attrs.get('alternatives', '')}: read as {span.value}; write the month as a word",
                    segment,
                    expected=span.value,
                    source_span=span.id,
                )
            )
    if not translation.text.strip():
        return issues
    src = _items(segment.spans, len(src_text))
    tgt = _items(translation.spans, len(tgt_text))
    free = list(range(len(tgt)))
    pairs: list[tuple[_Item, _Item]] = []
    left: list[_Item] = []
    for test in (_exact, _compatible):
        left = []
        for s in src:
            j = _best(s, [tgt[k] for k in free], test)
            if j is None:
                left.append(s)
            else:
                pairs.append((s, tgt[free.pop(j)]))
        src = left
    for s, t in pairs:
        issues.extend(_unit_or_currency(s, t, segment, src_text, tgt_text))
    rest = [tgt[k] for k in free]
    hard_src = [s for s in left if not s.soft]
    for s in hard_src:
        near = [t for t in rest if _pairable(s.family, t.family)]
        cands = [t for t in near if not t.soft] or near
        if not cands:
            issues.append(
                _issue(
                    "number-missing",
                    "error",
                    f"{s.kind} {_evidence(src_text, s.span)} in source has no counterpart in target",
                    segment,
                    expected=s.value,
                    source_span=s.span.id,
                )
            )
            continue
        t = min(cands, key=lambda c: (c.family != s.family, c.kind != s.kind, abs(c.pos - s.pos)))
        rest.remove(t)
        code = "date-mismatch" if "date" in (s.family, s.kind, t.kind) else "number-mismatch"
        issues.append(
            _issue(
                code,
                "error",
                f"{s.kind} {_evidence(src_text, s.span)} in source has no counterpart in target "
                f'("{_evidence(tgt_text, t.span)}"): expected {s.value}, found {t.value}',
                segment,
                expected=s.value,
                found=t.value,
                source_span=s.span.id,
                target_span=t.span.id,
            )
        )
    soft_src = [s for s in left if s.soft]
    soft_tgt = [t for t in rest if t.soft]
    if len(soft_src) == 1 and len(soft_tgt) == 1:
        s, t = soft_src[0], soft_tgt[0]
        rest.remove(t)
        issues.append(
            _issue(
                "number-mismatch",
                "error",
                f"{s.kind} {_evidence(src_text, s.span)} in source has no counterpart in target "
                f'("{_evidence(tgt_text, t.span)}"): expected {s.value}, found {t.value}',
                segment,
                expected=s.value,
                found=t.value,
                source_span=s.span.id,
                target_span=t.span.id,
            )
        )
    for t in rest:
        if t.soft:
            continue
        issues.append(
            _issue(
                "number-extra",
                "warning",
                f'{t.kind} "{_evidence(tgt_text, t.span)}" in target has no counterpart in source',
                segment,
                found=t.value,
                target_span=t.span.id,
            )
        )
    return issues


check_numbers.kinds = KINDS  # type: ignore[attr-defined]


def _best(s: _Item, cands: Sequence[_Item], test: object) -> int | None:
    best: int | None = None
    best_key: tuple[bool, float] | None = None
    for i, t in enumerate(cands):
        if test(s, t):  # type: ignore[operator]
            key = (t.kind != s.kind, abs(t.pos - s.pos))
            if best_key is None or key < best_key:
                best, best_key = i, key
    return best


def _unit_or_currency(s: _Item, t: _Item, segment: Segment, src_text: str, tgt_text: str) -> list[Issue]:
    out = []
    for attr, family in (("currency", _CURRENCY_FAMILY), ("unit", _UNIT_FAMILY)):
        a, b = s.span.attrs.get(attr), t.span.attrs.get(attr)
        if (
            a
            and b
            and family.get(a, a) != family.get(b, b)
            and "RUPEE" not in (a, b)
            and "YEN_YUAN" not in (a, b)
        ):
            out.append(
                _issue(
                    "number-mismatch",
                    "error",
                    f"{s.kind} {_evidence(src_text, s.span)} in source has no counterpart in target "
                    f'("{_evidence(tgt_text, t.span)}"): {attr} {a} became {b}',
                    segment,
                    expected=f"{s.value} {a}",
                    found=f"{t.value} {b}",
                    source_span=s.span.id,
                    target_span=t.span.id,
                )
            )
    return out


def _issue(code: str, severity: str, message: str, segment: Segment, **attrs: str) -> Issue:
    return Issue(
        code=code,
        severity="error" if severity == "error" else "warning",
        message=message,
        segment_id=segment.id,
        attrs=frozen_map(attrs),
    )
