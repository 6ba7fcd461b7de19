"""Sentences for learning from: a plain-text file (one source sentence per line) or a bilingual file
(TMX, XLIFF, PO, JSONL; its units with both a source and a target). Used to learn shortlists
(:func:`newsl10n.mt.shortlist.build_shortlist`)."""

from __future__ import annotations

from pathlib import Path

from .errors import FormatError


def read_corpus(path: Path, source_lang: str, target_lang: str) -> tuple[list[str], list[str] | None]:
    """Source sentences and, for a bilingual file, their targets (None for plain text)."""
    from .formats.bilingual import read_bilingual
    from .inputs import read_input
    from .textio import decode_text

    data = read_input(path, what="corpus")
    if path.suffix.lower() in (".txt", ".text"):
        _, text = decode_text(data, path=str(path), what="corpus")
        sources = [line.strip() for line in text.splitlines() if line.strip()]
        if not sources:
            raise FormatError("the corpus has no sentences", path=str(path))
        return sources, None
    units = read_bilingual(data, path=str(path), source_lang=source_lang, target_lang=target_lang)
    pairs = [(u.source, u.target) for u in units if u.source.strip() and u.target.strip()]
    if not pairs:
        raise FormatError("the corpus has no unit with both a source and a target", path=str(path))
    return [s for s, _ in pairs], [t for _, t in pairs]
