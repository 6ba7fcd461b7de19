"""Term matching that understands languages: boundaries, case, inflection, CJK, variants, nesting."""

from __future__ import annotations

import pytest

from newsl10n.glossary.matcher import TermIndex
from newsl10n.glossary.model import Concept, Glossary, Term
from newsl10n.model import BilingualUnit
from newsl10n.pipeline import check_units


def concept(cid: str, *terms: tuple[str, str] | tuple[str, str, str], dnt: bool = False) -> Concept:
    return Concept(
        id=cid,
        terms=tuple(Term(text=t[0], lang=t[1], status=t[2] if len(t) > 2 else "preferred") for t in terms),  # type: ignore[misc]
        dnt=dnt,
    )


G = Glossary(
    concepts=(
        concept(
            "sco",
            ("Shanghai Cooperation Organisation", "en"),
            ("Шанхайская организация сотрудничества", "ru"),
            ("Шанхайская организация по сотрудничеству", "ru", "deprecated"),
            ("上海合作组织", "zh"),
            ("Organização de Cooperação de Xangai", "pt"),
            ("Шанхай ынтымақтастық ұйымы", "kk"),
            ("Шанхайская арганізацыя супрацоўніцтва", "be"),
            ("سازمان همکاری شانگهای", "fa"),
            ("Shanxay hamkorlik tashkiloti", "uz"),
        ),
        concept("sco-abbr", ("SCO", "en"), ("ШОС", "ru"), ("上合组织", "zh"), ("OCX", "pt"), ("ШЫҰ", "kk")),
        concept(
            "summit",
            ("SCO summit", "en"),
            ("саммит ШОС", "ru"),
            ("上合组织峰会", "zh"),
            ("cúpula da OCX", "pt"),
        ),
        concept("ai", ("AI", "en"), ("ИИ", "ru"), ("人工智能", "zh"), ("IA", "pt")),
        concept(
            "kz",
            ("Kazakhstan", "en"),
            ("Казахстан", "ru"),
            ("Қазақстан", "kk"),
            ("Казахия", "ru", "deprecated"),
        ),
        concept("member", ("member state", "en"), ("Estado-membro", "pt"), ("государство-член", "ru")),
        concept("tiktok", ("TikTok", "en"), dnt=True),
        concept("parliament", ("parliament", "en"), ("парламент", "be")),
        concept("prague", ("Prague", "en"), ("Прага", "be")),
        concept(
            "council",
            ("Council of Heads of State", "en"),
            ("Мамлекет башчыларынын кеңеши", "ky"),
            ("Мемлекет басшылары кеңесі", "kk"),
        ),
        concept("uzbekistan", ("Uzbekistan", "en"), ("O'zbekiston", "uz")),
        concept("fm", ("foreign minister", "en"), ("وزیر امور خارجه", "fa"), ("وزیر خارجہ", "ur")),
        concept(
            "members",
            ("member countries", "en"),
            ("мүше елдер", "kk"),
            ("мүше ел", "kk", "deprecated"),
            ("رکن ممالک", "ur"),
            ("رکن ملک", "ur", "deprecated"),
        ),
    )
)


def check(source: str, target: str, lang: str) -> list[tuple[str, str]]:
    unit = BilingualUnit("f.xlf", "u1", 3, source, target, "en", lang)
    return [(v.kind, v.attrs["concept"]) for v in check_units([unit], [G])]


def test_source_hits_respect_word_boundaries_and_case() -> None:
    index = TermIndex(G)
    assert [h.concept.id for h in index.find("The PAID plan")] == []
    assert [h.concept.id for h in index.find("AI plans and the ai lab")] == ["ai"]  # "ai" is not "AI"
    assert [h.concept.id for h in index.find("Two SCO summits met")] == ["summit"]  # longest wins, plural


def test_typographic_variants_and_lookalikes() -> None:
    index = TermIndex(G)
    # A Cyrillic "С" typed inside the Latin acronym; NBSP inside a multi-word term.
    hits = index.find("Shanghai\u00a0Cooperation Organisation and S\u0421O")
    assert [h.concept.id for h in hits] == ["sco", "sco-abbr"]
    assert [h.concept.id for h in index.find("“Kazakhstan’s” AI")] == ["kz", "ai"]


