"""Ratios of Parapet to each tool, and the printed table."""

from __future__ import annotations

from typing import Dict, List, Optional

ORDER = ("parapet", "hyperscan", "hyperscan-nosom", "detect-secrets", "presidio")


def _get(tool: Dict, *path) -> Optional[float]:
    node = tool
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, (int, float)) else None


def _ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    if a is None or b is None:
        return None
    if b == 0:
        return float("inf") if a > 0 else None
    return round(a / b, 3)


def f1(tool: Dict, corpus: str, matching: str) -> Optional[float]:
    return _get(tool, "f1", corpus, matching, "micro", "f1")


def ratios(tools: Dict[str, Dict]) -> Dict[str, Dict[str, Optional[float]]]:
    """Parapet ÷ tool for speed (higher = Parapet faster) and F1 (higher = Parapet better)."""
    parapet = tools.get("parapet")
    out: Dict[str, Dict[str, Optional[float]]] = {}
    if parapet is None:
        return out
    for name, tool in tools.items():
        if name == "parapet":
            continue
        entry = {
            "texts_per_s": _ratio(_get(parapet, "short", "texts_per_s"), _get(tool, "short", "texts_per_s")),
            "p50_speedup": _ratio(_get(tool, "short", "p50_us"), _get(parapet, "short", "p50_us")),
            "bulk_mb_per_s": _ratio(_get(parapet, "bulk", "mb_per_s"), _get(tool, "bulk", "mb_per_s")),
            "prompts_texts_per_s": _ratio(_get(parapet, "prompts", "texts_per_s"), _get(tool, "prompts", "texts_per_s")),
        }
        # Like for like: Parapet with only the catalog this tool covers (PII for Presidio,
        # secrets for detect-secrets), on the same short texts.
        catalog = {"presidio": "pii", "detect-secrets": "secrets"}.get(name)
        if catalog is not None:
            entry["texts_per_s_same_catalog"] = _ratio(
                _get(parapet, "like_for_like", catalog, "short", "texts_per_s"), _get(tool, "short", "texts_per_s"))
        for corpus, matchings in (("pii", ("exact", "overlap")), ("secrets", ("exact", "overlap", "untyped"))):
            for matching in matchings:
                if f1(tool, corpus, matching) is not None:
                    entry[f"f1_{corpus}_{matching}"] = _ratio(f1(parapet, corpus, matching), f1(tool, corpus, matching))
        out[name] = entry
    return out


