"""The Engine interface: a template method that normalises, deduplicates, sorts and batches input.

Subclasses implement only :meth:`Engine._translate_batch` (and :meth:`Engine.describe`). Engines
receive plain sentences: no placeholders (see :mod:`newsl10n.mt.markup`), no surrounding
whitespace, internal whitespace runs collapsed to one space.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import ConfigError
from ..model import Issue
from ..registry import load

_WS_RE = re.compile(r"\s+")

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class EngineOutput:
    """One translated sentence and what the engine had to report about it (e.g. truncation)."""

    text: str
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Options every engine understands; engines ignore what does not apply to them."""

    model: str | None = None
    device: str = "cpu"
    beam_size: int = 4
    batch_size: int = 16
    max_input_tokens: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.beam_size < 1:
            raise ConfigError(f"beam size must be at least 1, not {self.beam_size}")
        if self.batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {self.batch_size}")
        if self.device not in ("cpu", "cuda", "auto") and not self.device.startswith("cuda:"):
            raise ConfigError(f"unknown device {self.device!r}: use cpu, cuda, cuda:N or auto")


class Engine(ABC):
    """Base class of every translation engine. Constructors are cheap; models load on first use."""

    name: ClassVar[str] = ""

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or EngineOptions()

    @abstractmethod
    def supports(self, source_lang: str, target_lang: str) -> bool:
        """True when this engine (with its configured model) can translate the pair."""

    @abstractmethod
    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        """``(model name, revision)`` used for the pair, for provenance."""

    @abstractmethod
    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        """Translate normalised, non-empty sentences; return one output per input, in order."""

    def translate(
        self,
        texts: Sequence[str],
        *,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None = None,
    ) -> list[EngineOutput]:
        """Translate sentences; identical inputs are translated once, batches are length-sorted."""
        normalised = [_WS_RE.sub(" ", t).strip() for t in texts]
        unique = sorted({t for t in normalised if t}, key=lambda t: (len(t), t))
        done: dict[str, EngineOutput] = {}
        size = self.options.batch_size
        for i in range(0, len(unique), size):
            batch = unique[i : i + size]
            outputs = self._translate_batch(batch, source_lang=source_lang, target_lang=target_lang)
            if len(outputs) != len(batch):
                raise AssertionError(f"{self.name} returned {len(outputs)} outputs for {len(batch)} inputs")
            done.update(zip(batch, outputs, strict=True))
            if progress is not None:
                progress(len(batch))
        return [done[t] if t else EngineOutput("") for t in normalised]


def create_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """Instantiate the engine registered under ``name`` (``bergamot``, ``transformers``, …)."""
    cls = load("engine", name)
    engine = cls(options)
    if not isinstance(engine, Engine):
        raise ConfigError(f"engine {name!r} does not implement newsl10n.mt.Engine")
    return engine
