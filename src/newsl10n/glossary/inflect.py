"""Inflected forms of target terms: per-language endings, and one compiled pattern per term.

A term word matches a text word that shares its stem (the word less one of the language's
endings) and ends in one of those endings — "Шанхайская организация" matches "Шанхайской
организации", "организação" matches "organizações", "Қазақстан" matches "Қазақстанның",
"Қазақстанға" (agglutinative languages allow a chain of suffixes). No dictionary is needed, the
check stays linear, and a wrong inflection of the right word still counts as the right term,
which is what a terminology check (not a grammar check) wants.
"""

from __future__ import annotations

import functools
import re

from .normalize import fold, nfc, normalise

# Endings by language. Fusional languages take one ending; agglutinative ones a chain.
# Sources: standard reference grammars (case, number and possessive suffixes).
_FUSIONAL = {
    "ru": "а я о е ё ы и у ю ь ой ей ом ем ём ам ям ах ях ами ями ов ев ёв ию ии ия ие ий ья ье ьи ью "
    "ая яя ое ее ые ого его ому ему ым им ую юю ых их ыми ими",
    "be": "а я о е ё ы і у ю ь ай ей ой ом ем ём ам ям ах ях амі ямі аў яў оў еў ыя ія ае ое ую юю ага яга "
    "аму яму ым ім ых іх ымі імі ю",
    "uk": "а я о е є и і у ю ь ою ею ом ем ам ям ах ях ами ями ів їв ій ий ої ого ому им ими их ує",
    "pt": "s es is ns ão ões ães ãos a as o os",
    "es": "s es",
    "fr": "s x",
    "it": "a e i o",
    "de": "e en er es n s",
    "en": "s es 's ’s",
    "hi": "ा ी े ों ें ाओं ियों",
    "ur": "ے ی وں یں",
}
_AGGLUTINATIVE = {
    "kk": "ның нің дың дің тың тің ға ге қа ке на не а е ны ні ды ді ты ті н да де та те нда нде дан ден "
    "тан тен нан нен мен бен пен лар лер дар дер тар тер ы і сы сі ымыз іміз ларға лерге дағы дегі тағы",
    "ky": "нын нин нун нүн дын дин дун дүн тын тин тун түн га ге ка ке го гө ко кө а е о ө ны ни ну нү ды ди "
    "ду дү ты ти ту тү да де до дө та те то тө дан ден дон дөн тан тен тон төн нан нен нон нөн лар лер "
    "лор лөр дар дер дор дөр тар тер тор төр ы и у ү сы си су сү",
    "uz": "ning ni ga ka qa da dan lar i si dagi nинг ни га ка қа да дан лар и си даги нинг",
    "tg": "ҳо он ро и ӣ и ҳои ҳоро",
    "tr": "ın in un ün nın nin a e ya ye ı i u ü da de ta te dan den tan ten lar ler",
    "az": "ın in un ün a ə da də dan dən lar lər",
    "fa": "ها های ان ی ای \u200cها \u200cهای \u200cی",
}
_NO_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
# Words of a term or a text: runs of anything but spaces, hyphens and punctuation, so that
# hyphenated compounds inflect per part ("Estado-membro" → "Estados-Membros").
_TOKEN_RE = re.compile(r"[^\s\-.,;:!?()\[\]{}\"'«»“”„…/|]+")


@functools.lru_cache(maxsize=64)
def _endings(lang: str) -> tuple[frozenset[str], bool, int]:
    """The endings of a language, whether they chain, and the longest one's length."""
    if lang in _AGGLUTINATIVE:
        items = frozenset(_AGGLUTINATIVE[lang].split())
        return items, True, max(map(len, items))
    items = frozenset(_FUSIONAL.get(lang, "").split())
    return items, False, max(map(len, items), default=0)


def _ending_ok(rest: str, lang: str) -> bool:
    """True when ``rest`` is empty or (a chain of) the language's endings ("-ның", "ларға")."""
    if not rest:
        return True
    endings, chain, longest = _endings(lang)
    if rest.startswith("-") and chain:
        rest = rest[1:]
    if not chain:
        return rest in endings
    # A chain of up to three suffixes: "Қазақстан|дағы|лар".
    reachable = {0}
    for _ in range(3):
        nxt = {
            j
            for i in reachable
            for j in range(i + 1, min(len(rest), i + longest) + 1)
            if rest[i:j] in endings
        }
        if len(rest) in nxt:
            return True
        if not nxt:
            return False
        reachable = nxt
    return False


@functools.lru_cache(maxsize=65536)
def _stems(text: str, lang: str, case_sensitive: bool) -> tuple[str, ...]:
    """The stem of each word of a term: the word less its longest ending (stems of 3+ letters)."""
    endings, _, _ = _endings(lang)
    out = []
    for word in _TOKEN_RE.findall(normalise(nfc(text))):
        key = word if case_sensitive else fold(word)
        stem = key
        if any(c.isalpha() for c in key):
            for ending in sorted((e for e in endings if key.endswith(e)), key=len, reverse=True):
                if len(key) - len(ending) >= max(3, len(key) // 2):
                    stem = key[: -len(ending)]
                    break
        out.append(stem)
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _tokens(target: str, case_sensitive: bool) -> tuple[tuple[int, int, str], ...]:
    """The words of a target text with their offsets; cached, as every term of a segment's source
    hits is looked up in the same target."""
    return tuple(
        (m.start(), m.end(), m.group() if case_sensitive else fold(m.group()))
        for m in _TOKEN_RE.finditer(target)
    )


def find_term(target: str, text: str, lang: str, case_sensitive: bool) -> tuple[int, int] | None:
    """Where ``text`` or an inflected form occurs in a normalised target text of ``lang``."""
    primary = lang.split("-")[0].lower()
    if primary in _NO_SPACES:
        needle = "".join(_TOKEN_RE.findall(normalise(nfc(text))))
        hay = target if case_sensitive else fold(target)
        needle = needle if case_sensitive else fold(needle)
        # Chinese and Japanese: no word boundaries; spaces inside the term are optional.
        compact = [(i, c) for i, c in enumerate(hay) if not c.isspace()]
        joined = "".join(c for _, c in compact)
        k = joined.find(needle)
        return (compact[k][0], compact[k + len(needle) - 1][0] + 1) if k >= 0 and needle else None
    stems = _stems(text, primary, case_sensitive)
    if not stems:
        return None
    words = _tokens(target, case_sensitive)
    n = len(stems)
    for i in range(len(words) - n + 1):
        for k, stem in enumerate(stems):
            w = words[i + k][2]
            if not (w.startswith(stem) and _ending_ok(w[len(stem) :], primary)):
                break
        else:
            return words[i][0], words[i + n - 1][1]
    return None


def fold_key(text: str) -> str:
    """The automaton key of a term: NFC, normalised, lower-cased."""
    return fold(normalise(nfc(text)))
