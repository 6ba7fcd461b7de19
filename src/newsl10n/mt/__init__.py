"""Machine translation: the Engine interface, engines (transformers, bergamot, identity) and routing."""

from __future__ import annotations

from .base import Engine, EngineOutput, create_engine

__all__ = ["Engine", "EngineOutput", "create_engine"]
