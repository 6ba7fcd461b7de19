"""JSONL: the writer (one aligned segment per line, stable keys, a schema number) and the rows' reader.

:func:`read_units` reads the rows back as :class:`BilingualUnit` values for ``check`` and
``import`` (the ``jsonl`` bilingual reader in :mod:`.bilingual` calls it). Every line must be a
JSON object whose ``source`` is a string; ``target``, ``segment``, ``kind`` and the language
fields, when present, are strings too (``segment`` may be a number), and ``issues`` a list of
objects. Anything else, invalid UTF-8 and lone surrogates (``"\\ud800"``, which no UTF-8 file
can hold) are FormatErrors naming the file and line.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from ..errors import FormatError
from ..model import BilingualUnit, LocalisedDocument
from ..serial import jsonl_row
from ..textio import decode_text
from .base import BaseWriter
from .units import declared_tag


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


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a UTF-16 surrogate code point, which UTF-8 cannot encode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _text(row: dict[str, Any], key: str, *, path: str, line: int, number_ok: bool = False) -> str:
    """The string field ``key`` of a row ("" when absent or null); FormatError for any other type."""
    value = row.get(key)
    if value is None:
        return ""
    if number_ok and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise FormatError(f"{key!r} must be a string, not {_json_type(value)}", path=path, line=line)
    if has_lone_surrogate(value):
        raise FormatError(
            f"{key!r} holds a lone surrogate (an escape like \\ud800 that is not half of a pair); "
            "no text can contain it",
            path=path,
            line=line,
        )
    return value


def _json_type(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _notes(row: dict[str, Any], *, path: str, line: int) -> tuple[str, ...]:
    issues = row.get("issues")
    if issues is None:
        return ()
    if not isinstance(issues, list) or not all(isinstance(i, dict) for i in issues):
        raise FormatError("'issues' must be a list of objects", path=path, line=line)
    return tuple(
        f"{_text(i, 'code', path=path, line=line)}: {_text(i, 'message', path=path, line=line)}"
        for i in issues
    )


def read_units(
    data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
) -> list[BilingualUnit]:
    """One unit per non-empty line of a newsl10n JSONL file.

    Raises:
        FormatError: bad encoding, a line that is not a JSON object with a string ``source``, a field
            of the wrong type, a lone surrogate, or an unusable language tag (with file and line).
    """
    _encoding, text = decode_text(data, path=path)
    out: list[BilingualUnit] = []
    # Lines end at "\n" only: str.splitlines() also breaks inside a JSON string at U+2028 or U+0085.
    for line_no, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"not valid JSON: {exc.msg} (column {exc.colno})", path=path, line=line_no
            ) from None
        except RecursionError:
            raise FormatError("not valid JSON: nested too deeply", path=path, line=line_no) from None
        except ValueError as exc:  # a number too long to convert (Python's 4,300-digit limit)
            raise FormatError(f"not usable JSON: {exc}", path=path, line=line_no) from None
        if not isinstance(row, dict) or "source" not in row:
            raise FormatError(
                f"each line must be a JSON object with at least source, target and target_lang, not "
                f"{_json_type(row) if not isinstance(row, dict) else 'an object without source'}",
                path=path,
                line=line_no,
            )
        source = _text(row, "source", path=path, line=line_no)
        target = _text(row, "target", path=path, line=line_no)
        src = declared_tag(
            _text(row, "source_lang", path=path, line=line_no),
            source_lang or "en",
            path=path,
            line=line_no,
            what="source language",
            option="--source-lang",
        )
        tgt = declared_tag(
            _text(row, "target_lang", path=path, line=line_no),
            target_lang,
            path=path,
            line=line_no,
            what="target language (target_lang)",
            option="--target-lang",
        )
        out.append(
            BilingualUnit(
                path,
                _text(row, "segment", path=path, line=line_no, number_ok=True) or str(line_no),
                line_no,
                source,
                target,
                src,
                tgt,
                state="translated" if target else "initial",
                kind=_text(row, "kind", path=path, line=line_no),
                notes=_notes(row, path=path, line=line_no),
            )
        )
    return out
