"""Bundle 0.3.0: the 0.2.0 bundle (encoder adapter and heads unchanged) plus the n-gram study's lexical model
stacked on `injection` (docs/classifier-format.md, "Optional: a lexical (n-gram) model stacked on a task").

Input: the study's export (`ngram.py export --config H` -> out/ngram/{ngram.safetensors, ngram.json}) and the bundle
folder as export.py wrote it (0.2.0) or as this script wrote it (re-running is idempotent: the encoder's own
`injection` scores are kept as `injection_encoder` in dev_scores.jsonl.gz and as `encoder_scores` in
reference_scores.jsonl). Writes, in the bundle folder:
- lexical.safetensors: `injection.weight` [2^bits] F32, `injection.bias` [1] F32, `idf` [2^bits] F32;
- dev_scores.jsonl.gz: `injection` = the cross-validated stacked score of each dev row (grouped 5-fold over dev
  groups: a row is scored by a stacker fitted without its group), `injection_encoder` = the encoder's;
- metrics.json (evaluate.py with the joint everyday rule, plus 0.2.0's summary for comparison), manifest.json
  (version, thresholds, `lexical`, `training.lexical`, `metrics`), reference_scores.jsonl (stacked `injection`
  on the whole text: every reference text is one window), MODEL_CARD.md (model_card.py).
The shipped stacker (A, B, C) is the one fitted on all labelled dev rows; it must equal the export's.

    cd classifiers/training
    python3 bundle.py --run ../../out/ngram --bundle ../parapet-guard-minilm
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

import data
import evaluate
import model_card
import ngram
from common import ALL_LABELS, TASKS, sha256_file

VERSION = "0.3.0"
STACKED = ("injection",)  # docs/classifiers.md: the n-gram helps injection only
ROW_KEYS = ("id", "ds", "kind", "lang", "category", "target", "role", "y", "tokens", "scores")


def stacked_score(stack, p_enc, s):
    """The runtime's formula: sigmoid(A * logit(clip(p_enc, 1e-6, 1 - 1e-6)) + B * s + C)."""
    return ngram.sigmoid(stack["encoder"] * ngram.logit(p_enc) + stack["lexical"] * np.asarray(s) + stack["bias"])


def merged_encoder(dest: Path, man: dict):
    """The bundle's encoder with W + (alpha/rank) B A merged (the recipe's `Encoder`, full precision) and its
    heads, both in eval mode, from the bundle's own files."""
    import torch
    from safetensors.torch import load_file as load_pt
    from common import TARGETS, Encoder, Heads
    enc, heads = Encoder([], 0, 1.0), Heads()
    ad, scale = load_pt(str(dest / man["adapter"]["file"])), man["adapter"]["alpha"] / man["adapter"]["rank"]
    with torch.no_grad():
        for i in man["adapter"]["layers"]:
            for t in TARGETS:
                lin, k = enc.layers[i].lin[t.replace(".", "_")], f"encoder.layer.{i}.{t}"
                lin.weight = lin.weight + scale * (ad[k + ".lora_B"] @ ad[k + ".lora_A"])
    hd = load_pt(str(dest / man["heads"]["file"]))
    heads.load_state_dict({f"out.{t}.{w}": hd[f"heads.{t}.out.{w}"] for t in TASKS for w in ("weight", "bias")})
    return enc.eval(), heads.eval()


def encoder_scores(dest: Path, man: dict, texts, contexts=None):
    """Every label's head probability from the bundle's own files, as export.py computes reference scores: the
    recipe's encoder with W + (alpha/rank) B A merged, up to max_tokens tokens (then the context's first
    `context_tokens` WordPieces when the bundle reads contexts), full precision."""
    from common import load_tokenizer
    from export import score
    enc, heads = merged_encoder(dest, man)
    return score(enc, heads, load_tokenizer(man["max_tokens"]), texts, contexts,
                 man.get("context_tokens", 0), man.get("text_transforms", []))


def write_dev(path, rows):
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8") as f:  # mtime=0: byte-identical on re-run
        for r in rows:
            f.write(json.dumps({k: r[k] for k in ROW_KEYS}, ensure_ascii=False) + "\n")


def summary_rows(m):
    return [{"metric": a, "target": b, "dev": c} for a, b, c in evaluate.summary(m)]


