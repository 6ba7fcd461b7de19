"""Reading bilingual files for checks and imports: picking the reader, and newsl10n's JSONL reader.

Readers (``newsl10n.bilingual`` entry points) are :class:`~newsl10n.formats.base.BilingualReader`
classes: XLIFF 1.x/2.x (:mod:`.xliff_reader`), TMX (:mod:`.tmx`), PO (:mod:`.po`) and JSONL
(here). Selection rule of :func:`read_bilingual`: the readers that claim the file's extension,
in order, the first whose ``sniff`` accepts the bytes; when none does (``.xml`` holding a TMX,
say), every reader's ``sniff``; when still none, the extension's first reader parses and reports
what is wrong. Each unit carries plain source and target text (the native data of inline codes
left out, the text inside paired codes kept) and the tagged forms with the codes.

The XML readers (XLIFF, TMX) stream: :func:`stream_xml` gives their parse events, and a reader
drops each unit's element (:func:`release`) once the unit is read, so the tree never holds more than
one unit; a 200 MB file needs its bytes and its units in memory, not a tree of several gigabytes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import ClassVar, cast

from lxml import etree

from ..errors import FormatError
from ..model import BilingualUnit
from ..registry import load_all
from ..xmlsafe import line_of, refuse_unsafe_prolog
from .base import BilingualReader
from .units import plain_text, root_name

__all__ = [
    "JsonlReader",
    "plain_text",
    "read_bilingual",
    "registered_readers",
    "release",
    "stream_xml",
    "tagged",
]

_LIBXML_REFUSALS = ("amplification", "Excessive depth", "entity", "Entity")


def stream_xml(data: bytes, *, path: str, tags: Sequence[str]) -> Iterator[tuple[str, etree._Element]]:
    """The ``start`` and ``end`` events of the elements named ``tags`` (lxml's ``{*}name`` form
    allowed) in a user's XML file, parsed as safely as ``xmlsafe.parse_xml``.

    Only those elements get events (no Python object is made for the others, which keeps streaming
    as fast as parsing the whole tree). When no element had an event, the root's ``start`` comes
    last, so that a reader can always say what the root is.

    The same refusals as :func:`newsl10n.xmlsafe.parse_xml`: an internal DTD subset (read
    structurally from the prolog, before parsing), no DTD loading, no network, no entity expansion,
    libxml2's size and depth limits (``huge_tree`` off). An entity reference is refused when the
    reader checks an element it consumes (:func:`refuse_entities`) and, for the rest of the
    document, at the end.

    Raises:
        FormatError: the file is not well-formed or is refused; it names the file and line.
    """
    refuse_unsafe_prolog(data, path=path)
    etree.clear_error_log()  # lxml's log is per thread, not per parse
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        tag=list(tags),
    )
    seen = False
    try:
        for event in events:
            seen = True
            yield event
    except etree.XMLSyntaxError as exc:
        msg, where = exc.msg, (exc.position[0] if exc.position else 0) or None
        if where is None:  # iterparse's vague "no element found": the log (cleared above) has the cause
            log = cast("Iterable[etree._LogEntry]", exc.error_log)  # lxml's stubs omit __iter__
            first = next((e for e in log if e.level >= etree.ErrorLevels.ERROR), None)
            if first is not None:
                msg, where = first.message, first.line or None
        if any(k in msg for k in _LIBXML_REFUSALS):
            raise FormatError(f"refused: {msg}", path=path, line=where) from exc
        raise FormatError(f"not well-formed XML: {msg}", path=path, line=where) from exc
    refuse_entities(events.root, path=path)
    if not seen:
        yield "start", events.root


def refuse_entities(el: etree._Element, *, path: str) -> None:
    """FormatError when ``el`` or its descendants hold an entity reference (never expanded)."""
    for ent in el.iter(etree.Entity):
        raise FormatError(
            f"refused: the file uses the entity reference {ent.text or '&…;'} (entities are not allowed)",
            path=path,
            line=line_of(ent),
        )


def tagged(plain: str, tagged: str) -> str:
    """The tagged text, as the very ``plain`` object when the two are equal (most units have no
    codes): a streamed file's units are what stays in memory, and this halves their text."""
    return plain if tagged == plain else tagged


def release(el: etree._Element) -> None:
    """Drop a consumed element's content and the consumed siblings before it (bounded memory)."""
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


class JsonlReader:
    """Reads newsl10n's JSONL review output (one segment per line)."""

    name: ClassVar[str] = "jsonl"
    extensions: ClassVar[tuple[str, ...]] = (".jsonl",)

    def sniff(self, data: bytes) -> bool:
        """True when the first non-empty line is a JSON object with a ``source`` key."""
        for raw in data[:65536].splitlines():
            if raw.strip():
                try:
                    row = json.loads(raw)
                except ValueError:
                    return False
                return isinstance(row, dict) and "source" in row
        return False

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> list[BilingualUnit]:
        """One unit per line (:func:`newsl10n.formats.jsonl.read_units`: types and encoding checked)."""
        from .jsonl import read_units

        return read_units(data, path=path, source_lang=source_lang, target_lang=target_lang)


def registered_readers() -> list[type[BilingualReader]]:
    """Every reader registered under ``newsl10n.bilingual`` (built-ins and plugins alike)."""
    return list(load_all("bilingual").values())


def read_bilingual(
    data: bytes,
    *,
    path: str,
    source_lang: str | None = None,
    target_lang: str | None = None,
    readers: Sequence[type[BilingualReader]] | None = None,
) -> list[BilingualUnit]:
    """Read any supported bilingual file, chosen by extension and checked by content.

    Args:
        data: the file's bytes.
        path: its name, for the extension and for messages.
        source_lang: the source language, for files that declare none (``--source-lang``).
        target_lang: the target language, for files that declare none (``--target-lang``).
        readers: reader classes to choose from (default: the registered ones).

    Raises:
        FormatError: no reader takes the extension, or the chosen one cannot parse the file.
    """
    suffix = Path(path).suffix.lower()
    instances = [r() for r in (registered_readers() if readers is None else readers)]
    by_ext = [r for r in instances if suffix in r.extensions]
    chosen = next((r for r in by_ext if r.sniff(data)), None)
    if chosen is None and by_ext:
        chosen = next((r for r in instances if r.sniff(data)), None)
        if chosen is None:
            if suffix in (".xlf", ".xliff", ".xml", ".tmx") and root_name(data):
                raise FormatError(
                    f"the root element <{root_name(data)}> is neither <xliff> nor <tmx>", path=path, line=1
                )
            chosen = by_ext[0]
    if chosen is None:
        known = ", ".join(dict.fromkeys(ext for r in instances for ext in r.extensions))
        raise FormatError(
            f"unknown bilingual format {suffix or '(no extension)'!r}: expected one of {known}", path=path
        )
    return chosen.read(data, path=path, source_lang=source_lang, target_lang=target_lang)
