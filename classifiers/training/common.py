"""Shared pieces of the Parapet classifier recipe: paths, label spec, tokenizer and a
minimal BERT encoder (MiniLM) with LoRA adapters that matches the Swift runtime exactly
(mean pooling over the attention mask incl. [CLS]/[SEP], no L2 normalisation, sigmoid heads)."""
from __future__ import annotations

import hashlib
import math
import os
import re
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer

REPO = Path(__file__).resolve().parents[2]
BACKBONE_DIR = Path(os.environ.get("PARAPET_BACKBONE", REPO / "models-cache" / "all-MiniLM-L6-v2"))
DATA_DIR = Path(os.environ.get("PARAPET_DATA", "/work/shared/data"))
BACKBONE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

TARGETS = ["attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense"]

# Task -> labels. Label 0 is the task's overall label; finer labels follow as task.sub.
TOX_SUBS = ["harassment", "hate", "hate_threatening", "self_harm",
            "sexual", "sexual_minors", "violence", "violence_graphic"]
UNSAFE_SUBS = ["violent_crimes", "nonviolent_crimes", "sex_crimes", "child_exploitation",
               "indiscriminate_weapons", "self_harm", "hate", "specialized_advice", "privacy",
               "intellectual_property", "defamation", "elections", "sexual_content"]
TASKS = {
    "injection": ["injection"],
    "toxicity": ["toxicity"] + [f"toxicity.{s}" for s in TOX_SUBS],
    "unsafe": ["unsafe"] + [f"unsafe.{s}" for s in UNSAFE_SUBS],
}
ALL_LABELS = [l for ls in TASKS.values() for l in ls]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_tokenizer(max_length: int) -> Tokenizer:
    tok = Tokenizer.from_file(str(BACKBONE_DIR / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_length)
    return tok


_SPACED_RUN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9](?: {1,3}[A-Za-z0-9]){5,}(?![A-Za-z0-9])")


def collapse_letter_spacing(text: str) -> str:
    """Undo letter spacing before the encoder reads a text (bundle >= 0.4.0, manifest `text_transforms`):
    a run of at least 6 single ASCII letters or digits separated by 1-3 spaces, with no letter or digit
    just before or after it, is written without the spaces; gaps of 2 or more spaces become one space
    ("S a y  t h a t" -> "Say that", "b i t c h" -> "bitch"). Mirrored by the Swift runtime's
    `LetterSpacing.collapse`; ASCII only, so both sides agree byte for byte."""
    def join(m):
        return " ".join(w.replace(" ", "") for w in re.split(r" {2,}", m.group(0)))
    return _SPACED_RUN.sub(join, text)


TEXT_TRANSFORMS = {"collapse_letter_spacing": collapse_letter_spacing}  # manifest text_transforms -> function


def text_transform_names(args: dict) -> list[str]:
    """The manifest's text_transforms for a run's train.py arguments."""
    return ["collapse_letter_spacing"] if args.get("collapse_spacing") else []


def apply_text_transforms(text: str, names) -> str:
    """`text` after the named transforms, in order (what the encoder reads)."""
    for name in names:
        text = TEXT_TRANSFORMS[name](text)
    return text


CONTEXT_TOKENS = 96  # bundle >= 0.4.0: WordPieces of the context (system prompt) appended to each window


def pair_ids(tok: Tokenizer, text: str, context: str | None, context_tokens: int = CONTEXT_TOKENS):
    """(ids, pooled): `[CLS] text [SEP]` as `tok` encodes it (truncated to its max length), followed, when there
    is a context with at least one WordPiece, by its first `context_tokens` WordPieces and `[SEP]`. `pooled` is
    the length of the text part: mean pooling reads only those rows, so the context acts only through attention
    and a text without context encodes exactly as before. Token types stay 0 (the runtime does the same)."""
    ids = tok.encode(text).ids
    if not context:
        return ids, len(ids)
    extra = tok.encode(context, add_special_tokens=False).ids[:context_tokens]
    if not extra:  # a context of only spaces or control characters: no context
        return ids, len(ids)
    return ids + extra + [ids[-1]], len(ids)


