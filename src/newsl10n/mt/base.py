"""The Engine interface: a template method that normalises, deduplicates, splits, batches and guards input.

Subclasses implement only :meth:`Engine._translate_batch` (and :meth:`Engine.describe`); they may
override :meth:`Engine._token_counts` and :meth:`Engine._input_limit` so that batches are sized in
real model tokens and over-long sentences are split at clause boundaries before the model sees them.
Engines receive plain sentences: no placeholders (see :mod:`newsl10n.mt.markup`), no surrounding
whitespace, internal whitespace runs collapsed to one space.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from ..errors import ConfigError, InvariantError
from ..langs import script
from ..model import Issue
from ..registry import load
from . import guards

_WS_RE = re.compile(r"\s+")
_ROUGH_TOKEN_RE = re.compile(r"\w+|[^\w\s]")

ProgressCallback = Callable[[int], None]

#: Safer decoding asked for when a guard finds a repetition loop or a hallucinated run.
SAFER_DECODING: dict[str, Any] = {"beam_size": 4, "repetition_penalty": 1.2, "no_repeat_ngram_size": 4}


@dataclass(frozen=True, slots=True)
class EngineOutput:
    """One translated sentence and what the engine had to report about it (e.g. truncation).

    ``cached`` is True when the text came from the segment cache rather than from the model, so a
    caller can count cache hits; ``score`` is the model's log-probability where the engine has one.
    """

    text: str
    issues: tuple[Issue, ...] = ()
    cached: bool = False
    score: float | None = None


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Options every engine understands; engines ignore what does not apply to them.

    ``batch_tokens`` caps a batch by its padded size in model tokens (longest sentence times the
    number of sentences); ``batch_size`` caps the number of sentences. ``extra`` carries options of
    one engine (``variant`` for bergamot, ``inter_threads``/``intra_threads``/``compute_type`` for
    ctranslate2, …); they are part of the segment cache key.
    """

    model: str | None = None
    device: str = "cpu"
    beam_size: int = 4
    batch_size: int = 16
    batch_tokens: int | None = None
    max_input_tokens: int | None = None
    guards: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.beam_size < 1:
            raise ConfigError(f"beam size must be at least 1, not {self.beam_size}")
        if self.batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {self.batch_size}")
        if self.batch_tokens is not None and self.batch_tokens < 1:
            raise ConfigError(f"batch size in tokens must be at least 1, not {self.batch_tokens}")
        if self.device not in ("cpu", "cuda", "auto") and not self.device.startswith("cuda:"):
            raise ConfigError(f"unknown device {self.device!r}: use cpu, cuda, cuda:N or auto")


