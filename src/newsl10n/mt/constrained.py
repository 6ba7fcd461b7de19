"""Lexically constrained decoding for transformers seq2seq models: forced target phrases always appear.

transformers no longer ships constrained beam search, so this is a logits processor over the
ordinary beam search. Each hypothesis's progress through every constraint (a target term as
token ids) is read from its tokens at each step: a hypothesis that has begun a constraint must
continue it; end-of-sentence is banned while a constraint is unmet; and when the steps left are
just enough for the unmet constraints, the next one is started. So every finished hypothesis
contains every constraint, whatever the model's weights (tested on random-weight tiny models).
A constraint may have several token forms (alternatives: the term with and without the
leading-space piece, or capitalised at the start of a sentence); meeting any one meets it.
It is not dynamic beam allocation: hypotheses are not grouped by how many constraints they meet.

Use with a model and tokenizer already loaded (e.g. by the transformers engine)::

    texts_out = constrained_generate(model, tokenizer, ["The SCO met."], [["OCX"]], num_beams=4)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _progress(row: list[int], phrase: list[int]) -> int:
    """len(phrase) when ``phrase`` occurs in ``row``; else the longest suffix of ``row`` that starts it."""
    n = len(phrase)
    for i in range(len(row) - n + 1):
        if row[i : i + n] == phrase:
            return n
    for k in range(min(n - 1, len(row)), 0, -1):
        if row[-k:] == phrase[:k]:
            return k
    return 0


class ConstraintProcessor:
    """A transformers ``LogitsProcessor`` forcing token phrases into every hypothesis of a batch.

    Args:
        phrases: per input sentence, the token-id phrases its translation must contain.
        num_beams: hypotheses per sentence (rows of the batch are sentence-major).
        max_length: the longest decoder sequence, decoder start token included.
        eos_token_id: the end-of-sentence token, banned while a phrase is unmet.
        alternatives: per input sentence and phrase, other token forms that meet it as well.
        glue: token ids that continue the word before them (SentencePiece pieces without the
            leading-space mark that start with a letter or digit): banned right after a phrase
            ends, so a forced term stays a word of its own ("Xangai", never "Xangaiho").
    """

    def __init__(
        self,
        phrases: Sequence[Sequence[Sequence[int]]],
        num_beams: int,
        max_length: int,
        eos_token_id: int,
        *,
        alternatives: Sequence[Sequence[Sequence[Sequence[int]]]] | None = None,
        glue: Sequence[int] = (),
    ) -> None:
        self.groups: list[list[list[list[int]]]] = []
        for s, ps in enumerate(phrases):
            sentence: list[list[list[int]]] = []
            for c, p in enumerate(ps):
                extra = alternatives[s][c] if alternatives is not None and c < len(alternatives[s]) else []
                forms = [list(p)] + [list(a) for a in extra if a and list(a) != list(p)]
                forms = [f for f in forms if f]
                if forms:
                    sentence.append(forms)
            self.groups.append(sentence)
        self.num_beams = num_beams
        self.max_length = max_length
        self.eos = eos_token_id
        self.glue = list(glue)

    @property
    def phrases(self) -> list[list[list[int]]]:
        """The first form of every constraint, per sentence."""
        return [[forms[0] for forms in g] for g in self.groups]

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        cur = input_ids.shape[1]
        rows = input_ids.tolist()
        for r, row in enumerate(rows):
            wanted = self.groups[r // self.num_beams]
            if not wanted:
                continue
            body = row[1:]  # the decoder start token is not output
            if self.glue and any(body[-len(f) :] == f for forms in wanted for f in forms):
                scores[r, self.glue] = float("-inf")  # a phrase just ended: no letter glued to it
            open_: list[tuple[int, list[int]]] = []
            for forms in wanted:
                progress = [(_progress(body, f), f) for f in forms]
                if any(k == len(f) for k, f in progress):
                    continue  # met in one of its forms
                open_.append(max(progress, key=lambda kf: kf[0]))
            if not open_:
                continue
            scores[r, self.eos] = float("-inf")
            started = [(k, p) for k, p in open_ if k > 0]
            force: int | None = None
            if started:
                k, p = max(started, key=lambda kp: kp[0])
                force = p[k]
            elif self.max_length - cur <= sum(len(p) - k for k, p in open_) + 1:
                force = open_[0][1][0]
            if force is not None:
                keep = scores[r, force].clone()
                scores[r, :] = float("-inf")
                scores[r, force] = keep if keep > float("-inf") else 0.0
        return scores


def phrase_ids(tokenizer: Any, phrase: str) -> list[int]:
    """The target-side token ids of a phrase as it appears inside a sentence (no special tokens)."""
    ids = tokenizer(text_target=phrase, add_special_tokens=False)["input_ids"]
    return [int(i) for i in ids]


def glue_ids(tokenizer: Any) -> list[int]:
    """Pieces that continue a word (no leading-space mark, first character a letter or digit)."""
    special = set(getattr(tokenizer, "all_special_ids", []))
    return sorted(
        int(i)
        for piece, i in tokenizer.get_vocab().items()
        if piece and piece[0].isalnum() and i not in special and not piece.startswith(">>")
    )


def phrase_variants(tokenizer: Any, phrase: str, *, sentence_start: bool = True) -> list[list[int]]:
    """Token forms of a target phrase: as inside a sentence, without the leading-space piece (after
    an opening bracket or quote), and capitalised (at the start of a sentence); duplicates and forms
    with an unknown piece dropped unless every form has one (then the forced term decodes without
    those letters, and repair finds it there and writes it in full)."""
    forms: list[list[int]] = []

    unk = getattr(tokenizer, "unk_token_id", None)

    def add(ids: list[int]) -> None:
        if ids and ids not in forms:
            forms.append(ids)

    texts = [phrase]
    if sentence_start and phrase[:1].islower():
        texts.append(phrase[:1].upper() + phrase[1:])
    for text in texts:
        ids = phrase_ids(tokenizer, text)
        add(ids)
        if not ids:
            continue
        pieces = tokenizer.convert_ids_to_tokens(ids)
        first = str(pieces[0])
        if first == "▁":
            add(ids[1:])
        elif first.startswith("▁"):
            bare = tokenizer.convert_tokens_to_ids(first[1:])
            if isinstance(bare, int) and bare != tokenizer.unk_token_id:
                add([bare, *ids[1:]])
    # A form the vocabulary cannot write (an <unk> piece) decodes without those letters.
    known = [f for f in forms if unk not in f]
    return known or forms


def constrained_generate(
    model: Any,
    tokenizer: Any,
    texts: Sequence[str],
    constraints: Sequence[Sequence[str]],
    *,
    num_beams: int = 4,
    max_new_tokens: int | None = None,
    prefix: str = "",
    forced_bos_token_id: int | None = None,
) -> list[str]:
    """Translate ``texts`` with each sentence's ``constraints`` (target phrases) forced into the output.

    Args:
        model: a loaded transformers seq2seq model.
        tokenizer: its tokenizer.
        texts: source sentences.
        constraints: per sentence, the target phrases (glossary terms) its translation must contain.
        num_beams: beam size.
        max_new_tokens: output length limit (default: three times the longest input, at least 16
            plus the constraints' length).
        prefix: an input prefix such as OPUS-MT's ``>>por<< ``.
        forced_bos_token_id: the target-language token of NLLB/M2M100/mBART models.

    Returns:
        One decoded translation per input.
    """
    import torch
    from transformers import LogitsProcessorList

    enc = tokenizer([prefix + t for t in texts], return_tensors="pt", padding=True)
    enc = {k: v.to(model.device) for k, v in enc.items()}
    phrases = [[phrase_ids(tokenizer, c) for c in cs] for cs in constraints]
    need = max((sum(len(p) for p in ps) for ps in phrases), default=0)
    if max_new_tokens is None:
        max_new_tokens = max(16, 3 * int(enc["input_ids"].shape[1])) + need
    start = 1 + (forced_bos_token_id is not None)
    positions = getattr(model.config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        max_new_tokens = min(max_new_tokens, positions - start)  # the decoder reads no further
    eos = model.generation_config.eos_token_id
    eos = eos[0] if isinstance(eos, list) else eos
    proc = ConstraintProcessor(phrases, num_beams, max_new_tokens + start, int(eos))
    kwargs: dict[str, Any] = {"num_beams": num_beams, "do_sample": False, "max_new_tokens": max_new_tokens}
    if forced_bos_token_id is not None:
        kwargs["forced_bos_token_id"] = forced_bos_token_id
    with torch.inference_mode():
        out = model.generate(**enc, logits_processor=LogitsProcessorList([proc]), **kwargs)
    return [s.strip() for s in tokenizer.batch_decode(out, skip_special_tokens=True)]