CASES = [
    # Russian cases and Belarusian, Kazakh agglutination, Portuguese plural compounds, Chinese.
    (
        "Leaders of the Shanghai Cooperation Organisation met.",
        "Лидеры Шанхайской организации сотрудничества встретились.",
        "ru",
        [],
    ),
    ("The SCO summit opened.", "Открылся саммит ШОС.", "ru", []),
    ("The SCO summit opened.", "Открылся саммит организации.", "ru", [("missing-term", "summit")]),
    (
        "Kazakhstan joined.",
        "Казахия присоединилась.",
        "ru",
        [("missing-term", "kz"), ("forbidden-term", "kz")],
    ),
    ("Kazakhstan and AI.", "Казахстан и ИИ.", "ru", []),
    ("Kazakhstan hosts it.", "Қазақстанда өтеді.", "kk", []),
    ("The SCO met.", "ШЫҰ-ның жиыны өтті.", "kk", []),
    ("Member states agreed.", "Os Estados-Membros concordaram.", "pt", []),
    (
        "The Shanghai Cooperation Organisation met.",
        "Шанхайская организация по сотрудничеству собралась.",
        "ru",
        [("missing-term", "sco"), ("forbidden-term", "sco")],
    ),
    ("The SCO summit opened.", "上合组织峰会开幕。", "zh", []),
    ("The SCO summit opened.", "峰会开幕。", "zh", [("missing-term", "summit")]),
    ("They use TikTok.", "Они используют ТикТок.", "ru", [("dnt-changed", "tiktok")]),
    ("They use TikTok.", "Они используют TikTok.", "ru", []),
    ("AI rules.", "Правила ИИ.", "ru", []),
    ("AI rules.", "Правила ии.", "ru", [("missing-term", "ai")]),  # acronyms match case-sensitively
    # Issue 14: Belarusian sound changes before the locative, Turkic pronominal -н-, Uzbek
    # apostrophe letters, Persian/Urdu letters and ZWNJ, broken plurals, deprecated variants
    # that inflect like the preferred term.
    ("The parliament met in Prague.", "У парламенце ў Празе.", "be", []),
    ("The parliament met in Prague.", "У сенаце ў Празе.", "be", [("missing-term", "parliament")]),
    ("The Council of Heads of State met.", "Мамлекет башчыларынын кеңешинде.", "ky", []),
    ("The Council of Heads of State met.", "Мемлекет басшылары кеңесінде.", "kk", []),
    ("Uzbekistan joined.", "Oʻzbekiston qoʻshildi.", "uz", []),
    ("Uzbekistan joined.", "O‘zbekistonda uchrashuv.", "uz", []),
    ("Uzbekistan joined.", "Uzbekiston qoʻshildi.", "uz", [("missing-term", "uzbekistan")]),
    ("The Shanghai Cooperation Organisation met.", "Shanxay hamkorlik tashkilotining yigʻilishi.", "uz", []),
    ("The Shanghai Cooperation Organisation met.", "سازمان‌های همكاري شانگهاي", "fa", []),
    ("The foreign minister came.", "وزرای امور خارجه آمدند.", "fa", []),
    ("The foreign minister came.", "وزرائے خارجہ آئے۔", "ur", []),
    ("The member countries agreed.", "Мүше елдердің өкілдері келісті.", "kk", []),
    (
        "The member countries agreed.",
        "Мүше ел келісті.",
        "kk",
        [("missing-term", "members"), ("forbidden-term", "members")],
    ),
    ("The member countries agreed.", "رکن ممالک نے اتفاق کیا۔", "ur", []),
]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)]
)
def test_check_pair(source: str, target: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert check(source, target, lang) == expected


def test_glossary_without_the_target_language_warns_once() -> None:
    units = [BilingualUnit("f.xlf", f"u{i}", None, "The SCO met.", "x", "en", "hy") for i in range(3)]
    found = check_units(units, [G])
    assert [(v.kind, v.severity) for v in found] == [("no-target-terms", "warning")]


def test_violation_carries_evidence() -> None:
    unit = BilingualUnit("f.xlf", "u7", 12, "The SCO summit opened.", "Открылся форум.", "en", "ru")
    (v,) = check_units([unit], [G])
    assert (v.file, v.unit, v.line, v.attrs["source_term"], v.target_lang) == (
        "f.xlf",
        "u7",
        12,
        "SCO summit",
        "ru",
    )
    assert v.attrs["expected"] == "саммит ШОС" and "саммит ШОС" in v.message and v.check == "terms"
