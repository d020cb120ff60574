"""Which dev attacks the shipped `injection` score misses, and whether another stacker form catches them.

    python3 injection_misses.py              # misses at the shipped threshold, by data set (from dev_scores.jsonl.gz)
    python3 injection_misses.py --texts      # ... with the first 150 characters of each text (read from /work/shared/data)
    python3 injection_misses.py --stackers   # refits the n-gram model (~75 s) and compares stacker forms by grouped CV

The misses come from the bundle's cross-validated dev scores (`injection`: encoder + n-gram stack,
`injection_encoder`: the encoder alone), so nothing is retrained for the first two commands.
`--stackers` rebuilds the n-gram decision values exactly as `ngram.py eval` does (config H, the
train fold only) and scores each stacker form as `ngram.stack_cv` does: grouped 5-fold CV over dev
groups, then evaluate.py's metrics.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BUNDLE = HERE.parents[1] / "classifiers" / "parapet-guard-minilm"
DATA = Path("/work/shared/data")


def dev_rows():
    with gzip.open(BUNDLE / "dev_scores.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def threshold():
    return json.loads((BUNDLE / "metrics.json").read_text())["thresholds"]["injection"]


def texts_by_id(datasets):
    texts = {}
    for name in datasets:
        path = DATA / name / "train.jsonl"
        if path.exists():
            for line in path.open(encoding="utf-8"):
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    return texts


def cmd_misses(show_texts: bool):
    rows, cut = dev_rows(), threshold()
    attacks = [r for r in rows if r["y"].get("injection") == 1]
    missed = [r for r in attacks if r["scores"]["injection"] < cut]
    print(f"threshold {cut}: {len(attacks)} dev attacks, {len(missed)} missed "
          f"(caught {1 - len(missed) / len(attacks):.4f})")
    total, lost = collections.Counter(r["ds"] for r in attacks), collections.Counter(r["ds"] for r in missed)
    for name, n in total.most_common():
        encoder_would = sum(1 for r in missed if r["ds"] == name and r["scores"].get("injection_encoder", 0) >= 0.9)
        print(f"  {name:40s} {n:4d} attacks, {lost[name]:3d} missed; of those, encoder alone >= 0.9: {encoder_would}")
    if show_texts:
        texts = texts_by_id({r["ds"] for r in missed})
        for r in sorted(missed, key=lambda r: r["ds"]):
            text = texts.get(r["id"], "(generated row: see generated.py)")
            print(f"{r['ds'][:24]:24s} stacked {r['scores']['injection']:.3f} encoder "
                  f"{r['scores'].get('injection_encoder', 0):.3f} | {text[:150]!r}")


def cmd_stackers():
    sys.path.insert(0, str(HERE))
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from ngram import CONFIGS, decision, evaluate_scores, featurize, load_data, logit, sigmoid, task_rows, train_full

    cfg = CONFIGS["H"]
    train, dev = load_data(4.0)
    models, idf = train_full(train, cfg)
    s = decision(featurize([r["text"] for r in dev], cfg["sizes"], cfg["bits"], idf), models["injection"])
    z = logit([r["scores"]["injection"] for r in dev])
    labelled, _, _ = task_rows(dev, "injection")
    groups = np.array([r["group"] for r in dev])

    def cross_validated(features):
        p = np.zeros(len(dev))
        for fit_rows, test_rows in GroupKFold(5).split(np.zeros(len(dev)), groups=groups):
            rows = np.intersect1d(fit_rows, labelled)
            y = np.array([dev[i]["y"]["injection"] for i in rows])
            model = LogisticRegression(C=100.0, max_iter=2000).fit(features[rows], y)
            p[test_rows] = model.predict_proba(features[test_rows])[:, 1]
        return p

    base = cross_validated(np.c_[z, s])
    encoder = sigmoid(z)
    forms = {"A z + B s + C (shipped)": base,
             "+ z*s": cross_validated(np.c_[z, s, z * s]),
             "+ relu(s)": cross_validated(np.c_[z, s, np.maximum(s, 0)])}
    for t in (0.0, 1.0, 2.0, 3.0):
        forms[f"+ relu(z - {t:g})"] = cross_validated(np.c_[z, s, np.maximum(z - t, 0)])
    for tau in (0.99, 0.95, 0.9):
        forms[f"shipped, raised to the encoder's score where it is >= {tau}"] = np.where(
            encoder >= tau, np.maximum(base, encoder), base)
    for name, p in forms.items():
        _, summary = evaluate_scores(dev, {"injection": p})
        keep = {metric: value for metric, _, value in summary if metric.startswith("injection")}
        print(f"{name:58s} caught at 1% everyday FPR {keep['injection: attacks caught at 1% FPR on everyday benign prompts']}"
              f" | at 1% FPR all benign {keep['injection: attacks caught at 1% FPR on all benign prompts (incl. hard)']}"
              f" | deepset F1 {keep['injection: F1 on deepset rows']} | NotInject {keep['injection: NotInject flagged']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", action="store_true", help="print the start of each missed text")
    parser.add_argument("--stackers", action="store_true", help="compare stacker forms (refits the n-gram model)")
    args = parser.parse_args()
    if args.stackers:
        cmd_stackers()
    else:
        cmd_misses(args.texts)


if __name__ == "__main__":
    main()
