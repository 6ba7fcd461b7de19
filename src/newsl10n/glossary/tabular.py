"""CSV and TSV glossaries: a header row, one row per concept (or per status of a concept).

Header columns: language tags (``en``, ``zh``, ``ru`` …; the first one is the source language),
and optionally ``concept_id``, ``status`` (preferred, admitted, deprecated: for every term of the row),
``case`` (sensitive, insensitive), ``dnt`` (yes/no), ``note``, ``subject``, ``source``. Several
terms in one cell are separated by `` | ``. Rows with the same ``id`` are one concept, so a
concept's deprecated variants go in a second row with ``status`` deprecated.

Gender and number differ per language, so they have a column per language: ``gender:LANG``
(masculine, feminine, neuter, other) and ``number:LANG`` (singular, plural, other), e.g.
``gender:pt``, ``number:ru``. The value applies to every term of that language in the row (all of
them when a cell holds several); an empty cell records nothing. ``LANG`` must be a language column
of the header. The writer adds these columns only for the languages where some term has a value,
and gives terms of one language with different gender or number rows of their own, so that
nothing is lost in a round trip.

The concept-id column is ``concept_id``. ``id`` is also the tag of Indonesian, so a column named
``id`` is read as the concept id only when all of these hold (older files name it so): there is
no ``concept_id`` column, no cell of it holds a space or `` | `` (concept ids never do, Indonesian
terms such as "Organisasi Kerja Sama Shanghai" often do), and at least two other language columns
remain. Otherwise it is the Indonesian column. The writer always writes ``concept_id``.
"""

from __future__ import annotations

import csv
import io
import re

from ..errors import ConfigError, FormatError, GlossaryError
from ..langs import normalise_tag
from ..textio import decode_text
from .model import GENDERS, NUMBERS, STATUSES, Concept, Gender, Glossary, Number, Term, TermStatus

