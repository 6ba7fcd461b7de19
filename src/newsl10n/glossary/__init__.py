"""Terminology: glossaries (TBX, CSV/TSV, YAML), language-aware term matching, and lint."""

from __future__ import annotations

from .io import load_glossary, save_glossary
from .model import Concept, Glossary, Term, TermStatus

__all__ = ["Concept", "Glossary", "Term", "TermStatus", "load_glossary", "save_glossary"]
