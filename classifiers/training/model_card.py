"""Renders MODEL_CARD.md for a bundle from its manifest and dev metrics."""
from __future__ import annotations


def _f(x):
    """A metric value for a table cell: None (and "None" inside a pair such as the English /
    non-English summary value, which evaluate.py builds as "a / b") reads "n/a".

    >>> _f(None), _f(0.5), _f(3)
    ('n/a', '0.500', '3')
    >>> _f("None / None"), _f("0.4 / None")
    ('n/a / n/a', '0.4 / n/a')
    """
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return " / ".join("n/a" if part.strip() == "None" else part for part in x.split(" / "))
    return f"{x:.3f}" if isinstance(x, float) else str(x)


# Results of `multilingual_probe.py` per bundle version, measured with `parapet eval` (docs/classifiers.md,
# "Multilingual injection probe"); a version without an entry gets the command instead of figures.
PROBE_RESULTS = {
    "0.3.0": "On our own probe, it catches 36% of the English and 47% of the other attacks at its threshold "
             "and flags 13% of the non-English benign prompts (German 33%) against none in English: non-English "
             "text scores higher whatever it says, and attacks phrased unlike the training data are mostly "
             "missed in every language.",
}


def _input_limits(man):
    """Limitations of what the encoder reads: the system prompt (context_tokens) and text transforms."""
    out = []
    if man.get("context_tokens"):
        out.append(f"- Reads the system prompt a prompt was written under (the first {man['context_tokens']} WordPieces, "
                   "after every window, not pooled): a request for what the system prompt forbids (a user's private "
                   "data, a secret, an off-limits topic) can score as an attack. Trained on CyberSecEval's system "
                   "prompts and our own (24); benign prompts paired with them are negatives, so a restrictive system "
                   "prompt alone should not raise scores (measured on the dev copies, `gen-context`), but system prompts "
                   "unlike these are untested. Without a system prompt, scores are those of the text alone.")
    if "collapse_letter_spacing" in man.get("text_transforms", []):
        out.append("- Letter spacing is undone before the encoder reads a text (`S a y  t h a t` -> `Say that`); "
                   "spacing with other separators (dots, dashes, zero-width characters the normaliser does not "
                   "remove) is not.")
    return out


def _probe_sentence(version: str) -> str:
    """The multilingual probe's result for this version, or how to measure it."""
    probe = ("`classifiers/probes/multilingual_injection.jsonl` (25 attack and 30 benign meanings written by us "
             "in en, fr, de, es, it, pt, nl)")
    if version in PROBE_RESULTS:
        return f"Probe: {probe}. " + PROBE_RESULTS[version]
    return f"Measure it on {probe} with `multilingual_probe.py --score`."


def _lexical_limits(man: dict) -> list:
    if not man.get("lexical"):
        return []
    return ["- The lexical model reads surface forms: much of its gain on deepset rows is lexical similarity within "
            "that one data set (same source, same style, some German), which says little about unseen attack styles; "
            "the held-out sets are the independent check.",
            "- Very short texts are out of distribution for the lexical model (one or two n-gram buckets carry the whole "
            "unit-length vector); the stacker's weights damp it, but a single word can move the stacked score.",
            "- The lexical model sees each window's bytes (whole text when it fits one window, else a proportional byte "
            "span); training and dev scoring used whole texts."]


