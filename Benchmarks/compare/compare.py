"""Side-by-side benchmark: Parapet vs Presidio, detect-secrets and Hyperscan, same run, same inputs.

Run through Benchmarks/compare.sh (which sets up Benchmarks/.venv and passes the paths). See
docs/benchmarks.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
import time
from typing import Dict

import inputs as inputs_mod
import report
from scoring import load_gold, score_all
from timing import time_texts

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH)


def default_data_root() -> str:
    if os.environ.get("PARAPET_DATA"):
        return os.environ["PARAPET_DATA"]
    for up in (1, 2):
        candidate = os.path.normpath(os.path.join(REPO, *([".."] * up), "shared", "data"))
        if os.path.isdir(os.path.join(candidate, "pii-dev")):
            return candidate
    return os.path.normpath(os.path.join(REPO, "..", "shared", "data"))


def parse_args(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parapet", default=os.path.join(REPO, ".build", "release", "parapet"),
                        help="parapet binary (default: .build/release/parapet of this checkout)")
    parser.add_argument("--skip-parapet", action="store_true", help="measure only the other tools")
    parser.add_argument("--policy", default="patterns", help="Parapet policy for bench and scan (the default policy's pattern layer)")
    parser.add_argument("--catalog-dir", default=os.path.join(REPO, "Sources", "ParapetPatterns", "Catalog"),
                        help="directory of Parapet's pii.yaml and secrets.yaml (exported to Hyperscan)")
    parser.add_argument("--data-root", default=default_data_root(),
                        help="shared data directory holding pii-dev/ and secrets-dev/ "
                             "(default: $PARAPET_DATA, else ../shared/data or ../../shared/data from the repo)")
    parser.add_argument("--bulk-mb", type=int, default=64, help="size of the large mixed text (MB)")
    parser.add_argument("--chunk-kb", type=int, default=1024, help="record size of the large text (KiB)")
    parser.add_argument("--parapet-bulk-budget", type=float, default=120.0,
                        help="seconds parapet bench may spend on the large text; when the speed measured "
                             "on the short texts says the whole text would take longer, a prefix is used "
                             "(0: always the whole text)")
    parser.add_argument("--iterations", type=int, default=20, help="passes over the short texts (Parapet, Hyperscan)")
    parser.add_argument("--bulk-iterations", type=int, default=1, help="passes over the large text (Parapet, Hyperscan)")
    parser.add_argument("--presidio-sample", type=int, default=300, help="short texts timed with Presidio")
    parser.add_argument("--presidio-bulk-kb", type=int, default=32, help="bytes of the large text timed with Presidio")
    parser.add_argument("--detect-secrets-bulk-kb", type=int, default=256, help="bytes of the large text timed with detect-secrets")
    parser.add_argument("--skip-like-for-like", action="store_true",
                        help="do not also time Parapet with only the PII or only the secrets catalog")
    parser.add_argument("--skip", default="", help="comma-separated tools to leave out: presidio,detect-secrets,hyperscan")
    parser.add_argument("--hs-compile-timeout", type=float, default=20.0,
                        help="seconds a Hyperscan pattern compile may take before that form is given up")
    parser.add_argument("--hs-source", default=os.path.join(BENCH, "hyperscan", "hs_bench.c"))
    parser.add_argument("--workdir", default=None, help="where inputs are generated (default: a temp dir, removed)")
    parser.add_argument("--out", default=os.path.join(BENCH, "results", "compare-latest.json"))
    args = parser.parse_args(argv)
    for name in ("catalog_dir", "data_root", "hs_source", "out", "workdir"):
        if getattr(args, name):
            setattr(args, name, os.path.abspath(getattr(args, name)))
    return args


def log(message: str) -> None:
    print(f"[compare {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace, workdir: str) -> Dict[str, object]:
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    pii_path = os.path.join(args.data_root, "pii-dev", "pii_dev.jsonl")
    secrets_path = os.path.join(args.data_root, "secrets-dev", "secrets_dev.jsonl")
    for path in (pii_path, secrets_path):
        if not os.path.exists(path):
            raise SystemExit(f"compare: dev set not found: {path} (use --data-root)")
    pii_gold, pii_texts = load_gold(pii_path)
    sec_gold, sec_texts = load_gold(secrets_path)
    corpora = {"pii": (pii_gold, pii_texts, pii_path), "secrets": (sec_gold, sec_texts, secrets_path)}

    parapet = None
    if not args.skip_parapet:
        from parapet_tool import Parapet, ParapetMissing
        try:
            parapet = Parapet(os.path.abspath(args.parapet), args.policy, REPO)
        except ParapetMissing as error:
            raise SystemExit(f"compare: {error}")

    log("building inputs")
    built = inputs_mod.build_inputs(workdir, pii_path, secrets_path, args.data_root,
                                    bulk_mb=args.bulk_mb, chunk_bytes=args.chunk_kb * 1024)
    short, bulk, prompts = built["short"], built["bulk"], built.get("prompts")
    result: Dict[str, object] = {
        "generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "inputs": {"short": short.describe(), "bulk": bulk.describe(),
                   **({"prompts": prompts.describe()} if prompts else {}),
                   "dev_sets": {"pii": {"texts": len(pii_gold), "spans": sum(map(len, pii_gold.values()))},
                                "secrets": {"texts": len(sec_gold), "spans": sum(map(len, sec_gold.values()))}}},
        "tools": {},
    }
    tools = result["tools"]
    bulk_text = "\n".join(bulk.texts)

    if parapet is not None:
        log("parapet")
        entry: Dict[str, object] = {"version": parapet.version, "binary": args.parapet, "policy": args.policy}
        cores = os.cpu_count() or 1
        entry["short"], entry["short_all_cores"] = parapet.bench_both(short.jsonl, cores, args.iterations)
        if prompts:
            entry["prompts"] = parapet.bench(prompts.jsonl, 1, args.iterations * 2)
        parapet_bulk = budget_subset(bulk, entry["short"].get("mb_per_s"), args.bulk_iterations,
                                     args.parapet_bulk_budget, workdir)
        entry["bulk_input"] = parapet_bulk.describe()
        entry["bulk"], entry["bulk_all_cores"] = parapet.bench_both(parapet_bulk.jsonl, cores, args.bulk_iterations)
        entry["f1"] = {}
        for name, (gold, _, path) in corpora.items():
            predictions = parapet.spans(path, os.path.join(workdir, f"parapet_{name}.jsonl"))
            entry["f1"][name] = score_corpus(name, gold, predictions)
        if not args.skip_like_for_like:
            # The same short texts with one catalog only: the job Presidio (PII) or detect-secrets
            # (secrets) does, for a like-for-like ratio beside the whole-policy one.
            entry["like_for_like"] = {}
            for catalog in ("pii", "secrets"):
                single = Parapet(os.path.abspath(args.parapet), single_catalog_policy(workdir, catalog), REPO)
                entry["like_for_like"][catalog] = {"short": single.bench(short.jsonl, 1, args.iterations)}
        tools["parapet"] = entry

    if "hyperscan" not in skip:
        log("hyperscan")
        from hyperscan_tool import Hyperscan, build, hs_version
        hs = Hyperscan(build(args.hs_source, workdir), args.catalog_dir, workdir,
                       os.path.join(BENCH, ".venv", "hs-compile-cache.json"), args.hs_compile_timeout)
        entry = {"version": f"libhyperscan {hs_version()}", "patterns": hs.summary}
        entry["short"] = hs.bench(short.lenpref, args.iterations)
        if prompts:
            entry["prompts"] = hs.bench(prompts.lenpref, args.iterations * 2)
        entry["bulk"] = hs.bench(bulk.lenpref, args.bulk_iterations)
        tools["hyperscan-nosom"] = {"version": entry["version"], "note": "same databases without "
                                    "HS_FLAG_SOM_LEFTMOST: match ends only, no spans, no F1",
                                    "short": hs.bench(short.lenpref, args.iterations, som=False),
                                    "bulk": hs.bench(bulk.lenpref, args.bulk_iterations, som=False)}
        entry["f1"] = {}
        for name, (gold, texts, _) in corpora.items():
            ids = list(texts)
            predictions, no_som = hs.spans([texts[i] for i in ids], ids, name)
            entry["f1"][name] = score_corpus(name, gold, predictions)
            entry["f1"][name]["matches_without_start"] = no_som
        tools["hyperscan"] = entry

    if "detect-secrets" not in skip:
        log("detect-secrets")
        from detect_secrets_tool import DetectSecrets
        ds = DetectSecrets()
        entry = {"version": ds.version, "settings": "default_settings() (all plugins, default filters)"}
        entry["short"] = time_texts(ds.raw, short.texts)
        if prompts:
            entry["prompts"] = time_texts(ds.raw, prompts.texts)
        entry["bulk"] = time_texts(ds.raw, [prefix(bulk_text, args.detect_secrets_bulk_kb * 1024)], warmup=0)
        gold, texts, _ = corpora["secrets"]
        entry["f1"] = {"secrets": score_corpus("secrets", gold, {i: ds.spans(t) for i, t in texts.items()})}
        tools["detect-secrets"] = entry

    if "presidio" not in skip:
        log("presidio (loading spaCy)")
        from presidio_tool import Presidio
        pr = Presidio()
        entry = {"version": pr.version, "spacy_model": pr.model, "language": "en"}
        sample = short.texts[: args.presidio_sample]
        entry["short"] = time_texts(pr.analyze, sample)
        if prompts:
            entry["prompts"] = time_texts(pr.analyze, prompts.texts[: args.presidio_sample])
        entry["bulk"] = time_texts(pr.analyze, [prefix(bulk_text, args.presidio_bulk_kb * 1024)], warmup=0)
        gold, texts, _ = corpora["pii"]
        raw = {i: pr.spans(t) for i, t in texts.items()}
        entry["f1"] = {"pii": score_corpus("pii", gold, {i: [s[:3] for s in v] for i, v in raw.items()})}
        entry["f1_threshold_0.5"] = {"pii": score_corpus(
            "pii", gold, {i: [s[:3] for s in v if s[3] >= 0.5] for i, v in raw.items()})}
        tools["presidio"] = entry

    result["ratios"] = report.ratios(tools)
    return result


def single_catalog_policy(workdir: str, catalog: str) -> str:
    """Writes a policy running one catalog as `patterns` runs it (normalizer, min score 0.5, the
    pattern policy's input rule for that family) and returns its path."""
    rule = ("{ id: pseudonymize-pii, when: { category: \"pii.*\", min_score: 0.5, direction: input }, "
            "then: { action: rewrite, operator: pseudonymize } }" if catalog == "pii" else
            "{ id: block-secrets, when: { category: \"secret.*\", min_score: 0.5, direction: input }, "
            "then: { action: block } }")
    path = os.path.join(workdir, f"only-{catalog}.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"version: 1\nname: only-{catalog}\nmode: enforce\nnormalize: true\noverlap: highest_score\n"
                     f"on_scanner_error: block\nscanners:\n  - {{ id: patterns.{catalog}, type: patterns, "
                     f"params: {{ catalogs: [{catalog}], min_score: 0.5 }} }}\nrules:\n  - {rule}\n")
    return path


def budget_subset(bulk: "inputs_mod.InputSet", mb_per_s, iterations: int, budget_s: float,
                  workdir: str) -> "inputs_mod.InputSet":
    """The first records of the large text that ``parapet bench`` can scan within ``budget_s``.

    ``parapet bench`` makes 1 + 2 x iterations passes (warm-up, one-thread latency, all-core
    throughput); at the speed measured on the short texts, the whole large text may not fit the
    run's time budget, and then Parapet gets a prefix of whole records (at least 4).
    """
    if not mb_per_s or budget_s <= 0:
        return bulk
    passes = 1 + 2 * iterations
    max_bytes = budget_s * float(mb_per_s) * 1e6 / passes
    kept: list = []
    size = 0
    for text in bulk.texts:
        if kept and (size >= max_bytes and len(kept) >= 4):
            break
        kept.append(text)
        size += len(text.encode("utf-8"))
    if len(kept) == len(bulk.texts):
        return bulk
    subset = inputs_mod.write_set(workdir, "bulk_parapet", kept)
    subset.extra = {**bulk.extra, "prefix_of_records": len(bulk.texts)}
    return subset


def prefix(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` of whole lines within ``max_bytes`` UTF-8 bytes."""
    data = text.encode("utf-8")[:max_bytes]
    cut = data.rfind(b"\n")
    return data[: cut if cut > 0 else len(data)].decode("utf-8", errors="ignore")


def score_corpus(name: str, gold, predictions) -> Dict[str, object]:
    exclude = ("PERSON", "LOCATION") if name == "pii" else ()
    return score_all(gold, predictions, exclude)


def machine() -> Dict[str, object]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "os": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    started = time.time()
    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        result = run(args, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="parapet-compare-") as workdir:
            result = run(args, workdir)
    result["elapsed_s"] = round(time.time() - started, 1)
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1)
        out.write("\n")
    with open(os.path.splitext(args.out)[0] + ".md", "w", encoding="utf-8") as out:
        out.write(report.markdown(result))
    print(report.table(result))
    log(f"wrote {args.out} in {result['elapsed_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
