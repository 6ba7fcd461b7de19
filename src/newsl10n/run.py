"""The library's run API: translate a set of articles into a set of languages, or check bilingual files.

This is what the CLI calls, and what a newsroom's script, a test or a batch worker calls too::

    from newsl10n.run import TranslateJob, translate_files
    report = translate_files(TranslateJob(articles=("story.txt",), targets=("pt",), outdir=Path("out")))
    for item in report.items:
        print(item.article, item.target_lang, item.status, item.files)

For every article and target language the run writes one file per requested output kind (any
registered writer) all-or-nothing, plus a sidecar ``.newsl10n/<stem>.<lang>.json`` that records
the fingerprint of everything that decides the outputs (input bytes, format, languages, engine,
model and its revision or directory digest, segmenter, glossaries, options, tool version) and a
digest of every file written. A later run with the same fingerprint, whose files are all present
and unchanged, skips the work. A failure of one article or language (unreadable file, engine that
will not load) is reported in the :class:`RunReport` and does not stop the others; a bad option
(unknown engine, same language in and out, an engine that cannot do a pair) fails before anything
is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TypedDict

from . import langs
from .enforce import TermEnforcer
from .errors import ConfigError, EngineError, InputError, Newsl10nError, UnknownNameError
from .formats.base import WriterOptions
from .glossary import load_glossary
from .glossary.model import Glossary
from .inputs import check_size, read_input
from .model import BilingualUnit, CheckReport, Document, LocalisedDocument, frozen_map
from .mt.base import EngineOptions
from .mt.cache import CachedEngine, SegmentCache
from .mt.routing import find_config, load_config
from .outputs import fingerprint, locked_dir, prepare_dir, write_all
from .pipeline import (
    Checker,
    EngineChooser,
    engine_requests,
    format_for_path,
    read_document,
    read_srx,
    translate_document,
)
from .registry import load, names
from .tm.store import TranslationMemory
from .tm.store import default_path as default_tm_path
from .version import __version__

DEFAULT_OUTPUTS = ("xlf", "html", "jsonl", "article")
SIDECAR_DIR = ".newsl10n"
STDIN = "-"

Status = Literal["done", "skipped", "failed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressEvent:
    """What a run reports while it works: ``start`` of an item (with its engine request count),
    ``advance`` by ``n`` requests, and ``item`` when an item is finished (with its result)."""

    kind: Literal["start", "advance", "item"]
    article: str
    target_lang: str
    total: int = 0
    n: int = 0
    item: ItemResult | None = None


ProgressHook = Callable[[ProgressEvent], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class TranslateJob:
    """Everything a translate run needs; ``articles`` are paths, or ``-`` with ``stdin`` bytes."""

    articles: tuple[str, ...]
    targets: tuple[str, ...]
    source_lang: str = "en"
    engine: str = "auto"
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    fmt: str | None = None
    outdir: Path = Path("out")
    outputs: tuple[str, ...] = DEFAULT_OUTPUTS
    xliff_version: str = "2.1"
    writer_options: WriterOptions = field(default_factory=WriterOptions)
    force: bool = False
    srx: str | None = None
    glossaries: tuple[str, ...] = ()
    checks: tuple[str, ...] | None = None
    """Checks to run on the translation (names of registered checks); None: every applicable one."""
    stdin: bytes | None = None
    use_cache: bool = True
    """Keep translated sentences in the per-user segment cache and reuse them (``--no-cache``: off)."""
    cache_path: str | None = None
    """The segment cache file (default: the user cache directory, or ``NEWSL10N_CACHE_DIR``)."""
    enforce_terms: bool = True
    """With glossaries: make machine translations use the glossary's target terms (repair after
    MT; each term's outcome recorded). ``--no-enforce-terms`` only checks them."""
    term_method: str = "auto"
    """How terms are enforced (``--term-method``): ``auto`` (each engine's default), ``repair``,
    ``placeholder``, ``mask``, ``annotate``, ``nbest`` or ``constrain`` (see ``newsl10n.enforce_methods``)."""
    use_tm: bool = True
    """Consult the translation memory before MT (exact matches skip the engine; ``--no-tm``: off)."""
    tm: str | None = None
    """The translation memory file (default: ``NEWSL10N_TM`` or the user data directory; the
    default one is used only when it exists)."""
    fuzzy: float = 75.0
    """Fuzzy TM matches at or above this score (0–100) are offered to the reviewer."""
    config: str | None = None
    """A ``newsl10n.toml`` with routes (default: ``NEWSL10N_CONFIG``, or the nearest one upwards)."""
    count_requests: bool = False
    """Count each item's engine requests for the ``start`` progress event (costs a pass)."""


