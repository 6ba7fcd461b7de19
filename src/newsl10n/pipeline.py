"""The only module that wires stages together: read → segment → translate → LocalisedDocument."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import langs
from .errors import ConfigError, EngineError, InputError
from .formats.base import ArticleFormat
from .formats.bilingual import BilingualUnit
from .glossary.model import Glossary
from .inputs import read_input
from .model import Document, Issue, LocalisedDocument, Origin, RunInfo, Translation
from .mt.base import Engine, EngineOptions, create_engine
from .mt.markup import Stripped, restore_codes, strip_codes
from .mt.routing import route
from .qa.terminology import TerminologyChecker
from .registry import load, names
from .segment import RULES_VERSION, segment_block
from .segment.srx import SrxDocument, load_srx
from .version import __version__


def article_format(name: str) -> ArticleFormat:
    """The article format registered under ``name`` (``text``, ``markdown``, ``html``)."""
    cls = load("format", name)
    fmt: ArticleFormat = cls()
    return fmt


def format_for_path(path: str | Path) -> str:
    """The name of the article format for a file name, from its extension."""
    suffix = Path(path).suffix.lower()
    for name in names("format"):
        if suffix in article_format(name).extensions:
            return name
    known = sorted(ext for n in names("format") for ext in article_format(n).extensions)
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


@dataclass
class EngineChooser:
    """Resolves ``auto`` and keeps one engine instance per (engine, model) for a whole run."""

    name: str = "auto"
    options: EngineOptions = field(default_factory=EngineOptions)

    def __post_init__(self) -> None:
        self._cache: dict[tuple[str, str | None], Engine] = {}
        if self.name != "auto":
            load("engine", self.name)  # fail early on an unknown name

    def engine_for(self, source_lang: str, target_lang: str) -> Engine:
        """The engine to use for a pair."""
        name, options = self.name, self.options
        if name == "auto":
            r = route(source_lang, target_lang)
            name = r.engine
            if self.options.model is not None:
                # A model given by hand decides the engine: a Bergamot directory or anything else.
                name = "bergamot" if _is_bergamot_dir(self.options.model) else "transformers"
            elif r.model is not None:
                options = replace(self.options, model=r.model)
        key = (name, options.model)
        if key not in self._cache:
            self._cache[key] = create_engine(name, options)
        engine = self._cache[key]
        check_pair(source_lang, target_lang, engine.name)
        if not engine.supports(source_lang, target_lang):
            hint = "; --engine auto picks one that can" if self.name != "auto" else ""
            raise EngineError(f"the {name} engine cannot translate {source_lang}→{target_lang}{hint}")
        return engine


def check_pair(source_lang: str, target_lang: str, engine: str) -> None:
    """ConfigError when a pair cannot be translated: the same language in and out."""
    if langs.language(source_lang) == langs.language(target_lang) and engine != "identity":
        raise ConfigError(f"source and target language are both {langs.language(source_lang)!r}")


def _is_bergamot_dir(model: str) -> bool:
    p = Path(model)
    return p.is_dir() and any(p.glob("config*.yml"))


ProgressCallback = Callable[[int], None]


def check_terminology(result: LocalisedDocument, glossaries: Sequence[Glossary]) -> LocalisedDocument:
    """Run the terminology check on a translation; findings become Issues of their segments."""
    if not glossaries:
        return result
    checker = TerminologyChecker(glossaries)
    doc = result.document
    units = []
    for block in doc.blocks:
        ids = frozenset(c.id for c in block.codes)
        for seg in block.segments:
            tr = result.translation(seg.id)
            if tr is not None:
                units.append(
                    BilingualUnit(
                        doc.id,
                        seg.id,
                        None,
                        strip_codes(seg.content, ids).plain,
                        strip_codes(tr.text, ids).plain,
                        doc.source_lang,
                        result.target_lang,
                    )
                )
    found: dict[str, list[Issue]] = {}
    file_issues: list[Issue] = []
    for v in checker.check_units(units):
        issue = Issue(code=v.kind, severity=v.severity, message=v.message, segment_id=v.unit or None)
        (found.setdefault(v.unit, []) if v.unit else file_issues).append(issue)
    translations = {
        sid: replace(tr, issues=tr.issues + tuple(found.get(sid, ())))
        for sid, tr in result.translations.items()
    }
    issues = tuple(file_issues) + tuple(i for t in translations.values() for i in t.issues)
    run = replace(result.run, glossary_hash="+".join(g.digest() for g in glossaries))
    return replace(result, translations=translations, issues=issues, run=run)


def engine_requests(document: Document) -> tuple[dict[str, Stripped], list[str]]:
    """What an engine is asked to translate: each segment without its markup, then the text
    inside each of its paired codes (to place the markup again); and the stripped segments."""
    stripped: dict[str, Stripped] = {}
    requests: list[str] = []
    for block in document.blocks:
        ids = frozenset(c.id for c in block.codes)
        for seg in block.segments:
            st = strip_codes(seg.content, ids)
            stripped[seg.id] = st
            requests.append(st.plain)
            requests.extend(st.pairs().values())
    return stripped, requests


def translate_document(
    document: Document,
    target_lang: str,
    engine: Engine,
    *,
    progress: ProgressCallback | None = None,
) -> LocalisedDocument:
    """Translate every segment of a segmented document into ``target_lang``.

    Inline markup is taken out before the engine sees a sentence and put back afterwards
    (see :mod:`newsl10n.mt.markup`); engine findings such as truncation become Issues.
    """
    target_lang = langs.normalise_tag(target_lang)
    src = document.source_lang
    check_pair(src, target_lang, engine.name)
    stripped, requests = engine_requests(document)
    outputs = engine.translate(requests, source_lang=src, target_lang=target_lang, progress=progress)
    model_name, revision = engine.describe(src, target_lang)
    translations: dict[str, Translation] = {}
    it = iter(outputs)
    for block in document.blocks:
        for seg in block.segments:
            st = stripped[seg.id]
            main = next(it)
            inner = {cid: next(it).text for cid in st.pairs()}
            issues = tuple(replace(i, segment_id=seg.id) for i in main.issues)
            origin: Origin
            if not st.plain.strip() or engine.name == "identity":
                text, origin = seg.content, "copy"
            else:
                text, placed = restore_codes(st, main.text, inner, segment_id=seg.id)
                issues += placed
                origin = "mt"
            translations[seg.id] = Translation(
                segment_id=seg.id,
                target_lang=target_lang,
                text=text,
                origin=origin,
                engine=engine.name,
                issues=issues,
            )
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
