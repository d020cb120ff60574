"""Uniform weight-averaged "model soup" (Wortsman et al. 2022) of train.py runs that differ only in
`--train-seed`: one run directory (state.pt, run.json, dev scores) that export.py and the rest of the pipeline
read unchanged, and still one encoder pass at inference (the runtime merges the adapter into the backbone once).

Why: runs of the same configuration and split differ by up to 0.08 per dev metric with the train seed alone
(docs/classifiers.md on main, fc1 vs fc2). Averaging the weights of k such runs is meant to keep what they agree on and
average out what each seed learned by chance, at no inference cost (unlike an ensemble of k encoder passes).

Exact LoRA average. Run i (rank r, alpha) adds (alpha/r)·B_i·A_i to each adapted backbone matrix. The soup's
adapter has rank r' = k·r and the same alpha, A' = the A_i stacked along the rank axis (k·r, in), B' = the B_i
concatenated along the rank axis (out, k·r), so that
    (alpha/r')·B'·A' = (alpha/(k·r))·Σ B_i·A_i = (1/k)·Σ (alpha/r)·B_i·A_i,
the mean of the runs' merged updates, with every stored tensor copied bit for bit. The linear heads (on the
pooled vector) are averaged weight by weight and bias by bias. The adapter file grows k-fold (rank 16 -> 48 for
k = 3); export.py, bundle.py, hf_bundle.py and the Swift runtime read the rank from run.json / the manifest.

Dev scores: the soup was never trained, so train.py's 128-token dev scores do not exist for it; this script
writes the runtime-equivalent scores (export.rescore_dev: merged weights, up to 256 tokens, the scores the
pipeline evaluates) to both dev_scores.jsonl and dev_scores_rescored.jsonl, which export.py then reads as they
are. With --compare it prints the max absolute difference of these scores to each input run's
dev_scores_rescored.jsonl (a soup of a single run must reproduce that run to float rounding).

Variants (study): --update-weight w scales the summed update (w = 1/sqrt(k) keeps the norm of orthogonal
updates; the runs' updates are nearly orthogonal, cosine about 0.1 per matrix); --refit-heads keeps the soup's
encoder and refits the linear heads on the train fold (refit_heads).

Result (issue #4; fc1 / fc2 / fc3 = train seeds 1234 / 7 / 99 of the fiction-contrast configuration, bundle with
the n-gram stack): the soups meet 6 to 8 targets (fc1+fc3: 6, fc1+fc2: 8, fc2+fc3: 7, all three: 8) against 7 / 7 / 8
for the single runs, i.e. within the seed noise. Every soup catches more unsafe prompts at 1% everyday FPR
(0.940-0.954 vs 0.907-0.937) and keeps the weakest HateCheck group at >= 0.82, but every soup catches fewer
injections at 1% everyday FPR (0.850-0.867 vs 0.872-0.886; encoder alone 0.64-0.73 vs 0.72-0.78): averaging
near-orthogonal adapters shrinks each run's update. w = 1/sqrt(3) is worse (5 targets); refitted heads recover
injection to 0.872 (8 targets). Study; recommendation: not adopted (not robustly better than one seed, 3x
the training and the adapter file).

    cd classifiers/training
    OMP_NUM_THREADS=1 nice -n 5 python3 soup.py --out ../../out/soup3 ../../out/fc1 ../../out/fc2 ../../out/fc3
    python3 export.py ../../out/soup3 ../../out/soup3_bundle   # then, as for any run: the n-gram stacker refit
    # (ngram.cmd_eval export with ngram.BUNDLE = the bundle), bundle.py --bundle ../../out/soup3_bundle, and
    # PARAPET_BUNDLE=out/soup3_bundle/ python3 classifiers/training/check_reference.py from the repo root
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

import evaluate
import export
from common import ALL_LABELS, load_tokenizer

# run.json args that may differ between the soup's ingredients (everything else must be equal)
FREE_ARGS = {"out", "train_seed", "threads", "max_minutes", "probe_batches"}


def train_seed(cfg: dict) -> int:
    a = cfg["args"]
    return a["train_seed"] if a.get("train_seed") is not None else a["seed"]


def soup_state(states: list[dict]) -> dict:
    """LoRA A stacked / B concatenated along the rank axis, heads (and anything else) averaged."""
    keys = set(states[0])
    assert all(set(s) == keys for s in states), "the runs' state.pt hold different tensors"
    out = {}
    for k in sorted(keys):
        ts = [s[k] for s in states]
        if k.endswith("lora_A"):  # (r, in) -> (k r, in)
            out[k] = torch.cat(ts, 0).contiguous()
        elif k.endswith("lora_B"):  # (out, r) -> (out, k r)
            out[k] = torch.cat(ts, 1).contiguous()
        else:
            assert k.startswith("heads."), k
            out[k] = (torch.stack(ts).double().mean(0)).to(ts[0].dtype).contiguous()
    return out


def refit_heads(enc, heads, layers, args: dict, l2: float = 1e-4, iters: int = 300):
    """Variant (--refit-heads): keep the soup's encoder, refit the linear heads on the train fold's pooled vectors
    (merged weights, no dropout) with train.py's loss (masked BCE, row weights incl. --om-weight, finer labels
    0.5), full batch L-BFGS from the averaged heads, plus l2 * |W|^2 / 2. Train rows are embedded as train.py
    reads them (--max-len tokens, openai-moderation rows at --om-max-len); dev rows are never used."""
    import data
    import generated
    exs = data.assemble(args["seed"], args["scale"])
    tr = data.split(exs, args["seed"])[0]
    if args.get("safe_contrast"):
        tr += generated.safe_contrast(args["seed"])
    if args.get("fiction_contrast"):
        tr += generated.fiction_contrast(args["seed"])
    tok, om_tok = load_tokenizer(args["max_len"]), load_tokenizer(args.get("om_max_len") or args["max_len"])
    ids = [(om_tok if e["ds"] == "openai-moderation" else tok).encode(e["text"]).ids for e in tr]
    merged = export.merged_encoder(enc, layers)
    order = sorted(range(len(tr)), key=lambda i: len(ids[i]))
    X = torch.zeros(len(tr), 384)
    with torch.no_grad():
        for s in range(0, len(order), 64):
            b = order[s:s + 64]
            n = max(len(ids[i]) for i in b)
            x = torch.tensor([ids[i] + [0] * (n - len(ids[i])) for i in b])
            m = (torch.arange(n)[None, :] < torch.tensor([len(ids[i]) for i in b])[:, None]).long()
            X[b] = merged(x, m)
    y, ym = data.label_matrix(tr)
    w = ym * torch.tensor([1.0 if "." not in l else 0.5 for l in ALL_LABELS])[None, :] * torch.tensor(
        [e["w"] * (args.get("om_weight", 1.0) if e["ds"] == "openai-moderation" else 1.0) for e in tr])[:, None]
    params = [p for p in heads.parameters()]
    opt = torch.optim.LBFGS(params, lr=1, max_iter=iters, history_size=20, line_search_fn="strong_wolfe")
    heads.eval()  # no dropout

    def objective():
        bce = torch.nn.functional.binary_cross_entropy_with_logits(heads(X), y, reduction="none")
        return (bce * w).sum() / w.sum() + l2 / 2 * sum((heads.out[t].weight ** 2).sum() for t in heads.out)

    def closure():
        opt.zero_grad()
        loss = objective()
        loss.backward()
        return loss
    with torch.no_grad():
        before = float(objective())
    opt.step(closure)
    with torch.no_grad():
        after = float(objective())
    print(f"refit heads on {len(tr)} train rows: loss {before:.4f} -> {after:.4f}", flush=True)
    return {f"heads.{k}": v.detach().clone().contiguous() for k, v in heads.state_dict().items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("runs", nargs="+", type=Path, help="train.py run directories (same configuration and split)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--compare", action="store_true",
                    help="print max |soup - run| of the dev scores against each run's dev_scores_rescored.jsonl")
    ap.add_argument("--update-weight", type=float, default=None,
                    help="variant: the merged update is w * sum of the runs' updates (default 1/k, the average; "
                         "1/sqrt(k) keeps the norm of k mutually orthogonal updates); alpha becomes w * k * alpha")
    ap.add_argument("--refit-heads", action="store_true",
                    help="variant: refit the linear heads on the soup encoder's train-fold vectors (see refit_heads)")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)

    cfgs = [json.load(open(r / "run.json")) for r in a.runs]
    base = cfgs[0]["args"]
    for r, c in zip(a.runs, cfgs):
        diff = {k for k in set(base) | set(c["args"]) if k not in FREE_ARGS and base.get(k) != c["args"].get(k)}
        assert not diff, f"{r} differs from {a.runs[0]} in {sorted(diff)}: not seed-only runs"
        assert c["dev_rows"] == cfgs[0]["dev_rows"] and c["rows_per_dataset_train_dev"] == cfgs[0]["rows_per_dataset_train_dev"]
    dev_ids = [[json.loads(l)["id"] for l in open(r / "dev_scores.jsonl")] for r in a.runs]
    assert all(d == dev_ids[0] for d in dev_ids), "the runs' dev rows differ (another split?)"

    k = len(a.runs)
    states = [torch.load(r / "state.pt") for r in a.runs]
    state = soup_state(states)
    a.out.mkdir(parents=True, exist_ok=True)
    torch.save(state, a.out / "state.pt")
    wt = a.update_weight if a.update_weight is not None else 1 / k
    args = dict(base, out=str(a.out), rank=base["rank"] * k, alpha=round(base["alpha"] * wt * k, 6),
                train_seed=[train_seed(c) for c in cfgs] if k > 1 else train_seed(cfgs[0]))
    cfg = {
        "args": args, "train_rows": cfgs[0]["train_rows"], "dev_rows": cfgs[0]["dev_rows"],
        "steps": cfgs[0]["steps"] if len({c["steps"] for c in cfgs}) == 1 else [c["steps"] for c in cfgs],
        "stopped_early": any(c["stopped_early"] for c in cfgs),
        "rows_per_dataset_train_dev": cfgs[0]["rows_per_dataset_train_dev"],
        # compute behind the soup: the ingredients' training, summed
        "seconds_cache": sum(c["seconds_cache"] for c in cfgs), "seconds_train": sum(c["seconds_train"] for c in cfgs),
        "seconds_total": sum(c["seconds_total"] for c in cfgs),
        "final_loss": None, "final_pooled_spread": None, "torch": torch.__version__,
        "soup": {"method": "uniform weight average: LoRA A stacked / B concatenated on the rank axis (rank "
                           f"{base['rank']} x {k}, alpha {base['alpha']}), heads averaged; soup.py" if a.update_weight is None
                 else f"LoRA A stacked / B concatenated on the rank axis (rank {base['rank']} x {k}), merged update "
                      f"{wt:.6g} x the sum of the runs' (alpha {base['alpha']} -> {args['alpha']}), heads averaged; soup.py",
                 "runs": [str(r) for r in a.runs], "train_seeds": [train_seed(c) for c in cfgs],
                 "rank_per_run": base["rank"]},
        "dev_scores": "runtime-equivalent (export.rescore_dev: merged weights, up to 256 tokens), written by soup.py",
    }
    json.dump(cfg, open(a.out / "run.json", "w"), indent=1)

    # dev scores of the soup as the runtime computes them (export.py reads dev_scores_rescored.jsonl as is)
    enc, heads, layers = export.load_models(a.out, cfg)
    for i in layers:  # the soup's merged update is w x the sum of the runs' (checked on one matrix per layer)
        lin = enc.layers[i].lin["attention_self_query"]
        key = f"layers.{i}.lin.attention_self_query."
        want = sum((base["alpha"] / base["rank"]) * d[key + "lora_B"] @ d[key + "lora_A"] for d in states) * wt
        got = lin.merged_weight() - lin.weight
        assert torch.allclose(got, want, atol=1e-5), f"layer {i}: soup update differs from w x the sum by {(got - want).abs().max()}"
    if a.refit_heads:
        state.update(refit_heads(enc, heads, layers, args))
        torch.save(state, a.out / "state.pt")
        cfg["soup"]["method"] += "; heads refitted on the train fold (soup.py --refit-heads)"
        json.dump(cfg, open(a.out / "run.json", "w"), indent=1)
        enc, heads, layers = export.load_models(a.out, cfg)
    rows = evaluate.load(a.runs[0] / "dev_scores.jsonl")
    rows = export.rescore_dev(rows, export.merged_encoder(enc, layers), heads, load_tokenizer(export.MAX_TOKENS), args)
    for name in ("dev_scores.jsonl", "dev_scores_rescored.jsonl"):
        with open(a.out / name, "w") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    print(f"soup of {k} run(s) -> {a.out} (rank {args['rank']}, alpha {args['alpha']})", flush=True)

    if a.compare:
        got = {r["id"]: r["scores"] for r in rows}
        for r in a.runs:
            f = r / "dev_scores_rescored.jsonl"
            if not f.exists():
                print(f"  {r}: no dev_scores_rescored.jsonl to compare with")
                continue
            ref = {x["id"]: x["scores"] for x in evaluate.load(f)}
            assert set(ref) == set(got)
            d = max(abs(got[i][l] - ref[i][l]) for i in ref for l in ALL_LABELS)
            print(f"  max |soup - {r}| over dev rows and labels: {d:.2e}")


if __name__ == "__main__":
    main()
