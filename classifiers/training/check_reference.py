"""Independent cross-check: Hugging Face BertModel + merged LoRA + heads (+ the lexical stack, if the bundle has one,
through ngram.py's featurizer) reproduces reference_scores.jsonl.

    python3 classifiers/training/check_reference.py                  # from the repo root; max abs differences
    python3 classifiers/training/check_reference.py policies/tests/*.yaml   # also: scores of the policy-test texts
"""
import json
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file
from transformers import AutoModel, AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ngram  # noqa: E402

torch.set_num_threads(1)
B = 'classifiers/parapet-guard-minilm/'
man = json.load(open(B + 'manifest.json'))
m = AutoModel.from_pretrained('models-cache/all-MiniLM-L6-v2').eval()
tk = AutoTokenizer.from_pretrained('models-cache/all-MiniLM-L6-v2')
ad = load_file(B + 'adapter.safetensors')
hd = load_file(B + 'heads.safetensors')
sd = m.state_dict()
sc = man['adapter']['alpha'] / man['adapter']['rank']
for i in man['adapter']['layers']:
    for t in man['adapter']['targets']:
        k = f'encoder.layer.{i}.{t}'
        sd[k + '.weight'] += sc * ad[k + '.lora_B'] @ ad[k + '.lora_A']
m.load_state_dict(sd)
lex = man.get('lexical')
if lex:
    from safetensors.numpy import load_file as load_np
    lt = load_np(B + lex['file'])


def encoder_scores(text):
    """Every label's head probability on the first 256 tokens."""
    x = tk(text, return_tensors='pt', truncation=True, max_length=man['max_tokens'])
    with torch.no_grad():
        h = m(**x).last_hidden_state
        msk = x['attention_mask'].unsqueeze(-1).float()
        p = (h * msk).sum(1) / msk.sum(1)
    out = {}
    for task in man['tasks']:
        T = task['name']
        pr = torch.sigmoid(p @ hd[f'heads.{T}.out.weight'].T + hd[f'heads.{T}.out.bias'])[0]
        out.update(zip(task['labels'], pr.tolist()))
    return out


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
    enc = encoder_scores(r['text'])
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
