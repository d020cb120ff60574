#!/usr/bin/env python3
"""Span-level scorer for Parapet's PII and secrets detectors.

Reads a labelled dev/holdout JSONL (records with `id`, `text`, `spans[]` carrying
`start_byte`/`end_byte`/`type`) and a predictions JSONL in the `parapet scan` output format
(records with `id` and `findings[]` carrying `category`/`start_byte`/`end_byte`), maps
categories to scored type names, and prints per-type precision/recall/F1 for exact matches
(same bytes, same type) and overlap matches (same type, ranges intersect), plus micro-F1.

Predictions in the dev sets' own format (`spans[]` with `type`) are accepted too.

    python3 Benchmarks/score_spans.py ../shared/data/pii-dev/pii_dev.jsonl results.jsonl
    python3 Benchmarks/score_spans.py GOLD PRED --types secrets --json
"""
import argparse
import json
import sys
from collections import defaultdict

PII_TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "URL", "PERSON", "LOCATION",
             "DATE_OF_BIRTH", "US_PASSPORT", "US_DRIVER_LICENSE", "CRYPTO"]
SECRET_TYPES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY",
                "GOOGLE_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "JWT", "PRIVATE_KEY", "PASSWORD_IN_URL",
                "GENERIC_SECRET"]


def category_to_type(category):
    """`pii.email` -> EMAIL, `secret.generic` -> GENERIC_SECRET, `secret.jwt` -> JWT."""
    if category == "secret.generic":
        return "GENERIC_SECRET"
    return category.split(".", 1)[-1].upper()


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predicted_spans(record, text_bytes=None):
    spans = []
    for finding in record.get("findings", []):
        spans.append((finding["start_byte"], finding["end_byte"], category_to_type(finding["category"])))
    for span in record.get("spans", []):
        if "start_byte" in span:
            spans.append((span["start_byte"], span["end_byte"], span["type"]))
        elif text_bytes is not None:  # code-point offsets
            spans.append((len(text_bytes[: span["start"]].encode()), len(text_bytes[: span["end"]].encode()), span["type"]))
    return spans


class Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score(gold_records, pred_records, types):
    preds = {str(r["id"]): r for r in pred_records}
    exact, overlap = defaultdict(Counts), defaultdict(Counts)
    missing = 0
    for record in gold_records:
        pred = preds.get(str(record["id"]))
        if pred is None:
            missing += 1
        gold = [(s["start_byte"], s["end_byte"], s["type"]) for s in record["spans"] if s["type"] in types]
        found = [s for s in (predicted_spans(pred, record["text"]) if pred else []) if s[2] in types]
        for t in types:
            g = [(a, b) for a, b, ty in gold if ty == t]
            p = [(a, b) for a, b, ty in found if ty == t]
            hits = len(set(g) & set(p))
            exact[t].tp += hits
            exact[t].fp += len(p) - hits
            exact[t].fn += len(g) - hits
            gold_hit = sum(1 for a, b in g if any(x < b and a < y for x, y in p))
            pred_hit = sum(1 for x, y in p if any(x < b and a < y for a, b in g))
            overlap[t].tp += gold_hit
            overlap[t].fp += len(p) - pred_hit
            overlap[t].fn += len(g) - gold_hit
    return exact, overlap, missing


def micro(table):
    total = Counts()
    for c in table.values():
        total.tp += c.tp
        total.fp += c.fp
        total.fn += c.fn
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold")
    parser.add_argument("predictions")
    parser.add_argument("--types", choices=["auto", "pii", "secrets", "all"], default="auto",
                        help="which scored types count (auto: the types present in the gold file)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead of a table")
    args = parser.parse_args()
    gold = read_jsonl(args.gold)
    preds = read_jsonl(args.predictions)
    if args.types == "pii":
        types = PII_TYPES
    elif args.types == "secrets":
        types = SECRET_TYPES
    elif args.types == "all":
        types = PII_TYPES + SECRET_TYPES
    else:
        present = {s["type"] for r in gold for s in r["spans"]}
        types = [t for t in PII_TYPES + SECRET_TYPES if t in present]
    exact, overlap, missing = score(gold, preds, types)
    if args.json:
        out = {t: {"exact": dict(zip("prf", exact[t].prf())), "overlap": dict(zip("prf", overlap[t].prf())),
                   "gold": exact[t].tp + exact[t].fn} for t in types}
        out["micro"] = {"exact": dict(zip("prf", micro(exact).prf())), "overlap": dict(zip("prf", micro(overlap).prf()))}
        out["missing_ids"] = missing
        json.dump(out, sys.stdout, indent=2)
        print()
        return
    print("| type | P | R | F1 | overlap P | overlap R | overlap F1 | gold |")
    print("|---|---|---|---|---|---|---|---|")
    for t in types:
        e, o = exact[t].prf(), overlap[t].prf()
        print(f"| {t} | {e[0]:.3f} | {e[1]:.3f} | {e[2]:.3f} | {o[0]:.3f} | {o[1]:.3f} | {o[2]:.3f} | {exact[t].tp + exact[t].fn} |")
    e, o = micro(exact).prf(), micro(overlap).prf()
    print(f"| **micro** | {e[0]:.3f} | {e[1]:.3f} | {e[2]:.3f} | {o[0]:.3f} | {o[1]:.3f} | {o[2]:.3f} | {micro(exact).tp + micro(exact).fn} |")
    if missing:
        print(f"warning: {missing} gold ids have no prediction line", file=sys.stderr)


if __name__ == "__main__":
    main()