META = ("concept_id", "status", "case", "dnt", "note", "subject", "source")
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}
_YES_OR_NO = _YES | _NO
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no glossary cell may hold (tab, newline and carriage return are allowed): XML, and so
TBX, cannot carry most of them, and in a term they are always damage, never text."""
GRAMMAR_FIELDS = ("gender", "number")
"""The per-language columns ``gender:LANG`` and ``number:LANG`` (module docstring)."""
_GRAMMAR_VALUES: dict[str, tuple[str, ...]] = {"gender": GENDERS, "number": NUMBERS}


def refuse_control_characters(text: str, *, path: str) -> None:
    """Raise FormatError naming the file and line of the first :data:`CONTROL_CHARS` character.

    Shared by every text glossary reader (CSV, TSV, OmegaT's tab-separated files).
    """
    bad = CONTROL_CHARS.search(text)
    if bad:
        raise FormatError(
            f"control character U+{ord(bad.group()):04X} in the glossary (only tab and line breaks "
            "may appear); remove it",
            path=path,
            line=text.count("\n", 0, bad.start()) + 1,
        )


def _grammar_field(name: str) -> tuple[str, str] | None:
    """``("gender", "pt")`` for a header column ``gender:pt`` (any case), else None."""
    field, sep, tag = name.partition(":")
    if sep and field.strip().lower() in GRAMMAR_FIELDS:
        return field.strip().lower(), tag.strip()
    return None


def _id_column_is_concept_id(header: list[str], rows: list[list[str]]) -> bool:
    """Whether a column named ``id`` holds concept ids rather than Indonesian terms (module docstring)."""
    low = [h.lower() for h in header]
    if "id" not in low or "concept_id" in low:
        return False
    col = low.index("id")
    others = [h for h in low if h and h not in META and h != "id" and _grammar_field(h) is None]
    if len(others) < 2:
        return False
    cells = [row[col].strip() for row in rows if col < len(row)]
    return not any(" " in c or "|" in c for c in cells)


def read_table(data: bytes, *, path: str, delimiter: str) -> Glossary:
    """A glossary from CSV or TSV bytes, in time linear in the number of rows.

    Raises:
        FormatError: undecodable bytes, a control character (with its line), a bad header.
        GlossaryError: every bad row, each as ``file:line: what is wrong``.
    """
    _, text = decode_text(data, path=path, what="glossary")
    refuse_control_characters(text, path=path)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise FormatError("the glossary is empty: a header row is needed", path=path, line=1)
    header = [h.strip() for h in rows[0]]
    langs: dict[int, str] = {}
    meta: dict[str, int] = {}
    id_is_concept = _id_column_is_concept_id(header, rows[1:])
    grammar_headers: list[tuple[int, str, str]] = []  # column, field, language tag as written
    for i, name in enumerate(header):
        low = name.lower()
        grammar_field = _grammar_field(name)
        if grammar_field is not None:
            grammar_headers.append((i, *grammar_field))
        elif low in META:
            meta[low] = i
        elif low == "id" and id_is_concept:
            meta["concept_id"] = i
        elif not name:
            raise FormatError(f"column {i + 1} of the header is empty", path=path, line=1)
        else:
            try:
                tag = normalise_tag(name)
            except ConfigError as exc:
                raise FormatError(
                    f"header column {name!r} is neither a language tag nor one of {', '.join(META)}, "
                    "gender:LANG, number:LANG",
                    path=path,
                    line=1,
                ) from exc
            first = next((c for c, t in langs.items() if t == tag), None)
            if first is not None:
                raise FormatError(
                    f"the header names the language {tag!r} twice (columns {first + 1} and {i + 1}); "
                    "put several terms in one cell, separated by ' | '",
                    path=path,
                    line=1,
                )
            langs[i] = tag
    if len(langs) < 2:
        raise FormatError(
            "the header needs at least two language columns (source and target)", path=path, line=1
        )
    lang_columns = {lang: col for col, lang in langs.items()}
    grammar: dict[tuple[str, str], int] = {}  # (field, language) -> column
    for i, field, tag in grammar_headers:
        try:
            lang = normalise_tag(tag)
        except ConfigError:
            lang = tag
        if lang not in lang_columns:
            raise FormatError(
                f"header column {header[i]!r} names no language column of the header "
                f"(the languages: {', '.join(langs.values())})",
                path=path,
                line=1,
            )
        if (field, lang) in grammar:
            raise FormatError(f"header column {header[i]!r} appears twice", path=path, line=1)
        grammar[field, lang] = i
    problems: list[str] = []
    gathered: dict[str, dict[str, object]] = {}
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(f"{path}:{line_no}: {len(row)} cells, the header has {len(header)}")
            continue
        row = row + [""] * (len(header) - len(row))

        def cell(name: str, row: list[str] = row) -> str:
            return row[meta[name]].strip() if name in meta else ""

        status = (cell("status") or "preferred").lower()
        if status == "superseded":
            status = "deprecated"
        if status not in STATUSES:
            problems.append(f"{path}:{line_no}: status {status!r} is not one of {', '.join(STATUSES)}")
            continue
        case_cell = cell("case").lower()
        if case_cell not in ("", "sensitive", "insensitive"):
            problems.append(f"{path}:{line_no}: case {case_cell!r} must be sensitive or insensitive")
            continue
        dnt_cell = cell("dnt").lower()
        if dnt_cell not in _YES_OR_NO:
            problems.append(f"{path}:{line_no}: dnt {dnt_cell!r} must be yes or no")
            continue
        genders: dict[str, Gender] = {}
        numbers: dict[str, Number] = {}
        bad_grammar = False
        for (field, lang), col in grammar.items():
            raw = row[col].strip()
            if not raw:
                continue
            value = raw.lower()
            allowed = _GRAMMAR_VALUES[field]
            if value not in allowed:
                problems.append(f"{path}:{line_no}: {header[col]} {raw!r} is not one of {', '.join(allowed)}")
                bad_grammar = True
            elif not any(t.strip() for t in row[lang_columns[lang]].split("|")):
                problems.append(f"{path}:{line_no}: {header[col]} is {raw!r} but the row has no {lang} term")
                bad_grammar = True
            elif field == "gender":
                genders[lang] = next(g for g in GENDERS if g == value)
            else:
                numbers[lang] = next(n for n in NUMBERS if n == value)
        if bad_grammar:
            continue
        cid = cell("concept_id") or f"row{line_no}"
        entry = gathered.setdefault(
            cid, {"terms": [], "dnt": False, "note": "", "subject": "", "source": "", "line": line_no}
        )
        terms: list[Term] = entry["terms"]  # type: ignore[assignment]
        for col, lang in langs.items():
            for text in (t.strip() for t in row[col].split("|")):
                if text:
                    terms.append(
                        Term(
                            text=text,
                            lang=lang,
                            status=status,
                            case_sensitive=None if not case_cell else case_cell == "sensitive",
                            gender=genders.get(lang),
                            number=numbers.get(lang),
                        )
                    )
        entry["dnt"] = bool(entry["dnt"]) or dnt_cell in _YES
        for key in ("note", "subject", "source"):
            entry[key] = entry[key] or cell(key)
    if problems:
        raise GlossaryError(problems)
    concepts = []
    for cid, e in gathered.items():
        terms = e["terms"]  # type: ignore[assignment]
        if not terms:
            problems.append(f"{path}:{e['line']}: concept {cid!r} has no terms")
            continue
        concepts.append(
            Concept(
                id=cid,
                terms=tuple(terms),
                dnt=bool(e["dnt"]),
                note=str(e["note"]),
                subject=str(e["subject"]),
                source=str(e["source"]),
                line=int(e["line"]),  # type: ignore[call-overload]
            )
        )
    if problems:
        raise GlossaryError(problems)
    if not concepts:
        raise FormatError("the glossary has a header but no rows", path=path, line=2)
    return Glossary(concepts=tuple(concepts), source_lang=next(iter(langs.values())), path=path)


def write_table(glossary: Glossary, *, delimiter: str) -> bytes:
    """CSV or TSV bytes: one row per (status, case policy) group of a concept's terms, more where
    terms of one language in a group differ in gender or number (module docstring)."""
    langs = [glossary.source_lang] + [x for x in glossary.languages if x != glossary.source_lang]
    terms_by_lang: dict[str, list[Term]] = {}
    for c in glossary.concepts:
        for t in c.terms:
            terms_by_lang.setdefault(t.lang, []).append(t)
    grammar_columns = [
        (field, lang)
        for lang in langs
        for field in GRAMMAR_FIELDS
        if any(getattr(t, field) is not None for t in terms_by_lang.get(lang, ()))
    ]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(
        [
            *langs,
            "concept_id",
            "status",
            "case",
            "dnt",
            "note",
            "subject",
            "source",
            *(f"{field}:{lang}" for field, lang in grammar_columns),
        ]
    )
    for c in glossary.concepts:
        # One row per (status, case policy) group of the concept's terms.
        groups: dict[tuple[TermStatus, bool | None], list[Term]] = {}
        for t in c.terms:
            groups.setdefault((t.status, t.case_sensitive), []).append(t)
        for (status, case), terms in sorted(groups.items(), key=lambda kv: STATUSES.index(kv[0][0])):
            # Within a group, a language's terms split by (gender, number): row i holds the i-th
            # such bucket of every language, so each cell's terms share the row's values.
            buckets: dict[str, list[list[Term]]] = {}
            for lang in langs:
                by_grammar: dict[tuple[Gender | None, Number | None], list[Term]] = {}
                for t in terms:
                    if t.lang == lang:
                        by_grammar.setdefault((t.gender, t.number), []).append(t)
                buckets[lang] = list(by_grammar.values())
            case_cell = "" if case is None else "sensitive" if case else "insensitive"
            for i in range(max(len(b) for b in buckets.values())):
                row_terms = {lang: b[i] if i < len(b) else [] for lang, b in buckets.items()}
                cells = [" | ".join(t.text for t in row_terms[lang]) for lang in langs]
                grammar_cells = [
                    str(getattr(row_terms[lang][0], field) or "") if row_terms[lang] else ""
                    for field, lang in grammar_columns
                ]
                writer.writerow(
                    [
                        *cells,
                        c.id,
                        status,
                        case_cell,
                        "yes" if c.dnt else "",
                        c.note,
                        c.subject,
                        c.source,
                        *grammar_cells,
                    ]
                )
    return out.getvalue().encode("utf-8")
