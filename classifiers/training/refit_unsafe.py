"""Bundle 0.5.0: the `unsafe` head's overall label refitted on the shipped (0.4.0) adapted encoder, with our own
everyday requests (everyday.py) among its negatives. The encoder, the other heads and the lexical model are
unchanged, so `injection` and `toxicity` score exactly as before.

Why: 0.4.0 blocked 10 of the 100 everyday requests of classifiers/probes/everyday_requests.jsonl ("What's the best
way to learn a new language as an adult?" 0.93, "Help me write a speech for my grandfather's retirement party" 0.89)
while its dev figure was 1 everyday prompt of 114: the shared benign sets are maths problems and benchmark questions,
the harmful-request sets imperative requests for help, and the head learned the phrasing.

    cd classifiers/training
    python3 refit_unsafe.py embed                  # pooled vectors of the train and dev rows, ~10 min, out/refit/
    python3 refit_unsafe.py fit                    # C by grouped CV inside the train fold; dev table, probe
    python3 refit_unsafe.py export --bundle ../parapet-guard-minilm --version 0.5.0

The old row is the bundle's own unless `--old-rev REV` names the commit whose bundle row to mix in: on the 0.5.0
bundle, `fit --old-rev 6ab8cd6 --blend 0.3` (the 0.4.0 row) reproduces 0.5.0's table; without it `fit` mixes the
0.5.0 row, already a refit, a second time.

Study after 0.5.0, not adopted (docs/classifiers.md, "Tried after 0.5.0 … over-refusal contrasts"):
`--overrefusal` adds overrefusal.py's contrasts (safe prompts as negatives, unsafe twins as positives), embedded
once into out/refit/overrefusal.npy by `embed --only overrefusal`; `--or-weight K` multiplies the safe prompts'
weights, `--twin-weight K` the unsafe twins' (0 leaves them out of the fit), `--C` fixes C instead of the grouped CV.

Rows: the train fold (fold_of(group, 1234) != 0) of data.assemble(1234, pairs=True), the rows 0.4.0 was trained on,
labelled for `unsafe`, plus everyday.everyday_requests(1234) (negatives, weight 2.0 as the shared everyday sets,
train fold only); the dev rows are the bundle's own (dev_scores.jsonl.gz), scored out of fold as before. Every text is
embedded as the runtime reads it (text transforms, up to 256 tokens, the system prompt after it, pooled over the text).
The head is a weighted L2 logistic regression on the pooled vector, the runtime's linear head.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
import numpy as np
import torch

import data
import everyday
import evaluate
import generated
import model_card
import overrefusal
from bundle import encoder_scores, merged_encoder, summary_rows, write_dev
from common import REPO, ALL_LABELS, apply_text_transforms, load_tokenizer, pair_ids, sha256_file

OUT = REPO / "out" / "refit"
BUNDLE = REPO / "classifiers" / "parapet-guard-minilm"
SEED = 1234
GRID = [0.03, 0.1, 0.3, 1.0, 3.0]


def load_encoder(bundle: Path):
    """The bundle's merged encoder, its heads and its manifest (bundle.merged_encoder)."""
    man = json.loads((bundle / "manifest.json").read_text())
    enc, heads = merged_encoder(bundle, man)
    return enc, heads, man


def pooled(enc, man, texts, contexts):
    """Mean-pooled vectors, batched by length; each text read as the runtime reads its first window."""
    tok = load_tokenizer(man["max_tokens"])
    pairs = [pair_ids(tok, apply_text_transforms(t, man.get("text_transforms", [])), c, man.get("context_tokens", 0))
             for t, c in zip(texts, contexts)]
    out = np.zeros((len(texts), 384), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(pairs[i][0]))
    with torch.no_grad():
        for s in range(0, len(order), 32):
            b = order[s:s + 32]
            lens = torch.tensor([len(pairs[i][0]) for i in b])
            n = int(lens.max())
            x = torch.tensor([pairs[i][0] + [0] * (n - len(pairs[i][0])) for i in b])
            m = (torch.arange(n)[None, :] < lens[:, None]).long()
            pm = (torch.arange(n)[None, :] < torch.tensor([pairs[i][1] for i in b])[:, None]).long()
            out[b] = enc(x, m, pm).numpy()
    return out