def main(run: Path, dest: Path, version: str = VERSION):
    meta = json.loads((run / "ngram.json").read_text())
    tens = load_file(str(run / "ngram.safetensors"))
    for t in STACKED:
        assert meta["tasks"][t]["adopt"], f"the export does not recommend stacking {t}"
    sizes, bits = meta["ngram_sizes"], meta["bits"]
    idf = tens["idf"].astype(np.float32) if meta["use_idf"] else None
    model = {t: (tens[f"{t}.weight"].astype(np.float32), np.float32(tens[f"{t}.bias"][0])) for t in STACKED}

    # dev rows with the encoder's (0.2.0) scores, and the n-gram training rows (for the record only)
    ngram.BUNDLE = dest
    train, dev = ngram.load_data(meta["training"]["data_factor"])
    xd = ngram.featurize([r["text"] for r in dev], sizes, bits, idf)
    s_dev = {t: ngram.decision(xd, model[t]) for t in STACKED}
    cv, full = ngram.stack_cv(dev, s_dev, tasks=STACKED)
    stack = {}
    for t in STACKED:
        a, b, c = full[t]
        k = meta["tasks"][t]
        assert max(abs(a - k["A"]), abs(b - k["B"]), abs(c - k["C"])) < 1e-6, "stacker differs from the export's"
        stack[t] = {"encoder": round(a, 6), "lexical": round(b, 6), "bias": round(c, 6)}

    # dev scores: stacked (cross-validated) in place of the encoder's, which stays as `<label>_encoder`
    enc_rows, rows = [], []
    for i, r in enumerate(dev):
        enc_rows.append({k: r.get(k) for k in ROW_KEYS})
        sc = dict(r["scores"])
        for t in STACKED:
            sc[t], sc[f"{t}_encoder"] = round(float(cv[t][i]), 6), sc[t]
        rows.append({**enc_rows[-1], "scores": sc})
    write_dev(dest / "dev_scores.jsonl.gz", rows)

    old = evaluate.evaluate(enc_rows)  # 0.2.0 as shipped: encoder scores, each head's own rule
    metrics = evaluate.evaluate(rows, joint=True)
    metrics["summary"] = summary_rows(metrics)
    # the comparison column: the same encoder alone, each head's own rule (for 0.3.0 that is bundle 0.2.0)
    prev_label = "0.2.0" if version == "0.3.0" else f"{version} encoder only"
    metrics["previous"] = {"version": prev_label, "summary": summary_rows(old),
                           "thresholds": {t: old["thresholds"][t] for t in TASKS}}
    th = metrics["thresholds"]
    # Texts longer than one window: the n-gram term of a window is never below the value at which the
    # stacked score equals the task's threshold exactly when the encoder is at its own (0.2.0) threshold,
    # so a long benign document cannot dilute an attack's window below the encoder-only decision.
    for t in STACKED:
        a, b, c = stack[t]["encoder"], stack[t]["lexical"], stack[t]["bias"]
        floor = (float(ngram.logit(th[t])) - a * float(ngram.logit(old["thresholds"][t])) - c) / b
        stack[t]["long_text_floor"] = round(floor, 6)

    # the shipped stacker (fitted on all dev rows) at the chosen thresholds, in-sample: a sanity check only
    every = [i for i, r in enumerate(dev) if r["ds"] in data.BENIGN_EVERYDAY and r["role"] == "prompt"]
    ship = {t: stacked_score(stack[t], [r["scores"][t] for r in dev], s_dev[t]) for t in STACKED}
    flag = lambda i, t: (ship[t][i] if t in ship else dev[i]["scores"][t]) >= th[t]
    metrics["shipped_stacker_in_sample"] = {
        "everyday_flagged_any_head": round(float(np.mean([any(flag(i, t) for t in TASKS) for i in every])), 4),
        **{f"{t}_tpr": round(float(np.mean([flag(i, t) for i, r in enumerate(dev) if r["y"].get(t) == 1])), 4)
           for t in STACKED}}
    json.dump(metrics, open(dest / "metrics.json", "w"), indent=1)

    # lexical.safetensors: stacked tasks' weights and the idf, F32
    lex = {}
    for t in STACKED:
        lex[f"{t}.weight"] = model[t][0]
        lex[f"{t}.bias"] = np.array([model[t][1]], dtype=np.float32)
    if idf is not None:
        lex["idf"] = idf
    save_file(lex, str(dest / "lexical.safetensors"))

    # reference scores: the stacked label recomputed on the whole text (one window each); other labels as they are
    # (the encoder's probability at full precision: logit() near 0 or 1 would amplify 6-decimal rounding)
    man = json.loads((dest / "manifest.json").read_text())
    lines = [json.loads(l) for l in (dest / "reference_scores.jsonl").read_text().splitlines() if l.strip()]
    fresh = encoder_scores(dest, man, [r["text"] for r in lines], [r.get("context") for r in lines])
    drift = 0.0
    for r, p in zip(lines, fresh):
        enc = dict(zip(ALL_LABELS, p))
        old_enc = {**r["scores"], **r.get("encoder_scores", {})}
        drift = max(drift, max(abs(enc[l] - old_enc[l]) for l in ALL_LABELS))
        x = ngram.featurize([r["text"]], sizes, bits, idf)  # one text at a time, as the runtime
        r["encoder_scores"] = {}
        for t in STACKED:
            r["encoder_scores"][t] = round(enc[t], 6)
            r["scores"][t] = round(float(stacked_score(stack[t], [enc[t]], ngram.decision(x, model[t]))[0]), 6)
    assert drift < 1e-5, f"encoder scores drifted from the reference file by {drift}"
    print(f"reference texts: {len(lines)}; encoder vs the file's encoder scores max diff {drift:.1e}")
    (dest / "reference_scores.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))

    # manifest
    man["version"] = version
    for task in man["tasks"]:
        for label in task["thresholds"]:
            if "." in label:
                assert task["thresholds"][label] == th[label], f"finer threshold {label} moved"
            task["thresholds"][label] = th[label]
    man["lexical"] = {"file": "lexical.safetensors", "sha256": sha256_file(dest / "lexical.safetensors"),
                      "ngram_sizes": sizes, "bits": bits, "stack": stack}
    lab_rows = {t: [r for r in train if t in r["y"]] for t in STACKED}
    per_ds = {}
    for t in STACKED:
        for r in lab_rows[t]:
            per_ds[r["ds"]] = per_ds.get(r["ds"], 0) + 1
    tr = meta["training"]
    man["training"]["lexical"] = {
        "recipe": "classifiers/training/ngram.py (export --config H), classifiers/training/bundle.py",
        "model": "logistic regression (liblinear) per stacked task on hashed byte n-grams of the normalised text",
        "features": {"ngram_sizes": sizes, "bits": bits, "normalization": meta["normalization"], "hash": meta["hash"],
                     "value": meta["value"], "idf": "smooth idf ln((1 + N) / (1 + df)) + 1 over the n-gram training texts"
                     if meta["use_idf"] else None},
        "params": {"C": tr["C"], "class_weight": tr["class_weight"] and f"{tr['class_weight']} (times the recipe's row weights)",
                   "seed": tr["seed"], "data_factor": tr["data_factor"]},
        "data": f"train-fold rows (fold_of(group, {tr['seed']}) != 0) of the same data sets as the encoder, from "
                f"data.assemble with every subsample and cap loosened {tr['data_factor']:g}x (same label mapping and masks), "
                "minus rows whose normalised text equals a dev row's; no holdout rows; licences as for the encoder",
        "train_rows": len(train), "train_rows_labelled": {t: len(v) for t, v in lab_rows.items()},
        "datasets": [{"name": ds, "licence": data.LICENCES.get(ds, "generated by the recipe (Apache-2.0, as the repo)"),
                      "train_rows": n} for ds, n in sorted(per_ds.items())],
        "parameter_choice": "grouped 3-fold cross-validation inside the train fold (n-gram alone), not dev",
        "stacker": {"fit": "logistic regression (C = 100) on [logit(p_encoder), s_lexical] over the dev rows labelled "
                           "for the task; shipped coefficients fitted on all of them",
                    "dev_rows": {t: sum(t in r["y"] for r in dev) for t in STACKED},
                    "reported": "dev metrics and thresholds from grouped 5-fold cross-validation over dev groups "
                                "(each dev row scored by a stacker fitted without its group)"},
    }
    man["metrics"] = {"split": "out-of-fold dev (grouped 20%); stacked scores cross-validated over dev groups",
                      "threshold_rule": "evaluate.py rules, plus the joint everyday rule (at most 1% of everyday "
                                        "prompts flagged by any head)",
                      "summary": metrics["summary"], "previous": metrics["previous"], "details": "metrics.json"}
    (dest / "manifest.json").write_text(json.dumps(man, indent=1, ensure_ascii=False))
    (dest / "MODEL_CARD.md").write_text(model_card.render(man, metrics))

    print(f"bundle {version} in {dest}: stack {stack}; lexical.safetensors "
          f"{(dest / 'lexical.safetensors').stat().st_size} bytes")
    j = metrics["everyday_joint"]
    if j["needed"]:
        print("joint everyday rule: own rules", j["own_rules"])
        for i, o in enumerate(j["options"]):
            print(" *" if i == j["chosen"] else "  ", o["allowed_prompts"], o["thresholds"], "targets met",
                  o["targets_met"], "tpr", o["tpr"])
    print("shipped stacker in-sample:", metrics["shipped_stacker_in_sample"])
    for new, prev in zip(metrics["summary"], metrics["previous"]["summary"]):
        print(f'{new["metric"]:72s} {new["target"]:>8s} {new["dev"]}   ({prev_label}: {prev["dev"]})')


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run", type=Path, default=ngram.REPO / "out" / "ngram", help="the study's export folder")
    ap.add_argument("--bundle", type=Path, default=ngram.BUNDLE)
    ap.add_argument("--version", default=VERSION, help="bundle version written to the manifest (0.4.0: train.py --safe-contrast)")
    a = ap.parse_args()
    main(a.run, a.bundle, a.version)