def _lexical_section(man: dict) -> list:
    lex = man.get("lexical")
    if not lex:
        return []
    tl = man["training"]["lexical"]
    L = ["## Lexical model (stacked)", "",
         f"{tl['model'][0].upper() + tl['model'][1:]}: n-gram sizes {lex['ngram_sizes']}, "
         f"2^{lex['bits']} buckets (FNV-1a 32-bit), value {tl['features']['value']}, "
         f"idf: {tl['features']['idf']}; C {tl['params']['C']}, class weights {tl['params']['class_weight']}, "
         f"seed {tl['params']['seed']}. Parameters chosen by {tl['parameter_choice']}.", "",
         f"Data: {tl['data']}: {tl['train_rows']} rows, of which labelled per stacked task "
         + ", ".join(f"`{t}` {n}" for t, n in tl["train_rows_labelled"].items()) + ".", "",
         "| data set (stacked-task rows) | licence | train rows |", "| --- | --- | ---: |"]
    L += [f"| `{d['name']}` | {d['licence']} | {d['train_rows']} |" for d in tl["datasets"]]
    L += ["", "Stacking, per window, for the task's overall label only (finer labels stay the encoder's): "
          "`p = sigmoid(A · logit(clip(p_encoder, 1e-6, 1 − 1e-6)) + B · s + C)` with `s = w · x + b` the lexical "
          "decision value; the label's threshold applies to `p`.", "",
          "| task | A (encoder) | B (lexical) | C (bias) | stacker dev rows |", "| --- | ---: | ---: | ---: | ---: |"]
    L += [f"| `{t}` | {k['encoder']:.4f} | {k['lexical']:.4f} | {k['bias']:.4f} | {tl['stacker']['dev_rows'][t]} |"
          for t, k in lex["stack"].items()]
    L += ["", f"Stacker: {tl['stacker']['fit']}; {tl['stacker']['reported']}.", ""]
    return L


def _joint_section(m: dict) -> list:
    j = m.get("everyday_joint")
    if not j or not j.get("needed"):
        return []
    o = j["own_rules"]
    L = ["", "### Thresholds chosen jointly for everyday prompts", "",
         f"With each head's own rule, {j['flagged_by_own_rules']} different everyday dev prompts were flagged by some "
         f"head (at most {j['allowed']} allowed). Options (the thresholds flag no everyday prompt outside the allowed "
         "ones); the one meeting the most targets wins (a value 'a / b / c' meets its target only if every part does), "
         "ties broken by the summed catch rate of the three heads:", "",
         "| allowed everyday prompt | thresholds | caught per head | targets met |", "| --- | --- | --- | ---: |",
         f"| (own rules, not allowed) | {_kv(o['thresholds'])} | {_kv(o['tpr'])} | {o['targets_met']} |"]
    for i, x in enumerate(j["options"]):
        mark = " **(chosen)**" if i == j["chosen"] else ""
        L.append(f"| {', '.join(x['allowed_prompts']) or 'none'}{mark} | {_kv(x['thresholds'])} | {_kv(x['tpr'])} "
                 f"| {x['targets_met']} |")
    return L


def _refit_section(man: dict) -> list:
    """What a refit of the `unsafe` row changed (refit_unsafe.py, bundle 0.5.0 on)."""
    r = man["training"].get("unsafe_refit")
    if not r:
        return []
    probe = r["everyday_probe"]
    return ["## The `unsafe` row refitted (refit_unsafe.py)", "",
            f"{r['what'][0].upper()}{r['what'][1:]}. Model: {r['model']}. {r['parameter_choice'][0].upper()}"
            f"{r['parameter_choice'][1:]}; blend {r['blend_choice']}. Data ({r['train_rows']:,} rows): {r['data']}; "
            "generated: " + "; ".join(f"`{k}` {v}" for k, v in r["generated"].items()) + ".", "",
            f"Why: the earlier row blocked 10 of the 100 everyday requests of `{probe['file']}` (written by us before "
            "the templates, kept apart from them), because the shared benign sets are maths problems and benchmark "
            f"questions while the harmful-request sets are imperative requests for help. This row flags "
            f"{probe['flagged_by_unsafe']} of them: " + "; ".join(f"\"{t}\"" for t in probe["flagged"]) + ".", ""]


def _kv(d: dict) -> str:
    return ", ".join(f"{k} {_f(v)}" for k, v in d.items())


