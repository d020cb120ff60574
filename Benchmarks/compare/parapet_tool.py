"""Parapet through its CLI: ``parapet bench`` for speed, ``parapet scan`` for spans.

Contract (the integrator's CLI):
  parapet bench FILE.jsonl [--policy P] [--threads N] [--iterations K] --json
    -> {"texts", "bytes", "p50_us", "mean_us", "mb_per_s", "texts_per_s", "threads"}
  parapet scan FILE.jsonl --policy P --direction input --out RESULTS.jsonl
    -> records of /work/shared/formats/README.md section 1
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
from typing import Dict, List, Tuple

from categories import category_type


class ParapetMissing(RuntimeError):
    """The parapet binary is not where it was expected."""


class Parapet:
    """One parapet binary and the policy it runs."""

    def __init__(self, binary: str, policy: str, cwd: str) -> None:
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            raise ParapetMissing(
                f"parapet binary not found or not executable: {binary}\n"
                "  build it with: swift build -c release --product parapet   (in the repository root)\n"
                "  or pass --parapet PATH, or --skip-parapet to measure only the other tools")
        self.binary = binary
        self.policy = policy
        self.cwd = cwd  # policy names are looked up in ./policies
        version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False, cwd=cwd)
        self.version = (version.stdout or version.stderr).strip().splitlines()[0] if version.returncode == 0 else "unknown"

    def bench_both(self, jsonl: str, threads: int, iterations: int) -> Tuple[Dict[str, object], Dict[str, object]]:
        """(one thread, ``threads`` threads) figures from one ``parapet bench --threads N`` call.

        The CLI times the latency pass on one thread and reports it as p50/mean and
        single_thread_*; its throughput pass uses N threads. Without single_thread_* in the
        output, a second call with --threads 1 gives the one-thread figures.
        """
        result = self.bench(jsonl, threads, iterations)
        if threads == 1:
            return result, result
        if "single_thread_texts_per_s" not in result:
            return self.bench(jsonl, 1, iterations), result
        single = dict(result)
        single.update({"threads": 1, "texts_per_s": result["single_thread_texts_per_s"],
                       "mb_per_s": result["single_thread_mb_per_s"]})
        return single, result

    def bench(self, jsonl: str, threads: int, iterations: int) -> Dict[str, object]:
        command = [self.binary, "bench", jsonl, "--policy", self.policy, "--threads", str(threads),
                   "--iterations", str(iterations), "--json"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.cwd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()[:2000]}")
        lines = [line for line in result.stdout.splitlines() if line.strip().startswith("{")]
        if not lines:
            raise RuntimeError(f"{' '.join(command)} printed no JSON object: {result.stdout[:500]}")
        figures = json.loads(lines[-1])
        # CPU time of the whole process (policy load, warm-up, latency and throughput passes):
        # a rough, load-robust companion to the CLI's wall-clock figures.
        cpu_s = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        passes = 1 + 2 * iterations
        figures["process_cpu_s"] = round(cpu_s, 3)
        if cpu_s > 0 and figures.get("bytes"):
            figures["approx_cpu_mb_per_s"] = round(figures["bytes"] * passes / 1e6 / cpu_s, 3)
        return figures

    def spans(self, jsonl: str, out: str) -> Dict[str, List[Tuple[int, int, str]]]:
        """Runs ``parapet scan`` and maps findings to scored types."""
        command = [self.binary, "scan", jsonl, "--policy", self.policy, "--direction", "input", "--out", out,
                   "--no-progress", "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.cwd)
        if not os.path.exists(out):
            raise RuntimeError(f"{' '.join(command)} wrote no results ({result.returncode}): {result.stderr.strip()[:2000]}")
        predictions: Dict[str, List[Tuple[int, int, str]]] = {}
        with open(out, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                spans = []
                for finding in record.get("findings", []):
                    kind = category_type(finding["category"])
                    if kind is not None:
                        spans.append((finding["start_byte"], finding["end_byte"], kind))
                predictions[str(record["id"])] = spans
        return predictions
