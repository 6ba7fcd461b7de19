"""Machine translation: the Engine interface, its engines and wrappers (cache, pivot) and routing."""

from __future__ import annotations

from .base import Engine, EngineOptions, EngineOutput, create_engine, engine_for_model

__all__ = ["Engine", "EngineOptions", "EngineOutput", "create_engine", "engine_for_model"]
