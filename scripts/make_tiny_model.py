#!/usr/bin/env python3
"""Build tiny, randomly initialised translation models that ``from_pretrained`` loads, for tests.

Each model gets a real SentencePiece vocabulary trained on the given text (by default the
multilingual sample below plus any files passed with --text), and random weights: output is
nonsense, but tokenisation, language tokens, batching, truncation and loading are exercised for
real. Nothing is downloaded.

    python scripts/make_tiny_model.py --kind marian --out /tmp/tiny-marian
    python scripts/make_tiny_model.py --kind marian-multi --out /tmp/tiny-opus-mul
    python scripts/make_tiny_model.py --kind m2m100 --out /tmp/tiny-m2m100
    python scripts/make_tiny_model.py --kind marian --opus-shape --out /tmp/opus-shaped  # for benchmarks
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

SAMPLE = """\
The Shanghai Cooperation Organisation met in Tianjin on Tuesday.
Ministers agreed on a plan for artificial intelligence cooperation worth 2.4 billion yuan.
"We are ready to work together," said the secretary-general.
The summit will take place in Astana on 4 July 2026.
Leaders from China, Russia, India, Pakistan, Iran, Kazakhstan, Kyrgyzstan, Uzbekistan and Tajikistan attended.
上海合作组织成员国在天津举行会议。各方同意开展人工智能合作。
Шанхайская организация сотрудничества провела встречу в Тяньцзине. Министры согласовали план.
शंघाई सहयोग संगठन की बैठक तियानजिन में हुई। मंत्रियों ने योजना पर सहमति जताई।
شنگھائی تعاون تنظیم کا اجلاس تیانجن میں ہوا۔ وزرا نے منصوبے پر اتفاق کیا۔
سازمان همکاری شانگهای در تیانجین تشکیل جلسه داد. وزیران بر سر یک طرح توافق کردند.
Шанхай ынтымақтастық ұйымы Тяньцзинде жиналды. Министрлер жоспарды келісті.
Шанхай кызматташтык уюму Тяньцзинде чогулду. Министрлер планды макулдашты.
Shanxay hamkorlik tashkiloti Tyanszinda yig'ilish o'tkazdi. Vazirlar reja bo'yicha kelishdilar.
Созмони ҳамкории Шанхай дар Тянҷин ҷаласа баргузор кард. Вазирон дар бораи нақша розӣ шуданд.
Шанхайская арганізацыя супрацоўніцтва правяла сустрэчу ў Цяньцзіні. Міністры ўзгаднілі план.
A Organização de Cooperação de Xangai reuniu-se em Tianjin na terça-feira.
Os ministros concordaram com um plano.
"""

TINY_SHAPE = {"d_model": 32, "layers": 1, "heads": 2, "ffn": 64, "vocab": 0}
# The shape of a Helsinki-NLP OPUS-MT checkpoint (config.json of opus-mt-en-de and siblings).
OPUS_SHAPE = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab": 65_000}

MULTI_TARGET_TOKENS = [">>cmn_Hans<<", ">>rus<<", ">>por<<", ">>urd<<"]


def train_spm(text: str, prefix: Path, vocab_size: int, user_symbols: list[str]) -> None:
    import sentencepiece as spm

    corpus = prefix.with_suffix(".txt")
    corpus.write_text(text, encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=user_symbols,
        bos_id=-1,
        pad_id=-1,
        unk_id=0,
        eos_id=1,
        minloglevel=2,
    )


def spm_pieces(model_file: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(model_file))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_marian(
    out: Path, text: str, multi: bool, max_positions: int, shape: dict[str, int] | None = None
) -> None:
    """A Marian model; ``shape`` (d_model, layers, heads, ffn, vocab) overrides the tiny defaults."""
    shape = {**TINY_SHAPE, **(shape or {})}
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    symbols = MULTI_TARGET_TOKENS if multi else []
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "spm"
        train_spm(text, prefix, 300, symbols)
        out.mkdir(parents=True, exist_ok=True)
        pieces = spm_pieces(prefix.with_suffix(".model"))
        # The OPUS-MT layout: </s> and <unk> first, <pad> last (CTranslate2's converter drops the
        # last entry of a Marian vocabulary, expecting <pad> with a zero embedding there).
        vocab = {"</s>": 0, "<unk>": 1}
        for p in pieces:
            vocab.setdefault(p, len(vocab))
        # A vocabulary as large as a real checkpoint's (for benchmarks): made-up pieces the
        # tokenizer never produces from text, which the decoder can still choose.
        while len(vocab) < shape["vocab"] - 1:
            vocab[f"▁filler{len(vocab)}"] = len(vocab)
        vocab["<pad>"] = len(vocab)
        (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        model_bytes = prefix.with_suffix(".model").read_bytes()
        (out / "source.spm").write_bytes(model_bytes)
        (out / "target.spm").write_bytes(model_bytes)
    tokenizer = MarianTokenizer(
        source_spm=str(out / "source.spm"),
        target_spm=str(out / "target.spm"),
        vocab=str(out / "vocab.json"),
        model_max_length=max_positions,
    )
    tokenizer.save_pretrained(str(out))
    torch.manual_seed(0)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=shape["d_model"],
        encoder_layers=shape["layers"],
        decoder_layers=shape["layers"],
        encoder_attention_heads=shape["heads"],
        decoder_attention_heads=shape["heads"],
        encoder_ffn_dim=shape["ffn"],
        decoder_ffn_dim=shape["ffn"],
        max_position_embeddings=max_positions,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
    )
    model = MarianMTModel(config)
    with torch.no_grad():
        model.get_input_embeddings().weight[pad].zero_()
    # As in OPUS-MT's generation config: never generate <pad>.
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(str(out))


def build_m2m100(out: Path, text: str, max_positions: int) -> None:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "spm"
        train_spm(text, prefix, 300, [])
        out.mkdir(parents=True, exist_ok=True)
        pieces = spm_pieces(prefix.with_suffix(".model"))
        vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
        for p in pieces:
            vocab.setdefault(p, len(vocab))
        (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        (out / "sentencepiece.bpe.model").write_bytes(prefix.with_suffix(".model").read_bytes())
    tokenizer = M2M100Tokenizer(
        vocab_file=str(out / "vocab.json"),
        spm_file=str(out / "sentencepiece.bpe.model"),
        model_max_length=max_positions,
    )
    tokenizer.save_pretrained(str(out))
    torch.manual_seed(0)
    # Language tokens (__en__ …) and the made-up words come after the SentencePiece vocabulary.
    lang_ids = list(tokenizer.lang_token_to_id.values())
    vocab_size = max([len(vocab), *lang_ids]) + 1 + 8
    config = M2M100Config(
        vocab_size=vocab_size,
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kind", choices=["marian", "marian-multi", "m2m100"], required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--text", type=Path, action="append", default=[], help="extra training text files")
    parser.add_argument("--max-positions", type=int, default=128, help="longest input the model reads")
    parser.add_argument(
        "--opus-shape",
        action="store_true",
        help="marian only: the size of a real OPUS-MT model (d_model 512, 6+6 layers, vocab 65k)",
    )
    args = parser.parse_args(argv)
    text = SAMPLE + "".join(p.read_text(encoding="utf-8") for p in args.text)
    if args.kind == "m2m100":
        build_m2m100(args.out, text, args.max_positions)
    else:
        shape = OPUS_SHAPE if args.opus_shape else None
        build_marian(args.out, text, args.kind == "marian-multi", args.max_positions, shape)
    print(f"wrote a tiny {args.kind} model to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
