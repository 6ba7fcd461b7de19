"""The YAML glossary form, for editing by hand.

    source_lang: en
    concepts:
      - id: sco
        subject: organisation
        note: Intergovernmental organisation founded in 2001.
        en: Shanghai Cooperation Organisation
        ru:
          - Шанхайская организация сотрудничества
          - {term: ШОС, status: admitted}
          - {term: Шанхайская организация по сотрудничеству, status: deprecated}
      - id: tiktok
        dnt: true
        en: TikTok

Concept keys are ``id``, ``note``, ``subject``, ``source`` and ``dnt``; every other key is a
language tag whose value is a term, or a list of terms, each a string (preferred) or a mapping
with ``term`` and optional ``status``, ``case`` (sensitive/insensitive) and ``note``.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import ConfigError, FormatError, GlossaryError
from ..langs import normalise_tag
from .model import STATUSES, Concept, Glossary, Term

_CONCEPT_KEYS = {"id", "note", "subject", "source", "dnt", "__line__"}


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping (as ``__line__``) for messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(data: bytes, *, path: str) -> Glossary:
    try:
        doc = yaml.load(data.decode("utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        raise FormatError("not valid UTF-8", path=path) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FormatError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", path=path, line=mark.line + 1 if mark else None
        ) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("concepts"), list):
        raise FormatError("expected a mapping with a 'concepts' list", path=path, line=1)
    try:
        source_lang = normalise_tag(str(doc.get("source_lang", "en")))
    except ConfigError as exc:
        raise FormatError(str(exc), path=path, line=doc.get("__line__")) from exc
    problems: list[str] = []
    concepts: list[Concept] = []
    for n, item in enumerate(doc["concepts"], start=1):
        if not isinstance(item, dict):
            problems.append(f"{path}: concept #{n} is not a mapping")
            continue
        line = int(item.get("__line__", 0)) or None
        where = f"{path}:{line}"
        terms: list[Term] = []
        for key, value in item.items():
            if key in _CONCEPT_KEYS:
                continue
            try:
                lang = normalise_tag(str(key))
            except ConfigError:
                problems.append(
                    f"{where}: {key!r} is neither a language tag nor one of id, note, subject, source, dnt"
                )
                continue
            for entry in value if isinstance(value, list) else [value]:
                term = _term(entry, lang, where, problems)
                if term is not None:
                    terms.append(term)
        if not terms:
            problems.append(f"{where}: concept {item.get('id', n)!r} has no terms")
            continue
        dnt = item.get("dnt", False)
        if not isinstance(dnt, bool):
            problems.append(f"{where}: dnt must be true or false")
            continue
        concepts.append(
            Concept(
                id=str(item.get("id") or f"c{n}"),
                terms=tuple(terms),
                dnt=dnt,
                note=str(item.get("note", "")),
                subject=str(item.get("subject", "")),
                source=str(item.get("source", "")),
                line=line,
            )
        )
    if problems:
        raise GlossaryError(problems)
    if not concepts:
        raise FormatError("the glossary has no concepts", path=path)
    return Glossary(concepts=tuple(concepts), source_lang=source_lang, path=path)


def _term(entry: object, lang: str, where: str, problems: list[str]) -> Term | None:
    if isinstance(entry, str):
        return Term(text=entry.strip(), lang=lang) if entry.strip() else None
    if not isinstance(entry, dict) or not str(entry.get("term", "")).strip():
        problems.append(f"{where}: a {lang} term must be a string or a mapping with 'term'")
        return None
    status = str(entry.get("status", "preferred"))
    if status == "superseded":
        status = "deprecated"
    if status not in STATUSES:
        problems.append(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
        return None
    case = entry.get("case")
    if case not in (None, "sensitive", "insensitive"):
        problems.append(f"{where}: case {case!r} must be sensitive or insensitive")
        return None
    return Term(
        text=str(entry["term"]).strip(),
        lang=lang,
        status=status,
        case_sensitive=None if case is None else case == "sensitive",
        note=str(entry.get("note", "")),
    )


def write_yaml(glossary: Glossary) -> bytes:
    concepts: list[dict[str, Any]] = []
    for c in glossary.concepts:
        item: dict[str, Any] = {"id": c.id}
        for key in ("subject", "note", "source"):
            if getattr(c, key):
                item[key] = getattr(c, key)
        if c.dnt:
            item["dnt"] = True
        for lang in c.languages:
            entries: list[Any] = []
            for t in c.terms:
                if t.lang != lang:
                    continue
                if t.status == "preferred" and t.case_sensitive is None and not t.note:
                    entries.append(t.text)
                    continue
                e: dict[str, Any] = {"term": t.text}
                if t.status != "preferred":
                    e["status"] = t.status
                if t.case_sensitive is not None:
                    e["case"] = "sensitive" if t.case_sensitive else "insensitive"
                if t.note:
                    e["note"] = t.note
                entries.append(e)
            item[lang] = entries[0] if len(entries) == 1 else entries
        concepts.append(item)
    text = yaml.safe_dump(
        {"source_lang": glossary.source_lang, "concepts": concepts},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return text.encode("utf-8")
