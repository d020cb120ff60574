"""Hyperscan (libhs, C) with Parapet's pattern set: build, compile, time, and spans for F1."""

from __future__ import annotations

import json
import os
import subprocess
from collections import defaultdict
from typing import Dict, List, Tuple

from hs_patterns import SOM, HsPattern, compile_forms, load_catalogs, summary
from inputs import write_set
from categories import category_type


def build(source: str, out_dir: str) -> str:
    """gcc -O2 hs_bench.c -lhs; returns the binary's path."""
    binary = os.path.join(out_dir, "hs_bench")
    subprocess.run(["gcc", "-O2", "-o", binary, source, "-lhs"], check=True)
    return binary


def hs_version() -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libhyperscan-dev"],
                             capture_output=True, text=True, check=False).stdout.strip()
        return out or "unknown"
    except OSError:
        return "unknown"


class Hyperscan:
    """hs_bench with the exported pattern set."""

    def __init__(self, binary: str, catalog_dir: str, workdir: str, cache_path: str, timeout_s: float) -> None:
        self.binary = binary
        self.workdir = workdir
        self.patterns: List[HsPattern] = load_catalogs(catalog_dir)
        self.pattern_file = compile_forms(self.patterns, binary, workdir, timeout_s, cache_path, hs_version())
        self.by_id = {p.id: p for p in self.patterns}
        self.summary = summary(self.patterns)
        self.database = self._compile(self.pattern_file, "hs.db")
        # The same patterns without SOM_LEFTMOST: Hyperscan's speed when it only has to say where
        # matches end (no spans); the "practical speed limit" row.
        nosom_file = os.path.join(workdir, "hs_patterns_nosom.tsv")
        with open(self.pattern_file, encoding="utf-8") as src, open(nosom_file, "w", encoding="utf-8") as out:
            for line in src:
                pid, flags, expression = line.rstrip("\n").split("\t")
                out.write(f"{pid}\t{int(flags) & ~SOM}\t{expression}\n")
        self.database_nosom = self._compile(nosom_file, "hs_nosom.db")

    def _compile(self, pattern_file: str, name: str) -> str:
        path = os.path.join(self.workdir, name)
        out = subprocess.run([self.binary, "compile", pattern_file, path],
                             capture_output=True, text=True, check=True).stdout
        self.summary[f"database_{name}"] = json.loads(out.strip().splitlines()[-1])
        return path

    def bench(self, lenpref: str, iterations: int, som: bool = True) -> Dict[str, object]:
        database = self.database if som else self.database_nosom
        out = subprocess.run([self.binary, "bench", database, lenpref, str(iterations)],
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out.strip().splitlines()[-1])

    def spans(self, texts: List[str], ids: List[str], name: str) -> Tuple[Dict[str, List[Tuple[int, int, str]]], int]:
        """Predicted spans per id, and the number of matches left out for lack of a start offset.

        Hyperscan reports every match end (with SOM_LEFTMOST its leftmost start); PCRE reports
        leftmost-longest non-overlapping matches, so per pattern the matches are reduced to that.
        Spans are whole matches: capture groups (a password inside a URL, an assigned value) are
        not available in Hyperscan.
        """
        data = write_set(self.workdir, f"hs_{name}", texts, ids)
        out = subprocess.run([self.binary, "match", self.database, data.lenpref],
                             capture_output=True, text=True, check=True).stdout
        raw: Dict[Tuple[int, int], List[Tuple[int, int]]] = defaultdict(list)
        no_som = 0
        for line in out.splitlines():
            record, pid, start, end = (int(x) for x in line.split("\t"))
            if not self.by_id[pid].som:
                no_som += 1
                continue
            raw[(record, pid)].append((start, end))
        result: Dict[str, List[Tuple[int, int, str]]] = {i: [] for i in ids}
        for (record, pid), matches in raw.items():
            kind = category_type(self.by_id[pid].category)
            if kind is None:
                continue
            longest: Dict[int, int] = {}
            for start, end in matches:
                longest[start] = max(end, longest.get(start, end))
            position = -1
            for start in sorted(longest):
                if start >= position:
                    result[ids[record]].append((start, longest[start], kind))
                    position = longest[start]
        # Two patterns of one type (phone_grouped, phone_grouped_short) often report the same
        # span: one finding, as a scanner that merges its patterns' results would report.
        return {i: sorted(set(spans)) for i, spans in result.items()}, no_som
