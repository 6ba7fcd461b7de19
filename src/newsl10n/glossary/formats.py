"""The glossary formats as plugins: one small class each, registered under ``newsl10n.glossaries``.

A format has a ``name``, the file ``extensions`` it is chosen for, ``read(data, *, path,
source_lang, target_lang) -> Glossary`` and ``write(glossary, *, target_lang) -> bytes``.
``source_lang``/``target_lang`` matter only to formats whose files name no languages (OmegaT's).
"""

from __future__ import annotations

from typing import ClassVar

from .model import Glossary
from .tabular import read_table, write_table
from .tbx import read_tbx, write_tbx
from .yamlfmt import read_yaml, write_yaml


class GlossaryFormat:
    """Base of the built-in formats (a plugin need not subclass it, only match its shape)."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> Glossary:
        raise NotImplementedError

    def write(self, glossary: Glossary, *, target_lang: str | None = None) -> bytes:
        raise NotImplementedError


class TbxFormat(GlossaryFormat):
    """TBX v3 DCA (ISO 30042:2019) for writing; reads TBX v3 and TBX 2008 (martif) alike."""

    name: ClassVar[str] = "tbx"
    extensions: ClassVar[tuple[str, ...]] = (".tbx", ".xml")

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> Glossary:
        return read_tbx(data, path=path)

    def write(self, glossary: Glossary, *, target_lang: str | None = None) -> bytes:
        return write_tbx(glossary, style="dca")


class Tbx2008Format(TbxFormat):
    """TBX 2008 ``<martif>``, the form OmegaT 3.6 and most term-base tools read."""

    name: ClassVar[str] = "tbx2008"
    extensions: ClassVar[tuple[str, ...]] = ()  # .tbx files are read by TbxFormat, which reads both dialects

    def write(self, glossary: Glossary, *, target_lang: str | None = None) -> bytes:
        return write_tbx(glossary, style="martif")


class CsvFormat(GlossaryFormat):
    """A header of language tags (the first is the source language), one concept per row."""

    name: ClassVar[str] = "csv"
    extensions: ClassVar[tuple[str, ...]] = (".csv",)
    delimiter: ClassVar[str] = ","

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> Glossary:
        return read_table(data, path=path, delimiter=self.delimiter)

    def write(self, glossary: Glossary, *, target_lang: str | None = None) -> bytes:
        return write_table(glossary, delimiter=self.delimiter)


class TsvFormat(CsvFormat):
    """The CSV layout with tabs."""

    name: ClassVar[str] = "tsv"
    extensions: ClassVar[tuple[str, ...]] = (".tsv", ".tab")
    delimiter: ClassVar[str] = "\t"


class YamlFormat(GlossaryFormat):
    """The hand-editable form (see ``glossaries/sco-news.yaml``)."""

    name: ClassVar[str] = "yaml"
    extensions: ClassVar[tuple[str, ...]] = (".yaml", ".yml")

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> Glossary:
        return read_yaml(data, path=path)

    def write(self, glossary: Glossary, *, target_lang: str | None = None) -> bytes:
        return write_yaml(glossary)


class OmegatFormat(GlossaryFormat):
    """OmegaT's tab-separated glossary: ``source<TAB>target<TAB>comment``, one language pair."""

    name: ClassVar[str] = "omegat-tsv"
    extensions: ClassVar[tuple[str, ...]] = (".utf8",)

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> Glossary:
        from .io import read_omegat_tsv

        return read_omegat_tsv(data, path=path, source_lang=source_lang, target_lang=target_lang)

    def write(self, glossary: Glossary, *, target_lang: str | None = None) -> bytes:
        from .io import write_omegat_tsv

        if target_lang is None:
            raise ValueError("an OmegaT glossary needs its target language")
        return write_omegat_tsv(glossary, target_lang=target_lang)
