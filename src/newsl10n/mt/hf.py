"""The transformers engine: any Hugging Face seq2seq translation model, by hub id or local directory.

Families are recognised from the model config and tokenizer: MarianMT/OPUS-MT (with ``>>code<<``
target tokens for multi-target models), NLLB-200, M2M100 and mBART-50 (forced target language
token), and any other seq2seq model as is. torch and transformers are imported on first use.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse

from ..errors import ConfigError, EngineError, MissingDependencyError
from ..langs import language
from ..model import Issue
from .base import DecodingEngine, EngineOptions, EngineOutput, normalise
from .codes import MBART50, NLLB, lookup, opus_target_candidates
from .routing import NLLB_DEFAULT, route

_TRUE = ("1", "true", "yes", "on")


def hub_offline() -> bool:
    """True when the hub must not be asked: HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE set, or unreachable.

    Without this check a hub lookup with no network spends about a minute in retries.
    """
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in _TRUE:
        return True
    if os.environ.get("TRANSFORMERS_OFFLINE", "").lower() in _TRUE:
        return True
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname or "huggingface.co"
    try:
        with socket.create_connection((host, 443), timeout=3):
            return False
    except OSError:
        return True


def is_hf_seq2seq_dir(path: Path) -> bool:
    """True for a directory holding a transformers encoder-decoder model (not a CTranslate2 one)."""
    cfg = path / "config.json"
    if not cfg.is_file() or (path / "model.bin").is_file():
        return False
    try:
        data = json.loads(cfg.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    arch = " ".join(str(a) for a in data.get("architectures") or [])
    return bool(data.get("is_encoder_decoder")) or data.get("model_type") in _SEQ2SEQ or "MTModel" in arch


_SEQ2SEQ = frozenset({"marian", "m2m_100", "mbart", "nllb", "t5", "mt5", "bart", "fsmt", "pegasus"})


def model_revision(model_id: str) -> str:
    """A revision read from disk without loading the model, for cache keys.

    A local directory gives a fingerprint of its config and weight files (name, size, mtime); a hub
    id gives the commit of the cached snapshot, or "" when it is not cached.
    """
    local = Path(model_id).expanduser()
    if local.is_dir():
        parts = []
        for f in sorted(local.iterdir()):
            if f.is_file() and f.suffix in (".json", ".bin", ".safetensors", ".spm", ".model"):
                st = f.stat()
                parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
        return "local:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - a transformers dependency
        return ""
    found = try_to_load_from_cache(model_id, "config.json")
    if isinstance(found, str):
        snapshot = Path(found).parent
        return snapshot.name
    return ""


def _looks_like_path(model: str) -> bool:
    return model.startswith((".", "/", "~")) or (os.sep in model.rstrip(os.sep) and model.count("/") != 1)


@dataclass
class _Loaded:
    model: Any
    tokenizer: Any
    family: str
    revision: str
    max_input: int
    device: str


class TransformersEngine(DecodingEngine):
    """Hugging Face seq2seq models (MarianMT/OPUS-MT, NLLB-200, M2M100, mBART-50)."""

    name: ClassVar[str] = "transformers"
    capabilities: ClassVar[frozenset[str]] = frozenset({"nbest", "constraints", "safer-decoding", "cuda"})

    @classmethod
    def claims(cls, model: str) -> bool:
        """A directory with a Hugging Face seq2seq ``config.json``, or any hub id."""
        local = Path(model).expanduser()
        if local.is_dir():
            return is_hf_seq2seq_dir(local)
        return not _looks_like_path(model)

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self._loaded: dict[str, _Loaded] = {}
        self._glue: dict[int, list[int]] = {}
        self._lock = threading.Lock()

    def model_for(self, source_lang: str, target_lang: str) -> str:
        """The model id or directory used for a pair: ``--model``, else the routing table's."""
        if self.options.model:
            return self.options.model
        r = route(source_lang, target_lang)
        return r.model if r.engine == self.name and r.model else NLLB_DEFAULT

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def cache_identity(self, source_lang: str, target_lang: str) -> dict[str, Any]:
        identity = super().cache_identity(source_lang, target_lang)
        identity["revision"] = model_revision(self.model_for(source_lang, target_lang))
        identity["fixed_output_tokens"] = self.options.extra.get("fixed_output_tokens")
        return identity

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        model_id = self.model_for(source_lang, target_lang)
        name = Path(model_id).name if _looks_like_path(model_id) else model_id
        # Read from disk, not from the loaded model: the same before and after loading (and in a
        # process that never loads it because the cache served every sentence), so fingerprints
        # and provenance do not depend on what a worker happened to do first.
        return name, model_revision(model_id)

    # -- loading --------------------------------------------------------------------------------

    def _load(self, model_id: str) -> _Loaded:
        with self._lock:
            if model_id in self._loaded:
                return self._loaded[model_id]
            loaded = self._load_uncached(model_id)
            self._loaded[model_id] = loaded
            return loaded

    def _load_uncached(self, model_id: str) -> _Loaded:
        try:
            import torch
            from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # pragma: no cover - core dependencies
            raise MissingDependencyError(
                "the transformers engine needs torch, transformers and sentencepiece: "
                "pip install torch transformers sentencepiece"
            ) from exc
        # newsl10n reports progress and problems itself; keep the library's bars and notices quiet.
        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        local = Path(model_id).expanduser()
        kwargs: dict[str, Any] = {}
        if local.is_dir():
            if not (local / "config.json").is_file():
                raise EngineError(
                    f"cannot load model {model_id!r}: the directory has no config.json, so it is not a model"
                )
            source = str(local)
            kwargs["local_files_only"] = True
        elif _looks_like_path(model_id):
            raise EngineError(f"cannot load model {model_id!r}: no such directory")
        else:
            source = model_id
            if hub_offline():
                kwargs["local_files_only"] = True
        device = self._device(torch)
        try:
            config = AutoConfig.from_pretrained(source, **kwargs)
            tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
            model = AutoModelForSeq2SeqLM.from_pretrained(source, **kwargs)
        except (OSError, ValueError, KeyError) as exc:
            hint = ""
            if kwargs.get("local_files_only") and not local.is_dir():
                hint = (
                    " The hub is not reachable (or HF_HUB_OFFLINE is set) and the model is not in "
                    "the local cache: download it on a machine with network "
                    f"(hf download {model_id}) or pass --model with a local directory."
                )
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineError(f"cannot load model {model_id!r}: {first.rstrip('.')}.{hint}") from exc
        model.eval()
        model.to(device)
        # OPUS-MT configs force </s> as the last token allowed: a translation cut off at the limit
        # then looks finished and its truncation goes unreported (CTranslate2 does not do this either).
        # transformers 5 refills the setting from generation_config, so it is cleared there.
        model.generation_config.forced_eos_token_id = None
        family = _family(config, tokenizer)
        limits = [
            v
            for v in (
                getattr(config, "max_position_embeddings", None),
                getattr(tokenizer, "model_max_length", None),
                self.options.max_input_tokens,
            )
            if isinstance(v, int) and 0 < v < 1_000_000
        ]
        revision = str(getattr(config, "_commit_hash", None) or ("local" if local.is_dir() else ""))
        return _Loaded(model, tokenizer, family, revision, min(limits) if limits else 512, device)

    def _device(self, torch: Any) -> str:
        want = self.options.device
        if want == "auto":
            return "cuda" if torch.cuda.is_available() else "cpu"
        if want.startswith("cuda") and not torch.cuda.is_available():
            raise EngineError(
                f"device {want!r} was asked for, but torch sees no CUDA device; use --device cpu"
            )
        return want

    # -- translating ----------------------------------------------------------------------------

    def generation_setup(self, lm: _Loaded, source_lang: str, target_lang: str) -> tuple[str, dict[str, Any]]:
        """The input prefix (OPUS-MT ``>>code<<``) and generate() arguments for a language pair.

        Sets the tokenizer's source language for families that mark it (NLLB, M2M100, mBART-50)
        and forces the target-language token as the first generated token.
        """
        gen_kwargs: dict[str, Any] = {"num_beams": self.options.beam_size, "do_sample": False}
        prefix, forced = language_setup(lm.tokenizer, lm.family, source_lang, target_lang)
        if forced is not None:
            gen_kwargs["forced_bos_token_id"] = forced
        return prefix, gen_kwargs

    def _token_counts(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[int]:
        lm = self._load(self.model_for(source_lang, target_lang))
        prefix, _ = self.generation_setup(lm, source_lang, target_lang)
        ids = lm.tokenizer([prefix + t for t in texts], add_special_tokens=True)["input_ids"]
        return [len(row) for row in ids]

    def _input_limit(self, source_lang: str, target_lang: str) -> int | None:
        return self._load(self.model_for(source_lang, target_lang)).max_input

    BEAM_KEY: ClassVar[str] = "num_beams"

    def _decode(
        self, texts: list[str], source_lang: str, target_lang: str, overrides: dict[str, Any], n: int
    ) -> list[list[EngineOutput]]:
        return self._generate(texts, source_lang, target_lang, overrides, n)

    def _generate(
        self, texts: list[str], source_lang: str, target_lang: str, overrides: dict[str, Any], n: int
    ) -> list[list[EngineOutput]]:
        import torch

        lm = self._load(self.model_for(source_lang, target_lang))
        tok = lm.tokenizer
        prefix, gen_kwargs = self.generation_setup(lm, source_lang, target_lang)
        gen_kwargs.update(overrides)
        inputs = [prefix + t for t in texts]
        lengths = [len(ids) for ids in tok(inputs, add_special_tokens=True)["input_ids"]]
        enc = tok(inputs, return_tensors="pt", padding=True, truncation=True, max_length=lm.max_input)
        enc = {k: v.to(lm.device) for k, v in enc.items()}
        fixed = self.options.extra.get("fixed_output_tokens")
        if fixed is not None:
            # Benchmarks only: every engine writes exactly this many tokens. transformers refills
            # forced_eos_token_id from the model's generation config, so it is cleared there.
            max_new = int(fixed)
            gen_kwargs["min_new_tokens"] = max_new
            lm.model.generation_config.forced_eos_token_id = None
        else:
            max_new = int(
                overrides.get("max_new_tokens") or min(lm.max_input, max(16, int(max(lengths) * 3)))
            )
        gen_kwargs["max_new_tokens"] = max_new
        gen_kwargs["num_return_sequences"] = n
        if n > 1:
            gen_kwargs["output_scores"] = True
            gen_kwargs["return_dict_in_generate"] = True
        torch.manual_seed(0)
        with torch.inference_mode():
            generated = lm.model.generate(**enc, **gen_kwargs)
        scores: list[float | None] = [None] * (len(texts) * n)
        if n > 1:
            seq = generated.sequences
            if getattr(generated, "sequences_scores", None) is not None:
                scores = [float(x) for x in generated.sequences_scores.tolist()]
        else:
            seq = generated
        # Language tokens are not always marked special (M2M100 in transformers 5): drop them.
        drop = set(getattr(tok, "lang_token_to_id", {}).values())
        if "forced_bos_token_id" in gen_kwargs:
            drop.add(gen_kwargs["forced_bos_token_id"])
        all_rows = seq.tolist()
        rows = [[t for t in row if t not in drop] for row in all_rows] if drop else all_rows
        decoded = tok.batch_decode(rows, skip_special_tokens=True)
        eos = getattr(lm.model.generation_config, "eos_token_id", None) or tok.eos_token_id
        eos_ids = set(eos) if isinstance(eos, list) else {eos}
        results: list[list[EngineOutput]] = []
        for i in range(len(texts)):
            issues: list[Issue] = []
            if lengths[i] > lm.max_input:
                issues.append(
                    Issue(
                        code="truncated-input",
                        severity="error",
                        message=(
                            f"the sentence is {lengths[i]} tokens long and the model reads at most "
                            f"{lm.max_input}: the rest was not translated"
                        ),
                    )
                )
            row = all_rows[i * n]
            if fixed is None and len(row) - 1 >= max_new and not eos_ids.intersection(row[1:]):
                issues.append(
                    Issue(
                        code="truncated-output",
                        severity="error",
                        message=(f"the translation reached the {max_new}-token limit and may be cut off"),
                    )
                )
            results.append(
                [
                    EngineOutput(decoded[i * n + k].strip(), tuple(issues), score=scores[i * n + k])
                    for k in range(n)
                ]
            )
        return results

    def translate_constrained(
        self,
        texts: Sequence[str],
        constraints: Sequence[Sequence[str]],
        *,
        source_lang: str,
        target_lang: str,
    ) -> list[EngineOutput]:
        """Translate with each sentence's ``constraints`` (target phrases) forced into its output.

        Target phrases are tokenised by the model's target tokenizer (Marian's target SentencePiece
        through ``text_target``), each with its other token forms (no leading-space piece;
        capitalised); :class:`~newsl10n.mt.constrained.ConstraintProcessor` makes every beam
        hypothesis contain one form of each. Sentences are decoded in batches of ``batch_size``,
        without clause splitting, the cache or guards: a retry could drop the terms again.
        """
        from transformers import LogitsProcessorList

        from .constrained import ConstraintProcessor, glue_ids, phrase_variants

        if len(texts) != len(constraints):
            raise ConfigError(f"{len(texts)} sentences but {len(constraints)} constraint lists")
        lm = self._load(self.model_for(source_lang, target_lang))
        prefix, gen_kwargs = self.generation_setup(lm, source_lang, target_lang)
        beams = int(gen_kwargs["num_beams"])
        eos = lm.model.generation_config.eos_token_id
        eos_id = int(
            eos[0] if isinstance(eos, list) else (eos if eos is not None else lm.tokenizer.eos_token_id)
        )
        start = 1 + ("forced_bos_token_id" in gen_kwargs)
        _set_target_lang(lm.tokenizer, lm.family, target_lang)  # text_target= reads it
        clean = [normalise(t) for t in texts]
        glue = self._glue.setdefault(id(lm.tokenizer), glue_ids(lm.tokenizer))
        out: list[EngineOutput] = []
        size = self.options.batch_size
        for i in range(0, len(clean), size):
            batch = clean[i : i + size]
            forms = [
                [phrase_variants(lm.tokenizer, c) for c in cs if c.strip()]
                for cs in constraints[i : i + size]
            ]
            need = max((sum(len(f[0]) for f in fs if f) for fs in forms), default=0)
            lengths = [len(ids) for ids in lm.tokenizer([prefix + t for t in batch])["input_ids"]]
            max_new = min(lm.max_input, max(16, 3 * max(lengths, default=1))) + need
            positions = getattr(lm.model.config, "max_position_embeddings", None)
            if isinstance(positions, int) and positions > 0:
                max_new = min(max_new, positions - start)
            proc = ConstraintProcessor(
                [[f[0] for f in fs if f] for fs in forms],
                beams,
                max_new + start,
                eos_id,
                alternatives=[[f[1:] for f in fs if f] for fs in forms],
                glue=glue,
            )
            overrides = {"logits_processor": LogitsProcessorList([proc]), "max_new_tokens": max_new}
            out.extend(rows[0] for rows in self._generate(batch, source_lang, target_lang, overrides, 1))
        return out


def language_setup(tokenizer: Any, family: str, source_lang: str, target_lang: str) -> tuple[str, int | None]:
    """The input prefix (OPUS-MT ``>>code<< ``) and the forced first target token id for a pair.

    Sets the tokenizer's source language for families that mark it (NLLB, M2M100, mBART-50). The
    transformers and ctranslate2 engines share this, so both feed a model the same tokens.
    """
    tok = tokenizer
    if family == "nllb":
        tok.src_lang = lookup(NLLB, source_lang, "NLLB-200")
        return "", _token_id(tok, lookup(NLLB, target_lang, "NLLB-200"))
    if family == "m2m100":
        tok.src_lang = _m2m_code(tok, source_lang)
        return "", _token_id(tok, f"__{_m2m_code(tok, target_lang)}__")
    if family == "mbart50":
        tok.src_lang = lookup(MBART50, source_lang, "mBART-50")
        return "", _token_id(tok, lookup(MBART50, target_lang, "mBART-50"))
    if family == "marian":
        return _marian_prefix(tok, target_lang), None
    return "", None


def _set_target_lang(tokenizer: Any, family: str, target_lang: str) -> None:
    if family == "nllb":
        tokenizer.tgt_lang = lookup(NLLB, target_lang, "NLLB-200")
    elif family == "m2m100":
        tokenizer.tgt_lang = _m2m_code(tokenizer, target_lang)
    elif family == "mbart50":
        tokenizer.tgt_lang = lookup(MBART50, target_lang, "mBART-50")


def family_of(config: Any, tokenizer: Any) -> str:
    """The model family (nllb, m2m100, mbart50, marian or generic) from a config and tokenizer."""
    return _family(config, tokenizer)


def _family(config: Any, tokenizer: Any) -> str:
    kind = getattr(config, "model_type", "")
    tname = type(tokenizer).__name__.lower()
    if "nllb" in tname:
        return "nllb"
    if kind == "m2m_100":
        return "m2m100"
    if (kind == "mbart" and "50" in tname) or "mbart50" in tname:
        return "mbart50"
    if kind == "marian":
        return "marian"
    return "generic"


def _token_id(tokenizer: Any, token: str) -> int:
    tid = tokenizer.convert_tokens_to_ids(token)
    if tid is None or tid == tokenizer.unk_token_id:
        raise ConfigError(f"the model's vocabulary has no language token {token!r}")
    return int(tid)


def _m2m_code(tokenizer: Any, tag: str) -> str:
    code = language(tag)
    tid = tokenizer.convert_tokens_to_ids(f"__{code}__")
    if tid is None or tid == tokenizer.unk_token_id:
        raise ConfigError(f"the M2M100 model has no language {tag!r} (no __{code}__ token)")
    return code


_OPUS_TAGS: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def _opus_tags(tokenizer: Any) -> frozenset[str]:
    """The ``>>code<<`` tokens of a tokenizer's vocabulary, read once per tokenizer (the vocabulary
    of an OPUS-MT model has 60,000 entries, and every batch asks)."""
    try:
        return _OPUS_TAGS[tokenizer]
    except (KeyError, TypeError):
        pass
    tags = frozenset(k for k in tokenizer.get_vocab() if k.startswith(">>") and k.endswith("<<"))
    with contextlib.suppress(TypeError):  # a tokenizer that cannot be weakly referenced
        _OPUS_TAGS[tokenizer] = tags
    return tags


def _marian_prefix(tokenizer: Any, target_lang: str) -> str:
    """``>>code<< `` for OPUS-MT models with several target languages, else ''."""
    tags = _opus_tags(tokenizer)
    if not tags:
        return ""
    for cand in opus_target_candidates(target_lang):
        if cand in tags:
            return cand + " "
    raise ConfigError(
        f"the OPUS-MT model needs a target-language token and has none for {target_lang!r} "
        f"(tried {', '.join(opus_target_candidates(target_lang))})"
    )