class Engine(ABC):
    """Base class of every translation engine. Constructors are cheap; models load on first use."""

    name: ClassVar[str] = ""
    capabilities: ClassVar[frozenset[str]] = frozenset()
    """Flags such as ``nbest``, ``constraints``, ``alignment``, ``cuda``, ``safer-decoding``."""

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or EngineOptions()

    @classmethod
    def claims(cls, model: str) -> bool:
        """True when this engine can load ``model`` (a directory or hub id); ``--engine auto`` asks."""
        return False

    @abstractmethod
    def supports(self, source_lang: str, target_lang: str) -> bool:
        """True when this engine (with its configured model) can translate the pair."""

    @abstractmethod
    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        """``(model name, revision)`` used for the pair, for provenance."""

    def output_lang(self, source_lang: str, target_lang: str) -> str:
        """The language tag of what the engine produces for the pair (``pt-BR`` for ``pt``)."""
        return target_lang

    def cache_identity(self, source_lang: str, target_lang: str) -> dict[str, Any]:
        """Everything that decides the output for the pair, for the segment cache key.

        Must be cheap (no model load): engines whose :meth:`describe` revision is only known after
        loading override this with a revision they can read from disk.
        """
        model, revision = self.describe(source_lang, target_lang)
        return {
            "engine": self.name,
            "model": model,
            "revision": revision,
            "beam_size": self.options.beam_size,
            "max_input_tokens": self.options.max_input_tokens,
            "guards": self.options.guards,
            "extra": {k: repr(v) for k, v in sorted(self.options.extra.items())},
        }

    @abstractmethod
    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        """Translate normalised, non-empty sentences; return one output per input, in order."""

    def _in_flight(self) -> int:
        """How many batches :meth:`_translate_batches` is given at once (engines that overlap them)."""
        return 1

    def _translate_batches(
        self, batches: list[list[str]], *, source_lang: str, target_lang: str
    ) -> list[list[EngineOutput]]:
        """Translate several batches; the default runs :meth:`_translate_batch` on each in turn."""
        return [self._translate_batch(b, source_lang=source_lang, target_lang=target_lang) for b in batches]

    def _translate_batch_safer(
        self, texts: list[str], *, source_lang: str, target_lang: str, decoding: dict[str, Any]
    ) -> list[EngineOutput] | None:
        """Translate again with safer decoding; None when the engine cannot change its decoding."""
        return None

    def _token_counts(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[int]:
        """Input length of each sentence in model tokens; the default counts words and punctuation."""
        return [len(_ROUGH_TOKEN_RE.findall(t)) + 1 for t in texts]

    def _input_limit(self, source_lang: str, target_lang: str) -> int | None:
        """The longest input the model reads, in the units of :meth:`_token_counts`; None: no limit."""
        return self.options.max_input_tokens

    def translate(
        self,
        texts: Sequence[str],
        *,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None = None,
    ) -> list[EngineOutput]:
        """Translate sentences; identical inputs are translated once, batches are length-sorted.

        A sentence longer than the model's input limit is split at clause boundaries and the parts
        translated separately (an ``mt-split`` warning says so). Outputs that fail a guard
        (:mod:`newsl10n.mt.guards`) are retried with safer decoding where the engine can, and carry
        the guard's Issue when still bad.
        """
        normalised = [normalise(t) for t in texts]
        unique = sorted({t for t in normalised if t}, key=lambda t: (len(t), t))
        done = self._translate_unique(
            unique, source_lang=source_lang, target_lang=target_lang, progress=progress
        )
        return [done[t] if t else EngineOutput("") for t in normalised]

    def _translate_unique(
        self,
        unique: list[str],
        *,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None,
    ) -> dict[str, EngineOutput]:
        if not unique:
            return {}
        limit = self._input_limit(source_lang, target_lang)
        parts: dict[str, list[str]] = {}
        if limit is not None:
            counts = self._token_counts(unique, source_lang=source_lang, target_lang=target_lang)
            for text, count in zip(unique, counts, strict=True):
                if count > limit:

                    def measure(pieces: list[str]) -> list[int]:
                        return self._token_counts(pieces, source_lang=source_lang, target_lang=target_lang)

                    pieces = split_clauses(text, limit, measure)
                    if len(pieces) > 1:
                        parts[text] = pieces
        pending = sorted(
            {p for t in unique for p in parts.get(t, [t])},
            key=lambda t: (len(t), t),
        )
        counted = self._token_counts(pending, source_lang=source_lang, target_lang=target_lang)
        lengths = dict(zip(pending, counted, strict=True))
        piece_out: dict[str, EngineOutput] = {}
        remaining = {t: len(parts.get(t, [t])) for t in unique}
        owners: dict[str, list[str]] = {}
        for t in unique:
            for p in parts.get(t, [t]):
                owners.setdefault(p, []).append(t)
        batches = list(token_batches(pending, lengths, self.options.batch_size, self.options.batch_tokens))
        group = max(1, self._in_flight())
        for g in range(0, len(batches), group):
            chunk = batches[g : g + group]
            results = self._translate_batches(chunk, source_lang=source_lang, target_lang=target_lang)
            finished = 0
            for batch, outputs in zip(chunk, results, strict=True):
                if len(outputs) != len(batch):
                    raise InvariantError(
                        f"{self.name} returned {len(outputs)} outputs for {len(batch)} inputs"
                    )
                piece_out.update(zip(batch, outputs, strict=True))
                for p in batch:
                    for owner in owners[p]:
                        remaining[owner] -= 1
                        finished += remaining[owner] == 0
            if progress is not None and finished:
                progress(finished)
        if self.options.guards:
            piece_out = self._guard(piece_out, source_lang=source_lang, target_lang=target_lang)
        done: dict[str, EngineOutput] = {}
        # Parts are rejoined with a space, except in scripts written without spaces between words.
        joiner = "" if parts and _unspaced(target_lang) else " "
        for t in unique:
            if t not in parts:
                done[t] = piece_out[t]
                continue
            outs = [piece_out[p] for p in parts[t]]
            split_issue = Issue(
                code="mt-split",
                severity="warning",
                message=(
                    f"the sentence is longer than the model reads ({limit} tokens): it was translated "
                    f"in {len(outs)} parts split at clause boundaries"
                ),
                attrs={"parts": str(len(outs))},
            )
            done[t] = EngineOutput(
                joiner.join(o.text for o in outs if o.text),
                (split_issue, *(i for o in outs for i in o.issues)),
                score=None,
            )
        return done

    def _guard(
        self, outputs: dict[str, EngineOutput], *, source_lang: str, target_lang: str
    ) -> dict[str, EngineOutput]:
        """Check every output; retry the bad ones with safer decoding; attach what is still wrong."""
        found = {src: guards.check(src, out.text, target_lang) for src, out in outputs.items()}
        bad = [src for src, problems in found.items() if problems]
        if not bad:
            return outputs
        result = dict(outputs)
        retry = [src for src in bad if any(p.code in guards.RETRYABLE for p in found[src])]
        if retry:
            again = self._translate_batch_safer(
                retry, source_lang=source_lang, target_lang=target_lang, decoding=dict(SAFER_DECODING)
            )
            if again is not None:
                for src, out in zip(retry, again, strict=True):
                    problems = guards.check(src, out.text, target_lang)
                    if len(problems) < len(found[src]):
                        result[src] = out
                        found[src] = problems
        for src in bad:
            if found[src]:
                out = result[src]
                result[src] = replace(out, issues=(*out.issues, *found[src]))
        return result


def _unspaced(target_lang: str) -> bool:
    try:
        return script(target_lang) in ("Hans", "Hant", "Jpan", "Thai")
    except ConfigError:
        return False


def normalise(text: str) -> str:
    """Collapse whitespace runs to one space and strip: the form engines and the cache see."""
    return _WS_RE.sub(" ", text).strip()


def token_batches(
    texts: list[str], lengths: dict[str, int], max_sentences: int, max_tokens: int | None
) -> Iterable[list[str]]:
    """Group length-sorted texts into batches of at most ``max_sentences`` and ``max_tokens``.

    ``max_tokens`` bounds the padded size of a batch (its longest member times its size), which is
    what a model computes over; a sentence longer than ``max_tokens`` forms a batch of its own.
    """
    ordered = sorted(texts, key=lambda t: (lengths[t], t))
    batch: list[str] = []
    longest = 0
    for text in ordered:
        n = lengths[text]
        grown = max(longest, n) * (len(batch) + 1)
        if batch and (len(batch) >= max_sentences or (max_tokens is not None and grown > max_tokens)):
            yield batch
            batch, longest = [], 0
        batch.append(text)
        longest = max(longest, n)
    if batch:
        yield batch


# Clause boundaries, strongest first: semicolons and colons, dashes, commas, then conjunctions.
_BOUNDARIES = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"\s+(?=[—–]\s)|(?<=\s[—–])\s+"),
    re.compile(r"(?<=[,،、，；])\s*"),
    re.compile(r"\s+(?=(?:and|but|or|while|which|who|because|although|и|но|а|e|mas|ou)\s)"),
)


