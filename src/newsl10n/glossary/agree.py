"""Placing a glossary term in a sentence: the form the sentence needs, and the words around it that agree.

:func:`place_term` replaces the engine's rendering of a source term (``text[start:end]``) with the
glossary's target term and makes the grammar around it right:

- Portuguese: the article or contraction before the term takes the term's gender and number ("do
  SCO" → "da OCX", "o SCO" → "as Nações Unidas"), and so does a participle or adjective right after
  it where that is safe ("o SCO ampliado" → "a OCX ampliada"). Gender and number come from the
  term (TBX ``grammaticalGender``/``grammaticalNumber``), else from the head word's ending. Where
  the sentence needs the plural (``number="plural"``: the source term was plural) and the term is a
  singular common noun, the term goes in in the plural ("parceiro de diálogo" → "os parceiros de
  diálogo", "Estado-Membro" → "Estados-Membros"); an acronym or a name stays as it is.
- Russian: the term takes the case (and, for a common noun, the number) of the engine's rendering,
  read from the rendering and the preposition before it. pymorphy3 (the ``morph`` extra) reads and
  inflects the words; without it, declension tables by ending do. The head noun and the adjectives
  before it inflect ("Шанхайская организация сотрудничества" → "Шанхайской организации
  сотрудничества"); complements after the head, acronyms and indeclinable names (ШОС, Душанбе) stay
  as they are.
- Kazakh, Kyrgyz, Uzbek: the case/plural suffix chain of the rendering ("SCO-ның") is carried over
  to the term ("ШЫҰ-ның") when the matcher's suffix tables identify it and the term ends in the same
  vowel class and kind of sound; otherwise the bare term goes in and the record says so.
- Every other language: the term as it is.

When unsure, the term goes in in its dictionary form: never worse than inserting it as it is. A
term (or form) that would bring a placeholder into the sentence is not placed at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import PLACEHOLDER_RE
from .inflect import _ending_ok
from .model import Number, Term, _looks_like_acronym
from .morph import _pymorphy, morphology
from .normalize import APOSTROPHE, fold

_EDGE = ".,;:!?\"'«»“”„()[]—–-… "
_WORD_RE = re.compile(r"[^\W\d_][\w\-ʼ’']*")


@dataclass(frozen=True, slots=True)
class Placed:
    """A sentence after placing a term: its text, the term's offsets in it, the form inserted, and
    what was changed around the term (one short line each, for the record)."""

    text: str
    start: int
    end: int
    form: str
    changes: tuple[str, ...] = ()


def _place(
    text: str,
    start: int,
    end: int,
    term: Term,
    target_lang: str,
    *,
    replaced: str,
    dictionary: bool = True,
    number: Number | None = None,
) -> Placed:
    lang = target_lang.split("-")[0].lower()
    form, changes = term.text, list[str]()
    a, b = start, end
    if lang == "pt":
        text, a, b, form, changes = _place_pt(text, start, end, term, number)
    else:
        if lang == "ru":
            form, changes = _form_ru(text[:start], replaced, term, dictionary)
        elif lang in ("kk", "ky", "uz"):
            form, changes = _form_turkic(replaced, term, lang)
        form = _capitalised(form, text, start)
        text = text[:start] + form + text[end:]
        b = start + len(form)
    return Placed(text, a, b, form, tuple(changes))


def place_term(
    text: str,
    start: int,
    end: int,
    term: Term,
    target_lang: str,
    *,
    replaced: str,
    dictionary: bool = True,
    number: Number | None = None,
) -> Placed:
    """Replace ``text[start:end]`` (the engine's rendering ``replaced``) by ``term`` in the form the
    sentence needs, and make the words that agree with it agree (see the module docstring).

    ``number`` is the number the sentence needs for the term, where the caller knows it (from the
    source term's form); None leaves the term's own number.

    ``dictionary=False`` uses the ending tables even where pymorphy3 is installed. A placeholder
    (⟦1⟧) never comes into a sentence that had none outside the rendering: the term goes in as it is
    when its form would bring one, and nothing is placed when the term itself would.
    """
    placed = _place(
        text, start, end, term, target_lang, replaced=replaced, dictionary=dictionary, number=number
    )
    if PLACEHOLDER_RE.search(text[:start] + text[end:]) or not PLACEHOLDER_RE.search(placed.text):
        return placed
    form = _capitalised(term.text, text, start)
    plain = text[:start] + form + text[end:]
    if PLACEHOLDER_RE.search(plain):
        return Placed(text, start, end, text[start:end], ("not placed: the term holds a placeholder",))
    return Placed(plain, start, start + len(form), form, ("placed as it is: its form held a placeholder",))


def _sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip(_EDGE)


def _capitalised(form: str, text: str, at: int) -> str:
    return form[:1].upper() + form[1:] if _sentence_start(text, at) else form


def _match_case(word: str, like: str) -> str:
    """``word`` with the capitals of ``like`` (all capitals, or a capital first letter)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# --- Portuguese -----------------------------------------------------------------------------------

# Articles, contractions and determiners: (masc sg, fem sg, masc pl, fem pl).
_PT_ARTICLES: tuple[tuple[str, str, str, str], ...] = (
    ("o", "a", "os", "as"),
    ("um", "uma", "uns", "umas"),
    ("este", "esta", "estes", "estas"),
    ("esse", "essa", "esses", "essas"),
    ("aquele", "aquela", "aqueles", "aquelas"),
    ("do", "da", "dos", "das"),
    ("no", "na", "nos", "nas"),
    ("ao", "à", "aos", "às"),
    ("pelo", "pela", "pelos", "pelas"),
    ("dum", "duma", "duns", "dumas"),
    ("num", "numa", "nuns", "numas"),
    ("deste", "desta", "destes", "destas"),
    ("neste", "nesta", "nestes", "nestas"),
    ("desse", "dessa", "desses", "dessas"),
    ("nesse", "nessa", "nesses", "nessas"),
    ("daquele", "daquela", "daqueles", "daquelas"),
    ("naquele", "naquela", "naqueles", "naquelas"),
    ("àquele", "àquela", "àqueles", "àquelas"),
)
_PT_PLAIN_ROWS = 5  # the first rows are articles and determiners without a preposition
_PT_INDEX = {form: (row, col) for row, forms in enumerate(_PT_ARTICLES) for col, form in enumerate(forms)}
_PT_PREPOSITIONS = frozenset(
    [
        "a",
        "ante",
        "após",
        "até",
        "com",
        "contra",
        "de",
        "desde",
        "em",
        "entre",
        "para",
        "perante",
        "por",
        "sem",
        "sob",
        "sobre",
        "trás",
    ]
)
# Adjective and participle endings that show gender and number: stem + (o, a, os, as).
_PT_ADJ_RE = re.compile(r"^([a-zà-ú]{2,}(?:ad|id|ic|iv|os))(o|a|os|as)$")
_PT_ADJ_ENDINGS = ("o", "a", "os", "as")
# Nouns with those endings that may follow a term ("a OCX Estado…" is not an adjective).
_PT_NOT_ADJ = frozenset(
    [
        "estado",
        "estados",
        "mercado",
        "mercados",
        "resultado",
        "resultados",
        "tratado",
        "tratados",
        "comunicado",
        "comunicados",
        "senado",
        "legado",
        "pedido",
        "pedidos",
        "partido",
        "partidos",
        "sentido",
        "significado",
        "delegado",
        "delegados",
        "deputado",
        "deputados",
        "soldado",
        "soldados",
        "advogado",
        "cuidado",
        "lado",
        "dado",
        "dados",
        "aliado",
        "aliados",
        "convidado",
        "convidados",
        "período",
        "rosto",
        "gosto",
        "posto",
        "postos",
    ]
)


def pt_grammar(term: Term) -> tuple[str, bool | None]:
    """``(gender, plural)`` of a Portuguese term: ``"m"``, ``"f"`` or ``""`` (not known), and whether
    it is plural (None: not known). The term's recorded gender and number first, else the ending of
    its head word (its first word); an acronym is singular unless recorded otherwise."""
    gender = {"masculine": "m", "feminine": "f"}.get(term.gender or "", "")
    plural: bool | None = {"plural": True, "singular": False}.get(term.number or "")
    head = term.text.split()[0].split("-")[0] if term.text.split() else ""
    if plural is None and _looks_like_acronym(head):
        plural = False
    if gender and plural is not None:
        return gender, plural
    low = head.lower()
    guessed_plural = low.endswith("s") and not low.endswith(("ês", "us", "is"))
    if low.endswith("ções"):
        guessed = "f"
    else:
        base = low[:-1] if guessed_plural else low
        if base.endswith(("ção", "ião", "são", "dade", "gem", "ie", "ise")) or (
            base.endswith("a") and not base.endswith("ma")
        ):
            guessed = "f"
        elif base.endswith(("o", "or", "ês", "e", "ma")):
            guessed = "m"
        else:
            guessed = ""
    if _looks_like_acronym(head):
        guessed = ""
    return gender or guessed, guessed_plural if plural is None else plural


# Words that end the agreeing part of a term: prepositions, contractions, articles ("parceiro |de
# diálogo", "ministro |dos Negócios Estrangeiros").
_PT_STOP = _PT_PREPOSITIONS | frozenset(_PT_INDEX) | frozenset(["e", "ou"])
# -ão nouns and adjectives whose plural is -ãos or -ães, not -ões.
_PT_AO_PLURAL = {
    "cidadão": "cidadãos",
    "cristão": "cristãos",
    "irmão": "irmãos",
    "mão": "mãos",
    "órgão": "órgãos",
    "sótão": "sótãos",
    "alemão": "alemães",
    "capitão": "capitães",
    "cão": "cães",
    "pão": "pães",
    "charlatão": "charlatães",
    "escrivão": "escrivães",
}
_PT_ACCENT_OFF = str.maketrans("áéíóúâêô", "aeiouêeo")
# First parts of compounds that do not take the plural: prefixes ("vice-", "ex-", "norte-") and
# verb forms ("porta-voz", "guarda-costas").
_PT_FIXED_FIRST = frozenset(
    [
        *("vice", "ex", "pré", "pós", "pró", "recém", "sem", "além", "aquém", "grã", "grão", "mal", "bem"),
        *("norte", "sul", "leste", "oeste", "nordeste", "sudeste", "afro", "luso", "anglo", "franco"),
        *("anti", "auto", "contra", "extra", "infra", "intra", "neo", "proto", "pseudo", "semi", "sobre"),
        *("super", "supra", "ultra", "sub", "co", "euro", "ibero", "sino", "russo", "indo", "greco"),
        *("porta", "guarda", "beija", "quebra", "para", "tira", "conta", "arranha", "caça", "saca"),
        *("lança", "bate", "passa", "ganha", "pica", "corta", "salva", "toca", "vira"),
    ]
)


def _pt_plural_word(word: str) -> str | None:
    """The plural of one Portuguese noun or adjective, by its ending; None where the word is
    invariable, an acronym or not a word (a number, a mixed-case name)."""
    low = word.lower()
    if not low.isalpha() or _looks_like_acronym(word) or (word[1:] != word[1:].lower()):
        return None
    accented = any(c in "áéíóúâêô" for c in low)
    if low in _PT_AO_PLURAL:
        plural = _PT_AO_PLURAL[low]
    elif low.endswith("ão"):
        plural = low[:-2] + "ões"
    elif low.endswith(("a", "e", "i", "o", "u", "á", "é", "í", "ó", "ú", "â", "ê", "ô", "ã", "õ")):
        plural = low + "s"
    elif low.endswith("m"):
        plural = low[:-1] + "ns"
    elif low.endswith("z") and len(low) > 2 and low[-2] in "iu" and low[-3] in "aeiou":
        plural = low[:-2] + {"i": "í", "u": "ú"}[low[-2]] + "zes"  # "juiz" → "juízes", "raiz" → "raízes"
    elif low.endswith(("r", "z", "n")):
        plural = low + "es"
    elif low.endswith(("ís", "ús")):
        plural = low + "es"  # "país" → "países"
    elif low.endswith(("ás", "ês", "ós")):
        plural = low[:-2] + low[-2].translate(_PT_ACCENT_OFF) + "ses"  # "português" → "portugueses"
    elif low == "mal":
        plural = "males"
    elif low.endswith("ul") and accented:
        plural = low[:-2] + "ules"  # "cônsul" → "cônsules"
    elif low.endswith(("al", "ul")):
        plural = low[:-1] + "is"  # "nacional" → "nacionais", "azul" → "azuis"
    elif low.endswith("ol"):
        plural = low[:-2] + "óis"  # "espanhol" → "espanhóis"
    elif low.endswith("el"):
        plural = low[:-2] + ("eis" if accented else "éis")  # "nível" → "níveis", "papel" → "papéis"
    elif low.endswith("il"):
        plural = low[:-2] + ("eis" if accented else "is")  # "fóssil" → "fósseis", "civil" → "civis"
    else:
        return None  # -s unstressed ("vírus"), -x ("tórax"): invariable
    return _match_case(plural, word)


def pt_plural(text: str) -> str | None:
    """The plural of a Portuguese term that is a singular noun phrase: its head word and the words
    that agree with it (up to the first preposition, contraction or article), hyphenated parts
    each ("Estado-Membro" → "Estados-Membros", "parceiro de diálogo" → "parceiros de diálogo",
    "banco central" → "bancos centrais"). None where the head cannot be made plural."""
    words = text.split(" ")
    out: list[str] = []
    agreeing = True
    for i, word in enumerate(words):
        if agreeing and i and word.lower() in _PT_STOP:
            agreeing = False
        if not agreeing:
            out.append(word)
            continue
        parts = word.split("-")
        plural_parts = [_pt_plural_word(p) for p in parts]
        if len(parts) > 1 and parts[0].lower().endswith(("ar", "er", "ir")):
            return None if i == 0 else " ".join(out + words[i:])  # "cessar-fogo": invariable
        if len(parts) > 1 and parts[0].lower() in _PT_FIXED_FIRST:
            # "vice-presidente" → "vice-presidentes", "porta-voz" → "porta-vozes": the last part only
            plural_parts = [*parts[:-1], plural_parts[-1]]
        if i == 0 and plural_parts[0] is None:
            return None
        if any(p is None for p in plural_parts):
            agreeing = False
            out.append(word)
            continue
        out.append("-".join(p for p in plural_parts if p is not None))
    return " ".join(out)


def agreeing_form(found: str, term: str, target_lang: str, number: Number | None) -> str | None:
    """The engine's own rendering of a term (which the matcher accepts in any inflection), made to
    agree within itself where it does not: Portuguese, a plural source, the head word plural and a
    word agreeing with it not ("estados observador" → "estados observadores"). The words keep the
    engine's stems and capitals; None where nothing is to change or the rendering differs from the
    term's plural in more than endings."""
    if target_lang.split("-")[0].lower() != "pt" or number != "plural":
        return None
    many = pt_plural(term)
    if many is None:
        return None
    got, want = found.split(" "), many.split(" ")
    if len(got) != len(want) or got[0].lower() != want[0].lower() or found.lower() == many.lower():
        return None
    out: list[str] = []
    for g, w in zip(got, want, strict=True):
        if g.lower() == w.lower():
            out.append(g)
        elif w.lower().startswith(g.lower()) and len(g) >= 3:  # an ending left off: the plural's
            out.append(g + w[len(g) :])
        else:
            return None
    return " ".join(out)


def _place_pt(
    text: str, start: int, end: int, term: Term, number: Number | None = None
) -> tuple[str, int, int, str, list[str]]:
    changes: list[str] = []
    gender, plural = pt_grammar(term)
    before, after = text[:start], text[end:]
    m = re.search(r"(?<!\w)(\w+)(\s+)$", before)
    article = _PT_INDEX.get(m.group(1).lower()) if m is not None else None
    # Number not known from the source: a plural rendering ("os parceiros do diálogo": a plural
    # article and an -s head word) asks for the plural.
    head = (text[start:end].split() or [""])[0].lower()
    if number is None and article is not None and article[1] >= 2 and head.endswith("s"):
        number = "plural"
    if number == "plural" and plural is False and term.number != "plural":
        many = pt_plural(term.text)
        if many is not None:
            term = Term(text=many, lang=term.lang, gender=term.gender, number="plural")
            gender, plural = pt_grammar(term)
            changes.append(f"the plural “{many}”, as in the source")
    form = _capitalised(term.text, text, start)
    col = (1 if gender == "f" else 0) + (2 if plural else 0) if gender and plural is not None else None
    old_col: int | None = None
    plain_article = False
    if m is not None and article is not None:
        word = m.group(1)
        row, old_col = article
        prev = re.search(r"(\w+)\W*$", before[: m.start(1)])
        plain_article = row < _PT_PLAIN_ROWS and (
            prev is None or prev.group(1).lower() not in _PT_PREPOSITIONS
        )
        if col is not None and col != old_col:
            new = _match_case(_PT_ARTICLES[row][col], word)
            before = before[: m.start(1)] + new + before[m.end(1) :]
            changes.append(f"{word} → {new}")
    if col is not None and old_col is not None and plain_article and col != old_col:
        adj = re.match(r"( )(\w+)(?!\w)", after)
        if adj is not None:
            word = adj.group(2)
            am = _PT_ADJ_RE.match(word)
            if (
                am is not None
                and word not in _PT_NOT_ADJ
                and _PT_ADJ_ENDINGS.index(am.group(2)) == old_col  # it agreed with the old article
            ):
                new = am.group(1) + _PT_ADJ_ENDINGS[col]
                after = " " + new + after[adj.end(2) :]
                changes.append(f"{word} → {new}")
    a = len(before)
    return before + form + after, a, a + len(form), form, changes


# --- Russian --------------------------------------------------------------------------------------

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_CASE_OF = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}
# The cases a preposition governs (the one before the rendering).
_RU_PREPOSITIONS: dict[str, frozenset[str]] = {
    **{
        p: frozenset({"gent"})
        for p in [
            "без",
            "для",
            "до",
            "из",
            "изо",
            "от",
            "ото",
            "у",
            "около",
            "после",
            "среди",
            "против",
            "вокруг",
            "кроме",
            "из-за",
            "из-под",
            "вне",
            "внутри",
            "возле",
            "ради",
            "вместо",
            "помимо",
            "накануне",
        ]
    },
    **{p: frozenset({"datv"}) for p in ["к", "ко", "благодаря", "согласно", "вопреки", "навстречу", "по"]},
    **{p: frozenset({"accs"}) for p in ["про", "через", "сквозь"]},
    **{p: frozenset({"ablt"}) for p in ["над", "надо", "перед", "передо", "между"]},
    **{p: frozenset({"ablt", "gent"}) for p in ["с", "со"]},
    **{p: frozenset({"ablt", "accs"}) for p in ["за", "под", "подо"]},
    **{p: frozenset({"loct", "accs"}) for p in ["в", "во", "на", "о", "об", "обо"]},
    "при": frozenset({"loct"}),
}
_PRIORITY = ("gent", "loct", "datv", "accs", "ablt", "nomn")  # news text: the commonest first

Grammemes = tuple[str, str]  # (case, "sing" | "plur")


def _preposition(before: str) -> frozenset[str] | None:
    m = re.search(r"(?<![\w-])([\w-]+)\s+$", before)
    return _RU_PREPOSITIONS.get(m.group(1).lower()) if m else None


def _form_ru(before: str, replaced: str, term: Term, dictionary: bool) -> tuple[str, list[str]]:
    """The term in the case (and number) of the engine's rendering, and a note of it."""
    analyser = _pymorphy("ru") if dictionary else None
    words = _WORD_RE.findall(replaced)
    scored = _read_ru(words, analyser)
    governed = _preposition(before)
    fixed = _fixed_number(term)
    if scored is None:
        if governed is None:
            return term.text, []
        scored = {(c, fixed or "sing"): 1.0 for c in governed}
    elif governed is not None:
        scored = {g: s for g, s in scored.items() if g[0] in governed}
        if not scored:
            return term.text, ["case unclear: left in its dictionary form"]
    if fixed:
        merged: dict[Grammemes, float] = {}
        for (c, _n), s in scored.items():
            merged[(c, fixed)] = merged.get((c, fixed), 0.0) + s
        scored = merged
    forms: dict[Grammemes, str | None] = {g: _inflect_ru(term, g, analyser) for g in scored}
    usable = {g: f for g, f in forms.items() if f is not None}
    if len(usable) < len(forms):
        return term.text, ["no declension known: left in its dictionary form"]
    if len(set(usable.values())) > 1 and term.text in usable.values():
        return term.text, ["case unclear: left in its dictionary form"]
    best = max(usable, key=lambda g: (scored[g], -_PRIORITY.index(g[0])))
    form = usable[best]
    how = "pymorphy3" if analyser is not None else "tables"
    return form, ([] if form == term.text else [f"{best[0]} {best[1]} ({how}): {term.text} → {form}"])


def _fixed_number(term: Term) -> str:
    """The number a term keeps whatever the rendering's: recorded, or singular for a name."""
    if term.number == "plural":
        return "plur"
    if term.number == "singular" or term.text[:1].isupper():
        return "sing"
    return ""


def _read_ru(words: list[str], analyser: Any) -> dict[Grammemes, float] | None:
    """The (case, number) readings of a rendering, with weights: the words up to its first noun
    agree, so their readings are intersected. None when the words tell nothing (Latin, acronyms)."""
    group: list[dict[Grammemes, float]] = []
    for w in words[:4]:
        if _looks_like_acronym(w) or not re.search(r"[а-яё]", w, re.IGNORECASE):
            break
        if analyser is not None:
            readings, noun = _read_word_pymorphy(w, analyser)
        else:
            readings, noun = _read_word_tables(w)
        if not readings:
            break
        group.append(readings)
        if noun:
            break
    if not group:
        return None
    common = set(group[0]).intersection(*group[1:])
    if not common:
        common = set(group[-1])
    head = group[-1]
    return {g: head.get(g, 0.0) + 1e-6 for g in common}


def _read_word_pymorphy(word: str, analyser: Any) -> tuple[dict[Grammemes, float], bool]:
    out: dict[Grammemes, float] = {}
    noun = False
    for p in analyser.parse(word):
        if p.tag.POS not in ("NOUN", "ADJF", "PRTF", "NPRO"):
            continue
        case = _CASE_OF.get(str(p.tag.case), str(p.tag.case))
        number = str(p.tag.number or "sing")
        if case in CASES:
            out[(case, number)] = out.get((case, number), 0.0) + float(p.score)
            noun = noun or p.tag.POS == "NOUN"
    return out, noun


# What an ending may be, for a word the dictionary is not asked about (longest ending first).
_S, _P = "sing", "plur"
_RU_ENDING_READINGS: tuple[tuple[str, frozenset[Grammemes], bool], ...] = tuple(
    (ending, frozenset(readings), adjectival)
    for ending, readings, adjectival in (
        ("ыми", {("ablt", _P)}, True),
        ("ими", {("ablt", _P)}, True),
        ("ого", {("gent", _S), ("accs", _S)}, True),
        ("его", {("gent", _S), ("accs", _S)}, True),
        ("ому", {("datv", _S)}, True),
        ("ему", {("datv", _S)}, True),
        ("ией", {("ablt", _S)}, False),
        ("ами", {("ablt", _P)}, False),
        ("ями", {("ablt", _P)}, False),
        ("ии", {("gent", _S), ("datv", _S), ("loct", _S), ("nomn", _P)}, False),
        ("ию", {("accs", _S), ("datv", _S)}, False),
        ("ия", {("nomn", _S), ("gent", _S)}, False),
        ("ая", {("nomn", _S)}, True),
        ("яя", {("nomn", _S)}, True),
        ("ую", {("accs", _S)}, True),
        ("юю", {("accs", _S)}, True),
        ("ые", {("nomn", _P), ("accs", _P)}, True),
        ("ие", {("nomn", _P), ("accs", _P), ("nomn", _S), ("accs", _S)}, True),
        ("ое", {("nomn", _S), ("accs", _S)}, True),
        ("ее", {("nomn", _S), ("accs", _S)}, True),
        ("ых", {("gent", _P), ("loct", _P), ("accs", _P)}, True),
        ("их", {("gent", _P), ("loct", _P), ("accs", _P)}, True),
        ("ый", {("nomn", _S), ("accs", _S)}, True),
        ("ий", {("nomn", _S), ("accs", _S)}, True),
        ("ой", {("gent", _S), ("datv", _S), ("ablt", _S), ("loct", _S), ("nomn", _S)}, True),
        ("ей", {("gent", _S), ("datv", _S), ("ablt", _S), ("loct", _S), ("gent", _P)}, True),
        ("ым", {("ablt", _S), ("datv", _P)}, True),
        ("им", {("ablt", _S), ("datv", _P)}, True),
        ("ом", {("ablt", _S), ("loct", _S)}, False),
        ("ем", {("ablt", _S), ("loct", _S)}, False),
        ("ём", {("ablt", _S)}, False),
        ("ах", {("loct", _P)}, False),
        ("ях", {("loct", _P)}, False),
        ("ам", {("datv", _P)}, False),
        ("ям", {("datv", _P)}, False),
        ("ов", {("gent", _P)}, False),
        ("ев", {("gent", _P)}, False),
        ("ью", {("ablt", _S)}, False),
        ("а", {("nomn", _S), ("gent", _S)}, False),
        ("я", {("nomn", _S), ("gent", _S)}, False),
        ("у", {("datv", _S), ("accs", _S)}, False),
        ("ю", {("datv", _S), ("accs", _S)}, False),
        ("ы", {("gent", _S), ("nomn", _P), ("accs", _P)}, False),
        ("и", {("gent", _S), ("datv", _S), ("loct", _S), ("nomn", _P), ("accs", _P)}, False),
        ("е", {("datv", _S), ("loct", _S)}, False),
        ("о", {("nomn", _S), ("accs", _S)}, False),
        ("ь", {("nomn", _S), ("accs", _S)}, False),
    )
)


def _read_word_tables(word: str) -> tuple[dict[Grammemes, float], bool]:
    low = word.lower().replace("ё", "е") if not word.lower().endswith("ём") else word.lower()
    for ending, readings, adjectival in _RU_ENDING_READINGS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return dict.fromkeys(readings, 1.0), not adjectival
    if re.search(r"[бвгджзйклмнпрстфхцчшщ]$", low):
        return {("nomn", _S): 1.0, ("accs", _S): 1.0}, True
    return {}, False


def _inflect_ru(term: Term, want: Grammemes, analyser: Any) -> str | None:
    """The term in the case and number ``want``: the adjectives before the head noun and the head
    inflect, the rest stays. None when a word cannot be inflected with confidence."""
    case, number = want
    parts = re.split(r"(\s+)", term.text)
    words = parts[0::2]
    out = list(words)
    for i, word in enumerate(words):
        if not word or _looks_like_acronym(word) or not re.fullmatch(r"[а-яёА-ЯЁ\-]+", word):
            return term.text if i == 0 else None  # an acronym or a quoted name first: indeclinable
        if analyser is not None:
            got = _inflect_word_pymorphy(word, term, case, number, analyser)
        else:
            got = _inflect_word_tables(word, term, case, number)
        if got is None:
            return None
        out[i], is_head = got
        if is_head:
            # The modifiers before the head agree with it: accusative follows the head's animacy.
            if analyser is not None and case == "accs" and i:
                anim = _animacy(word, analyser)
                for j in range(i):
                    if anim == "inan" and (number == "plur" or term.gender in ("masculine", "neuter")):
                        out[j] = words[j]
                    elif anim is None:
                        return None
            elif analyser is None and case == "accs" and (number == "plur" or term.gender == "masculine"):
                return None if i else out[i]  # animacy unknown without the dictionary
            break
    else:
        return None
    parts[0::2] = out
    return "".join(parts)


def _animacy(word: str, analyser: Any) -> str | None:
    for p in analyser.parse(word.split("-")[0]):
        if p.tag.POS == "NOUN" and "nomn" in p.tag:
            return str(p.tag.animacy)
    return None


_GENDER_TAG = {"masculine": "masc", "feminine": "femn", "neuter": "neut"}


def _inflect_word_pymorphy(
    word: str, term: Term, case: str, number: str, analyser: Any
) -> tuple[str, bool] | None:
    low = word.lower()
    gender = _GENDER_TAG.get(term.gender or "")
    parses = [p for p in analyser.parse(low) if "nomn" in p.tag]
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    adjs = [p for p in parses if p.tag.POS in ("ADJF", "PRTF")]
    if adjs:
        want = {case, number}
        if number == "sing" and gender:
            want.add(gender)
        got = {q.word if q is not None else None for q in (p.inflect(want) for p in adjs)}
        if len(got) != 1 or None in got:
            return None  # two readings that inflect apart ("большая": большой or больший)
        return _restore(got.pop() or "", word), False
    if not nouns:
        return None
    nouns.sort(
        key=lambda p: (gender is not None and gender in p.tag, "Fixd" not in p.tag, p.score), reverse=True
    )
    p = nouns[0]
    if "Fixd" in p.tag:
        return word, True
    if case == "accs" and "-" in low and p.tag.animacy == "inan" and number == "sing":
        return word, True  # "государство-член": an inanimate compound, accusative = nominative
    got = p.inflect({case, number}) or p.inflect({case})
    if got is None:
        return None
    if "-" in low and got.word.count("-") != low.count("-"):
        return None
    return _restore(got.word, word), True


def _restore(new: str, old: str) -> str:
    """``new`` with the capitals of ``old`` (per hyphenated part) and without ё where ``old`` has none."""
    if "ё" not in old.lower():
        new = new.replace("ё", "е")
    if "-" in new and new.count("-") == old.count("-"):
        return "-".join(_match_case(n, o) for n, o in zip(new.split("-"), old.split("-"), strict=True))
    return _match_case(new, old)


# Singular declension by the ending of the nominative: (ending, gender or "", {case: ending}).
# Accusative of a masculine (animate or not: unknown without the dictionary) is left to the caller.
_RU_ADJ_SG: dict[str, dict[str, str]] = {
    "ый": {"gent": "ого", "datv": "ому", "accs": "ый", "ablt": "ым", "loct": "ом"},
    "ой": {"gent": "ого", "datv": "ому", "accs": "ой", "ablt": "ым", "loct": "ом"},
    "кий": {"gent": "кого", "datv": "кому", "accs": "кий", "ablt": "ким", "loct": "ком"},
    "гий": {"gent": "гого", "datv": "гому", "accs": "гий", "ablt": "гим", "loct": "гом"},
    "хий": {"gent": "хого", "datv": "хому", "accs": "хий", "ablt": "хим", "loct": "хом"},
    "ий": {"gent": "его", "datv": "ему", "accs": "ий", "ablt": "им", "loct": "ем"},
    "ая": {"gent": "ой", "datv": "ой", "accs": "ую", "ablt": "ой", "loct": "ой"},
    "яя": {"gent": "ей", "datv": "ей", "accs": "юю", "ablt": "ей", "loct": "ей"},
    "ое": {"gent": "ого", "datv": "ому", "accs": "ое", "ablt": "ым", "loct": "ом"},
    "ее": {"gent": "его", "datv": "ему", "accs": "ее", "ablt": "им", "loct": "ем"},
}
_RU_NOUN_SG: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("ия", "", {"gent": "ии", "datv": "ии", "accs": "ию", "ablt": "ией", "loct": "ии"}),
    ("ие", "", {"gent": "ия", "datv": "ию", "accs": "ие", "ablt": "ием", "loct": "ии"}),
    ("ий", "masculine", {"gent": "ия", "datv": "ию", "accs": "ий", "ablt": "ием", "loct": "ии"}),
    ("а", "", {"gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"}),
    ("я", "", {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"}),
    ("о", "neuter", {"gent": "а", "datv": "у", "accs": "о", "ablt": "ом", "loct": "е"}),
    ("е", "neuter", {"gent": "я", "datv": "ю", "accs": "е", "ablt": "ем", "loct": "е"}),
    ("ь", "feminine", {"gent": "и", "datv": "и", "accs": "ь", "ablt": "ью", "loct": "и"}),
    ("ь", "masculine", {"gent": "я", "datv": "ю", "accs": "ь", "loct": "е"}),  # -ем or -ём: stress
    ("й", "masculine", {"gent": "я", "datv": "ю", "accs": "й", "ablt": "ем", "loct": "е"}),
    ("", "masculine", {"gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"}),
)
_VELAR_SIBILANT = "гкхжшчщц"


def _inflect_word_tables(word: str, term: Term, case: str, number: str) -> tuple[str, bool] | None:
    if number != "sing":
        return None  # plural declension needs the dictionary
    low = word.lower()
    for ending in sorted(_RU_ADJ_SG, key=len, reverse=True):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = word[: len(word) - len(ending)]
            if ending in ("ая", "ой") and stem[-1:].lower() in "жшчщ":
                return None  # -ой or -ей: decided by stress
            if case == "nomn":
                return word, False
            return stem + _RU_ADJ_SG[ending][case], False
    if "-" in word:
        halves = word.split("-")
        if halves[0][:1].isupper() and halves[-1][:1].isupper():  # a name: "Улан-Батор"
            last = _inflect_word_tables(halves[-1], term, case, number)
            return ("-".join([*halves[:-1], last[0]]), True) if last else None
        got = [_inflect_word_tables(h, _as(term, h), case, number) for h in halves]
        if any(g is None for g in got):
            return None
        return "-".join(g[0] for g in got if g is not None), True
    if case == "nomn":
        return word, True
    gender = term.gender or ""
    if (re.search(r"[еиоуюэ]$", low) and gender != "neuter") or (
        gender == "neuter" and low.endswith(("и", "у", "ю"))
    ):
        return word, True  # a foreign name in a vowel other than -а/-я: indeclinable (Душанбе, Нью-Дели)
    if re.search(r"(ок|ек|ец|ёк)$", low):
        return None  # a fleeting vowel maybe (рынок → рынка)
    for ending, g, forms in _RU_NOUN_SG:
        if g and g != gender:
            continue
        if ending == "" and not re.search(r"[бвгджзклмнпрстфхцчшщ]$", low):
            continue
        if not low.endswith(ending) or case not in forms:
            if low.endswith(ending) and ending:
                return None
            continue
        stem = word[: len(word) - len(ending)]
        new = forms[case]
        if ending == "а" and stem[-1:].lower() in "гкхжшчщ" and new == "ы":
            new = "и"
        if new in ("ой", "ом") and stem[-1:].lower() in "жшчщц":
            return None  # -ой/-ей, -ом/-ем: decided by stress
        return stem + new, True
    return None


def _as(term: Term, word: str) -> Term:
    """A part of a hyphenated word with the gender its ending shows (член: masculine)."""
    low = word.lower()
    gender = "neuter" if low.endswith(("о", "е")) else "feminine" if low.endswith(("а", "я")) else "masculine"
    return Term(text=word, lang=term.lang, gender=gender)  # type: ignore[arg-type]


# --- Kazakh, Kyrgyz, Uzbek ------------------------------------------------------------------------

_BACK = set("аоұуыяё") | set("aouAOU")
_FRONT = set("әөүіеиэ") | set("eiEI")
_ROUNDED = set("оөуұүё") | set("ouOU")
_VOWELS = _BACK | _FRONT
_VOICELESS = set("кқпстфхцчшщ") | set("kqpstfhcx")


def _sound(stem: str, lang: str) -> tuple[str, ...] | None:
    """What decides a suffix's form after ``stem``: the last vowel's class and the last sound."""
    letters = [c for c in stem.lower() if c.isalpha()]
    vowels = [c for c in letters if c in _VOWELS or c.lower() in _VOWELS]
    if not letters:
        return None
    last = letters[-1]
    kind = "vowel" if last in _VOWELS else "voiceless" if last in _VOICELESS else "voiced"
    if lang == "uz":
        return (last if last in "kq" else "",)  # no vowel harmony: only -ga/-ka/-qa follow the last sound
    if not vowels:
        return None
    v = vowels[-1]
    klass = "back" if v in _BACK else "front"
    return (klass, kind, "round" if lang == "ky" and v in _ROUNDED else "")


def _caps(word: str) -> int:
    """How many capitals ``word`` starts with."""
    n = 0
    while n < len(word) and word[n].isupper():
        n += 1
    return n


def _form_turkic(replaced: str, term: Term, lang: str) -> tuple[str, list[str]]:
    words = replaced.split()
    if not words:
        return term.text, []
    last = words[-1].strip(_EDGE)
    morph = morphology(lang)
    stem, sep, suffix = "", "", ""
    m = re.match(r"^(.+?)([-'’ʼ])([^-'’ʼ]+)$", last)
    if m and _ending_ok(fold(m.group(3)), morph):
        stem, sep, suffix = m.group(1), m.group(2), m.group(3)
    elif (k := _caps(last)) >= 2 and last[k:].islower() and _ending_ok(fold(last[k:]), morph):
        stem, suffix = last[:k], last[k:]  # an acronym with its suffix written on: "SCOdan", "ШКУнун"
    else:
        term_last = term.text.split()[-1]
        tl = fold(term_last)
        fl = fold(last)
        if fl.startswith(tl) and len(fl) > len(tl) and _ending_ok(fl[len(tl) :], morph):
            stem, suffix = last[: len(tl)], last[len(tl) :]
    if not suffix:
        return term.text, []
    term_last = term.text.split()[-1]
    if _sound(term_last, lang) != _sound(stem, lang) or _sound(stem, lang) is None:
        return term.text, [f"suffix “{suffix}” of “{last}” not carried: {term_last} needs another form of it"]
    if not sep and _looks_like_acronym(term_last) and lang == "kk":
        sep = "-"
    if sep and lang == "uz" and sep in "'’":
        sep = APOSTROPHE
    form = term.text + sep + suffix
    return form, [f"suffix “{suffix}” carried over: {term.text} → {form}"]
