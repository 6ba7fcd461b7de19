"""The ctranslate2 engine: CTranslate2 models converted from Marian/OPUS-MT, NLLB or M2M100 checkpoints.

Convert a model once with :func:`newsl10n.mt.convert.convert_model` (``newsl10n models convert``);
the directory then loads directly with ``--engine ctranslate2 --model DIR`` (``--engine auto``
claims it too). Tokenisation and target-language tokens are the transformers engine's
(:func:`newsl10n.mt.hf.language_setup` on the tokenizer saved beside the model), so for the same
float32 model both engines give the same output; CTranslate2 is much faster, int8 more so.

Options in ``EngineOptions.extra``: ``inter_threads`` (batches translated in parallel, default 2
where there are two cores or more), ``intra_threads`` (threads per batch, default the remaining
cores), ``compute_type`` (``default`` keeps the converted type; ``int8``, ``int8_float32``,
``float16``, ``float32`` …), ``length_penalty``, ``shortlist`` (False: ignore the directory's
target-vocabulary shortlist, see :mod:`newsl10n.mt.shortlist`; it is used by default where the
directory has one). ``EngineOptions.device`` picks cpu, cuda or auto.
Do not set ``CT2_USE_MKL=1`` on AMD CPUs: int8 then runs 10–16 times slower.
"""

from __future__ import annotations

import functools
import json
import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..errors import ConfigError, EngineError, MissingDependencyError
from ..model import Issue
from .base import DecodingEngine, EngineOptions, EngineOutput
from .convert import MARKER
from .hf import _set_target_lang, language_setup, model_revision
from .shortlist import digest as shortlist_digest
from .shortlist import refuse_broken as refuse_broken_shortlist


def _ct2() -> Any:
    try:
        import ctranslate2  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:
        raise MissingDependencyError(
            "the ctranslate2 engine needs the 'ct2' extra: pip install 'newsl10n[ct2]'"
        ) from exc
    return ctranslate2


def is_ct2_dir(path: Path) -> bool:
    """True for a CTranslate2 model directory (``model.bin`` and CTranslate2's ``config.json``)."""
    if not (path / "model.bin").is_file() or not (path / "config.json").is_file():
        return False
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    # CTranslate2 writes its decoding settings; a transformers config has model_type instead.
    return (
        isinstance(config, dict)
        and "model_type" not in config
        and ("decoder_start_token" in config or "unk_token" in config or "add_source_bos" in config)
    )


@dataclass
class _Loaded:
    translator: Any
    tokenizer: Any
    family: str
    max_input: int
    revision: str
    shortlist: bool = False


