"""Study: the n-gram model of `injection` trained with (ml) and without (base, = 0.3.0) the 18-language generated
templates (generated_ml.py, train fold only). Encoder unchanged. Stacker cross-validated on dev as ngram.py /
bundle.py; thresholds by evaluate.py's rules with the joint everyday rule. The generated dev rows (held-out
templates, encoder-scored by score_generated_dev.py) are scored with the shipped (all-dev) stacker and kept out of
the stacker fit and the threshold pool.

    python3 score_generated_dev.py ../../out/ngram-ml/gen_dev_scores.jsonl.gz   # from the repo root, once
    python3 ngram_ml.py [--splits 5] [--boot 300]
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter

import numpy as np

import evaluate
import ngram
from ngram import MAIN_TASKS, REPO, compute_idf, decision, finish, fit_stacker, fit_task, logit, sigmoid, task_rows, _counts
from generated_ml import DS

CFG = ngram.CONFIGS["H"]
# real non-English injection attacks in dev: the attack instruction is not in English (ids checked by hand) ...
NON_EN = ["cse-pi-51", "cse-pi-56", "deepset-train-184", "deepset-train-254", "deepset-train-304", "deepset-train-333",
          "deepset-train-334", "deepset-train-365", "deepset-train-509", "deepset-train-537"]
# ... and English attacks with German context or payload
MIXED = ["deepset-train-103", "deepset-train-377", "deepset-train-522", "deepset-train-540"]


def train_injection(train):
    counts = _counts([r["text"] for r in train], CFG["sizes"], CFG["bits"])
    idf = compute_idf(counts)
    x = finish(counts, idf).tocsr()
    idx, y, w = task_rows(train, "injection")
    return fit_task(x[idx], y, w, CFG["C"], CFG["balanced"]), idf


def stack_cv_split(dev, s, seed):
    """Cross-validated stacked injection scores with 5 folds over dev groups; seed None = ngram.stack_cv's split."""
    if seed is None:
        return ngram.stack_cv(dev, {"injection": s}, tasks=("injection",))[0]["injection"]
    rng = np.random.default_rng(seed)
    groups = sorted({r["group"] for r in dev})
    fold_of = dict(zip(groups, rng.integers(0, 5, len(groups))))
    fold = np.array([fold_of[r["group"]] for r in dev])
    z = logit([r["scores"]["injection"] for r in dev])
    idx, _, _ = task_rows(dev, "injection")
    lab = np.zeros(len(dev), bool)
    lab[idx] = True
    y = np.array([r["y"].get("injection", 0) for r in dev])
    p = np.zeros(len(dev))
    for k in range(5):
        tr, te = lab & (fold != k), fold == k
        a, b, c = fit_stacker(z[tr], s[tr], y[tr])
        p[te] = sigmoid(a * z[te] + b * s[te] + c)
    return p


def with_injection(dev, p):
    return [{**r, "scores": {**r["scores"], "injection": round(float(p[i]), 6)}} for i, r in enumerate(dev)]


def gen_report(gen, p, th):
    """Recall on generated attacks and flagged rate of generated benign prompts at threshold th, en / non-en."""
    out = {}
    for name, kind, y in (("attacks_caught", "injection", 1), ("benign_flagged", "hard_benign", 0)):
        for lang, sel in (("en", lambda r: r["lang"] == "en"), ("non_en", lambda r: r["lang"] != "en")):
            v = [p[i] >= th for i, r in enumerate(gen) if r["y"]["injection"] == y and sel(r)]
            out[f"{name}_{lang}"] = (round(float(np.mean(v)), 3), len(v))
    return out


