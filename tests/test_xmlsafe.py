"""Safe XML for every reader: no external entities, no DTD fetching, no expansion bombs, bounded depth."""

from __future__ import annotations

import pytest

from newsl10n.errors import FormatError
from newsl10n.xmlsafe import MAX_DEPTH, parse_xml

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file><body><trans-unit id="1"><source>&xxe;</source></trans-unit></body></file>
</xliff>"""

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]><tmx>&lol9;</tmx>"
)

QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "' + b"x" * 50_000 + b'">]><t>' + b"&a;" * 2000 + b"</t>"
)

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/evil.dtd"><tmx version="1.4"><body/></tmx>"""

PADDED = b'<?xml version="1.0"?>' + b"<!-- " + b"p" * 70_000 + b" -->" + XXE.split(b"?>", 1)[1]


@pytest.mark.parametrize(
    "data",
    [
        XXE,
        LAUGHS,
        QUADRATIC,
        PADDED,
        XXE.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"),
    ],
    ids=["xxe-file", "billion-laughs", "quadratic-blowup", "entity-after-64k-padding", "utf-16-xxe"],
)
def test_entity_attacks_are_refused_and_their_content_never_comes_through(data: bytes) -> None:
    with pytest.raises(FormatError, match="refused") as info:
        parse_xml(data, path="attack.xlf")
    assert str(info.value).startswith("attack.xlf")
    assert "root:" not in str(info.value)


def test_an_external_dtd_is_never_fetched_and_the_file_still_reads() -> None:
    root = parse_xml(EXTERNAL_DTD, path="memory.tmx")  # nothing listens on port 9: a fetch would fail
    assert root.tag == "tmx"


def test_deep_nesting_is_refused_without_recursion() -> None:
    depth = 100_000
    data = b"<a>" * depth + b"</a>" * depth
    with pytest.raises(FormatError) as info:
        parse_xml(data, path="deep.xml")
    assert "deep.xml" in str(info.value)
    assert str(info.value).startswith("deep.xml:1: refused")
    shallow = b"<a>" * (MAX_DEPTH - 1) + b"</a>" * (MAX_DEPTH - 1)
    assert parse_xml(shallow, path="ok.xml").tag == "a"


def test_an_entity_reference_without_a_declaration_is_refused() -> None:
    with pytest.raises(FormatError, match=r"not well-formed|refused"):
        parse_xml(b"<a>&nope;</a>", path="e.xml")


def test_doctype_without_internal_subset_is_fine_and_comments_are_skipped() -> None:
    data = b'<?xml version="1.0"?>\n<!-- [ not a subset ] -->\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx/>'
    assert parse_xml(data, path="m.tmx").tag == "tmx"


def test_bad_xml_names_the_line() -> None:
    with pytest.raises(FormatError, match=r"^f\.xlf:3: not well-formed XML"):
        parse_xml(b"<a>\n<b>\n</a>", path="f.xlf")


def test_a_declared_encoding_the_bytes_cannot_be_read_in_is_refused_naming_it() -> None:
    # UTF-16 declared, no byte order mark, ASCII bytes: the prolog cannot be shown to be DTD-free.
    with pytest.raises(FormatError, match=r"^f\.xml:1: .*declared encoding"):
        parse_xml(b'<?xml version="1.0" encoding="UTF16"?><a/>', path="f.xml")


def test_a_dtd_in_bomless_utf16_is_still_found() -> None:
    data = '<?xml version="1.0" encoding="utf-16"?>\n<!DOCTYPE x [<!ENTITY a "b">]><a>&a;</a>'
    with pytest.raises(FormatError, match="internal DTD"):
        parse_xml(data.encode("utf-16-le"), path="f.xml")


@pytest.mark.parametrize(
    ("tag", "name"), [("{urn:x}unit", "unit"), ("plain", "plain"), ("{}}xliff", "xliff"), (None, "")]
)
def test_local_name_never_raises(tag: object, name: str) -> None:
    from newsl10n.xmlsafe import local_name

    assert local_name(tag) == name


@pytest.mark.parametrize("encoding", ["uu", "base64", "zlib", "rot13"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(encoding: str) -> None:
    data = f'<?xml version="1.0" encoding="{encoding}"?><a/>'.encode()
    if encoding == "rot13":  # a str-to-str codec: Python has no byte decoder for it, libxml2 refuses it
        with pytest.raises(FormatError, match=r"^f\.xml:1: "):
            parse_xml(data, path="f.xml")
        return
    with pytest.raises(FormatError, match="not a text encoding"):
        parse_xml(data, path="f.xml")


def test_a_namespace_lxml_lets_through_but_qname_refuses_is_read() -> None:
    from lxml import etree

    from newsl10n.formats.bilingual import read_bilingual
    from newsl10n.xmlsafe import namespace_of

    root = etree.fromstring(b'<x xmlns="urn:a"><y/></x>')
    assert namespace_of(root) == "urn:a"
    assert namespace_of(etree.fromstring(b"<x/>")) == ""
    # xmlns="}" streams through lxml's iterparse; the reader must refuse it, not raise ValueError.
    with pytest.raises(FormatError, match=r"^f\.xlf"):
        read_bilingual(b'<xliff n="" xmlns="}">', path="f.xlf")
