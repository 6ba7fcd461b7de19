"""JSONL writer: one aligned segment per line, with stable keys and a schema number."""

from __future__ import annotations

import json
from typing import ClassVar

from ..model import LocalisedDocument
from ..serial import jsonl_row
from .base import BaseWriter


class JsonlWriter(BaseWriter):
    """Writes one JSON object per segment: ids, offsets, source, target, origin, issues, provenance."""

    kind: ClassVar[str] = "jsonl"
    suffix: ClassVar[str] = ".jsonl"
    media_type: ClassVar[str] = "application/jsonl"

    def write(self, result: LocalisedDocument) -> bytes:
        signature = result.run.signature()
        lines = [
            json.dumps(jsonl_row(result, block, seg, signature), ensure_ascii=False)
            for block in result.document.blocks
            for seg in block.segments
        ]
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
