"""TMX 1.4b writer and reader: DTD validity, header and unit props, inline codes, languages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from newsl10n.errors import FormatError
from newsl10n.formats.tmx import TmxReader, TmxWriter
from newsl10n.model import LocalisedDocument, RunInfo, Translation
from newsl10n.pipeline import read_document

DTD = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "tmx14.dtd"
ARTICLE = (
    b"Ministers of the [SCO](https://sco.int) met. They agreed on a **plan for\nresearch. It** starts in "
    b"`2026`.\n"
)
TARGETS = {
    "b1.s1": "Os ministros da ⟦1⟧OCX⟦/1⟧ reuniram-se.",
    "b1.s2": "Eles acordaram um ⟦2⟧plano de pesquisa.",
    "b1.s3": "Ele⟦/2⟧ começa em ⟦3⟧.",
}
RUN = RunInfo(
    tool_version="0.0.test", segmenter="rules-v1", engine="test", model="m", fingerprint="sha256:77"
)


def localised() -> LocalisedDocument:
    doc = read_document(ARTICLE, doc_id="story.md", source_lang="en", fmt="markdown")
    translations = {
        sid: Translation(segment_id=sid, target_lang="zh-CN", text=t, origin="tm", engine="tm", score=1.0)
        for sid, t in TARGETS.items()
    }
    return LocalisedDocument(document=doc, target_lang="zh-CN", translations=translations, run=RUN)


def test_valid_against_the_tmx14_dtd_with_header_and_props() -> None:
    if not DTD.is_file():
        pytest.fail("../shared/schemas/tmx14.dtd is missing: shared/ must sit beside the project")
    data = TmxWriter().write(localised())
    root = etree.fromstring(data)
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    assert data.startswith(b"<?xml") and b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">' in data
    header = root.find("header")
    assert {
        k: header.get(k) for k in ("srclang", "o-tmf", "creationtool", "creationtoolversion", "segtype")
    } == {
        "srclang": "en",
        "o-tmf": "newsl10n",
        "creationtool": "newsl10n",
        "creationtoolversion": "0.0.test",
        "segtype": "sentence",
    }
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props == {"x-newsl10n-provenance": RUN.signature(), "x-newsl10n-fingerprint": "sha256:77"}
    assert TmxWriter.recorded_fingerprint(data) == "sha256:77"
    tu = root.find("body/tu[@tuid='b1.s1']")
    tu_props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert tu_props == {
        "x-article": "story.md",
        "x-block": "b1",
        "x-kind": "paragraph",
        "x-state": "translated",
        "x-origin": "tm",
        "x-state-qualifier": "exact-match",
    }
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tu.findall("tuv")] == ["en", "zh-CN"]


def test_inline_codes_are_bpt_ept_ph_it_with_the_markup() -> None:
    root = etree.fromstring(TmxWriter().write(localised()))
    seg1, seg2, seg3 = (root.find(f"body/tu[@tuid='{sid}']/tuv/seg") for sid in TARGETS)
    bpt, ept = seg1.find("bpt"), seg1.find("ept")
    assert (bpt.get("i"), bpt.text, bpt.get("x"), bpt.get("type")) == ("1", "[", None, None)
    assert (ept.get("i"), ept.text) == ("1", "](https://sco.int)")
    assert (seg2.find("it").get("pos"), seg2.find("it").text) == ("begin", "**")
    assert seg3.find("it").get("pos") == "end" and seg3.find("ph").text == "`2026`"
    units = TmxReader().read(TmxWriter().write(localised()), path="x.tmx")
    assert [u.tagged_target for u in units] == list(TARGETS.values())
    assert units[0].codes[0].opening == "[" and units[0].codes[0].closing == "](https://sco.int)"


def test_untranslated_sentences_are_left_out_and_no_fingerprint_reads_none() -> None:
    result = localised()
    partial = replace(
        result, translations={"b1.s1": result.translations["b1.s1"]}, run=replace(RUN, fingerprint="")
    )
    data = TmxWriter().write(partial)
    assert [u.unit for u in TmxReader().read(data, path="p.tmx")] == ["b1.s1"]
    assert TmxWriter.recorded_fingerprint(data) is None


BAD = [
    (b'<tmx version="1.4"><header srclang="*all*"/><body/></tmx>', "--source-lang"),
    (
        b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>',
        "xml:lang",
    ),
    (b"<xliff/>", "not <tmx>"),
]


@pytest.mark.parametrize(("data", "message"), BAD, ids=["srclang-all", "tuv-without-lang", "not-tmx"])
def test_bad_tmx(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        TmxReader().read(data, path="bad.tmx")


def test_target_language_selects_a_tuv_in_full() -> None:
    data = (
        Path(__file__).resolve().parents[1] / "data" / "dialects" / "multilingual-variants.tmx"
    ).read_bytes()
    pt_pt = TmxReader().read(data, path="m.tmx", target_lang="pt-PT")
    assert [u.target for u in pt_pt] == ["Organização de Cooperação de Xangai"]
    assert {u.target_lang for u in TmxReader().read(data, path="m.tmx")} == {"pt-BR", "pt-PT", "zh-CN", "ru"}
