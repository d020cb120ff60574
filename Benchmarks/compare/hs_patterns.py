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
3. simplified without SOM_LEFTMOST (Hyperscan then reports match ends only);
4. as written in HS_FLAG_PREFILTER mode (a superset approximation; no SOM).

Patterns with no form that compiles are skipped. Validators, context words and capture groups
(the span a pattern reports) have no Hyperscan equivalent and are not applied.
"""

from __future__ import annotations

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
    form: str = "skipped"   # as_written | simplified | simplified_no_som | prefilter | skipped
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


def simplify(regex: str, extended: bool) -> str:
    """The Hyperscan-friendly superset of ``regex`` described in the module doc."""
    return BIG_REPEAT.sub(lambda m: m.group(0) if int(m.group(2)) <= 64 else "{%s,}" % m.group(1),
                          _simplify_syntax(regex, extended))


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


def _check(hs_bench: str, candidates: Dict[int, tuple], workdir: str,
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
                process.wait()
                break
            pid, state, detail = line.rstrip("\n").split("\t", 2)
            status[int(pid)] = None if state == "ok" else detail
            reported += 1
        remaining = remaining[reported:] if reported else remaining[1:]
    return status


def compile_forms(patterns: List[HsPattern], hs_bench: str, workdir: str, timeout_s: float = 20.0) -> str:
    """Finds each pattern's first compiling form; writes and returns the patterns file."""
    pending = {p.id: p for p in patterns}
    timed_out: set = set()
    for form in ("as_written", "simplified", "simplified_no_som", "prefilter"):
        if not pending:
            break
        candidates = {}
        for p in pending.values():
            base = _base_flags(p)
            extended = "extended" in p.options
            if form == "as_written":
                candidates[p.id] = (p.regex, base | SOM)
            elif form == "simplified" and p.id not in timed_out:  # a SOM compile that timed out would again
                candidates[p.id] = (simplify(p.regex, extended), base | SOM)
            elif form == "simplified_no_som":
                candidates[p.id] = (simplify(p.regex, extended), base)
            elif form == "prefilter":
                candidates[p.id] = (simplify(p.regex, extended) if extended else p.regex, base | PREFILTER)
        status = _check(hs_bench, candidates, workdir, timeout_s)
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
