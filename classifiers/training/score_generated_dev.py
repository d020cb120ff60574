"""Encoder scores of the dev-fold rows of generated_ml (the 18-language templates), which the bundle's
dev_scores.jsonl.gz lacks (those rows were reverted from the encoder data). Same model as check_reference.py:
Hugging Face BertModel + merged LoRA + heads of the bundle, first 256 tokens, one thread.

    python3 classifiers/training/score_generated_dev.py out/ngram-ml/gen_dev_scores.jsonl.gz   # from the repo root
"""
import gzip
import json
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file
from transformers import AutoModel, AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import generated_ml  # noqa: E402

torch.set_num_threads(1)
B = 'classifiers/parapet-guard-minilm/'
man = json.load(open(B + 'manifest.json'))
m = AutoModel.from_pretrained('models-cache/all-MiniLM-L6-v2').eval()
tk = AutoTokenizer.from_pretrained('models-cache/all-MiniLM-L6-v2')
ad, hd = load_file(B + 'adapter.safetensors'), load_file(B + 'heads.safetensors')
sd = m.state_dict()
sc = man['adapter']['alpha'] / man['adapter']['rank']
for i in man['adapter']['layers']:
    for t in man['adapter']['targets']:
        k = f'encoder.layer.{i}.{t}'
        sd[k + '.weight'] += sc * ad[k + '.lora_B'] @ ad[k + '.lora_A']
m.load_state_dict(sd)


def encoder_scores(text):
    x = tk(text, return_tensors='pt', truncation=True, max_length=man['max_tokens'])
    with torch.no_grad():
        h = m(**x).last_hidden_state
        msk = x['attention_mask'].unsqueeze(-1).float()
        p = (h * msk).sum(1) / msk.sum(1)
    out = {}
    for task in man['tasks']:
        T = task['name']
        pr = torch.sigmoid(p @ hd[f'heads.{T}.out.weight'].T + hd[f'heads.{T}.out.bias'])[0]
        out.update(zip(task['labels'], [round(v, 6) for v in pr.tolist()]))
    return out


rows = [e for e in generated_ml.rows(1234) if data.fold_of(e['group'], 1234) == 0]
with gzip.open(sys.argv[1], 'wt', encoding='utf-8') as f:
    for e in rows:
        f.write(json.dumps({**e, 'scores': encoder_scores(e['text'])}, ensure_ascii=False) + '\n')
print(f'scored {len(rows)} dev rows of {generated_ml.DS}')
