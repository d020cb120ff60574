"""Toxicity head study (issue #4: openai-moderation AUPRC): what a refit of the `toxicity` head on fixed
encoders gives, without retraining the encoder. One thread, seeded.

    python3 tox_study.py embed --run /work/main/out/run4      # ~10 min: pooled embeddings -> out/tox_study/
    python3 tox_study.py table                                 # linear head refits, dev metrics (evaluate.py)
    python3 tox_study.py table2                                # category heads, one-hidden-layer heads, concatenation
    python3 tox_study.py compare ../../out/tox1 ../../out/run4 # a retrained run re-scored at 256 tokens vs run 4

Rows: every train-fold row of data.assemble(1234) labelled for `toxicity` (9,225) and every dev row
(3,207; fold 0), as train.py splits them. Encoders: the shipped run's adapted encoder (LoRA merged, as the
runtime) and the frozen all-MiniLM-L6-v2 backbone. Train rows are embedded at 128 and 256 tokens, dev rows at
256 tokens (the runtime's window, as the shipped dev scores). Only the `toxicity` score of dev rows is replaced;
every other score stays the shipped one, so evaluate.py's other figures are the shipped ones.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import torch

import data
import evaluate
from common import REPO, Encoder, load_tokenizer

OUT = REPO / "out" / "tox_study"
SEED = 1234


def rows():
    tr, dv = data.split(data.assemble(SEED), SEED)
    return [e for e in tr if "toxicity" in e["y"]], dv


def embed(enc, texts, max_len, bs=32):
    tok = load_tokenizer(max_len)
    ids = [e.ids for e in tok.encode_batch(texts)]
    out = np.zeros((len(texts), 384), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
    with torch.no_grad():
        for s in range(0, len(order), bs):
            b = order[s:s + bs]
            n = max(len(ids[i]) for i in b)
            x = torch.tensor([ids[i] + [0] * (n - len(ids[i])) for i in b])
            m = (torch.arange(n)[None, :] < torch.tensor([len(ids[i]) for i in b])[:, None]).long()
            out[b] = enc(x, m).numpy()
    return out, np.array([len(x) for x in ids])


def cmd_embed(run: Path):
    import export
    torch.set_num_threads(1)
    OUT.mkdir(parents=True, exist_ok=True)
    tr, dv = rows()
    cfg = json.load(open(run / "run.json"))
    enc, heads, layers = export.load_models(run, cfg)
    encs = {"adapted": export.merged_encoder(enc, layers), "frozen": Encoder([], 0, 1.0).eval()}
    torch.save({k: v for k, v in heads.state_dict().items()}, OUT / "heads_shipped.pt")
    for name, e in encs.items():
        for split, ex, lens in (("dev", dv, (256,)), ("train", tr, (128, 256))):
            for L in lens:
                f = OUT / f"{name}_{split}_{L}.npy"
                if f.exists():
                    continue
                X, n = embed(e, [r["text"] for r in ex], L)
                np.save(f, X)
                np.save(OUT / f"tokens_{split}_{L}.npy", n)
                print(f"{f.name}: {X.shape}", flush=True)


def fit_lr(X, y, w, C):
    """Weighted logistic regression on standardised features, returned as a head on the raw pooled vector."""
    from sklearn.linear_model import LogisticRegression
    mu, sd = X.mean(0), X.std(0) + 1e-6
    m = LogisticRegression(C=C, max_iter=5000).fit((X - mu) / sd, y, sample_weight=w)
    W = m.coef_[0] / sd
    return W, float(m.intercept_[0] - (m.coef_[0] * mu / sd).sum())


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def shipped_rows():
    return evaluate.load(REPO / "classifiers" / "parapet-guard-minilm" / "dev_scores.jsonl.gz")


def metrics(base, dv, p_dev, label="toxicity"):
    """evaluate.py on the shipped dev scores with `label` replaced by p_dev (dev rows in `dv` order)."""
    s = {e["id"]: round(float(p), 6) for e, p in zip(dv, p_dev)}
    rows = [{**r, "scores": {**r["scores"], label: s[r["id"]]}} for r in base]
    m = evaluate.evaluate(rows, joint=True)
    t = m["toxicity"]
    hc = t["hatecheck"]
    return {"om_auprc": t["openai_moderation_auprc"], "auroc": t["auroc"], "thr": t["threshold"],
            "hatecheck": hc["accuracy"], "hc_low": min(v["accuracy"] for k, v in hc["per_target"].items() if k != "none"),
            "madlibs_spread": t["madlibs_identity_fpr_spread"], "everyday_any": m["benign_everyday"]["flagged_any_head"],
            "om_tpr": t["per_dataset"]["openai-moderation"]["flagged"], "rows": rows}


def boot_diff(dv, p_new, p_old, n=1000):
    """Paired bootstrap (over openai-moderation dev groups) of the AUPRC difference: mean and 95% interval."""
    idx = [i for i, e in enumerate(dv) if e["ds"] == "openai-moderation"]
    groups = sorted({dv[i]["group"] for i in idx})
    by = {g: [i for i in idx if dv[i]["group"] == g] for g in groups}
    y = np.array([e["y"].get("toxicity", 0) for e in dv])
    rng = np.random.default_rng(SEED)
    d = []
    for _ in range(n):
        take = [i for g in rng.choice(groups, len(groups)) for i in by[g]]
        d.append(evaluate.auprc(y[take], p_new[take]) - evaluate.auprc(y[take], p_old[take]))
    return float(np.mean(d)), float(np.percentile(d, 2.5)), float(np.percentile(d, 97.5))


def cmd_table():
    tr, dv = rows()
    base = shipped_rows()
    old = {r["id"]: r["scores"]["toxicity"] for r in base}
    p_old = np.array([old[e["id"]] for e in dv])
    y = np.array([e["y"]["toxicity"] for e in tr])
    w0 = np.array([e["w"] for e in tr])
    om = np.array([e["ds"] == "openai-moderation" for e in tr])
    other = np.array([e["ds"] in ("davidson-hate-offensive", "surge-toxicity", "wiki-toxicity-fuzzed") for e in tr])
    hs = torch.load(OUT / "heads_shipped.pt")
    Xs = np.load(OUT / "adapted_dev_256.npy")
    p_ship = sigmoid(Xs @ hs["out.toxicity.weight"][0].numpy() + hs["out.toxicity.bias"][0].item())
    print(f"check: shipped head on our adapted 256-token embeddings vs shipped dev scores: max diff "
          f"{np.abs(p_ship - p_old).max():.2e}")
    res = [("shipped 0.3.0 head (adapted encoder)", p_old)]
    variants = []
    for enc in ("adapted", "frozen"):
        for L in (128, 256):
            for C in (0.1, 1.0):
                variants.append((f"{enc}, refit, len {L}, C {C}", enc, L, C, w0))
        for k in (2, 4, 8):
            variants.append((f"{enc}, openai-moderation x{k}, len 256, C 0.1", enc, 256, 0.1, w0 * np.where(om, k, 1)))
        variants.append((f"{enc}, davidson/surge/wiki x0.25, openai x4, len 256, C 0.1", enc, 256, 0.1,
                         w0 * np.where(om, 4, 1) * np.where(other, 0.25, 1)))
        variants.append((f"{enc}, openai-moderation rows only, len 256, C 0.1", enc, 256, 0.1, w0 * om + 1e-9))
    for name, enc, L, C, w in variants:
        Xt, Xd = np.load(OUT / f"{enc}_train_{L}.npy"), np.load(OUT / f"{enc}_dev_256.npy")
        W, b = fit_lr(Xt, y, w, C)
        res.append((name, sigmoid(Xd @ W + b)))
    print("| variant | openai-mod AUPRC | Δ vs shipped [95% CI] | tox AUROC | threshold | HateCheck | lowest group | madlibs spread | everyday any head |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, p in res:
        m = metrics(base, dv, p)
        d = boot_diff(dv, p, p_old, 300) if p is not p_old else (0, 0, 0)
        print(f"| {name} | {m['om_auprc']:.3f} | {d[0]:+.3f} [{d[1]:+.3f}, {d[2]:+.3f}] | {m['auroc']:.3f} | {m['thr']:.3f} | "
              f"{m['hatecheck']:.3f} | {m['hc_low']:.3f} | {m['madlibs_spread']:.3f} | {m['everyday_any']:.3f} |", flush=True)


def cmd_compare(run: Path, ref: Path):
    """Re-score a new run's dev rows as the runtime does (merged weights, 256 tokens; export.rescore_dev) and print
    evaluate.py's summary next to the reference run's re-scored dev scores (encoder only, 0.2.0-style thresholds)."""
    import export
    torch.set_num_threads(1)
    cfg = json.load(open(run / "run.json"))
    f = run / "dev_scores_rescored.jsonl"
    if not f.exists():
        enc, heads, layers = export.load_models(run, cfg)
        rows = export.rescore_dev(evaluate.load(run / "dev_scores.jsonl"), export.merged_encoder(enc, layers), heads,
                                  load_tokenizer(export.MAX_TOKENS), cfg["args"])
        with open(f, "w") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    new, old = evaluate.load(f), evaluate.load(ref / "dev_scores_rescored.jsonl")
    assert sorted(r["id"] for r in new) == sorted(r["id"] for r in old), "dev rows differ"
    mn, mo = evaluate.evaluate(new), evaluate.evaluate(old)
    print(f"| metric | target | {ref.name} | {run.name} |\n| --- | --- | ---: | ---: |")
    for (a, t, vo), (_, _, vn) in zip(evaluate.summary(mo), evaluate.summary(mn)):
        print(f"| {a} | {t} | {vo} | {vn} |")
    for l in ("toxicity.self_harm", "toxicity.sexual", "toxicity.hate", "toxicity.violence", "toxicity.harassment"):
        print(f"| openai-moderation {l} AUPRC | | {mo['toxicity']['openai_moderation_sub_auprc'][l]} | "
              f"{mn['toxicity']['openai_moderation_sub_auprc'][l]} |")
    om = lambda rows: np.array([r["scores"]["toxicity"] for r in sorted(rows, key=lambda r: r["id"]) if r["ds"] == "openai-moderation"])
    dv = [r for r in sorted(new, key=lambda r: r["id"]) if r["ds"] == "openai-moderation"]
    print("paired bootstrap of openai-moderation AUPRC (new - ref): %+.3f [%+.3f, %+.3f]" % boot_diff(dv, om(new), om(old)))


def fit_mlp(X, Y, M, w, hidden, act, epochs=60, wd=1e-3, seed=SEED):
    """Masked multi-label BCE on a one-hidden-layer head (format: hidden > 0, activation tanh/gelu), full batch Adam."""
    torch.manual_seed(seed)
    X, Y, M, w = (torch.tensor(a, dtype=torch.float32) for a in (X, Y, M, w))
    mu, sd = X.mean(0), X.std(0) + 1e-6
    d = torch.nn.Linear(X.shape[1], hidden); o = torch.nn.Linear(hidden, Y.shape[1])
    f = torch.tanh if act == "tanh" else torch.nn.functional.gelu
    opt = torch.optim.AdamW(list(d.parameters()) + list(o.parameters()), lr=3e-3, weight_decay=wd)
    wl = torch.tensor([1.0] + [0.5] * (Y.shape[1] - 1))
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for b in np.array_split(rng.permutation(len(X)), max(1, len(X) // 128)):
            b = torch.tensor(b)
            z = o(torch.nn.functional.dropout(f(d((X[b] - mu) / sd)), 0.1))
            wt = M[b] * wl[None] * w[b][:, None]
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(z, Y[b], reduction="none") * wt).sum() / wt.sum()
            opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():  # fold the standardisation into the dense layer: a head on the raw pooled vector
        W = d.weight / sd[None]; bb = d.bias - (d.weight * (mu / sd)[None]).sum(1)
    return {"dense.weight": W, "dense.bias": bb, "out.weight": o.weight.detach(), "out.bias": o.bias.detach(), "act": act}


def mlp_apply(h, X):
    X = torch.tensor(X, dtype=torch.float32)
    f = torch.tanh if h["act"] == "tanh" else torch.nn.functional.gelu
    with torch.no_grad():
        return torch.sigmoid(f(X @ h["dense.weight"].T + h["dense.bias"]) @ h["out.weight"].T + h["out.bias"]).numpy()


def cmd_table2():
    """Per-category linear heads combined (max / noisy-or; not expressible as one linear head) and one-hidden-layer
    toxicity heads (expressible: `hidden` > 0), all on the adapted encoder."""
    from common import TASKS
    torch.set_num_threads(1)
    tr, dv = rows()
    base = shipped_rows()
    old = {r["id"]: r["scores"]["toxicity"] for r in base}
    p_old = np.array([old[e["id"]] for e in dv])
    labs = TASKS["toxicity"]
    Y = np.array([[e["y"].get(l, 0) for l in labs] for e in tr], dtype=np.float32)
    M = np.array([[float(l in e["y"]) for l in labs] for e in tr], dtype=np.float32)
    w0 = np.array([e["w"] for e in tr])
    om = np.array([e["ds"] == "openai-moderation" for e in tr])
    res = []
    for enc, L in (("adapted", 256), ("frozen", 256)):
        Xt, Xd = np.load(OUT / f"{enc}_train_{L}.npy"), np.load(OUT / f"{enc}_dev_256.npy")
        P = []
        for j, l in enumerate(labs):
            k = M[:, j] > 0
            W, b = fit_lr(Xt[k], Y[k, j], w0[k], 0.1)
            P.append(sigmoid(Xd @ W + b))
        P = np.stack(P, 1)
        res.append((f"{enc}: overall + 8 category heads, max", P.max(1)))
        res.append((f"{enc}: overall + 8 category heads, noisy-or", 1 - np.prod(1 - P, 1)))
        if enc == "frozen":
            continue
        for hidden, act, k in ((64, "gelu", 1), (128, "tanh", 1), (128, "gelu", 1), (128, "gelu", 3)):
            h = fit_mlp(Xt, Y, M, w0 * np.where(om, k, 1), hidden, act)
            res.append((f"{enc}: hidden {hidden} {act} head, openai x{k}", mlp_apply(h, Xd)[:, 0]))
    Xt = np.concatenate([np.load(OUT / "adapted_train_256.npy"), np.load(OUT / "frozen_train_256.npy")], 1)
    Xd = np.concatenate([np.load(OUT / "adapted_dev_256.npy"), np.load(OUT / "frozen_dev_256.npy")], 1)
    W, b = fit_lr(Xt, Y[:, 0], w0, 0.1)
    res.append(("adapted + frozen embeddings concatenated (two encoder passes), linear", sigmoid(Xd @ W + b)))
    for name, p in res:
        m = metrics(base, dv, p)
        d = boot_diff(dv, p, p_old, 300)
        print(f"| {name} | {m['om_auprc']:.3f} | {d[0]:+.3f} [{d[1]:+.3f}, {d[2]:+.3f}] | {m['auroc']:.3f} | {m['thr']:.3f} | "
              f"{m['hatecheck']:.3f} | {m['hc_low']:.3f} | {m['madlibs_spread']:.3f} | {m['everyday_any']:.3f} |", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "embed":
        cmd_embed(Path(sys.argv[2] if len(sys.argv) > 2 else "/work/main/out/run4"))
    elif sys.argv[1] == "table":
        cmd_table()
    elif sys.argv[1] == "compare":
        cmd_compare(Path(sys.argv[2]), Path(sys.argv[3] if len(sys.argv) > 3 else "/work/main/out/run4"))
    elif sys.argv[1] == "table2":
        cmd_table2()
