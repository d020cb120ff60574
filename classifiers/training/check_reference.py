"""Independent cross-check: Hugging Face BertModel + merged LoRA + heads reproduces reference_scores.jsonl.

    python3 classifiers/training/check_reference.py   # from the repo root; prints the max abs difference
"""
import json,torch,sys
from transformers import AutoModel, AutoTokenizer
from safetensors.torch import load_file
torch.set_num_threads(2)
B='classifiers/parapet-guard-minilm/'
man=json.load(open(B+'manifest.json'))
m=AutoModel.from_pretrained('models-cache/all-MiniLM-L6-v2').eval()
tk=AutoTokenizer.from_pretrained('models-cache/all-MiniLM-L6-v2')
ad=load_file(B+'adapter.safetensors'); hd=load_file(B+'heads.safetensors')
sd=m.state_dict(); sc=man['adapter']['alpha']/man['adapter']['rank']
for i in man['adapter']['layers']:
    for t in man['adapter']['targets']:
        k=f'encoder.layer.{i}.{t}'
        sd[k+'.weight']+= sc*ad[k+'.lora_B']@ad[k+'.lora_A']
m.load_state_dict(sd)
worst=0
for l in open(B+'reference_scores.jsonl'):
    r=json.loads(l)
    x=tk(r['text'],return_tensors='pt',truncation=True,max_length=256)
    with torch.no_grad():
        h=m(**x).last_hidden_state; msk=x['attention_mask'].unsqueeze(-1).float()
        p=(h*msk).sum(1)/msk.sum(1)
    for task in man['tasks']:
        T=task['name']; pr=torch.sigmoid(p@hd[f'heads.{T}.out.weight'].T+hd[f'heads.{T}.out.bias'])[0]
        for lab,v in zip(task['labels'],pr.tolist()): worst=max(worst,abs(v-r['scores'][lab]))
print('max abs diff HF vs reference', worst)