def split_clauses(text: str, limit: int, measure: Callable[[list[str]], list[int]]) -> list[str]:
    """Split ``text`` at clause boundaries into parts of at most ``limit`` tokens where possible.

    Tries the strongest boundary kind first and only goes to weaker ones for parts still too long;
    a part with no boundary left stays as it is (the engine then reports the truncation). Joining
    the parts with single spaces gives the text back.
    """
    parts = [text]
    for pattern in _BOUNDARIES:
        counts = measure(parts)
        if all(c <= limit for c in counts):
            break
        new: list[str] = []
        for part, count in zip(parts, counts, strict=True):
            if count <= limit:
                new.append(part)
                continue
            pieces = [p for p in (s.strip() for s in pattern.split(part)) if p]
            if len(pieces) < 2:
                new.append(part)
                continue
            new.extend(_pack(pieces, limit, measure))
        parts = new
    return parts


def _pack(pieces: list[str], limit: int, measure: Callable[[list[str]], list[int]]) -> list[str]:
    """Greedily rejoin neighbouring pieces while the joined part stays within the limit."""
    out: list[str] = []
    current = pieces[0]
    for piece in pieces[1:]:
        candidate = f"{current} {piece}"
        if measure([candidate])[0] <= limit:
            current = candidate
        else:
            out.append(current)
            current = piece
    out.append(current)
    return out


