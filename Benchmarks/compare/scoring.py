"""Span-level scoring of PII / secret detections against the dev sets.

Gold and predicted spans are UTF-8 byte ranges (half-open) with a type name from
/work/shared/formats/README.md (EMAIL, GITHUB_TOKEN, ...); "*" is a secret of unknown type.

The definitions are those of Benchmarks/score_spans.py (the scorer of `parapet scan` results), so
the figures agree, plus an untyped matching for tools that report secrets without a type:

* ``exact``   true positives = predicted (start, end, type) that equal a gold span (duplicates
  collapse); false positives = the other predictions; false negatives = the other gold spans;
* ``overlap`` a gold span is found if a prediction of its type shares a byte with it (tp / fn);
  a prediction is a false positive if it shares no byte with a gold span of its type;
* ``untyped`` as overlap, ignoring types; "*" predictions count here.

Only the gold types of the corpus are scored: predictions of other types (and "*" in the typed
matchings) are ignored. Precision with no predictions is 1.0, recall with no gold spans 1.0.
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


def _prf(tp: int, fp: int, fn: int) -> Dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


def _count(gold: List[Span], pred: List[Span], matching: str) -> Tuple[int, int, int]:
    """(tp, fp, fn) of one text for one type (or all types when untyped)."""
    if matching == "exact":
        g, p = set(gold), set(pred)
        hits = len(g & p)
        return hits, len(p) - hits, len(g) - hits
    gold_hit = sum(1 for a in gold if any(_overlaps(a, b) for b in pred))
    pred_hit = sum(1 for b in pred if any(_overlaps(a, b) for a in gold))
    return gold_hit, len(pred) - pred_hit, len(gold) - gold_hit


def score(gold: Dict[str, List[Span]], pred: Dict[str, List[Span]], matching: str,
          exclude_types: Iterable[str] = ()) -> Dict[str, object]:
    """Scores predictions against gold for one matching.

    ``exclude_types`` leaves those types out of the micro average (the "PII without PERSON and
    LOCATION" figure); their per-type rows are still computed.
    """
    if matching not in MATCHINGS:
        raise ValueError(f"unknown matching {matching!r}")
    types = sorted({s[2] for spans in gold.values() for s in spans})
    counts: Dict[str, List[int]] = defaultdict(lambda: [0, 0, 0])
    for text_id, gold_spans in gold.items():
        predicted = list(pred.get(text_id, []))
        if matching == "untyped":
            g = [(a, b, "") for a, b, t in gold_spans if t in types]
            p = list({(a, b, "") for a, b, t in predicted if t in types or t == "*"})
            tp, fp, fn = _count(g, p, matching)
            counts["*"][0] += tp
            counts["*"][1] += fp
            counts["*"][2] += fn
            for t in types:  # per-type recall: is each gold span of the type hit by any prediction?
                gt = [(a, b, "") for a, b, ty in gold_spans if ty == t]
                hit = sum(1 for x in gt if any(_overlaps(x, y) for y in p))
                counts[t][0] += hit
                counts[t][2] += len(gt) - hit
            continue
        for t in types:
            g = [s for s in gold_spans if s[2] == t]
            p = [s for s in predicted if s[2] == t]
            tp, fp, fn = _count(g, p, matching)
            counts[t][0] += tp
            counts[t][1] += fp
            counts[t][2] += fn
    if matching == "untyped":
        per_type = {t: _prf(counts[t][0], 0, counts[t][2]) for t in types}
        return {"matching": matching, "per_type": per_type, "micro": _prf(*counts["*"])}
    excluded = set(exclude_types)
    rows = {t: _prf(*counts[t]) for t in types}
    total = [sum(counts[t][i] for t in types if t not in excluded) for i in range(3)]
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
