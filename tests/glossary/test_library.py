"""The terminology check as a library call on in-memory documents."""

from __future__ import annotations

from newsl10n.glossary import Concept, Glossary, Term
from newsl10n.model import LocalisedDocument, RunInfo, Translation
from newsl10n.pipeline import Checker, read_document


def test_check_terminology_marks_segments() -> None:
    doc = read_document(
        b"SCO summit opens\n\nThe SCO summit opened in Tianjin. Talks followed.\n",
        doc_id="story.txt",
        source_lang="en",
        fmt="text",
    )
    targets = {
        "b1.s1": "Abre a cúpula",
        "b2.s1": "A cúpula da OCX abriu em Tianjin.",
        "b2.s2": "Seguiram-se conversas.",
    }
    result = LocalisedDocument(
        document=doc,
        target_lang="pt",
        translations={
            sid: Translation(segment_id=sid, target_lang="pt", text=t, origin="mt", engine="test")
            for sid, t in targets.items()
        },
        run=RunInfo(tool_version="t", segmenter="s", engine="test", model="m"),
    )
    glossary = Glossary(
        concepts=(
            Concept(
                id="summit", terms=(Term(text="SCO summit", lang="en"), Term(text="cúpula da OCX", lang="pt"))
            ),
        )
    )
    checked = Checker([glossary]).check_document(result)
    assert [(i.segment_id, i.code) for i in checked.issues] == [("b1.s1", "missing-term")]
    assert checked.translations["b2.s1"].issues == ()
    assert checked.run.glossary_hash == glossary.digest()
    # The stages talk through spans: the source hit and the target term that answers it.
    (src,) = checked.document.block("b2").segments[0].spans
    assert (src.kind, src.value, src.attrs["found"]) == ("term", "summit", "SCO summit")
    (tgt,) = checked.translations["b2.s1"].spans
    assert (tgt.id, tgt.attrs["status"], tgt.attrs["found"]) == (src.id, "allowed", "cúpula da OCX")
