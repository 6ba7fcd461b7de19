"""Language codes of each model family, from BCP 47 tags.

Sources: NLLB-200 model card (FLORES-200 codes); M2M100 and mBART-50 tokenizer language lists;
OPUS-MT multi-target models take a ``>>code<<`` first token (ISO 639-3 + script, Tatoeba-Challenge).
"""

from __future__ import annotations

from ..errors import ConfigError
from ..langs import language, normalise_tag, script

# FLORES-200 codes used by NLLB-200 (language + script).
NLLB = {
    "en": "eng_Latn",
    "zh-Hans": "zho_Hans",
    "zh-Hant": "zho_Hant",
    "ru": "rus_Cyrl",
    "hi": "hin_Deva",
    "ur": "urd_Arab",
    "fa": "pes_Arab",
    "kk": "kaz_Cyrl",
    "ky": "kir_Cyrl",
    "uz-Latn": "uzn_Latn",
    "tg": "tgk_Cyrl",
    "be": "bel_Cyrl",
    "pt": "por_Latn",
    "ar": "arb_Arab",
    "fr": "fra_Latn",
    "de": "deu_Latn",
    "es": "spa_Latn",
    "it": "ita_Latn",
    "tr": "tur_Latn",
    "uk": "ukr_Cyrl",
    "ja": "jpn_Jpan",
    "ko": "kor_Hang",
    "ps": "pbt_Arab",
    "tk": "tuk_Latn",
    "mn": "khk_Cyrl",
    "az": "azj_Latn",
    "hy": "hye_Armn",
    "ka": "kat_Geor",
    "bn": "ben_Beng",
    "vi": "vie_Latn",
    "id": "ind_Latn",
    "th": "tha_Thai",
    "pl": "pol_Latn",
    "nl": "nld_Latn",
}
# mBART-50 codes.
MBART50 = {
    "en": "en_XX",
    "zh": "zh_CN",
    "ru": "ru_RU",
    "hi": "hi_IN",
    "ur": "ur_PK",
    "fa": "fa_IR",
    "kk": "kk_KZ",
    "pt": "pt_XX",
    "ar": "ar_AR",
    "fr": "fr_XX",
    "de": "de_DE",
    "es": "es_XX",
    "tr": "tr_TR",
    "uk": "uk_UA",
    "ja": "ja_XX",
    "ko": "ko_KR",
    "ps": "ps_AF",
    "az": "az_AZ",
    "ka": "ka_GE",
    "mn": "mn_MN",
    "bn": "bn_IN",
    "vi": "vi_VN",
    "id": "id_ID",
    "th": "th_TH",
    "it": "it_IT",
    "pl": "pl_PL",
    "nl": "nl_XX",
}
# OPUS-MT target tokens (ISO 639-3 with script where the model distinguishes scripts).
OPUS_TARGETS = {
    "zh-Hans": ("cmn_Hans", "zho_Hans", "zho", "cmn", "zh"),
    "zh-Hant": ("cmn_Hant", "zho_Hant", "zho", "cmn", "zh"),
    "uz-Latn": ("uzb_Latn", "uzn_Latn", "uzb", "uz"),
    "uz-Cyrl": ("uzb_Cyrl", "uzn_Cyrl", "uzb", "uz"),
    "ru": ("rus", "ru"),
    "hi": ("hin", "hi"),
    "ur": ("urd", "ur"),
    "fa": ("pes", "fas", "fa"),
    "kk": ("kaz_Cyrl", "kaz", "kk"),
    "ky": ("kir_Cyrl", "kir", "ky"),
    "tg": ("tgk_Cyrl", "tgk", "tg"),
    "be": ("bel", "bel_Latn", "be"),
    "pt": ("por", "pt"),
    "en": ("eng", "en"),
}


def _keys(tag: str) -> list[str]:
    """Lookup keys for a tag, most specific first: 'zh-Hans-CN' → ['zh-Hans-CN', 'zh-Hans', 'zh']."""
    tag = normalise_tag(tag)
    lang = language(tag)
    return [tag, f"{lang}-{script(tag)}", lang]


def lookup(table: dict[str, str], tag: str, family: str) -> str:
    """The family's code for a tag, or ConfigError naming the family."""
    for key in _keys(tag):
        if key in table:
            return table[key]
    raise ConfigError(f"{family} has no language code for {tag!r} in newsl10n's table")


def opus_target_candidates(tag: str) -> list[str]:
    """``>>code<<`` tokens an OPUS-MT multi-target model may use for a tag, best first."""
    for key in _keys(tag):
        if key in OPUS_TARGETS:
            return [f">>{c}<<" for c in OPUS_TARGETS[key]]
    return [f">>{language(tag)}<<"]
