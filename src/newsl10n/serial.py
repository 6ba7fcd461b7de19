"""JSON shapes of the data model: ``to_dict``/``from_dict`` per type, each shape written down as a TypedDict.

These are the shapes of newsl10n's JSONL rows, the ``check --format json`` report, ``segment
--json`` and the run report; they are stable within a ``schema`` number. Every ``from_dict``
inverts its ``to_dict``: ``span_from_dict(span_to_dict(s)) == s``.
"""

from __future__ import annotations

from typing import TypedDict, cast

from .model import (
    Block,
    BlockKind,
    Candidate,
    CheckReport,
    Code,
    CodeKind,
    Document,
    Finding,
    Issue,
    LocalisedDocument,
    Origin,
    RunInfo,
    Segment,
    Severity,
    Slot,
    Span,
    Translation,
    frozen_map,
)

SCHEMA = 1


class CodeDict(TypedDict):
    id: int
    kind: str
    type: str
    opening: str
    closing: str


class SpanDict(TypedDict):
    id: str
    start: int
    end: int
    kind: str
    value: str
    attrs: dict[str, str]


class SegmentDict(TypedDict):
    id: str
    start: int
    end: int
    text: str
    spans: list[SpanDict]


class BlockDict(TypedDict):
    id: str
    kind: str
    text: str
    translatable: bool
    codes: list[CodeDict]
    segments: list[SegmentDict]


class SlotDict(TypedDict):
    slot: str
    line_prefix: str
    raw: str
    attribute: bool


class DocumentDict(TypedDict):
    schema: int
    doc: str
    format: str
    source_lang: str
    segmenter: str
    meta: dict[str, str]
    blocks: list[BlockDict]
    skeleton: list[str | SlotDict]


class IssueDict(TypedDict):
    code: str
    severity: str
    message: str
    segment_id: str | None
    attrs: dict[str, str]


class CandidateDict(TypedDict):
    source: str
    target: str
    score: float
    origin: str


class TranslationDict(TypedDict):
    segment_id: str
    target_lang: str
    text: str
    origin: str
    engine: str
    score: float | None
    spans: list[SpanDict]
    issues: list[IssueDict]
    candidates: list[CandidateDict]


class RunInfoDict(TypedDict):
    tool_version: str
    segmenter: str
    engine: str
    model: str
    revision: str
    glossary_hash: str
    fingerprint: str
    signature: str


class FindingDict(TypedDict):
    file: str
    unit: str
    line: int | None
    target_lang: str
    kind: str
    severity: str
    message: str
    check: str
    source_term: str
    concept: str
    expected: list[str]
    found: str
    attrs: dict[str, str]


class JsonlIssueDict(TypedDict):
    code: str
    severity: str
    message: str


class TermRecordDict(TypedDict):
    """How one glossary term of a segment was satisfied in its translation (term enforcement)."""

    concept: str
    source: str
    target: str
    satisfied: str
    """``model``, ``nbest``, ``constraint``, ``placeholder``, ``repair`` or ``none``."""


class _JsonlRowOptional(TypedDict, total=False):
    terms: list[TermRecordDict]
    """Present when glossary terms were enforced: one record per source term."""


class JsonlRowDict(_JsonlRowOptional):
    """One line of the JSONL output: a segment, its translation and where it comes from."""

    schema: int
    doc: str
    block: str
    kind: str
    segment: str
    start: int
    end: int
    source_lang: str
    target_lang: str
    source: str
    target: str | None
    origin: str | None
    engine: str | None
    issues: list[JsonlIssueDict]
    provenance: str


class CheckReportDict(TypedDict):
    schema: int
    files: list[str]
    units: list[list[str]]
    findings: list[FindingDict]


def code_to_dict(c: Code) -> CodeDict:
    return {"id": c.id, "kind": c.kind, "type": c.ctype, "opening": c.opening, "closing": c.closing}


def code_from_dict(d: CodeDict) -> Code:
    return Code(
        id=d["id"],
        kind=cast(CodeKind, d["kind"]),
        ctype=d["type"],
        opening=d["opening"],
        closing=d["closing"],
    )


def span_to_dict(s: Span) -> SpanDict:
    return {
        "id": s.id,
        "start": s.start,
        "end": s.end,
        "kind": s.kind,
        "value": s.value,
        "attrs": dict(s.attrs),
    }


