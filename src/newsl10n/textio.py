"""Decoding text files, once for every reader: BOMs, UTF-8/16/32, refusals that name the file and byte.

UTF-8 is the default, with or without a byte-order mark; UTF-16 and UTF-32 are read when a BOM
says so. Text that looks like UTF-16 without a BOM (every other byte zero) is refused rather
than decoded as garbage, and undecodable bytes are reported with their line and offset, never
replaced.

>>> decode_text("Astana".encode("utf-16"), path="a.txt")
('utf-16', 'Astana')
>>> decode_text(b"\\xef\\xbb\\xbfCaf\\xc3\\xa9", path="a.txt")
('utf-8-sig', 'Café')
"""

from __future__ import annotations

import codecs
import unicodedata

from .errors import FormatError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

BOM_BYTES = {"utf-8-sig": codecs.BOM_UTF8, "utf-16": codecs.BOM_UTF16_LE, "utf-32": codecs.BOM_UTF32_LE}


def sniff_bom(data: bytes) -> str | None:
    """The encoding a byte-order mark announces (``utf-8-sig``, ``utf-16``, ``utf-32``), or None."""
    for bom, name in _BOMS:  # UTF-32 LE starts with the UTF-16 LE mark: test it first
        if data.startswith(bom):
            return name
    return None


def looks_like_bomless_utf16(data: bytes) -> bool:
    """True when the bytes look like UTF-16 without a BOM: most even or odd bytes are zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


def decode_text(
    data: bytes, *, path: str, what: str = "file", encoding: str | None = None
) -> tuple[str, str]:
    """Decode a text file; return ``(encoding, text)`` without the BOM.

    Args:
        data: the file's bytes.
        path: the file's name, for messages.
        what: what the file is ("article", "glossary"), for messages.
        encoding: an encoding the file declares (an XML or PO header); a BOM still wins.

    Raises:
        FormatError: BOM-less UTF-16, or bytes that are not valid in the encoding (with line and offset).
    """
    bom = sniff_bom(data)
    name = bom or encoding or "utf-8"
    if bom is None and encoding is None and looks_like_bomless_utf16(data):
        raise FormatError(
            f"the {what} looks like UTF-16 without a byte-order mark; "
            "save it as UTF-8 (or UTF-16 with a BOM)",
            path=path,
        )
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise FormatError(f"the {what} declares an unknown encoding {name!r}", path=path) from None
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FormatError(
            f"not valid {codec.upper() if codec.startswith('utf') else codec} "
            f"(byte 0x{data[exc.start]:02x} at offset {exc.start}); save the {what} as UTF-8 and try again",
            path=path,
            line=line,
        ) from exc
    if bom is None and text.startswith("\ufeff"):
        text = text[1:]  # a declared utf-16/utf-8 that still carried its mark
    return (bom or ("utf-8" if name.lower().replace("_", "-") in ("utf-8", "utf8") else codec)), text


def nfc(text: str) -> str:
    """The NFC form of ``text`` (fast when it is already NFC, as almost all news text is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
