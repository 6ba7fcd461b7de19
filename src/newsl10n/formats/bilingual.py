"""Reading bilingual files for checks and imports: picking the reader, and newsl10n's JSONL reader.

Readers (``newsl10n.bilingual`` entry points) are :class:`~newsl10n.formats.base.BilingualReader`
classes: XLIFF 1.x/2.x (:mod:`.xliff_reader`), TMX (:mod:`.tmx`), PO (:mod:`.po`) and JSONL
(here). Selection rule of :func:`read_bilingual`: the readers that claim the file's extension,
in order, the first whose ``sniff`` accepts the bytes; when none does (``.xml`` holding a TMX,
say), every reader's ``sniff``; when still none, the extension's first reader parses and reports
what is wrong. Each unit carries plain source and target text (the native data of inline codes
left out, the text inside paired codes kept) and the tagged forms with the codes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from ..errors import FormatError
from ..model import BilingualUnit
from ..registry import load_all
from .base import BilingualReader
from .units import declared_tag, plain_text, root_name

__all__ = ["JsonlReader", "plain_text", "read_bilingual", "registered_readers"]


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
        """One unit per line."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FormatError("not valid UTF-8", path=path, line=data.count(b"\n", 0, exc.start) + 1) from exc
        out = []
        for line_no, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise FormatError(f"not valid JSON: {exc.msg}", path=path, line=line_no) from exc
            if not isinstance(row, dict) or "source" not in row:
                raise FormatError(
                    "each line needs at least source, target and target_lang", path=path, line=line_no
                )
            src = declared_tag(
                row.get("source_lang"),
                source_lang or "en",
                path=path,
                line=line_no,
                what="source language",
                option="--source-lang",
            )
            tgt = declared_tag(
                row.get("target_lang"),
                target_lang,
                path=path,
                line=line_no,
                what="target language (target_lang)",
                option="--target-lang",
            )
            target = str(row.get("target") or "")
            out.append(
                BilingualUnit(
                    path,
                    str(row.get("segment") or line_no),
                    line_no,
                    str(row["source"]),
                    target,
                    src,
                    tgt,
                    state="translated" if target else "initial",
                    kind=str(row.get("kind") or ""),
                    notes=tuple(f"{i.get('code')}: {i.get('message')}" for i in row.get("issues") or ()),
                )
            )
        return out


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
