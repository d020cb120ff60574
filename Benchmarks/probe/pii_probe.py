#!/usr/bin/env python3
"""Generate the PII *probe* set: a held-out-style corpus built from our own templates.

The probe imitates the unseen final holdout ("a separate, larger holdout built from different
templates"): same record format, same PII types and value kinds as the dev set in
shared/data/pii-dev, but every template here is a different sentence shape or document kind
(tickets, e-mails and signatures, chat prompts, model answers, CRM JSON, XML, CSV, logs, config,
forms labelled in eight languages, shipping labels, HR / medical / bank documents, ...).

Values come from Faker (pinned to faker==40.63.0, the version that generated the dev set) and from
seeded generators in this file (US driver licences, BTC addresses with real base58check / bech32
checksums, Luhn-failing card numbers, ISBNs, tracking numbers, hashes, ...).  Output is fully
deterministic for a given --seed.

    python3 Benchmarks/probe/pii_probe.py                 # seed 4242 -> Benchmarks/probe/pii_probe.jsonl
    python3 Benchmarks/probe/pii_probe.py --seed 7 --out /tmp/probe7.jsonl

Nothing here is used by the product: no Faker list or template enters Parapet's sources.
"""
import argparse
import collections
import datetime as dt
import hashlib
import ipaddress
import json
import os
import random
import sys

FAKER_VERSION = "40.63.0"
try:
    import faker
    from faker import Faker
except ImportError:  # pragma: no cover
    sys.exit(f"pii_probe.py needs Faker: pip install faker=={FAKER_VERSION}")
if faker.VERSION != FAKER_VERSION:
    sys.exit(f"pii_probe.py is pinned to faker=={FAKER_VERSION} (found {faker.VERSION}); "
             f"pip install faker=={FAKER_VERSION}")

LOCALES = ["en_US", "en_GB", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "pt_PT"]
EN = ["en_US", "en_GB", "en_IE"]
US = ["en_US"]
IBAN_LOCALES = ["en_GB", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "pt_PT"]
LANG = {"en_US": "en", "en_GB": "en", "en_IE": "en", "de_DE": "de", "fr_FR": "fr", "es_ES": "es",
        "it_IT": "it", "nl_NL": "nl", "pl_PL": "pl", "pt_PT": "pt"}

PII_TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "URL", "PERSON", "LOCATION",
             "DATE_OF_BIRTH", "US_PASSPORT", "US_DRIVER_LICENSE", "CRYPTO"]

# --------------------------------------------------------------------------------------------------
# dates

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    # Polish dates use the genitive month name ("12 stycznia 1980").
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
}
# The dev set's DOB formats (English month names).
DEV_DOB_FORMATS = ["%B %d, %Y", "%Y-%m-%d", "%b %d %Y", "%d %B %Y", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y"]
# Localised month-name formats, used where a template is written in that language; subtype "<fmt>@<lang>".
LOCAL_DOB_FORMATS = {
    "de": ["%-d. %B %Y"], "fr": ["%-d %B %Y"], "es": ["%-d de %B de %Y"], "it": ["%-d %B %Y"],
    "nl": ["%-d %B %Y"], "pl": ["%-d %B %Y"], "pt": ["%-d de %B de %Y"],
}
# Numeric dev formats natural for each language.
LOCAL_NUMERIC = {"en": DEV_DOB_FORMATS, "de": ["%d.%m.%Y"], "fr": ["%d/%m/%Y"], "es": ["%d/%m/%Y"],
                 "it": ["%d/%m/%Y"], "nl": ["%d.%m.%Y", "%Y-%m-%d"], "pl": ["%d.%m.%Y"], "pt": ["%d/%m/%Y"]}


def fmt_date(d, fmt, lang="en"):
    names = MONTHS[lang]
    out = fmt.replace("%-d", str(d.day)).replace("%d", f"{d.day:02d}").replace("%m", f"{d.month:02d}")
    out = out.replace("%Y", str(d.year)).replace("%B", names[d.month - 1]).replace("%b", names[d.month - 1][:3])
    return out


# --------------------------------------------------------------------------------------------------
# checksums: Luhn, IBAN mod-97, ISBN-13, base58check, bech32 (BIP-173)

def luhn_ok(number):
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban):
    s = iban.replace(" ", "")
    if len(s) < 15 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def isbn13_check(first12):
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(first12))
    return str((10 - total % 10) % 10)


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def sha256d(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def b58encode(b):
    n = int.from_bytes(b, "big")
    s = ""
    while n:
        n, r = divmod(n, 58)
        s = B58[r] + s
    return "1" * (len(b) - len(b.lstrip(b"\0"))) + s


def b58decode(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(s) - len(s.lstrip("1"))) + body


def base58check_encode(version, payload):
    data = bytes([version]) + payload
    return b58encode(data + sha256d(data)[:4])


def base58check_decode(addr):
    raw = b58decode(addr)
    data, chk = raw[:-4], raw[-4:]
    if sha256d(data)[:4] != chk:
        raise ValueError("bad base58check checksum")
    return data[0], data[1:]


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def bech32_hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def convertbits(data, frombits, tobits, pad=True):
    acc = bits = 0
    out = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        raise ValueError("invalid padding")
    return out


def segwit_encode(hrp, witver, program):
    data = [witver] + convertbits(program, 8, 5)
    pm = bech32_polymod(bech32_hrp_expand(hrp) + data + [0] * 6) ^ 1
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + checksum)


def segwit_decode(addr):
    hrp, _, rest = addr.rpartition("1")
    data = [BECH32.index(c) for c in rest]
    if bech32_polymod(bech32_hrp_expand(hrp) + data) != 1:
        raise ValueError("bad bech32 checksum")
    prog = bytes(convertbits(data[1:-6], 5, 8, pad=False))
    if data[0] != 0 or len(prog) not in (20, 32):
        raise ValueError("bad witness program")
    return hrp, data[0], prog


def ssn_ok(ssn):
    d = "".join(c for c in ssn if c.isdigit())
    return (len(d) == 9 and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00"
            and d[5:] != "0000")


# --------------------------------------------------------------------------------------------------
# record building

class S:
    """A labelled PII value inside a text."""
    __slots__ = ("type", "value", "subtype", "cue")

    def __init__(self, type_, value, subtype=None, cue=True):
        self.type, self.value, self.subtype, self.cue = type_, value, subtype, cue

    def __str__(self):
        return self.value


class N:
    """A labelled hard negative."""
    __slots__ = ("type", "value")

    def __init__(self, type_, value):
        self.type, self.value = type_, value

    def __str__(self):
        return self.value


class Builder:
    def __init__(self):
        self.parts = []

    def __call__(self, *parts):
        for p in parts:
            if p is None or p == "":
                continue
            if isinstance(p, (list, tuple)):
                self(*p)
            else:
                self.parts.append(p)
        return self

    def build(self):
        text, spans, negs, cues = [], [], [], []
        cp = bp = 0
        for p in self.parts:
            s = p if isinstance(p, str) else p.value
            n_cp, n_bp = len(s), len(s.encode("utf-8"))
            if not isinstance(p, str):
                rec = {"start": cp, "end": cp + n_cp, "start_byte": bp, "end_byte": bp + n_bp, "type": p.type}
                if isinstance(p, S):
                    if p.subtype is not None:
                        rec["subtype"] = p.subtype
                    rec["text"] = s
                    spans.append(rec)
                    cues.append(p.cue)
                else:
                    rec["text"] = s
                    negs.append(rec)
            text.append(s)
            cp += n_cp
            bp += n_bp
        joined = "".join(text)
        trimmed = joined.rstrip()
        assert all(r["end"] <= len(trimmed) for r in spans + negs)
        return trimmed, spans, negs, cues


# --------------------------------------------------------------------------------------------------
# value generators

CARD_BRAND_WEIGHTED = ["visa", "visa", "mastercard", "mastercard", "amex", "discover", "jcb", "diners", "maestro"]
BRAND_NAME = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express", "discover": "Discover",
              "jcb": "JCB", "diners": "Diners Club", "maestro": "Maestro"}
DL_STATES = {"CA": "California", "FL": "Florida", "IL": "Illinois", "NY": "New York", "TX": "Texas",
             "WA": "Washington"}
V6_PREFIXES = ["2a01:4f8::", "2a02:8108::", "2600:1f18::", "2001:db8::", "fe80::"]
BICS = {"GB": "BARCGB22", "IE": "AIBKIE2D", "DE": "COBADEFFXXX", "FR": "BNPAFRPPXXX", "ES": "CAIXESBBXXX",
        "IT": "UNCRITMMXXX", "NL": "INGBNL2A", "PL": "PKOPPLPW", "PT": "BCOMPTPL"}
COMPANIES = ["Northwind Logistics", "Bluefin Analytics", "Harbor & Pine Dental", "Kestrel Software",
             "Lumen Facilities", "Orchard Lane Bakery", "Quarry Street Studio", "Vantage Freight",
             "Copperleaf Insurance", "Meridian Care Clinic", "Tidewater Print", "Alder Consulting"]