class LoraLinear(nn.Module):
    """Frozen nn.Linear weight W (out, in) plus trainable B (out, r) @ A (r, in) scaled by alpha/r."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, rank: int, alpha: float, dropout: float):
        super().__init__()
        self.register_buffer("weight", weight)
        self.register_buffer("bias", bias)
        self.rank = rank
        self.scale = alpha / rank if rank else 0.0
        if rank:
            out_f, in_f = weight.shape
            self.lora_A = nn.Parameter(torch.empty(rank, in_f))
            nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
            self.lora_B = nn.Parameter(torch.zeros(out_f, rank))
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        y = F.linear(x, self.weight, self.bias)
        if self.rank:
            y = y + F.linear(F.linear(self.drop(x), self.lora_A), self.lora_B) * self.scale
        return y

    def merged_weight(self) -> torch.Tensor:
        if not self.rank:
            return self.weight
        return self.weight + self.scale * (self.lora_B @ self.lora_A)


class Layer(nn.Module):
    def __init__(self, sd: dict, i: int, cfg: dict, rank: int, alpha: float, dropout: float):
        super().__init__()
        p = f"encoder.layer.{i}."
        self.lin = nn.ModuleDict()
        for t in TARGETS:
            self.lin[t.replace(".", "_")] = LoraLinear(sd[p + t + ".weight"], sd[p + t + ".bias"], rank, alpha, dropout)
        self.ln1_w, self.ln1_b = sd[p + "attention.output.LayerNorm.weight"], sd[p + "attention.output.LayerNorm.bias"]
        self.ln2_w, self.ln2_b = sd[p + "output.LayerNorm.weight"], sd[p + "output.LayerNorm.bias"]
        self.heads = cfg["num_attention_heads"]
        self.eps = cfg["layer_norm_eps"]

    def l(self, t):
        return self.lin[t.replace(".", "_")]

    def forward(self, h, mask_add):
        b, n, d = h.shape
        hd = d // self.heads

        def split(x):
            return x.view(b, n, self.heads, hd).transpose(1, 2)

        q, k, v = (split(self.l(t)(h)) for t in TARGETS[:3])
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask_add)
        ctx = ctx.transpose(1, 2).reshape(b, n, d)
        a = F.layer_norm(self.l("attention.output.dense")(ctx) + h, (d,), self.ln1_w, self.ln1_b, self.eps)
        i = F.gelu(self.l("intermediate.dense")(a))
        return F.layer_norm(self.l("output.dense")(i) + a, (d,), self.ln2_w, self.ln2_b, self.eps)


class Encoder(nn.Module):
    """MiniLM encoder; layers in `lora_layers` carry LoRA adapters (others are frozen)."""

    def __init__(self, lora_layers, rank=8, alpha=16.0, dropout=0.1):
        super().__init__()
        sd = load_file(str(BACKBONE_DIR / "model.safetensors"))
        sd = {k.removeprefix("bert."): v.float() for k, v in sd.items()}
        import json
        cfg = json.load(open(BACKBONE_DIR / "config.json"))
        self.cfg = cfg
        self.sd = sd
        self.lora_layers = sorted(lora_layers)
        self.layers = nn.ModuleList(
            Layer(sd, i, cfg, rank if i in self.lora_layers else 0, alpha, dropout)
            for i in range(cfg["num_hidden_layers"]))

    def embed(self, ids):
        sd = self.sd
        n = ids.shape[1]
        pos = torch.arange(n)
        e = (sd["embeddings.word_embeddings.weight"][ids] + sd["embeddings.position_embeddings.weight"][pos]
             + sd["embeddings.token_type_embeddings.weight"][0])
        return F.layer_norm(e, (e.shape[-1],), sd["embeddings.LayerNorm.weight"], sd["embeddings.LayerNorm.bias"],
                            self.cfg["layer_norm_eps"])

    @staticmethod
    def mask_add(mask):
        return ((1.0 - mask[:, None, None, :].float()) * -1e9)

    def run_layers(self, h, mask, start, end):
        ma = self.mask_add(mask)
        for i in range(start, end):
            h = self.layers[i](h, ma)
        return h

    @staticmethod
    def pool(h, mask):
        m = mask.unsqueeze(-1).float()
        return (h * m).sum(1) / m.sum(1).clamp(min=1.0)

    def forward(self, ids, mask, pool_mask=None):
        """Pooled states; `pool_mask` (default: `mask`) picks the rows pooled, e.g. the text part of a pair."""
        return self.pool(self.run_layers(self.embed(ids), mask, 0, len(self.layers)),
                         mask if pool_mask is None else pool_mask)


class Heads(nn.Module):
    """One linear head per task over the pooled 384-d embedding (hidden = 0)."""

    def __init__(self, dim=384, dropout=0.1):
        super().__init__()
        self.out = nn.ModuleDict({t: nn.Linear(dim, len(ls)) for t, ls in TASKS.items()})
        self.drop = nn.Dropout(dropout)

    def forward(self, pooled):
        x = self.drop(pooled)
        return torch.cat([self.out[t](x) for t in TASKS], dim=-1)  # logits in ALL_LABELS order
