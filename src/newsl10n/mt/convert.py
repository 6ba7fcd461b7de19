"""Model conversion: turn a transformers Marian/OPUS-MT, NLLB or M2M100 model into a CTranslate2 directory.

A converted directory holds CTranslate2's ``model.bin``, ``config.json`` and vocabulary, the
model's tokenizer files in ``tokenizer/`` (so the ctranslate2 engine tokenises exactly as the
transformers engine does) and ``newsl10n.json``, which records the source model, its revision,
family, input limit and quantization. The ctranslate2 engine claims such directories and loads
them directly.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ConfigError, EngineError, MissingDependencyError

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int16", "float16", "bfloat16", "float32")
MARKER = "newsl10n.json"
FAMILIES = ("marian", "m2m100", "nllb")


def _ct2() -> Any:
    try:
        import ctranslate2  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:
        raise MissingDependencyError(
            "the ctranslate2 engine needs the 'ct2' extra: pip install 'newsl10n[ct2]'"
        ) from exc
    return ctranslate2


def convert_model(
    model: str,
    outdir: str | Path,
    quantization: str | None = "int8",
    *,
    force: bool = False,
) -> Path:
    """Convert a transformers model (hub id or directory) to a CTranslate2 model directory.

    Args:
        model: a hub id (read from the local hub cache when offline) or a model directory.
        outdir: the directory to write; it must not exist unless ``force``.
        quantization: weight type: ``int8`` (smallest, fastest on CPU), ``int8_float32``,
            ``float16`` (GPU), …, or None/``float32`` to keep full precision.
        force: replace ``outdir`` when it exists.

    Returns:
        The converted directory.

    Raises:
        ConfigError: an unknown quantization, or ``outdir`` exists without ``force``.
        EngineError: the model cannot be loaded or is not a supported family.
        MissingDependencyError: ctranslate2 is not installed.
    """
    ctranslate2 = _ct2()
    if quantization == "float32":
        quantization = None
    if quantization is not None and quantization not in QUANTIZATIONS:
        raise ConfigError(f"unknown quantization {quantization!r}: use one of {', '.join(QUANTIZATIONS)}")
    out = Path(outdir)
    if out.exists() and not force:
        raise ConfigError(f"{out} already exists: choose another directory or pass force")
    from transformers import AutoConfig, AutoTokenizer

    from .hf import family_of, hub_offline, model_revision

    local = Path(model).expanduser()
    kwargs: dict[str, Any] = {"local_files_only": True} if local.is_dir() or hub_offline() else {}
    source = str(local) if local.is_dir() else model
    try:
        config = AutoConfig.from_pretrained(source, **kwargs)
        tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
    except (OSError, ValueError, KeyError) as exc:
        raise EngineError(
            f"cannot convert {model!r}: it cannot be loaded ({str(exc).strip().splitlines()[0]}); "
            "download it first (hf download MODEL) or pass a model directory"
        ) from exc
    family = family_of(config, tokenizer)
    if family not in FAMILIES:
        raise EngineError(
            f"cannot convert {model!r}: newsl10n converts Marian/OPUS-MT, NLLB and M2M100 models, "
            f"and this one is {getattr(config, 'model_type', 'unknown')!r}"
        )
    if family == "marian":
        _check_marian_vocabulary(model, tokenizer, config)
    converter = _make_converter(source, tokenizer)
    with tempfile.TemporaryDirectory(dir=out.parent if out.parent.exists() else None) as tmp:
        staged = Path(tmp) / "model"
        try:
            converter.convert(str(staged), quantization=quantization, force=True)
        except (ValueError, RuntimeError, OSError) as exc:
            raise EngineError(f"CTranslate2 could not convert {model!r}: {exc}") from exc
        tokenizer.save_pretrained(str(staged / "tokenizer"))
        limits = [
            v
            for v in (
                getattr(config, "max_position_embeddings", None),
                getattr(tokenizer, "model_max_length", None),
            )
            if isinstance(v, int) and 0 < v < 1_000_000
        ]
        marker = {
            "format": 1,
            "source": model,
            "revision": model_revision(source),
            "family": family,
            "max_input_tokens": min(limits) if limits else 512,
            "quantization": quantization or "float32",
            "ctranslate2": ctranslate2.__version__,
        }
        (staged / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staged), str(out))
    return out


def _check_marian_vocabulary(model: str, tokenizer: Any, config: Any) -> None:
    """CTranslate2 drops Marian's last vocabulary entry, which must be ``<pad>`` (as in OPUS-MT)."""
    pad = tokenizer.convert_tokens_to_ids("<pad>")
    if pad != config.vocab_size - 1:
        raise EngineError(
            f"cannot convert {model!r}: CTranslate2 needs <pad> as the last vocabulary entry of a Marian "
            f"model (id {config.vocab_size - 1}), and it is id {pad}"
        )


def _full_vocabulary(tokenizer: Any) -> dict[str, int]:
    """The tokenizer's vocabulary including language tokens transformers 5 leaves out of get_vocab()."""
    vocab = dict(tokenizer.get_vocab())
    for token, tid in getattr(tokenizer, "lang_token_to_id", {}).items():
        vocab.setdefault(token, int(tid))
    return vocab


def _make_converter(source: str, tokenizer: Any) -> Any:
    """CTranslate2's converter, handed the already-loaded tokenizer with its full vocabulary."""
    from ctranslate2.converters import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        TransformersConverter,
    )

    vocab = _full_vocabulary(tokenizer)

    class _Wrapped:
        """Answers get_vocab() with the full vocabulary; everything else goes to the tokenizer."""

        def get_vocab(self) -> dict[str, int]:
            return vocab

        def __getattr__(self, name: str) -> Any:
            return getattr(tokenizer, name)

    class _Converter(TransformersConverter):  # type: ignore[misc]
        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            return _Wrapped()

    return _Converter(source)
