"""Seeded multi-task LoRA fine-tuning of all-MiniLM-L6-v2 for the Parapet guard heads.

Layers below the first adapted layer are frozen and cached once (fp16 hidden states), so each step
runs only the adapted upper layers forward and backward. One grouped fold (by `group`) is held out as
dev; the shipped model is the one trained on the other folds, so its dev scores are out of fold.

    nice -n 10 python3 train.py --out ../../out/run --seed 1234 --epochs 2 --lora-layers 3,4,5
"""
from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import data
import generated
from common import (ALL_LABELS, CONTEXT_TOKENS, TASKS, Encoder, Heads, apply_text_transforms, load_tokenizer, pair_ids,
                    text_transform_names)


def batches_by_length(idx, lengths, bs, rng):
    idx = sorted(idx, key=lambda i: lengths[i] + rng.random() * 8)
    out = [idx[i:i + bs] for i in range(0, len(idx), bs)]
    rng.shuffle(out)
    return out


def pad(states, lens, pooled=None):
    """Padded hidden states, the attention mask and the pooling mask (the first `pooled[i]` rows of each; all
    rows when `pooled` is None)."""
    n = max(lens)
    h = torch.zeros(len(states), n, states[0].shape[-1])
    m = torch.zeros(len(states), n, dtype=torch.long)
    pm = torch.zeros(len(states), n, dtype=torch.long)
    for i, (s, l) in enumerate(zip(states, lens)):
        h[i, :l] = s.float()
        m[i, :l] = 1
        pm[i, :(pooled[i] if pooled else l)] = 1
    return h, m, pm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--scale", type=float, default=1.0, help="subsample factor for quick runs")
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lora-layers", default="3,4,5")
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=16.0)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--head-lr", type=float, default=2e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-minutes", type=float, default=45.0, help="stop training after this wall time")
    ap.add_argument("--om-weight", type=float, default=1.0, help="row-weight factor for openai-moderation rows (tox study)")
    ap.add_argument("--om-max-len", type=int, default=0, help="max tokens of openai-moderation rows (0: --max-len)")
    ap.add_argument("--safe-contrast", action="store_true",
                    help="add generated.safe_contrast prompts (benign for every head) to the train fold only")
    ap.add_argument("--fiction-contrast", action="store_true",
                    help="add generated.fiction_contrast prompts (paired safe / unsafe fiction frames, figurative "
                         "language) to the train fold only")
    ap.add_argument("--train-seed", type=int, default=None,
                    help="seed of the initialisation, dropout and batch order only (default: --seed); the data, the "
                         "split and the generated rows stay on --seed, so dev is the same rows (seed-noise runs)")
    ap.add_argument("--pairs", action="store_true",
                    help="bundle >= 0.4.0: rows keep their `context` (system prompt / document), appended to the text "
                         "as `[CLS] text [SEP] context [SEP]` and pooled over the text part only, plus "
                         "generated.context_pairs copies with system prompts")
    ap.add_argument("--collapse-spacing", action="store_true",
                    help="bundle >= 0.4.0: the encoder reads texts with letter spacing undone "
                         "(common.collapse_letter_spacing; manifest text_transforms)")
    ap.add_argument("--context-tokens", type=int, default=CONTEXT_TOKENS, help="WordPieces of the context kept")
    ap.add_argument("--probe-batches", type=int, default=0, help="only time this many batches and exit")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    random.seed(a.seed); np.random.seed(a.seed); torch.manual_seed(a.seed)
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    exs = data.assemble(a.seed, a.scale, pairs=a.pairs)
    tr_ex, dv_ex = data.split(exs, a.seed)
    if a.safe_contrast:  # training data only: dev (thresholds, metrics) stays the same rows as without the flag
        tr_ex += generated.safe_contrast(a.seed)
    if a.fiction_contrast:  # likewise train fold only
        tr_ex += generated.fiction_contrast(a.seed)
    allx = tr_ex + dv_ex
    ntr = len(tr_ex)
    tok = load_tokenizer(a.max_len)
    transforms = text_transform_names(vars(a))
    texts = [apply_text_transforms(e["text"], transforms) for e in allx]
    enc_ids = [e.ids for e in tok.encode_batch(texts)]
    if a.om_max_len:  # openai-moderation texts are long (a third exceed 128 tokens; the runtime reads 256)
        om_tok = load_tokenizer(a.om_max_len)
        enc_ids = [om_tok.encode(t).ids if e["ds"] == "openai-moderation" else x for e, t, x in zip(allx, texts, enc_ids)]
    pool_lens = [len(x) for x in enc_ids]
    for i, e in enumerate(allx):
        if e.get("context"):
            enc_ids[i], pool_lens[i] = pair_ids(tok, texts[i], e["context"], a.context_tokens)
    lengths = [len(x) for x in enc_ids]
    if a.train_seed is not None:  # from here on (initialisation, dropout, batch order) only
        random.seed(a.train_seed); np.random.seed(a.train_seed); torch.manual_seed(a.train_seed)
    print(f"examples train={ntr} dev={len(dv_ex)} mean_tokens={np.mean(lengths):.1f} total_tokens={sum(lengths)}", flush=True)

    layers = [int(x) for x in a.lora_layers.split(",")]
    first = min(layers)
    enc = Encoder(layers, a.rank, a.alpha)
    heads = Heads()
    # 1. cache frozen lower layers
    cache = [None] * len(allx)
    order = sorted(range(len(allx)), key=lambda i: lengths[i])
    enc.eval()
    with torch.no_grad():
        for s in range(0, len(order), 64):
            b = order[s:s + 64]
            n = max(lengths[i] for i in b)
            ids = torch.tensor([enc_ids[i] + [0] * (n - lengths[i]) for i in b])
            m = torch.tensor([[1] * lengths[i] + [0] * (n - lengths[i]) for i in b])
            h = enc.run_layers(enc.embed(ids), m, 0, first)
            for j, i in enumerate(b):
                cache[i] = h[j, :lengths[i]].to(torch.float16).clone()
    t_cache = time.time() - t0
    print(f"cached layers 0..{first - 1} in {t_cache:.0f}s", flush=True)

    y, ymask = data.label_matrix(allx)
    w_row = torch.tensor([e["w"] * (a.om_weight if e["ds"] == "openai-moderation" else 1.0) for e in allx])
    w_lab = torch.tensor([1.0 if "." not in l else 0.5 for l in ALL_LABELS])
    lora = [p for n_, p in enc.named_parameters() if "lora_" in n_]
    opt = torch.optim.AdamW([{"params": lora, "lr": a.lr}, {"params": heads.parameters(), "lr": a.head_lr}],
                            weight_decay=0.01)
    rng = random.Random(a.seed if a.train_seed is None else a.train_seed)
    steps_per_epoch = math.ceil(ntr / a.batch)
    total = max(1, int(steps_per_epoch * a.epochs))
    warm = max(1, total // 20)
    plan = {"total": total}  # shrunk after the first steps if the time budget cannot fit it
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (plan["total"] - s) / max(1, plan["total"] - warm))))
    step, t_train, losses, spreads = 0, time.time(), [], []
    enc.train(); heads.train()
    stopped = False
    while step < plan["total"] and not stopped:
        for b in batches_by_length(list(range(ntr)), lengths, a.batch, rng):
            h, m, pm = pad([cache[i] for i in b], [lengths[i] for i in b], [pool_lens[i] for i in b])
            pooled = enc.pool(enc.run_layers(h, m, first, len(enc.layers)), pm)
            logits = heads(pooled)
            spreads.append(float(pooled.detach().std(0).mean()))  # ~0: every text pools to one vector (collapse)
            bce = F.binary_cross_entropy_with_logits(logits, y[b], reduction="none")
            wt = ymask[b] * w_lab[None, :] * w_row[b][:, None]
            loss = (bce * wt).sum() / wt.sum()
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
            losses.append(loss.item()); step += 1
            el = time.time() - t_train
            if step == 30:
                fit = int(a.max_minutes * 60 / (el / step))
                if fit < plan["total"]:
                    print(f"time budget: {plan['total']} -> {fit} steps", flush=True)
                    plan["total"] = max(fit, warm + 1)
            if step % 50 == 0 or step == a.probe_batches:
                print(f"step {step}/{plan['total']} loss {np.mean(losses[-50:]):.4f} pooled spread {np.mean(spreads[-50:]):.4f} {el / step:.2f}s/step eta {(plan['total'] - step) * el / step / 60:.1f}min", flush=True)
            if a.probe_batches and step >= a.probe_batches:
                return
            if step >= plan["total"] or el > a.max_minutes * 60 * 1.1:
                stopped = el > a.max_minutes * 60 * 1.1
                break
    t_train = time.time() - t_train
    print(f"trained {step} steps in {t_train / 60:.1f} min (stopped early: {stopped})", flush=True)

    # 2. out-of-fold dev scores
    enc.eval(); heads.eval()
    dev_idx = list(range(ntr, len(allx)))
    probs = {}
    with torch.no_grad():
        for s in range(0, len(dev_idx), 64):
            b = sorted(dev_idx, key=lambda i: lengths[i])[s:s + 64]
            h, m, pm = pad([cache[i] for i in b], [lengths[i] for i in b], [pool_lens[i] for i in b])
            p = torch.sigmoid(heads(enc.pool(enc.run_layers(h, m, first, len(enc.layers)), pm)))
            for j, i in enumerate(b):
                probs[i] = p[j].tolist()
    with open(out / "dev_scores.jsonl", "w") as f:
        for i in dev_idx:
            e = allx[i]
            rec = {k: e[k] for k in ("id", "ds", "kind", "lang", "category", "target", "role", "group")}
            rec["y"] = e["y"]; rec["tokens"] = pool_lens[i]
            if e.get("context"):
                rec["context_tokens"] = lengths[i] - pool_lens[i]
            rec["text"] = e["text"] if len(e["text"]) < 2000 else None
            rec["scores"] = {l: round(v, 6) for l, v in zip(ALL_LABELS, probs[i])}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    state = {n_: p.detach().clone() for n_, p in enc.named_parameters() if "lora_" in n_}
    state.update({f"heads.{k}": v.detach().clone() for k, v in heads.state_dict().items()})
    torch.save(state, out / "state.pt")
    counts = {}
    for e in tr_ex:
        counts.setdefault(e["ds"], [0, 0])[0] += 1
    for e in dv_ex:
        counts.setdefault(e["ds"], [0, 0])[1] += 1
    json.dump({"args": vars(a), "train_rows": ntr, "dev_rows": len(dv_ex), "steps": step, "stopped_early": stopped,
               "rows_per_dataset_train_dev": counts, "seconds_cache": round(t_cache), "seconds_train": round(t_train),
               "seconds_total": round(time.time() - t0), "final_loss": float(np.mean(losses[-50:])),
               "final_pooled_spread": float(np.mean(spreads[-50:])),
               "torch": torch.__version__}, open(out / "run.json", "w"), indent=1)
    print(f"done in {(time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
