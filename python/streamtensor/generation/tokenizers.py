"""Tokenizers for generation: bytes, GPT-2 byte-level BPE, SentencePiece.

`load_tokenizer(checkpoint)` picks one from the files of a Hugging Face
checkpoint: `tokenizer.model` (SentencePiece, through Debian's
python3-sentencepiece), `vocab.json` + `merges.txt` (GPT-2 BPE), else raw
UTF-8 bytes (token id = byte value; ids past 255 print as `<id>`).
"""

import json
import os
import re
from typing import Dict, List, Optional, Tuple


class TokenizerError(ValueError):
    pass


class ByteTokenizer:
    name = "bytes"

    def encode(self, text: str) -> List[int]:
        return list(text.encode("utf-8"))

    def decode(self, ids: List[int]) -> str:
        out, run = [], bytearray()
        for i in ids:
            if 0 <= i < 256:
                run.append(i)
                continue
            out.append(run.decode("utf-8", errors="replace"))
            run = bytearray()
            out.append(f"<{i}>")
        out.append(run.decode("utf-8", errors="replace"))
        return "".join(out)


def _bytes_to_unicode() -> Dict[int, str]:
    """GPT-2's reversible map from bytes to printable characters: printable
    Latin-1 bytes stand for themselves, the others for code points from 256."""
    printable = (list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1))
                 + list(range(ord("®"), ord("ÿ") + 1)))
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


# GPT-2's pre-tokenizer splits contractions, letter runs, digit runs and
# other symbols, each with an optional leading space. Python's `re` has no
# \p{L}: [^\W\d_] is its Unicode letter class.
_GPT2_SPLIT = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+")


class GPT2Tokenizer:
    name = "gpt2-bpe"

    def __init__(self, vocab_path: str, merges_path: str):
        try:
            with open(vocab_path, encoding="utf-8") as f:
                self.vocab: Dict[str, int] = json.load(f)
            with open(merges_path, encoding="utf-8") as f:
                lines = [line.rstrip("\n") for line in f]
        except (OSError, json.JSONDecodeError) as err:
            raise TokenizerError(f"cannot read the GPT-2 tokenizer: {err}") from err
        if not isinstance(self.vocab, dict):
            raise TokenizerError(f"{vocab_path}: expected a JSON object of token -> id")
        merges = [tuple(line.split(" ")) for line in lines
                  if line and not line.startswith("#version")]
        bad = [m for m in merges if len(m) != 2]
        if bad:
            raise TokenizerError(f"{merges_path}: a merge is two tokens, got {' '.join(bad[0])!r}")
        self.ranks: Dict[Tuple[str, str], int] = {m: i for i, m in enumerate(merges)}
        self.byte_chars = _bytes_to_unicode()
        self.char_bytes = {c: b for b, c in self.byte_chars.items()}
        self.tokens = {i: t for t, i in self.vocab.items()}
        self._cache: Dict[str, List[str]] = {}

    def _bpe(self, word: str) -> List[str]:
        if word in self._cache:
            return self._cache[word]
        parts = list(word)
        while len(parts) > 1:
            pairs = [(self.ranks.get((a, b), None), i)
                     for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            ranked = [p for p in pairs if p[0] is not None]
            if not ranked:
                break
            _, i = min(ranked)
            parts = parts[:i] + [parts[i] + parts[i + 1]] + parts[i + 2:]
        self._cache[word] = parts
        return parts

    def encode(self, text: str) -> List[int]:
        ids = []
        for piece in _GPT2_SPLIT.findall(text):
            word = "".join(self.byte_chars[b] for b in piece.encode("utf-8"))
            for token in self._bpe(word):
                if token not in self.vocab:
                    raise TokenizerError(f"token {token!r} is not in the vocabulary")
                ids.append(self.vocab[token])
        return ids

    def decode(self, ids: List[int]) -> str:
        text = "".join(self.tokens.get(i, "") for i in ids)
        data = bytes(self.char_bytes[c] for c in text if c in self.char_bytes)
        return data.decode("utf-8", errors="replace")


class SentencePieceTokenizer:
    name = "sentencepiece"

    def __init__(self, model_path: str):
        try:
            import sentencepiece
        except ImportError as err:
            raise TokenizerError("tokenizer.model needs python3-sentencepiece "
                                 "(scripts/install-deps.sh installs it)") from err
        try:
            self.processor = sentencepiece.SentencePieceProcessor(model_file=model_path)
        except (OSError, RuntimeError) as err:
            raise TokenizerError(f"{model_path}: {err}") from err

    def encode(self, text: str) -> List[int]:
        return list(self.processor.encode(text))

    def decode(self, ids: List[int]) -> str:
        return self.processor.decode(list(ids))


def load_tokenizer(checkpoint: Optional[str]):
    if checkpoint:
        model = os.path.join(checkpoint, "tokenizer.model")
        vocab = os.path.join(checkpoint, "vocab.json")
        merges = os.path.join(checkpoint, "merges.txt")
        if os.path.isfile(model):
            return SentencePieceTokenizer(model)
        if os.path.isfile(vocab) and os.path.isfile(merges):
            return GPT2Tokenizer(vocab, merges)
    return ByteTokenizer()