def create_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """Instantiate the engine registered under ``name`` (``bergamot``, ``transformers``, …)."""
    cls = load("engine", name)
    engine = cls(options)
    if not isinstance(engine, Engine):
        raise ConfigError(f"engine {name!r} does not implement newsl10n.mt.Engine")
    return engine


#: ``--engine auto --model X`` asks engines in this order; any other registered engine comes after.
class DecodingEngine(Engine):
    """What beam-search engines (transformers, ctranslate2) share: batches, safer decoding, n-best.

    Subclasses implement :meth:`_decode`, which runs the model on a batch with decoding overrides
    and returns the ``n`` best outputs per sentence; ``BEAM_KEY`` names the beam option in the
    subclass's own library (``num_beams`` in transformers, ``beam_size`` in CTranslate2).
    """

    BEAM_KEY: ClassVar[str] = "beam_size"

    @abstractmethod
    def _decode(
        self, texts: list[str], source_lang: str, target_lang: str, overrides: dict[str, Any], n: int
    ) -> list[list[EngineOutput]]:
        """The ``n`` best outputs of each sentence of one batch, best first."""

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        return [rows[0] for rows in self._decode(texts, source_lang, target_lang, {}, 1)]

    def _translate_batch_safer(
        self, texts: list[str], *, source_lang: str, target_lang: str, decoding: dict[str, Any]
    ) -> list[EngineOutput] | None:
        overrides = {
            self.BEAM_KEY: max(self.options.beam_size, int(decoding.get("beam_size", 4))),
            "repetition_penalty": float(decoding.get("repetition_penalty", 1.2)),
            "no_repeat_ngram_size": int(decoding.get("no_repeat_ngram_size", 4)),
        }
        return [rows[0] for rows in self._decode(texts, source_lang, target_lang, overrides, 1)]

    def translate_nbest(
        self, texts: list[str], *, source_lang: str, target_lang: str, n: int
    ) -> list[list[EngineOutput]]:
        """The ``n`` best translations of each sentence, best first, with length-normalised scores."""
        if n < 1:
            raise ConfigError(f"n-best needs n of at least 1, not {n}")
        clean = [normalise(t) for t in texts]
        overrides = {self.BEAM_KEY: max(n, self.options.beam_size)}
        out: list[list[EngineOutput]] = []
        size = self.options.batch_size
        for i in range(0, len(clean), size):
            out.extend(self._decode(clean[i : i + size], source_lang, target_lang, overrides, n))
        return out


PREFERENCE = ("ctranslate2", "bergamot")
"""Engines asked first whether they claim a model; then any other engine (plugins), and
``transformers`` last, since it takes any hub id."""
LAST = ("transformers",)


def engine_for_model(model: str, candidates: Iterable[tuple[str, type[Engine]]]) -> str | None:
    """The name of the first engine class that claims ``model``: :data:`PREFERENCE` first, :data:`LAST` last.

    Args:
        model: a model directory or hub id.
        candidates: ``(name, engine class)`` pairs, e.g. every registered engine.

    Returns:
        The engine name, or None when no candidate claims the model.
    """

    def rank(nc: tuple[str, type[Engine]]) -> tuple[int, str]:
        if nc[0] in PREFERENCE:
            return (PREFERENCE.index(nc[0]), nc[0])
        return (len(PREFERENCE) + 1 if nc[0] in LAST else len(PREFERENCE), nc[0])

    ranked = sorted(candidates, key=rank)
    for name, cls in ranked:
        if cls.claims(model):
            return name
    return None
