"""The translated article itself, written in the format it was read in (text, Markdown, HTML)."""

from __future__ import annotations

from typing import ClassVar

from ..model import LocalisedDocument
from ..registry import load
from .base import ArticleFormat, BaseWriter


def article_format(name: str) -> ArticleFormat:
    """The article format registered under ``name`` (``text``, ``markdown``, ``html``)."""
    fmt: ArticleFormat = load("reader", name)()
    return fmt


class ArticleWriter(BaseWriter):
    """Writes ``<stem>.<lang><ext>`` in the article's own format (``.article.html`` for HTML)."""

    kind: ClassVar[str] = "article"
    suffix: ClassVar[str] = ""
    media_type: ClassVar[str] = "application/octet-stream"

    def write(self, result: LocalisedDocument) -> bytes:
        return article_format(result.document.format).write_localised(result)

    def file_name(self, stem: str, target_lang: str, source_suffix: str) -> str:
        # An HTML article would collide with the review page (<stem>.<lang>.html): it takes an
        # .article infix.
        infix = ".article" if source_suffix.lower() in (".html", ".htm") else ""
        return f"{stem}.{target_lang}{infix}{source_suffix}"
