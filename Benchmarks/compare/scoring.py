"""Span-level scoring of PII / secret detections against the dev sets.

Gold and predicted spans are UTF-8 byte ranges (half-open) with a type name from
/work/shared/formats/README.md (EMAIL, GITHUB_TOKEN, ...); "*" is a secret of unknown type.

Three matchings, each one-to-one (a gold span is matched by at most one prediction and vice versa):

* ``exact``   same start, end and type;
* ``overlap`` same type and the two ranges share at least one byte;
* ``untyped`` ranges share at least one byte, any type ("*" included).

For each matching the result has, per gold type, tp / fp / fn / precision / recall / f1, and a
micro average over all types. A prediction whose type is not a gold type of the corpus (and not
"*") is ignored: it is a type the corpus does not label. In the typed matchings a "*" prediction
can never be right, so it counts as a false positive of the row "*".
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Dict, Iterable, List, Tuple

Span = Tuple[int, int, str]  # (start_byte, end_byte, type)

MATCHINGS = ("exact", "overlap", "untyped")


def load_gold(path: str) -> Tuple[Dict[str, List[Span]], Dict[str, str]]:
    """Returns {id: [spans]} and {id: text} of a dev set."""
    gold: Dict[str, List[Span]] = {}
    texts: Dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            gold[record["id"]] = [(s["start_byte"], s["end_byte"], s["type"]) for s in record["spans"]]
            texts[record["id"]] = record["text"]
    return gold, texts


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(gold: List[Span], pred: List[Span], matching: str) -> Tuple[List[Span], List[Span], List[Span]]:
    """Greedy one-to-one matching; returns (matched gold, unmatched pred, unmatched gold)."""
    if matching == "exact":
        accept = lambda g, p: g == p  # noqa: E731
    elif matching == "overlap":
        accept = lambda g, p: g[2] == p[2] and _overlaps(g, p)  # noqa: E731
    else:
        accept = _overlaps
    used = [False] * len(pred)
    # Candidates with the largest overlap first, so a better prediction is not stolen.
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if accept(g, p):
                pairs.append((-(min(g[1], p[1]) - max(g[0], p[0])), gi, pi))
    pairs.sort()
    gold_done = [False] * len(gold)
    matched = []
    for _, gi, pi in pairs:
        if gold_done[gi] or used[pi]:
            continue
        gold_done[gi] = used[pi] = True
        matched.append(gold[gi])
    unmatched_pred = [p for i, p in enumerate(pred) if not used[i]]
    unmatched_gold = [g for i, g in enumerate(gold) if not gold_done[i]]
    return matched, unmatched_pred, unmatched_gold


def _prf(tp: int, fp: int, fn: int) -> Dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


def score(gold: Dict[str, List[Span]], pred: Dict[str, List[Span]], matching: str,
          exclude_types: Iterable[str] = ()) -> Dict[str, object]:
    """Scores predictions against gold for one matching.

    ``exclude_types`` drops those gold types and predictions of them from the micro average
    (used for the "PII without PERSON and LOCATION" figure); per-type rows are still computed.
    """
    if matching not in MATCHINGS:
        raise ValueError(f"unknown matching {matching!r}")
    gold_types = sorted({s[2] for spans in gold.values() for s in spans})
    known = set(gold_types)
    counts: Dict[str, List[int]] = defaultdict(lambda: [0, 0, 0])
    for text_id, gold_spans in gold.items():
        spans = [p for p in pred.get(text_id, []) if p[2] in known or p[2] == "*"]
        spans = sorted(set(spans))
        matched, extra, missed = _match(gold_spans, spans, matching)
        for g in matched:
            counts[g[2]][0] += 1
        for p in extra:
            counts[p[2]][1] += 1
        for g in missed:
            counts[g[2]][2] += 1
    if matching == "untyped":
        total = [sum(c[i] for c in counts.values()) for i in range(3)]
        # Per type: recall is meaningful (gold has a type); false positives have no gold type.
        per_type = {t: _prf(counts[t][0], 0, counts[t][2]) for t in gold_types}
        return {"matching": matching, "per_type": per_type, "micro": _prf(*total)}
    excluded = set(exclude_types)
    rows = {t: _prf(*counts[t]) for t in sorted(counts)}
    total = [sum(c[i] for t, c in counts.items() if t not in excluded) for i in range(3)]
    return {"matching": matching, "per_type": rows, "micro": _prf(*total)}


def score_all(gold: Dict[str, List[Span]], pred: Dict[str, List[Span]],
              exclude_types: Iterable[str] = ()) -> Dict[str, object]:
    """All three matchings, plus the micro average without ``exclude_types`` (typed only)."""
    result: Dict[str, object] = {m: score(gold, pred, m) for m in MATCHINGS}
    if exclude_types:
        for m in ("exact", "overlap"):
            result[f"{m}_without_{'_'.join(sorted(exclude_types)).lower()}"] = \
                score(gold, pred, m, exclude_types)["micro"]
    return result


def char_to_byte_offsets(text: str) -> List[int]:
    """offsets[i] = UTF-8 byte offset of code point i; offsets[len(text)] = total bytes."""
    offsets = [0] * (len(text) + 1)
    total = 0
    for i, ch in enumerate(text):
        offsets[i] = total
        code = ord(ch)
        total += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    offsets[len(text)] = total
    return offsets
