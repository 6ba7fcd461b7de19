"""Localisation of numbers and dates: find them in any supported language, render them for a locale.

``annotate(text, lang)`` finds every number, amount, percentage, date and time as a typed
:class:`~newsl10n.model.Span` with a canonical value; ``render(value, locale)`` writes a value the
way the locale's newsroom does (``data/styles.yaml``); ``parse(text, locale)`` reads it back.
"""

from .detection import KINDS, annotate
from .formatting import parse, render, style_for
from .lexicon import SUPPORTED

__all__ = ["KINDS", "SUPPORTED", "annotate", "parse", "render", "style_for"]
