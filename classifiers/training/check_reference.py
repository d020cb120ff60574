"""Independent cross-check: Hugging Face BertModel + merged LoRA + heads (+ the lexical stack, if the bundle has one,
through ngram.py's featurizer) reproduces reference_scores.jsonl.

    python3 classifiers/training/check_reference.py                  # from the repo root; max abs differences
    python3 classifiers/training/check_reference.py policies/tests/*.yaml   # also: scores of the policy-test texts
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ngram  # noqa: E402
from hf_bundle import BUNDLE as B, HFBundle  # noqa: E402

bundle = HFBundle()
man = bundle.manifest
encoder_scores = bundle.encoder_scores
lex = man.get('lexical')
if lex:
    from safetensors.numpy import load_file as load_np
    lt = load_np(B + lex['file'])


def stacked(text, enc):
    """The bundle's scores: stacked labels replaced by sigmoid(A logit(p) + B s + C) on the whole text."""
    out = dict(enc)
    if lex:
        x = ngram.featurize([text], lex['ngram_sizes'], lex['bits'], lt.get('idf'))
        for t, k in lex['stack'].items():
            s = ngram.decision(x, (lt[f'{t}.weight'], lt[f'{t}.bias'][0]))
            z = ngram.logit([enc[t]])
            out[t] = float(ngram.sigmoid(k['encoder'] * z + k['lexical'] * s + k['bias'])[0])
    return out


worst_enc = worst = 0.0
for line in open(B + 'reference_scores.jsonl'):
    r = json.loads(line)
    enc = encoder_scores(r['text'], r.get('context'))
    got = stacked(r['text'], enc)
    for lab, v in r['scores'].items():
        worst = max(worst, abs(got[lab] - v))
        worst_enc = max(worst_enc, abs(enc[lab] - r.get('encoder_scores', {}).get(lab, v)))
print('max abs diff HF vs reference: encoder', worst_enc, '| bundle scores (stacked where stacked)', worst)

th = {l: v for task in man['tasks'] for l, v in task['thresholds'].items()}
if len(sys.argv) > 1:
    import yaml
    print(f"\nthresholds: injection {th['injection']}, toxicity {th['toxicity']}, unsafe {th['unsafe']}")
    print('| file | text | injection (stacked) | injection encoder | toxicity | unsafe | flags |')
    print('| --- | --- | ---: | ---: | ---: | ---: | --- |')
    for path in sys.argv[1:]:
        seen = set()
        for case in yaml.safe_load(open(path)).get('cases', []):
            text = case.get('text')
            if text is None or text in seen:
                continue
            seen.add(text)
            enc = encoder_scores(text)
            s = stacked(text, enc)
            flags = ','.join(t for t in ('injection', 'toxicity', 'unsafe') if s[t] >= th[t]) or '-'
            short = text.replace('\n', ' ')[:70].replace('|', '\\|')
            print(f"| {Path(path).name} | {short} | {s['injection']:.4f} | {enc['injection']:.4f} | "
                  f"{s['toxicity']:.4f} | {s['unsafe']:.4f} | {flags} |")
