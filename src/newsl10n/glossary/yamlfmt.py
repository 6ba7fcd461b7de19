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
with ``term`` and optional ``status``, ``case`` (sensitive/insensitive), ``note``, ``gender``
(masculine/feminine/neuter/other) and ``number`` (singular/plural/other).

Aliases and merge keys are refused (a few kilobytes of nested aliases expand to gigabytes), and so
is nesting deeper than :data:`MAX_DEPTH`; every parse or shape error is a :class:`GlossaryError`
naming the file and line.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import ConfigError, FormatError, GlossaryError
from ..langs import normalise_tag
from ..textio import decode_text
from .model import GENDERS, NUMBERS, STATUSES, Concept, Gender, Glossary, Number, Term

_CONCEPT_KEYS = {"id", "note", "subject", "source", "dnt", "__line__"}


MAX_DEPTH = 32
"""The deepest nesting of lists and mappings a glossary may have (a real one needs four)."""


class YamlGlossaryError(GlossaryError, FormatError):
    """A YAML glossary that cannot be parsed or has the wrong shape (``file:line: what is wrong``)."""

    def __init__(self, message: str, *, path: str, line: int | None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__([f"{where}: {message}"])
        self.path, self.line = path, line


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping (as ``__line__``) for messages.

    Aliases (``*name``, and ``<<: *name`` merges) are refused: a glossary never needs them, and a
    few kilobytes of nested aliases expand to gigabytes. Nesting deeper than :data:`MAX_DEPTH` is
    refused before the recursive composer can overflow the stack.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(
                f"the alias *{event.anchor} is not allowed in a glossary (aliases and merge keys are "
                "refused); write the terms out",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _Refused(f"lists and mappings are nested more than {MAX_DEPTH} deep", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Refused(yaml.YAMLError):
    def __init__(self, problem: str, mark: yaml.Mark) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load(text: str, *, path: str) -> object:
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        position = getattr(exc, "position", None)  # a ReaderError: a character YAML does not allow
        if line is None and isinstance(position, int):
            line = text.count("\n", 0, position) + 1
        if line is not None:  # the end of the stream is reported on the line after the last one
            line = max(1, min(line, text.count("\n") + (not text.endswith("\n"))))
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
        raise YamlGlossaryError(f"not valid YAML: {problem}", path=path, line=line) from None
    except RecursionError:
        raise YamlGlossaryError(
            f"lists and mappings are nested more than {MAX_DEPTH} deep", path=path, line=None
        ) from None
    except ValueError as exc:  # a number too long to convert (Python's 4,300-digit limit)
        raise YamlGlossaryError(f"not usable YAML: {exc}", path=path, line=None) from None


def read_yaml(data: bytes, *, path: str) -> Glossary:
    _encoding, text = decode_text(data, path=path, what="glossary")
    doc = _load(text, path=path)
    if not isinstance(doc, dict) or not isinstance(doc.get("concepts"), list):
        line = doc.get("__line__") if isinstance(doc, dict) else 1
        raise YamlGlossaryError("expected a mapping with a 'concepts' list", path=path, line=line or 1)
    try:
        source_lang = normalise_tag(str(doc.get("source_lang", "en")))
    except ConfigError as exc:
        raise YamlGlossaryError(str(exc), path=path, line=doc.get("__line__")) from None
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
        scalars = [k for k in ("id", "note", "subject", "source") if isinstance(item.get(k), (list, dict))]
        if scalars:
            problems.append(f"{where}: {scalars[0]} must be a single value, not a list or mapping")
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
        raise YamlGlossaryError("the glossary has no concepts", path=path, line=doc.get("__line__"))
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
    gender, number = entry.get("gender"), entry.get("number")
    if gender is not None and gender not in GENDERS:
        problems.append(f"{where}: gender {gender!r} is not one of {', '.join(GENDERS)}")
        return None
    if number is not None and number not in NUMBERS:
        problems.append(f"{where}: number {number!r} is not one of {', '.join(NUMBERS)}")
        return None
    g: Gender | None = next((x for x in GENDERS if x == gender), None)
    n: Number | None = next((x for x in NUMBERS if x == number), None)
    return Term(
        text=str(entry["term"]).strip(),
        lang=lang,
        status=status,
        case_sensitive=None if case is None else case == "sensitive",
        note=str(entry.get("note", "")),
        gender=g,
        number=n,
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
                plain = t.gender is None and t.number is None
                if t.status == "preferred" and t.case_sensitive is None and not t.note and plain:
                    entries.append(t.text)
                    continue
                e: dict[str, Any] = {"term": t.text}
                if t.status != "preferred":
                    e["status"] = t.status
                if t.case_sensitive is not None:
                    e["case"] = "sensitive" if t.case_sensitive else "insensitive"
                if t.note:
                    e["note"] = t.note
                if t.gender is not None:
                    e["gender"] = t.gender
                if t.number is not None:
                    e["number"] = t.number
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
