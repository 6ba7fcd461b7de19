"""Sentence segmentation with exact offsets: ``split_sentences`` and the block segmenter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Block, Segment
from .engine import boundaries
from .rules import RULES_VERSION, rules_for

__all__ = ["RULES_VERSION", "SpanFunction", "segment_block", "sentence_spans", "split_sentences"]

SpanFunction = Callable[[str, str], list[tuple[int, int]]]
"""``(text, lang) -> [(start, end), ...]``: a segmenter (the built-in rules, or an SRX file's)."""


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` offsets of the sentences of ``text``; they tile the text.

    Each sentence carries the whitespace that follows it.
    """
    if not text:
        return []
    ends = boundaries(text, rules_for(lang))
    spans: list[tuple[int, int]] = []
    start = 0
    for end in ends:
        if end > start:
            spans.append((start, end))
            start = end
    return spans


def split_sentences(text: str, lang: str) -> list[str]:
    """Split ``text`` into sentences, each stripped of surrounding whitespace.

    >>> split_sentences("Mr. Li arrived. He spoke.", "en")
    ['Mr. Li arrived.', 'He spoke.']
    >>> split_sentences("他来了。她走了。", "zh")
    ['他来了。', '她走了。']
    """
    out = []
    start = 0
    for end in boundaries(text, rules_for(lang)) if text else ():
        s = text[start:end].strip()
        start = end
        if s:
            out.append(s)
    return out


def segment_block(block: Block, lang: str, spans: SpanFunction | None = None) -> Block:
    """Return the block with its segments filled in (ids ``<block id>.s<n>``).

    ``spans`` replaces the built-in rules (for example ``SrxDocument.spans``).
    """
    if not block.translatable:
        return replace(block, segments=())
    found = (spans or sentence_spans)(block.text, lang)
    segs = tuple(
        Segment(id=f"{block.id}.s{i}", block_id=block.id, start=s, end=e, text=block.text[s:e])
        for i, (s, e) in enumerate(found, start=1)
    )
    return replace(block, segments=segs)