class CTranslate2Engine(DecodingEngine):
    """Converted CTranslate2 models (``--model DIR``), on CPU or CUDA."""

    name: ClassVar[str] = "ctranslate2"
    capabilities: ClassVar[frozenset[str]] = frozenset({"nbest", "safer-decoding", "cuda"})

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()
        extra = self.options.extra
        cores = os.cpu_count() or 1
        self.inter_threads = int(extra.get("inter_threads", 2 if cores >= 2 else 1))
        self.intra_threads = int(extra.get("intra_threads", max(1, cores // self.inter_threads)))
        self.compute_type = str(extra.get("compute_type", "default"))
        if self.inter_threads < 1 or self.intra_threads < 0:
            raise ConfigError("ctranslate2 needs inter_threads of at least 1 and intra_threads of 0 or more")

    @classmethod
    def claims(cls, model: str) -> bool:
        return is_ct2_dir(Path(model).expanduser())

    def _path(self) -> Path:
        if not self.options.model:
            raise EngineError(
                "the ctranslate2 engine needs --model with a converted model directory "
                "(make one with: newsl10n models convert MODEL OUTDIR)"
            )
        path = Path(self.options.model).expanduser()
        if not path.is_dir():
            raise EngineError(f"cannot load model {self.options.model!r}: no such directory")
        if not is_ct2_dir(path):
            raise EngineError(
                f"{self.options.model!r} is not a CTranslate2 model directory (no model.bin with "
                "CTranslate2's config.json); convert it with: newsl10n models convert"
            )
        return path

    def _marker(self) -> dict[str, Any]:
        marker = self._path() / MARKER
        if not marker.is_file():
            return {}
        data = json.loads(marker.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        path = self._path()
        marker = self._marker()
        source = str(marker.get("source") or path.name)
        name = Path(source).name if Path(source).expanduser().is_dir() or source.startswith("/") else source
        quant = marker.get("quantization")
        revision = str(marker.get("revision") or "")
        return (f"{name}@ct2-{quant}" if quant else name), revision

    def cache_identity(self, source_lang: str, target_lang: str) -> dict[str, Any]:
        identity = super().cache_identity(source_lang, target_lang)
        identity["weights"] = model_revision(str(self._path()))
        identity["compute_type"] = self.compute_type
        identity["fixed_output_tokens"] = self.options.extra.get("fixed_output_tokens")
        identity["shortlist"] = self._shortlist_key
        return identity

    @functools.cached_property
    def _shortlist_key(self) -> str | None:
        """The digest of the shortlist this engine uses, or None (no shortlist, or turned off); read
        once per engine, like the model."""
        if str(self.options.extra.get("shortlist", True)).strip().lower() in ("false", "0", "no", "off"):
            return None
        return shortlist_digest(self._path())

    # -- loading --------------------------------------------------------------------------------

    def _load(self) -> _Loaded:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load_uncached()
            return self._loaded

    def _load_uncached(self) -> _Loaded:
        ctranslate2 = _ct2()
        path = self._path()
        marker = self._marker()
        from transformers import AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        tok_dir = path / "tokenizer" if (path / "tokenizer").is_dir() else path
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(tok_dir), local_files_only=True)
        except (OSError, ValueError, KeyError) as exc:
            raise EngineError(
                f"cannot load the tokenizer of {path}: {exc}; convert the model with newsl10n models "
                "convert, which saves it in tokenizer/"
            ) from exc
        family = str(marker.get("family") or _guess_family(tokenizer))
        device = self.options.device
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        index = 0
        if device.startswith("cuda:"):
            device, index = "cuda", int(device.split(":", 1)[1])
        if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
            raise EngineError(
                "device cuda was asked for, but CTranslate2 sees no CUDA device; use --device cpu"
            )
        refuse_broken_shortlist(path)
        try:
            translator = ctranslate2.Translator(
                str(path),
                device=device,
                device_index=index,
                compute_type=self.compute_type,
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"CTranslate2 cannot load {path}: {exc}") from exc
        limits = [
            v
            for v in (marker.get("max_input_tokens"), getattr(tokenizer, "model_max_length", None))
            if isinstance(v, int) and 0 < v < 1_000_000
        ]
        if self.options.max_input_tokens:
            limits.append(self.options.max_input_tokens)
        return _Loaded(
            translator,
            tokenizer,
            family,
            min(limits) if limits else 512,
            str(marker.get("revision", "")),
            self._shortlist_key is not None,
        )

    # -- translating ----------------------------------------------------------------------------

    def _encode(
        self, texts: list[str], source_lang: str, target_lang: str
    ) -> tuple[list[list[int]], int | None]:
        """The token ids the model reads for each text (language prefix and special tokens
        included), and the forced first target token, if the family has one."""
        lm = self._load()
        prefix, forced = language_setup(lm.tokenizer, lm.family, source_lang, target_lang)
        return lm.tokenizer([prefix + t for t in texts], add_special_tokens=True)["input_ids"], forced

    def _token_counts(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[int]:
        return [len(row) for row in self._encode(texts, source_lang, target_lang)[0]]

    def source_tokens(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[list[str]]:
        """The tokens the model reads for each text (language prefix and special tokens included)."""
        tok = self._load().tokenizer
        return [tok.convert_ids_to_tokens(row) for row in self._encode(texts, source_lang, target_lang)[0]]

    def target_tokens(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[list[str]]:
        """The tokens the model would write for each target text (its target vocabulary's pieces)."""
        lm = self._load()
        language_setup(lm.tokenizer, lm.family, source_lang, target_lang)
        _set_target_lang(lm.tokenizer, lm.family, target_lang)
        ids = lm.tokenizer(text_target=texts, add_special_tokens=False)["input_ids"]
        return [lm.tokenizer.convert_ids_to_tokens(row) for row in ids]

    def target_vocabulary_size(self) -> int:
        """How many target tokens the model scores at each step without a shortlist."""
        path = self._path()
        for name in ("target_vocabulary.json", "shared_vocabulary.json"):
            if (path / name).is_file():
                return len(json.loads((path / name).read_text(encoding="utf-8")))
        for name in ("target_vocabulary.txt", "shared_vocabulary.txt"):
            if (path / name).is_file():
                return len((path / name).read_text(encoding="utf-8").splitlines())
        return len(self._load().tokenizer)

    def _input_limit(self, source_lang: str, target_lang: str) -> int | None:
        return self._load().max_input

    BEAM_KEY: ClassVar[str] = "beam_size"

    def _decode(
        self, texts: list[str], source_lang: str, target_lang: str, overrides: dict[str, Any], n: int
    ) -> list[list[EngineOutput]]:
        return self._run(texts, source_lang, target_lang, overrides, n)

    def _in_flight(self) -> int:
        # Two batches in flight keep inter_threads busy (measured best on 2 cores: 2 × 1 thread).
        return self.inter_threads

    def _translate_batches(
        self, batches: list[list[str]], *, source_lang: str, target_lang: str
    ) -> list[list[EngineOutput]]:
        return [
            [rows[0] for rows in batch] for batch in self._run_many(batches, source_lang, target_lang, {}, 1)
        ]

    def _run(
        self, texts: list[str], source_lang: str, target_lang: str, overrides: dict[str, Any], n: int
    ) -> list[list[EngineOutput]]:
        return self._run_many([texts], source_lang, target_lang, overrides, n)[0]

    def _run_many(
        self, batches: list[list[str]], source_lang: str, target_lang: str, overrides: dict[str, Any], n: int
    ) -> list[list[list[EngineOutput]]]:
        """Submit every batch at once (CTranslate2 runs them on its inter_threads), then collect."""
        lm = self._load()
        submitted, drop = self._submit(batches, source_lang, target_lang, overrides, n)
        fixed = self.options.extra.get("fixed_output_tokens")
        return [
            self._collect(pending, lengths, max_new, lm.max_input, fixed is None, drop)
            for pending, lengths, max_new in submitted
        ]

    def output_tokens(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[list[str]]:
        """The target tokens the model writes for each text (best hypothesis, language token and
        end of sentence left out): what a shortlist learnt from the model's own output must hold."""
        tok = self._load().tokenizer
        size = max(1, self.options.batch_size or 32)
        batches = [texts[i : i + size] for i in range(0, len(texts), size)]
        out: list[list[str]] = []
        for first in range(0, len(batches), 8):  # a few batches in flight, not the whole corpus
            submitted, drop = self._submit(batches[first : first + 8], source_lang, target_lang, {}, 1)
            dropped = set(tok.convert_ids_to_tokens(sorted(drop))) if drop else set()
            for pending, _lengths, _max_new in submitted:
                for handle in pending:
                    try:
                        hyp = handle.result().hypotheses[0]
                    except (RuntimeError, ValueError) as exc:
                        raise EngineError(f"CTranslate2 failed to translate: {exc}") from exc
                    out.append([t for t in hyp if t not in dropped])
        return out

    def _submit(
        self, batches: list[list[str]], source_lang: str, target_lang: str, overrides: dict[str, Any], n: int
    ) -> tuple[list[tuple[list[Any], list[int], int]], set[int]]:
        lm = self._load()
        tok = lm.tokenizer
        fixed = self.options.extra.get("fixed_output_tokens")
        submitted = []
        forced: int | None = None
        for texts in batches:
            ids, forced = self._encode(texts, source_lang, target_lang)
            lengths = [len(row) for row in ids]
            source = [tok.convert_ids_to_tokens(row[: lm.max_input]) for row in ids]
            # The same output limit as the transformers engine, so both stop at the same place.
            max_new = int(fixed) if fixed is not None else min(lm.max_input, max(16, int(max(lengths) * 3)))
            kwargs: dict[str, Any] = {
                "beam_size": self.options.beam_size,
                "num_hypotheses": n,
                "return_scores": True,
                "max_input_length": 0,
                "max_decoding_length": max_new,
                "length_penalty": float(self.options.extra.get("length_penalty", 1.0)),
                "asynchronous": True,
                "use_vmap": lm.shortlist,
            }
            if len(batches) == 1:
                # A lone batch is split so that every inter thread has part of it.
                kwargs["max_batch_size"] = max(1, math.ceil(len(texts) / self.inter_threads))
            if fixed is not None:
                kwargs["min_decoding_length"] = max_new
            kwargs.update(overrides)
            if forced is not None:
                kwargs["target_prefix"] = [[tok.convert_ids_to_tokens(forced)] for _ in texts]
            try:
                pending = lm.translator.translate_batch(source, **kwargs)
            except (RuntimeError, ValueError) as exc:
                raise EngineError(f"CTranslate2 failed to translate: {exc}") from exc
            submitted.append((pending, lengths, max_new))
        drop = set(getattr(tok, "lang_token_to_id", {}).values())
        if forced is not None:
            drop.add(forced)
        return submitted, drop

    def _collect(
        self,
        pending: list[Any],
        lengths: list[int],
        max_new: int,
        max_input: int,
        flag_cut: bool,
        drop: set[int],
    ) -> list[list[EngineOutput]]:
        tok = self._load().tokenizer
        out: list[list[EngineOutput]] = []
        for i, handle in enumerate(pending):
            try:
                result = handle.result()
            except (RuntimeError, ValueError) as exc:
                raise EngineError(f"CTranslate2 failed to translate: {exc}") from exc
            issues: list[Issue] = []
            if lengths[i] > max_input:
                issues.append(
                    Issue(
                        code="truncated-input",
                        severity="error",
                        message=(
                            f"the sentence is {lengths[i]} tokens long and the model reads at most "
                            f"{max_input}: the rest was not translated"
                        ),
                    )
                )
            row: list[EngineOutput] = []
            for k, hyp in enumerate(result.hypotheses):
                hyp_ids = [t for t in tok.convert_tokens_to_ids(hyp) if t not in drop]
                text = tok.decode(hyp_ids, skip_special_tokens=True).strip()
                hyp_issues = list(issues)
                if k == 0 and flag_cut and len(hyp) >= max_new:
                    hyp_issues.append(
                        Issue(
                            code="truncated-output",
                            severity="error",
                            message=f"the translation reached the {max_new}-token limit and may be cut off",
                        )
                    )
                score = float(result.scores[k]) if result.scores else None
                row.append(EngineOutput(text, tuple(hyp_issues), score=score))
            out.append(row)
        return out


def _guess_family(tokenizer: Any) -> str:
    """The family of a CTranslate2 model converted without newsl10n, from its tokenizer."""
    name = type(tokenizer).__name__.lower()
    if "nllb" in name:
        return "nllb"
    if "m2m" in name:
        return "m2m100"
    if "marian" in name:
        return "marian"
    return "generic"