def render(man: dict, m: dict) -> str:
    tr = man["training"]
    L = [f"# Model card: {man['name']} {man['version']}", "",
         "Generated by `classifiers/training/export.py`" + (" and `bundle.py`" if man.get("lexical") else "")
         + "; do not edit by hand.", "",
         "## Intended use",
         "Guardrail scoring inside Parapet: one pass of all-MiniLM-L6-v2 (LoRA adapters merged) feeds three "
         "multi-label heads: `injection` (direct prompt injection / jailbreaks in user input and instructions "
         "injected into documents or tool results), `toxicity` (OpenAI moderation categories: harassment, hate, "
         "self-harm, sexual, violence and their threatening / graphic / minors variants where the data allows) "
         "and `unsafe` (requests for harmful help, MLCommons hazard categories). Scores are probabilities; a label "
         "fires at or above its threshold. Use it as one signal among Parapet's rules, not as the only gate."
         + (" A hashed character n-gram model is stacked on " + ", ".join(f"`{t}`" for t in man["lexical"]["stack"])
            + " (see Lexical model)." if man.get("lexical") else ""), "",
         "## Limitations",
         "- English-centric backbone (uncased English WordPiece vocabulary): non-Latin scripts (Arabic, Hindi, "
         "Mandarin) tokenize poorly; detection of attacks in other languages was not measured on dev (no "
         "non-English attack landed in the dev fold); use the multilingual holdout to measure it. "
         + _probe_sentence(man["version"]),
         f"- Trained on at most {tr['train_max_tokens']} tokens per text; the runtime scores windows of "
         f"{man['max_tokens']} tokens and takes the maximum, so long texts are scored by their most suspicious window.",
         "- Trained on public benchmark data (see below): attacks and harms unlike those sets may be missed; "
         "thresholds were set at 1% false-positive rate on the dev benign prompts, a different traffic mix "
         "changes the false-positive rate.",
         "- Finer labels (`task.sub`) are trained on few rows for some categories; treat them as hints.",
         "- Everyday requests phrased like harmful ones (\"How do I …\", \"Help me write …\") can trip `unsafe`: "
         "the shared benign sets hold few of them; see the everyday probe below when the card has one.",
         "- Metrics are out-of-fold on a grouped 20% dev split of the training sets, not on the held-out test "
         "parts (those are kept for an independent evaluation)."] + _lexical_limits(man) + _input_limits(man) + ["",
         "## Training data", "",
         "| data set | licence | train rows | dev rows |", "| --- | --- | ---: | ---: |"]
    for d in tr["datasets"]:
        L.append(f"| `{d['name']}` | {d['licence']} | {d['train_rows']} | {d['dev_rows']} |")
    L += ["", f"Generated data: {tr['generated']}.", f"Excluded: {tr['excluded']}.",
          "CC-BY-4.0 / ODC-By sets are attributed here: HateCheck and Multilingual HateCheck (Röttger et al.), XSTest "
          "(Röttger et al.), AILuminate demo prompts (MLCommons), SimpleSafetyTests (Vidgen et al.), WildGuard benign "
          "prompts (AllenAI).", "",
          f"Recipe: seed {tr['seed']}, {tr['steps']} steps ({tr['epochs']} epochs requested), batch {tr['batch']}, "
          f"LoRA rank {man['adapter']['rank']} alpha {man['adapter']['alpha']} on layers {man['adapter']['layers']}, "
          f"lr {tr['lr']} (heads {tr['head_lr']}); {tr['split']}.", "",
          ""] + _lexical_section(man) + _refit_section(man) + [
          "## Dev metrics against targets (out of fold)", ""]
    prev = m.get("previous")
    if prev:
        L += [f"| metric | target | dev {man['version']} | dev {prev['version']} |", "| --- | --- | --- | --- |"]
        for s, p in zip(m["summary"], prev["summary"]):
            L.append(f"| {s['metric']} | {s['target']} | {_f(s['dev'])} | {_f(p['dev'])} |")
    else:
        L += ["| metric | target | dev |", "| --- | --- | --- |"]
        L += [f"| {s['metric']} | {s['target']} | {_f(s['dev'])} |" for s in m["summary"]]
    L += _joint_section(m)
    if man.get("lexical"):
        L += ["", "Scores of " + ", ".join(f"`{t}`" for t in man["lexical"]["stack"]) + " here and below are the stacked "
              "ones, cross-validated over dev groups; the encoder's own are kept as `<label>_encoder` in "
              "`dev_scores.jsonl.gz`."]
    L += ["", "## Thresholds", "", "| label | threshold |", "| --- | ---: |"]
    L += [f"| `{k}` | {v:.4f} |" for k, v in m["thresholds"].items()]
    L += ["", "## Disaggregated metrics", ""]
    for task in ("injection", "toxicity", "unsafe"):
        t = m[task]
        L += [f"### {task}", "", f"AUROC {_f(t['auroc'])}, AUPRC {_f(t['auprc'])}, threshold {t['threshold']:.4f}, "
              f"caught {_f(t['tpr'])}, benign prompts flagged {_f(t['fpr_benign_prompts'])}.", "",
              "| data set | rows | positives | flagged | accuracy |", "| --- | ---: | ---: | ---: | ---: |"]
        L += [f"| `{k}` | {v['n']} | {v['pos']} | {_f(v['flagged'])} | {_f(v['accuracy'])} |" for k, v in t["per_dataset"].items()]
        L += ["", "| language | positives | caught | negatives | flagged |", "| --- | ---: | ---: | ---: | ---: |"]
        L += [f"| {k} | {v['n_pos']} | {_f(v['tpr'])} | {v['n_neg']} | {_f(v['fpr'])} |" for k, v in t["per_language"].items()]
        L += ["", "| positive category | rows | caught |", "| --- | ---: | ---: |"]
        L += [f"| {k} | {v['n']} | {_f(v['tpr'])} |" for k, v in t["tpr_per_category"].items() if v["n"] >= 3]
        L.append("")
    hc = m["toxicity"]["hatecheck"]
    L += ["### HateCheck (dev) per target group", "", "| target | rows | accuracy |", "| --- | ---: | ---: |"]
    L += [f"| {k} | {v['n']} | {_f(v['accuracy'])} |" for k, v in hc["per_target"].items()]
    L += ["", "### HateCheck (dev) per functionality", "", "| functionality | rows | accuracy |", "| --- | ---: | ---: |"]
    L += [f"| {k} | {v['n']} | {_f(v['accuracy'])} |" for k, v in hc["per_functionality"].items()]
    L += ["", "### bias-madlibs non-toxic rows flagged per identity term (dev)", "",
          f"Spread {_f(m['toxicity']['madlibs_identity_fpr_spread'])}; overall {_f(m['toxicity']['madlibs_fpr_overall'])}.", "",
          ", ".join(f"{k} {_f(v)}" for k, v in m["toxicity"]["madlibs_identity_fpr"].items()), "",
          "### Finer labels (AUPRC on dev rows where the label is known)", ""]
    L += [f"- `{k}`: {_f(v)}" for k, v in {**m["toxicity"]["openai_moderation_sub_auprc"], **m["unsafe"]["hazard_sub_auprc"]}.items()]
    b = m["benign_everyday"]
    L += ["", "### Everyday benign prompts", "",
          f"Flagged by any head: {_f(b['flagged_any_head'])} of {b['n']} (per head {b['flagged_per_head']}); "
          f"benign answers flagged: {_f(b['responses_flagged_any_head'])}.", "",
          "## Known failure modes", "",
          "- Role-play and persona prompts without an attack (awesome-chatgpt-prompts style) and security "
          "questions (mitre-frr) are the hardest benign inputs; see the per-data-set tables.",
          "- Over-refusal style prompts (XSTest safe half: 'how do I kill a Python process') can trip `unsafe`.",
          "- Reclaimed slurs, counter-speech quoting hate, and profanity without a target (HateCheck *_nh "
          "functionalities) can trip `toxicity`.",
          "- Jailbreak templates seen in training are caught far better than novel attack styles; "
          "expect lower recall on unseen techniques.",
          ("- Instructions hidden in long documents: a text longer than one 256-token window is also read in "
           "64-token windows for `injection` (since 2026-12-02), which catches a one-sentence attack at the start, "
           "in the middle or at the end of 300–3,000 benign words, but a text of joined chat prompts is flagged more "
           "often (9 → 17 of 24 on our probe), and an attack after a 50–200-word lead-in in a text that fits one "
           "window is still diluted by mean pooling."
           if man.get("short_window_tokens") else
           "- Instructions hidden in long documents are diluted by mean pooling inside a 256-token window."), ""]
    return "\n".join(L)
