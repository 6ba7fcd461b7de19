"""The only module that wires stages together: read → segment → translate → LocalisedDocument."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from . import l10n, langs
from .enforce import Enforced, TermEnforcer
from .errors import ConfigError, InputError, Newsl10nError, UnknownNameError
from .formats.article import article_format
from .formats.newsparts import byline_parts
from .glossary.annotate import TermAnnotator
from .glossary.model import Glossary
from .inputs import read_input
from .model import (
    PLACEHOLDER_RE,
    BilingualUnit,
    Candidate,
    Document,
    Finding,
    Issue,
    LocalisedDocument,
    Origin,
    RunInfo,
    Segment,
    Span,
    Translation,
    frozen_map,
)
from .mt.base import Engine, EngineOptions, EngineOutput, create_engine
from .mt.base import engine_for_model as base_engine_for_model
from .mt.cache import SegmentCache, cached_engine
from .mt.routing import Plan, RoutingConfig, build_engine, plan
from .protect import Stripped, restore_codes, strip_codes
from .qa.base import Check, CheckContext
from .registry import load, names
from .segment import RULES_VERSION, segment_block
from .segment.srx import SrxDocument, load_srx
from .version import __version__


def format_for_path(path: str | Path) -> str:
    """The name of the article format for a file name, from its extension."""
    suffix = Path(path).suffix.lower()
    readers = {name: load("reader", name) for name in names("reader")}
    for name, cls in readers.items():
        if suffix in cls.extensions:
            return name
    known = sorted(ext for cls in readers.values() for ext in cls.extensions)
    raise InputError(
        f"cannot tell the article format from the extension {suffix or '(none)'!r} "
        f"(known: {', '.join(known)}); pass --format",
        path=str(path),
    )


def read_document(
    data: bytes, *, doc_id: str, source_lang: str, fmt: str, srx: SrxDocument | None = None
) -> Document:
    """Parse and segment an article (with an SRX file's rules instead of the built-in ones)."""
    source_lang = langs.normalise_tag(source_lang)
    document = article_format(fmt).read(data, doc_id=doc_id, source_lang=source_lang)
    return segment_document(document, srx)


def read_srx(path: str | Path) -> SrxDocument:
    """Load an SRX 2.0 rule file; InputError names the file when it cannot be read."""
    return load_srx(read_input(path, what="SRX file"), path=str(path))


def read_path(
    path: str | Path, *, source_lang: str, fmt: str | None = None, srx: SrxDocument | None = None
) -> Document:
    """Read an article file; InputError names the file when it is missing or unreadable."""
    p = Path(path)
    data = read_input(p, what="article file")
    return read_document(data, doc_id=str(p), source_lang=source_lang, fmt=fmt or format_for_path(p), srx=srx)


def segment_document(document: Document, srx: SrxDocument | None = None) -> Document:
    """Fill in the segments of every block; the segmenter used is recorded in ``meta``."""
    spans = srx.spans if srx is not None else None
    blocks = tuple(segment_block(b, document.source_lang, spans) for b in document.blocks)
    name = f"srx:{srx.digest}" if srx is not None else RULES_VERSION
    return replace(document, blocks=blocks, meta={**document.meta, "segmenter": name})


def engine_for_model(model: str) -> str:
    """The registered engine that claims a model directory or id (the most specific first)."""
    name = base_engine_for_model(model, [(n, load("engine", n)) for n in names("engine")])
    if name is None:
        raise ConfigError(f"no installed engine can load the model {model!r}; pass --engine")
    return name


@dataclass
class EngineChooser:
    """Resolves ``auto`` and keeps one engine per route for a whole run.

    ``auto`` follows the routing table (``newsl10n.toml`` overrides it per pair; pairs with no
    model pivot through English), or, with a model given, the first engine that claims it. With a
    ``cache``, every engine that really translates is wrapped in the segment cache.
    """

    name: str = "auto"
    options: EngineOptions = field(default_factory=EngineOptions)
    config: RoutingConfig | None = None
    cache: SegmentCache | None = None

    def __post_init__(self) -> None:
        self._cache: dict[tuple[str, ...], Engine] = {}
        if self.name != "auto":
            load("engine", self.name)  # fail early on an unknown name

    def _resolve(self, source_lang: str, target_lang: str) -> tuple[tuple[str, ...], Plan | None, str]:
        """A key for the engine instance, the routing plan (for auto without a model), the engine name."""
        if self.name != "auto":
            return (self.name, str(self.options.model)), None, self.name
        if self.options.model is not None:
            name = engine_for_model(self.options.model)  # a model given by hand decides
            return (name, self.options.model), None, name
        p = plan(source_lang, target_lang, self.config)
        key = ("plan", str(p.pivot), *(f"{leg.engine}:{leg.model}" for leg in p.legs))
        return key, p, p.legs[0].engine if len(p.legs) == 1 else "pivot"

    def check(self, source_lang: str, target_lang: str) -> None:
        """Fail now when the pair cannot be translated by the chosen engine (no model is loaded)."""
        engine = self._engine(source_lang, target_lang)
        check_pair(source_lang, target_lang, engine)
        if not engine.supports(source_lang, target_lang):
            hint = "; --engine auto picks one that can" if self.name != "auto" else ""
            raise ConfigError(f"the {engine.name} engine cannot translate {source_lang}→{target_lang}{hint}")

    def _engine(self, source_lang: str, target_lang: str) -> Engine:
        key, p, name = self._resolve(source_lang, target_lang)
        if key not in self._cache:
            engine = build_engine(p, self.options) if p is not None else create_engine(name, self.options)
            if self.cache is not None and "copy" not in engine.capabilities:
                engine = cached_engine(engine, self.cache)
            self._cache[key] = engine
        return self._cache[key]

    def engine_for(self, source_lang: str, target_lang: str) -> Engine:
        """The engine to use for a pair."""
        self.check(source_lang, target_lang)
        return self._engine(source_lang, target_lang)


def check_pair(source_lang: str, target_lang: str, engine: Engine) -> None:
    """ConfigError when a pair cannot be translated: the same language in and out (except by copying)."""
    if langs.language(source_lang) == langs.language(target_lang) and "copy" not in engine.capabilities:
        raise ConfigError(f"source and target language are both {langs.language(source_lang)!r}")


ProgressCallback = Callable[[int], None]


class Checker:
    """Annotates source and target with spans (terms, numbers) and runs the registered checks.

    ``checks`` None runs every registered check that applies (``terms`` only with a glossary).
    """

    def __init__(self, glossaries: Sequence[Glossary], checks: Sequence[str] | None = None) -> None:
        available = names("check")
        if checks is None:
            chosen = [n for n in available if glossaries or n != "terms"]
        else:
            chosen = list(dict.fromkeys(checks))
            for n in chosen:
                if n not in available:
                    raise UnknownNameError("check", n, available)
            if "terms" in chosen and not glossaries:
                raise ConfigError("the terms check needs a glossary: pass --glossary")
        self.names = tuple(chosen)
        self._checks: dict[str, Check] = {n: load("check", n) for n in self.names}
        self.rules: dict[str, str] = {}
        for fn in self._checks.values():
            self.rules.update(getattr(fn, "kinds", {}))
        self.glossaries = tuple(glossaries)
        self.terms = TermAnnotator(glossaries) if glossaries and "terms" in self.names else None
        self.numbers = "numbers" in self.names
        self.glossary_hash = "+".join(g.digest() for g in glossaries)

    def annotate_source(self, text: str, source_lang: str, target_lang: str) -> tuple[Span, ...]:
        """Spans of a source text: term hits, and numbers and dates with their values."""
        spans: tuple[Span, ...] = ()
        if self.terms is not None:
            spans += self.terms.source_spans(text, source_lang, target_lang)
        if self._numbers(source_lang, target_lang):
            spans += l10n.annotate(text, source_lang)
        return spans

    def annotate_target(
        self, text: str, source: Sequence[Span], source_lang: str, target_lang: str
    ) -> tuple[Span, ...]:
        """Spans of a translation: the terms that answer the source's, and its numbers and dates."""
        spans: tuple[Span, ...] = ()
        if self.terms is not None:
            spans += self.terms.target_spans(text, source, target_lang)
        if self._numbers(source_lang, target_lang):
            spans += l10n.annotate(text, target_lang)
        return spans

    def _numbers(self, source_lang: str, target_lang: str) -> bool:
        # Numbers are compared only where both languages' forms are known: a language l10n does
        # not read would make every number look missing.
        return (
            self.numbers
            and langs.language(source_lang) in l10n.SUPPORTED
            and langs.language(target_lang) in l10n.SUPPORTED
        )

    def coverage(self, target_lang: str) -> list[Issue]:
        """A warning per glossary that has no terms in ``target_lang``."""
        if self.terms is None:
            return []
        return [
            Issue(
                code="no-target-terms",
                severity="warning",
                message=f"glossary {g.path or '#' + str(self.glossaries.index(g) + 1)} has no terms in "
                f"{target_lang!r}: its terms were not checked",
            )
            for g in self.terms.missing_languages(target_lang)
        ]

    def check_pair(self, segment: Segment, translation: Translation, context: CheckContext) -> list[Issue]:
        """Every issue that the checks find in an annotated pair."""
        found: list[Issue] = []
        for fn in self._checks.values():
            found.extend(fn(segment, translation, context))
        return found

    def check_document(self, result: LocalisedDocument) -> LocalisedDocument:
        """Annotate a translated document and add the checks' issues to its translations."""
        if not self._checks:
            return result
        doc = result.document
        context = CheckContext(source_lang=doc.source_lang, target_lang=result.target_lang, file=doc.id)
        blocks = []
        translations = dict(result.translations)
        for block in doc.blocks:
            segments = []
            for seg in block.segments:
                seg = replace(
                    seg, spans=self.annotate_source(seg.content, doc.source_lang, result.target_lang)
                )
                segments.append(seg)
                tr = translations.get(seg.id)
                if tr is None:
                    continue
                tr = replace(
                    tr,
                    spans=_keep_term_records(
                        tr.spans,
                        self.annotate_target(tr.text, seg.spans, doc.source_lang, result.target_lang),
                    ),
                )
                found = self.check_pair(seg, tr, context)
                translations[seg.id] = replace(tr, issues=tr.issues + tuple(found))
            blocks.append(replace(block, segments=tuple(segments)))
        document = replace(doc, blocks=tuple(blocks))
        all_issues = tuple(self.coverage(result.target_lang)) + tuple(
            i for t in translations.values() for i in t.issues
        )
        run = replace(result.run, glossary_hash=self.glossary_hash)
        return replace(result, document=document, translations=translations, issues=all_issues, run=run)

    def check_units(self, units: Iterable[BilingualUnit]) -> list[Finding]:
        """Check the units of bilingual files; each glossary lacking a file's language warns once."""
        out: list[Finding] = []
        warned: set[tuple[str, str]] = set()
        for unit in units:
            if (unit.file, unit.target_lang) not in warned:
                warned.add((unit.file, unit.target_lang))
                out.extend(_finding(unit, i, "terms", unit_id="") for i in self.coverage(unit.target_lang))
            if not unit.target.strip():
                continue  # untranslated: nothing to check yet
            segment = Segment(
                id=unit.unit,
                block_id="",
                start=0,
                end=len(unit.source),
                text=unit.source,
                spans=self.annotate_source(unit.source, unit.source_lang, unit.target_lang),
            )
            translation = Translation(
                segment_id=unit.unit,
                target_lang=unit.target_lang,
                text=unit.target,
                origin="human",
                engine="",
                spans=self.annotate_target(unit.target, segment.spans, unit.source_lang, unit.target_lang),
            )
            context = CheckContext(
                source_lang=unit.source_lang, target_lang=unit.target_lang, file=unit.file, line=unit.line
            )
            for name, fn in self._checks.items():
                out.extend(_finding(unit, i, name) for i in fn(segment, translation, context))
        return out


def _finding(unit: BilingualUnit, issue: Issue, check: str, *, unit_id: str | None = None) -> Finding:
    return Finding(
        file=unit.file,
        unit=unit.unit if unit_id is None else unit_id,
        line=unit.line if unit_id is None else None,
        target_lang=unit.target_lang,
        kind=issue.code,
        severity=issue.severity,
        message=issue.message,
        check=check,
        attrs=issue.attrs,
    )


def check_units(
    units: Iterable[BilingualUnit], glossaries: Sequence[Glossary], *, checks: Sequence[str] | None = None
) -> list[Finding]:
    """Check bilingual units against glossaries with the registered checks (all applicable by default)."""
    return Checker(glossaries, checks).check_units(units)


def engine_requests(
    document: Document, *, skip: frozenset[str] = frozenset()
) -> tuple[dict[str, Stripped], list[str]]:
    """What an engine is asked to translate: each segment without its markup, then the text
    inside each of its paired codes (to place the markup again); and the stripped segments.
    Segments in ``skip`` (already translated, e.g. from the TM) ask for nothing."""
    stripped: dict[str, Stripped] = {}
    requests: list[str] = []
    for block in document.blocks:
        ids = frozenset(c.id for c in block.codes)
        for seg in block.segments:
            if seg.id in skip:
                continue
            st = strip_codes(seg.content, ids)
            stripped[seg.id] = st
            requests.append(st.plain)
            requests.extend(st.pairs().values())
    return stripped, requests


class Memory(Protocol):
    """A translation memory as translate sees it (:class:`newsl10n.tm.store.TranslationMemory` is one).

    It is asked with a segment's text *with* its placeholders (``⟦1⟧``); a target that does not
    carry the same placeholders is not used.
    """

    def exact(self, source: str, *, source_lang: str, target_lang: str, context: str = "") -> str | None:
        """The approved translation of exactly this source (normalised), or None."""
        ...

    def fuzzy(
        self, source: str, *, source_lang: str, target_lang: str, threshold: float = 75.0, limit: int = 3
    ) -> list[tuple[float, str, str]]:
        """``(score, source, target)`` of the best similar entries, best first."""
        ...


def _keep_term_records(old: Sequence[Span], new: tuple[Span, ...]) -> tuple[Span, ...]:
    """The check's fresh target spans, carrying over how term enforcement satisfied each term
    (``attrs["satisfied"]``); a term recorded as not satisfied, which the check cannot find, keeps
    its empty record."""
    how = {s.id: s.attrs["satisfied"] for s in old if s.kind == "term" and "satisfied" in s.attrs}
    if not how:
        return new
    out: list[Span] = []
    for s in new:
        if s.kind == "term" and s.id in how:
            s = replace(s, attrs=frozen_map({**s.attrs, "satisfied": how.pop(s.id)}))
        out.append(s)
    out += [s for s in old if s.kind == "term" and s.id in how]
    return tuple(out)


def _placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER_RE.finditer(text))


