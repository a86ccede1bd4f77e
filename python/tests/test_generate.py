"""Whole-model generation in the simulation against PyTorch's own generation,
the tokenizers, and the `generate` command."""

import json
import os

import pytest
import torch

from streamtensor.cli import main
from streamtensor.generation import generate
from streamtensor.generation.model import load_model, reference_generate
from streamtensor.generation.simulated import choose
from streamtensor.generation.tokenizers import (ByteTokenizer, GPT2Tokenizer,
                                                SentencePieceTokenizer, load_tokenizer)

PROMPT = [3, 1, 4, 1, 5, 9, 2, 6]
CHECKPOINT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "models", "fortunes-gpt2")


@pytest.mark.parametrize("family", ["gpt2", "llama", "qwen2", "gemma3"])
def test_greedy_tokens_equal_pytorch(family, tmp_path):
    # 32 new tokens after an 8-token prompt: one prefill, 31 decode steps,
    # every layer each time, KV caches kept by the host.
    result = generate(family, "tiny", prompt_ids=PROMPT, max_new_tokens=32,
                      out_dir=str(tmp_path))
    expected = reference_generate(load_model(family, "tiny"), PROMPT, 32)
    assert result.generated_ids == expected
    layers = load_model(family, "tiny").config.num_layers
    assert result.design_calls == layers * 32 + 32


@pytest.mark.parametrize("family,quant", [("gpt2", "w4a8"), ("llama", "w8a8")])
def test_quantized_greedy_tokens_equal_the_quantized_reference(family, quant, tmp_path):
    result = generate(family, "tiny", prompt_ids=PROMPT, max_new_tokens=32,
                      out_dir=str(tmp_path), quant=quant)
    expected = reference_generate(load_model(family, "tiny", quant=quant), PROMPT, 32)
    assert result.generated_ids == expected
    assert expected != reference_generate(load_model(family, "tiny"), PROMPT, 32)


@pytest.mark.skipif(not os.path.isdir(CHECKPOINT), reason="trained checkpoint not present")
def test_trained_checkpoint_generates_like_pytorch(tmp_path):
    prompt = "The meaning of"
    result = generate(checkpoint=CHECKPOINT, model=None, prompt=prompt, max_new_tokens=32,
                      out_dir=str(tmp_path))
    ids = list(prompt.encode())
    assert result.prompt_ids == ids
    assert result.generated_ids == reference_generate(
        load_model(None, "tiny", checkpoint=CHECKPOINT), ids, 32)
    assert result.tokenizer == "bytes" and len(result.text) > 0
    quantized = generate(checkpoint=CHECKPOINT, model=None, prompt=prompt, max_new_tokens=32,
                         out_dir=str(tmp_path / "w4a8"), quant="w4a8")
    assert quantized.generated_ids == reference_generate(
        load_model(None, "tiny", checkpoint=CHECKPOINT, quant="w4a8"), ids, 32)


def test_designs_are_reused_and_sampling_is_seeded(tmp_path, capsys):
    out = str(tmp_path / "designs")
    args = ["generate", "--model", "gpt2", "--prompt-ids", "1,2,3,4", "--max-new-tokens", "6",
            "-o", out, "--json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    first = json.loads(captured.out)  # progress goes to stderr, stdout holds the object only
    assert "compiling" in captured.err
    assert set(first) >= {"prompt_ids", "generated_ids", "seconds"}
    assert first["prompt_ids"] == [1, 2, 3, 4] and len(first["generated_ids"]) == 6
    assert first["generated_ids"] == reference_generate(load_model("gpt2", "tiny"),
                                                        [1, 2, 3, 4], 6)
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "reusing" in captured.err
    assert json.loads(captured.out)["generated_ids"] == first["generated_ids"]
    sampled = args + ["--temperature", "0.8", "--top-k", "5", "--seed", "7"]
    assert main(sampled) == 0
    one = json.loads(capsys.readouterr().out)["generated_ids"]
    assert main(sampled) == 0
    assert json.loads(capsys.readouterr().out)["generated_ids"] == one


def test_sampling_rules():
    logits = torch.tensor([0.1, 3.0, 2.9, -1.0]).numpy()
    assert choose(logits, 0.0, 0, None) == 1
    gen = torch.Generator().manual_seed(0)
    assert all(choose(logits, 1.0, 1, gen) == 1 for _ in range(20))
    picks = {choose(logits, 1.0, 2, gen) for _ in range(200)}
    assert picks == {1, 2}


def test_generate_errors_are_one_line(tmp_path, capsys):
    out = str(tmp_path / "d")
    assert main(["generate", "--model", "gpt2", "--prompt-ids", "1,99999", "-o", out]) == 1
    assert "token id 99999 is outside the vocabulary" in capsys.readouterr().err
    assert main(["generate", "--model", "gpt2", "--prompt-ids", "1", "--max-new-tokens", "0",
                 "-o", out]) == 1
    assert "--max-new-tokens must be at least 1" in capsys.readouterr().err
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "decode-16").mkdir()
    (tmp_path / "mine" / "decode-16" / "notes.txt").write_text("keep")
    assert main(["generate", "--model", "gpt2", "--prompt-ids", "1,2", "--max-new-tokens", "2",
                 "-o", str(tmp_path / "mine")]) == 1
    assert "not a compiled folder; refusing to overwrite" in capsys.readouterr().err
    assert (tmp_path / "mine" / "decode-16" / "notes.txt").read_text() == "keep"


def test_byte_tokenizer_round_trip():
    tokenizer = ByteTokenizer()
    text = "Fortune: naïve café ☕"
    assert tokenizer.decode(tokenizer.encode(text)) == text
    assert tokenizer.decode([72, 105, 300]) == "Hi<300>"
    assert isinstance(load_tokenizer(None), ByteTokenizer)


def test_gpt2_bpe_tokenizer(tmp_path):
    # A vocabulary of single byte characters plus two merges.
    from streamtensor.generation.tokenizers import _bytes_to_unicode
    chars = list(_bytes_to_unicode().values())
    vocab = {c: i for i, c in enumerate(chars)}
    vocab["he"] = len(vocab)
    vocab["Ġhe"] = len(vocab)
    (tmp_path / "vocab.json").write_text(json.dumps(vocab))
    (tmp_path / "merges.txt").write_text("#version: 0.2\nh e\nĠ he\n")
    tokenizer = load_tokenizer(str(tmp_path))
    assert isinstance(tokenizer, GPT2Tokenizer)
    ids = tokenizer.encode("he he!")
    assert ids == [vocab["he"], vocab["Ġhe"], vocab["!"]]
    assert tokenizer.decode(ids) == "he he!"
    assert tokenizer.decode(tokenizer.encode("naïve\n  x")) == "naïve\n  x"


def test_sentencepiece_tokenizer(tmp_path):
    sentencepiece = pytest.importorskip("sentencepiece")
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n".join(["the quick brown fox jumps over the lazy dog"] * 50
                                + ["a stitch in time saves nine"] * 50))
    sentencepiece.SentencePieceTrainer.train(input=str(corpus),
                                             model_prefix=str(tmp_path / "tokenizer"),
                                             vocab_size=30, minloglevel=2)
    tokenizer = load_tokenizer(str(tmp_path))
    assert isinstance(tokenizer, SentencePieceTokenizer)
    ids = tokenizer.encode("the lazy fox")
    assert ids and tokenizer.decode(ids) == "the lazy fox"
