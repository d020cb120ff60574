"""Builds the benchmark inputs from the dev sets, at run time, into a temporary directory.

* short texts: the dev texts of both sets, shuffled with a fixed seed and packed (joined with a
  newline) until each reaches ~300 UTF-8 bytes. Dev texts longer than ``max_short`` bytes (PEM key
  blocks) are left out of the short set; they are still in the bulk text and the F1 runs.
* typical prompts: benign user prompts from shared/data (GSM8K, MT-Bench, self-instruct, Vicuna,
  role prompts, WildGuard benign) of 250-350 UTF-8 bytes, each as it is (not packed): the everyday
  ~300-byte text, with few or no findings, beside the PII-dense packed short texts.
* bulk text: the dev texts interleaved with plain benign prose (GSM8K test questions and MT-Bench
  prompts from shared/data when present, otherwise seeded generated sentences) until the target
  size, cut into records of ``chunk_bytes`` at line boundaries so every tool scans the same records.

Every input exists as JSONL (``{"id", "text"}``, for Parapet and the Python tools) and as a
length-prefixed file (``<bytes>\\n<text>\\n`` per record, for hs_bench).
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

PROSE_SOURCES = ("gsm8k-test/train.jsonl", "mt-bench/train.jsonl")
PROMPT_SOURCES = ("gsm8k-test/train.jsonl", "mt-bench/train.jsonl", "self-instruct-human/train.jsonl",
                  "vicuna-bench/train.jsonl", "awesome-chatgpt-prompts/train.jsonl", "wildguard-benign/train.jsonl")
WORDS = ("the report said that our team would review each request before the weekly planning "
         "meeting and then share a short summary with everyone who asked about progress on "
         "budget schedule design testing release notes customers feedback quality").split()


@dataclass
class InputSet:
    """One benchmark input in both formats."""
    name: str
    jsonl: str
    lenpref: str
    texts: List[str]
    extra: Dict[str, object] = field(default_factory=dict)

    @property
    def total_bytes(self) -> int:
        return sum(len(t.encode("utf-8")) for t in self.texts)

    def describe(self) -> Dict[str, object]:
        sizes = sorted(len(t.encode("utf-8")) for t in self.texts)
        return {"records": len(sizes), "bytes": sum(sizes),
                "mean_bytes": round(sum(sizes) / max(1, len(sizes)), 1),
                "p50_bytes": sizes[len(sizes) // 2] if sizes else 0,
                "max_bytes": sizes[-1] if sizes else 0, **self.extra}


def read_texts(path: str) -> List[str]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def write_set(directory: str, name: str, texts: List[str], ids: List[str] | None = None) -> InputSet:
    """Writes ``texts`` as NAME.jsonl and NAME.lenpref in ``directory``."""
    jsonl = os.path.join(directory, f"{name}.jsonl")
    lenpref = os.path.join(directory, f"{name}.lenpref")
    ids = ids or [f"{name}-{i:06d}" for i in range(len(texts))]
    with open(jsonl, "w", encoding="utf-8") as out:
        for text_id, text in zip(ids, texts):
            out.write(json.dumps({"id": text_id, "text": text}, ensure_ascii=False) + "\n")
    with open(lenpref, "wb") as out:
        for text in texts:
            data = text.encode("utf-8")
            out.write(b"%d\n" % len(data) + data + b"\n")
    return InputSet(name, jsonl, lenpref, texts)


def pack_short(texts: List[str], target: int, max_short: int, seed: int) -> List[str]:
    """Packs texts (shuffled) into texts of about ``target`` bytes, joined by newlines.

    A packed text is closed before the next dev text would take it more than half that text's
    size past the target, so packed sizes centre on the target.
    """
    pool = [t for t in texts if len(t.encode("utf-8")) <= max_short]
    random.Random(seed).shuffle(pool)
    packed: List[str] = []
    current: List[str] = []
    size = 0
    for text in pool:
        length = len(text.encode("utf-8")) + 1
        if current and size + length // 2 > target:
            packed.append("\n".join(current))
            current, size = [], 0
        current.append(text)
        size += length
    if current and size >= target // 2:
        packed.append("\n".join(current))
    return packed


def benign_prose(data_root: str, seed: int) -> List[str]:
    """Plain benign prose: shared/data prompts if present, else generated sentences."""
    prose: List[str] = []
    for rel in PROSE_SOURCES:
        path = os.path.join(data_root, rel)
        if os.path.exists(path):
            prose.extend(read_texts(path))
    if not prose:
        rng = random.Random(seed)
        for _ in range(4000):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
            prose.append(" ".join(words).capitalize() + ".")
    return prose


def typical_prompts(data_root: str, low: int = 250, high: int = 350) -> List[str]:
    """The benign prompts of ``low``..``high`` UTF-8 bytes in PROMPT_SOURCES, in file order."""
    prompts: List[str] = []
    for rel in PROMPT_SOURCES:
        path = os.path.join(data_root, rel)
        if os.path.exists(path):
            prompts.extend(t for t in read_texts(path) if low <= len(t.encode("utf-8")) <= high)
    return prompts


def build_bulk(dev: List[str], prose: List[str], target_bytes: int, chunk_bytes: int,
               prose_ratio: int, seed: int) -> Tuple[List[str], float]:
    """Interleaves one dev text with ``prose_ratio`` prose texts until target_bytes; cuts chunks.

    Returns the chunks and the share of the bytes that come from dev texts.
    """
    rng = random.Random(seed)
    lines: List[str] = []
    size = dev_size = 0
    while size < target_bytes:
        pick = [rng.choice(dev)] + [rng.choice(prose) for _ in range(prose_ratio)]
        dev_size += len(pick[0].encode("utf-8")) + 1
        for text in pick:
            lines.append(text)
            size += len(text.encode("utf-8")) + 1
    chunks: List[str] = []
    current: List[str] = []
    current_size = 0
    for line in lines:
        current.append(line)
        current_size += len(line.encode("utf-8")) + 1
        if current_size >= chunk_bytes:
            chunks.append("\n".join(current))
            current, current_size = [], 0
    if current:
        chunks.append("\n".join(current))
    return chunks, dev_size / max(1, size)


def build_inputs(directory: str, pii_dev: str, secrets_dev: str, data_root: str, *,
                 short_target: int = 300, max_short: int = 600, bulk_mb: int = 64,
                 chunk_bytes: int = 1 << 20, prose_ratio: int = 2, seed: int = 20261129) -> Dict[str, InputSet]:
    """Writes all inputs into ``directory`` and returns them by name (short, bulk, and prompts
    when shared/data has them)."""
    dev = read_texts(pii_dev) + read_texts(secrets_dev)
    short = pack_short(dev, short_target, max_short, seed)
    prose = benign_prose(data_root, seed)
    bulk, dev_share = build_bulk(dev, prose, bulk_mb * 1_000_000, chunk_bytes, prose_ratio, seed)
    bulk_set = write_set(directory, "bulk", bulk)
    bulk_set.extra = {"dev_text_share": round(dev_share, 3), "prose_texts": len(prose)}
    short_set = write_set(directory, "short", short)
    short_set.extra = {"dev_texts_left_out_over_bytes": max_short,
                       "dev_texts_left_out": sum(1 for t in dev if len(t.encode("utf-8")) > max_short)}
    built = {"short": short_set, "bulk": bulk_set}
    prompts = typical_prompts(data_root)
    if prompts:
        built["prompts"] = write_set(directory, "prompts", prompts)
    return built