def group(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


class G:
    def __init__(self, seed):
        Faker.seed(seed)
        self.fk = Faker(LOCALES)
        self.r = random.Random(seed)

    def f(self, loc):
        return self.fk[loc]

    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    # ---- people and places
    def name(self, loc, no_apostrophe=False):
        fk = self.f(loc)
        while True:
            n = f"{fk.first_name()} {fk.last_name()}"
            if "," in n or (no_apostrophe and "'" in n):
                continue
            return n

    def person(self, loc, cue=True, no_apostrophe=False):
        return S("PERSON", self.name(loc, no_apostrophe), loc, cue)

    def city(self, loc, cue=True):
        fk = self.f(loc)
        if loc == "it_IT":
            # Faker's it_IT city list is built from a set, so its order (and city()) depends on
            # PYTHONHASHSEED; draw from the same population in sorted order instead.
            if not hasattr(self, "_it_cities"):
                self._it_cities = sorted(fk.provider("faker.providers.address").cities)
            return S("LOCATION", fk.random_element(self._it_cities), "city", cue)
        return S("LOCATION", fk.city(), "city", cue)

    def address_lines(self, loc):
        return [ln.strip() for ln in self.f(loc).address().split("\n") if ln.strip()]

    def address(self, loc, multiline=False, cue=True):
        lines = self.address_lines(loc)
        return S("LOCATION", ("\n" if multiline else ", ").join(lines), "street_address", cue)

    # ---- contact
    def phone(self, loc):
        fk = self.f(loc)
        while True:
            p = fk.phone_number()
            if "x" not in p:
                return S("PHONE", p, loc)

    def email(self, loc):
        fk = self.f(loc)
        while True:
            e = fk.free_email() if self.chance(0.6) else fk.company_email()
            if "@example." not in e:
                return S("EMAIL", e)

    def url(self, loc):
        fk = self.f(loc)
        k = self.r.random()
        if k < 0.25:
            u = fk.url()
            if self.chance(0.5):
                u = u.rstrip("/")
        elif k < 0.55:
            u = fk.uri()
        elif k < 0.85:
            scheme = self.pick(["https", "https", "http"])
            host = fk.domain_name()
            if self.chance(0.4):
                host = "www." + host
            path = "/".join(fk.uri_path().split("/")[: self.r.randint(1, 3)])
            u = f"{scheme}://{host}/{path}"
            if self.chance(0.6):
                u += f"?{self.pick(['id', 'ref', 'page', 'utm_source', 'q', 'lang'])}={self.r.randint(1, 99999)}"
                if self.chance(0.5):
                    u += f"&{self.pick(['utm_medium', 'tab', 'sort', 'session'])}={fk.word()}"
        else:
            host = fk.domain_name()
            u = f"https://{self.pick(['docs', 'portal', 'shop', 'status', 'app', 'help'])}.{host}/{fk.uri_path()}"
            if self.chance(0.4):
                u += f"#{fk.word()}"
        return S("URL", u)

    # ---- money
    def card_digits(self, brand):
        return self.f("en_US").credit_card_number(brand)

    def card_format(self, digits, brand, style):
        if style == "plain":
            return digits
        sep = " " if style == "space" else "-"
        n = len(digits)
        if brand == "amex" or n == 15:
            sizes = [4, 6, 5]
        elif n == 14:
            sizes = [4, 6, 4]
        elif n == 12:
            sizes = [4, 4, 4]
        else:
            sizes = [4] * (n // 4) + ([n % 4] if n % 4 else [])
        return group(digits, sizes, sep)

    def card(self, brand=None, style=None):
        brand = brand or self.pick(CARD_BRAND_WEIGHTED)
        style = style or self.pick(["plain", "plain", "space", "space", "dash"])
        return S("CREDIT_CARD", self.card_format(self.card_digits(brand), brand, style), brand)

    def card_luhn_fail(self, style=None):
        brand = self.pick(["visa", "visa", "mastercard", "amex", "discover", "jcb"])
        d = self.card_digits(brand)
        bad = d[:-1] + str((int(d[-1]) + self.r.randint(1, 9)) % 10)
        style = style or self.pick(["plain", "space", "dash"])
        return N("NEG_CARD_LUHN_FAIL", self.card_format(bad, brand, style))

    def iban(self, loc, grouped=None):
        if loc not in IBAN_LOCALES:
            loc = self.pick(IBAN_LOCALES)
        raw = self.f(loc).iban()
        if grouped is None:
            grouped = self.chance(0.4)
        value = " ".join(raw[i:i + 4] for i in range(0, len(raw), 4)) if grouped else raw
        return S("IBAN", value, raw[:2])

    # ---- US identifiers
    def ssn(self, style=None):
        raw = self.f("en_US").ssn()
        style = style or self.pick(["dash", "dash", "dash", "plain", "space"])
        d = raw.replace("-", "")
        value = raw if style == "dash" else (d if style == "plain" else f"{d[:3]} {d[3:5]} {d[5:]}")
        return S("US_SSN", value, style)

    def passport(self):
        return S("US_PASSPORT", self.f("en_US").passport_number())

    def dl(self, state=None):
        state = state or self.pick(list(DL_STATES))
        r = self.r
        digits = lambda n: "".join(str(r.randrange(10)) for _ in range(n))
        letter = lambda: chr(65 + r.randrange(26))
        if state == "CA":
            v = letter() + digits(7)
        elif state == "FL":
            d = digits(12)
            v = f"{letter()}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}"
        elif state == "IL":
            d = digits(11)
            v = f"{letter()}{d[:3]}-{d[3:7]}-{d[7:]}"
        elif state == "NY":
            d = digits(9)
            v = f"{d[:3]} {d[3:6]} {d[6:]}"
        elif state == "TX":
            v = digits(8)
        else:  # WA
            alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            v = "WDL" + "".join(r.choice(alnum) for _ in range(9))
        return S("US_DRIVER_LICENSE", v, state)

    # ---- network
    def ip(self, kind=None):
        kind = kind or self.pick(["v4_public", "v4_public", "v4_private", "v6", "v6"])
        fk = self.f("en_US")
        if kind == "v4_public":
            while True:
                v = fk.ipv4_public()
                if ipaddress.ip_address(v).is_global:
                    break
        elif kind == "v4_private":
            v = fk.ipv4_private()
        else:
            if self.chance(0.5):
                v = fk.ipv6()
            else:
                v = self.pick(V6_PREFIXES) + ":".join(f"{self.r.randrange(1, 0x10000):x}" for _ in range(4))
        return S("IP_ADDRESS", v, kind)

    # ---- dates
    def _date(self, lo, hi):
        a, b = dt.date(*lo), dt.date(*hi)
        return a + dt.timedelta(days=self.r.randrange((b - a).days + 1))

    def dob(self, lang="en", fmt=None, local_p=0.5):
        d = self._date((1940, 1, 1), (2006, 12, 31))
        if fmt is None:
            if lang != "en" and self.chance(local_p):
                fmt = self.pick(LOCAL_DOB_FORMATS[lang])
            else:
                fmt = self.pick(LOCAL_NUMERIC[lang] if lang != "en" else DEV_DOB_FORMATS)
        month_lang = lang if fmt in LOCAL_DOB_FORMATS.get(lang, []) else "en"
        sub = fmt if month_lang == "en" else f"{fmt}@{lang}"
        return S("DATE_OF_BIRTH", fmt_date(d, fmt, month_lang), sub)

    def _neg_fmt(self, lang, fmt):
        if fmt is None:
            if lang != "en" and self.chance(0.5):
                fmt = self.pick(LOCAL_DOB_FORMATS[lang])
            else:
                fmt = self.pick(LOCAL_NUMERIC[lang] if lang != "en" else DEV_DOB_FORMATS)
        return fmt, (lang if fmt in LOCAL_DOB_FORMATS.get(lang, []) else "en")

    def date_neg(self, lang="en", fmt=None):
        d = self._date((2019, 1, 1), (2026, 12, 31))
        fmt, month_lang = self._neg_fmt(lang, fmt)
        return N("NEG_DATE_NOT_DOB", fmt_date(d, fmt, month_lang))

    def date_neg_pair(self, lang="en", fmt=None, gap=(1, 30)):
        """Two non-birth dates in the same format, the second gap days after the first."""
        d = self._date((2019, 1, 1), (2026, 11, 30))
        fmt, month_lang = self._neg_fmt(lang, fmt)
        d2 = d + dt.timedelta(days=self.r.randint(*gap))
        return N("NEG_DATE_NOT_DOB", fmt_date(d, fmt, month_lang)), N("NEG_DATE_NOT_DOB", fmt_date(d2, fmt, month_lang))

    def ts_series(self, kind, n):
        first = self.ts(kind, _raw=True)
        out, t = [], first
        for _ in range(n):
            out.append(N("NEG_TIMESTAMP", self._fmt_ts(t, kind)))
            t = t + dt.timedelta(seconds=self.r.randint(1, 400))
        return out

    def ts(self, kind=None, _raw=False):
        kind = kind or self.pick(["iso", "iso_ms", "space", "apache", "syslog", "epoch", "git"])
        d = self._date((2019, 1, 1), (2026, 6, 30))
        t = dt.datetime(d.year, d.month, d.day, self.r.randrange(24), self.r.randrange(60), self.r.randrange(60))
        if _raw:
            return t
        return N("NEG_TIMESTAMP", self._fmt_ts(t, kind))

    def _fmt_ts(self, t, kind):
        d, h, m, s = t.date(), t.hour, t.minute, t.second
        mon = MONTHS["en"][d.month - 1][:3]
        if kind == "iso":
            v = f"{d.isoformat()}T{h:02d}:{m:02d}:{s:02d}Z"
        elif kind == "iso_ms":
            v = f"{d.isoformat()}T{h:02d}:{m:02d}:{s:02d}.{self.r.randrange(1000):03d}{self.pick(['+01:00', '+02:00', 'Z', '-05:00'])}"
        elif kind == "space":
            v = f"{d.isoformat()} {h:02d}:{m:02d}:{s:02d},{self.r.randrange(1000):03d}"
        elif kind == "apache":
            v = f"{d.day:02d}/{mon}/{d.year}:{h:02d}:{m:02d}:{s:02d} +0000"
        elif kind == "syslog":
            v = f"{mon} {d.day:>2} {h:02d}:{m:02d}:{s:02d}"
        elif kind == "git":
            wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday()]
            v = f"{wd} {mon} {d.day} {h:02d}:{m:02d}:{s:02d} {d.year} {self.pick(['+0100', '+0200', '-0500', '+0000'])}"
        else:
            v = str(int(t.replace(tzinfo=dt.timezone.utc).timestamp()))
        return v

    # ---- crypto
    def btc(self, kind=None):
        kind = kind or self.pick(["p2pkh", "p2sh", "bech32", "bech32"])
        if kind == "p2pkh":
            v = base58check_encode(0x00, self.r.randbytes(20))
        elif kind == "p2sh":
            v = base58check_encode(0x05, self.r.randbytes(20))
        else:
            v = segwit_encode("bc", 0, self.r.randbytes(32 if self.chance(0.2) else 20))
        return S("CRYPTO", v, kind)

    # ---- hard negatives
    def hexs(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def digits(self, n):
        return "".join(str(self.r.randrange(10)) for _ in range(n))

    def letter(self):
        return chr(65 + self.r.randrange(26))

    def ean13(self, prefixes):
        first12 = self.pick(prefixes) + self.digits(9)
        return first12 + isbn13_check(first12)

    def one_of(self, forms):
        """The value of one of forms (functions without arguments), picked with randrange(len(forms))."""
        return forms[self.r.randrange(len(forms))]()

    def order(self):
        r, d = self.r, self.digits
        return N("NEG_ORDER_NUMBER", self.one_of([
            lambda: f"ORD-{r.randint(2019, 2026)}-{d(6)}",
            lambda: f"INV-{r.randint(2019, 2026)}-{d(5)}",
            lambda: f"{d(3)}-{d(7)}-{d(7)}",
            lambda: f"#{self.letter()}{d(5)}-{d(2)}",
            lambda: f"RE-{r.randint(2019, 2026)}-{d(4)}",
            lambda: f"PO-45{d(8)}",
            lambda: f"SO{d(6)}",
            lambda: d(r.choice([9, 10, 12])),
        ]))

    def booking_ref(self):
        alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return N("NEG_ORDER_NUMBER", "".join(self.r.choice(alnum) for _ in range(6)))

    def tracking(self):
        r, d = self.r, self.digits
        alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        return N("NEG_TRACKING_NUMBER", self.one_of([
            lambda: "1Z" + "".join(r.choice(alnum) for _ in range(6)) + d(10),
            lambda: group("9400" + d(18), [4, 4, 4, 4, 4, 2], " "),
            lambda: "00340434" + d(12),
            lambda: f"{self.letter()}{self.letter()}{d(9)}GB",
            lambda: "JJD" + d(15),
            lambda: "3S" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + d(9),
        ]))

    def product(self):
        d = self.digits
        return N("NEG_PRODUCT_CODE", self.one_of([
            lambda: self.ean13(["400", "401", "590", "800", "871", "560"]),
            lambda: f"{d(3)}-{d(4)}-{d(2)}",
            lambda: f"{d(4)} {d(4)} {d(2)}",
            lambda: f"{d(4)}-{d(4)}-{d(4)}",
            lambda: f"{d(3)}.{d(3)}.{d(3)}",
            lambda: f"{self.letter()}{self.letter()}{d(5)}/{d(2)}",
        ]))

    def nid(self, kind=None):
        r = self.r
        kind = kind or r.choice(["emp", "cust", "meeting", "member", "ticket"])
        if kind == "emp":
            v = f"E{self.digits(5)}"
        elif kind == "cust":
            v = f"C-{self.digits(6)}"
        elif kind == "meeting":
            d = self.digits(r.choice([10, 11]))
            v = f"{d[:3]} {d[3:7]} {d[7:]}"
        elif kind == "member":
            v = f"{chr(65 + r.randrange(26))}{chr(65 + r.randrange(26))}{self.digits(9)}"
        else:
            v = f"#{self.digits(6)}"
        return N("NEG_ID", v)

    def isbn(self):
        full = self.ean13(["978", "979"])
        if self.chance(0.5):
            full = f"{full[:3]}-{full[3]}-{full[4:8]}-{full[8:12]}-{full[12]}"
        return N("NEG_ISBN", full)

    def version(self, semver=False):
        r = self.r
        forms = [  # the first three are semver
            lambda: f"{r.randint(0, 5)}.{r.randint(0, 30)}.{r.randint(0, 20)}",
            lambda: f"v{r.randint(1, 4)}.{r.randint(0, 20)}.{r.randint(0, 15)}",
            lambda: f"{r.randint(1, 3)}.{r.randint(0, 12)}.{r.randint(0, 9)}-{r.choice(['beta', 'rc', 'alpha'])}.{r.randint(1, 4)}",
            lambda: f"10.0.{r.randint(17000, 26100)}.{r.randint(1, 4500)}",
            lambda: f"{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)}",
            lambda: f"{r.randint(100, 131)}.0.{r.randint(4000, 6999)}.{r.randint(10, 250)}",
        ]
        return N("NEG_VERSION", self.one_of(forms[:3] if semver else forms))

    def uuid(self):
        h = self.hexs(32)
        h = h[:12] + "4" + h[13:16] + self.pick("89ab") + h[17:]
        return N("NEG_UUID", f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")

    def sha(self, short=None):
        short = self.chance(0.4) if short is None else short
        return N("NEG_GIT_SHA", self.hexs(7 if short else 40))

    def hash(self, kind=None):
        kind = kind or self.pick(["sha256", "sha256", "md5", "sha1"])
        n = {"sha256": 64, "md5": 32, "sha1": 40}[kind]
        return N("NEG_HASH", self.hexs(n))


# --------------------------------------------------------------------------------------------------
# templates
#
# Each template function gets the value generator g, the locale of its values, and a Builder b.
# g.neg is drawn per text with the template's neg_p: templates include their hard negatives (dates that
# are not birth dates, ids, timestamps, hashes, ...) only when it is set, so that about a quarter of the
# texts carry negatives.  Templates marked neg_p=1 are negative-focused and always carry them.

TEMPLATES = []


def template(name, kind, locales, n, neg_p=0.0):
    def deco(fn):
        TEMPLATES.append({"name": name, "kind": kind, "locales": locales, "n": n, "neg_p": neg_p, "fn": fn})
        return fn
    return deco


def maybe_ask(g, asks, p=0.6):
    """Optional instruction placed before pasted material."""
    return g.pick(asks) + "\n\n" if g.chance(p) else ""


def each_line(b, items):
    """Yield items, writing a line break to b between them."""
    for i, item in enumerate(items):
        if i:
            b("\n")
        yield item


def fill(b, tpl, vals):
    """Append tpl to b, replacing {key} with vals[key] (a span, a negative or a string)."""
    i = 0
    while i < len(tpl):
        if tpl[i] == "{":
            j = tpl.index("}", i)
            b(vals[tpl[i + 1:j]])
            i = j + 1
        else:
            j = tpl.find("{", i)
            j = len(tpl) if j < 0 else j
            b(tpl[i:j])
            i = j


# 1 ------------------------------------------------------------------------------------------------
@template("tk_double_charge", "ticket", EN + ["de_DE", "nl_NL", "fr_FR"], 13, neg_p=0.35)
def t_double_charge(g, loc, b):
    name, email = g.person(loc), g.email(loc)
    if g.neg:
        b("Ticket ", g.nid("ticket"), " | Priority: high | Channel: web form\n")
    else:
        b("New ticket | Priority: high | Channel: web form\n")
    b("From: ", name, " <", email, ">\n", "Subject: charged twice", (" for order ", g.order()) if g.neg else "", "\n\n")
    card = g.card()
    b(g.pick([
        ["Hello support,\nI was billed twice", (" on ", g.date_neg()) if g.neg else " yesterday",
         " for the same order. The card I used was ", card, ". Please refund the duplicate payment."],
        ["Hi there — two identical charges showed up on my statement. Card number: ", card, "\nI only placed one order."],
        ["Your checkout took my money twice!! card ", card, " — sort it out please."],
    ]))
    if g.chance(0.6):
        b(g.pick(["\nYou can reach me on ", "\nBest number to call: ", "\nPhone:"]), g.phone(loc))


# 2 ------------------------------------------------------------------------------------------------
SIG = {
    "en": (["Hi all,\n\nattached is the revised floor plan for the move. Shout by Thursday if anything looks off.",
            "Hello,\n\nthanks for the quick turnaround on the quote — we're happy to go ahead.",
            "Good morning,\n\nquick reminder that timesheets are due Friday noon."],
           ["Best,", "Kind regards,", "Cheers,", "Many thanks,"], ["M: ", "Mobile: ", "Tel "], ["E: ", "", "Email: "]),
    "de": (["Hallo zusammen,\n\nanbei die überarbeitete Agenda für den Workshop.",
            "Sehr geehrte Damen und Herren,\n\nvielen Dank für Ihr Angebot, wir nehmen es gerne an."],
           ["Viele Grüße", "Mit freundlichen Grüßen", "Beste Grüße"], ["Tel.: ", "Mobil: ", "T "], ["Mail: ", "E-Mail: ", ""]),
    "fr": (["Bonjour,\n\nvous trouverez ci-joint le devis mis à jour.",
            "Bonjour à tous,\n\nla réunion de lancement est confirmée, merci de valider l'ordre du jour."],
           ["Cordialement,", "Bien à vous,", "Belle journée,"], ["Tél : ", "Mob. : ", "Tél. "], ["", "Courriel : "]),
    "es": (["Hola:\n\nos reenvío el presupuesto revisado con los cambios que comentamos.",
            "Buenos días,\n\nadjunto el contrato firmado."],
           ["Un saludo,", "Saludos cordiales,", "Atentamente,"], ["Tel. ", "Móvil: "], ["", "Correo: "]),
    "it": (["Buongiorno,\n\nin allegato trovate il preventivo aggiornato.",
            "Ciao a tutti,\n\nvi ricordo la riunione di domani."],
           ["Cordiali saluti", "Un saluto", "Grazie e buona giornata"], ["cell. ", "Tel. "], ["", "Email: "]),
    "nl": (["Hoi,\n\nin de bijlage vind je de aangepaste planning.",
            "Beste collega's,\n\nde kick-off is verplaatst naar donderdag."],
           ["Met vriendelijke groet,", "Groeten,", "Mvg,"], ["T ", "Tel: ", "M: "], ["E ", ""]),
    "pl": (["Dzień dobry,\n\nw załączniku przesyłam poprawioną ofertę.",
            "Cześć,\n\nprzypominam o jutrzejszym spotkaniu."],
           ["Pozdrawiam", "Z poważaniem", "Serdecznie pozdrawiam"], ["tel. ", "kom. "], ["", "e-mail: "]),
    "pt": (["Olá,\n\nsegue em anexo a proposta revista.",
            "Bom dia,\n\nenvio o contrato assinado para arquivo."],
           ["Cumprimentos,", "Com os melhores cumprimentos,", "Obrigado,"], ["Tlm: ", "Tel.: "], ["", "Email: "]),
}
TITLES = ["Operations Manager", "Account Executive", "Office Manager", "Senior Buyer", "Project Lead",
          "Head of Finance", "Customer Success"]


@template("email_signature", "email", LOCALES, 11)
def t_signature(g, loc, b):
    bodies, closings, tel, mail = SIG[LANG[loc]]
    b(maybe_ask(g, ["Make this email shorter:", "Is the tone of this email ok?", "Translate this email into English:"], 0.4))
    b(g.pick(bodies), "\n\n", g.pick(closings), "\n", g.person(loc), "\n")
    if g.chance(0.6):
        b(g.pick(TITLES), " | ", g.pick(COMPANIES), "\n")
    b(g.pick(tel), g.phone(loc), "\n")
    b(g.pick(mail), g.email(loc))
    if g.chance(0.5):
        b("\n", g.url(loc))


# 3 ------------------------------------------------------------------------------------------------
@template("prompt_reply_new_address", "prompt", LOCALES, 10)
def t_reply_new_address(g, loc, b):
    name, email = g.person(loc), g.email(loc)
    b(g.pick(["Draft a short, friendly reply to this customer. Keep it under 80 words.\n\n",
              "Write a polite answer confirming we've updated their details:\n\n",
              "can you answer this for me? be brief\n\n"]))
    b("> From: ", email, "\n> ")
    b(g.pick([["I moved last month, please send the replacement part to ", g.address(loc), " instead of the old flat."],
              ["New delivery address from now on: ", g.address(loc), ". The old one is no longer valid."],
              ["Could future parcels go to my office (", g.address(loc), ")? Nobody's home during the day."]]))
    b("\n> ", g.pick(["Thanks, ", "Cheers, ", "Regards, ", "— "]), name)


# 4 ------------------------------------------------------------------------------------------------
@template("prompt_chat_thread_summary", "prompt", EN + ["de_DE", "es_ES"], 10, neg_p=0.3)
def t_thread_summary(g, loc, b):
    a, c = g.person(loc), g.person(loc)
    b(g.pick(["Summarise this thread for my manager in 3 bullet points:\n\n",
              "TL;DR this Slack thread please\n\n", "What was agreed here?\n\n"]))
    b("[09:12] ", a, ": we still haven't received the signed NDA\n")
    b("[09:14] ", c, ": I sent it to ", g.email(loc), (" on ", g.date_neg()) if g.neg else " this morning", "\n")
    b("[09:15] ", S("PERSON", a.value, loc), ": ok, checking spam. if it's not there I'll call you on ", g.phone(loc), "\n")
    b("[09:31] ", S("PERSON", c.value, loc), ": 👍")


# 5 ------------------------------------------------------------------------------------------------
@template("ans_extracted_fields", "answer", LOCALES, 10)
def t_extracted(g, loc, b):
    b(g.pick(["Here's what I pulled from the scanned form:\n\n", "I extracted the following details:\n\n",
              "Sure — these are the fields from the PDF:\n\n"]))
    fields = [("Full name", "Name"), ("Date of birth", "Born"), ("Phone", "Telephone"), ("Email", "E-mail"),
              ("Address", "Home address")]
    vals = [g.person(loc), g.dob(), g.phone(loc), g.email(loc), g.address(loc)]
    idx = [0] + sorted(g.r.sample(range(1, 5), g.r.randint(2, 4)))
    style = g.pick(["bold", "plain", "arrow"])
    for i in idx:
        label = g.pick(fields[i])
        if style == "bold":
            b("- **", label, ":** ", vals[i], "\n")
        elif style == "plain":
            b(label, ": ", vals[i], "\n")
        else:
            b("• ", label, " → ", vals[i], "\n")
    b(g.pick(["\nLet me know if you want this as JSON.", "\nOne field (signature) was unreadable.", ""]))


# 6 ------------------------------------------------------------------------------------------------
@template("json_crm_nested", "answer_json", LOCALES, 10, neg_p=0.35)
def t_crm_json(g, loc, b):
    camel = g.chance(0.5)
    k = (lambda c, s: c if camel else s)
    pre = g.chance(0.5)
    if pre:
        b("Here is the customer record as JSON:\n\n```json\n")
    b("{\n")
    if g.neg:
        b("  \"", k("customerId", "customer_id"), "\": \"", g.nid("cust"), "\",\n")
    b("  \"profile\": {\n    \"", k("fullName", "full_name"), "\": \"", g.person(loc), "\",\n")
    b("    \"", k("birthDate", "birth_date"), "\": \"", g.dob(fmt=g.pick(["%Y-%m-%d", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"])), "\",\n")
    b("    \"contact\": {\"mobile\": \"", g.phone(loc), "\", \"mail\": \"", g.email(loc), "\"}\n  },\n")
    b("  \"billing\": {\"iban\": \"", g.iban(loc, grouped=False), "\"")
    if g.neg:
        b(", \"", k("lastInvoice", "last_invoice"), "\": \"", g.order(), "\"},\n")
        b("  \"", k("createdAt", "created_at"), "\": \"", g.ts("iso"), "\"\n}")
    else:
        b(", \"", k("autopay", "auto_pay"), "\": true}\n}")
    if pre:
        b("\n```")


# 7 ------------------------------------------------------------------------------------------------
@template("xml_patient_record", "code", EN, 10, neg_p=0.3)
def t_xml_patient(g, loc, b):
    b(maybe_ask(g, ["Convert this XML to a flat CSV row:", "Validate this against our schema — is birthDate in the right format?",
                    "Why does my XPath //patient/phone return nothing?"]))
    if g.neg:
        b("<patient id=\"", g.nid("member"), "\">\n")
    else:
        b("<patient>\n")
    b("  <name>", g.person(loc), "</name>\n  <birthDate>", g.dob(), "</birthDate>\n")
    if loc == "en_US":
        b("  <ssn>", g.ssn(), "</ssn>\n")
    b("  <phone type=\"", g.pick(["mobile", "home"]), "\">", g.phone(loc), "</phone>\n")
    b("  <address>", g.address(loc), "</address>\n")
    if g.neg:
        b("  <lastVisit>", g.date_neg(fmt="%Y-%m-%d"), "</lastVisit>\n")
    b("</patient>")


# 8 ------------------------------------------------------------------------------------------------
@template("csv_hr_roster", "csv", US, 10, neg_p=0.35)
def t_hr_csv(g, loc, b):
    sep = g.pick([",", ";", "\t"])
    b(maybe_ask(g, ["Find duplicate employees in this export:", "Convert to a markdown table:",
                    "Sort this by date of birth:"]))
    cols = ["full_name", "ssn", "date_of_birth"]
    if g.neg:
        cols = ["employee_id"] + cols + ["start_date"]
    b(sep.join(cols), "\n")
    fmt = g.pick(["%Y-%m-%d", "%m/%d/%Y"])
    rows = g.r.randint(2, 3)
    for i in range(rows):
        if g.neg:
            b(g.nid("emp"), sep)
        b(g.person(loc, no_apostrophe=True), sep, g.ssn(), sep, g.dob(fmt=fmt))
        if g.neg:
            b(sep, g.date_neg(fmt=fmt))
        if i < rows - 1:
            b("\n")


# 9 ------------------------------------------------------------------------------------------------
@template("log_json_auth", "log", LOCALES, 10, neg_p=0.4)
def t_json_log(g, loc, b):
    b(maybe_ask(g, ["Is this a brute-force attempt?", "explain these auth logs", "what should I alert on here?"], 0.5))
    stamps = g.ts_series("iso_ms", g.r.randint(1, 2))
    for stamp in each_line(b, stamps):
        b("{")
        if g.neg:
            b("\"ts\":\"", stamp, "\",")
        b("\"level\":\"", g.pick(["WARN", "INFO", "ERROR"]), "\",\"event\":\"",
          g.pick(["login_failed", "password_reset", "mfa_challenge", "session_created"]), "\",\"user\":\"", g.email(loc),
          "\",\"src_ip\":\"", g.ip(), "\"")
        if g.neg:
            b(",\"request_id\":\"", g.uuid(), "\"")
        b("}")


# 10 -----------------------------------------------------------------------------------------------
@template("log_nginx_access", "log", LOCALES, 11, neg_p=0.4)
def t_nginx(g, loc, b):
    b(maybe_ask(g, ["Why are there so many 302s in this access log?", "Parse these lines into JSON, one object per line.",
                    "Which client is hammering /checkout?"], 0.7))
    stamps = g.ts_series("apache", g.r.randint(1, 3))
    for stamp in each_line(b, stamps):
        path = g.pick(["/checkout?step=2", "/api/v2/cart", "/login", "/static/app.js", "/wp-login.php"])
        b(g.ip(g.pick(["v4_public", "v4_public", "v4_private", "v6"])))
        if g.neg:
            b(" - - [", stamp, "]")
        b(" \"", g.pick(["GET", "POST"]), " ", path, " HTTP/1.1\" ", g.pick(["200", "302", "404", "499"]), " ",
          str(g.r.randint(0, 48000)), " \"", g.url(loc) if g.chance(0.7) else "-", "\" \"Mozilla/5.0 (X11; Linux x86_64)\"")


# 11 -----------------------------------------------------------------------------------------------
@template("log_sshd_auth", "log", EN, 11, neg_p=0.4)
def t_sshd(g, loc, b):
    b(maybe_ask(g, ["Should I be worried about this?", "fail2ban didn't ban these — why?",
                    "Write a fail2ban filter that matches these lines."], 0.6))
    stamps = g.ts_series("syslog", g.r.randint(2, 3))
    host = f"bastion-0{g.r.randint(1, 4)}"
    for stamp in each_line(b, stamps):
        if g.neg:
            b(stamp, " ", host, " ")
        b("sshd[", str(g.r.randint(900, 65000)), "]: ")
        if g.chance(0.65) or not g.neg:
            b("Failed password for invalid user ", g.pick(["admin", "oracle", "test", "ubuntu"]), " from ",
              g.ip(g.pick(["v4_public", "v6"])), " port ", str(g.r.randint(1024, 65535)), " ssh2")
        else:
            b("Accepted publickey for deploy from ", g.ip(g.pick(["v4_private", "v4_public"])), " port ",
              str(g.r.randint(1024, 65535)), " ssh2: ED25519 SHA256 ", g.hash("sha256"))


# 12-18 forms ----------------------------------------------------------------------------------------
def form_fields(g, loc, lang, labels, shuffle=True, drop_p=0.25):
    """labels: field -> label; returns [(label, value)], name first, the rest maybe shuffled / dropped."""
    vals = {"name": g.person(loc), "dob": g.dob(lang, local_p=0.6), "addr": g.address(loc), "city": g.city(loc),
            "phone": g.phone(loc), "email": g.email(loc), "iban": g.iban(loc)}
    keys = [k for k in labels if k == "name" or not g.chance(drop_p)]
    if shuffle and g.chance(0.5):
        head, tail = keys[:1], keys[1:]
        g.r.shuffle(tail)
        keys = head + tail
    return [(labels[k], vals[k]) for k in keys]


def label_form(name, locale, ask_p, asks, title, labels, line, date_line, seps=None, shuffle=True):
    """Register a form template for one locale: an optional ask, a title, one line per field, and, when
    g.neg, a line with a date that is not a birth date.

    title is a string or a list to pick one from.  line is a fill() template for one field with {label},
    {value}, {n} (the field's number), {dots} (a dot leader) and {sep} (picked from seps for every line);
    date_line is a fill() template with {date}.
    """
    lang = LANG[locale]

    @template(name, "form", [locale], 10, neg_p=0.25)
    def t_form(g, loc, b):
        b(maybe_ask(g, asks, ask_p))
        b(g.pick(title) if isinstance(title, list) else title, "\n")
        for n, (label, value) in enumerate(form_fields(g, loc, lang, labels, shuffle), 1):
            vals = {"label": label, "value": value, "n": str(n), "dots": "." * max(3, 24 - len(label))}
            if seps:
                vals["sep"] = g.pick(seps)
            fill(b, line, vals)
        if g.neg:
            fill(b, date_line, {"date": g.date_neg(lang)})
    return t_form


label_form("form_de_mitgliedsantrag", "de_DE", 0.5,
           ["Bitte prüfe den Antrag auf Vollständigkeit:", "Übertrage das in unser CRM-Format:"],
           ["Mitgliedsantrag", "Anmeldung Sportverein", "SEPA-Lastschriftmandat / Mitgliedschaft"],
           {"name": "Vor- und Nachname", "dob": "Geburtsdatum", "addr": "Anschrift", "phone": "Telefon",
            "email": "E-Mail", "iban": "IBAN"},
           line="{label}{sep}{value}\n", date_line="Eintrittsdatum: {date}", seps=[": ", ":", ":  "])
label_form("form_fr_adhesion", "fr_FR", 0.5,
           ["Peux-tu vérifier ce formulaire ?", "Résume cette fiche en une phrase."], "FICHE D'ADHÉSION",
           {"name": "Nom et prénom", "dob": "Date de naissance", "addr": "Adresse postale", "phone": "Tél.",
            "email": "Courriel"},
           line="{label} : {value}\n", date_line="Fait le {date}")
label_form("form_es_tabla_alta", "es_ES", 0.6,
           ["¿Falta algún dato en esta solicitud?", "Pasa esta tabla a JSON, por favor."], "| Campo | Valor |\n|---|---|",
           {"name": "Nombre y apellidos", "dob": "Fecha de nacimiento", "addr": "Domicilio", "phone": "Móvil",
            "email": "Correo electrónico", "iban": "Cuenta (IBAN)"},
           line="| {label} | {value} |\n", date_line="| Fecha de solicitud | {date} |")
label_form("form_it_modulo_puntini", "it_IT", 0.6,
           ["Controlla se il modulo è compilato correttamente:", "Estrai i dati anagrafici da questo modulo."],
           "MODULO DI ISCRIZIONE",
           {"name": "Nominativo", "dob": "Data di nascita", "city": "Comune di residenza", "phone": "Cellulare",
            "email": "E-mail", "iban": "IBAN per il rimborso"},
           line="{label} {dots} {value}\n", date_line="Data compilazione {date}")
label_form("form_nl_tabs", "nl_NL", 0.6,
           ["Kun je dit inschrijfformulier samenvatten?", "Zet dit om naar een CSV-regel."], "Inschrijving huurwoning",
           {"name": "Naam", "dob": "Geboortedatum", "city": "Woonplaats", "phone": "Telefoonnummer",
            "email": "E-mailadres", "iban": "Rekeningnummer (IBAN)"},
           line="{label}\t{value}\n", date_line="Datum bezichtiging\t{date}")
label_form("form_pl_numbered", "pl_PL", 0.6,
           ["Sprawdź, czy formularz jest kompletny:", "Przetłumacz ten formularz na angielski."], "ZGŁOSZENIE UCZESTNICTWA",
           {"name": "Imię i nazwisko", "dob": "Data urodzenia", "addr": "Adres zamieszkania", "phone": "Telefon kontaktowy",
            "email": "Adres e-mail"},
           line="{n}. {label}: {value}\n", date_line="Data zgłoszenia: {date}", shuffle=False)
label_form("form_pt_dash", "pt_PT", 0.6,
           ["Verifica se esta ficha está completa:", "Resume estes dados numa frase."], "Ficha de cliente",
           {"name": "Nome completo", "dob": "Data de nascimento", "addr": "Morada", "phone": "Telemóvel",
            "email": "Email", "iban": "IBAN"},
           line="{label} — {value}\n", date_line="Data de adesão — {date}")


# 19 -----------------------------------------------------------------------------------------------
@template("shipping_label", "form", LOCALES, 10, neg_p=0.3)
def t_label(g, loc, b):
    b(maybe_ask(g, ["OCR of a shipping label, please fix the line breaks:", "Is this label complete for customs?"], 0.5))
    b("FROM: ", g.pick(COMPANIES), "\n\n", g.pick(["SHIP TO:", "DELIVER TO:", "Recipient:"]), "\n")
    b(g.person(loc), "\n", g.address(loc, multiline=True))
    if g.chance(0.7):
        b("\nTel ", g.phone(loc))
    if g.neg:
        b("\n\nTRACKING #: ", g.tracking(), "\nREF: ", g.order(), "   WT 2.4 kg")
    else:
        b("\n\nWT 2.4 kg   PRIORITY")


# 20 -----------------------------------------------------------------------------------------------
@template("email_payroll_onboarding", "email", US, 10, neg_p=0.3)
def t_payroll(g, loc, b):
    b("Subject: payroll setup\n\n", g.pick(["Hi HR team,", "Hello,", "Hi,"]), "\n\n")
    start = (", start date ", g.date_neg()) if g.neg else ""
    b(g.pick([["as requested, my details for payroll: SSN ", g.ssn(), start, "."],
              ["here are the bits you asked for. Social Security number: ", g.ssn(), start, "."]]))
    if g.chance(0.7):
        st = g.pick(list(DL_STATES))
        b(g.pick([" For the I-9 I'll bring my ", " I'll show my "]), DL_STATES[st],
          g.pick([" driver's license, number ", " driver license #", " DL no. "]), g.dl(st), ".")
    b("\n\nThanks,\n", g.person(loc))


# 21 -----------------------------------------------------------------------------------------------
@template("medical_intake", "form", EN, 10, neg_p=0.3)
def t_medical(g, loc, b):
    b(maybe_ask(g, ["Summarise this intake form for the triage nurse.", "Flag anything missing on this intake:"], 0.5))
    b("NEW PATIENT INTAKE\n", g.pick(["Patient name: ", "Patient: "]), g.person(loc), "\n")
    b(g.pick(["D.O.B.: ", "Date of birth: ", "Birthdate: "]), g.dob(), "\n")
    if g.neg:
        b("Visit date: ", g.date_neg(), "\n")
    if g.chance(0.7):
        b("Home address: ", g.address(loc), "\n")
    b("Phone (day): ", g.phone(loc), "\n")
    b("Emergency contact: ", g.person(loc), " — ", g.phone(loc), "\n")
    if g.neg:
        b("Insurance member ID: ", g.nid("member"), "\n")
    b("Allergies: ", g.pick(["penicillin", "none known", "latex"]))


# 22 -----------------------------------------------------------------------------------------------
WIRE = {
    "en": ("Please settle invoice {inv} (issued {date}) by bank transfer to:", "Please send the deposit by bank transfer to:",
           "Account holder", "Reference", "Thank you!"),
    "de": ("Bitte überweisen Sie den Betrag aus Rechnung {inv} vom {date} auf folgendes Konto:",
           "Bitte überweisen Sie die Kaution auf folgendes Konto:", "Kontoinhaber", "Verwendungszweck", "Vielen Dank!"),
    "fr": ("Merci de régler la facture {inv} du {date} par virement :", "Merci de verser l'acompte par virement :",
           "Titulaire du compte", "Référence", "Merci !"),
    "es": ("Le rogamos abone la factura {inv} del {date} mediante transferencia a:", "Puede hacer la transferencia de la fianza a:",
           "Titular", "Concepto", "Gracias."),
    "it": ("Vi preghiamo di saldare la fattura {inv} del {date} con bonifico su:", "Potete versare la caparra con bonifico su:",
           "Intestatario", "Causale", "Grazie."),
    "nl": ("Graag factuur {inv} van {date} overmaken naar:", "Graag de borg overmaken naar:", "Rekeninghouder", "Kenmerk",
           "Alvast bedankt!"),
    "pl": ("Prosimy o opłacenie faktury {inv} z dnia {date} przelewem na konto:", "Kaucję prosimy wpłacić na konto:",
           "Odbiorca", "Tytuł przelewu", "Dziękujemy."),
    "pt": ("Agradecemos o pagamento da fatura {inv} de {date} por transferência para:", "Pode transferir a caução para:",
           "Titular", "Referência", "Obrigado."),
}


@template("wire_instructions", "email", IBAN_LOCALES, 12, neg_p=0.35)
def t_wire(g, loc, b):
    lang = LANG[loc]
    intro, intro_plain, holder, ref, thanks = WIRE[lang]
    inv = g.order()
    if g.neg:
        fill(b, intro, {"inv": inv, "date": g.date_neg(lang)})
    else:
        b(intro_plain)
    b("\n\n", holder, ": ", g.person(loc), "\n")
    iban = g.iban(loc)
    b("IBAN:", g.pick([" ", "", "  "]), iban, "\nBIC: ", BICS[iban.subtype], "\n")
    if g.neg:
        b(ref, ": ", N("NEG_ORDER_NUMBER", inv.value), "\n")
    b("\n", thanks)


# 23 -----------------------------------------------------------------------------------------------
@template("prompt_ssn_paperwork", "prompt", US, 10)
def t_ssn(g, loc, b):
    b(g.pick([
        ["does ", g.ssn(), " look like a valid SSN format? it's for my dad's paperwork"],
        ["Fill in line 1 of the W-4 for me: name ", g.person(loc), ", social security no. ", g.ssn(), "."],
        ["The bank form rejected my SSN (", g.ssn(), "). Is it because of the dashes?"],
        ["How do I tell the IRS my name changed? Old name on card: ", g.person(loc), ", SSN ", g.ssn()],
        [g.ssn(), " <- is this the number they mean by 'TIN' on the 1099?"],
    ]))


# 24 -----------------------------------------------------------------------------------------------
@template("prompt_passport_renewal", "prompt", US, 12, neg_p=0.3)
def t_passport(g, loc, b):
    pp = g.passport()
    if g.neg:
        b(g.pick([
            ["I'm renewing online. Old passport no. ", pp, ", issued ", g.date_neg(), ". Do I need to mail the old book?"],
            ["My passport number is ", pp, " and it expires on ", g.date_neg(), " — can I still fly to Mexico?"],
        ]))
    else:
        b(g.pick([
            ["The ESTA form keeps saying 'invalid passport #' for ", pp, ". What am I doing wrong?"],
            ["passport ", pp, " was stolen yesterday in Rome 😩 what's the fastest way to get an emergency one?"],
            ["Which field on the visa form takes the passport number (", pp, ")? There are two boxes."],
        ]))


# 25 -----------------------------------------------------------------------------------------------
@template("prompt_dl_move_states", "prompt", US, 12)
def t_dl(g, loc, b):
    st = g.pick(list(DL_STATES))
    dl = g.dl(st)
    b(g.pick([
        ["I just moved out of ", DL_STATES[st], ". Do I have to surrender my old driver's license (", dl, ") at the new DMV?"],
        ["DL# ", dl, " (", st, ") — the rental site says it's invalid. Is the format wrong?"],
        ["How many points are on license no. ", dl, "? It's a ", DL_STATES[st], " one."],
        ["Got a ticket; the officer wrote my driver licence number as ", dl, ". Should I contest it?"],
    ]))


# 26 -----------------------------------------------------------------------------------------------
@template("ans_card_grouping", "answer", LOCALES, 12)
def t_card_answer(g, loc, b):
    card = g.card(style=g.pick(["space", "dash"]))
    opener, closer = g.pick([("Sure! Here is the number grouped for readability:\n\n`", "`\n\n"),
                             ("Formatted:\n\n    ", "\n\n"), ("Done — ", ".\n\n")])
    b(opener, card, closer)
    b("The prefix identifies it as ", BRAND_NAME[card.subtype], ", and the check digit is consistent with the Luhn algorithm.")
    if g.chance(0.4):
        b(" Please avoid pasting full card numbers into chats — I'd suggest masking it as **** ", card.value[-4:], ".")


# 27 -----------------------------------------------------------------------------------------------
@template("md_donation_section", "code", LOCALES, 11)
def t_donate(g, loc, b):
    b(maybe_ask(g, ["Improve the wording of this README section:", "Translate this section into German:"], 0.5))
    b("## Support the project\n\nThis tool is maintained in spare time by ", g.person(loc), ". ")
    b("If it saves you time, consider a donation:\n\n")
    b("- Bitcoin: `", g.btc(g.pick(["bech32", "bech32", "p2pkh", "p2sh"])), "`\n")
    if g.chance(0.5):
        b("- Bitcoin (legacy): ", g.btc(g.pick(["p2pkh", "p2sh"])), "\n")
    b("- Sponsors page: ", g.url(loc), "\n\nThank you! ❤️")


# 28 -----------------------------------------------------------------------------------------------
@template("prompt_btc_unconfirmed", "prompt", LOCALES, 12, neg_p=0.3)
def t_btc_unconfirmed(g, loc, b):
    if g.neg:
        b("sent 0.0", str(g.r.randint(10, 999)), " BTC to ", g.btc(), " about 3h ago, txid ", g.hash("sha256"),
          " — still 0 confirmations. fee was ", str(g.r.randint(2, 12)), " sat/vB. should I bump it with RBF?")
    else:
        b(g.pick([
            ["My exchange says withdrawal to \"", g.btc(), "\" is complete but the wallet shows nothing. Who do I contact?"],
            ["Is this a valid address or a scam? ", g.btc(), "\nThe 'support agent' asked me to send my coins there."],
            ["Which address type is ", g.btc(), "? legacy, P2SH or SegWit?"],
        ]))


# 29 -----------------------------------------------------------------------------------------------
@template("csv_wallet_export", "csv", LOCALES, 11, neg_p=0.35)
def t_wallet_csv(g, loc, b):
    b(maybe_ask(g, ["Compute my net BTC flow from this export:", "Which of these are incoming?",
                    "Turn this into a tax lot report"], 0.7))
    b("timestamp,direction,amount_btc,counterparty,txid\n" if g.neg else "label,direction,amount_btc,address\n")
    rows = g.r.randint(2, 3)
    stamps = g.ts_series("iso", rows)
    for i in range(rows):
        if g.neg:
            b(stamps[i], ",", g.pick(["in", "out"]), ",", f"0.{g.r.randint(1, 99999):05d}", ",", g.btc(), ",", g.hash("sha256"))
        else:
            b(g.pick(["cold storage", "exchange", "mining payout", "rent", "gift"]), ",", g.pick(["in", "out"]), ",",
              f"0.{g.r.randint(1, 99999):05d}", ",", g.btc())
        if i < rows - 1:
            b("\n")


# 30 -----------------------------------------------------------------------------------------------
@template("conf_nginx_allowlist", "code", EN + ["de_DE", "nl_NL"], 11)
def t_nginx_conf(g, loc, b):
    b(maybe_ask(g, ["Why can I still reach /admin from home?", "Add my new home IP to this block:",
                    "Is the order of allow/deny right here?"], 0.7))
    b("location /admin {\n")
    for _ in range(g.r.randint(2, 3)):
        b("    allow ", g.ip(), ";", g.pick(["   # office VPN", "   # home", "", "  # CI runner"]), "\n")
    b("    deny  all;\n    proxy_pass ", g.url(loc), ";\n}")


# 31 -----------------------------------------------------------------------------------------------
@template("compose_env", "code", LOCALES, 11, neg_p=0.3)
def t_compose(g, loc, b):
    b(maybe_ask(g, ["My container can't reach the webhook — anything wrong in this compose file?",
                    "Convert this to a Kubernetes Deployment."], 0.7))
    b("services:\n  api:\n    image: ghcr.io/acme/api:", g.version(semver=True) if g.neg else "latest", "\n    environment:\n")
    b("      WEBHOOK_URL: ", g.url(loc), "\n")
    b("      BIND_ADDR: \"", g.ip(g.pick(["v4_private", "v4_public", "v6"])), "\"\n")
    b("      ALERT_EMAIL: ", g.email(loc))
    if g.neg:
        b("\n      BUILD_SHA: ", g.sha(False))


# 32 -----------------------------------------------------------------------------------------------
@template("py_contacts_keyerror", "prompt", LOCALES, 10)
def t_py_bug(g, loc, b):
    b(g.pick(["why does this throw KeyError: 'phone'?\n\n", "Fix this loop please:\n\n", "What's wrong here?\n\n"]))
    b("```python\npeople = [\n")
    b("    {\"name\": \"", g.person(loc), "\", \"tel\": \"", g.phone(loc), "\"},\n")
    b("    {\"name\": \"", g.person(loc), "\", \"phone\": \"", g.phone(loc), "\"},\n")
    b("]\nfor p in people:\n    print(p[\"phone\"])\n```")


# 33 -----------------------------------------------------------------------------------------------
@template("sql_insert_customers", "code", LOCALES, 10, neg_p=0.3)
def t_sql(g, loc, b):
    b(maybe_ask(g, ["How do I make email unique without breaking this insert?", "Rewrite as an UPSERT for Postgres:"], 0.7))
    b("INSERT INTO customers (full_name, email, city", ", created_at" if g.neg else "", ") VALUES\n")
    rows = g.r.randint(1, 2)
    for i in range(rows):
        b("  ('", g.person(loc, no_apostrophe=True), "', '", g.email(loc), "', '", g.city(loc), "'")
        if g.neg:
            b(", '", g.ts("space"), "'")
        b(")", "," if i < rows - 1 else ";", "\n")


# 34 -----------------------------------------------------------------------------------------------
OOO = {
    "en": ("I'm out of the office until {d} with limited access to email. For urgent matters please contact {p} ({e}, {t}).",
           "I'm travelling this week with limited access to email. For urgent matters please contact {p} ({e}, {t})."),
    "de": ("Ich bin bis einschließlich {d} nicht im Büro. In dringenden Fällen wenden Sie sich bitte an {p} ({e}, {t}).",
           "Ich bin derzeit nicht im Büro. In dringenden Fällen wenden Sie sich bitte an {p} ({e}, {t})."),
    "fr": ("Je suis absent(e) jusqu'au {d}. Pour toute urgence, merci de contacter {p} ({e}, {t}).",
           "Je suis actuellement en congé. Pour toute urgence, merci de contacter {p} ({e}, {t})."),
    "es": ("Estaré fuera de la oficina hasta el {d}. Para asuntos urgentes, contacte con {p} ({e}, {t}).",
           "Estoy de vacaciones. Para asuntos urgentes, contacte con {p} ({e}, {t})."),
    "it": ("Sarò fuori ufficio fino al {d}. Per urgenze rivolgersi a {p} ({e}, {t}).",
           "Sono fuori ufficio questa settimana. Per urgenze rivolgersi a {p} ({e}, {t})."),
    "nl": ("Ik ben afwezig tot en met {d}. Voor dringende zaken kunt u contact opnemen met {p} ({e}, {t}).",
           "Ik ben deze week afwezig. Voor dringende zaken kunt u contact opnemen met {p} ({e}, {t})."),
    "pl": ("Jestem poza biurem do {d}. W pilnych sprawach proszę kontaktować się z: {p} ({e}, {t}).",
           "Jestem na urlopie. W pilnych sprawach proszę kontaktować się z: {p} ({e}, {t})."),
    "pt": ("Estou ausente do escritório até {d}. Para assuntos urgentes contacte {p} ({e}, {t}).",
           "Estou de férias esta semana. Para assuntos urgentes contacte {p} ({e}, {t})."),
}


@template("ooo_autoreply", "email", LOCALES, 12, neg_p=0.35)
def t_ooo(g, loc, b):
    lang = LANG[loc]
    with_date, without = OOO[lang]
    vals = {"p": g.person(loc), "e": g.email(loc), "t": g.phone(loc)}
    if g.neg:
        vals["d"] = g.date_neg(lang)
    if g.chance(0.4):
        b("Auto-reply: ")
    fill(b, with_date if g.neg else without, vals)


# 35 -----------------------------------------------------------------------------------------------
BOOK = {
    "en": ("Booking confirmed ✅", "Guest", "Check-in", "Check-out", "Booking ref", "Phone", "Guarantee card"),
    "de": ("Buchung bestätigt ✅", "Gast", "Anreise", "Abreise", "Buchungsnummer", "Telefon", "Kreditkarte (Garantie)"),
    "fr": ("Réservation confirmée ✅", "Client", "Arrivée", "Départ", "N° de réservation", "Tél.", "Carte de garantie"),
    "es": ("Reserva confirmada ✅", "Huésped", "Entrada", "Salida", "Localizador", "Teléfono", "Tarjeta de garantía"),
    "it": ("Prenotazione confermata ✅", "Ospite", "Arrivo", "Partenza", "Codice prenotazione", "Telefono", "Carta a garanzia"),
    "nl": ("Boeking bevestigd ✅", "Gast", "Aankomst", "Vertrek", "Boekingsnummer", "Telefoon", "Garantiekaart"),
    "pl": ("Rezerwacja potwierdzona ✅", "Gość", "Przyjazd", "Wyjazd", "Numer rezerwacji", "Telefon", "Karta gwarancyjna"),
    "pt": ("Reserva confirmada ✅", "Hóspede", "Entrada", "Saída", "Referência", "Telefone", "Cartão de garantia"),
}


@template("booking_confirmation", "email", LOCALES, 12, neg_p=0.4)
def t_booking(g, loc, b):
    lang = LANG[loc]
    title, guest, cin, cout, ref, tel, cardlab = BOOK[lang]
    b(maybe_ask(g, ["Add this to my calendar:", "Translate this confirmation into English:"], 0.4))
    b(title, "\n", guest, ": ", g.person(loc), "\n")
    if g.neg:
        arrive, leave = g.date_neg_pair(lang, gap=(1, 9))
        b(cin, ": ", arrive, "\n", cout, ": ", leave, "\n", ref, ": ", g.booking_ref(), "\n")
    b(tel, ": ", g.phone(loc))
    if g.chance(0.7):
        b("\n", cardlab, ": ", g.card())


# 36 -----------------------------------------------------------------------------------------------
@template("ans_passport_scan", "answer", US, 12, neg_p=0.3)
def t_kyc(g, loc, b):
    b(g.pick(["Based on the image you uploaded, this is a U.S. passport. ", "From the photo page I can read: "]))
    b(g.pick(["Holder: ", "Name: "]), g.person(loc), ". ")
    b(g.pick(["Passport No. ", "Document number ", "Passport number: "]), g.passport(), ". ")
    b("Date of birth ", g.dob(), ".")
    if g.neg:
        b(" Expires ", g.date_neg(), ".")
    if g.chance(0.6):
        b(" Place of birth: ", g.city(loc), ".")
    b(g.pick(["", " The MRZ at the bottom is partly cut off, so please double-check the number."]))


# 37 -----------------------------------------------------------------------------------------------
@template("email_insurance_claim", "email", US, 11, neg_p=0.35)
def t_claim(g, loc, b):
    b("Re: ", ("claim ", g.nid("ticket")) if g.neg else "my accident claim", "\n\n",
      g.pick(["To whom it may concern,", "Hello claims team,"]), "\n\n")
    st1, st2 = g.pick(list(DL_STATES)), g.pick(list(DL_STATES))
    b("the collision happened ", ("on ", g.date_neg()) if g.neg else "last Friday", ". Policyholder: ", g.person(loc),
      ", driver's license ", st1, " ", g.dl(st1), ", SSN ", g.ssn(), ".\n")
    if g.chance(0.7):
        b("Other driver: ", g.person(loc), ", license no. ", g.dl(st2), ", phone ", g.phone(loc), ".\n")
    b("\nPhotos attached.")


# 38 -----------------------------------------------------------------------------------------------
@template("md_table_oncall", "answer", LOCALES, 10)
def t_table(g, loc, b):
    b(g.pick(["Here's the on-call rota as a table:\n\n", "Sure, formatted:\n\n"]))
    b("| Week | Engineer | Phone | Email |\n|---|---|---|---|\n")
    for i in range(g.r.randint(2, 3)):
        b(f"| {i + 1} | ", g.person(loc), " | ", g.phone(loc), " | ", g.email(loc), " |\n")
    b(g.pick(["\nSwap requests go through the team lead.", ""]))


# 39 -----------------------------------------------------------------------------------------------
@template("git_log_author", "log", LOCALES, 10, neg_p=0.35)
def t_gitlog(g, loc, b):
    if g.neg:
        b(maybe_ask(g, ["Who should I ask about this change?", "Squash these into one message:"], 0.6))
        for i in range(g.r.randint(1, 2)):
            if i:
                b("\n\n")
            b("commit ", g.sha(False), "\nAuthor: ", g.person(loc), " <", g.email(loc), ">\nDate:   ", g.ts("git"), "\n\n    ",
              g.pick(["fix: handle empty cart", "chore: bump deps", "feat: add CSV export", "docs: typo"]))
    else:
        b(g.pick(["Output of git shortlog -se, who are the main contributors?\n\n",
                  "Make a CONTRIBUTORS.md from this:\n\n"]))
        for i in range(g.r.randint(2, 3)):
            b(f"{g.r.randint(3, 420):>6}\t", g.person(loc), " <", g.email(loc), ">\n")


# 40 -----------------------------------------------------------------------------------------------
@template("http_request_dump", "code", LOCALES, 10, neg_p=0.3)
def t_http(g, loc, b):
    b(maybe_ask(g, ["Why does the server return 400 for this request?", "Turn this into a curl command:"], 0.7))
    b("POST /v1/signup HTTP/1.1\nHost: api.internal\nX-Forwarded-For: ", g.ip("v4_public"), ", ", g.ip("v4_private"), "\n")
    b("Referer: ", g.url(loc), "\nContent-Type: application/json\n")
    if g.neg:
        b("X-Request-Id: ", g.uuid(), "\n")
    b("\n{\"email\": \"", g.email(loc), "\", \"plan\": \"pro\"}")


# 41 -----------------------------------------------------------------------------------------------
@template("vcard_contact", "code", LOCALES, 10)
def t_vcard(g, loc, b):
    b(maybe_ask(g, ["Import this into Google Contacts — which fields will be lost?", "Convert this vCard to JSON:"], 0.6))
    b("BEGIN:VCARD\nVERSION:4.0\nFN:", g.person(loc), "\nTEL;TYPE=cell:", g.phone(loc), "\nEMAIL:", g.email(loc), "\n")
    if g.chance(0.7):
        b("BDAY:", g.dob(fmt="%Y-%m-%d"), "\n")
    if g.chance(0.5):
        b("URL:", g.url(loc), "\n")
    b("END:VCARD")


# 42 -----------------------------------------------------------------------------------------------
@template("prompt_car_rental_ids", "prompt", US, 12)
def t_rental(g, loc, b):
    st = g.pick(list(DL_STATES))
    b(g.pick([
        ["Renting a car at LAX next week 🚗 the form wants my license (", DL_STATES[st], ", ", g.dl(st),
         ") AND passport ", g.passport(), " as second ID. Is that normal?"],
        ["Can you fill this rental form for me? Driver: ", g.person(loc), ", lic. ", g.dl(st), " (", st, "), passport no. ",
         g.passport(), "."],
    ]))


# 43 -----------------------------------------------------------------------------------------------
@template("ans_trip_itinerary", "answer", US, 12, neg_p=0.35)
def t_itinerary(g, loc, b):
    b(g.pick(["Your trip is all set ✈️\n\n", "Here's a summary of the booking:\n\n"]))
    b("Traveller: ", g.person(loc), "\nPassport: ", g.passport(), "\n")
    if g.neg:
        b("Flight: LH 431 on ", g.date_neg(), "\nBooking code: ", g.booking_ref(), "\n")
    else:
        b("Flight: LH 431, seat 23C\n")
    if g.chance(0.7):
        b("Hotel: ", g.address(g.pick(["de_DE", "fr_FR", "it_IT", "es_ES", "nl_NL", "pt_PT"])), "\n")
    b("\nRemember that your passport must be valid for 3 months after return.")


# 44 -----------------------------------------------------------------------------------------------
@template("prompt_tax_dependents", "prompt", US, 10)
def t_dependents(g, loc, b):
    b(g.pick(["Add my kids as dependents: ", "Dependents for this year's return — "]))
    for i in range(g.r.randint(1, 2)):
        if i:
            b("; ")
        b(g.person(loc), ", SSN ", g.ssn(), ", born ", g.dob(fmt=g.pick(["%m/%d/%Y", "%B %d, %Y", "%Y-%m-%d"])))
    b(g.pick([". How much is the child tax credit?", ". Do both qualify?"]))


# 45 -----------------------------------------------------------------------------------------------
@template("ticket_account_locked", "ticket", LOCALES, 10, neg_p=0.35)
def t_locked(g, loc, b):
    b("[", g.pick(["JIRA", "Zendesk", "Freshdesk"]), "] ", g.nid("ticket") if g.neg else "new", " — account locked\n")
    b("Reporter: ", g.person(loc), "\n")
    if g.neg:
        last = g.ts("iso", _raw=True)
        since = last + dt.timedelta(days=g.r.randint(1, 5))
        b("Description: user can't log in since ", N("NEG_DATE_NOT_DOB", since.date().isoformat()),
          ". Last successful login from ", g.ip(), " at ", N("NEG_TIMESTAMP", g._fmt_ts(last, "iso")), ".\n")
    else:
        b("Description: user can't log in since the password reset. Last successful login from ", g.ip(), ".\n")
    b("Contact:", g.email(loc))
    if g.chance(0.5):
        b(" / ", g.phone(loc))


# 46 -----------------------------------------------------------------------------------------------
HOME = {
    "en": ["{p} lives in {c} now, right?", "I think {p} is originally from {c}."],
    "de": ["{p} lebt inzwischen in {c}, oder?", "Soweit ich weiß, stammt {p} aus {c}."],
    "fr": ["{p} habite à {c} maintenant, non ?", "Je crois que {p} est originaire de {c}."],
    "es": ["{p} vive en {c} ahora, ¿no?", "Creo que {p} es natural de {c}."],
    "it": ["{p} abita a {c} adesso, giusto?", "Mi pare che {p} sia originario di {c}."],
    "nl": ["{p} woont nu in {c}, toch?", "Volgens mij komt {p} oorspronkelijk uit {c}."],
    "pl": ["{p} przeprowadził się, nowe miasto: {c}.", "{p} pochodzi z miejscowości {c}."],
    "pt": ["{p} mora em {c} agora, certo?", "Acho que {p} é natural de {c}."],
}


@template("chat_where_lives", "prompt", LOCALES, 10)
def t_lives(g, loc, b):
    b(g.pick(["Quick check before I send the invite: ", "Context for the seating plan — ", ""]))
    fill(b, g.pick(HOME[LANG[loc]]), {"p": g.person(loc), "c": g.city(loc)})
    b(g.pick([" Write a short welcome note mentioning it.", " Suggest a restaurant nearby.", ""]))


# 47 -----------------------------------------------------------------------------------------------
@template("ans_btc_address_type", "answer", LOCALES, 11)
def t_btc_answer(g, loc, b):
    addr = g.btc()
    b("Your address ", addr, " is a ", {"p2pkh": "legacy (P2PKH)", "p2sh": "P2SH", "bech32": "native SegWit (bech32)"}[addr.subtype],
      " address. ")
    b(g.pick(["It's safe to share for receiving funds, but never share your 12-word seed phrase.",
              "Anyone can send to it; only the holder of the private key can spend from it."]))
    if g.chance(0.5):
        other = g.pick([k for k in ("p2pkh", "p2sh", "bech32") if k != addr.subtype])
        b(" For comparison, ", {"p2pkh": "a legacy address starts with 1", "p2sh": "a P2SH address starts with 3",
                                "bech32": "a native SegWit address starts with bc1q"}[other], ", e.g. ", g.btc(other), ".")


# 48 -----------------------------------------------------------------------------------------------
@template("ans_firewall_incident", "answer", LOCALES, 11, neg_p=0.3)
def t_fw_answer(g, loc, b):
    b(g.pick(["Looking at the logs, the traffic comes from ", "The suspicious requests originate from "]))
    b(g.ip("v4_public"), " and ", g.ip("v6"), ". ")
    if g.neg:
        t0, t1 = g.ts_series("iso", 2)
        b("Both addresses hit /wp-login.php repeatedly between ", t0, " and ", t1, ".")
    else:
        b("I'd block both at the edge and rotate the API key that was used.")
    if g.chance(0.4):
        b(" Your internal host ", g.ip("v4_private"), " was not affected.")


# 49 -----------------------------------------------------------------------------------------------
@template("voicemail_transcript", "prompt", EN, 10)
def t_voicemail(g, loc, b):
    ph = g.phone(loc)
    b(g.pick(["Clean up this voicemail transcript:\n\n\"", "Turn this voicemail into a to-do item: \""]))
    b("uh hi, this is ", g.person(loc), " calling about the flat on ", g.address(loc),
      ", um, the boiler is leaking again. call me back on ", ph)
    if g.chance(0.5):
        b(", that's ", S("PHONE", ph.value, ph.subtype))
    b(", thanks, bye\"")


# 50 -----------------------------------------------------------------------------------------------
CARD_DECLINED = {
    "en": "my card {c} keeps getting declined at checkout but works everywhere else. any idea why?",
    "de": "Meine Karte {c} wird beim Bezahlen ständig abgelehnt – woran kann das liegen?",
    "fr": "Ma carte {c} est refusée à chaque paiement, pourquoi ?",
    "es": "Mi tarjeta {c} sigue siendo rechazada al pagar, ¿qué hago?",
    "it": "La mia carta {c} viene sempre rifiutata al pagamento, come mai?",
    "nl": "Mijn kaart {c} wordt steeds geweigerd bij het afrekenen. Hoe kan dat?",
    "pl": "Moja karta {c} jest ciągle odrzucana przy płatności. Dlaczego?",
    "pt": "O meu cartão {c} está sempre a ser recusado no pagamento. Porquê?",
}


@template("chat_card_declined", "prompt", LOCALES, 13, neg_p=0.25)
def t_card_declined(g, loc, b):
    lang = LANG[loc]
    fill(b, CARD_DECLINED[lang], {"c": g.card()})
    if g.neg and lang == "en":
        b(" I also tried my old one, ", g.card_luhn_fail(), ", same error.")
    if g.chance(0.3):
        b(" 😤")


# 51 -----------------------------------------------------------------------------------------------
TRANSLATE = {
    "en": ["{p} has been waiting in {c} since Tuesday.", "{p} thinks {c} is too expensive now.",
           "Tell {p} the flight to {c} is cancelled."],
    "de": ["{p} wartet seit Dienstag in {c}.", "{p} findet {c} inzwischen zu teuer."],
    "fr": ["{p} attend à {c} depuis mardi.", "{p} trouve que {c} est devenu trop cher."],
    "es": ["{p} lleva esperando en {c} desde el martes.", "{p} cree que {c} está demasiado caro."],
    "it": ["{p} aspetta a {c} da martedì.", "{p} pensa che {c} sia diventata troppo cara."],
    "nl": ["{p} wacht sinds dinsdag in {c}.", "{p} vindt {c} tegenwoordig te duur."],
    "pl": ["{p} czeka od wtorku. Kierunek: {c}.", "{p} uważa, że {c} to za drogie miasto."],
    "pt": ["{p} está à espera em {c} desde terça-feira.", "{p} acha que {c} está caro demais."],
}
TARGET = ["English", "German", "French", "Spanish", "Japanese", "Italian"]


@template("nocue_translate", "prompt", LOCALES, 12)
def t_translate(g, loc, b):
    b(g.pick(["Translate into ", "Please translate to ", "→ "]), g.pick(TARGET), ": \"")
    fill(b, g.pick(TRANSLATE[LANG[loc]]), {"p": g.person(loc, cue=False), "c": g.city(loc, cue=False)})
    b("\"")


# 52 -----------------------------------------------------------------------------------------------
@template("nocue_name_list", "prompt", LOCALES, 11)
def t_names(g, loc, b):
    n = g.r.randint(3, 5)
    people = [g.person(g.pick([loc, loc, g.pick(LOCALES)]), cue=False) for _ in range(n)]
    style = g.pick(["lines", "semi", "numbered"])
    b(g.pick(["Sort these alphabetically by surname:", "Dedupe and sort:", "Split into two teams, balanced:"]))
    for i, p in enumerate(people):
        if style == "lines":
            b("\n", p)
        elif style == "semi":
            b(" " if i == 0 else "; ", p)
        else:
            b(f"\n{i + 1}) ", p)


# 53 -----------------------------------------------------------------------------------------------
@template("nocue_calendar_notes", "prompt", LOCALES, 12)
def t_calendar(g, loc, b):
    b(g.pick(["Turn my week into a to-do list:\n", "Which of these clash?\n", "make this readable pls\n"]))
    b("Mon 09:00 ", g.person(loc, cue=False), " – ", g.address(loc, cue=False), "\n")
    b("Tue lunch ", g.person(loc, cue=False), " ", g.phone(loc), "\n")
    b("Thu 16:30 dentist\n")
    b("Fri ", g.person(loc, cue=False), ", ", g.city(loc, cue=False))


# 54 -----------------------------------------------------------------------------------------------
@template("nocue_csv_noheader", "csv", LOCALES, 11)
def t_csv_noheader(g, loc, b):
    sep = g.pick([";", ",", "|"])
    b(g.pick(["These rows came without a header — can you guess the columns?\n",
              "Import failed on these lines, why?\n", ""]))
    rows = g.r.randint(2, 3)
    with_city = g.chance(0.6)
    for i in range(rows):
        b(g.person(loc, cue=False, no_apostrophe=True), sep, (g.city(loc, cue=False), sep) if with_city else "", g.email(loc))
        if not with_city:
            b(sep, g.phone(loc))
        if i < rows - 1:
            b("\n")


# 55-62 negative-focused -----------------------------------------------------------------------------
@template("email_meeting_moved", "email", LOCALES, 12, neg_p=1)
def t_meeting(g, loc, b):
    d2, d1 = g.date_neg_pair(gap=(2, 21))
    b("Subject: Q3 planning moved to ", d1, "\n\n")
    b(g.pick(["Hi team,\n\n", "All,\n\n"]), "the review originally planned for ", d2, " is now on ",
      N("NEG_DATE_NOT_DOB", d1.value), " at 14:00 CET.\n")
    b("Dial-in meeting ID: ", g.nid("meeting"), "\n")
    if g.chance(0.35):
        b("Questions to ", g.email(loc), ".\n")
    b("Agenda: budget, hiring, release ", g.version(), ".")


@template("invoice_plaintext", "form", IBAN_LOCALES, 12, neg_p=1)
def t_invoice(g, loc, b):
    b(maybe_ask(g, ["Check the VAT on this invoice:", "Extract line items as JSON:"], 0.6))
    inv = g.order()
    issued, due = g.date_neg_pair(gap=(14, 30))
    b("INVOICE ", inv, "\nInvoice date: ", issued, "\nDue date: ", due, "\n\n")
    for item in g.r.sample(["USB-C dock", "Monitor arm", "Ergonomic chair", "Toner cartridge", "Webcam"], 2):
        b(f"1 x {item}  SKU ", g.product(), f"  EUR {g.r.randint(20, 400)}.00\n")
    if g.chance(0.7):
        b("\nPayable to IBAN ", g.iban(loc), " quoting ", N("NEG_ORDER_NUMBER", inv.value), ".")
    else:
        b("\nPaid by card ending ", g.digits(4), ". Thank you.")


@template("release_notes_md", "code", LOCALES, 12, neg_p=1)
def t_release(g, loc, b):
    b(maybe_ask(g, ["Turn these release notes into a tweet:", "Summarise what changed:"], 0.6))
    b("## ", g.version(semver=True), " — ", g.date_neg(fmt="%Y-%m-%d"), "\n\n### Fixed\n")
    b("- crash when importing empty CSV files (", g.sha(True), ")\n")
    b("- bump libxml2 to ", g.version(semver=True), " (", g.sha(), ")\n\n")
    b("Checksums (SHA-256):\n", g.hash("sha256"), "  app-linux-x86_64.tar.gz")
    if g.chance(0.4):
        b("\nBuild ", g.uuid())


@template("appliance_serial_support", "prompt", LOCALES, 12, neg_p=1)
def t_appliance(g, loc, b):
    b(g.pick([
        ["My dishwasher shows error E24. Model SMV46, serial ", g.product(), ", bought on ", g.date_neg(), ". Is that covered by warranty?"],
        ["Which filter fits part no. ", g.product(), "? The old one (", g.product(), ") is discontinued."],
        ["Router keeps rebooting after firmware ", g.version(), ". Serial ", g.product(), ". Should I roll back?"],
        ["Where do I find the model number? The sticker says ", g.product(), " and ", g.product(), " but neither works on the site."],
    ]))


@template("prompt_card_fixture_check", "prompt", LOCALES, 12, neg_p=1)
def t_card_fixture(g, loc, b):
    if g.chance(0.6):
        pair = [g.card(), g.card_luhn_fail()]
        g.r.shuffle(pair)
        b("Our test fixture has two numbers: ", pair[0], " and ", pair[1],
          ". Which one should the validator reject, and why?")
    else:
        b(g.pick(["The payment form rejects ", "Why is "]), g.card_luhn_fail(),
          g.pick([" — is the Luhn check wrong?", " failing validation? I typed it off the card."]))


@template("prompt_parcel_missing", "prompt", LOCALES, 12, neg_p=1)
def t_parcel(g, loc, b):
    tr, od = g.tracking(), g.order()
    if g.chance(0.6):
        b("Parcel ", tr, " says 'delivered' but nothing arrived at ", g.address(loc),
          ". Order ", od, ". Help me write a complaint.")
    else:
        b("Tracking ", tr, " hasn't moved since ", g.date_neg(), " (order ", od, "). Is it lost?")


@template("log_app_stacktrace", "log", LOCALES, 12, neg_p=1)
def t_stacktrace(g, loc, b):
    b(g.pick(["What's causing this?\n\n", "Our payment worker crashes every few minutes:\n\n", ""]))
    b(g.ts("space"), " ERROR [worker-", str(g.r.randint(1, 8)), "] c.acme.pay.OrderService - capture failed for order ",
      g.order(), ", request ", g.uuid(), "\n")
    b("java.lang.IllegalStateException: idempotency key reused\n",
      "    at com.acme.pay.OrderService.capture(OrderService.java:", str(g.r.randint(40, 900)), ")\n",
      "    at com.acme.pay.Worker.run(Worker.java:", str(g.r.randint(20, 200)), ")\n")
    b("service version ", g.version(), " (", g.sha(True), ")")


@template("prompt_bibliography_isbn", "prompt", LOCALES, 12, neg_p=1)
def t_biblio(g, loc, b):
    b(g.pick(["Format these as APA 7 references:\n", "Look up these books and give me title and author:\n",
              "Which of these ISBNs are valid?\n"]))
    for _ in range(g.r.randint(2, 3)):
        b("- ISBN ", g.isbn(), g.pick(["", " (2nd ed.)", ", paperback"]), "\n")
    if g.chance(0.5):
        b("Library order ", g.order(), " placed ", g.date_neg(), ".")


# 63-64 clean ------------------------------------------------------------------------------------
CLEAN = [
    "How do I center a div vertically with flexbox?",
    "Explain the difference between TCP and UDP like I'm twelve.",
    "Give me a 3-day itinerary for a city break on a budget.",
    "What's a good name for a grey cat?",
    "Write a haiku about Monday mornings.",
    "How many grams of flour are in a cup?",
    "Why is my sourdough so dense?",
    "Can you explain what a Bloom filter is?",
    "Translate 'the train is late again' into Italian.",
    "Wie schreibe ich eine Kündigung für mein Fitnessstudio?",
    "Quelle est la différence entre « savoir » et « connaître » ?",
    "¿Cómo se calcula el interés compuesto?",
    "Come posso migliorare la mia pronuncia inglese?",
    "Wat is het verschil tussen sparen en beleggen?",
    "Jak ugotować idealne jajko na miękko?",
    "Qual é a melhor forma de aprender a programar?",
    "Suggest five icebreaker questions for a team meeting.",
    "What does 'idempotent' mean for HTTP methods?",
    "Write a SQL query that returns the top 5 products by revenue.",
    "Summarise the plot of Hamlet in two sentences.",
    "How do I undo the last git commit but keep the changes?",
    "Is it safe to run a dishwasher overnight?",
    "Draft a polite message declining a meeting invitation.",
    "Explain big-O notation with an example.",
    "Make this sentence more formal: 'we gotta push the launch'.",
    "Convert 72 °F to Celsius.",
    "Give me a regex that matches a hex colour like #1a2b3c.",
    "What are the pros and cons of a standing desk?",
    "How should I store fresh basil?",
    "Recommend three sci-fi novels for someone who liked Dune.",
]


@template("clean_misc", "prompt", LOCALES, 24)
def t_clean(g, loc, b):
    b(g.clean_pool.pop())  # sampled without replacement


CLEAN_CODE = [
    ("python", "def mean(xs):\n    return sum(xs) / len(xs)\n\nprint(mean([]))", "Why does this crash and how should I guard it?"),
    ("python", "with open('data.csv') as f:\n    rows = [line.split(',') for line in f]", "Is there a better way to read a CSV?"),
    ("javascript", "const total = items.reduce((a, b) => a + b.price);", "Why is total '[object Object]12'?"),
    ("javascript", "for (var i = 0; i < 3; i++) {\n  setTimeout(() => console.log(i), 10);\n}", "Why does this print 3 three times?"),
    ("sql", "SELECT name, COUNT(*) FROM orders GROUP BY customer_id;", "Postgres says 'must appear in the GROUP BY clause'. Fix?"),
    ("bash", "for f in *.jpg; do convert $f ${f%.jpg}.png; done", "This breaks on filenames with spaces."),
    ("go", "func add(m map[string]int) {\n    m[\"x\"]++\n}\nvar m map[string]int\nadd(m)", "Why the panic: assignment to entry in nil map?"),
    ("rust", "let v = vec![1, 2, 3];\nlet first = &v[0];\nv.push(4);", "Explain the borrow checker error."),
    ("python", "class Cache:\n    items = []\n    def add(self, x):\n        self.items.append(x)", "Why do all instances share items?"),
    ("swift", "let n: Int? = nil\nprint(n!)", "What's the idiomatic way to unwrap this?"),
    ("python", "import re\nre.match(r'\\d+', 'abc123')", "Why does match return None here?"),
    ("javascript", "fetch('/api/items').then(r => r.json).then(console.log)", "I get a function printed instead of data."),
    ("css", ".card { margin: auto; }", "Why isn't my card centred vertically?"),
    ("python", "x = [[0] * 3] * 3\nx[0][0] = 1\nprint(x)", "Why did every row change?"),
]


@template("clean_code_help", "prompt", LOCALES, 14)
def t_clean_code(g, loc, b):
    lang, code, q = g.clean_code_pool.pop()
    if g.chance(0.5):
        b(q, "\n\n```", lang, "\n", code, "\n```")
    else:
        b("```", lang, "\n", code, "\n```\n", q)


# --------------------------------------------------------------------------------------------------
# driver

def generate(seed):
    g = G(seed)
    g.clean_pool = CLEAN[:]
    g.r.shuffle(g.clean_pool)
    g.clean_code_pool = CLEAN_CODE[:]
    g.r.shuffle(g.clean_code_pool)
    records = []
    cue_stats = collections.Counter()
    for t in TEMPLATES:
        for _ in range(t["n"]):
            loc = g.pick(t["locales"])
            g.neg = g.chance(t["neg_p"])
            b = Builder()
            t["fn"](g, loc, b)
            text, spans, negs, cues = b.build()
            for s, c in zip(spans, cues):
                if s["type"] in ("PERSON", "LOCATION"):
                    cue_stats[(s["type"], c)] += 1
            records.append({"text": text, "spans": spans, "negatives": negs,
                            "meta": {"template": t["name"], "kind": t["kind"], "locale": loc}})
    g.r.shuffle(records)
    out = []
    for i, r in enumerate(records, 1):
        out.append({"id": f"pii-p-{i:06d}", "split": "probe", "text": r["text"], "spans": r["spans"],
                    "negatives": r["negatives"], "meta": r["meta"]})
    return out, cue_stats


def self_check(records, cue_stats):
    errors = []

    def err(rec, msg):
        errors.append(f"{rec['id']} [{rec['meta']['template']}]: {msg}")

    for rec in records:
        text = rec["text"]
        raw = text.encode("utf-8")
        marks = []
        for kind, items in (("span", rec["spans"]), ("neg", rec["negatives"])):
            for s in items:
                if text[s["start"]:s["end"]] != s["text"]:
                    err(rec, f"{kind} code-point slice mismatch {s}")
                if raw[s["start_byte"]:s["end_byte"]].decode("utf-8") != s["text"]:
                    err(rec, f"{kind} byte slice mismatch {s}")
                if len(text[:s["start"]].encode()) != s["start_byte"] or len(text[:s["end"]].encode()) != s["end_byte"]:
                    err(rec, f"{kind} byte offsets inconsistent {s}")
                if s["text"] != s["text"].strip() or not s["text"]:
                    err(rec, f"{kind} has outer whitespace {s!r}")
                marks.append((s["start"], s["end"], s["type"]))
                v, t = s["text"], s["type"]
                if kind == "span":
                    if t not in PII_TYPES:
                        err(rec, f"unknown type {t}")
                    if t == "CREDIT_CARD" and not luhn_ok(v):
                        err(rec, f"card fails Luhn {v}")
                    if t == "IBAN" and not iban_ok(v):
                        err(rec, f"IBAN fails mod-97 {v}")
                    if t == "US_SSN" and not ssn_ok(v):
                        err(rec, f"invalid SSN {v}")
                    if t == "IP_ADDRESS":
                        ip = ipaddress.ip_address(v)
                        want = "v6" if ip.version == 6 else ("v4_private" if ip.is_private else "v4_public")
                        if s.get("subtype") != want:
                            err(rec, f"IP subtype {s.get('subtype')} != {want} for {v}")
                    if t == "CRYPTO":
                        try:
                            if s["subtype"] == "bech32":
                                segwit_decode(v)
                            else:
                                ver, payload = base58check_decode(v)
                                if ver != {"p2pkh": 0, "p2sh": 5}[s["subtype"]] or len(payload) != 20:
                                    raise ValueError("wrong version/length")
                        except Exception as e:  # noqa: BLE001
                            err(rec, f"BTC address {v} does not decode: {e}")
                    if t == "EMAIL" and ("@" not in v or "@example." in v):
                        err(rec, f"odd email {v}")
                    if t == "URL" and not v.startswith(("http://", "https://")):
                        err(rec, f"odd URL {v}")
                else:
                    if not t.startswith("NEG_"):
                        err(rec, f"negative without NEG_ prefix {t}")
                    if t == "NEG_CARD_LUHN_FAIL" and luhn_ok(v):
                        err(rec, f"Luhn-fail negative passes Luhn {v}")
                    if t == "NEG_ISBN" and isbn13_check(v.replace("-", "")[:12]) != v.replace("-", "")[12]:
                        err(rec, f"ISBN check digit wrong {v}")
        marks.sort()
        for (a0, a1, at), (b0, b1, bt) in zip(marks, marks[1:]):
            if b0 < a1:
                err(rec, f"overlap {at}[{a0},{a1}) / {bt}[{b0},{b1})")
    if errors:
        for e in errors[:50]:
            print("SELF-CHECK FAILED:", e, file=sys.stderr)
        sys.exit(f"self-check failed: {len(errors)} problem(s)")

    by_type = collections.Counter(s["type"] for r in records for s in r["spans"])
    by_sub = collections.Counter(f"{s['type']}/{s.get('subtype', '-')}" for r in records for s in r["spans"])
    negs = collections.Counter(s["type"] for r in records for s in r["negatives"])
    by_tpl = collections.Counter(r["meta"]["template"] for r in records)
    n = len(records)
    with_neg = sum(1 for r in records if r["negatives"])
    no_span = sum(1 for r in records if not r["spans"])
    non_ascii = sum(1 for r in records if not r["text"].isascii())
    print(f"texts: {n}  spans: {sum(by_type.values())}  negatives: {sum(negs.values())}")
    print(f"texts with negatives: {with_neg} ({with_neg / n:.0%})  texts without spans: {no_span} ({no_span / n:.0%})  "
          f"non-ASCII texts: {non_ascii}")
    for t in ("PERSON", "LOCATION"):
        tot = cue_stats[(t, True)] + cue_stats[(t, False)]
        print(f"{t} without cue: {cue_stats[(t, False)]}/{tot} ({cue_stats[(t, False)] / tot:.0%})")
    print("\nspans by type:")
    for t in PII_TYPES:
        print(f"  {t:18} {by_type[t]}")
    print("\nspans by subtype:")
    for k in sorted(by_sub):
        print(f"  {k:32} {by_sub[k]}")
    print("\nnegatives by type:")
    for k in sorted(negs):
        print(f"  {k:22} {negs[k]}")
    print(f"\ntexts by template ({len(by_tpl)}):")
    for t in TEMPLATES:
        print(f"  {t['name']:28} {by_tpl[t['name']]}")
    print("\nlocales:", dict(sorted(collections.Counter(r["meta"]["locale"] for r in records).items())))
    print("kinds:", dict(sorted(collections.Counter(r["meta"]["kind"] for r in records).items())))
    too_few = [t for t in PII_TYPES if by_type[t] < 40]
    if too_few:
        sys.exit(f"self-check failed: types under 40 spans: {too_few}")
    if len(by_tpl) < 35:
        sys.exit(f"self-check failed: only {len(by_tpl)} templates")
    texts = collections.Counter(r["text"] for r in records)
    dups = [t for t, c in texts.items() if c > 1]
    if dups:
        sys.exit(f"self-check failed: {len(dups)} duplicate texts, e.g. {dups[0]!r}")
    print("\nself-check OK")


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Some Faker lists are built from sets; pin string hashing so every run gives the same bytes.
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--out", default=os.path.join(here, "pii_probe.jsonl"))
    args = ap.parse_args()
    names = [t["name"] for t in TEMPLATES]
    if len(names) != len(set(names)):
        sys.exit("duplicate template names")
    records, cue_stats = generate(args.seed)
    self_check(records, cue_stats)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {args.out}")


if __name__ == "__main__":
    main()
