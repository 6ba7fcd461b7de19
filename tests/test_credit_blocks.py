"""Translation respects what a block is: names, outlets and places in bylines and datelines stay."""

from __future__ import annotations

from newsl10n.mt.base import create_engine
from newsl10n.pipeline import read_document, translate_document

ARTICLE = (
    b"Grain corridor talks resume in Tashkent\n\n"
    b"By He Yin, Daily Herald\n\n"
    b"TASHKENT, Oct 2 (Newsdesk) -- Delegations from five countries met on Thursday.\n\n"
    b"Source: Xinhua\n"
)


def test_bylines_keep_names_and_datelines_get_a_local_date() -> None:
    doc = read_document(ARTICLE, doc_id="story.txt", source_lang="en", fmt="text")
    kinds = {b.kind: b for b in doc.blocks}
    assert {"byline", "dateline", "credit"} <= set(kinds)
    result = translate_document(doc, "pt", create_engine("bergamot"))
    text = {b.kind: result.target_block_text(b) for b in doc.blocks}
    assert text["byline"] == "Por He Yin, Daily Herald"  # not "Por Ele Yin"
    assert text["dateline"].startswith("TASHKENT, 2 de outubro (Newsdesk)")
    assert text["credit"] == "Fonte: Xinhua"