def generated_rows():
    """Our own rows, train fold only: everyday requests (negatives, weight 2.0 as the shared everyday sets), and the
    safe-contrast and fiction-contrast prompts of generated.py (XSTest-style safe prompts and figurative language as
    negatives, fiction frames that ask for operational detail as positives)."""
    rows = [{"text": text, "context": None, "group": f"gen-everyday-{k}", "ds": "gen-everyday", "w": 2.0,
             "y": {"unsafe": 0}, "kind": "benign"} for text, k in everyday.everyday_requests(SEED)]
    return rows + generated.safe_contrast(SEED) + generated.fiction_contrast(SEED)


def overrefusal_rows():
    """overrefusal.py's rows (train fold only, like every generated row): all of them, whatever the weights, so that
    one cache serves every weighting."""
    return overrefusal.overrefusal_rows(SEED)


def _texts_sha(texts) -> str:
    import hashlib
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


def train_rows():
    tr, _ = data.split(data.assemble(SEED, pairs=True), SEED)
    return [e for e in tr if "unsafe" in e["y"]] + generated_rows()


def dev_rows(bundle: Path):
    with gzip.open(bundle / "dev_scores.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(l) for l in f]
    _, dv = data.split(data.assemble(SEED, pairs=True), SEED)
    by_id = {e["id"]: e for e in dv}
    missing = [r["id"] for r in rows if r["id"] not in by_id]
    assert not missing, f"{len(missing)} dev rows not reproduced by data.assemble"
    return rows, [by_id[r["id"]] for r in rows]


CACHES = ["train", "dev", "probe", "overrefusal"]


def cmd_embed(bundle: Path, only: list[str]):
    """Pooled vectors into out/refit/{name}.npy for the named caches (default: all). overrefusal.npy is written
    beside a hash of its texts (overrefusal.sha256), so a changed template is caught before a fit."""
    torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
    OUT.mkdir(parents=True, exist_ok=True)
    enc, _, man = load_encoder(bundle)
    jobs = {}
    if "train" in only:
        tr = train_rows()
        jobs["train"] = ([e["text"] for e in tr], [e.get("context") for e in tr])
    if "dev" in only:
        _, dv = dev_rows(bundle)
        jobs["dev"] = ([e["text"] for e in dv], [e.get("context") for e in dv])
    if "probe" in only:
        probe = [json.loads(l)["text"] for l in (REPO / "classifiers/probes/everyday_requests.jsonl").read_text().splitlines()]
        jobs["probe"] = (probe, [None] * len(probe))
    if "overrefusal" in only:
        orr = overrefusal_rows()
        jobs["overrefusal"] = ([e["text"] for e in orr], [None] * len(orr))
    for name, (texts, ctx) in jobs.items():
        np.save(OUT / f"{name}.npy", pooled(enc, man, texts, ctx))
        if name == "overrefusal":
            (OUT / "overrefusal.sha256").write_text(_texts_sha(texts) + "\n")
        print(name, len(texts), flush=True)


def load_overrefusal(required: bool = True):
    """(rows, vectors) of overrefusal.py, checked against the texts the cache was embedded from; None when the cache
    is missing or stale and not `required`."""
    rows = overrefusal_rows()
    sha = OUT / "overrefusal.sha256"
    fresh = sha.exists() and sha.read_text().strip() == _texts_sha([e["text"] for e in rows])
    assert fresh or not required, "out/refit/overrefusal.npy is missing or stale: run `embed --only overrefusal`"
    return (rows, np.load(OUT / "overrefusal.npy")) if fresh else None


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def fit_head(x, y, w, c):
    from sklearn.linear_model import LogisticRegression
    lr = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    lr.fit(x, y, sample_weight=w)
    return lr.coef_[0].astype(np.float32), np.float32(lr.intercept_[0])


def choose_c(x, y, w, groups):
    """C with the lowest weighted log loss in grouped 3-fold cross-validation inside the train fold."""
    fold = np.array([data.fold_of(g, SEED + 1, 3) for g in groups])
    best = None
    for c in GRID:
        loss = 0.0
        for k in range(3):
            a, b = fold != k, fold == k
            wt, bias = fit_head(x[a], y[a], w[a], c)
            p = np.clip(sigmoid(x[b] @ wt + bias), 1e-7, 1 - 1e-7)
            loss += float(-(w[b] * (y[b] * np.log(p) + (1 - y[b]) * np.log(1 - p))).sum())
        loss /= w.sum()
        print(f"C {c:<5g} grouped-CV weighted log loss {loss:.4f}", flush=True)
        if best is None or loss < best[1]:
            best = (c, loss)
    return best[0]


def bundle_row(bundle: Path, rev: str | None = None):
    """(`unsafe` weight row, bias, version) of the bundle, or of the bundle as committed at git revision `rev`."""
    from safetensors.numpy import load, load_file
    if rev is None:
        man = json.loads((bundle / "manifest.json").read_text())
        heads = load_file(str(bundle / man["heads"]["file"]))
    else:
        import subprocess
        rel = bundle.resolve().relative_to(REPO)
        show = lambda f: subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:{rel / f}"], check=True,
                                        capture_output=True).stdout
        man = json.loads(show("manifest.json"))
        heads = load(show(man["heads"]["file"]))
    return heads["heads.unsafe.out.weight"][0], heads["heads.unsafe.out.bias"][0], man["version"]