class ItemResultDict(TypedDict):
    article: str
    target_lang: str
    status: str
    files: list[str]
    segments: int
    findings: int
    engine: str
    model: str
    error: str
    cache_hits: int
    tm_hits: int


class RunReportDict(TypedDict):
    schema: int
    tool: str
    outdir: str
    summary: dict[str, int]
    items: list[ItemResultDict]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemResult:
    """The outcome of one article into one language."""

    article: str
    target_lang: str
    status: Status
    files: tuple[str, ...] = ()
    segments: int = 0
    findings: int = 0
    engine: str = ""
    model: str = ""
    error: str = ""
    cache_hits: int = 0
    """Sentences served by the segment cache instead of the engine."""
    tm_hits: int = 0
    """Sentences taken from the translation memory."""

    def to_dict(self) -> ItemResultDict:
        return {
            "article": self.article,
            "target_lang": self.target_lang,
            "status": self.status,
            "files": list(self.files),
            "segments": self.segments,
            "findings": self.findings,
            "engine": self.engine,
            "model": self.model,
            "error": self.error,
            "cache_hits": self.cache_hits,
            "tm_hits": self.tm_hits,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RunReport:
    """Every item of a run, in article × language order."""

    items: tuple[ItemResult, ...]
    outdir: str = ""
    warnings: tuple[str, ...] = ()
    """What the run recovered from (a damaged cache or TM moved aside…)."""

    @property
    def failed(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if i.status == "failed")

    def to_dict(self) -> RunReportDict:
        counts = {s: sum(i.status == s for i in self.items) for s in ("done", "skipped", "failed")}
        return {
            "schema": 1,
            "tool": f"newsl10n {__version__}",
            "outdir": self.outdir,
            "summary": counts,
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True, slots=True)
class Article:
    """An article read and segmented for a run, with where its outputs go (``subdir``/``stem``)."""

    name: str
    stem: str
    suffix: str
    data: bytes
    document: Document
    fmt: str
    subdir: str = ""
    """Folder under the output directory (a batch keeps the input's folder structure)."""


def resolve_writers(outputs: Sequence[str], xliff_version: str, options: WriterOptions) -> dict[str, object]:
    """Output kind → writer instance; ``--xliff 1.2`` makes the ``xlf`` output an XLIFF 1.2 file."""
    if not outputs:
        raise ConfigError("no outputs requested: name at least one output kind")
    if xliff_version not in ("1.2", "2.1"):
        raise ConfigError(f"unknown XLIFF version {xliff_version!r}: use 1.2 or 2.1")
    writers: dict[str, object] = {}
    for kind in outputs:
        name = "xlf12" if kind == "xlf" and xliff_version == "1.2" else kind
        try:
            cls = load("writer", name)
        except UnknownNameError:
            raise UnknownNameError("output kind", name, names("writer")) from None
        writers[kind] = cls(options)
    return writers


def render(result: LocalisedDocument, kind: str, options: WriterOptions | None = None) -> bytes:
    """The bytes of one output kind (``xlf``, ``xlf12``, ``tmx``, ``po``, ``html``, ``jsonl``…)."""
    try:
        cls = load("writer", kind)
    except UnknownNameError:
        raise UnknownNameError("output kind", kind, names("writer")) from None
    data: bytes = cls(options).write(result)
    return data


def _model_digest(model: str | None) -> str:
    """A cheap digest of a local model directory (file names, sizes, times); the id for a hub model."""
    if not model:
        return ""
    path = Path(model)
    if not path.is_dir():
        return model
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        st = f.stat()
        h.update(f"{f.relative_to(path)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _sidecar(outdir: Path, stem: str, target: str) -> Path:
    return outdir / SIDECAR_DIR / f"{stem}.{target}.json"


def _up_to_date(sidecar: Path, fp: str, files: dict[str, Path]) -> bool:
    """True when the sidecar records ``fp`` and every file is there with the digest it recorded."""
    try:
        record = json.loads(sidecar.read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or record.get("fingerprint") != fp:
        return False
    digests = record.get("files")
    if not isinstance(digests, dict) or set(digests) != {p.name for p in files.values()}:
        return False
    for p in files.values():
        try:
            if hashlib.sha256(p.read_bytes()).hexdigest() != digests[p.name]:
                return False
        except OSError:
            return False
    return True


def recorded_fingerprint(outdir: Path, stem: str, target: str) -> str | None:
    """The fingerprint a previous run recorded for an article and language, if any."""
    try:
        record = json.loads(_sidecar(outdir, stem, target).read_bytes())
    except (OSError, ValueError):
        return None
    fp = record.get("fingerprint") if isinstance(record, dict) else None
    return fp if isinstance(fp, str) else None


class Translator:
    """A configured run: options checked, glossaries, checks, writers and engines loaded once.

    ``translate_files`` uses one for a list of files; a batch worker keeps one per process and
    calls :meth:`translate` per item.
    """

    def __init__(self, job: TranslateJob) -> None:
        self.job = job
        self.source_lang = langs.normalise_tag(job.source_lang)
        self.targets = tuple(langs.normalise_tag(t) for t in job.targets)
        if not self.targets:
            raise ConfigError("no target language given")
        self.writers = resolve_writers(job.outputs, job.xliff_version, job.writer_options)
        if job.fmt is not None and job.fmt not in names("reader"):
            raise UnknownNameError("format", job.fmt, names("reader"))
        config = load_config(Path(job.config) if job.config else find_config())
        self.segment_cache = SegmentCache(job.cache_path) if job.use_cache else None
        self.memory: TranslationMemory | None = None
        if job.use_tm and (job.tm is not None or default_tm_path().is_file()):
            self.memory = TranslationMemory(job.tm)
        if not 0 <= job.fuzzy <= 100:
            raise ConfigError(f"the fuzzy threshold is a score from 0 to 100, not {job.fuzzy:g}")
        self.warnings: list[str] = [
            *(self.segment_cache.warnings if self.segment_cache else []),
            *(self.memory.warnings if self.memory else []),
        ]
        self.chooser = EngineChooser(job.engine, job.engine_options, config, self.segment_cache)
        self.glossaries = [load_glossary(g) for g in job.glossaries]
        self.checker = Checker(self.glossaries, job.checks)
        self.enforcer = (
            TermEnforcer(self.glossaries, method=job.term_method)
            if job.enforce_terms and self.glossaries
            else None
        )
        self.rules = read_srx(job.srx) if job.srx else None
        self.inputs: set[str] = set()
        self._model_digests: dict[str | None, str] = {}

    def model_digest(self, model: str | None) -> str:
        """:func:`_model_digest`, once per model for this run (not once per article and language)."""
        if model not in self._model_digests:
            self._model_digests[model] = _model_digest(model)
        return self._model_digests[model]

    def check_targets(self) -> None:
        """Fail now when an engine cannot do one of the pairs (no model is loaded)."""
        for target in self.targets:
            self.chooser.check(self.source_lang, target)

    def read(
        self, name: str, data: bytes | None = None, *, subdir: str = "", fmt: str | None = None
    ) -> Article:
        """Read and segment an article file (or ``data`` under that name); InputError when it cannot."""
        if data is None:
            data = read_input(name, what="article file")
            self.inputs.add(str(Path(name).resolve()))
        else:
            check_size(len(data), what="article file", path=name)  # stdin: the same limit
        path = Path(name)
        fmt = fmt or self.job.fmt or (format_for_path(path) if name != STDIN else "text")
        stem = path.stem if name != STDIN else "stdin"
        suffix = path.suffix if name != STDIN else ""
        document = read_document(data, doc_id=name, source_lang=self.source_lang, fmt=fmt, srx=self.rules)
        if not suffix:
            suffix = load("reader", fmt).extensions[0]
        return Article(name, stem, suffix, data, document, fmt, subdir)

    def translate(self, article: Article, target: str, *, progress: ProgressHook | None = None) -> ItemResult:
        """Translate one article into one language and write its outputs (or skip: up to date)."""
        return _translate_one(self, article, langs.normalise_tag(target), progress)


def translate_files(job: TranslateJob, *, progress: ProgressHook | None = None) -> RunReport:
    """Translate every article into every target language and write the requested outputs.

    Raises:
        ConfigError, UnknownNameError: a bad option, before anything is written.
        InputError: an article, glossary or SRX file that cannot be read, before anything is written.
    """
    tr = Translator(job)
    articles = []
    for raw in job.articles:
        if raw == STDIN and job.stdin is None:
            raise ConfigError("the article '-' (standard input) was given but no input was read")
        articles.append(tr.read(raw, job.stdin if raw == STDIN else None))
    stems = [a.stem for a in articles]
    dupes = sorted({s for s in stems if stems.count(s) > 1})
    if dupes:
        raise ConfigError(
            f"two articles share the name {dupes[0]!r}; their outputs would overwrite each other"
        )
    tr.check_targets()
    prepare_dir(job.outdir)
    items: list[ItemResult] = []
    with locked_dir(job.outdir):
        for article in articles:
            for target in tr.targets:
                item = tr.translate(article, target, progress=progress)
                items.append(item)
                if progress is not None:
                    progress(ProgressEvent(kind="item", article=article.name, target_lang=target, item=item))
    return RunReport(items=tuple(items), outdir=str(job.outdir), warnings=tuple(tr.warnings))


def _translate_one(
    tr: Translator, article: Article, target: str, progress: ProgressHook | None
) -> ItemResult:
    job, writers, chooser, checker, source_lang = tr.job, tr.writers, tr.chooser, tr.checker, tr.source_lang
    outdir = job.outdir / article.subdir
    files = {
        kind: outdir / w.file_name(article.stem, target, article.suffix)  # type: ignore[attr-defined]
        for kind, w in writers.items()
    }
    clash = [p for p in files.values() if str(p.resolve()) in tr.inputs]
    if clash:
        return ItemResult(
            article=article.name,
            target_lang=target,
            status="failed",
            error=f"{clash[0]}: the output would overwrite an input article; choose another -o",
        )
    try:
        engine = chooser.engine_for(source_lang, target)
        model_name, revision = engine.describe(source_lang, target)
        fp = fingerprint(
            __version__,
            article.data,
            article.fmt,
            article.document.meta.get("segmenter", ""),
            source_lang,
            target,
            engine.name,
            model_name,
            revision,
            tr.model_digest(engine.options.model),
            repr(replace(job.engine_options, model=engine.options.model)),
            checker.glossary_hash,  # the glossaries' digests, computed once per run
            ",".join(checker.names),
            _enforce_mode(tr.enforcer),
            ",".join(f"{k}={type(w).__name__}" for k, w in writers.items()),
            repr(job.writer_options),
            # What the TM knew: an output made before it learned a sentence is made again.
            f"tm:{tr.memory.path}@{tr.memory.revision}/{job.fuzzy:g}" if tr.memory else "tm:none",
        )
        sidecar = _sidecar(job.outdir, str(Path(article.subdir) / article.stem), target)
        if not job.force and _up_to_date(sidecar, fp, files):
            return ItemResult(
                article=article.name,
                target_lang=target,
                status="skipped",
                files=tuple(str(p) for p in files.values()),
                engine=engine.name,
                model=model_name,
            )
        update = None
        if progress is not None:
            total = len(engine_requests(article.document)[1]) if job.count_requests else 0
            progress(ProgressEvent(kind="start", article=article.name, target_lang=target, total=total))

            def update(n: int) -> None:
                progress(ProgressEvent(kind="advance", article=article.name, target_lang=target, n=n))

        hits_before = engine.hits if isinstance(engine, CachedEngine) else 0
        result = translate_document(
            article.document,
            target,
            engine,
            progress=update,
            memory=tr.memory,
            fuzzy_threshold=job.fuzzy,
            enforcer=tr.enforcer,
        )
        cache_hits = (engine.hits if isinstance(engine, CachedEngine) else 0) - hits_before
        result = checker.check_document(result)
        result = replace(result, run=replace(result.run, fingerprint=fp))
        rendered = {files[kind]: w.write(result) for kind, w in writers.items()}  # type: ignore[attr-defined]
        record = {
            "schema": 1,
            "fingerprint": fp,
            "article": article.name,
            "target_lang": target,
            "provenance": result.run.signature(),
            "files": {p.name: hashlib.sha256(data).hexdigest() for p, data in rendered.items()},
        }
        rendered[sidecar] = (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
        try:
            sidecar.parent.mkdir(parents=True, exist_ok=True)
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            where = str(sidecar.parent)
            raise InputError(f"cannot create the run records: {exc.strerror}", path=where) from exc
        write_all(rendered)
    except (EngineError, InputError) as exc:
        return ItemResult(article=article.name, target_lang=target, status="failed", error=str(exc))
    return ItemResult(
        article=article.name,
        target_lang=target,
        status="done",
        files=tuple(str(p) for p in files.values()),
        segments=len(result.translations),
        findings=sum(i.severity != "info" for i in result.issues),
        engine=result.run.engine,
        model=result.run.model,
        cache_hits=cache_hits,
        tm_hits=sum(t.origin == "tm" for t in result.translations.values()),
    )


def localise(
    document: Document,
    target_lang: str,
    *,
    engine: str = "auto",
    options: EngineOptions | None = None,
    glossaries: Sequence[Glossary] = (),
    checks: Sequence[str] | None = None,
    enforce_terms: bool = True,
) -> LocalisedDocument:
    """Translate one segmented document in memory and run the checks on it (no files involved)."""
    chooser = EngineChooser(engine, options or EngineOptions())
    eng = chooser.engine_for(document.source_lang, target_lang)
    enforcer = TermEnforcer(glossaries) if glossaries and enforce_terms else None
    result = translate_document(document, target_lang, eng, enforcer=enforcer)
    return Checker(glossaries, checks).check_document(result)


# -- check --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckJob:
    """Bilingual files to check, the glossaries to check them against and the checks to run."""

    files: tuple[str, ...]
    glossaries: tuple[str, ...] = ()
    checks: tuple[str, ...] | None = None
    source_lang: str | None = None
    target_lang: str | None = None


def read_units(
    path: str, *, source_lang: str | None = None, target_lang: str | None = None
) -> list[BilingualUnit]:
    """The units of one bilingual file, read by the registered reader for its kind.

    The languages fill in what the file does not declare; without them such a file is refused
    with a message naming ``--source-lang``/``--target-lang``.
    """
    from .formats.bilingual import read_bilingual

    data = read_input(path, what="bilingual file")
    return read_bilingual(data, path=path, source_lang=source_lang, target_lang=target_lang)


def check_files(job: CheckJob) -> CheckReport:
    """Read every file, run the checks on every unit, and report.

    Raises:
        InputError: a file or glossary that cannot be read (nothing is checked then).
    """
    glossaries = [load_glossary(g) for g in job.glossaries]
    checker = Checker(glossaries, job.checks)
    source = langs.normalise_tag(job.source_lang) if job.source_lang else None
    target = langs.normalise_tag(job.target_lang) if job.target_lang else None
    units: list[BilingualUnit] = []
    for path in job.files:
        units.extend(read_units(path, source_lang=source, target_lang=target))
    findings = checker.check_units(units)
    return CheckReport(
        files=tuple(job.files),
        units=tuple((u.file, u.unit) for u in units),
        findings=tuple(findings),
        rules=frozen_map(checker.rules),
    )


__all__ = [
    "DEFAULT_OUTPUTS",
    "CheckJob",
    "ItemResult",
    "Newsl10nError",
    "ProgressEvent",
    "RunReport",
    "TranslateJob",
    "check_files",
    "localise",
    "read_units",
    "recorded_fingerprint",
    "render",
    "translate_files",
]


def _enforce_mode(enforcer: TermEnforcer | None) -> str:
    """The fingerprint's word for term enforcement (``auto``: the engine, fingerprinted too, decides)."""
    if enforcer is None:
        return "check-only"
    return "enforce" if enforcer.method in (None, "auto") else f"enforce:{enforcer.method}"
