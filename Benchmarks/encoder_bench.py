#!/usr/bin/env python3
"""Parapet's encoder side by side with ONNX Runtime and PyTorch (same model, texts, threads).

    pip install torch transformers onnx onnxruntime tokenizers
    Scripts/fetch-model.sh
    swift build -c release --product parapet-encoder-bench
    python3 Benchmarks/encoder_bench.py [model-dir] [--threads 1 2] [--reps 20]

Latency: median of `reps` calls at batch 1 for 16, 64, 128 and 256 tokens (CLS and SEP
included). Throughput: 32 texts of 16–128 tokens in one call (ORT and PyTorch pad to the
longest; Parapet packs without padding). Prints Parapet's time as a ratio to each.
A benchmark, not a test: the figures depend on the machine and its load.
"""
import argparse, json, os, subprocess, sys, time
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("model", nargs="?", default="models-cache/all-MiniLM-L6-v2")
ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
ap.add_argument("--reps", type=int, default=20)
ap.add_argument("--bench-bin", default=".build/release/parapet-encoder-bench")
ap.add_argument("--no-int8", action="store_true", help="skip Parapet's int8 variant")
a = ap.parse_args()

import torch
import onnxruntime as ort
from tokenizers import Tokenizer
from transformers import BertModel

SIZES = [16, 64, 128, 256]
def text(n): return " ".join(["hello"] * max(0, n - 2))
batch_texts = [text(16 + (i * 7) % 113) for i in range(32)]

tok = Tokenizer.from_file(os.path.join(a.model, "tokenizer.json"))
tok.no_truncation(); tok.no_padding()
def encode(texts):
    encs = [tok.encode(t).ids for t in texts]
    L = max(len(e) for e in encs)
    ids = np.zeros((len(encs), L), dtype=np.int64); mask = np.zeros_like(ids)
    for i, e in enumerate(encs):
        ids[i, :len(e)] = e; mask[i, :len(e)] = 1
    return ids, mask

model = BertModel.from_pretrained(a.model, add_pooling_layer=False).eval()
onnx_path = os.path.join(a.model, "model.onnx")
if not os.path.exists(onnx_path):
    ids, mask = encode(["hello world"])
    class Wrap(torch.nn.Module):
        def __init__(self, m):
            super().__init__(); self.m = m
        def forward(self, input_ids, attention_mask):
            return self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
    torch.onnx.export(Wrap(model), (torch.tensor(ids), torch.tensor(mask)), onnx_path,
                      input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                      dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"},
                                    "last_hidden_state": {0: "b", 1: "t"}}, opset_version=17, dynamo=False)

def mean_pool(h, mask):
    m = mask[..., None].astype(np.float32)
    return (h * m).sum(1) / m.sum(1)

def timeit(fn, reps):
    fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); ts.append(time.perf_counter() - t0)
    return float(np.median(ts))

def bench_ort(threads):
    so = ort.SessionOptions(); so.intra_op_num_threads = threads; so.inter_op_num_threads = 1
    s = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
    def run(texts):
        ids, mask = encode(texts)
        return mean_pool(s.run(None, {"input_ids": ids, "attention_mask": mask})[0], mask)
    lat = {str(n): timeit(lambda: run([text(n)]), a.reps) * 1000 for n in SIZES}
    thr = 32 / timeit(lambda: run(batch_texts), max(3, a.reps // 4))
    return {"latency_ms": lat, "throughput_texts_per_s": thr}

def bench_torch(threads):
    torch.set_num_threads(threads)
    def run(texts):
        ids, mask = encode(texts)
        with torch.no_grad():
            h = model(input_ids=torch.tensor(ids), attention_mask=torch.tensor(mask)).last_hidden_state.numpy()
        return mean_pool(h, mask)
    lat = {str(n): timeit(lambda: run([text(n)]), a.reps) * 1000 for n in SIZES}
    thr = 32 / timeit(lambda: run(batch_texts), max(3, a.reps // 4))
    return {"latency_ms": lat, "throughput_texts_per_s": thr}

def bench_parapet(threads, fmt="fp32"):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    out = subprocess.run([a.bench_bin, a.model, str(threads), str(a.reps), fmt], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])

for threads in a.threads:
    p, o, t = bench_parapet(threads), bench_ort(threads), bench_torch(threads)
    print(f"\n== {threads} thread(s) · Parapet BLAS kernel: {p['blas']} · Parapet peak RSS {p['peak_rss_mb']:.0f} MB")
    print(f"{'case':<16}{'Parapet':>10}{'ORT':>10}{'PyTorch':>10}{'P/ORT':>8}{'P/Torch':>9}")
    for n in SIZES:
        pv, ov, tv = p["latency_ms"][str(n)], o["latency_ms"][str(n)], t["latency_ms"][str(n)]
        print(f"{'lat ' + str(n) + ' tok (ms)':<16}{pv:>10.2f}{ov:>10.2f}{tv:>10.2f}{pv / ov:>8.2f}{pv / tv:>9.2f}")
    pv, ov, tv = p["throughput_texts_per_s"], o["throughput_texts_per_s"], t["throughput_texts_per_s"]
    # For throughput, the ratio is of times (inverse of rates), so ≤ 1.0 still means Parapet is faster.
    print(f"{'b32 texts/s':<16}{pv:>10.1f}{ov:>10.1f}{tv:>10.1f}{ov / pv:>8.2f}{tv / pv:>9.2f}")
    if not a.no_int8:
        q = bench_parapet(threads, "int8")
        print(f"-- Parapet int8 (kernels {q.get('kernels', '?')}, peak RSS {q['peak_rss_mb']:.0f} MB; "
              f"fp32 peak RSS {p['peak_rss_mb']:.0f} MB) vs ORT fp32; target ≤ 0.50")
        print(f"{'case':<16}{'P int8':>10}{'ORT':>10}{'P8/ORT':>8}")
        for n in SIZES:
            qv, ov = q["latency_ms"][str(n)], o["latency_ms"][str(n)]
            print(f"{'lat ' + str(n) + ' tok (ms)':<16}{qv:>10.2f}{ov:>10.2f}{qv / ov:>8.2f}")
        qv, ov = q["throughput_texts_per_s"], o["throughput_texts_per_s"]
        print(f"{'b32 texts/s':<16}{qv:>10.1f}{ov:>10.1f}{ov / qv:>8.2f}")