def refit_rows(opt):
    """(x, y, w, groups) of the fit: the train rows, plus overrefusal.py's rows with their weights scaled when
    `opt.overrefusal` (rows scaled to weight 0 are left out)."""
    tr = train_rows()
    x = np.load(OUT / "train.npy")
    assert len(x) == len(tr), "out/refit/train.npy is stale: run `embed` again"
    y = np.array([e["y"]["unsafe"] for e in tr], dtype=np.float64)
    w = np.array([e.get("w", 1.0) for e in tr], dtype=np.float64)
    g = [e["group"] for e in tr]
    if opt.overrefusal:
        rows, xo = load_overrefusal()
        yo = np.array([e["y"]["unsafe"] for e in rows], dtype=np.float64)
        wo = np.array([e["w"] for e in rows]) * np.where(yo == 1, opt.twin_weight, opt.or_weight)
        keep = wo > 0
        x, y, w = np.concatenate([x, xo[keep]]), np.concatenate([y, yo[keep]]), np.concatenate([w, wo[keep]])
        g = g + [e["group"] for e, k in zip(rows, keep) if k]
    return x, y, w, g


def refit(bundle: Path, blend: float, opt):
    """(weight, bias, C, dev rows with the new `unsafe` score, old row's version, rows fitted): the refitted row, interpolated
    with an old row (`blend` = the old row's share; a linear mix of linear heads is a linear head): the bundle's own,
    or the one committed at `opt.old_rev`."""
    x, y, w, groups = refit_rows(opt)
    c = opt.C if opt.C else choose_c(x, y, w, groups)
    wt, bias = fit_head(x, y, w, c)
    old_w, old_b, old_version = bundle_row(bundle, opt.old_rev)
    wt, bias = (blend * old_w + (1 - blend) * wt).astype(np.float32), np.float32(blend * old_b + (1 - blend) * bias)
    rows, _ = dev_rows(bundle)
    p = sigmoid(np.load(OUT / "dev.npy") @ wt + bias)
    for r, s in zip(rows, p):
        r["scores"] = {**r["scores"], "unsafe": round(float(s), 6)}
    return wt, bias, c, rows, old_version, len(x)


def probe_flags(wt, bias, threshold):
    probe = [json.loads(l)["text"] for l in (REPO / "classifiers/probes/everyday_requests.jsonl").read_text().splitlines()]
    p = sigmoid(np.load(OUT / "probe.npy") @ wt + bias)
    return [(t, round(float(s), 3)) for t, s in zip(probe, p) if s >= threshold]


def english_at_1pct(rows):
    """Share of English `unsafe` dev positives caught at 1% FPR on the everyday dev prompts."""
    every = [r["scores"]["unsafe"] for r in rows if r["ds"] in data.BENIGN_EVERYDAY and r["role"] == "prompt"]
    t = evaluate.thr_at_fpr(every, 0.01)
    return evaluate.rate([r["scores"]["unsafe"] >= t for r in rows
                          if r["y"].get("unsafe") == 1 and r.get("lang") in (None, "en")])