def span_from_dict(d: SpanDict) -> Span:
    return Span(
        id=d["id"],
        start=d["start"],
        end=d["end"],
        kind=d["kind"],
        value=d["value"],
        attrs=frozen_map(d.get("attrs", {})),
    )


def segment_to_dict(s: Segment) -> SegmentDict:
    return {
        "id": s.id,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "spans": [span_to_dict(x) for x in s.spans],
    }


def segment_from_dict(d: SegmentDict, block_id: str) -> Segment:
    return Segment(
        id=d["id"],
        block_id=block_id,
        start=d["start"],
        end=d["end"],
        text=d["text"],
        spans=tuple(span_from_dict(x) for x in d.get("spans", [])),
    )


def block_to_dict(b: Block) -> BlockDict:
    return {
        "id": b.id,
        "kind": b.kind,
        "text": b.text,
        "translatable": b.translatable,
        "codes": [code_to_dict(c) for c in b.codes],
        "segments": [segment_to_dict(s) for s in b.segments],
    }


def block_from_dict(d: BlockDict) -> Block:
    return Block(
        id=d["id"],
        kind=cast(BlockKind, d["kind"]),
        text=d["text"],
        translatable=d.get("translatable", True),
        codes=tuple(code_from_dict(c) for c in d["codes"]),
        segments=tuple(segment_from_dict(s, d["id"]) for s in d["segments"]),
    )


def document_to_dict(doc: Document) -> DocumentDict:
    skeleton: list[str | SlotDict] = [
        part
        if isinstance(part, str)
        else {
            "slot": part.block_id,
            "line_prefix": part.line_prefix,
            "raw": part.raw,
            "attribute": part.attribute,
        }
        for part in doc.skeleton
    ]
    return {
        "schema": SCHEMA,
        "doc": doc.id,
        "format": doc.format,
        "source_lang": doc.source_lang,
        "segmenter": doc.meta.get("segmenter", ""),
        "meta": dict(doc.meta),
        "blocks": [block_to_dict(b) for b in doc.blocks],
        "skeleton": skeleton,
    }


def document_from_dict(d: DocumentDict) -> Document:
    skeleton = tuple(
        part
        if isinstance(part, str)
        else Slot(
            block_id=part["slot"],
            line_prefix=part["line_prefix"],
            raw=part["raw"],
            attribute=part["attribute"],
        )
        for part in d["skeleton"]
    )
    return Document(
        id=d["doc"],
        source_lang=d["source_lang"],
        format=d["format"],
        blocks=tuple(block_from_dict(b) for b in d["blocks"]),
        skeleton=skeleton,
        meta=frozen_map(d.get("meta", {})),
    )


def issue_to_dict(i: Issue) -> IssueDict:
    return {
        "code": i.code,
        "severity": i.severity,
        "message": i.message,
        "segment_id": i.segment_id,
        "attrs": dict(i.attrs),
    }


def issue_from_dict(d: IssueDict) -> Issue:
    return Issue(
        code=d["code"],
        severity=cast(Severity, d["severity"]),
        message=d["message"],
        segment_id=d.get("segment_id"),
        attrs=frozen_map(d.get("attrs", {})),
    )


def translation_to_dict(t: Translation) -> TranslationDict:
    return {
        "segment_id": t.segment_id,
        "target_lang": t.target_lang,
        "text": t.text,
        "origin": t.origin,
        "engine": t.engine,
        "score": t.score,
        "spans": [span_to_dict(s) for s in t.spans],
        "issues": [issue_to_dict(i) for i in t.issues],
        "candidates": [
            {"source": c.source, "target": c.target, "score": c.score, "origin": c.origin}
            for c in t.candidates
        ],
    }


def translation_from_dict(d: TranslationDict) -> Translation:
    return Translation(
        segment_id=d["segment_id"],
        target_lang=d["target_lang"],
        text=d["text"],
        origin=cast(Origin, d["origin"]),
        engine=d["engine"],
        score=d.get("score"),
        spans=tuple(span_from_dict(s) for s in d.get("spans", [])),
        issues=tuple(issue_from_dict(i) for i in d.get("issues", [])),
        candidates=tuple(
            Candidate(
                source=c["source"], target=c["target"], score=c["score"], origin=cast(Origin, c["origin"])
            )
            for c in d.get("candidates", [])
        ),
    )


