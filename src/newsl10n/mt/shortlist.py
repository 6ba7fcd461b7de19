"""Target-vocabulary shortlists for CTranslate2 models: fewer output tokens scored per decoding step.

The output projection is about half the work of a Marian decoder step on a CPU: scoring 65,000
target tokens at every step when a sentence can only use a few thousand of them. A shortlist maps
each source token to the target tokens that translate it, plus a set of frequent tokens that are
always allowed; CTranslate2 then scores, per batch, only the union of the candidates of the batch's
source tokens (its ``vmap.txt``, read when the model loads, used with ``use_vmap``).

:func:`learn` builds one from token pairs: for each source token, the ``per_token`` target tokens
with the highest Dice association (``2·c(s,t) / (c(s) + c(t))``, counting sentence pairs), and the
``frequent`` commonest target tokens of the corpus. :func:`build_shortlist` takes sentence pairs (from
a bilingual file: a newsroom's own translation memory; :func:`newsl10n.corpus.read_corpus` reads one)
or source sentences the model translates itself (its shortlist then holds every token it produced on
that text), tokenises them exactly as the ctranslate2 engine does, and writes ``vmap.txt`` into the
model directory. The engine uses a directory's shortlist unless ``extra["shortlist"]`` is False, and the
segment cache keys on its digest.

A shortlist is an approximation: a token outside it cannot be produced. Learn it from text like the
text to be translated, and check a sample against the model without it (``newsl10n models
shortlist --check``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, EngineError

VMAP = "vmap.txt"


@dataclass(frozen=True, slots=True)
class Shortlist:
    """Frequent target tokens always allowed, and the target candidates of each source token."""

    fixed: tuple[str, ...]
    table: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_vmap(self) -> str:
        """CTranslate2's vocabulary-map text: ``source_token<TAB>candidates``; the empty source key
        holds the tokens that are always candidates."""
        lines = ["\t" + " ".join(self.fixed)]
        lines += [f"{s}\t{' '.join(ts)}" for s, ts in sorted(self.table.items()) if ts]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_vmap(cls, text: str) -> Shortlist:
        """The shortlist a ``vmap.txt`` holds (the inverse of :meth:`to_vmap`)."""
        fixed: tuple[str, ...] = ()
        table: dict[str, tuple[str, ...]] = {}
        for line in text.splitlines():
            key, _, values = line.partition("\t")
            if key:
                table[key] = tuple(values.split())
            else:
                fixed = tuple(values.split())
        return cls(fixed, table)

    def candidates(self, source_tokens: Iterable[str]) -> set[str]:
        """The target tokens a batch holding ``source_tokens`` may produce (special tokens aside)."""
        out = set(self.fixed)
        for s in source_tokens:
            out.update(self.table.get(s, ()))
        return out

    def mean_candidates(self, rows: Sequence[Sequence[str]], batch: int = 16) -> float:
        """Mean number of candidates per batch of ``batch`` sentences (``rows``: their source tokens,
        in the order they are batched)."""
        sizes = [
            len(self.candidates(t for row in rows[i : i + batch] for t in row))
            for i in range(0, len(rows), batch)
        ]
        return sum(sizes) / len(sizes) if sizes else 0.0


def learn(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
    *,
    per_token: int = 50,
    frequent: int = 1000,
) -> Shortlist:
    """A shortlist from (source tokens, target tokens) pairs (see the module docstring)."""
    if per_token < 1 or frequent < 0:
        raise ConfigError("a shortlist needs per_token of at least 1 and frequent of 0 or more")
    src_count: Counter[str] = Counter()
    tgt_count: Counter[str] = Counter()
    tgt_tokens: Counter[str] = Counter()
    joint: dict[str, Counter[str]] = {}
    for source, target in pairs:
        s_set, t_set = set(source), set(target)
        src_count.update(s_set)
        tgt_count.update(t_set)
        tgt_tokens.update(target)
        for s in s_set:
            joint.setdefault(s, Counter()).update(t_set)
    fixed = tuple(t for t, _ in sorted(tgt_tokens.items(), key=lambda kv: (-kv[1], kv[0]))[:frequent])
    table: dict[str, tuple[str, ...]] = {}
    for s, counts in joint.items():
        ranked = sorted(
            counts.items(), key=lambda kv: (-2 * kv[1] / (src_count[s] + tgt_count[kv[0]]), kv[0])
        )
        table[s] = tuple(t for t, _ in ranked[:per_token])
    return Shortlist(fixed, table)


def refuse_broken(model_dir: Path) -> None:
    """Raise EngineError where ``model_dir`` holds a ``vmap.txt`` that is no shortlist (empty, or
    no tab-separated line): CTranslate2 crashes the process on one when it loads the model, whether
    the shortlist is used or not."""
    path = Path(model_dir) / VMAP
    if not path.is_file():
        return
    with path.open("rb") as f:
        head = f.read(1 << 16)
    if b"\t" not in head:
        raise EngineError(
            f"{path} is not a shortlist (empty, or no tab-separated line): remove it with "
            f"newsl10n models shortlist {model_dir} --remove, or learn a new one"
        )


def digest(model_dir: Path) -> str | None:
    """The shortlist's content digest (for cache keys), or None where the directory has none."""
    path = Path(model_dir) / VMAP
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ShortlistReport:
    """What :func:`build_shortlist` did."""

    path: Path
    pairs: int
    source_tokens: int
    fixed: int
    mean_candidates: float
    """Mean number of candidate target tokens per batch of 16 corpus sentences (of ``vocabulary``)."""
    vocabulary: int
    agreement: float | None = None
    """Share of check sentences translated identically with and without the shortlist (``--check``)."""


