"""CSV and TSV glossaries: a header row, one row per concept (or per status of a concept).

Header columns: language tags (``en``, ``zh``, ``ru`` …; the first one is the source language),
and optionally ``concept_id``, ``status`` (preferred, admitted, deprecated: for every term of the row),
``case`` (sensitive, insensitive), ``dnt`` (yes/no), ``note``, ``subject``, ``source``. Several
terms in one cell are separated by `` | ``. Rows with the same ``id`` are one concept, so a
concept's deprecated variants go in a second row with ``status`` deprecated.

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
from .model import STATUSES, Concept, Glossary, Term, TermStatus

META = ("concept_id", "status", "case", "dnt", "note", "subject", "source")
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}
_YES_OR_NO = _YES | _NO
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no glossary cell may hold (tab, newline and carriage return are allowed): XML, and so
TBX, cannot carry most of them, and in a term they are always damage, never text."""


def _id_column_is_concept_id(header: list[str], rows: list[list[str]]) -> bool:
    """Whether a column named ``id`` holds concept ids rather than Indonesian terms (module docstring)."""
    low = [h.lower() for h in header]
    if "id" not in low or "concept_id" in low:
        return False
    col = low.index("id")
    others = [h for h in low if h and h not in META and h != "id"]
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
    bad = CONTROL_CHARS.search(text)
    if bad:
        raise FormatError(
            f"control character U+{ord(bad.group()):04X} in the glossary (only tab and line breaks "
            "may appear); remove it",
            path=path,
            line=text.count("\n", 0, bad.start()) + 1,
        )
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise FormatError("the glossary is empty: a header row is needed", path=path, line=1)
    header = [h.strip() for h in rows[0]]
    langs: dict[int, str] = {}
    meta: dict[str, int] = {}
    id_is_concept = _id_column_is_concept_id(header, rows[1:])
    for i, name in enumerate(header):
        low = name.lower()
        if low in META:
            meta[low] = i
        elif low == "id" and id_is_concept:
            meta["concept_id"] = i
        elif not name:
            raise FormatError(f"column {i + 1} of the header is empty", path=path, line=1)
        else:
            try:
                langs[i] = normalise_tag(name)
            except ConfigError as exc:
                raise FormatError(
                    f"header column {name!r} is neither a language tag nor one of {', '.join(META)}",
                    path=path,
                    line=1,
                ) from exc
    if len(langs) < 2:
        raise FormatError(
            "the header needs at least two language columns (source and target)", path=path, line=1
        )
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
    langs = [glossary.source_lang] + [x for x in glossary.languages if x != glossary.source_lang]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([*langs, "concept_id", "status", "case", "dnt", "note", "subject", "source"])
    for c in glossary.concepts:
        # One row per (status, case policy) group of the concept's terms.
        groups: dict[tuple[TermStatus, bool | None], list[Term]] = {}
        for t in c.terms:
            groups.setdefault((t.status, t.case_sensitive), []).append(t)
        for (status, case), terms in sorted(groups.items(), key=lambda kv: STATUSES.index(kv[0][0])):
            cells = [" | ".join(t.text for t in terms if t.lang == lang) for lang in langs]
            case_cell = "" if case is None else "sensitive" if case else "insensitive"
            writer.writerow(
                [*cells, c.id, status, case_cell, "yes" if c.dnt else "", c.note, c.subject, c.source]
            )
    return out.getvalue().encode("utf-8")