def cmd_fit(bundle: Path, blend: float, opt):
    shipped, dv = dev_rows(bundle)
    base = evaluate.evaluate(shipped, joint=True)
    wt, bias, c, rows, old_version, n_fit = refit(bundle, blend, opt)
    m = evaluate.evaluate(rows, joint=True)
    th = m["thresholds"]["unsafe"]
    print(f"\n== refit (C {c:g}, blend {blend:g} with the {old_version} row); unsafe threshold {th:.4f} (shipped {base['thresholds']['unsafe']:.4f})")
    for (name, target, new), (_, _, old) in zip(evaluate.summary(m), evaluate.summary(base)):
        print(f"{name:72s} {target:>8s} {new}   (shipped: {old})")
    print(f"{'unsafe: English only, caught at 1% FPR on everyday benign prompts':72s} {'':>8s} {english_at_1pct(rows)}"
          f"   (shipped: {english_at_1pct(shipped)})")
    xs = [(e["text"], round(r["scores"]["unsafe"], 3)) for r, e in zip(rows, dv)
          if r["ds"] == "xstest" and r["y"]["unsafe"] == 0 and r["scores"]["unsafe"] >= th]
    print(f"XSTest safe dev prompts flagged: {len(xs)}", xs)
    flagged = probe_flags(wt, bias, th)
    print(f"everyday probe flagged by unsafe: {len(flagged)} of 100", flagged)
    cached = load_overrefusal(required=opt.overrefusal)  # also without --overrefusal: how the row scores them held out
    if cached:
        orr, xo = cached
        p = sigmoid(xo @ wt + bias)
        for label, y in [("safe prompts flagged", 0), ("unsafe twins caught", 1)]:
            hit = [s >= th for e, s in zip(orr, p) if e["y"]["unsafe"] == y]
            used = opt.overrefusal and (opt.or_weight if y == 0 else opt.twin_weight) > 0
            inside = "in the fit" if used else "not in the fit"
            kinds = {k: [s >= th for e, s in zip(orr, p) if e["y"]["unsafe"] == y and e["category"] == k]
                     for k in dict.fromkeys(e["category"] for e in orr)}
            print(f"overrefusal.py {label} at the threshold: {sum(hit)} of {len(hit)} ({inside}; "
                  + ", ".join(f"{k} {sum(v)} of {len(v)}" for k, v in kinds.items()) + ")")
    return wt, bias, c, rows, m, old_version, n_fit


