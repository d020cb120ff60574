"""Per-text timing of an in-process scanner, one thread."""

from __future__ import annotations

import time
from typing import Callable, Dict, List


def stats(times_ns: List[int], total_bytes: int, cpu_ns: int = 0) -> Dict[str, float]:
    """p50 / mean µs per text, texts/s and MB/s from per-text wall times (+ CPU-time figures)."""
    ordered = sorted(times_ns)
    total_s = sum(ordered) / 1e9
    cpu = {"cpu_mean_us": round(cpu_ns / len(ordered) / 1e3, 3),
           "cpu_mb_per_s": round(total_bytes / 1e6 / (cpu_ns / 1e9), 4)} if cpu_ns else {}
    return {"texts": len(ordered), "bytes": total_bytes, **cpu,
            "p50_us": round(ordered[len(ordered) // 2] / 1e3, 3),
            "mean_us": round(sum(ordered) / len(ordered) / 1e3, 3),
            "texts_per_s": round(len(ordered) / total_s, 2),
            "mb_per_s": round(total_bytes / 1e6 / total_s, 4),
            "seconds": round(total_s, 3), "threads": 1}


def time_texts(scan: Callable[[str], object], texts: List[str], warmup: int = 3) -> Dict[str, float]:
    """Times ``scan`` on each text (after ``warmup`` untimed calls)."""
    for text in texts[:warmup]:
        scan(text)
    times: List[int] = []
    cpu0 = time.process_time_ns()
    for text in texts:
        t0 = time.perf_counter_ns()
        scan(text)
        times.append(time.perf_counter_ns() - t0)
    cpu = time.process_time_ns() - cpu0
    return stats(times, sum(len(t.encode("utf-8")) for t in texts), cpu)
