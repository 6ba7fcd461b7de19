"""SRX 2.0 segmentation rules: read a desk's rule file and apply it; export newsl10n's rules as SRX.

SRX (Segmentation Rules eXchange, LISA/GALA) is what Okapi, OmegaT and most CAT tools read. A file
holds named language rules — ordered ``<rule break="yes|no">`` with ``<beforebreak>`` and
``<afterbreak>`` regular expressions (ICU/Java syntax, run here with the ``regex`` module, which
understands ``\\p{Lu}`` and friends) — and a map from language patterns to rule sets.

At each position between two characters the first rule, in order, whose ``beforebreak`` matches
just before it and whose ``afterbreak`` matches just after it decides; positions no rule matches
are not breaks. Whitespace that a rule leaves at the start of a segment is moved to the end of the
previous one, so segments tile their block as newsl10n's own segmenter does.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Any

import regex
from lxml import etree

from ..errors import FormatError
from ..langs import normalise_tag
from ..xmlsafe import line_of, parse_xml
from .rules import data_languages, rules_for

NS = "http://www.lisa.org/srx20"
_E = f"{{{NS}}}"
TIMEOUT_S = 10.0  # one rule over one block; a rule that backtracks catastrophically is reported
MAX_RULES = 10_000
"""The most rules an SRX file may hold (every rule is tried at every position of every block);
``NEWSL10N_SRX_MAX_RULES`` raises it. Desks' files hold tens to a few thousand."""
_MAX_RULES_ENV = "NEWSL10N_SRX_MAX_RULES"


