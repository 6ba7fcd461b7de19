"""Loading and saving glossaries in any supported format, chosen by file name or content."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, FormatError, UnknownNameError
from ..inputs import read_input
from ..langs import normalise_tag
from ..registry import load, load_all, names
from .model import Concept, Glossary, Term
from .tabular import refuse_control_characters


def formats() -> dict[str, Any]:
    """Every registered glossary format (``newsl10n.glossaries``), by name."""
    return load_all("glossary")


def _format(name: str) -> Any:
    try:
        return load("glossary", name)()
    except UnknownNameError:
        raise ConfigError(
            f"unknown glossary format {name!r} (known: {', '.join(names('glossary'))})"
        ) from None


@dataclass(frozen=True, slots=True)
class GlossaryExport:
    """A serialised glossary and the warnings about what it lacks (a target language's terms…)."""

    data: bytes
    warnings: tuple[str, ...] = ()


def format_of(path: str | Path) -> str:
    """The glossary format for a file name; ConfigError for an unknown extension."""
    suffix = Path(path).suffix.lower()
    by_suffix: dict[str, str] = {}
    for name, cls in formats().items():
        for ext in cls.extensions:
            by_suffix.setdefault(ext, name)
    if suffix not in by_suffix:
        raise ConfigError(
            f"cannot tell the glossary format of {str(path)!r} from its extension "
            f"(known: {', '.join(sorted(by_suffix))})"
        )
    return by_suffix[suffix]


def read_glossary(
    data: bytes,
    *,
    path: str,
    fmt: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Glossary:
    """Parse glossary bytes; ``fmt`` defaults to the format of ``path``.

    ``source_lang`` and ``target_lang`` are needed only for ``omegat-tsv``, whose files name no
    languages.
    """
    glossary: Glossary = _format(fmt or format_of(path)).read(
        data, path=path, source_lang=source_lang, target_lang=target_lang
    )
    return glossary


def load_glossary(path: str | Path, fmt: str | None = None) -> Glossary:
    """Read a glossary file; InputError names the file when it cannot be read."""
    return read_glossary(read_input(path, what="glossary file"), path=str(path), fmt=fmt)


def _pick_target(glossary: Glossary, target_lang: str | None, fmt: str) -> str:
    if target_lang:
        return normalise_tag(target_lang)
    others = [x for x in glossary.languages if x != glossary.source_lang]
    if len(others) == 1:
        return others[0]
    raise ConfigError(
        f"an {fmt} glossary holds one language pair: name the target language "
        f"(the glossary has {', '.join(others) or 'no target languages'})"
    )


def _gaps(glossary: Glossary, target_lang: str) -> tuple[Glossary, list[str]]:
    """The glossary restricted to its source and ``target_lang``, and what that leaves out.

    A variant the glossary lacks falls back to its language (``pt-BR`` to ``pt`` terms); a
    glossary that distinguishes variants keeps them apart (``pt-PT`` terms never serve ``pt-BR``).
    """
    languages = glossary.languages
    primary = target_lang.split("-")[0]
    wanted = target_lang if target_lang in languages or primary not in languages else primary
    keep = {glossary.source_lang, wanted}
    concepts = []
    missing: list[str] = []
    for c in glossary.concepts:
        terms = tuple(t for t in c.terms if t.lang in keep)
        if not c.dnt and not any(t.lang == wanted for t in terms):
            missing.append(c.id)
        concepts.append(replace(c, terms=terms))
    translated = sum(1 for c in glossary.concepts if not c.dnt)
    warnings: list[str] = []
    if missing and len(missing) == translated:
        warnings.append(
            f"the glossary has no terms in {target_lang} (its languages: {', '.join(languages)}); "
            "the file holds the source terms only"
        )
    elif missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        warnings.append(f"{len(missing)} of {translated} concepts have no {target_lang} term: {shown}")
    kept = [c for c in concepts if any(t.lang == glossary.source_lang for t in c.terms)]
    return replace(glossary, concepts=tuple(kept)), warnings


def export_glossary(glossary: Glossary, fmt: str, *, target_lang: str | None = None) -> GlossaryExport:
    """Serialise a glossary, for one target language when ``target_lang`` is given.

    A target language the glossary lacks (wholly or for some concepts) is named in the warnings;
    the file is still written with what there is, never silently empty.
    """
    warnings: list[str] = []
    if fmt == "omegat-tsv":
        target = _pick_target(glossary, target_lang, fmt)
        lang = target if target in glossary.languages else target.split("-")[0]
        glossary, warnings = _gaps(glossary, target)
        return GlossaryExport(_format(fmt).write(glossary, target_lang=lang), tuple(warnings))
    if target_lang:
        glossary, warnings = _gaps(glossary, normalise_tag(target_lang))
    data: bytes = _format(fmt).write(glossary, target_lang=None)
    return GlossaryExport(data, tuple(warnings))


def dump_glossary(glossary: Glossary, fmt: str) -> bytes:
    """Serialise a glossary: tbx (TBX v3 DCA), tbx2008 (martif), csv, tsv, yaml or omegat-tsv."""
    return export_glossary(glossary, fmt).data


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> bytes:
    """The bytes of ``glossary`` in the format of ``path`` (or ``fmt``); the caller writes them."""
    return dump_glossary(glossary, fmt or format_of(path))


def write_omegat_tsv(glossary: Glossary, *, target_lang: str) -> bytes:
    """OmegaT's glossary file: ``source<TAB>target<TAB>comment`` per line, UTF-8.

    OmegaT reads tab-separated ``.txt``/``.utf8``/``.tab`` files from the project's
    ``glossary/`` folder (its manual, "Glossaries": three columns, lines starting with ``#`` are
    comments). One line per (preferred source term, allowed target term); deprecated target terms
    are left out and named in the comment, a do-not-translate concept maps to itself.
    """
    out = io.StringIO(newline="")
    out.write(f"# newsl10n glossary, {glossary.source_lang} -> {target_lang}\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    for c in glossary.concepts:
        sources = [t for t in c.terms if t.lang == glossary.source_lang and t.status != "deprecated"]
        targets = [t for t in c.terms if t.lang == target_lang]
        allowed = [t for t in targets if t.status != "deprecated"]
        avoid = [t.text for t in targets if t.status == "deprecated"]
        comment = "; ".join(
            x
            for x in (
                "do not translate" if c.dnt else "",
                f"not: {', '.join(avoid)}" if avoid else "",
                c.note,
            )
            if x
        )
        for s in sources:
            for t in allowed or ([s] if c.dnt else []):
                writer.writerow([_cell(s.text), _cell(t.text), _cell(comment)])
    return out.getvalue().encode("utf-8")


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def read_omegat_tsv(data: bytes, *, path: str, source_lang: str | None, target_lang: str | None) -> Glossary:
    """Read an OmegaT glossary (source, target, comment per line); the languages must be given.

    Raises:
        ConfigError: a language is not given.
        FormatError: not UTF-8, a control character other than tab and line breaks (with its line),
            a line without both terms, no entries.
    """
    if not (source_lang and target_lang):
        raise ConfigError("an OmegaT glossary names no languages: give the source and target language")
    src, tgt = normalise_tag(source_lang), normalise_tag(target_lang)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError("not valid UTF-8", path=path, line=data.count(b"\n", 0, exc.start) + 1) from exc
    refuse_control_characters(text, path=path)
    concepts: list[Concept] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise FormatError(
                "a line needs a source term and a target term separated by a tab", path=path, line=line_no
            )
        note = cells[2].strip() if len(cells) > 2 else ""
        concepts.append(
            Concept(
                id=f"l{line_no}",
                terms=(Term(text=cells[0].strip(), lang=src), Term(text=cells[1].strip(), lang=tgt)),
                note=note,
                line=line_no,
            )
        )
    if not concepts:
        raise FormatError("the OmegaT glossary has no entries", path=path, line=1)
    return Glossary(concepts=tuple(concepts), source_lang=src, path=path)
