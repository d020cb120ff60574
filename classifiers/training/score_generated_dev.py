"""Encoder scores of the dev-fold rows of generated_ml (the 18-language templates), which the bundle's
dev_scores.jsonl.gz lacks (those rows were reverted from the encoder data). Same model as check_reference.py:
Hugging Face BertModel + merged LoRA + heads of the bundle, first 256 tokens, one thread.

    python3 classifiers/training/score_generated_dev.py out/ngram-ml/gen_dev_scores.jsonl.gz   # from the repo root
"""
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import generated_ml  # noqa: E402
from hf_bundle import HFBundle  # noqa: E402

bundle = HFBundle()


def encoder_scores(text):
    return {label: round(p, 6) for label, p in bundle.encoder_scores(text).items()}


rows = [e for e in generated_ml.rows(1234) if data.fold_of(e['group'], 1234) == 0]
with gzip.open(sys.argv[1], 'wt', encoding='utf-8') as f:
    for e in rows:
        f.write(json.dumps({**e, 'scores': encoder_scores(e['text'])}, ensure_ascii=False) + '\n')
print(f'scored {len(rows)} dev rows of {generated_ml.DS}')