def main(a):
    t0 = time.time()
    train1, dev = ngram.load_data(4.0, ml=True)
    train0 = [r for r in train1 if r["ds"] != DS]
    if a.non_en_only:  # variant: only the non-English generated rows
        train1 = [r for r in train1 if r["ds"] != DS or r["lang"] != "en"]
    with gzip.open(a.gen, "rt") as f:
        gen = [json.loads(l) for l in f]
    print(f"train rows base {len(train0)}, +ml {len(train1)} (+{len(train1) - len(train0)}); dev {len(dev)}; "
          f"generated dev rows {len(gen)}", flush=True)
    by_id = {r["id"]: i for i, r in enumerate(dev)}
    res = {}
    for name, tr in (("base", train0), ("ml", train1)):
        wb, idf = train_injection(tr)
        s = decision(ngram.featurize([r["text"] for r in dev], CFG["sizes"], CFG["bits"], idf), wb)
        sg = decision(ngram.featurize([r["text"] for r in gen], CFG["sizes"], CFG["bits"], idf), wb)
        idx, y, _ = task_rows(dev, "injection")
        A, B, C = fit_stacker(logit([dev[i]["scores"]["injection"] for i in idx]), s[idx], y)
        pg = sigmoid(A * logit([r["scores"]["injection"] for r in gen]) + B * sg + C)
        runs = []
        for seed in [None] + list(range(a.splits)):
            p = stack_cv_split(dev, s, seed)
            m = evaluate.evaluate(with_injection(dev, p), joint=True)
            th = m["thresholds"]["injection"]
            runs.append({"seed": seed, "summary": evaluate.summary(m), "th": th, "p": p,
                         "thresholds": {t: m["thresholds"][t] for t in MAIN_TASKS},
                         "auroc": m["injection"]["auroc"], "gen": gen_report(gen, pg, th),
                         "non_en": [round(float(p[by_id[i]]), 3) for i in NON_EN],
                         "mixed": [round(float(p[by_id[i]]), 3) for i in MIXED]})
        res[name] = {"stacker": (A, B, C), "s": s, "pg": pg, "runs": runs}
        print(name, "stacker", [round(x, 4) for x in (A, B, C)], f"{time.time() - t0:.0f}s", flush=True)

    b, n = res["base"]["runs"][0], res["ml"]["runs"][0]
    print("\n| metric | target | 0.3.0 recomputed | +ml |")
    for (k, tgt, v0), (_, _, v1) in zip(b["summary"], n["summary"]):
        print(f"| {k} | {tgt} | {v0} | {v1} |")
    print(f"| injection threshold | | {b['th']} | {n['th']} |")
    print(f"| thresholds | | {b['thresholds']} | {n['thresholds']} |")
    print(f"| injection AUROC | | {b['auroc']:.4f} | {n['auroc']:.4f} |")
    for k in b["gen"]:
        print(f"| generated (held-out templates) {k} (rate, n) | | {b['gen'][k]} | {n['gen'][k]} |")
    for lab, key in (("real non-English attacks", "non_en"), ("English attacks, German context/payload", "mixed")):
        print(f"| {lab} caught ({len(b[key])}) | | {sum(x >= b['th'] for x in b[key])} | {sum(x >= n['th'] for x in n[key])} |")
        print(f"|   scores | | {b[key]} | {n[key]} |")
    for k, r in (("base", b), ("ml", n)):  # where the generated-dev differences come from
        pg, per = res[k]["pg"], {}
        for i, g in enumerate(gen):
            key = ("attack" if g["y"]["injection"] else "benign") + ("_en:" if g["lang"] == "en" else "_non_en:") + g["category"]
            per.setdefault(key, []).append(pg[i] >= r["th"])
        print(f"{k} generated dev per category (rate, n):", {c: (round(float(np.mean(v)), 2), len(v)) for c, v in sorted(per.items())})
        lang = {}
        for i, g in enumerate(gen):
            if g["y"]["injection"] == 1:
                lang.setdefault(g["lang"], []).append(pg[i] >= r["th"])
        print(f"{k} generated dev attacks caught per language:", {c: round(float(np.mean(v)), 2) for c, v in sorted(lang.items())})
    pb, pn = b["p"], n["p"]
    for lab, cond in (("lost", lambda i: pb[i] >= b["th"] and pn[i] < n["th"]), ("gained", lambda i: pb[i] < b["th"] and pn[i] >= n["th"])):
        ids = [i for i, r in enumerate(dev) if r["y"].get("injection") == 1 and cond(i)]
        print(f"dev attacks {lab} at the thresholds (ml vs base): {len(ids)}", dict(Counter(dev[i]["ds"] for i in ids)))
    enc = np.array([r["scores"]["injection"] for r in gen])
    print("generated dev, encoder only at 0.2.0's threshold 0.865621:", gen_report(gen, enc, 0.865621))
    y = np.array([r["y"]["injection"] for r in gen])
    print("generated dev AUROC (attacks vs benign): encoder", round(evaluate.auroc(y, enc), 4),
          "| base", round(evaluate.auroc(y, res["base"]["pg"]), 4), "| ml", round(evaluate.auroc(y, res["ml"]["pg"]), 4))

    print("\nstacker fold splits (seed None = shipped split):")
    for rb, rn in zip(res["base"]["runs"], res["ml"]["runs"]):
        pick = lambda r: (r["summary"][0][2], r["summary"][4][2], r["summary"][5][2], r["summary"][17][2], r["th"],
                          r["gen"]["attacks_caught_non_en"][0], r["gen"]["attacks_caught_en"][0],
                          r["gen"]["benign_flagged_non_en"][0], sum(x >= r["th"] for x in r["non_en"]))
        print(f"  seed {rb['seed']}: base (tpr@1%ev, deepsetF1, notinject, everyday, th, gen non-en, gen en, gen benign "
              f"non-en flagged, real non-en) {pick(rb)} | ml {pick(rn)}")

    # paired bootstrap over dev groups (quick metrics on the cross-validated stacked scores, shipped split)
    ps = {k: {t: (res[k]["runs"][0]["p"] if t == "injection" else np.array([r["scores"][t] for r in dev]))
              for t in MAIN_TASKS} for k in res}
    print("bootstrap over dev groups, ml - base (mean, 2.5%, 97.5%):", ngram.bootstrap(dev, ps["base"], ps["ml"], n=a.boot))
    # bootstrap over generated dev templates (groups): non-English recall and benign flagged rate at each model's threshold
    groups = sorted({r["group"] for r in gen})
    rng = np.random.default_rng(0)
    d_rec, d_fp = [], []
    for _ in range(1000):
        g = rng.choice(groups, len(groups))
        idx = np.concatenate([[i for i, r in enumerate(gen) if r["group"] == x] for x in g])
        att = [i for i in idx if gen[i]["y"]["injection"] == 1 and gen[i]["lang"] != "en"]
        ben = [i for i in idx if gen[i]["y"]["injection"] == 0 and gen[i]["lang"] != "en"]
        if att:
            d_rec.append(np.mean(res["ml"]["pg"][att] >= n["th"]) - np.mean(res["base"]["pg"][att] >= b["th"]))
        if ben:
            d_fp.append(np.mean(res["ml"]["pg"][ben] >= n["th"]) - np.mean(res["base"]["pg"][ben] >= b["th"]))
    q = lambda v: (round(float(np.mean(v)), 3), round(float(np.percentile(v, 2.5)), 3), round(float(np.percentile(v, 97.5)), 3))
    print("bootstrap over generated dev templates, ml - base: non-en attacks caught", q(d_rec), "| non-en benign flagged", q(d_fp))
    print(f"{time.time() - t0:.0f}s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen", default=str(REPO / "out" / "ngram-ml" / "gen_dev_scores.jsonl.gz"))
    ap.add_argument("--splits", type=int, default=5)
    ap.add_argument("--boot", type=int, default=300)
    ap.add_argument("--non-en-only", action="store_true", help="add only the non-English generated rows")
    main(ap.parse_args())