def _method_translated(
    stripped: dict[str, Stripped],
    enforcer: TermEnforcer | None,
    engine: Engine,
    source_lang: str,
    target_lang: str,
) -> set[int]:
    """Indexes (in :func:`engine_requests` order) of the sentences the enforcement method translates
    itself: those holding a glossary term, when the method is not plain repair."""
    if enforcer is None or enforcer.method_for(engine) == "repair":
        return set()
    out: set[int] = set()
    k = 0
    for st in stripped.values():  # insertion order is engine_requests' order
        if st.plain.strip() and enforcer.annotator.source_spans(st.plain, source_lang, target_lang):
            out.add(k)
        k += 1 + len(st.pairs())
    return out


def _enforce_outputs(
    document: Document,
    stripped: dict[str, Stripped],
    outputs: list[EngineOutput],
    enforcer: TermEnforcer,
    engine: Engine,
    source_lang: str,
    target_lang: str,
    *,
    deferred: frozenset[int] | set[int] = frozenset(),
) -> tuple[list[EngineOutput], dict[str, Enforced]]:
    """Enforce glossary terms on each segment's main engine output (plain text, before markup returns);
    the outputs at ``deferred`` indexes were not asked for: the enforcer translates those sentences."""
    where: dict[str, int] = {}
    k = 0
    for seg in document.segments:
        if seg.id in stripped:
            where[seg.id] = k
            k += 1 + len(stripped[seg.id].pairs())
    todo = [
        (sid, stripped[sid].plain, None if i in deferred else outputs[i].text)
        for sid, i in where.items()
        if stripped[sid].plain.strip()
    ]
    done = enforcer.enforce_all(todo, engine, source_lang=source_lang, target_lang=target_lang)
    new = list(outputs)
    enforced: dict[str, Enforced] = {}
    for (sid, _src, _tgt), e in zip(todo, done, strict=True):
        new[where[sid]] = replace(outputs[where[sid]], text=e.text)
        enforced[sid] = e
    return new, enforced


