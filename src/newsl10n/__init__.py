"""newsl10n: translate and localise news articles, and hand translators aligned review files.

The whole path in five lines (read → translate → write)::

    import newsl10n
    doc = newsl10n.read_article("examples/sco-ai-cooperation.txt", source_lang="en")
    result = newsl10n.localise(doc, "pt", glossaries=[newsl10n.load_glossary("glossaries/sco-news.tbx")])
    open("story.pt.xlf", "wb").write(newsl10n.render(result, "xlf"))

For many files at once, with resume and all-or-nothing writes, use :func:`translate_files`.
"""

from __future__ import annotations

from .errors import (
    ConfigError,
    EngineError,
    FormatError,
    InputError,
    InvariantError,
    MissingDependencyError,
    Newsl10nError,
    UnknownNameError,
)
from .glossary import load_glossary
from .model import (
    Block,
    Code,
    Document,
    Issue,
    LocalisedDocument,
    RunInfo,
    Segment,
    Slot,
    Span,
    Translation,
)
from .pipeline import Checker, check_units, read_document, translate_document
from .pipeline import read_path as read_article
from .run import CheckJob, RunReport, TranslateJob, check_files, localise, render, translate_files
from .segment import sentence_spans, split_sentences
from .version import __version__

__all__ = [
    "Block",
    "CheckJob",
    "Checker",
    "Code",
    "ConfigError",
    "Document",
    "EngineError",
    "FormatError",
    "InputError",
    "InvariantError",
    "Issue",
    "LocalisedDocument",
    "MissingDependencyError",
    "Newsl10nError",
    "RunInfo",
    "RunReport",
    "Segment",
    "Slot",
    "Span",
    "TranslateJob",
    "Translation",
    "UnknownNameError",
    "__version__",
    "check_files",
    "check_units",
    "load_glossary",
    "localise",
    "read_article",
    "read_document",
    "render",
    "sentence_spans",
    "split_sentences",
    "translate_document",
    "translate_files",
]