def _fmt(value: Optional[float], digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if value == float("inf"):
        return "inf"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def table(result: Dict) -> str:
    tools = result["tools"]
    inputs = result["inputs"]
    lines: List[str] = []
    s, b = inputs["short"], inputs["bulk"]
    lines.append(f"Inputs: {s['records']} short texts (mean {s['mean_bytes']} B, p50 {s['p50_bytes']} B); "
                 f"large mixed text {b['bytes'] / 1e6:.1f} MB in {b['records']} records; "
                 f"dev sets pii {inputs['dev_sets']['pii']['texts']} / secrets {inputs['dev_sets']['secrets']['texts']} texts")
    header = (f"{'tool':<15}{'p50 µs':>10}{'mean µs':>10}{'texts/s':>12}{'bulk MB/s':>11}"
              f"{'PII F1 ex':>10}{'PII F1 ov':>10}{'SEC F1 ex':>10}{'SEC F1 ov':>10}{'SEC untyped':>12}")
    lines += ["", "One thread. F1 = span micro-F1 (ex = exact byte span + type, ov = overlapping span + type,",
              "untyped = overlapping span, any secret type).", header, "-" * len(header)]
    for name in [n for n in ORDER if n in tools] + [n for n in tools if n not in ORDER]:
        tool = tools[name]
        lines.append(f"{name:<15}{_fmt(_get(tool, 'short', 'p50_us')):>10}{_fmt(_get(tool, 'short', 'mean_us')):>10}"
                     f"{_fmt(_get(tool, 'short', 'texts_per_s'), 0):>12}{_fmt(_get(tool, 'bulk', 'mb_per_s'), 3):>11}"
                     f"{_fmt(f1(tool, 'pii', 'exact'), 3):>10}{_fmt(f1(tool, 'pii', 'overlap'), 3):>10}"
                     f"{_fmt(f1(tool, 'secrets', 'exact'), 3):>10}{_fmt(f1(tool, 'secrets', 'overlap'), 3):>10}"
                     f"{_fmt(f1(tool, 'secrets', 'untyped'), 3):>12}")
    cpu = [f"{n} {_fmt(_get(tools[n], 'short', 'cpu_mean_us'))} µs/text, {_fmt(_get(tools[n], 'bulk', 'cpu_mb_per_s'), 3)} MB/s"
           for n in ORDER if n in tools and _get(tools[n], "short", "cpu_mean_us") is not None]
    if cpu:
        lines.append("  CPU time (less sensitive to a busy machine): " + "; ".join(cpu))
    if "prompts" in inputs:
        pi = inputs["prompts"]
        typical = [f"{n} p50 {_fmt(_get(tools[n], 'prompts', 'p50_us'))} µs, {_fmt(_get(tools[n], 'prompts', 'texts_per_s'), 0)} texts/s"
                   for n in ORDER if n in tools and _get(tools[n], "prompts", "p50_us") is not None]
        if typical:
            lines.append(f"  typical prompts ({pi['records']} benign prompts of 250-350 B, mean {pi['mean_bytes']} B, as they are): "
                         + "; ".join(typical))
    if "parapet" in tools:
        p = tools["parapet"]
        if "bulk_input" in p and "prefix_of_records" in p["bulk_input"]:
            lines.append(f"  parapet bulk: first {p['bulk_input']['records']} of {p['bulk_input']['prefix_of_records']} records "
                         f"({p['bulk_input']['bytes'] / 1e6:.1f} MB) of the large text, to fit --parapet-bulk-budget")
        for catalog, figures in (p.get("like_for_like") or {}).items():
            lines.append(f"  parapet, {catalog} catalog only: p50 {_fmt(_get(figures, 'short', 'p50_us'))} µs, "
                         f"{_fmt(_get(figures, 'short', 'texts_per_s'), 0)} texts/s (short texts, one thread)")
        for key, label in (("short_all_cores", "short, all cores"), ("bulk_all_cores", "bulk, all cores")):
            if key in p:
                lines.append(f"  parapet {label}: {_fmt(_get(p, key, 'texts_per_s'), 0)} texts/s, "
                             f"{_fmt(_get(p, key, 'mb_per_s'), 1)} MB/s ({p[key].get('threads')} threads)")
    hs = tools.get("hyperscan")
    if hs:
        summary = hs["patterns"]
        lines.append(f"  hyperscan: {summary['compiled']} of {summary['patterns']} patterns compiled "
                     f"(forms: {summary['forms']})")
    pr = tools.get("presidio")
    if pr:
        lines.append(f"  presidio: {pr['version']}, spaCy model {pr['spacy_model']}; timed on {pr['short']['texts']} short texts; "
                     f"PII F1 at score >= 0.5: exact {_fmt(f1({'f1': pr.get('f1_threshold_0.5', {})}, 'pii', 'exact'), 3)}")
    lines += [""] + per_type_table(tools) + [""]
    ratios_ = result.get("ratios") or {}
    if not ratios_:
        lines.append("Ratios: n/a (" + ("no other tool measured" if "parapet" in tools
                                        else "Parapet not measured: pass --parapet PATH") + ")")
    for name, entry in ratios_.items():
        parts = [f"texts/s x{_fmt(entry['texts_per_s'])}", f"bulk MB/s x{_fmt(entry['bulk_mb_per_s'])}"]
        if entry.get("texts_per_s_same_catalog") is not None:
            parts.insert(1, f"texts/s with the same catalog only x{_fmt(entry['texts_per_s_same_catalog'])}")
        if entry.get("prompts_texts_per_s") is not None:
            parts.insert(1, f"typical prompts texts/s x{_fmt(entry['prompts_texts_per_s'])}")
        parts += [f"{k[3:]} F1 x{_fmt(v)}" for k, v in entry.items() if k.startswith("f1_")]
        lines.append(f"Parapet / {name}: " + ", ".join(parts))
    return "\n".join(lines)


def per_type_table(tools: Dict[str, Dict]) -> List[str]:
    """Per-type F1 (exact / overlap) of each tool on each dev set."""
    lines: List[str] = []
    for corpus in ("pii", "secrets"):
        names = [n for n in ORDER + tuple(tools) if n in tools and _get(tools[n], "f1", corpus, "exact", "micro", "f1") is not None]
        names = list(dict.fromkeys(names))
        if not names:
            continue
        types = list(tools[names[0]]["f1"][corpus]["exact"]["per_type"])
        header = f"{corpus + ' F1 ex/ov':<22}" + "".join(f"{n:>17}" for n in names)
        lines += [header, "-" * len(header)]
        for t in types:
            cells = []
            for n in names:
                e = _get(tools[n], "f1", corpus, "exact", "per_type", t, "f1")
                o = _get(tools[n], "f1", corpus, "overlap", "per_type", t, "f1")
                cells.append(f"{_fmt(e, 2)} / {_fmt(o, 2)}")
            lines.append(f"{t:<22}" + "".join(f"{c:>17}" for c in cells))
        key = "exact_without_location_person"
        if corpus == "pii":
            cells = [f"{_fmt(_get(tools[n], 'f1', corpus, key, 'f1'), 2)} / "
                     f"{_fmt(_get(tools[n], 'f1', corpus, 'overlap_without_location_person', 'f1'), 2)}" for n in names]
            lines.append(f"{'micro w/o PERSON,LOC':<22}" + "".join(f"{c:>17}" for c in cells))
        cells = [f"{_fmt(f1(tools[n], corpus, 'exact'), 2)} / {_fmt(f1(tools[n], corpus, 'overlap'), 2)}" for n in names]
        lines += [f"{'micro':<22}" + "".join(f"{c:>17}" for c in cells), ""]
    return lines


def markdown(result: Dict) -> str:
    """The run's figures as Markdown tables (written beside the JSON, for docs and the README)."""
    tools = result["tools"]
    names = [n for n in ORDER if n in tools]
    inputs = result["inputs"]
    m = result["machine"]
    out = [f"Run of {result['generated_at']} on {m['cores']} cores ({m['cpu']}), load average "
           f"{m['load_average_at_start'][0]} at the start, {m.get('load_average_at_end', ['?'])[0]} at the end; "
           f"{inputs['short']['records']} short texts (mean {inputs['short']['mean_bytes']} B), "
           f"large mixed text {inputs['bulk']['bytes'] / 1e6:.0f} MB.", "",
           "| tool | p50 µs / short text | mean µs | texts/s | bulk MB/s | CPU µs / text¹ | CPU MB/s¹ | "
           "PII micro-F1 exact / overlap | secrets micro-F1 exact / overlap / untyped |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for n in names:
        t = tools[n]
        cpu_us = _get(t, "short", "cpu_mean_us")
        if cpu_us is None and _get(t, "short", "process_cpu_s"):  # parapet: whole-process CPU / texts scanned
            passes = 1 + 2 * t["short"].get("iterations", 1)
            cpu_us = round(t["short"]["process_cpu_s"] * 1e6 / (t["short"]["texts"] * passes), 2)
        cpu_mb = _get(t, "bulk", "cpu_mb_per_s") or _get(t, "bulk", "approx_cpu_mb_per_s")
        pii = "n/a" if f1(t, "pii", "exact") is None else f"{_fmt(f1(t, 'pii', 'exact'), 3)} / {_fmt(f1(t, 'pii', 'overlap'), 3)}"
        sec = "n/a" if f1(t, "secrets", "exact") is None else (
            f"{_fmt(f1(t, 'secrets', 'exact'), 3)} / {_fmt(f1(t, 'secrets', 'overlap'), 3)} / "
            f"{_fmt(f1(t, 'secrets', 'untyped'), 3)}")
        out.append(f"| {n} | {_fmt(_get(t, 'short', 'p50_us'))} | {_fmt(_get(t, 'short', 'mean_us'))} | "
                   f"{_fmt(_get(t, 'short', 'texts_per_s'), 0)} | {_fmt(_get(t, 'bulk', 'mb_per_s'), 3)} | "
                   f"{_fmt(cpu_us)} | {_fmt(cpu_mb, 3)} | {pii} | {sec} |")
    if "prompts" in inputs:
        pi = inputs["prompts"]
        out += ["", f"Typical prompts: {pi['records']} benign prompts of 250-350 B (mean {pi['mean_bytes']} B), each as it is, "
                "one thread:", "", "| tool | p50 µs | mean µs | texts/s | Parapet ÷ tool, texts/s |", "| --- | ---: | ---: | ---: | ---: |"]
        for n in names:
            t = tools[n]
            if _get(t, "prompts", "p50_us") is None:
                continue
            ratio = (result.get("ratios") or {}).get(n, {}).get("prompts_texts_per_s")
            out.append(f"| {n} | {_fmt(_get(t, 'prompts', 'p50_us'))} | {_fmt(_get(t, 'prompts', 'mean_us'))} | "
                       f"{_fmt(_get(t, 'prompts', 'texts_per_s'), 0)} | {'–' if n == 'parapet' else _fmt(ratio)} |")
    if result.get("ratios"):
        out += ["", "| Parapet ÷ | texts/s | texts/s, same catalog only² | bulk MB/s | PII F1 exact | PII F1 overlap | "
                "secrets F1 exact | secrets F1 overlap | secrets F1 untyped |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n, r in result["ratios"].items():
            cells = [r.get(k) for k in ("texts_per_s", "texts_per_s_same_catalog", "bulk_mb_per_s", "f1_pii_exact", "f1_pii_overlap",
                                         "f1_secrets_exact", "f1_secrets_overlap", "f1_secrets_untyped")]
            out.append(f"| {n} | " + " | ".join(_fmt(c) for c in cells) + " |")
    out += ["", "¹ CPU time: for the tools the harness times in process, of the timed loop; for Parapet, of the "
            "whole `parapet bench` process (policy load, warm-up, all passes) divided by the bytes or texts "
            "it scanned: an upper bound.",
            "² Parapet with only the PII catalog (against Presidio) or only the secrets catalog (against "
            "detect-secrets), as `default` runs it, on the same short texts.", "",
            "Per-type F1 (exact / overlap):", "", "```", *per_type_table(tools), "```"]
    return "\n".join(out) + "\n"