CREDIT_KINDS = frozenset({"byline", "credit", "dateline"})
"""Blocks whose names, outlets and places machine translation must leave alone."""


def _respect_credits(
    document: Document, translations: dict[str, Translation], engine: Engine, src: str, target_lang: str
) -> dict[str, Translation]:
    """Bylines, credits and datelines translated part by part: only the credit words go to the
    engine ("By" → "Por"), names, outlets and places are kept as written ("He Yin" never becomes
    "Ele Yin"), and a dateline's date is rendered for the target locale."""
    plans: dict[str, list[tuple[str, str]]] = {}  # segment id → [(role or "", text)]
    requests: list[str] = []
    for block in document.blocks:
        if block.kind not in CREDIT_KINDS or block.codes:
            continue
        for seg in block.segments:
            tr = translations.get(seg.id)
            if tr is None or tr.origin != "mt":
                continue
            text = seg.content
            pieces: list[tuple[str, str]] = []
            pos = 0
            for start, end, role in byline_parts(text, block.kind):
                if start > pos:
                    pieces.append(("", text[pos:start]))
                pieces.append((role, text[start:end]))
                if role == "credit":
                    requests.append(text[start:end])
                pos = end
            if pos < len(text):
                pieces.append(("", text[pos:]))
            if any(role in ("person", "outlet", "place") for role, _ in pieces):
                plans[seg.id] = pieces
    if not plans:
        return translations
    done = dict(
        zip(requests, engine.translate(requests, source_lang=src, target_lang=target_lang), strict=True)
    )
    out = dict(translations)
    for sid, pieces in plans.items():
        parts = []
        for role, text in pieces:
            if role == "credit":
                parts.append(done[text].text or text)
            elif role == "date":
                parts.append(_render_date(text, src, target_lang))
            else:
                parts.append(text)  # names, outlets, places, and the punctuation between them
        out[sid] = replace(out[sid], text="".join(parts))
    return out


