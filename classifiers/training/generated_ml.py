"""Multilingual injection / benign prompts from the phrase banks in templates.py (18 languages: en fr de es
it pt nl sv pl ru tr ja zh ko ar hi vi id), with mixed, payload-split and spaced-letter forms and recombined
phrasings of the translation / forget-the-example / ignore-the-typos benign prompts. Brought back from
commits eb11605 and 0336d8f for the n-gram model only (ngram.py --ml): the encoder recipe (data.assemble,
generated.examples) does not use this module, so the encoder's training data is unchanged.

Grouped by template index across languages and derived forms (group `ml-attack-<i>` / `ml-benign-<i>`,
as generated.py names its own multilingual groups), so a dev-fold template is unseen in every language
and form. Rows carry ds = "gen-multilingual-18" so that evaluate.py's `gen-multilingual` report and
thresholds never see them.
"""
from __future__ import annotations

import random

from generated import _ex, _g, _zeros
from templates import ATK_KIND, EN_ATTACKS, EN_BENIGN, LANGS, SPACEABLE

DS = "gen-multilingual-18"


def _fill(tpl, g="", s="", t=""):
    return tpl.replace("{g}", g).replace("{G}", g[:1].upper() + g[1:]).replace("{s}", s).replace("{t}", t)


def _variants(d, tpl):
    """A template filled with each of its language's goals / sentences / topics (or as is)."""
    if "{g}" in tpl or "{G}" in tpl:
        return [_fill(tpl, g=g) for g in d["goals"]]
    if "{s}" in tpl:
        return [_fill(tpl, s=s) for s in d["says"]]
    if "{t}" in tpl:
        return [_fill(tpl, t=t) for t in d["topics"]]
    return [tpl]


def _spaced(text):  # "S a y t h a t ..." (word gaps dropped)
    return " ".join(ch for ch in text if not ch.isspace())


def _hyphened(text):  # "I-g-n-o-r-e a-l-l ..."
    return " ".join("-".join(w) for w in text.split())


def _split(text, join):  # payload splitting: a = "first half", b = "second half", follow a + b
    words = text.split(" ")
    if len(words) >= 4:
        a, b = " ".join(words[:len(words) // 2]), " " + " ".join(words[len(words) // 2:])
    else:  # scripts without spaces
        a, b = text[:len(text) // 2], text[len(text) // 2:]
    return f'a = "{a}"\nb = "{b}"\n{join}'


EN_TRANSLATE = ["Translate into English: {x}", "Please translate this sentence: {x}", "What does this mean in English? {x}"]


def _cut(text, seps):
    """(head, tail) at the first separator found, separator kept with the head; None if none."""
    for sep in seps:
        if sep in text:
            i = text.index(sep) + len(sep)
            return text[:i].strip(), text[i:].strip()
    return None


def _recombined(d, lang):
    """Benign prompts recombined from a language's own templates: the translation request with an English
    instruction or another sentence, the "forget the previous example" and "ignore the typos" clauses with
    other requests. Each recombination is its own group (keys 3b, 3d, 5b, 2b)."""
    topics, out = d["topics"], []
    tr, fg, ty = _cut(d["ben"][3], [": ", "：", ":"]), _cut(d["ben"][5], ["; ", "；", "。", "؛ ", ". "]), \
        _cut(d["ben"][2], ["。", ". ", "? ", "؟ "])
    requests = [_fill(d["ben"][1], t=topics[0]), _fill(d["ben"][6], t=topics[1]), d["ben"][9], d["ben"][15]]
    if tr:
        if lang != "en":
            out += [("3b", EN_TRANSLATE[k % 3].replace("{x}", _fill(tr[1], t=t))) for k, t in enumerate(topics)]
        out += [("3d", f"{tr[0]} {d['ben'][8].split(':')[-1].split('：')[-1].strip()}"), ("3d", f"{tr[0]} {requests[0]}")]
    if fg:
        out += [("5b", f"{fg[0]} {r}") for r in requests]
    if ty:
        out += [("2b", f"{ty[0]} {r}") for r in requests[1:]]
    return out


def _templated(rng):
    """Injection / benign prompts from templates.py. Group = template index (shared by all languages
    and by every derived form), so a dev template is unseen in every language and form."""
    out = []
    atk = lambda text, tid, lang, cat: out.append(_ex(text, DS, _g(f"ml-attack-{tid}"), {"injection": 1},
                                                      "injection", lang, cat))
    ben = lambda text, tid, lang, cat: out.append(_ex(text, DS, _g(f"ml-benign-{tid}"), _zeros(),
                                                      "hard_benign", lang, cat, 1.5))
    for lang in sorted(LANGS):
        d = LANGS[lang]
        attacks = [(tid, v) for tid, tpl in enumerate(d["atk"]) for v in _variants(d, tpl)]
        benign = [(tid, v) for tid, tpl in enumerate(d["ben"]) for v in _variants(d, tpl)]
        for tid, v in attacks:
            atk(v, tid, lang, f"attack_{ATK_KIND[tid]}")
        for tid, v in benign:
            ben(v, tid, lang, f"benign_{tid}")
        for key, v in _recombined(d, lang):  # more phrasings of the hardest benign shapes, own groups
            ben(v, key, lang, f"benign_{key}")
        # benign question followed by an injected instruction (deepset style)
        questions = [(tid, v) for tid, v in benign if tid in (0, 1, 4, 6, 7, 15, 16)]
        openers = [(tid, v) for tid, v in attacks if tid in (0, 1, 2, 3, 8, 12)]
        for _ in range(6):
            (_, q), (tid, a) = rng.choice(questions), rng.choice(openers)
            atk(f"{q} {a}", tid, lang, "mixed_question_then_attack")
        # payload splitting, same shape for attacks and benign requests
        for tid, v in rng.sample([x for x in attacks if x[0] in (0, 1, 4, 12)], 2):
            atk(_split(v, d["join"]), tid, lang, "payload_split")
        for tid, v in rng.sample([x for x in benign if x[0] in (1, 3, 9, 15)], 2):
            ben(_split(v, d["join"]), tid, lang, "benign_split")
        # letters spaced out / hyphenated, for attacks and (fewer) benign prompts
        if lang in SPACEABLE:
            for k, (tid, v) in enumerate(rng.sample([x for x in attacks if x[0] in (0, 1, 7, 8, 11)], 4)):
                atk(_hyphened(v) if k == 3 else _spaced(v), tid, lang, "obfuscated_letters")
            for tid, v in rng.sample([x for x in benign if x[0] in (1, 8, 9, 15, 16)], 2):
                ben(_spaced(v), tid, lang, "benign_spaced")
    for k, text in enumerate(EN_ATTACKS):
        out.append(_ex(text, DS, _g(f"en-attack-{k}"), {"injection": 1}, "injection", "en", "attack_en_extra"))
    for k, text in enumerate(EN_BENIGN):
        out.append(_ex(text, DS, _g(f"en-benign-{k}"), _zeros(), "hard_benign", "en", "benign_en_instruction", 1.5))
    return list({e["id"]: e for e in reversed(out)}.values())[::-1]  # drop repeats (first occurrence wins)


def rows(seed: int):
    """Every templated row (both folds); the caller splits by data.fold_of(group, seed)."""
    return _templated(random.Random(seed + 11))
