"""The bundle's encoder in Hugging Face terms: BertModel with the LoRA adapter merged and the linear heads,
mean-pooled over the first `max_tokens` tokens (a context, when the bundle reads one, follows them unpooled),
one thread. Shared by check_reference.py and
score_generated_dev.py (run from the repo root)."""
import json
import os

import torch
from safetensors.torch import load_file
from transformers import AutoModel, AutoTokenizer

from common import apply_text_transforms

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

    def encoder_scores(self, text, context=None):
        """Every label's head probability on the first `max_tokens` tokens, followed (bundles with `context_tokens`)
        by the context's first `context_tokens` WordPieces and [SEP], pooled over the text part only."""
        man = self.manifest
        text = apply_text_transforms(text, man.get('text_transforms', []))
        ids = self.tokenizer(text, truncation=True, max_length=man['max_tokens'])['input_ids']
        pooled_rows = len(ids)
        if context and man.get('context_tokens', 0) > 0:
            extra = self.tokenizer(context, add_special_tokens=False)['input_ids'][:man['context_tokens']]
            if extra:
                ids = ids + extra + [self.tokenizer.sep_token_id]
        x = torch.tensor([ids])
        with torch.no_grad():
            h = self.model(input_ids=x, attention_mask=torch.ones_like(x), token_type_ids=torch.zeros_like(x)).last_hidden_state
            pooled = h[:, :pooled_rows].mean(1)
        out = {}
        for task in man['tasks']:
            name = task['name']
            p = torch.sigmoid(pooled @ self.heads[f'heads.{name}.out.weight'].T + self.heads[f'heads.{name}.out.bias'])[0]
            out.update(zip(task['labels'], p.tolist()))
        return out
