"""JSONL writer: one aligned segment per line, with stable keys and a schema number."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from ..model import LocalisedDocument

SCHEMA = 1


class JsonlWriter:
    """Writes one JSON object per segment: ids, offsets, source, target, origin, issues, provenance."""

    name: ClassVar[str] = "jsonl"
    extension: ClassVar[str] = ".jsonl"
    media_type: ClassVar[str] = "application/jsonl"

    def write(self, result: LocalisedDocument) -> bytes:
        lines = []
        signature = result.run.signature()
        for block in result.document.blocks:
            for seg in block.segments:
                tr = result.translation(seg.id)
                row: dict[str, Any] = {
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
                        {"code": i.code, "severity": i.severity, "message": i.message}
                        for i in (tr.issues if tr else ())
                    ],
                    "provenance": signature,
                }
                lines.append(json.dumps(row, ensure_ascii=False))
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
