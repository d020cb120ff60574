"""The bundle's encoder in Hugging Face terms: BertModel with the LoRA adapter merged and the linear heads,
mean-pooled over the first `max_tokens` tokens, one thread. Shared by check_reference.py and
score_generated_dev.py (run from the repo root)."""
import json
import os

import torch
from safetensors.torch import load_file
from transformers import AutoModel, AutoTokenizer

BUNDLE = os.environ.get('PARAPET_BUNDLE', 'classifiers/parapet-guard-minilm/')  # a candidate bundle folder, with '/'
BACKBONE = 'models-cache/all-MiniLM-L6-v2'


class HFBundle:
    def __init__(self, bundle=BUNDLE, backbone=BACKBONE):
        torch.set_num_threads(1)
        self.manifest = json.load(open(bundle + 'manifest.json'))
        man = self.manifest
        self.model = AutoModel.from_pretrained(backbone).eval()
        self.tokenizer = AutoTokenizer.from_pretrained(backbone)
        adapter = load_file(bundle + man['adapter']['file'])
        self.heads = load_file(bundle + man['heads']['file'])
        state = self.model.state_dict()
        scale = man['adapter']['alpha'] / man['adapter']['rank']
        for i in man['adapter']['layers']:
            for t in man['adapter']['targets']:
                k = f'encoder.layer.{i}.{t}'
                state[k + '.weight'] += scale * adapter[k + '.lora_B'] @ adapter[k + '.lora_A']
        self.model.load_state_dict(state)

    def encoder_scores(self, text):
        """Every label's head probability on the first `max_tokens` tokens."""
        man = self.manifest
        x = self.tokenizer(text, return_tensors='pt', truncation=True, max_length=man['max_tokens'])
        with torch.no_grad():
            h = self.model(**x).last_hidden_state
            mask = x['attention_mask'].unsqueeze(-1).float()
            pooled = (h * mask).sum(1) / mask.sum(1)
        out = {}
        for task in man['tasks']:
            name = task['name']
            p = torch.sigmoid(pooled @ self.heads[f'heads.{name}.out.weight'].T + self.heads[f'heads.{name}.out.bias'])[0]
            out.update(zip(task['labels'], p.tolist()))
        return out
