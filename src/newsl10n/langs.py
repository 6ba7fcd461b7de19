"""Language tags: normalise BCP 47 tags once, check them against CLDR (Babel), tell script and direction."""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

from .errors import ConfigError

_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

# The script a language is written in when the tag does not say (CLDR likely subtags, for the
# languages newsl10n targets first; Babel answers for the rest).
_DEFAULT_SCRIPT = {
    "zh": "Hans",
    "uz": "Latn",
    "kk": "Cyrl",
    "ky": "Cyrl",
    "tg": "Cyrl",
    "be": "Cyrl",
    "ru": "Cyrl",
    "sr": "Cyrl",
    "ur": "Arab",
    "fa": "Arab",
    "ar": "Arab",
    "hi": "Deva",
}


@functools.lru_cache(maxsize=256)
def normalise_tag(tag: str) -> str:
    """Return the canonical form of a BCP 47 tag, or raise ConfigError for an unknown one.

    >>> normalise_tag("pt_br")
    'pt-BR'
    >>> normalise_tag("ZH-hans")
    'zh-Hans'
    """
    raw = tag.strip()
    if not _TAG_RE.match(raw):
        raise ConfigError(f"unknown language tag {tag!r}: expected a BCP 47 tag such as 'en', 'zh', 'pt-BR'")
    parts = re.split(r"[-_]", raw)
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif len(p) in (2, 3) and (p.isalpha() or p.isdigit()):
            out.append(p.upper())
        else:
            out.append(p.lower())
    canonical = "-".join(out)
    try:
        Locale.parse(canonical, sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            Locale.parse(out[0])
        except (UnknownLocaleError, ValueError) as exc:
            raise ConfigError(f"unknown language tag {tag!r}: CLDR knows no language {out[0]!r}") from exc
    return canonical


def language(tag: str) -> str:
    """The primary language subtag: ``'zh'`` for ``'zh-Hant-TW'``."""
    return normalise_tag(tag).split("-")[0]


def script(tag: str) -> str:
    """The script subtag of a tag: ``'Cyrl'`` for ``'uz-Cyrl'``, ``'Latn'`` for ``'uz'``."""
    parts = normalise_tag(tag).split("-")
    for p in parts[1:]:
        if len(p) == 4:
            return p
    if parts[0] == "zh" and len(parts) > 1 and parts[1] in ("TW", "HK", "MO"):
        return "Hant"
    if parts[0] in _DEFAULT_SCRIPT:
        return _DEFAULT_SCRIPT[parts[0]]
    return "Latn"


def is_rtl(tag: str) -> bool:
    """True when the language is written right to left (CLDR character order)."""
    try:
        loc = Locale.parse(normalise_tag(tag), sep="-")
    except (UnknownLocaleError, ValueError):
        loc = Locale.parse(language(tag))
    return bool(loc.character_order == "right-to-left")


def parse_tag_list(value: str) -> list[str]:
    """Split a comma-separated list of tags (``"zh,ru, ur"``) and normalise each, keeping order."""
    tags: list[str] = []
    for item in value.split(","):
        if item.strip():
            t = normalise_tag(item)
            if t not in tags:
                tags.append(t)
    if not tags:
        raise ConfigError("no target language given: pass --to with one or more tags, e.g. --to zh,ru")
    return tags
