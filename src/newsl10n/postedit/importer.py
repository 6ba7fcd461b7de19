"""Importing post-edited files: match units to the article, write the final article, report, fill the TM.

For each reviewed file :func:`import_files`:

1. reads it (:mod:`.reviewed`) and finds its article: ``--article``, else the path the file
   records (XLIFF ``original``, PO ``Project-Id-Version``, the export's ``article``), tried as
   given, then beside the reviewed file;
2. re-reads and re-segments the article with the same reader as ``translate`` did
   (:func:`newsl10n.pipeline.read_document`) and matches each unit to a segment (or, for a
   file with one unit per block, a block) by id, else by the source text;
3. checks every unit and collects *every* problem before giving up (:class:`ImportProblems`):
   a duplicate id, a unit no segment matches, a source that was altered, a segment no unit
   covers, inline codes deleted, added, left unclosed or closed before they open — or, when most
   units do not match, one problem saying the file was made for another article;
4. substitutes the edited targets (inline codes mapped back to the article's own markup), runs
   the checks (:class:`newsl10n.pipeline.Checker`: glossary terms and the other registered
   checks) on the edited text, and writes, all or nothing, ``OUTDIR/<stem>.<lang><ext>`` (the
   article in its own format, ``.article.html`` for HTML) with ``<stem>.<lang>.report.json`` and
   ``.report.txt``;
5. stores the approved units (state ``reviewed`` or ``final``) in the translation memory in one
   transaction.

``--require-final`` refuses (nothing written) while any unit is not reviewed or final (XLIFF 1.2
``signed-off``/``final``, a PO entry that is translated and not fuzzy). Importing the same file
twice writes the same bytes and adds nothing new to the TM.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..formats.article import ArticleWriter, article_format
from ..glossary import load_glossary
from ..inputs import read_input
from ..langs import normalise_tag
from ..model import (
    PLACEHOLDER_RE,
    BilingualUnit,
    Block,
    Code,
    Document,
    Issue,
    LocalisedDocument,
    Origin,
    RunInfo,
    Segment,
    Translation,
)
from ..outputs import prepare_dir, write_all
from ..pipeline import Checker, format_for_path, read_document, read_srx
from ..tm.store import TmEntry, TranslationMemory, normalise
from ..version import __version__
from .reviewed import ReviewedFile, read_reviewed

APPROVED = frozenset({"reviewed", "final"})


class ImportProblems(InputError):
    """A reviewed file (or several) that cannot be imported; ``problems`` lists every one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__((self.problems[0] if self.problems else "nothing to import") + more)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportJob:
    """What to import and where the results go."""

    files: tuple[str, ...]
    outdir: Path = Path("final")
    tm: str | None = None
    """The translation memory file; None: the default (``NEWSL10N_TM``, the XDG data dir)."""
    use_tm: bool = True
    require_final: bool = False
    article: str | None = None
    """The original article, when the file's recorded path does not lead to it."""
    fmt: str | None = None
    source_lang: str | None = None
    srx: str | None = None
    glossaries: tuple[str, ...] = ()
    checks: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentOutcome:
    """What the import found for one segment (or a whole block, for a unit per block)."""

    segment: str
    unit: str
    kind: str
    state: str
    origin: Origin
    edited: bool | None
    """True when the target differs from the machine draft; None when no draft was found."""
    source: str
    target: str
    findings: tuple[Issue, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "segment": self.segment,
            "unit": self.unit,
            "kind": self.kind,
            "state": self.state,
            "origin": self.origin,
            "edited": self.edited,
            "source": self.source,
            "target": self.target,
            "findings": [
                {"code": i.code, "severity": i.severity, "message": i.message} for i in self.findings
            ],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """One reviewed file imported: the article written and what each segment became."""

    file: str
    article: str
    target_lang: str
    output: str
    report: str
    segments: tuple[SegmentOutcome, ...]
    findings: tuple[Issue, ...] = ()
    result: LocalisedDocument | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Units, edited, approved (reviewed or final), unreviewed, untranslated and findings."""
        return {
            "units": len(self.segments),
            "edited": sum(s.edited is True for s in self.segments),
            "approved": sum(s.state in APPROVED for s in self.segments),
            "unreviewed": sum(s.state == "translated" for s in self.segments),
            "untranslated": sum(s.state == "initial" for s in self.segments),
            "findings": sum(i.severity != "info" for i in self.findings),
        }

    def to_dict(self) -> dict[str, object]:
        """The report file's content (``schema`` 1); no timestamps, so a re-import writes the same."""
        return {
            "schema": 1,
            "tool": f"newsl10n {__version__}",
            "file": self.file,
            "article": self.article,
            "target_lang": self.target_lang,
            "output": self.output,
            "summary": self.counts,
            "segments": [s.to_dict() for s in self.segments],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """Every file imported, and what the translation memory received."""

    results: tuple[ImportResult, ...]
    tm_path: str = ""
    tm_added: int = 0
    tm_unchanged: int = 0
    warnings: tuple[str, ...] = ()


@dataclass
class _Prepared:
    result: ImportResult
    outputs: dict[Path, bytes]
    entries: list[TmEntry]
    unapproved: list[str] = field(default_factory=list)


def import_files(job: ImportJob) -> ImportReport:
    """Import reviewed files (see the module docstring).

    Raises:
        ImportProblems: a file that cannot be imported, with every problem found; nothing written.
        InputError: an unreadable file, article or glossary, or a TM that is not one or is locked.
    """
    if not job.files:
        raise InputError("no reviewed file given")
    glossaries = [load_glossary(g) for g in job.glossaries]
    checker = Checker(glossaries, job.checks)
    srx = read_srx(job.srx) if job.srx else None
    tm = TranslationMemory(job.tm) if job.use_tm else None
    try:
        problems: list[str] = []
        prepared: list[_Prepared] = []
        for path in job.files:
            try:
                prepared.append(_prepare(path, job, checker, srx))
            except ImportProblems as exc:
                problems.extend(exc.problems)
        if problems:
            raise ImportProblems(problems)
        outputs: dict[Path, bytes] = {}
        for p in prepared:
            clash = [o for o in p.outputs if o in outputs]
            if clash:
                raise ImportProblems(
                    [f"{p.result.file}: its output {clash[0]} is also another file's; import them separately"]
                )
            outputs.update(p.outputs)
        if job.require_final:
            refused = [u for p in prepared for u in p.unapproved]
            if refused:
                head = f"--require-final: {len(refused)} units are not reviewed or final; nothing published"
                raise ImportProblems([head, *refused])
        prepare_dir(job.outdir)
        write_all(outputs)
        added = unchanged = 0
        if tm is not None:
            stored = tm.add(e for p in prepared for e in p.entries)
            added, unchanged = stored.added, stored.unchanged
        return ImportReport(
            results=tuple(p.result for p in prepared),
            tm_path=str(tm.path) if tm is not None else "",
            tm_added=added,
            tm_unchanged=unchanged,
            warnings=tuple(tm.warnings) if tm is not None else (),
        )
    finally:
        if tm is not None:
            tm.close()


# -- finding the article --------------------------------------------------------------------------


def find_article(recorded: str, reviewed_path: str, given: str | None) -> Path:
    """The article file: ``given``, else ``recorded`` as is, else beside the reviewed file.

    Raises:
        InputError: no candidate exists (the message says to pass ``--article``).
    """
    if given:
        return Path(given)
    if not recorded:
        raise InputError(
            "records no original article; pass --article PATH to say which article it translates",
            path=reviewed_path,
        )
    here = Path(reviewed_path).resolve().parent
    rec = Path(recorded)
    candidates = [rec] if rec.is_absolute() else [rec, here / rec, here.parent / rec]
    candidates += [here / rec.name, here.parent / rec.name]
    for c in candidates:
        if c.is_file():
            return c
    raise InputError(
        f"the original article {recorded!r} it records cannot be found (looked as given and beside "
        "this file); pass --article PATH",
        path=reviewed_path,
    )


# -- matching ---------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return normalise(PLACEHOLDER_RE.sub("", text))


def _where(u: BilingualUnit) -> str:
    return f"{u.file}:{u.line}" if u.line else u.file


def _short(text: str, n: int = 60) -> str:
    text = normalise(text)
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class _Match:
    unit: BilingualUnit
    block: Block
    segment: Segment | None
    """None: the unit translates the whole block."""
    target: str | None
    """The target with the article's placeholders; None when untranslated."""


def _resolve(uid: str, segs: dict[str, tuple[Block, Segment]], blocks: dict[str, Block]) -> str | None:
    tail = uid.split("#", 1)[-1]
    for cand in (uid, tail, tail.rsplit("/", 1)[-1], tail.split("|", 1)[0], tail.split("/", 1)[0]):
        if cand in segs or cand in blocks:
            return cand
    return None


def _codes_of(text: str, block: Block) -> list[tuple[str, int]]:
    ids = {c.id for c in block.codes}
    return [(m.group(1), int(m.group(2))) for m in PLACEHOLDER_RE.finditer(text) if int(m.group(2)) in ids]


def _describe(code: Code, closing: bool) -> str:
    markup = code.closing if closing else code.opening
    return (
        f"⟦{'/' if closing else ''}{code.id}⟧ ({markup})"
        if markup
        else f"⟦{'/' if closing else ''}{code.id}⟧"
    )


def _map_target(u: BilingualUnit, content: str, block: Block) -> tuple[str | None, list[str]]:
    """The unit's target with the article's code ids, and what is wrong with its inline codes."""
    where = f"{_where(u)}: unit {u.unit}"
    tagged_source = u.tagged_source or u.source
    tagged_target = u.tagged_target or u.target
    if not normalise(tagged_target):
        return None, []
    expected = _codes_of(content, block)
    found = [(m.group(1), int(m.group(2))) for m in PLACEHOLDER_RE.finditer(tagged_source)]
    problems: list[str] = []
    mapping: dict[int, int] = {}
    if [s for s, _ in found] == [s for s, _ in expected]:
        for (_, a), (_, b) in zip(found, expected, strict=True):
            if mapping.setdefault(a, b) != b:
                problems.append(f"{where}: the inline codes of the source were renumbered inconsistently")
                break
    else:
        problems.append(
            f"{where}: the inline codes of the source were changed (the article has "
            f"{''.join(f'⟦{s}{i}⟧' for s, i in expected) or 'none'}, the file "
            f"{''.join(f'⟦{s}{i}⟧' for s, i in found) or 'none'})"
        )
        return None, problems
    unknown: list[str] = []

    def sub(m: object) -> str:
        g = m.group  # type: ignore[attr-defined]
        cid = int(g(2))
        if cid not in mapping:
            unknown.append(g(0))
            return str(g(0))
        return f"⟦{g(1)}{mapping[cid]}⟧"

    target = PLACEHOLDER_RE.sub(sub, tagged_target).strip()
    for tag in dict.fromkeys(unknown):
        problems.append(f"{where}: the target has the inline code {tag}, which its source does not have")
    want = Counter(expected)
    have = Counter(_codes_of(target, block))
    for (slash, cid), n in sorted(want.items(), key=lambda kv: kv[0][1]):
        code = block.code(cid)
        if have[(slash, cid)] < n:
            problems.append(
                f"{where}: the inline code {_describe(code, bool(slash))} was deleted from the target"
            )
        elif have[(slash, cid)] > n:
            problems.append(
                f"{where}: the inline code {_describe(code, bool(slash))} appears more often in the target"
            )
    # Pairs whose two ends are both in this source must open before they close, well nested.
    both = {cid for (slash, cid) in want if ("", cid) in want and ("/", cid) in want}
    stack: list[int] = []
    for slash, cid in _codes_of(target, block):
        if cid not in both:
            continue
        if not slash:
            stack.append(cid)
        elif cid not in stack:
            problems.append(
                f"{where}: the inline code {_describe(block.code(cid), True)} closes before it opens"
            )
        else:
            if stack[-1] != cid:
                problems.append(
                    f"{where}: the inline codes ⟦{stack[-1]}⟧ and ⟦{cid}⟧ overlap instead of nesting"
                )
            stack.remove(cid)
    for cid in stack:
        if have[("/", cid)] >= want[("/", cid)]:
            continue
        problems.append(
            f"{where}: the inline code {_describe(block.code(cid), False)} is opened but never closed"
        )
    return (None if problems else target), problems


def _match_units(reviewed: ReviewedFile, document: Document, article: str) -> tuple[list[_Match], list[str]]:
    segs = {s.id: (b, s) for b in document.blocks for s in b.segments}
    blocks = {b.id: b for b in document.blocks if b.segments}
    by_text: dict[str, list[str]] = {}
    for sid, (_b, s) in segs.items():
        by_text.setdefault(_key(s.content), []).append(sid)
    for b in blocks.values():
        by_text.setdefault(_key(b.text), []).append(b.id)
    problems: list[str] = []
    mismatched = 0
    seen: dict[str, BilingualUnit] = {}
    taken: dict[str, str] = {}
    matches: list[_Match] = []
    for u in reviewed.units:
        where = f"{_where(u)}: unit {u.unit}"
        if u.unit in seen:
            first = seen[u.unit]
            also = f" (first at line {first.line})" if first.line else ""
            problems.append(f"{where}: the id is used twice{also}")
            continue
        seen[u.unit] = u
        target_id = _resolve(u.unit, segs, blocks)
        if target_id is None:
            free = [t for t in by_text.get(_key(u.source), []) if t not in taken]
            target_id = free[0] if len(free) == 1 else None
        if target_id is None:
            mismatched += 1
            problems.append(
                f'{where}: no segment of {article} has this id or this source ("{_short(u.source)}")'
            )
            continue
        if target_id in segs:
            block, seg = segs[target_id]
            content: str = seg.content
            segment: Segment | None = seg
        else:
            block = blocks[target_id]
            if len(block.segments) == 1:
                segment, content = block.segments[0], block.segments[0].content
            else:
                segment, content = None, block.text
        if _key(content) != _key(u.source):
            mismatched += 1
            problems.append(
                f'{where}: the source text was altered (the article has "{_short(_key(content))}", '
                f'the file "{_short(_key(u.source))}")'
            )
            continue
        covered = [segment.id] if segment is not None else [s.id for s in block.segments]
        for sid in covered:
            if sid in taken:
                problems.append(f"{where}: segment {sid} is already translated by unit {taken[sid]}")
        if any(sid in taken for sid in covered):
            continue
        for sid in covered:
            taken[sid] = u.unit
        target, code_problems = _map_target(u, content, block)
        problems.extend(code_problems)
        matches.append(_Match(unit=u, block=block, segment=segment, target=target))
    units = len(reviewed.units)
    if units and mismatched > max(1, units // 2):
        recorded = f" (it records {reviewed.article!r})" if reviewed.article else ""
        return [], [
            f"{reviewed.path}: this file was made for another article{recorded}: {mismatched} of its "
            f"{units} units do not match {article}"
        ]
    for sid, (_b, s) in segs.items():
        if sid not in taken:
            problems.append(f'{reviewed.path}: segment {sid} ("{_short(s.content)}") has no unit in the file')
    return matches, problems


# -- one file -------------------------------------------------------------------------------------


def _drafts_beside(reviewed: ReviewedFile, article: str, stem: str, target_lang: str) -> dict[str, str]:
    """Segment id → machine draft, from the JSONL that ``translate`` wrote beside the reviewed file."""
    if reviewed.drafts:
        return reviewed.drafts
    jsonl = Path(reviewed.path).resolve().parent / f"{stem}.{target_lang}.jsonl"
    try:
        lines = jsonl.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    drafts: dict[str, str] = {}
    for line in lines:
        try:
            row = json.loads(line)
        except ValueError:
            return {}
        if not isinstance(row, dict) or str(row.get("doc")) != article:
            return {}
        drafts[str(row.get("segment"))] = str(row.get("target") or "")
    return drafts


def _prepare(path: str, job: ImportJob, checker: Checker, srx: object) -> _Prepared:
    data = read_input(path, what="reviewed file")
    reviewed = read_reviewed(data, path=path, source_lang=job.source_lang)
    if not reviewed.units:
        raise ImportProblems([f"{path}: the file has no translation units"])
    if "seg:srx:" in reviewed.signature and srx is None:
        raise ImportProblems(
            [f"{path}: it was segmented with an SRX file ({reviewed.signature}); pass the same --srx"]
        )
    langs_seen = {(u.source_lang, u.target_lang) for u in reviewed.units}
    if len(langs_seen) > 1:
        raise ImportProblems(
            [f"{path}: it mixes language pairs {sorted(langs_seen)}; import one pair per file"]
        )
    source_lang, target_lang = next(iter(langs_seen))
    if job.source_lang:
        source_lang = normalise_tag(job.source_lang)
    article_path = find_article(reviewed.article, path, job.article)
    doc_id = reviewed.article if reviewed.article and not job.article else str(article_path)
    fmt = job.fmt or format_for_path(article_path)
    document = read_document(
        read_input(article_path, what="article file"),
        doc_id=doc_id,
        source_lang=source_lang,
        fmt=fmt,
        srx=srx,  # type: ignore[arg-type]
    )
    matches, problems = _match_units(reviewed, document, str(article_path))
    if problems:
        raise ImportProblems(problems)
    stem, suffix = article_path.stem, article_path.suffix
    drafts = _drafts_beside(reviewed, doc_id, stem, target_lang)
    translations: dict[str, Translation] = {}
    blocks: list[Block] = []
    whole = {m.block.id: m for m in matches if m.segment is None}
    per_seg = {m.segment.id: m for m in matches if m.segment is not None}
    outcome_of: dict[str, tuple[_Match, str, bool | None, Origin]] = {}
    for block in document.blocks:
        if block.id in whole:
            merged = Segment(
                id=block.segments[0].id, block_id=block.id, start=0, end=len(block.text), text=block.text
            )
            block = replace(block, segments=(merged,))
            pairs = [(merged, whole[block.id])]
        else:
            pairs = [(s, per_seg[s.id]) for s in block.segments]
        blocks.append(block)
        for seg, m in pairs:
            state = m.unit.state if m.target is not None else "initial"
            draft = drafts.get(seg.id, drafts.get(m.unit.unit))
            edited = None if draft is None or m.target is None else normalise(m.target) != normalise(draft)
            origin: Origin = "copy" if m.target is None else "human" if state in APPROVED or edited else "mt"
            translations[seg.id] = Translation(
                segment_id=seg.id,
                target_lang=target_lang,
                text=m.target if m.target is not None else seg.content,
                origin=origin,
                engine="post-edit" if origin == "human" else "",
            )
            outcome_of[seg.id] = (m, state, edited, origin)
    document = replace(document, blocks=tuple(blocks))
    run = RunInfo(
        tool_version=__version__,
        segmenter=document.meta.get("segmenter", ""),
        engine="post-edit",
        model=Path(path).name,
    )
    result = checker.check_document(
        LocalisedDocument(document=document, target_lang=target_lang, translations=translations, run=run)
    )
    writer = ArticleWriter()
    out_article = job.outdir / writer.file_name(stem, target_lang, suffix)
    outcomes: list[SegmentOutcome] = []
    entries: list[TmEntry] = []
    unapproved: list[str] = []
    for block in result.document.blocks:
        for seg in block.segments:
            m, state, edited, origin = outcome_of[seg.id]
            tr = result.translations[seg.id]
            outcomes.append(
                SegmentOutcome(
                    segment=seg.id,
                    unit=m.unit.unit,
                    kind=block.kind,
                    state=state,
                    origin=origin,
                    edited=edited,
                    source=seg.content,
                    target=tr.text,
                    findings=tr.issues,
                )
            )
            if state not in APPROVED:
                unapproved.append(f"{_where(m.unit)}: unit {m.unit.unit} is {state}, not reviewed or final")
            if state in APPROVED and m.target is not None:
                used = {cid for _, cid in _codes_of(seg.content, block)}
                entries.append(
                    TmEntry(
                        source=seg.content,
                        target=m.target,
                        source_lang=document.source_lang,
                        target_lang=target_lang,
                        context=block.kind,
                        article=doc_id,
                        unit=seg.id,
                        origin="human",
                        state=state,
                        provenance=str(path),
                        codes=tuple(c for c in block.codes if c.id in used),
                    )
                )
    report_json = job.outdir / f"{stem}.{target_lang}.report.json"
    report_txt = job.outdir / f"{stem}.{target_lang}.report.txt"
    imported = ImportResult(
        file=str(path),
        article=str(article_path),
        target_lang=target_lang,
        output=str(out_article),
        report=str(report_json),
        segments=tuple(outcomes),
        findings=result.issues,
        result=result,
    )
    outputs = {
        out_article: article_format(document.format).write_localised(result),
        report_json: (json.dumps(imported.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        report_txt: render_report(imported).encode("utf-8"),
    }
    return _Prepared(result=imported, outputs=outputs, entries=entries, unapproved=unapproved)


def render_report(r: ImportResult) -> str:
    """The import report as text: the counts, then what was edited, what is unreviewed, the findings."""
    c = r.counts
    lines = [
        f"Import of {r.file} into {r.output}",
        f"article: {r.article} → {r.target_lang}",
        f"{c['units']} segments: {c['edited']} edited, {c['approved']} reviewed or final, "
        f"{c['unreviewed']} unreviewed, {c['untranslated']} untranslated; {c['findings']} findings",
    ]
    sections = (
        ("Edited", [s for s in r.segments if s.edited]),
        ("Still unreviewed", [s for s in r.segments if s.state == "translated"]),
        ("Untranslated (the source was kept)", [s for s in r.segments if s.state == "initial"]),
    )
    for title, items in sections:
        if items:
            lines += ["", f"{title}:"]
            lines += [f"  {s.segment} [{s.state}] {_short(s.target, 90)}" for s in items]
    flagged = [(s, i) for s in r.segments for i in s.findings]
    if flagged:
        lines += ["", "Findings:"]
        lines += [f"  {s.segment}: {i.severity}: {i.message}" for s, i in flagged]
    return "\n".join(lines) + "\n"
