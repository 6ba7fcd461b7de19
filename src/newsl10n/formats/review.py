"""The side-by-side review page: one self-contained HTML file, source and target aligned per sentence.

No scripts, fonts or images from the network: styles are inline, so the page opens anywhere.
Inline markup shows as numbered tags (hover for the original markup); findings are flagged per
sentence with their message.
"""

from __future__ import annotations

from typing import ClassVar

from lxml import etree
from lxml.builder import E  # type: ignore[import-not-found]  # lxml-stubs lacks lxml.builder

from .. import langs
from ..model import Block, LocalisedDocument
from ..xmlsafe import NOT_XML_CHARS
from .inline import pieces

_CSS = """
body{font-family:system-ui,"Segoe UI","Noto Sans",sans-serif;margin:0;background:#f6f7f9;color:#1d232b}
header{background:#1d2a3a;color:#fff;padding:1rem 1.5rem}
header h1{font-size:1.15rem;margin:0 0 .3rem}
header p{margin:.1rem 0;font-size:.85rem;opacity:.85}
main{padding:1rem 1.5rem}
table{border-collapse:collapse;width:100%;background:#fff;table-layout:fixed}
th,td{border-bottom:1px solid #e3e6ea;padding:.45rem .6rem;vertical-align:top;text-align:start}
th{background:#eef1f5;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
col.id{width:6.5rem} col.kind{width:6rem}
tr.block-start td{border-top:2px solid #c9d1db}
td.id,td.kind{font-size:.75rem;color:#5b6673;font-family:ui-monospace,monospace}
td.target[dir=rtl]{text-align:right}
.tag{display:inline-block;font-size:.7rem;padding:0 .25rem;margin:0 .1rem;border-radius:3px;
  background:#dde7f7;color:#234;font-family:ui-monospace,monospace}
tr.issue-error td.target{background:#fdecec} tr.issue-warning td.target{background:#fff6e0}
ul.issues{margin:.3rem 0 0;padding-left:1.1rem;font-size:.8rem;color:#8a2b2b}
.summary{margin:0 0 1rem;font-size:.9rem}
"""


# Characters HTML/XML text cannot hold are shown by code point, so the reviewer sees them.


def _visible(text: str) -> str:
    return NOT_XML_CHARS.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", text)


class ReviewPageWriter:
    """Writes the aligned review page for one target language."""

    name: ClassVar[str] = "review-html"
    extension: ClassVar[str] = ".html"
    media_type: ClassVar[str] = "text/html"

    def write(self, result: LocalisedDocument) -> bytes:
        doc = result.document
        src_dir = "rtl" if langs.is_rtl(doc.source_lang) else "ltr"
        tgt_dir = "rtl" if langs.is_rtl(result.target_lang) else "ltr"
        rows = []
        for block in doc.blocks:
            for i, seg in enumerate(block.segments):
                tr = result.translation(seg.id)
                severities = {x.severity for x in (tr.issues if tr else ())}
                cls = (
                    "issue-error"
                    if "error" in severities
                    else "issue-warning"
                    if "warning" in severities
                    else ""
                )
                if i == 0:
                    cls = (cls + " block-start").strip()
                target_cell = E.td(
                    *self._inline(tr.text if tr else "", block),
                    **{"class": "target", "lang": result.target_lang, "dir": tgt_dir},
                )
                if tr is not None and tr.issues:
                    target_cell.append(
                        E.ul(
                            *[E.li(f"{x.severity}: {x.message}") for x in tr.issues],
                            **{"class": "issues"},
                        )
                    )
                row = E.tr(
                    E.td(seg.id, **{"class": "id"}),
                    E.td(block.kind if i == 0 else "", **{"class": "kind"}),
                    E.td(
                        *self._inline(seg.content, block),
                        **{"class": "source", "lang": doc.source_lang, "dir": src_dir},
                    ),
                    target_cell,
                )
                if cls:
                    row.set("class", cls)
                rows.append(row)
        n_seg = len(rows)
        n_issues = len(result.issues)
        page = E.html(
            E.head(
                E.meta(charset="utf-8"),
                E.meta(name="viewport", content="width=device-width, initial-scale=1"),
                E.meta(name="generator", content=result.run.signature()),
                E.title(f"Review: {doc.id} ({doc.source_lang} → {result.target_lang})"),
                E.style(_CSS),
            ),
            E.body(
                E.header(
                    E.h1(f"{doc.id}: {doc.source_lang} → {result.target_lang}"),
                    E.p(f"{n_seg} segments · {n_issues} findings"),
                    E.p(f"provenance: {result.run.signature()}"),
                ),
                E.main(
                    E.table(
                        E.colgroup(E.col(**{"class": "id"}), E.col(**{"class": "kind"}), E.col(), E.col()),
                        E.thead(
                            E.tr(
                                E.th("segment"),
                                E.th("block"),
                                E.th(f"source ({doc.source_lang})"),
                                E.th(f"target ({result.target_lang})"),
                            )
                        ),
                        E.tbody(*rows),
                    )
                ),
            ),
            lang="en",
        )
        body = etree.tostring(page, method="html", encoding="unicode", pretty_print=True)
        return ("<!DOCTYPE html>\n" + body).encode("utf-8")

    @staticmethod
    def _inline(text: str, block: Block) -> list[object]:
        """Text with placeholders shown as numbered tags whose title is the original markup."""
        out: list[object] = []
        for p in pieces(text, block):
            if p.code_id is None:
                out.append(_visible(p.text))
                continue
            code = block.code(p.code_id)
            markup = code.closing if p.closing else code.opening
            label = f"/{code.id}" if p.closing else str(code.id)
            out.append(E.span(label, **{"class": "tag", "title": markup}))
        return out