def run_to_dict(r: RunInfo) -> RunInfoDict:
    return {
        "tool_version": r.tool_version,
        "segmenter": r.segmenter,
        "engine": r.engine,
        "model": r.model,
        "revision": r.revision,
        "glossary_hash": r.glossary_hash,
        "fingerprint": r.fingerprint,
        "signature": r.signature(),
    }


def run_from_dict(d: RunInfoDict) -> RunInfo:
    return RunInfo(
        tool_version=d["tool_version"],
        segmenter=d["segmenter"],
        engine=d["engine"],
        model=d["model"],
        revision=d["revision"],
        glossary_hash=d["glossary_hash"],
        fingerprint=d["fingerprint"],
    )


def finding_to_dict(f: Finding) -> FindingDict:
    """A finding; the terminology evidence (source term, concept, expected, found) has its own keys."""
    return {
        "file": f.file,
        "unit": f.unit,
        "line": f.line,
        "target_lang": f.target_lang,
        "kind": f.kind,
        "severity": f.severity,
        "message": f.message,
        "check": f.check,
        "source_term": f.attrs.get("source_term", ""),
        "concept": f.attrs.get("concept", ""),
        "expected": f.attrs.get("expected", "").splitlines(),
        "found": f.attrs.get("found", ""),
        "attrs": dict(f.attrs),
    }


def finding_from_dict(d: FindingDict) -> Finding:
    return Finding(
        file=d["file"],
        unit=d["unit"],
        line=d["line"],
        target_lang=d["target_lang"],
        kind=d["kind"],
        severity=cast(Severity, d["severity"]),
        message=d["message"],
        check=d.get("check", ""),
        attrs=frozen_map(d.get("attrs", {})),
    )


def jsonl_row(result: LocalisedDocument, block: Block, seg: Segment, signature: str) -> JsonlRowDict:
    """The JSONL row of one segment of a localised document."""
    tr = result.translation(seg.id)
    row: JsonlRowDict = {
        "schema": SCHEMA,
        "doc": result.document.id,
        "block": block.id,
        "kind": block.kind,
        "segment": seg.id,
        "start": seg.start,
        "end": seg.end,
        "source_lang": result.document.source_lang,
        "target_lang": result.target_lang,
        "source": seg.content,
        "target": tr.text if tr else None,
        "origin": tr.origin if tr else None,
        "engine": tr.engine if tr else None,
        "issues": [
            {"code": i.code, "severity": i.severity, "message": i.message} for i in (tr.issues if tr else ())
        ],
        "provenance": signature,
    }
    terms = term_records(seg, tr)
    if terms:
        row["terms"] = terms
    return row


def term_records_line(records: list[TermRecordDict]) -> str:
    """The records in one line for people (XLIFF notes, the review page):
    ``SCO → OCX (repair); ChatGPT → ChatGPT (model)``."""
    return "; ".join(
        f"{r['source'] or r['concept']} → {r['target'] or '—'} ({r['satisfied']})" for r in records
    )


def term_records(seg: Segment, tr: Translation | None) -> list[TermRecordDict]:
    """The enforcement record of every glossary term of a segment (empty when none was enforced).

    The target spans that term enforcement wrote carry ``attrs["satisfied"]``; each shares its
    ``id`` with the source term span it answers.
    """
    if tr is None:
        return []
    sources = {s.id: s for s in seg.spans if s.kind == "term"}
    out: list[TermRecordDict] = []
    for sp in tr.spans:
        how = sp.attrs.get("satisfied")
        if sp.kind != "term" or not how:
            continue
        src = sources.get(sp.id)
        out.append(
            {
                "concept": sp.value,
                "source": seg.content[src.start : src.end] if src is not None else "",
                "target": tr.text[sp.start : sp.end] if how != "none" else "",
                "satisfied": how,
            }
        )
    return out


def check_report_to_dict(r: CheckReport) -> CheckReportDict:
    return {
        "schema": SCHEMA,
        "files": list(r.files),
        "units": [[f, u] for f, u in r.units],
        "findings": [finding_to_dict(f) for f in r.findings],
    }


def check_report_from_dict(d: CheckReportDict) -> CheckReport:
    return CheckReport(
        files=tuple(d["files"]),
        units=tuple((f, u) for f, u in d["units"]),
        findings=tuple(finding_from_dict(f) for f in d["findings"]),
    )