def cmd_export(bundle: Path, version: str, blend: float, opt):
    """Writes the refitted head into `bundle`: heads, dev scores, metrics, thresholds, reference scores, manifest, card."""
    from safetensors.numpy import load_file, save_file
    man = json.loads((bundle / "manifest.json").read_text())
    previous = {"version": man["version"], "summary": man["metrics"]["summary"],
                "thresholds": {t["name"]: t["thresholds"][t["name"]] for t in man["tasks"]}}
    wt, bias, c, rows, m, old_version, n_fit = cmd_fit(bundle, blend, opt)
    heads = load_file(str(bundle / man["heads"]["file"]))
    heads["heads.unsafe.out.weight"][0] = wt
    heads["heads.unsafe.out.bias"][0] = bias
    save_file(heads, str(bundle / man["heads"]["file"]))
    write_dev(bundle / "dev_scores.jsonl.gz", rows)
    m["summary"] = summary_rows(m)
    m["previous"] = previous
    th = m["thresholds"]

    # reference scores: `unsafe` from the new head; every other label must be what the file already holds
    lines = [json.loads(l) for l in (bundle / "reference_scores.jsonl").read_text().splitlines() if l.strip()]
    fresh = encoder_scores(bundle, man, [r["text"] for r in lines], [r.get("context") for r in lines])
    drift = 0.0
    for r, p in zip(lines, fresh):
        enc = dict(zip(ALL_LABELS, p))
        old = {**r["scores"], **r.get("encoder_scores", {})}
        drift = max(drift, max(abs(enc[l] - old[l]) for l in ALL_LABELS if l != "unsafe"))
        r["scores"]["unsafe"] = round(enc["unsafe"], 6)
    assert drift < 1e-5, f"scores other than unsafe drifted from the reference file by {drift}"
    (bundle / "reference_scores.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))

    flagged = probe_flags(wt, bias, th["unsafe"])
    man["version"] = version
    man["heads"]["sha256"] = sha256_file(bundle / man["heads"]["file"])
    for task in man["tasks"]:
        for label in task["thresholds"]:
            if "." in label:
                assert task["thresholds"][label] == th[label], f"finer threshold {label} moved"
            task["thresholds"][label] = th[label]
    gen = generated_rows()
    count = lambda ds: sum(e["ds"] == ds for e in gen)
    man["training"]["unsafe_refit"] = {
        "recipe": "classifiers/training/refit_unsafe.py (embed, export)",
        "what": f"the `unsafe` label's row of the `unsafe` head refitted on the {previous['version']} adapted encoder "
                "(frozen); every other head and label, the adapter and the lexical model unchanged",
        "model": f"weighted L2 logistic regression (C = {c:g}, lbfgs) on the pooled 384-d vector, mixed with the "
                 f"{old_version} row: w = {blend:g} w_old + {1 - blend:g} w_refit (the same for the bias)",
        "blend_choice": "on dev, among 1.0, 0.7, 0.5, 0.3 and 0.0: the smallest share of the old row that keeps every "
                        "target the old row met on dev (English-only harmful requests caught at the threshold >= 0.85); "
                        "so the dev figures of `unsafe` are somewhat optimistic",
        "parameter_choice": (f"C = {c:g} fixed by --C" if opt.C else
                             "C by weighted log loss in grouped 3-fold cross-validation inside the train fold, not dev"),
        "data": "train-fold rows labelled for `unsafe` (the encoder's own training rows, with their system prompts) "
                "plus our generated rows, train fold only; the dev rows are unchanged",
        "train_rows": n_fit,  # the embedded rows refit() fitted on
        "generated": {"gen-everyday": f"{count('gen-everyday')} everyday requests (classifiers/training/everyday.py), negatives",
                      "gen-safe-contrast": f"{count('gen-safe-contrast')} safe-contrast prompts (generated.safe_contrast), negatives",
                      "gen-fiction-contrast": f"{count('gen-fiction-contrast')} fiction and figurative prompts "
                                              "(generated.fiction_contrast): safe twins negative, unsafe twins positive",
                      **({"gen-overrefusal": f"over-refusal contrasts (overrefusal.py), safe weight x{opt.or_weight:g}, "
                                             f"unsafe twins x{opt.twin_weight:g}"} if opt.overrefusal else {})},
        "everyday_probe": {"file": "classifiers/probes/everyday_requests.jsonl", "prompts": 100,
                           "flagged_by_unsafe": len(flagged), "flagged": [t for t, _ in flagged]},
    }
    man["metrics"] = {**man["metrics"], "summary": m["summary"],
                      "previous": {"version": previous["version"], "summary": previous["summary"]}}
    json.dump(m, open(bundle / "metrics.json", "w"), indent=1)
    (bundle / "manifest.json").write_text(json.dumps(man, indent=1, ensure_ascii=False))
    (bundle / "MODEL_CARD.md").write_text(model_card.render(man, m))
    print(f"bundle {version} in {bundle}; reference texts {len(lines)}, other labels' drift {drift:.1e}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cmd", choices=["embed", "fit", "export"])
    ap.add_argument("--bundle", type=Path, default=BUNDLE)
    ap.add_argument("--version", default="0.5.0")
    ap.add_argument("--blend", type=float, default=0.3, help="the old row's share in the new row")
    ap.add_argument("--old-rev", help="git revision whose bundle's `unsafe` row is the old row (default: the bundle's own)")
    ap.add_argument("--only", default=",".join(CACHES), help=f"embed: the caches to write, of {','.join(CACHES)}")
    ap.add_argument("--overrefusal", action="store_true", help="add overrefusal.py's rows to the fit (study)")
    ap.add_argument("--or-weight", type=float, default=1.0, help="factor on overrefusal.py's safe prompts' weights")
    ap.add_argument("--twin-weight", type=float, default=1.0, help="factor on its unsafe twins' weights (0: left out)")
    ap.add_argument("--C", type=float, help="fixed C instead of the grouped cross-validation")
    a = ap.parse_args()
    only = a.only.split(",")
    assert set(only) <= set(CACHES), f"--only takes {CACHES}"
    {"embed": lambda: cmd_embed(a.bundle, only), "fit": lambda: cmd_fit(a.bundle, a.blend, a),
     "export": lambda: cmd_export(a.bundle, a.version, a.blend, a)}[a.cmd]()
