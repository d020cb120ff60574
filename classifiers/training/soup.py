"""Uniform weight-averaged "model soup" (Wortsman et al. 2022) of train.py runs that differ only in
`--train-seed`: one run directory (state.pt, run.json, dev scores) that export.py and the rest of the pipeline
read unchanged, and still one encoder pass at inference (the runtime merges the adapter into the backbone once).

Why: runs of the same configuration and split differ by up to 0.08 per dev metric with the train seed alone
(docs/classifiers.md, seed noise). Averaging the weights of k such runs is meant to keep what they agree on and
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

    cd classifiers/training
    OMP_NUM_THREADS=1 nice -n 5 python3 soup.py --out ../../out/soup3 ../../out/fc1 ../../out/fc2 ../../out/fc3
    sh ../../out/pipeline.sh soup3        # from the repo root: export.py, n-gram stacker, bundle.py, checks
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("runs", nargs="+", type=Path, help="train.py run directories (same configuration and split)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--compare", action="store_true",
                    help="print max |soup - run| of the dev scores against each run's dev_scores_rescored.jsonl")
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
    args = dict(base, out=str(a.out), rank=base["rank"] * k,
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
                           f"{base['rank']} x {k}, alpha {base['alpha']}), heads averaged; soup.py",
                 "runs": [str(r) for r in a.runs], "train_seeds": [train_seed(c) for c in cfgs],
                 "rank_per_run": base["rank"]},
        "dev_scores": "runtime-equivalent (export.rescore_dev: merged weights, up to 256 tokens), written by soup.py",
    }
    json.dump(cfg, open(a.out / "run.json", "w"), indent=1)

    # dev scores of the soup as the runtime computes them (export.py reads dev_scores_rescored.jsonl as is)
    enc, heads, layers = export.load_models(a.out, cfg)
    for i in layers:  # the soup's merged update is the mean of the runs' (checked on one matrix per layer)
        lin = enc.layers[i].lin["attention_self_query"]
        key = f"layers.{i}.lin.attention_self_query."
        want = sum((base["alpha"] / base["rank"]) * d[key + "lora_B"] @ d[key + "lora_A"] for d in states) / k
        got = lin.merged_weight() - lin.weight
        assert torch.allclose(got, want, atol=1e-6), f"layer {i}: soup update differs from the mean by {(got - want).abs().max()}"
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