def max_rules() -> int:
    """The rule limit: ``NEWSL10N_SRX_MAX_RULES`` when set to a positive integer, else :data:`MAX_RULES`."""
    value = os.environ.get(_MAX_RULES_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_RULES


@dataclass(frozen=True, slots=True)
class SrxRule:
    """One rule: break or not, its two expressions, and the line it came from."""

    is_break: bool
    before: str
    after: str
    line: int
    pattern: Any  # compiled regex: (?:before)(?=after)


@dataclass(frozen=True, slots=True)
class SrxDocument:
    """A parsed SRX file: language rule sets, the language map, and the cascade flag."""

    path: str
    cascade: bool
    language_rules: dict[str, tuple[SrxRule, ...]]
    language_map: tuple[tuple[Any, str], ...]  # (compiled languagepattern, languagerulename)
    digest: str

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """The rules that apply to a language: every matching set with cascade, else the first."""
        out: list[SrxRule] = []
        for pattern, name in self.language_map:
            if pattern.fullmatch(lang) or pattern.fullmatch(lang.replace("-", "_")):
                out.extend(self.language_rules[name])
                if not self.cascade:
                    break
        return tuple(out)

    def boundaries(self, text: str, lang: str) -> list[int]:
        """End offsets of the segments of ``text`` (the last one is ``len(text)``)."""
        n = len(text)
        decided: dict[int, bool] = {}
        for rule in self.rules_for(lang):
            try:
                matches = rule.pattern.finditer(text, overlapped=True, timeout=TIMEOUT_S)
                for m in matches:
                    pos = m.end()
                    if 0 < pos < n and pos not in decided:
                        decided[pos] = rule.is_break
            except TimeoutError as exc:
                raise FormatError(
                    f"the SRX rule took longer than {TIMEOUT_S:g} s on one block (catastrophic "
                    "backtracking); simplify its expressions",
                    path=self.path,
                    line=rule.line,
                ) from exc
        ends: list[int] = []
        for pos in sorted(p for p, brk in decided.items() if brk):
            while pos < n and text[pos].isspace():
                pos += 1
            if pos < n and (not ends or pos > ends[-1]):
                ends.append(pos)
        ends.append(n)
        return ends

    def spans(self, text: str, lang: str) -> list[tuple[int, int]]:
        """Half-open sentence offsets that tile ``text``."""
        if not text:
            return []
        out: list[tuple[int, int]] = []
        start = 0
        for end in self.boundaries(text, lang):
            out.append((start, end))
            start = end
        return out


_HEX_BRACED = regex.compile(r"(?<!\\)((?:\\\\)*)\\x\{([0-9A-Fa-f]{1,6})\}")


def _convert(expr: str) -> str:
    """ICU/Java expression → ``regex`` syntax: quote \\Q…\\E runs, turn \\x{HHHH} into \\U escapes."""
    expr = _HEX_BRACED.sub(lambda m: f"{m.group(1)}\\U{int(m.group(2), 16):08X}", expr)
    out: list[str] = []
    pos = 0
    while True:
        q = expr.find("\\Q", pos)
        if q < 0:
            out.append(expr[pos:])
            break
        e = expr.find("\\E", q + 2)
        out.append(expr[pos:q])
        out.append(regex.escape(expr[q + 2 : e if e >= 0 else len(expr)]))
        if e < 0:
            break
        pos = e + 2
    return "".join(out)


def _compile(expr: str, *, path: str, line: int | None, what: str, source: str | None = None) -> Any:
    """Compile ``expr`` (already converted when ``source`` gives the file's text for messages)."""
    shown = expr if source is None else source
    try:
        return regex.compile(expr if source is not None else _convert(expr), regex.V0)
    except Exception as exc:  # regex.error, and KeyError, ValueError… from some flag mixes ("(?V1")
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        raise FormatError(
            f"invalid regular expression in <{what}> {shown!r}: {reason}", path=path, line=line
        ) from None


def load_srx(data: bytes, *, path: str) -> SrxDocument:
    """Parse an SRX 2.0 file. Raises FormatError naming the line of the first problem."""
    root = parse_xml(data, path=path)
    if root.tag != _E + "srx":
        raise FormatError(
            f"the root element is {root.tag!r}, not <srx> in {NS}", path=path, line=line_of(root)
        )
    if root.get("version") != "2.0":
        raise FormatError(
            f"SRX version {root.get('version')!r} is not supported (only 2.0)",
            path=path,
            line=line_of(root),
        )
    header = root.find(_E + "header")
    cascade = header is not None and header.get("cascade", "no") == "yes"
    language_rules: dict[str, tuple[SrxRule, ...]] = {}
    limit, count = max_rules(), 0
    for lr in root.iterfind(f"{_E}body/{_E}languagerules/{_E}languagerule"):
        name = lr.get("languagerulename")
        if not name:
            raise FormatError("<languagerule> has no languagerulename", path=path, line=line_of(lr))
        rules = []
        for r in lr.iterfind(_E + "rule"):
            count += 1
            if count > limit:
                raise FormatError(
                    f"the SRX file has more than {limit} rules, the limit ({_MAX_RULES_ENV} raises it)",
                    path=path,
                    line=line_of(r),
                )
            brk = r.get("break", "yes")
            if brk not in ("yes", "no"):
                raise FormatError(f"break={brk!r} must be yes or no", path=path, line=line_of(r))
            before_el, after_el = r.find(_E + "beforebreak"), r.find(_E + "afterbreak")
            before = before_el.text or "" if before_el is not None else ""
            after = after_el.text or "" if after_el is not None else ""
            line = line_of(r) or 0
            _compile(
                before,
                path=path,
                line=line_of(before_el) if before_el is not None else line,
                what="beforebreak",
            )
            _compile(
                after,
                path=path,
                line=line_of(after_el) if after_el is not None else line,
                what="afterbreak",
            )
            # Each expression compiles alone, yet the pair can fail: a verbose-mode "#" or a global
            # flag in <beforebreak> reaches into <afterbreak>. The rule's line is reported.
            combined = _compile(
                f"(?:{_convert(before)})(?={_convert(after)})",
                path=path,
                line=line,
                what="rule",
                source=f"{before} | {after}",
            )
            rules.append(SrxRule(brk == "yes", before, after, line, combined))
        language_rules[name] = tuple(rules)
    mapping = []
    for lm in root.iterfind(f"{_E}body/{_E}maprules/{_E}languagemap"):
        name = lm.get("languagerulename", "")
        if name not in language_rules:
            raise FormatError(
                f"<languagemap> names language rule {name!r}, which the file does not define",
                path=path,
                line=line_of(lm),
            )
        pattern = lm.get("languagepattern", "")
        mapping.append((_compile(pattern, path=path, line=line_of(lm) or 0, what="languagemap"), name))
    if not mapping:
        raise FormatError("the SRX file maps no language to rules (no <languagemap>)", path=path)
    digest = hashlib.sha256(data).hexdigest()[:12]
    return SrxDocument(path, cascade, language_rules, tuple(mapping), digest)


# -- export --------------------------------------------------------------------------------------


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def export_srx(langs: list[str] | None = None) -> bytes:
    """newsl10n's rules as an SRX 2.0 file, one language rule set per language plus a default.

    SRX expresses only part of the engine (prefixes, abbreviations before lower case, initials,
    terminators and closing quotes); run-in lists, quotation guards and the four-dot ellipsis
    convention stay newsl10n-only.
    """
    chosen = [normalise_tag(t) for t in langs] if langs else data_languages()
    root = etree.Element(_E + "srx", nsmap={None: NS}, version="2.0")  # type: ignore[dict-item]
    etree.SubElement(root, _E + "header", segmentsubflows="yes", cascade="yes")
    body = etree.SubElement(root, _E + "body")
    lrs = etree.SubElement(body, _E + "languagerules")
    maps = etree.SubElement(body, _E + "maprules")

    def rule(parent: etree._Element, brk: bool, before: str, after: str) -> None:
        r = etree.SubElement(parent, _E + "rule", attrib={"break": "yes" if brk else "no"})
        etree.SubElement(r, _E + "beforebreak").text = before
        etree.SubElement(r, _E + "afterbreak").text = after

    for lang in chosen:
        rules = rules_for(lang)
        lr = etree.SubElement(lrs, _E + "languagerule", languagerulename=f"newsl10n-{lang}")
        if rules.prefixes:
            rule(lr, False, rf"(?<![\p{{L}}\p{{M}}])(?i:{_alternation(sorted(rules.prefixes))})\.", r"\s")
        if rules.abbreviations:
            rule(
                lr,
                False,
                rf"(?<![\p{{L}}\p{{M}}])(?i:{_alternation(sorted(rules.abbreviations))})\.",
                r"\s+\p{Ll}",
            )
        etree.SubElement(
            maps,
            _E + "languagemap",
            languagepattern=f"(?i){regex.escape(lang)}([-_].*)?",
            languagerulename=f"newsl10n-{lang}",
        )
    default = etree.SubElement(lrs, _E + "languagerule", languagerulename="newsl10n-default")
    rule(default, False, r"(?<![\p{L}\p{M}])\p{Lu}\.", r"\s")  # initials: "J. Smith"
    rule(default, False, r"[.!?…]+[\"'”’»)\]]*", r"\s+\p{Ll}")  # "etc. and", "he said.” she"
    rule(default, True, r"[.!?…]+[\"'”’»)\]]*", r"\s")
    rule(default, True, r"[。！？｡۔؟।॥]+[\"'”’»)\]」』]*", r"")
    etree.SubElement(maps, _E + "languagemap", languagepattern=".*", languagerulename="newsl10n-default")
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
