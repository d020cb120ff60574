"""Exports Parapet's pattern catalogs (YAML) to Hyperscan.

Each catalog is ``{catalog: NAME, patterns: [{name, category, regex, options, group, ...}]}``
(Sources/ParapetPatterns/Catalog/{pii,secrets}.yaml). Hyperscan lacks some PCRE constructs
(lookarounds, backreferences, atomic groups, possessive quantifiers, \\K). Every pattern is tried
in this order, and the first form that compiles is used:

1. as written, with HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST (+ CASELESS / DOTALL / MULTILINE / UCP
   from its options);
2. simplified: lookarounds removed (the pattern then matches a superset), atomic groups and named
   groups made plain groups, possessive quantifiers made greedy, bounded repeats with an upper
   bound over 64 made unbounded (``{16,20000}`` -> ``{16,}``: Hyperscan's compile time and size
   grow with the bound), extended-mode whitespace and comments stripped;
3. relaxed: simplified, and every bounded repeat with an upper bound over 4 made unbounded
   (SOM_LEFTMOST costs Hyperscan state per bounded repeat: ``{0,63}`` -> ``*``);
4. simplified without SOM_LEFTMOST (Hyperscan then reports match ends only);
5. as written in HS_FLAG_PREFILTER mode (a superset approximation; no SOM).

A compile that takes longer than 20 s is stopped and counted as a failure of that form (the
relaxed and prefilter forms are then not tried). Patterns with no form that compiles are skipped. Validators, context words and capture groups
(the span a pattern reports) have no Hyperscan equivalent and are not applied.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import subprocess
import threading
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import yaml

FLAG = {"caseless": 1, "dot_all": 2, "multiline": 4, "ucp": 64}
UTF8, PREFILTER, SOM = 32, 128, 256
TIMEOUT = "timeout"
RELAXED_BOUND = 4


@dataclass
class HsPattern:
    """One catalog pattern and the form that Hyperscan compiled."""
    id: int
    catalog: str
    name: str
    category: str
    regex: str
    options: List[str]
    has_group: bool
    expression: str = ""
    flags: int = 0
    form: str = "skipped"   # as_written | simplified | relaxed | simplified_no_som | prefilter | skipped
    error: Optional[str] = None
    som: bool = field(default=False)


def load_catalogs(catalog_dir: str) -> List[HsPattern]:
    patterns: List[HsPattern] = []
    for catalog in ("pii", "secrets"):
        path = os.path.join(catalog_dir, f"{catalog}.yaml")
        if not os.path.exists(path):
            raise FileNotFoundError(f"pattern catalog not found: {path}")
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle) or {}
        for item in document.get("patterns", []):
            options = item.get("options") or []
            options = [options] if isinstance(options, str) else list(options)
            patterns.append(HsPattern(len(patterns), catalog, str(item["name"]), str(item["category"]),
                                      str(item["regex"]), options, item.get("group") is not None))
    return patterns


def _close_paren(regex: str, start: int) -> int:
    """Index of the ')' closing the group opened at ``start``."""
    depth, i = 0, start
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(regex, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(regex) - 1


def _class_end(regex: str, start: int) -> int:
    """Index just past the character class starting at ``start``."""
    i = start + 1
    if i < len(regex) and regex[i] == "^":
        i += 1
    if i < len(regex) and regex[i] == "]":
        i += 1
    while i < len(regex):
        if regex[i] == "\\":
            i += 2
            continue
        if regex.startswith("[:", i):
            end = regex.find(":]", i + 2)
            if end != -1:
                i = end + 2
                continue
        if regex[i] == "]":
            return i + 1
        i += 1
    return len(regex)


BIG_REPEAT = re.compile(r"\{(\d+),(\d+)\}")


def simplify(regex: str, extended: bool, max_bound: int = 64) -> str:
    """The Hyperscan-friendly superset of ``regex`` described in the module doc."""
    syntax = _inline_backreferences(_simplify_syntax(regex, extended))
    return BIG_REPEAT.sub(lambda m: m.group(0) if int(m.group(2)) <= max_bound else "{%s,}" % m.group(1), syntax)


def _inline_backreferences(regex: str) -> str:
    """Replaces ``\\N`` by a copy of group N (``([ -])\\d{4}\\2`` -> ``([ -])\\d{4}(?:[ -])``).

    The copy matches what the group can match, not what it did match: a superset.
    """
    groups: List[tuple] = []  # (start of content, end of content) of capturing groups, in order
    stack: List[tuple] = []
    i = 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(regex, i)
            continue
        if c == "(":
            capturing = not regex.startswith("(?", i)
            if capturing:
                groups.append(None)
            stack.append((len(groups) - 1 if capturing else -1, i + 1))
        elif c == ")" and stack:
            index, start = stack.pop()
            if index >= 0:
                groups[index] = (start, i)
        i += 1
    if not any(g for g in groups):
        return regex
    out: List[str] = []
    i = 0
    while i < len(regex):
        c = regex[i]
        if c == "[":
            end = _class_end(regex, i)
            out.append(regex[i:end])
            i = end
            continue
        if c == "\\" and i + 1 < len(regex) and regex[i + 1] in "123456789":
            number = int(regex[i + 1])
            if number <= len(groups) and groups[number - 1]:
                start, end = groups[number - 1]
                out.append("(?:" + regex[start:end] + ")")
                i += 2
                continue
        out.append(regex[i:i + 2] if c == "\\" else c)
        i += 2 if c == "\\" else 1
    return "".join(out)


def _simplify_syntax(regex: str, extended: bool) -> str:
    out: List[str] = []
    i = 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            out.append(regex[i:i + 2])
            i += 2
            continue
        if c == "[":
            end = _class_end(regex, i)
            out.append(regex[i:end])
            i = end
            continue
        if extended and c.isspace():
            i += 1
            continue
        if extended and c == "#":
            end = regex.find("\n", i)
            i = len(regex) if end == -1 else end + 1
            continue
        if regex.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _close_paren(regex, i) + 1
            if i < len(regex) and regex[i] in "?*":
                i += 1
            continue
        if regex.startswith("(?>", i):
            out.append("(?:")
            i += 3
            continue
        if regex.startswith("(?P<", i) or regex.startswith("(?<", i) or regex.startswith("(?'", i):
            close = ">" if regex[i + 2] in "P<" else "'"
            end = regex.find(close, i + 3)
            out.append("(")
            i = end + 1
            continue
        out.append(c)
        i += 1
        if c in "*+?}" and i < len(regex) and regex[i] == "+":
            i += 1  # possessive -> greedy
    return "".join(out)


def _base_flags(pattern: HsPattern) -> int:
    flags = UTF8
    for option in pattern.options:
        flags |= FLAG.get(option, 0)
    return flags


def _cache_key(expression: str, flags: int, version: str) -> str:
    return hashlib.sha256(f"{version}\0{flags}\0{expression}".encode("utf-8")).hexdigest()


def _timeout_of(message: str) -> float:
    match = re.search(r"longer than ([0-9.]+) s", message)
    return float(match.group(1)) if match else 0.0


def _check(hs_bench: str, candidates: Dict[int, tuple], workdir: str, timeout_s: float,
           cache: Optional[Dict[str, Optional[str]]] = None, version: str = "") -> Dict[int, Optional[str]]:
    """``_check_uncached`` with results remembered in ``cache`` (keyed by expression, flags, libhs)."""
    cache = {} if cache is None else cache
    status: Dict[int, Optional[str]] = {}
    todo: Dict[int, tuple] = {}
    for pid, (expression, flags) in candidates.items():
        key = _cache_key(expression, flags, version)
        cached = cache.get(key)
        if cached and cached.startswith(TIMEOUT) and _timeout_of(cached) < timeout_s:
            todo[pid] = (expression, flags)  # given more time now: try again
        elif key in cache:
            status[pid] = cache[key]
        else:
            todo[pid] = (expression, flags)
    if todo:
        fresh = _check_uncached(hs_bench, todo, workdir, timeout_s)
        for pid, (expression, flags) in todo.items():
            status[pid] = fresh.get(pid, "not reported")
            cache[_cache_key(expression, flags, version)] = status[pid]
    return status


def _check_uncached(hs_bench: str, candidates: Dict[int, tuple], workdir: str,
                    timeout_s: float) -> Dict[int, Optional[str]]:
    """Runs ``hs_bench check``; returns {id: None if compiled else error message}.

    A pattern whose compile takes longer than ``timeout_s`` (Hyperscan can take minutes on large
    bounded repeats) is reported as an error and the check goes on with the patterns after it.
    """
    status: Dict[int, Optional[str]] = {}
    remaining = list(candidates)
    while remaining:
        path = os.path.join(workdir, "hs_check.tsv")
        with open(path, "w", encoding="utf-8") as out:
            for pid in remaining:
                expression, flags = candidates[pid]
                out.write(f"{pid}\t{flags}\t{expression.encode('utf-8').hex()}\n")
        process = subprocess.Popen([hs_bench, "check", path], stdout=subprocess.PIPE, text=True)
        lines: "queue.Queue[Optional[str]]" = queue.Queue()
        reader = threading.Thread(target=lambda: ([lines.put(l) for l in process.stdout], lines.put(None)),
                                  daemon=True)
        reader.start()
        reported = 0
        while True:
            try:
                line = lines.get(timeout=timeout_s)
            except queue.Empty:
                process.kill()
                process.wait()
                status[remaining[reported]] = f"{TIMEOUT}: compile took longer than {timeout_s:.0f} s"
                reported += 1
                break
            if line is None:
                code = process.wait()
                if reported < len(remaining):  # hs_bench died on this pattern
                    status[remaining[reported]] = f"hs_bench check exited with status {code}"
                    reported += 1
                break
            pid, state, detail = line.rstrip("\n").split("\t", 2)
            status[int(pid)] = None if state == "ok" else detail
            reported += 1
        remaining = remaining[reported:] if reported else remaining[1:]
    return status


def compile_forms(patterns: List[HsPattern], hs_bench: str, workdir: str, timeout_s: float = 20.0,
                  cache_path: Optional[str] = None, version: str = "") -> str:
    """Finds each pattern's first compiling form; writes and returns the patterns file.

    ``cache_path`` (JSON) remembers which (expression, flags) compiled under this libhs version,
    so a re-run does not wait again for the compiles that time out.
    """
    cache: Dict[str, Optional[str]] = {}
    if cache_path and os.path.exists(cache_path):
        with open(cache_path, encoding="utf-8") as handle:
            cache = json.load(handle)
    pending = {p.id: p for p in patterns}
    timed_out: set = set()
    for form in ("as_written", "simplified", "relaxed", "simplified_no_som", "prefilter"):
        if not pending:
            break
        candidates = {}
        for p in pending.values():
            base = _base_flags(p)
            extended = "extended" in p.options
            if form == "as_written":
                candidates[p.id] = (p.regex, base | SOM)
            elif form == "simplified":
                candidates[p.id] = (simplify(p.regex, extended), base | SOM)
            elif form == "relaxed" and p.id not in timed_out:  # a SOM compile that timed out would again
                candidates[p.id] = (simplify(p.regex, extended, RELAXED_BOUND), base | SOM)
            elif form == "simplified_no_som":
                candidates[p.id] = (simplify(p.regex, extended), base)
            elif form == "prefilter" and p.id not in timed_out:
                candidates[p.id] = (simplify(p.regex, extended) if extended else p.regex, base | PREFILTER)
        status = _check(hs_bench, candidates, workdir, timeout_s, cache, version)
        for pid, (expression, flags) in candidates.items():
            error = status.get(pid, "not reported")
            p = pending[pid]
            if error is None:
                p.expression, p.flags, p.form, p.som, p.error = expression, flags, form, bool(flags & SOM), None
                del pending[pid]
            else:
                p.error = error
                if error.startswith(TIMEOUT):
                    timed_out.add(pid)
    if cache_path:
        os.makedirs(os.path.dirname(os.path.abspath(cache_path)), exist_ok=True)
        with open(cache_path, "w", encoding="utf-8") as out:
            json.dump(cache, out, indent=0, sort_keys=True)
    path = os.path.join(workdir, "hs_patterns.tsv")
    with open(path, "w", encoding="utf-8") as out:
        for p in patterns:
            if p.form != "skipped":
                out.write(f"{p.id}\t{p.flags}\t{p.expression.encode('utf-8').hex()}\n")
    return path


def summary(patterns: List[HsPattern]) -> Dict[str, object]:
    forms: Dict[str, int] = {}
    for p in patterns:
        forms[p.form] = forms.get(p.form, 0) + 1
    return {"patterns": len(patterns), "compiled": sum(1 for p in patterns if p.form != "skipped"),
            "forms": forms,
            "skipped": [{"name": p.name, "error": p.error} for p in patterns if p.form == "skipped"],
            "changed": [{"name": p.name, "form": p.form} for p in patterns
                        if p.form not in ("as_written", "skipped")]}
