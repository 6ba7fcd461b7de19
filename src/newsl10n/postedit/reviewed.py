"""Reading a reviewed file: its units, the article it was made for, and the machine draft to compare with.

Bilingual formats are read by :func:`newsl10n.formats.bilingual.read_bilingual`; what the units do
not carry (the article path, the provenance signature) comes from the file itself: XLIFF
``<file original>`` and its ``newsl10n:provenance`` note, PO ``Project-Id-Version`` and
``X-Newsl10n-Provenance``, JSONL ``doc``. The review page's export (``schema`` 1, ``kind``
``newsl10n-review``) is read here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FormatError
from ..formats.bilingual import read_bilingual
from ..formats.po import HEADER_SIGNATURE, header_fields, parse_po
from ..formats.units import root_name
from ..langs import normalise_tag
from ..model import PLACEHOLDER_RE, BilingualUnit
from ..xmlsafe import local_name, parse_xml

REVIEW_KIND = "newsl10n-review"
"""``kind`` of the review page's JSON export."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewedFile:
    """A reviewed file's units and what it says about its article."""

    path: str
    format: str
    """``xliff``, ``po``, ``jsonl`` or ``review`` (the review page's export)."""
    units: tuple[BilingualUnit, ...]
    article: str = ""
    """The article path the file records ("" when it records none)."""
    signature: str = ""
    drafts: dict[str, str] = field(default_factory=dict)
    """Unit id → the machine draft the reviewer started from, when the file carries it."""


def read_reviewed(data: bytes, *, path: str, source_lang: str | None = None) -> ReviewedFile:
    """Read any reviewed file newsl10n can import.

    Raises:
        FormatError: the file cannot be parsed (named with its line).
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{") and Path(path).suffix.lower() == ".json":
        return _read_review_json(data, path=path)
    units = tuple(read_bilingual(data, path=path, source_lang=source_lang))
    root = root_name(data)
    if root == "xliff":
        article, signature = _xliff_article(data, path)
        return ReviewedFile(path=path, format="xliff", units=units, article=article, signature=signature)
    if root == "tmx":
        raise FormatError(
            "is a TMX file: import it into the translation memory with `newsl10n tm import`", path=path
        )
    suffix = Path(path).suffix.lower()
    if suffix in (".po", ".pot"):
        entries, _text = parse_po(data, path=path)
        header = next((e for e in entries if e.msgid == "" and not e.msgctxt), None)
        fields = header_fields(header.msgstr.get(0, "")) if header else {}
        return ReviewedFile(
            path=path,
            format="po",
            units=units,
            article=fields.get("project-id-version", ""),
            signature=fields.get(HEADER_SIGNATURE.lower(), ""),
        )
    article, signature = "", ""
    for raw in data.splitlines():
        if raw.strip():
            try:
                row = json.loads(raw)
            except ValueError:
                break
            if isinstance(row, dict):
                article, signature = str(row.get("doc") or ""), str(row.get("provenance") or "")
            break
    drafts = {u.unit: u.target for u in units}
    return ReviewedFile(
        path=path, format="jsonl", units=units, article=article, signature=signature, drafts=drafts
    )


def _xliff_article(data: bytes, path: str) -> tuple[str, str]:
    root = parse_xml(data, path=path)
    originals: list[str] = []
    signature = ""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = local_name(el.tag)
        if name == "file" and el.get("original"):
            originals.append(str(el.get("original")))
        elif name == "note" and "newsl10n:provenance" in (el.get("category"), el.get("from")):
            signature = signature or (el.text or "").strip()
    distinct = list(dict.fromkeys(originals))
    if len(distinct) > 1:
        raise FormatError(
            f"holds several articles ({', '.join(distinct)}); import one article per file", path=path
        )
    return (distinct[0] if distinct else ""), signature


def _plain(tagged: str) -> str:
    return PLACEHOLDER_RE.sub("", tagged)


def _read_review_json(data: bytes, *, path: str) -> ReviewedFile:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FormatError("is not valid UTF-8", path=path) from exc
    except json.JSONDecodeError as exc:
        raise FormatError(f"is not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    except RecursionError:
        raise FormatError("is not valid JSON: nested too deeply", path=path) from None
    except ValueError as exc:  # a number too long to convert (Python's 4,300-digit limit)
        raise FormatError(f"is not usable JSON: {exc}", path=path) from None
    if not isinstance(doc, dict) or doc.get("kind") != REVIEW_KIND:
        raise FormatError(
            f'is not a review page export (expected "kind": "{REVIEW_KIND}")', path=path, line=1
        )
    if doc.get("schema") != 1:
        raise FormatError(f"has schema {doc.get('schema')!r}; this newsl10n reads schema 1", path=path)
    try:
        src = normalise_tag(str(doc["source_lang"]))
        tgt = normalise_tag(str(doc["target_lang"]))
        segments = doc["segments"]
    except KeyError as exc:
        raise FormatError(f"lacks the field {exc.args[0]!r}", path=path) from None
    except Exception as exc:  # a bad language tag (ConfigError)
        raise FormatError(str(exc), path=path) from exc
    if not isinstance(segments, list):
        raise FormatError('"segments" is not a list', path=path)
    units: list[BilingualUnit] = []
    drafts: dict[str, str] = {}
    for n, seg in enumerate(segments, start=1):
        if not isinstance(seg, dict) or "id" not in seg or "source" not in seg:
            raise FormatError(f"segment {n} lacks an id or a source", path=path)
        uid = str(seg["id"])
        source, target = str(seg["source"]), str(seg.get("target") or "")
        state = str(seg.get("state") or ("translated" if target else "initial"))
        if state not in ("initial", "translated", "reviewed", "final"):
            raise FormatError(f"segment {uid} has the unknown state {state!r}", path=path)
        if "mt" in seg:
            drafts[uid] = str(seg.get("mt") or "")
        units.append(
            BilingualUnit(
                path,
                uid,
                None,
                _plain(source),
                _plain(target),
                src,
                tgt,
                state=state,
                kind=str(seg.get("kind") or ""),
                tagged_source=source,
                tagged_target=target,
            )
        )
    return ReviewedFile(
        path=path,
        format="review",
        units=tuple(units),
        article=str(doc.get("article") or ""),
        signature=str(doc.get("provenance") or ""),
        drafts=drafts,
    )
