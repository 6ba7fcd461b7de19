"""The review page: one self-contained HTML file to read, filter, edit and sign off a translation.

The page works offline: its style and script are inline and a Content-Security-Policy ``<meta>``
allows nothing else (no network, no other scripts: the script is admitted by its SHA-256).
Per sentence it shows source and target, with glossary terms (``term`` spans) and numbers
(``number``, ``percent``, ``amount``, ``date``… spans) highlighted in both, inline markup as
numbered tags (hover for the original markup), the QA findings, TM matches with their score and
a word diff against the new source, and the origin (mt/tm/human) and state of the segment.

The script filters (only flagged, only unreviewed) and searches, edits a target in place
(Enter, or the Edit button; Ctrl+Enter confirms and marks reviewed, Escape cancels), marks a
segment reviewed (``r``), moves with ``j``/``k`` or the arrow keys, and exports the edits as
XLIFF 2.1 or as the JSON that ``newsl10n import`` reads. It never injects markup: every text goes
through ``textContent``.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import re
from bisect import bisect_right
from pathlib import Path
from typing import ClassVar

from lxml import etree
from lxml.builder import E  # type: ignore[import-not-found]  # lxml-stubs lacks lxml.builder

from .. import langs
from ..model import Block, LocalisedDocument, Segment, Span, Translation
from ..serial import term_records, term_records_line
from ..xmlsafe import NOT_XML_CHARS
from .base import BaseWriter
from .inline import pieces

_CSS = """
body{font-family:system-ui,"Segoe UI","Noto Sans",sans-serif;margin:0;background:#f6f7f9;color:#1d232b}
header{background:#1d2a3a;color:#fff;padding:1rem 1.5rem}
header h1{font-size:1.15rem;margin:0 0 .3rem}
header p{margin:.1rem 0;font-size:.85rem;opacity:.85}
nav.tools{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;padding:.6rem 1.5rem;background:#e9edf2;
  position:sticky;top:0;z-index:2;font-size:.85rem}
nav.tools kbd{font-size:.75rem;border:1px solid #aab;border-radius:3px;padding:0 .2rem;background:#fff}
main{padding:1rem 1.5rem}
table{border-collapse:collapse;width:100%;background:#fff;table-layout:fixed}
th,td{border-bottom:1px solid #e3e6ea;padding:.45rem .6rem;vertical-align:top;text-align:start}
th{background:#eef1f5;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
col.id{width:6.5rem} col.kind{width:6rem} col.status{width:8rem}
tr.block-start td{border-top:2px solid #c9d1db}
tr.current td{box-shadow:inset 0 0 0 9999px rgba(60,120,220,.07)}
tr.current td.id{border-left:4px solid #3c78dc}
td.id,td.kind{font-size:.75rem;color:#5b6673;font-family:ui-monospace,monospace}
td.target[dir=rtl]{text-align:right}
.tag{display:inline-block;font-size:.7rem;padding:0 .25rem;margin:0 .1rem;border-radius:3px;
  background:#dde7f7;color:#234;font-family:ui-monospace,monospace}
mark.term{background:#e4f3dd;border-bottom:2px solid #5a9e3a;color:inherit}
mark.num{background:#fdf0d0;border-bottom:2px solid #c28a00;color:inherit}
tr.issue-error td.target{background:#fdecec} tr.issue-warning td.target{background:#fff6e0}
p.terms{margin:.3rem 0 0;font-size:.8rem;color:#555}
ul.issues{margin:.3rem 0 0;padding-left:1.1rem;font-size:.8rem;color:#8a2b2b}
ul.matches{margin:.3rem 0 0;padding-left:1.1rem;font-size:.8rem;color:#34495e}
ul.matches del{background:#fbdada} ul.matches ins{background:#d7f2d7;text-decoration:none}
.badge{display:inline-block;font-size:.7rem;border-radius:3px;padding:0 .3rem;margin:0 .2rem .2rem 0;
  background:#e3e6ea}
.state-reviewed .state,.state-final .state{background:#cdeccd} .origin-human .origin{background:#d9e4fb}
td.status button{font-size:.7rem;margin:.1rem 0}
textarea.editor{width:100%;min-height:4rem;font:inherit;margin-top:.3rem}
.summary{margin:0 0 1rem;font-size:.9rem}
"""

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nl10n-data").textContent);
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody tr.seg"));
  var byId = {};
  data.segments.forEach(function (s) { byId[s.id] = s; });
  var current = null;
  var filter = document.getElementById("filter");
  var search = document.getElementById("search");
  var counter = document.getElementById("counter");
  var PH = /\u27e6(\/?)(\d+)\u27e7/g;

  function seg(row) { return byId[row.getAttribute("data-id")]; }
  function approved(s) { return s.state === "reviewed" || s.state === "final"; }
  function visible() { return rows.filter(function (r) { return !r.hidden; }); }
  function count() {
    var done = data.segments.filter(approved).length;
    counter.textContent = done + " of " + data.segments.length + " reviewed";
  }
  function select(row) {
    if (current) { current.classList.remove("current"); }
    current = row;
    if (row) { row.classList.add("current"); row.scrollIntoView({block: "nearest"}); }
  }
  function move(step) {
    var v = visible();
    if (!v.length) { return; }
    var i = current ? v.indexOf(current) : -1;
    i = i < 0 ? 0 : Math.min(v.length - 1, Math.max(0, i + step));
    select(v[i]);
  }
  function render(row) {
    var s = seg(row), cell = row.querySelector("td.target .text"), pos = 0, m;
    cell.textContent = "";
    PH.lastIndex = 0;
    while ((m = PH.exec(s.target)) !== null) {
      if (m.index > pos) { cell.appendChild(document.createTextNode(s.target.slice(pos, m.index))); }
      var tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = (m[1] ? "/" : "") + m[2];
      cell.appendChild(tag);
      pos = PH.lastIndex;
    }
    if (pos < s.target.length) { cell.appendChild(document.createTextNode(s.target.slice(pos))); }
  }
  function mark(row) {
    var s = seg(row);
    row.setAttribute("data-state", s.state);
    row.querySelector(".state").textContent = s.state;
    row.querySelector(".origin").textContent = s.origin;
    row.classList.toggle("state-reviewed", approved(s));
    row.classList.toggle("origin-human", s.origin === "human");
    count();
  }
  function edit(row) {
    if (!row || row.querySelector("textarea")) { return; }
    select(row);
    var ta = document.createElement("textarea");
    ta.className = "editor";
    ta.setAttribute("aria-label", "Target of " + seg(row).id);
    ta.value = seg(row).target;
    row.querySelector("td.target").appendChild(ta);
    ta.focus();
  }
  function close(row, keep, review) {
    var ta = row.querySelector("textarea"), s = seg(row);
    if (ta) {
      var value = ta.value.replace(/\s+$/, "");
      if (keep && value !== s.target) {
        s.target = value;
        s.origin = "human";
        if (!approved(s)) { s.state = "translated"; }
        render(row);
      }
      ta.remove();
    }
    if (review) { s.state = "reviewed"; }
    mark(row);
    applyFilter();
  }
  function review(row) {
    var s = seg(row);
    s.state = approved(s) ? "translated" : "reviewed";
    mark(row);
    applyFilter();
  }
  function applyFilter() {
    var mode = filter.value, q = search.value.toLowerCase();
    rows.forEach(function (r) {
      var s = seg(r);
      var ok = mode === "all" || (mode === "flagged" && r.getAttribute("data-flagged") === "1") ||
        (mode === "unreviewed" && !approved(s));
      if (ok && q) { ok = (s.source + "\n" + s.target).toLowerCase().indexOf(q) >= 0; }
      if (r.querySelector("textarea")) { ok = true; }
      r.hidden = !ok;
    });
  }
  function download(text, name, type) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], {type: type}));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function flush() {
    rows.forEach(function (r) { if (r.querySelector("textarea")) { close(r, true, false); } });
  }
  function exportJson() {
    flush();
    var out = {schema: 1, kind: "newsl10n-review", article: data.article, source_lang: data.source_lang,
      target_lang: data.target_lang, provenance: data.provenance, fingerprint: data.fingerprint,
      segments: data.segments.map(function (s) {
        return {id: s.id, block: s.block, kind: s.kind, source: s.source, target: s.target, mt: s.mt,
          state: s.state, origin: s.origin};
      })};
    download(JSON.stringify(out, null, 2) + "\n", data.stem + "." + data.target_lang + ".review.json",
      "application/json");
  }
  function inline(doc, parent, text, kinds) {
    var NS = "urn:oasis:names:tc:xliff:document:2.0", pos = 0, m;
    PH.lastIndex = 0;
    while ((m = PH.exec(text)) !== null) {
      if (m.index > pos) { parent.appendChild(doc.createTextNode(text.slice(pos, m.index))); }
      var el;
      if (kinds[m[2]] === "standalone") {
        el = doc.createElementNS(NS, "ph");
        el.setAttribute("id", "c" + m[2]);
      }
      else if (m[1]) { el = doc.createElementNS(NS, "ec"); el.setAttribute("startRef", "c" + m[2]); }
      else { el = doc.createElementNS(NS, "sc"); el.setAttribute("id", "c" + m[2]); }
      parent.appendChild(el);
      pos = PH.lastIndex;
    }
    if (pos < text.length) { parent.appendChild(doc.createTextNode(text.slice(pos))); }
  }
  function exportXliff() {
    flush();
    var NS = "urn:oasis:names:tc:xliff:document:2.0";
    var doc = document.implementation.createDocument(NS, "xliff", null), root = doc.documentElement;
    root.setAttribute("version", "2.1");
    root.setAttribute("srcLang", data.source_lang);
    root.setAttribute("trgLang", data.target_lang);
    var file = doc.createElementNS(NS, "file");
    file.setAttribute("id", "f1");
    file.setAttribute("original", data.article);
    root.appendChild(file);
    var units = {};
    data.segments.forEach(function (s) {
      var unit = units[s.block];
      if (!unit) {
        unit = units[s.block] = doc.createElementNS(NS, "unit");
        unit.setAttribute("id", s.block);
        unit.setAttribute("name", s.kind);
        unit.setAttribute("type", "nl10n:" + s.kind);
        file.appendChild(unit);
      }
      var el = doc.createElementNS(NS, "segment");
      el.setAttribute("id", s.id);
      el.setAttribute("state", s.state);
      var src = doc.createElementNS(NS, "source"), tgt = doc.createElementNS(NS, "target");
      inline(doc, src, s.source, data.codes[s.block] || {});
      el.appendChild(src);
      if (s.target) { inline(doc, tgt, s.target, data.codes[s.block] || {}); el.appendChild(tgt); }
      unit.appendChild(el);
    });
    var xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + "\n";
    download(xml, data.stem + "." + data.target_lang + ".review.xlf", "application/xliff+xml");
  }

  rows.forEach(function (r) {
    r.addEventListener("click", function (e) { if (e.target.tagName !== "TEXTAREA") { select(r); } });
    r.querySelector("button.edit").addEventListener("click", function () { edit(r); });
    r.querySelector("button.review").addEventListener("click", function () {
      if (r.querySelector("textarea")) { close(r, true, true); } else { review(r); }
    });
  });
  filter.addEventListener("change", applyFilter);
  search.addEventListener("input", applyFilter);
  document.getElementById("export-json").addEventListener("click", exportJson);
  document.getElementById("export-xliff").addEventListener("click", exportXliff);
  document.addEventListener("keydown", function (e) {
    var tag = e.target.tagName;
    if (tag === "TEXTAREA") {
      var row = e.target.closest("tr");
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        close(row, true, true);
        move(1);
      }
      else if (e.key === "Escape") { e.preventDefault(); close(row, false, false); }
      return;
    }
    if (tag === "INPUT" || tag === "SELECT" || tag === "BUTTON" || e.ctrlKey || e.metaKey || e.altKey) {
      if (e.key === "Escape" && tag === "INPUT") { e.target.blur(); }
      return;
    }
    if (e.key === "j" || e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "k" || e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Enter" && current) { e.preventDefault(); edit(current); }
    else if (e.key === "r" && current) { review(current); }
    else if (e.key === "/") { e.preventDefault(); search.focus(); }
  });
  count();
})();
"""

# Span kinds highlighted as numbers (the l10n stage's quantity kinds).
NUMBER_KINDS = frozenset({"number", "percent", "amount", "currency", "date", "time", "ordinal", "quantity"})


def _visible(text: str) -> str:
    """Characters HTML/XML text cannot hold, shown by code point so the reviewer sees them."""
    return NOT_XML_CHARS.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", text)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _state(tr: Translation | None) -> str:
    if tr is None:
        return "initial"
    return "reviewed" if tr.origin == "human" else "translated"


def _marks(spans: tuple[Span, ...], length: int) -> list[str | None]:
    """The highlight class of each character (``term``, ``num`` or None); the first span wins."""
    out: list[str | None] = [None] * length
    for sp in spans:
        cls = "term" if sp.kind == "term" else "num" if sp.kind in NUMBER_KINDS else None
        if cls is None:
            continue
        for i in range(max(0, sp.start), min(length, sp.end)):
            if out[i] is None:
                out[i] = cls
    return out


_WORD_RE = re.compile(r"\s+|[^\s]+")


def _diff(old: str, new: str) -> list[object]:
    """A word diff from ``old`` (a TM entry's source) to ``new`` (this segment's source)."""
    a, b = _WORD_RE.findall(old), _WORD_RE.findall(new)
    out: list[object] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_visible("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(E("del", _visible("".join(a[i1:i2]))))
        if j2 > j1:
            out.append(E("ins", _visible("".join(b[j1:j2]))))
    return out


class ReviewPageWriter(BaseWriter):
    """Writes the interactive review page for one target language."""

    kind: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"
    media_type: ClassVar[str] = "text/html"

    def write(self, result: LocalisedDocument) -> bytes:
        doc = result.document
        src_dir = "rtl" if langs.is_rtl(doc.source_lang) else "ltr"
        tgt_dir = "rtl" if langs.is_rtl(result.target_lang) else "ltr"
        rows = []
        segments: list[dict[str, object]] = []
        flagged = 0
        for block in doc.blocks:
            for i, seg in enumerate(block.segments):
                tr = result.translation(seg.id)
                row = self._row(block, seg, tr, i == 0, result.target_lang, doc.source_lang, src_dir, tgt_dir)
                flagged += row.get("data-flagged") == "1"
                rows.append(row)
                segments.append(
                    {
                        "id": seg.id,
                        "block": block.id,
                        "kind": block.kind,
                        "source": seg.content,
                        "target": tr.text if tr else "",
                        "mt": tr.text if tr else "",
                        "origin": tr.origin if tr else "copy",
                        "state": _state(tr),
                        **({"terms": records} if (records := term_records(seg, tr)) else {}),
                    }
                )
        payload = {
            "schema": 1,
            "article": doc.id,
            "stem": Path(doc.id).stem or "article",
            "source_lang": doc.source_lang,
            "target_lang": result.target_lang,
            "provenance": result.run.signature(),
            "fingerprint": result.run.fingerprint,
            "codes": {b.id: {str(c.id): c.kind for c in b.codes} for b in doc.blocks if b.codes},
            "segments": segments,
        }
        # "<" escaped: the JSON can never close its <script> element, whatever the article holds.
        data = json.dumps(payload, ensure_ascii=False).replace("<", "\\u003c").replace("&", "\\u0026")
        # json.dumps escapes C0 controls but not U+FFFE/U+FFFF, which a script element cannot hold;
        # outside strings JSON is ASCII, so an escape is always inside a string.
        data = NOT_XML_CHARS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", data)
        csp = f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; img-src data:"
        n_seg = len(rows)
        page = E.html(
            E.head(
                E.meta(charset="utf-8"),
                E.meta(**{"http-equiv": "Content-Security-Policy", "content": csp}),
                E.meta(name="viewport", content="width=device-width, initial-scale=1"),
                E.meta(name="generator", content=result.run.signature()),
                E.title(f"Review: {doc.id} ({doc.source_lang} → {result.target_lang})"),
                E.style(_CSS),
            ),
            E.body(
                E.header(
                    E.h1(f"{doc.id}: {doc.source_lang} → {result.target_lang}"),
                    E.p(f"{n_seg} segments · {len(result.issues)} findings · {flagged} flagged"),
                    E.p(f"provenance: {result.run.signature()}"),
                ),
                E.nav(
                    E.label(
                        "Show ",
                        E.select(
                            E.option("all segments", value="all"),
                            E.option("only flagged", value="flagged"),
                            E.option("only unreviewed", value="unreviewed"),
                            id="filter",
                        ),
                    ),
                    E.input(id="search", type="search", placeholder="Search source and target (/)"),
                    E.button("Export XLIFF 2.1", id="export-xliff", type="button"),
                    E.button("Export for newsl10n import (JSON)", id="export-json", type="button"),
                    E.span("", id="counter"),
                    E.span(
                        E.kbd("j"),
                        "/",
                        E.kbd("k"),
                        " next/previous · ",
                        E.kbd("Enter"),
                        " edit · ",
                        E.kbd("Ctrl+Enter"),
                        " confirm · ",
                        E.kbd("r"),
                        " reviewed · ",
                        E.kbd("Esc"),
                        " cancel",
                    ),
                    **{"class": "tools"},
                ),
                E.main(
                    E.table(
                        E.colgroup(
                            E.col(**{"class": "id"}),
                            E.col(**{"class": "kind"}),
                            E.col(),
                            E.col(),
                            E.col(**{"class": "status"}),
                        ),
                        E.thead(
                            E.tr(
                                E.th("segment"),
                                E.th("block"),
                                E.th(f"source ({doc.source_lang})"),
                                E.th(f"target ({result.target_lang})"),
                                E.th("status"),
                            )
                        ),
                        E.tbody(*rows),
                    )
                ),
                E.script(data, type="application/json", id="nl10n-data"),
                E.script(_JS),
            ),
            lang="en",
        )
        body = etree.tostring(page, method="html", encoding="unicode", pretty_print=True)
        return ("<!DOCTYPE html>\n" + body).encode("utf-8")

    def _row(
        self,
        block: Block,
        seg: Segment,
        tr: Translation | None,
        first: bool,
        target_lang: str,
        source_lang: str,
        src_dir: str,
        tgt_dir: str,
    ) -> etree._Element:
        # Built with SubElement rather than the E factory: the same tree, in half the time (one
        # row per segment is most of the page's cost).
        severities = {x.severity for x in (tr.issues if tr else ())}
        cls = ["seg"]
        if "error" in severities:
            cls.append("issue-error")
        elif "warning" in severities:
            cls.append("issue-warning")
        if first:
            cls.append("block-start")
        state = _state(tr)
        origin = tr.origin if tr else "copy"
        if state == "reviewed":
            cls.append("state-reviewed")
        if origin == "human":
            cls.append("origin-human")
        row = etree.Element("tr")
        _sub(row, "td", seg.id, {"class": "id"})
        _sub(row, "td", block.kind if first else "", {"class": "kind"})
        source = _sub(row, "td", None, {"class": "source", "lang": source_lang, "dir": src_dir})
        self._inline_into(source, seg.content, block, seg.spans)
        target_cell = _sub(row, "td", None, {"class": "target", "lang": target_lang, "dir": tgt_dir})
        text = _sub(target_cell, "span", None, {"class": "text"})
        self._inline_into(text, tr.text if tr else "", block, tr.spans if tr else ())
        if tr is not None and tr.issues:
            issues = _sub(target_cell, "ul", None, {"class": "issues"})
            for x in tr.issues:
                _sub(issues, "li", f"{x.severity}: {x.message}", {})
        records = term_records(seg, tr)
        if records:  # how each glossary term was satisfied (term enforcement)
            _sub(target_cell, "p", f"terms: {term_records_line(records)}", {"class": "terms"})
        if tr is not None and tr.candidates:
            target_cell.append(
                E.ul(
                    *[
                        E.li(
                            E.span(f"TM {c.score:.0f}%", **{"class": "badge"}),
                            E.span(_visible(c.target), **{"class": "match-target"}),
                            E.br(),
                            E.span(*_diff(c.source, seg.content), **{"class": "match-diff"}),
                        )
                        for c in tr.candidates
                    ],
                    **{"class": "matches"},
                )
            )
        status = _sub(row, "td", None, {"class": "status"})
        _sub(status, "span", origin, {"class": "badge origin", "title": "origin: mt, tm, human or copy"})
        _sub(status, "span", state, {"class": "badge state", "title": "state"})
        _sub(status, "br", None, {})
        _sub(status, "button", "Edit", {"type": "button", "class": "edit"}).tail = " "
        _sub(status, "button", "Reviewed", {"type": "button", "class": "review"})
        row.set("class", " ".join(cls))
        row.set("data-id", seg.id)
        row.set("data-state", state)
        row.set("data-flagged", "1" if tr is not None and tr.issues else "0")
        return row

    @staticmethod
    def _inline_into(parent: etree._Element, text: str, block: Block, spans: tuple[Span, ...] = ()) -> None:
        """Append :meth:`_inline`'s content to ``parent`` (as the E factory would: text, then tails)."""
        for item in ReviewPageWriter._inline(text, block, spans):
            if isinstance(item, str):
                if len(parent):
                    parent[-1].tail = (parent[-1].tail or "") + item
                else:
                    parent.text = (parent.text or "") + item
            else:
                parent.append(item)  # type: ignore[arg-type]

    @staticmethod
    def _inline(text: str, block: Block, spans: tuple[Span, ...] = ()) -> list[object]:
        """Text with placeholders as numbered tags (title: the original markup) and spans highlighted."""
        marks = _marks(spans, len(text))
        # The highlight can only change where a span starts or ends: step from one such point to
        # the next instead of character by character.
        points = sorted({p for sp in spans for p in (sp.start, sp.end) if 0 < p < len(text)})
        out: list[object] = []
        pos = 0
        for p in pieces(text, block):
            if p.code_id is None:
                start, stop = pos, pos + len(p.text)
                while start < stop:
                    cls = marks[start]
                    end = start
                    while end < stop and marks[end] == cls:
                        k = bisect_right(points, end)
                        end = min(points[k], stop) if k < len(points) else stop
                    chunk = _visible(text[start:end])
                    out.append(_element("mark", chunk, {"class": cls}) if cls else chunk)
                    start = end
            else:
                code = block.code(p.code_id)
                markup = code.closing if p.closing else code.opening
                label = f"/{code.id}" if p.closing else str(code.id)
                out.append(_element("span", label, {"class": "tag", "title": _visible(markup)}))
            pos += len(p.text)
        return out


def _element(tag: str, text: str | None, attrib: dict[str, str]) -> etree._Element:
    el = etree.Element(tag, attrib)
    if text is not None:
        el.text = text
    return el


def _sub(parent: etree._Element, tag: str, text: str | None, attrib: dict[str, str]) -> etree._Element:
    el = etree.SubElement(parent, tag, attrib)
    if text is not None:
        el.text = text
    return el
