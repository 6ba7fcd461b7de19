"""HTML articles: blocks from block-level elements, inline tags as codes, DOM-preserving writes."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newsl10n.formats.html import HtmlArticleFormat

FMT = HtmlArticleFormat()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sco-ai-lab.html"


def read(text: str):
    return FMT.read(text.encode("utf-8"), doc_id="a.html", source_lang="en")


def test_kinds_from_elements_and_classes() -> None:
    doc = FMT.read(EXAMPLE.read_bytes(), doc_id="x.html", source_lang="en")
    kinds = [b.kind for b in doc.blocks]
    assert kinds[:6] == ["metadata", "label", "headline", "standfirst", "byline", "dateline"]
    assert "quote" in kinds and "caption" in kinds


def test_inline_tags_are_codes_and_entities_are_text() -> None:
    doc = read("<p>Fish &amp; <a href='x'>chips</a>&nbsp;now<br>here.</p>")
    (b,) = doc.blocks
    assert b.text == "Fish & ⟦1⟧chips⟦/1⟧\u00a0now⟦2⟧here."
    assert [(c.kind, c.opening, c.closing) for c in b.codes] == [
        ("pair", "<a href='x'>", "</a>"),
        ("standalone", "<br>", ""),
    ]


def test_scripts_styles_and_comments_are_not_text() -> None:
    doc = read("<style>p{}</style><p>Text</p><script>var a='<p>x</p>';</script><!-- c -->")
    assert [b.text for b in doc.blocks] == ["Text"]


def test_unchanged_document_is_written_back_byte_for_byte() -> None:
    data = EXAMPLE.read_bytes()
    assert FMT.write(FMT.read(data, doc_id="x.html", source_lang="en")) == data


def test_translated_text_is_escaped_and_markup_kept() -> None:
    doc = read('<html><body><p class="lead">Fish &amp; <a href="/x?a=1&amp;b=2">chips</a>.</p></body></html>')
    (b,) = doc.blocks
    out = FMT.write(doc, {b.id: "Peixe <&> ⟦1⟧batatas⟦/1⟧."}).decode()
    tree = lxml.html.fromstring(out)
    p = tree.find(".//p")
    assert p.get("class") == "lead"
    assert p.text_content() == "Peixe <&> batatas."
    assert p.find("a").get("href") == "/x?a=1&b=2"


def test_unclosed_inline_tag_becomes_standalone() -> None:
    doc = read("<p>Some <b>bold text</p>")
    (b,) = doc.blocks
    assert b.text == "Some ⟦1⟧bold text"
    assert b.codes[0].kind == "standalone"


def test_translated_page_declares_the_target_language() -> None:
    from newsl10n.model import LocalisedDocument, RunInfo, Translation
    from newsl10n.pipeline import segment_document

    doc = segment_document(read('<html lang="en" class="x"><body><p>Hello.</p></body></html>'))
    run = RunInfo(tool_version="t", segmenter="s", engine="e", model="m")
    seg = doc.segments[0]

    def page(lang: str) -> str:
        tr = Translation(segment_id=seg.id, target_lang=lang, text="سلام.", origin="mt", engine="e")
        return FMT.write_localised(
            LocalisedDocument(document=doc, target_lang=lang, translations={seg.id: tr}, run=run)
        ).decode()

    assert page("ur").startswith('<html lang="ur" dir="rtl" class="x">')
    assert page("ru").startswith('<html lang="ru" class="x">')


def test_image_alt_and_page_description_are_translatable_attributes() -> None:
    page = (
        '<head><meta name="description" content="Lab &amp; tests"><meta name="viewport" content="w">'
        '<meta property="og:title" content="Title"></head>'
        '<figure><img src="a.jpg" alt="A &quot;lab&quot;" title="Tip"><figcaption>Cap.</figcaption></figure>'
    )
    doc = read(page)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("metadata", "Lab & tests"),
        ("metadata", "Title"),
        ("alt_text", 'A "lab"'),
        ("alt_text", "Tip"),
        ("caption", "Cap."),
    ]
    assert FMT.write(doc) == page.encode()
    out = FMT.write(doc, {b.id: f'{b.text} "x" <y>' for b in doc.blocks}).decode()
    tree = lxml.html.fromstring(out)
    assert tree.xpath("//meta[@name='description']/@content") == ['Lab & tests "x" <y>']
    assert tree.xpath("//img/@alt") == ['A "lab" "x" <y>'] and tree.xpath("//img/@src") == ["a.jpg"]
    assert tree.xpath("//meta[@name='viewport']/@content") == ["w"]


def test_page_title_is_metadata_not_a_second_heading() -> None:
    page = (
        "<html><head><title>Rail freight to double</title></head>"
        "<body><h1>Rail freight to double</h1><p>Officials said so.</p></body></html>"
    )
    doc = read(page)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("metadata", "Rail freight to double"),
        ("headline", "Rail freight to double"),
        ("paragraph", "Officials said so."),
    ]
    assert FMT.write(doc) == page.encode()


def test_stray_ampersand_hash_is_text_and_tags_after_it_stay_tags() -> None:
    # html.parser alone would hand "<p>" to the text after an "&#" that starts no reference.
    for page, texts in (
        ("&#<p>Hi", ["&#", "Hi"]),
        ("Q&#x<p>A</p>", ["Q&#x", "A"]),
        ("&#169; AP<p>B", ["© AP", "B"]),
    ):
        doc = read(page)
        assert [b.text for b in doc.blocks] == texts
        assert FMT.write(doc) == page.encode()


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ("<meta charset=KOI8-R>", "koi8_r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "cp1252"),
    ],
)
def test_a_page_in_its_meta_encoding_is_read_and_written_as_utf8(meta: str, encoding: str) -> None:
    from newsl10n.formats.article import article_format

    text = "Привет мир." if encoding != "cp1252" else "Café “crème” à Genève."
    page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    fmt = article_format("html")
    doc = fmt.read(page.encode(encoding), doc_id="p.html", source_lang="ru")
    assert doc.blocks[0].text == text
    out = fmt.write(doc).decode("utf-8")
    assert text in out and "charset" in out and "utf-8" in out.lower()
    assert encoding.replace("_", "-") not in out.lower() and "1251" not in out and "8859" not in out


def test_a_meta_utf16_label_means_utf8_and_an_unknown_label_is_refused() -> None:
    from newsl10n.errors import FormatError
    from newsl10n.formats.article import article_format

    fmt = article_format("html")
    doc = fmt.read('<meta charset="utf-16"><p>Olá.</p>'.encode(), doc_id="p.html", source_lang="pt")
    assert doc.blocks[0].text == "Olá."
    with pytest.raises(FormatError, match=r"^p\.html: .*unknown encoding 'x-bogus'"):
        fmt.read(b'<meta charset="x-bogus"><p>a</p>', doc_id="p.html", source_lang="en")


def test_a_numeric_reference_too_long_to_convert_is_refused_with_its_line() -> None:
    # Python refuses int() of more than 4,300 digits, in the stdlib parser's attribute handling too.
    from newsl10n.errors import FormatError
    from newsl10n.formats.article import article_format

    for page in ("<p>a</p>\n<p>&#" + "1" * 5000 + ";</p>", "<p>a</p>\n<img alt='&#" + "9" * 5000 + "'>"):
        with pytest.raises(FormatError, match=r"^p\.html:2: a numeric character reference of 5000 digits"):
            article_format("html").read(page.encode(), doc_id="p.html", source_lang="en")
    doc = article_format("html").read(b"<p>&#65; &#99999999; &amp;</p>", doc_id="p.html", source_lang="en")
    assert doc.blocks[0].text == "A \ufffd &"