def _render_date(text: str, source_lang: str, target_lang: str) -> str:
    """A dateline's date in the target locale's form; the source text when it cannot be read."""
    if langs.language(source_lang) not in l10n.SUPPORTED or langs.language(target_lang) not in l10n.SUPPORTED:
        return text
    dates = [sp for sp in l10n.annotate(text, source_lang) if sp.kind == "date"]
    if len(dates) != 1:
        return text
    sp = dates[0]
    try:
        rendered = l10n.render(sp.value, target_lang)
    except Newsl10nError:
        return text
    return text[: sp.start] + rendered + text[sp.end :]


def translate_document(
    document: Document,
    target_lang: str,
    engine: Engine,
    *,
    progress: ProgressCallback | None = None,
    memory: Memory | None = None,
    fuzzy_threshold: float = 75.0,
    enforcer: TermEnforcer | None = None,
) -> LocalisedDocument:
    """Translate every segment of a segmented document into ``target_lang``.

    Inline markup is taken out before the engine sees a sentence and put back afterwards
    (see :mod:`newsl10n.protect`); engine findings such as truncation become Issues. With a
    ``memory``, a segment it has an exact match for is not sent to the engine (origin ``tm``),
    and fuzzy matches at or above ``fuzzy_threshold`` are offered as candidates. With an
    ``enforcer``, machine translations are made to use the glossary's target terms and each term
    records how it was satisfied (see :mod:`newsl10n.enforce`).
    """
    # The engine says which variant it writes (the bundled Bergamot model: pt-BR for "pt").
    target_lang = engine.output_lang(document.source_lang, langs.normalise_tag(target_lang))
    src = document.source_lang
    check_pair(src, target_lang, engine)
    reused: dict[str, str] = {}
    if memory is not None:
        for block in document.blocks:
            for seg in block.segments:  # the block kind is the context: a headline is not a caption
                hit = memory.exact(seg.content, source_lang=src, target_lang=target_lang, context=block.kind)
                if hit is not None and _placeholders(hit) == _placeholders(seg.content):
                    reused[seg.id] = hit
    stripped, requests = engine_requests(document, skip=frozenset(reused))
    copies = "copy" in engine.capabilities
    # Sentences whose terms the enforcement method translates its own way (constrained decoding,
    # n-best, placeholders…) are not translated plainly first: that would be done twice.
    deferred = _method_translated(stripped, enforcer, engine, src, target_lang) if not copies else set()
    asked = [r for i, r in enumerate(requests) if i not in deferred]
    got = iter(engine.translate(asked, source_lang=src, target_lang=target_lang, progress=progress))
    outputs = [EngineOutput(text="") if i in deferred else next(got) for i in range(len(requests))]
    model_name, revision = engine.describe(src, target_lang)
    translations: dict[str, Translation] = {}
    enforced: dict[str, Enforced] = {}
    if enforcer is not None and not copies:
        outputs, enforced = _enforce_outputs(
            document, stripped, outputs, enforcer, engine, src, target_lang, deferred=deferred
        )
    it = iter(outputs)
    for block in document.blocks:
        for seg in block.segments:
            candidates: tuple[Candidate, ...] = ()
            if memory is not None and seg.id not in reused:
                candidates = tuple(
                    Candidate(source=s, target=t, score=score)
                    for score, s, t in memory.fuzzy(
                        seg.content, source_lang=src, target_lang=target_lang, threshold=fuzzy_threshold
                    )
                )
            if seg.id in reused:
                translations[seg.id] = Translation(
                    segment_id=seg.id,
                    target_lang=target_lang,
                    text=reused[seg.id],
                    origin="tm",
                    engine="tm",
                    score=100.0,  # an exact match (XLIFF 1.2 state-qualifier "exact-match")
                )
                continue
            st = stripped[seg.id]
            main = next(it)
            inner = {cid: next(it).text for cid in st.pairs()}
            issues = tuple(replace(i, segment_id=seg.id) for i in main.issues)
            origin: Origin
            if not st.plain.strip() or copies:
                text, origin = seg.content, "copy"
            else:
                text, placed = restore_codes(st, main.text, inner, segment_id=seg.id)
                issues += placed
                origin = "mt"
            spans: tuple[Span, ...] = ()
            if enforcer is not None and seg.id in enforced and origin == "mt":
                e = enforced[seg.id]
                spans, moved = enforcer.relocate(
                    text, st.plain, e.spans, source_lang=src, target_lang=target_lang, segment_id=seg.id
                )
                issues += e.issues + moved
            translations[seg.id] = Translation(
                segment_id=seg.id,
                target_lang=target_lang,
                text=text,
                origin=origin,
                engine=engine.name,
                spans=spans,
                issues=issues,
                candidates=candidates,
            )
    translations = _respect_credits(document, translations, engine, src, target_lang)
    run = RunInfo(
        tool_version=__version__,
        segmenter=document.meta.get("segmenter", RULES_VERSION),
        engine=engine.name,
        model=model_name,
        revision=revision,
    )
    all_issues: tuple[Issue, ...] = tuple(i for t in translations.values() for i in t.issues)
    return LocalisedDocument(
        document=document,
        target_lang=target_lang,
        translations=translations,
        run=run,
        issues=all_issues,
    )
