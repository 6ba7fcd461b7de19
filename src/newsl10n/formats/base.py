"""What every article format shares: decoding bytes, the format interface, and laying blocks back out."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from ..errors import FormatError, InvariantError
from ..model import (
    PLACEHOLDER_RE,
    BilingualUnit,
    Block,
    BlockKind,
    Code,
    Document,
    LocalisedDocument,
    SkeletonPart,
    Slot,
)
from ..textio import decode_text, nfc, sniff_bom


class ArticleFormat(Protocol):
    """An article format: bytes in, Document out, and the Document laid back out as bytes."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    media_types: ClassVar[tuple[str, ...]]

    def read(self, data: bytes, *, doc_id: str, source_lang: str) -> Document:
        """Parse an article."""
        ...

    def write(self, document: Document, texts: Mapping[str, str] | None = None) -> bytes:
        """Lay the document out again, with ``texts`` (block id → text) replacing block texts."""
        ...

    def write_localised(self, result: LocalisedDocument) -> bytes:
        """Write the translated article in this format."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class WriterOptions:
    """Options a writer may honour; writers ignore what does not apply to them."""

    unit_per_sentence: bool = False
    """One translation unit per sentence instead of one per block (XLIFF 1.2, PO)."""
    target_mode: str = "mt"
    """``mt``: targets hold the translation; ``source-copy``: targets hold a copy of the source
    (the form OmegaT's XLIFF filter expects; the MT then travels in the TMX)."""


class Writer(Protocol):
    """A review or bilingual output (XLIFF, TMX, PO, review page, JSONL, the translated article).

    Registered under the ``newsl10n.writers`` entry-point group by its ``kind``; the run writes
    it to ``<stem>.<lang><suffix>``. Constructed as ``cls(options)``.
    """

    kind: ClassVar[str]
    suffix: ClassVar[str]
    media_type: ClassVar[str]

    def __init__(self, options: WriterOptions | None = None) -> None: ...

    def write(self, result: LocalisedDocument) -> bytes:
        """Serialise a localised document."""
        ...


class BaseWriter:
    """What writers share: the options they were made with, and the default output file name."""

    kind: ClassVar[str] = ""
    suffix: ClassVar[str] = ""
    media_type: ClassVar[str] = ""

    def __init__(self, options: WriterOptions | None = None) -> None:
        self.options = options or WriterOptions()

    def file_name(self, stem: str, target_lang: str, source_suffix: str) -> str:
        """The output file name for an article ``stem`` (whose own file ends in ``source_suffix``)."""
        return f"{stem}.{target_lang}{self.suffix}"


class BilingualReader(Protocol):
    """Reads a bilingual file (XLIFF, TMX, PO, JSONL…) into units, for ``check`` and ``import``.

    Registered under the ``newsl10n.bilingual`` entry-point group by its ``name``.
    """

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def sniff(self, data: bytes) -> bool:
        """True when the bytes look like this format (content check, for ambiguous extensions)."""
        ...

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> list[BilingualUnit]:
        """Every unit of the file; the languages fill in what the file does not declare."""
        ...


def decode(data: bytes, *, path: str) -> tuple[str, str]:
    """Decode an article (UTF-8 with or without BOM, UTF-16/32 with a BOM); return ``(bom, text)``.

    ``bom`` is ``"\ufeff"`` when the file had a byte-order mark, so that it is written back; every
    output is UTF-8 (a UTF-16 article comes out as UTF-8 with a BOM).

    Raises:
        FormatError: BOM-less UTF-16, or bytes that are not valid, naming the line and byte.
    """
    _, text = decode_text(data, path=path, what="article")
    return ("\ufeff" if sniff_bom(data) else ""), text


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text``, the end excluding the line break."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def reject_placeholder_text(text: str, *, path: str) -> None:
    """Refuse source text that already contains newsl10n placeholders (⟦1⟧), which would be ambiguous."""
    m = PLACEHOLDER_RE.search(text)
    if m:
        raise FormatError(
            f"the text contains {m.group(0)!r}, which newsl10n uses as an inline-markup placeholder",
            path=path,
            line=line_of(text, m.start()),
        )


def render_block(block: Block, text: str, escape: Callable[[str], str] = lambda s: s) -> str:
    """Replace the placeholders of ``text`` by the block's original markup; escape the text between."""
    if not block.codes:
        return escape(text)
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(text):
        code_id = int(m.group(2))
        try:
            code = block.code(code_id)
        except KeyError:
            continue  # not one of ours: literal text
        out.append(escape(text[pos : m.start()]))
        out.append(code.closing if m.group(1) else code.opening)
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def _escape_attribute(text: str) -> str:
    return html.escape(text, quote=True)


def lay_out(
    document: Document,
    texts: Mapping[str, str] | None = None,
    escape: Callable[[str], str] = lambda s: s,
) -> str:
    """Concatenate the skeleton with each block's (possibly replaced) text."""
    blocks = {b.id: b for b in document.blocks}
    out: list[str] = []
    for part in document.skeleton:
        if isinstance(part, Slot):
            block = blocks.get(part.block_id)
            if block is None:
                raise InvariantError(f"skeleton names block {part.block_id!r}, which is not in the document")
            text = texts.get(block.id, block.text) if texts is not None else block.text
            if part.raw and text == block.text:
                out.append(part.raw)
                continue
            rendered = render_block(block, text, _escape_attribute if part.attribute else escape)
            if part.line_prefix:
                rendered = rendered.replace("\n", "\n" + part.line_prefix)
            out.append(rendered)
        else:
            out.append(part)
    return "".join(out)


def localised_texts(result: LocalisedDocument) -> dict[str, str]:
    """Block id → target text of every block of a localised document."""
    return {b.id: result.target_block_text(b) for b in result.document.blocks}


class SkeletonFormat:
    """Shared writing for formats whose documents are skeleton + blocks; subclasses implement read."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    media_types: ClassVar[tuple[str, ...]] = ()

    def escape(self, text: str) -> str:
        """Escape block text for the format (HTML escapes &, <, >); identity by default."""
        return text

    def write(self, document: Document, texts: Mapping[str, str] | None = None) -> bytes:
        """Lay the document out again, with ``texts`` replacing block texts where given."""
        bom = document.meta.get("bom", "")
        return (bom + lay_out(document, texts, self.escape)).encode("utf-8")

    def write_localised(self, result: LocalisedDocument) -> bytes:
        """Write the translated article."""
        return self.write(result.document, localised_texts(result))


@dataclass
class SkeletonBuilder:
    """Collects blocks and skeleton parts while a reader walks its source left to right."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    skeleton: list[SkeletonPart] = field(default_factory=list)
    pos: int = 0

    def add(
        self,
        kind: BlockKind,
        start: int,
        end: int,
        *,
        text: str | None = None,
        codes: tuple[Code, ...] = (),
        line_prefix: str = "",
        raw: bool = False,
        attribute: bool = False,
    ) -> None:
        """Add the block at ``source[start:end]``; what lies before it becomes skeleton.

        Without ``text`` the block text is the source range trimmed of surrounding whitespace
        (which goes to the skeleton). With ``text`` (markup readers) the range is taken as is and
        ``raw=True`` keeps its original markup so an unchanged block is written back byte for byte.
        """
        if start < self.pos:
            raise InvariantError(f"block at offset {start} overlaps the previous one (ends at {self.pos})")
        if text is None:
            chunk = self.source[start:end]
            start += len(chunk) - len(chunk.lstrip())
            end = start + len(chunk.strip())
            text = self.source[start:end]
            if not text:
                return
        if start > self.pos:
            self.skeleton.append(self.source[self.pos : start])
        block_id = f"b{len(self.blocks) + 1}"
        # Block text is NFC, so that glossary terms and rules match whatever the article's form; a
        # block whose text that changed keeps its original bytes for an unchanged write-back.
        normalised = nfc(text)
        self.blocks.append(Block(id=block_id, kind=kind, text=normalised, codes=codes))
        self.skeleton.append(
            Slot(
                block_id=block_id,
                line_prefix=line_prefix,
                raw=self.source[start:end] if raw or normalised != text else "",
                attribute=attribute,
            )
        )
        self.pos = end

    def finish(self) -> None:
        """Keep whatever follows the last block as skeleton."""
        if self.pos < len(self.source):
            self.skeleton.append(self.source[self.pos :])
            self.pos = len(self.source)

    def document(self, *, doc_id: str, source_lang: str, fmt: str, bom: str) -> Document:
        """The finished document; FormatError when the source held no text at all."""
        self.finish()
        if not self.blocks:
            raise FormatError("the article has no text to translate", path=doc_id)
        return Document(
            id=doc_id,
            source_lang=source_lang,
            format=fmt,
            blocks=tuple(self.blocks),
            skeleton=tuple(self.skeleton),
            meta={"bom": bom} if bom else {},
        )