def build_shortlist(
    model_dir: str | Path,
    sources: Sequence[str],
    targets: Sequence[str] | None = None,
    *,
    source_lang: str,
    target_lang: str,
    per_token: int = 50,
    frequent: int = 1000,
    check: int = 0,
    beam_size: int = 4,
) -> ShortlistReport:
    """Learn a shortlist for the CTranslate2 model in ``model_dir`` and write its ``vmap.txt``.

    ``sources`` and ``targets`` are sentence pairs (a bilingual file's, see
    :func:`newsl10n.corpus.read_corpus`); without ``targets`` the model translates ``sources`` itself,
    without a shortlist. ``check`` > 0 translates that many corpus
    sentences with and without the new shortlist and reports the share that come out the same.
    ``beam_size`` is the beam of the model's own translations and of the check.

    A shortlisted model's scores are normalised over the shortlist, so at beam sizes above 1 the
    search may take another path even where every token it needs is listed: a trained model's
    sharp distributions change little, a random test model's flat ones a lot.
    """
    from ..outputs import write_all
    from .base import EngineOptions
    from .ct2 import CTranslate2Engine, is_ct2_dir

    model = Path(model_dir)
    if not is_ct2_dir(model):
        raise ConfigError(
            f"{model} is not a CTranslate2 model directory: convert one with newsl10n models convert"
        )
    sources = list(sources)
    if not sources:
        raise ConfigError("a shortlist needs at least one sentence")
    if targets is not None and len(targets) != len(sources):
        raise ConfigError("a shortlist needs as many target sentences as source sentences")
    plain = CTranslate2Engine(
        EngineOptions(model=str(model), beam_size=beam_size, guards=False, extra={"shortlist": False})
    )
    src_tokens = plain.source_tokens(sources, source_lang=source_lang, target_lang=target_lang)
    if targets is None:
        # The model's own tokens, not its decoded text tokenised again (which may split differently).
        tgt_tokens = plain.output_tokens(sources, source_lang=source_lang, target_lang=target_lang)
    else:
        tgt_tokens = plain.target_tokens(list(targets), source_lang=source_lang, target_lang=target_lang)
    shortlist = learn(zip(src_tokens, tgt_tokens, strict=True), per_token=per_token, frequent=frequent)
    vocabulary = plain.target_vocabulary_size()
    out = model / VMAP
    write_all({out: shortlist.to_vmap().encode("utf-8")})
    agreement = None
    if check > 0:
        sample = sources[:check]
        listed = CTranslate2Engine(EngineOptions(model=str(model), beam_size=beam_size, guards=False))
        with_list = [
            o.text for o in listed.translate(sample, source_lang=source_lang, target_lang=target_lang)
        ]
        without = [o.text for o in plain.translate(sample, source_lang=source_lang, target_lang=target_lang)]
        agreement = sum(a == b for a, b in zip(with_list, without, strict=True)) / len(sample)
    return ShortlistReport(
        path=out,
        pairs=len(sources),
        source_tokens=len(shortlist.table),
        fixed=len(shortlist.fixed),
        mean_candidates=shortlist.mean_candidates(src_tokens, 16),
        vocabulary=vocabulary,
        agreement=agreement,
    )


def remove_shortlist(model_dir: str | Path) -> bool:
    """Delete a model directory's shortlist; True if there was one."""
    path = Path(model_dir) / VMAP
    if path.is_file():
        path.unlink()
        return True
    return False
