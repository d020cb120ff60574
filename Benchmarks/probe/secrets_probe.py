#!/usr/bin/env python3
"""Generate the *secrets* probe set: a held-out-style corpus built from our own templates.

The probe imitates the unseen final holdout ("a separate, larger holdout built from different
templates"): same record format, same secret types and token shapes as the dev set in
shared/data/secrets-dev, but every template here is a different document kind or sentence shape
(.env, docker-compose, Kubernetes, Helm, Terraform, TOML, INI, JSON, .properties, shell history,
curl, raw HTTP, Python/JS/Go/Java/Ruby/PHP source, GitHub Actions, CI and app logs, stack traces,
chat prompts in eight languages, model answers, Slack and issue-tracker messages, git diffs,
connection strings, JDBC, .netrc, .npmrc, Dockerfiles, SQL, PEM keys raw and embedded, ...).

Token shapes follow the dev set (prefixes, lengths, alphabets); GitHub classic tokens carry a
valid base62 CRC32 suffix; JWTs are really signed (HS*/RS256/ES256); PEM private keys are real
keys serialised by `cryptography` from seeded key material (RSA primes are generated here with a
seeded Miller-Rabin, so the output is deterministic).  Surrounding values come from Faker
(pinned to faker==40.63.0, the version that generated the dev set).

    python3 Benchmarks/probe/secrets_probe.py                 # seed 4242 -> Benchmarks/probe/secrets_probe.jsonl
    python3 Benchmarks/probe/secrets_probe.py --seed 7 --out /tmp/secrets7.jsonl

Nothing here is used by the product: no template or value from this file enters Parapet's sources.
"""
import argparse
import base64
import collections
import datetime as dt
import hashlib
import hmac
import json
import math
import os
import random
import re
import sys
import uuid
import zlib

FAKER_VERSION = "40.63.0"
try:
    import faker
    from faker import Faker
except ImportError:  # pragma: no cover
    sys.exit(f"secrets_probe.py needs Faker: pip install faker=={FAKER_VERSION}")
try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils as asym_utils
    from cryptography.x509.oid import NameOID
except ImportError:  # pragma: no cover
    sys.exit("secrets_probe.py needs cryptography: pip install cryptography")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "secrets_probe.jsonl")
DEFAULT_SEED = 4242
N_TEXTS = 600
NEG_THIN = 0.5

SECRET_TYPES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY",
                "GOOGLE_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "JWT", "PRIVATE_KEY", "PASSWORD_IN_URL",
                "GENERIC_SECRET"]
NEG_TYPES = ["NEG_EXAMPLE_PLACEHOLDER", "NEG_ENV_REFERENCE", "NEG_GIT_SHA", "NEG_HASH", "NEG_UUID",
             "NEG_BASE64_PLAINTEXT", "NEG_PUBLIC_KEY", "NEG_CERTIFICATE", "NEG_INTEGRITY", "NEG_PUBLISHABLE_KEY"]
LOCALES = ["en_US", "en_GB", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "pt_PT"]
LOCALE_WEIGHTS = [30, 14, 5, 10, 9, 8, 6, 7, 6, 5]

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
HEX = "0123456789abcdef"
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BCRYPT64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


# --------------------------------------------------------------------------------------------
# Fragments: a text is built from pieces, some of which are labelled spans or hard negatives.
# --------------------------------------------------------------------------------------------
class Frag:
    """A list of (text, kind, type, subtype); kind is None, "span" or "neg"."""

    __slots__ = ("parts",)

    def __init__(self, parts=None):
        self.parts = list(parts or [])

    def __add__(self, other):
        return Frag(self.parts + as_frag(other).parts)

    def __radd__(self, other):
        return Frag(as_frag(other).parts + self.parts)

    def plain(self):
        return "".join(p[0] for p in self.parts)


def as_frag(x):
    if isinstance(x, Frag):
        return x
    if isinstance(x, str):
        return Frag([(x, None, None, None)])
    raise TypeError(f"not a fragment: {x!r}")


def S(value, typ, sub=None):
    assert typ in SECRET_TYPES, typ
    return Frag([(value, "span", typ, sub)])


def N(value, typ, sub=None):
    assert typ in NEG_TYPES, typ
    return Frag([(value, "neg", typ, sub)])


SLOT = re.compile(r"⟨(\w+)⟩")


def R(fmt, **kw):
    """Render `fmt`, replacing ⟨name⟩ with kw[name] (a str or a Frag)."""
    out = Frag()
    pieces = SLOT.split(fmt)
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                out.parts.append((piece, None, None, None))
        else:
            if piece not in kw:
                raise KeyError(f"missing slot {piece!r} in template")
            out = out + kw[piece]
    return out


def J(sep, items):
    out = Frag()
    for i, item in enumerate(items):
        if i:
            out = out + sep
        out = out + item
    return out


def wrap_frag(frag, fn):
    """Apply a text transform that must not change labelled pieces (e.g. CRLF line endings)."""
    return Frag([(fn(t) if kind is None else t, kind, typ, sub) for t, kind, typ, sub in frag.parts])


def maybe_crlf(rng, frag, p):
    """frag with CRLF line endings with chance p (labelled pieces unchanged)."""
    if chance(rng, p):
        return wrap_frag(frag, lambda s: s.replace("\n", "\r\n"))
    return frag


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------
def rs(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def b62_fixed(n, width=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_dec(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def pick(rng, seq, weights=None):
    if weights:
        return rng.choices(seq, weights=weights, k=1)[0]
    return rng.choice(seq)


def chance(rng, p):
    return rng.random() < p


# key naming styles
def style(name, how):
    words = re.split(r"[_\-. ]+", name.strip())
    words = [w for w in words if w]
    if how == "UPPER":
        return "_".join(w.upper() for w in words)
    if how == "lower":
        return "_".join(w.lower() for w in words)
    if how == "camel":
        return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
    if how == "pascal":
        return "".join(w[:1].upper() + w[1:].lower() for w in words)
    if how == "kebab":
        return "-".join(w.lower() for w in words)
    if how == "dot":
        return ".".join(w.lower() for w in words)
    raise ValueError(how)


# --------------------------------------------------------------------------------------------
# Deterministic key material
# --------------------------------------------------------------------------------------------
SMALL_PRIMES = [p for p in range(3, 3000) if all(p % d for d in range(2, int(p ** 0.5) + 1))]


def _miller_rabin(n, rng, rounds=40):
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng, bits, e=65537):
    while True:
        c = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if any(c % p == 0 for p in SMALL_PRIMES):
            continue
        if (c - 1) % e == 0:
            continue
        if _miller_rabin(c, rng):
            return c


def seeded_rsa(rng, bits):
    e = 65537
    while True:
        p = _prime(rng, bits // 2)
        q_ = _prime(rng, bits // 2)
        if p == q_:
            continue
        n = p * q_
        if n.bit_length() != bits:
            continue
        if p < q_:
            p, q_ = q_, p
        phi = (p - 1) * (q_ - 1)
        if math.gcd(e, phi) != 1:
            continue
        d = pow(e, -1, phi)
        numbers = rsa.RSAPrivateNumbers(
            p=p, q=q_, d=d, dmp1=rsa.rsa_crt_dmp1(d, p), dmq1=rsa.rsa_crt_dmq1(d, q_),
            iqmp=rsa.rsa_crt_iqmp(p, q_), public_numbers=rsa.RSAPublicNumbers(e, n))
        return numbers.private_key()


def _ssh_fix_checkint(pem, rng):
    """cryptography's OpenSSH writer draws the 'checkint' from os.urandom; replace it with seeded bytes."""
    lines = pem.strip().split("\n")
    width = len(lines[1])
    blob = bytearray(base64.b64decode("".join(lines[1:-1])))
    magic = b"openssh-key-v1\x00"
    assert blob.startswith(magic)
    i = len(magic)

    def skip_str(i):
        n = int.from_bytes(blob[i:i + 4], "big")
        return i + 4 + n

    i = skip_str(i)          # ciphername
    i = skip_str(i)          # kdfname
    i = skip_str(i)          # kdfoptions
    i += 4                   # nkeys
    i = skip_str(i)          # public key
    i += 4                   # private section length
    chk = rng.randbytes(4)
    blob[i:i + 8] = chk + chk
    body = base64.b64encode(bytes(blob)).decode()
    body_lines = [body[k:k + width] for k in range(0, len(body), width)]
    return "\n".join([lines[0]] + body_lines + [lines[-1]])


class KeyPool:
    """A small pool of seeded private keys (RSA is slow to make, so a few are reused)."""

    def __init__(self, rng, n_rsa2048=7, n_rsa3072=1):
        self.rng = rng
        self.rsa = [seeded_rsa(rng, 2048) for _ in range(n_rsa2048)] + [seeded_rsa(rng, 3072) for _ in range(n_rsa3072)]
        self.ec256 = [ec.derive_private_key(rng.randrange(1, 2 ** 255), ec.SECP256R1()) for _ in range(6)]
        self.ec384 = [ec.derive_private_key(rng.randrange(1, 2 ** 383), ec.SECP384R1()) for _ in range(3)]
        self.ed = [ed25519.Ed25519PrivateKey.from_private_bytes(rng.randbytes(32)) for _ in range(8)]
        self.certs = [self._cert(rng, k) for k in self.rsa[:4]]

    @staticmethod
    def _cert(rng, key):
        fk_cn = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 10)))
        name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, rng.choice(["US", "DE", "GB", "FR", "NL"])),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, fk_cn.capitalize() + " Ltd"),
                          x509.NameAttribute(NameOID.COMMON_NAME, f"{fk_cn}.example.net")])
        start = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(days=rng.randrange(700))
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(rng.getrandbits(63) + 1).not_valid_before(start)
                .not_valid_after(start + dt.timedelta(days=rng.choice([90, 365, 825])))
                .sign(key, hashes.SHA256()))
        return cert.public_bytes(serialization.Encoding.PEM).decode().strip()

    # private keys -----------------------------------------------------------------------------
    def private_pem(self, rng, subtype):
        """subtype: RSA | EC | PKCS8 | OPENSSH -> PEM text without trailing newline."""
        nf = serialization.NoEncryption()
        if subtype == "RSA":
            key = rng.choice(self.rsa)
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, nf)
        elif subtype == "EC":
            key = rng.choice(self.ec256 * 2 + self.ec384)
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, nf)
        elif subtype == "PKCS8":
            key = rng.choice(self.rsa + self.ec256 + self.ed[:3])
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, nf)
        elif subtype == "OPENSSH":
            key = rng.choice(self.ed * 2 + self.rsa[:3] + self.ec256[:2])
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, nf)
            return _ssh_fix_checkint(pem.decode(), rng)
        else:
            raise ValueError(subtype)
        return pem.decode().strip()

    # public material (negatives) ------------------------------------------------------------
    def public_pem(self, rng, kind):
        """kind: spki (BEGIN PUBLIC KEY) | pkcs1 (BEGIN RSA PUBLIC KEY)."""
        if kind == "pkcs1":
            key = rng.choice(self.rsa)
            fmt = serialization.PublicFormat.PKCS1
        else:
            key = rng.choice(self.rsa + self.ec256 + self.ed)
            fmt = serialization.PublicFormat.SubjectPublicKeyInfo
        return key.public_key().public_bytes(serialization.Encoding.PEM, fmt).decode().strip()

    def ssh_public(self, rng, comment):
        key = rng.choice(self.ed + self.rsa[:3] + self.ec256[:2])
        line = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
        return line, comment

    def cert_pem(self, rng):
        return rng.choice(self.certs)


# --------------------------------------------------------------------------------------------
# Value generators (shapes as in the dev set; see README "Secrets probe")
# --------------------------------------------------------------------------------------------
PW_SPECIALS = "!#$%&*-._@^~+="
URL_PW_CHARS = set(ALNUM + "-._~!*")
CTX_FORBIDDEN = {
    # characters a value may not contain in a given syntactic context (realistic files would quote/escape them)
    "dq": set("\"\\`$\n"),
    "sq": set("'\\\n"),
    "bt": set("`\\$\n"),
    "bare": set(" \t\n\"'`\\#$;&|<>(){}[],"),
    "yaml": set(" \t\n\"'`\\#,[]{}&*!|>%@"),
    "json": set("\"\\\n"),
    "xml": set("<>&\"'\n"),
    "ini": set(" \t\n\"'`\\#;"),
    "any": set(" \t\n\"'`\\"),
    "ado": set("\"\\\n;'"),
    "sql": set("'\\\n"),
}


def allowed(value, ctx):
    if ctx == "url":
        return all(ch in URL_PW_CHARS for ch in value)
    bad = CTX_FORBIDDEN[ctx]
    if any(ch in bad for ch in value):
        return False
    if ctx in ("yaml", "bare", "ini") and not value[:1].isalnum():
        return False
    if value.lower() in ("true", "false", "null", "yes", "no", "on", "off", "none"):
        return False
    return True


class Gen:
    def __init__(self, rng, pool):
        self.rng = rng
        self.pool = pool
        self.fk = None  # set per record

    # --- typed tokens ------------------------------------------------------------------------
    def aws_id(self, sub=None):
        sub = sub or pick(self.rng, ["AKIA", "ASIA"], [78, 22])
        return sub + rs(self.rng, BASE32, 16), sub

    def aws_secret(self):
        return rs(self.rng, B64, 40)

    def github(self, sub=None):
        r = self.rng
        sub = sub or pick(r, ["ghp", "gho", "ghu", "ghs", "ghr", "fine_grained"], [40, 12, 10, 12, 6, 20])
        if sub == "fine_grained":
            return "github_pat_" + rs(r, ALNUM, 22) + "_" + rs(r, ALNUM, 59), sub
        body = rs(r, ALNUM, 30)
        return f"{sub}_{body}{b62_fixed(zlib.crc32(body.encode()))}", sub

    def slack(self, sub=None):
        r = self.rng
        sub = sub or pick(r, ["xoxb", "xoxp", "xapp"], [50, 30, 20])
        d = lambda n: rs(r, "0123456789", n)
        if sub == "xoxb":
            return f"xoxb-{d(12)}-{d(13)}-{rs(r, ALNUM, 24)}", sub
        if sub == "xoxp":
            return f"xoxp-{d(12)}-{d(12)}-{d(13)}-{rs(r, HEX, 32)}", sub
        return f"xapp-1-A{rs(r, BASE32[:26] + '0123456789', 10)}-{d(13)}-{rs(r, HEX, 64)}", sub

    def stripe(self, sub=None):
        r = self.rng
        sub = sub or pick(r, ["sk_live", "rk_live", "sk_test"], [50, 20, 30])
        body = rs(r, ALNUM, 24) if chance(r, 0.4) else "51" + rs(r, ALNUM, 97)
        return f"{sub}_{body}", sub

    def stripe_publishable(self):
        r = self.rng
        env = pick(r, ["live", "test"])
        body = rs(r, ALNUM, 24) if chance(r, 0.4) else "51" + rs(r, ALNUM, 97)
        return f"pk_{env}_{body}"

    def google(self):
        return "AIza" + rs(self.rng, B64URL, 35), None

    def openai(self, sub=None):
        r = self.rng
        sub = sub or pick(r, ["legacy", "project", "svcacct"], [25, 55, 20])
        if sub == "legacy":
            return "sk-" + rs(r, ALNUM, 20) + "T3BlbkFJ" + rs(r, ALNUM, 20), sub
        pre = "sk-proj-" if sub == "project" else "sk-svcacct-"
        return pre + rs(r, B64URL, 74) + "T3BlbkFJ" + rs(r, B64URL, 74), sub

    def anthropic(self):
        return "sk-ant-api03-" + rs(self.rng, B64URL, 93) + "AA", None

    def jwt(self, sub=None):
        r, fk = self.rng, self.fk
        sub = sub or pick(r, ["HS256", "HS384", "HS512", "RS256", "ES256"], [34, 6, 15, 30, 15])
        header = {"alg": sub, "typ": "JWT"}
        hv = r.randrange(4)
        if hv == 1:
            header = {"typ": "JWT", "alg": sub}
        elif hv == 2:
            header = {"alg": sub, "typ": "JWT", "kid": rs(r, HEX, 16)}
        elif hv == 3:
            header = {"alg": sub, "kid": str(uuid.UUID(int=r.getrandbits(128), version=4))}
        iat = r.randrange(1_650_000_000, 1_760_000_000)
        pv = r.randrange(4)
        if pv == 0:
            payload = {"sub": str(r.randrange(10 ** 6, 10 ** 7)), "name": fk.name(), "iat": iat,
                       "exp": iat + r.choice([900, 3600, 86400])}
        elif pv == 1:
            payload = {"iss": f"https://auth.{fk.domain_name()}/", "aud": r.choice(["api", "web", "mobile", "billing"]),
                       "sub": str(uuid.UUID(int=r.getrandbits(128), version=4)),
                       "scope": " ".join(r.sample(["read:orders", "write:orders", "admin", "openid", "profile",
                                                   "email", "offline_access"], 3)),
                       "iat": iat, "exp": iat + 3600}
        elif pv == 2:
            payload = {"user_id": r.randrange(1, 99999), "email": fk.free_email(),
                       "roles": r.sample(["admin", "user", "editor", "billing", "support"], r.randint(1, 2)),
                       "iat": iat, "exp": iat + 7200, "jti": rs(r, HEX, 24)}
        else:
            payload = {"sub": fk.user_name(), "tenant": fk.domain_word(), "iat": iat, "nbf": iat,
                       "exp": iat + r.choice([300, 600, 1800])}
        h = b64url(json.dumps(header, separators=(",", ":")).encode())
        p = b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=r.random() < 0.5).encode())
        signing_input = f"{h}.{p}".encode()
        if sub.startswith("HS"):
            digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[sub]
            sig = hmac.new(r.randbytes(32), signing_input, digest).digest()
        elif sub == "RS256":
            key = r.choice(self.pool.rsa)
            sig = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        else:
            key = r.choice(self.pool.ec256)
            der = key.sign(signing_input, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
            rr, ss = asym_utils.decode_dss_signature(der)
            sig = rr.to_bytes(32, "big") + ss.to_bytes(32, "big")
        return f"{h}.{p}.{b64url(sig)}", sub

    def pem(self, sub=None):
        sub = sub or pick(self.rng, ["RSA", "EC", "PKCS8", "OPENSSH"], [30, 20, 25, 25])
        return self.pool.private_pem(self.rng, sub), sub

    # --- passwords and generic secrets -----------------------------------------------------
    def password(self, ctx="any", allow_non_ascii=True):
        r, fk = self.rng, self.fk
        for _ in range(80):
            st = r.randrange(7)
            if st == 0:      # dev-like: Word1234!
                w = fk.word()
                pw = w[:1].upper() + w[1:] + str(r.randint(1, 9999)) + r.choice(PW_SPECIALS)
            elif st == 1:    # random with specials, like Faker's password()
                n = r.randint(10, 24)
                pw = rs(r, ALNUM + PW_SPECIALS, n)
                pw = pw[:-2] + r.choice("0123456789") + r.choice(PW_SPECIALS)
            elif st == 2:    # random alnum
                pw = rs(r, ALNUM, r.randint(12, 32))
            elif st == 3:    # passphrase
                sep = r.choice(["-", ".", "_", ""])
                words = [fk.word() for _ in range(r.randint(3, 4))]
                if not sep:
                    words = [w.capitalize() for w in words]
                pw = sep.join(words) + str(r.randint(0, 99))
            elif st == 4:    # name + year + symbol
                pw = fk.first_name() + str(r.randint(1960, 2024)) + r.choice("!?#*$")
            elif st == 5:    # leet
                w = fk.word() + fk.word()
                pw = w.translate(str.maketrans({"a": "@", "e": "3", "o": "0", "i": "1", "s": "$"}))
                pw = pw[:1].upper() + pw[1:] + r.choice("!#%&")
            else:            # Faker password()
                pw = fk.password(length=r.randint(10, 20), special_chars=True)
            if len(pw) < 8:
                continue
            if not allow_non_ascii and not pw.isascii():
                continue
            if " " in pw or not allowed(pw, ctx):
                continue
            return pw
        return rs(r, ALNUM, 20)

    def url_password(self):
        """Password for scheme://user:PASSWORD@host; sometimes percent-encoded."""
        r = self.rng
        if chance(r, 0.15):
            base = self.password("any", allow_non_ascii=False)
            base = "".join(ch for ch in base if ch.isalnum())[:14] or rs(r, ALNUM, 10)
            special = r.choice(["@", "#", "/", ":", "?", "%"])
            pos = r.randrange(1, len(base))
            enc = {"@": "%40", "#": "%23", "/": "%2F", ":": "%3A", "?": "%3F", "%": "%25"}[special]
            return base[:pos] + enc + base[pos:]
        for _ in range(80):
            pw = self.password("url", allow_non_ascii=False)
            if allowed(pw, "url"):
                return pw
        return rs(r, ALNUM, 18)

    def high_entropy(self, ctx="any"):
        r = self.rng
        for _ in range(50):
            st = pick(r, ["hex32", "hex64", "b64", "b62", "b64url43", "vendor"], [14, 14, 18, 22, 12, 20])
            if st == "hex32":
                v = rs(r, HEX, 32)
            elif st == "hex64":
                v = rs(r, HEX, 64)
            elif st == "b64":
                v = base64.b64encode(r.randbytes(r.choice([18, 24, 30, 32, 33, 48]))).decode()
            elif st == "b62":
                v = rs(r, ALNUM, r.choice([24, 32, 40, 48]))
            elif st == "b64url43":
                v = b64url(r.randbytes(32))
            else:
                v = self.vendor_token()
            if allowed(v, ctx):
                return v
        return rs(r, ALNUM, 32)

    def vendor_token(self):
        """Tokens of services outside the 11 named types: labelled GENERIC_SECRET when assigned to a key."""
        r = self.rng
        k = r.randrange(8)
        if k == 0:
            return "npm_" + rs(r, ALNUM, 36)
        if k == 1:
            return "glpat-" + rs(r, ALNUM + "-_", 20)
        if k == 2:
            return "SG." + rs(r, B64URL, 22) + "." + rs(r, B64URL, 43)
        if k == 3:
            return "hf_" + rs(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34)
        if k == 4:
            return "shpat_" + rs(r, HEX, 32)
        if k == 5:
            return "dop_v1_" + rs(r, HEX, 64)
        if k == 6:
            return "pypi-AgEIcHlwaS5vcmc" + rs(r, B64URL, r.randint(120, 160))
        return "xkeysib-" + rs(r, HEX, 64) + "-" + rs(r, ALNUM, 16)

    # --- negatives ---------------------------------------------------------------------------
    def git_sha(self):
        return rs(self.rng, HEX, 40)

    def hash_hex(self, kind=None):
        kind = kind or pick(self.rng, ["md5", "sha1", "sha256", "sha512"], [25, 20, 45, 10])
        data = self.rng.randbytes(16)
        return getattr(hashlib, kind)(data).hexdigest(), kind

    def bcrypt(self):
        r = self.rng
        return f"${r.choice(['2b', '2a', '2y'])}${r.choice(['10', '11', '12'])}${rs(r, BCRYPT64, 53)}"

    def argon2(self):
        r = self.rng
        return (f"$argon2id$v=19$m={r.choice([19456, 65536])},t={r.choice([2, 3])},p=1$"
                f"{b64url(r.randbytes(16)).replace('-', '+').replace('_', '/')}${b64url(r.randbytes(32)).replace('-', '+').replace('_', '/')}")

    def uuid4(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def integrity(self):
        return "sha512-" + base64.b64encode(self.rng.randbytes(64)).decode()

    def b64_plain(self):
        fk, r = self.fk, self.rng
        k = r.randrange(4)
        if k == 0:
            s = fk.sentence(nb_words=r.randint(5, 10))
        elif k == 1:
            s = json.dumps({"user": fk.user_name(), "theme": r.choice(["dark", "light"]), "lang": fk.language_code()})
        elif k == 2:
            s = f"{fk.catch_phrase()} - {fk.company()}"
        else:
            s = f"hello from {fk.city()}, build {r.randint(100, 999)}"
        return base64.b64encode(s.encode()).decode()


AWS_DOC_IDS = ["AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE", "ASIAIOSFODNN7EXAMPLE"]
AWS_DOC_SECRETS = ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"]


# --------------------------------------------------------------------------------------------
# Names, placeholders, references
# --------------------------------------------------------------------------------------------
TYPE_NAMES = {
    "GITHUB_TOKEN": ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_PAT", "GH_ENTERPRISE_TOKEN", "RELEASE_TOKEN", "BOT_GITHUB_TOKEN"],
    "xoxb": ["SLACK_BOT_TOKEN", "SLACK_TOKEN", "SLACK_API_TOKEN"],
    "xoxp": ["SLACK_USER_TOKEN", "SLACK_TOKEN", "SLACK_OAUTH_TOKEN"],
    "xapp": ["SLACK_APP_TOKEN", "SLACK_SOCKET_TOKEN"],
    "STRIPE_KEY": ["STRIPE_SECRET_KEY", "STRIPE_API_KEY", "STRIPE_KEY"],
    "rk_live": ["STRIPE_RESTRICTED_KEY", "STRIPE_RK"],
    "GOOGLE_API_KEY": ["GOOGLE_API_KEY", "GOOGLE_MAPS_API_KEY", "FIREBASE_API_KEY", "GEMINI_API_KEY", "YOUTUBE_API_KEY",
                       "PLACES_API_KEY"],
    "OPENAI_API_KEY": ["OPENAI_API_KEY", "OPENAI_KEY", "OPENAI_TOKEN", "LLM_API_KEY"],
    "ANTHROPIC_API_KEY": ["ANTHROPIC_API_KEY", "CLAUDE_API_KEY", "ANTHROPIC_KEY"],
    "JWT": ["ACCESS_TOKEN", "AUTH_TOKEN", "ID_TOKEN", "SERVICE_JWT", "API_TOKEN", "BEARER_TOKEN"],
    "PRIVATE_KEY": ["PRIVATE_KEY", "JWT_PRIVATE_KEY", "SSH_PRIVATE_KEY", "GITHUB_APP_PRIVATE_KEY", "SIGNING_KEY"],
}
HE_NAMES = ["API_SECRET", "CLIENT_SECRET", "WEBHOOK_SECRET", "SECRET_KEY", "APP_SECRET", "SIGNING_SECRET",
            "ENCRYPTION_KEY", "SESSION_SECRET", "API_KEY", "AUTH_TOKEN", "PRIVATE_TOKEN", "MASTER_KEY", "JWT_SECRET",
            "COOKIE_SECRET", "HMAC_KEY", "DATADOG_API_KEY", "MAILGUN_API_KEY", "TWILIO_AUTH_TOKEN", "SENTRY_AUTH_TOKEN",
            "ACCESS_KEY", "SERVICE_TOKEN"]
VENDOR_NAMES = {"npm_": ["NPM_TOKEN", "NODE_AUTH_TOKEN"], "glpat-": ["GITLAB_TOKEN", "CI_JOB_PAT"],
                "SG.": ["SENDGRID_API_KEY"], "hf_": ["HF_TOKEN", "HUGGINGFACE_TOKEN"],
                "shpat_": ["SHOPIFY_ACCESS_TOKEN"], "dop_v1_": ["DIGITALOCEAN_TOKEN", "DO_API_TOKEN"],
                "pypi-": ["PYPI_TOKEN", "PYPI_API_TOKEN"], "xkeysib-": ["BREVO_API_KEY", "SENDINBLUE_API_KEY"]}
PW_NAMES = ["DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "REDIS_PASSWORD",
            "SMTP_PASSWORD", "ADMIN_PASSWORD", "LDAP_BIND_PASSWORD", "RABBITMQ_DEFAULT_PASS", "MAIL_PASS", "DB_PASS",
            "KEYSTORE_PASSWORD", "PGPASSWORD", "ELASTIC_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "MONGO_INITDB_ROOT_PASSWORD",
            "SFTP_PWD", "ROOT_PASSWD"]
LOCAL_PW_KEYS = {"de": ["Passwort", "Kennwort", "passwort", "db_passwort"], "fr": ["mot_de_passe", "motdepasse", "mdp"],
                 "es": ["contraseña", "clave", "contrasena"], "it": ["password", "parola_chiave"],
                 "nl": ["wachtwoord"], "pl": ["hasło", "haslo"], "pt": ["senha", "palavra_passe"],
                 "en": ["password", "passwd", "pwd", "pass"]}
LOCAL_SECRET_KEYS = {"de": ["geheimnis", "api_schluessel", "zugangstoken"], "fr": ["cle_api", "clé_secrète", "jeton"],
                     "es": ["clave_api", "token_acceso", "secreto"], "it": ["chiave_api", "segreto"],
                     "nl": ["api_sleutel", "geheim"], "pl": ["klucz_api", "sekret"], "pt": ["chave_api", "segredo"],
                     "en": ["secret", "api_key", "token", "client_secret"]}
URL_SCHEMES = [("postgres", 5432), ("postgresql", 5432), ("postgresql+psycopg2", 5432), ("mysql", 3306),
               ("mysql+pymysql", 3306), ("mongodb", 27017), ("mongodb+srv", None), ("redis", 6379), ("rediss", 6380),
               ("amqp", 5672), ("amqps", 5671)]
URL_SCHEME_W = [12, 12, 4, 10, 3, 6, 9, 8, 3, 7, 3]
URL_NAMES = {"postgres": ["DATABASE_URL", "PG_URL", "DB_DSN"], "postgresql": ["DATABASE_URL", "POSTGRES_URL", "DB_URI"],
             "postgresql+psycopg2": ["SQLALCHEMY_DATABASE_URI"], "mysql": ["DATABASE_URL", "MYSQL_URL"],
             "mysql+pymysql": ["SQLALCHEMY_DATABASE_URI"], "mongodb": ["MONGO_URL", "MONGODB_URI"],
             "mongodb+srv": ["MONGODB_URI", "MONGO_URI", "ATLAS_URI"], "redis": ["REDIS_URL", "CACHE_URL"],
             "rediss": ["REDIS_TLS_URL", "REDIS_URL"], "amqp": ["CELERY_BROKER_URL", "AMQP_URL", "RABBITMQ_URL"],
             "amqps": ["AMQP_URL", "BROKER_URL"]}

PH_BY_KIND = {
    "openai": ["sk-...", "sk-xxxxxxxxxxxxxxxxxxxxxxxx", "<your-openai-api-key>", "sk-YOUR_KEY_HERE"],
    "anthropic": ["sk-ant-xxxxx", "sk-ant-...", "<your-anthropic-key>"],
    "stripe": ["sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "sk_test_...", "<stripe-secret-key>"],
    "slack": ["xoxb-your-bot-token", "xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx", "<slack-bot-token>"],
    "github": ["ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "<your-github-token>", "ghp_..."],
    "google": ["AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "<your-maps-key>", "YOUR_API_KEY"],
    "password": ["changeme", "CHANGEME", "<password>", "********", "***", "YOUR_PASSWORD", "<db-password>"],
    "generic": ["<your-api-key>", "<YOUR_TOKEN>", "YOUR_TOKEN_HERE", "YOUR_API_KEY", "your-secret-here", "xxxxxxxxxxxxxxxx",
                "REPLACE_ME", "<redacted>", "[REDACTED]", "TODO", "dummy", "...", "changeme"],
}
PLACEHOLDERS = sorted({p for v in PH_BY_KIND.values() for p in v})


def ph_kind(name):
    n = (name or "").upper()
    for key, kind in (("OPENAI", "openai"), ("LLM", "openai"), ("ANTHROPIC", "anthropic"), ("CLAUDE", "anthropic"),
                      ("STRIPE", "stripe"), ("SLACK", "slack"), ("GITHUB", "github"), ("GH_", "github"),
                      ("GOOGLE", "google"), ("MAPS", "google"), ("FIREBASE", "google"), ("GEMINI", "google"),
                      ("PASS", "password"), ("PWD", "password"), ("PASSWORT", "password")):
        if key in n:
            return kind
    return "generic"


# --------------------------------------------------------------------------------------------
# Per-record context
# --------------------------------------------------------------------------------------------
class Ctx:
    def __init__(self, rng, gen, fk, locale):
        self.rng, self.gen, self.fk, self.locale = rng, gen, fk, locale
        self.lang = locale[:2]
        self.pool = gen.pool

    # deck of secret kinds, so that types stay balanced across templates
    DECK = ["AWS", "GITHUB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY", "GOOGLE_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
            "JWT", "PASSWORD_IN_URL", "GENERIC_pw", "GENERIC_he"]

    def draw(self, exclude=()):
        deck = self.gen.__dict__.setdefault("_deck", [])
        for _ in range(200):
            if not deck:
                deck.extend(self.DECK)
                self.rng.shuffle(deck)
            k = deck.pop()
            if k not in exclude:
                return k
        raise RuntimeError("deck exhausted")

    # --- typed values as fragments -------------------------------------------------------
    def tok(self, typ, sub=None, ctx="any"):
        """(Frag, subtype) for one typed secret (not URL / AWS pair)."""
        g = self.gen
        if typ == "GITHUB_TOKEN":
            v, sub = g.github(sub)
        elif typ == "SLACK_TOKEN":
            v, sub = g.slack(sub)
        elif typ == "STRIPE_KEY":
            v, sub = g.stripe(sub)
        elif typ == "GOOGLE_API_KEY":
            v, sub = g.google()
        elif typ == "OPENAI_API_KEY":
            v, sub = g.openai(sub)
        elif typ == "ANTHROPIC_API_KEY":
            v, sub = g.anthropic()
        elif typ == "JWT":
            v, sub = g.jwt(sub)
        elif typ == "AWS_ACCESS_KEY_ID":
            v, sub = g.aws_id(sub)
        elif typ == "AWS_SECRET_ACCESS_KEY":
            v, sub = g.aws_secret(), None
        elif typ == "GENERIC_pw":
            return S(g.password(ctx), "GENERIC_SECRET", "password"), "password"
        elif typ == "GENERIC_he":
            v = g.high_entropy(ctx)
            self._last_he = v
            return S(v, "GENERIC_SECRET", "high_entropy"), "high_entropy"
        else:
            raise ValueError(typ)
        return S(v, typ, sub), sub

    def named_tok(self, kind, how, ctx="any"):
        """(Frag, variable name in naming style how) for one secret of a drawn kind."""
        val, sub = self.tok(kind, ctx=ctx)
        return val, style(self.name_for(kind, sub), how)

    def name_for(self, kind, sub=None):
        """A natural UPPER_SNAKE variable name for a drawn kind / subtype."""
        r = self.rng
        if kind == "GENERIC_pw":
            return pick(r, PW_NAMES)
        if kind == "GENERIC_he":
            last = getattr(self, "_last_he", "")
            for pre, names in VENDOR_NAMES.items():
                if last.startswith(pre):
                    return pick(r, names)
            return pick(r, HE_NAMES)
        if kind == "SLACK_TOKEN":
            return pick(r, TYPE_NAMES.get(sub or "xoxb"))
        if kind == "STRIPE_KEY" and sub == "rk_live":
            return pick(r, TYPE_NAMES["rk_live"])
        if kind == "AWS_ACCESS_KEY_ID":
            return "AWS_ACCESS_KEY_ID"
        if kind == "AWS_SECRET_ACCESS_KEY":
            return "AWS_SECRET_ACCESS_KEY"
        return pick(r, TYPE_NAMES[kind])

    def url(self, scheme=None, host=None, user=None, neg_password=None):
        """scheme://user:PASSWORD@host[:port]/db -> Frag (span on the password only)."""
        r, fk = self.rng, self.fk
        if scheme is None:
            scheme, port = pick(r, URL_SCHEMES, URL_SCHEME_W)
        else:
            port = dict(URL_SCHEMES).get(scheme, None)
        if user is None:
            user = pick(r, [fk.user_name(), "postgres", "admin", "app", "root", "svc_" + fk.word().lower(), "default",
                            ""], [30, 8, 8, 10, 4, 8, 3 if scheme.startswith("redis") else 0, 6 if scheme.startswith("redis") else 0])
            user = re.sub(r"[^A-Za-z0-9_.\-]", "", user) if user else user
        if host is None:
            host = self.host(scheme)
        pw = N(neg_password[0], neg_password[1], neg_password[2]) if neg_password else \
            S(self.gen.url_password(), "PASSWORD_IN_URL", scheme)
        tail = ""
        if scheme.startswith("mongodb+srv"):
            tail = "/" + r.choice(["", fk.word().lower(), "admin"]) + r.choice(["?retryWrites=true&w=majority", "", "?authSource=admin"])
            port_s = ""
        else:
            port_s = f":{port}" if port and chance(r, 0.75) else ""
            if scheme.startswith("redis"):
                tail = "/" + str(r.randint(0, 5)) if chance(r, 0.6) else ""
            elif scheme.startswith("amqp"):
                tail = "/" + r.choice(["", "%2F", "vhost", fk.word().lower()])
            else:
                tail = "/" + re.sub(r"[^a-z0-9_]", "", fk.word().lower() + r.choice(["", "_db", "_prod", "_dev"]))
                if chance(r, 0.2):
                    tail += r.choice(["?sslmode=require", "?ssl=true", "?charset=utf8mb4", "?connect_timeout=10"])
        return R(f"{scheme}://{user}:⟨pw⟩@{host}{port_s}{tail}", pw=pw), scheme

    def host(self, scheme=""):
        r, fk = self.rng, self.fk
        word = re.sub(r"[^a-z0-9]", "", fk.domain_word().lower()) or "app"
        if scheme.startswith("mongodb+srv"):
            return f"{r.choice(['cluster0', 'prod-cluster', word])}.{rs(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 5)}.mongodb.net"
        k = r.randrange(7)
        if k == 0:
            return f"{word}-{r.choice(['prod', 'db', 'main'])}.{rs(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 12)}.{r.choice(['eu-west-1', 'us-east-1', 'eu-central-1', 'ap-southeast-2'])}.rds.amazonaws.com"
        if k == 1:
            return r.choice(["localhost", "127.0.0.1", "db", "postgres", "redis", "rabbitmq", "mysql"])
        if k == 2:
            return f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        if k == 3:
            return fk.domain_name()
        if k == 4:
            return f"{word}.internal"
        if k == 5:
            return f"{r.choice(['db', 'pg', 'sql', 'cache', 'mq'])}{r.randint(1, 9)}.{fk.domain_name()}"
        return f"{word}-{r.choice(['primary', 'replica', 'cache'])}.svc.cluster.local"

    def kv(self, kind, ctx="any", allow_pem=False):
        """List of (NAME, value Frag) for one drawn secret kind; AWS yields an id/secret pair."""
        r = self.rng
        if kind == "AWS":
            v1, _ = self.tok("AWS_ACCESS_KEY_ID")
            v2, _ = self.tok("AWS_SECRET_ACCESS_KEY")
            return [("AWS_ACCESS_KEY_ID", v1), ("AWS_SECRET_ACCESS_KEY", v2)]
        if kind == "PASSWORD_IN_URL":
            frag, scheme = self.url()
            return [(pick(r, URL_NAMES[scheme]), frag)]
        if kind == "GENERIC_pw":
            v, _ = self.tok(kind, ctx=ctx)
            return [(pick(r, PW_NAMES), v)]
        if kind == "GENERIC_he":
            v, _ = self.tok(kind, ctx=ctx)
            val = v.parts[0][0]
            for pre, names in VENDOR_NAMES.items():
                if val.startswith(pre):
                    return [(pick(r, names), v)]
            return [(pick(r, HE_NAMES), v)]
        if kind == "PRIVATE_KEY":
            pem, sub = self.gen.pem()
            return [(pick(r, TYPE_NAMES["PRIVATE_KEY"]), S(pem.replace("\n", "\\n"), "PRIVATE_KEY", sub))]
        v, sub = self.tok(kind)
        names = TYPE_NAMES.get(sub) or TYPE_NAMES[kind]
        return [(pick(r, names), v)]

    # --- negatives ---------------------------------------------------------------------------
    def placeholder(self, hint=None, name=None):
        r = self.rng
        if name is not None:
            if "AWS_ACCESS_KEY" in name.upper():
                hint = "aws_id"
            elif "AWS_SECRET" in name.upper():
                hint = "aws_secret"
            elif chance(r, 0.85):
                return N(pick(r, PH_BY_KIND[ph_kind(name)]), "NEG_EXAMPLE_PLACEHOLDER", "placeholder")
        if hint == "aws_id" or (hint is None and name is None and chance(r, 0.12)):
            return N(r.choice(AWS_DOC_IDS), "NEG_EXAMPLE_PLACEHOLDER", "aws_doc_example")
        if hint == "aws_secret":
            return N(r.choice(AWS_DOC_SECRETS), "NEG_EXAMPLE_PLACEHOLDER", "aws_doc_example")
        if chance(r, 0.2):
            return self.masked()
        return N(r.choice(PLACEHOLDERS), "NEG_EXAMPLE_PLACEHOLDER", "placeholder")

    def masked(self, value=None):
        """A masked / truncated key as shown by dashboards and CLIs (negative)."""
        r = self.rng
        if value is not None:
            m = re.match(r"(sk-ant-api03-|sk-proj-|sk-svcacct-|sk-|sk_live_|sk_test_|rk_live_|gh[pousr]_|github_pat_|xox[bp]-|xapp-|AIza|AKIA|ASIA|eyJ)", value)
            pre = m.group(1) if m else ""
            stars = pick(r, ["*" * r.randint(6, 16), "…", "...", "•" * r.randint(6, 12)])
            return N(pre + stars + value[-4:], "NEG_EXAMPLE_PLACEHOLDER", "masked")
        k = r.randrange(5)
        if k == 0:
            v = "sk-proj-" + "*" * r.randint(6, 12) + rs(r, ALNUM, 4)
        elif k == 1:
            v = "sk_live_" + "•" * r.randint(8, 16) + rs(r, "0123456789", 4)
        elif k == 2:
            v = "ghp_" + "*" * 32 + rs(r, ALNUM, 4)
        elif k == 3:
            v = "sk-ant-…" + rs(r, ALNUM, 4)
        else:
            v = "AKIA" + "*" * 12 + rs(r, BASE32, 4)
        return N(v, "NEG_EXAMPLE_PLACEHOLDER", "masked")

    def env_ref(self, name, syntax):
        forms = {
            "shell": f"${{{name}}}", "shell_bare": f"${name}", "gha": f"${{{{ secrets.{name} }}}}",
            "helm": f"{{{{ .Values.{style(name, 'camel')} }}}}", "python": f"os.environ[\"{name}\"]",
            "python_get": f"os.getenv('{name}')", "js": f"process.env.{name}", "go": f"os.Getenv(\"{name}\")",
            "java": f"System.getenv(\"{name}\")", "ruby": f"ENV['{name}']", "ruby_fetch": f"ENV.fetch(\"{name}\")",
            "terraform": f"var.{style(name, 'lower')}", "compose": f"${{{name}:?err}}", "spring": f"${{{name}}}",
            "jinja": f"{{{{ {style(name, 'lower')} }}}}", "vault": f"vault:secret/data/{style(name, 'kebab')}#value",
            "k8s": f"$({name})", "php": f"getenv('{name}')", "dotnet": f"Environment.GetEnvironmentVariable(\"{name}\")",
        }
        sub = syntax.split("_")[0]
        return N(forms[syntax], "NEG_ENV_REFERENCE", sub)

    def hash_neg(self, kind=None):
        v, k = self.gen.hash_hex(kind)
        return N(v, "NEG_HASH", k)

    def sha_neg(self, short=False):
        v = self.gen.git_sha()
        return N(v[:self.rng.choice([7, 8, 10, 12])] if short else v, "NEG_GIT_SHA")

    def uuid_neg(self):
        return N(self.gen.uuid4(), "NEG_UUID")

    def b64_neg(self):
        return N(self.gen.b64_plain(), "NEG_BASE64_PLAINTEXT")

    def pub_neg(self, kind=None):
        kind = kind or pick(self.rng, ["spki", "pkcs1"], [70, 30])
        return N(self.pool.public_pem(self.rng, kind), "NEG_PUBLIC_KEY", kind)

    def ssh_pub_neg(self):
        line, _ = self.pool.ssh_public(self.rng, "")
        return N(line, "NEG_PUBLIC_KEY", "openssh")

    def cert_neg(self):
        return N(self.pool.cert_pem(self.rng), "NEG_CERTIFICATE")

    def integrity_neg(self):
        return N(self.gen.integrity(), "NEG_INTEGRITY", "sha512")

    def pk_neg(self):
        return N(self.gen.stripe_publishable(), "NEG_PUBLISHABLE_KEY", "stripe_pk")

    def any_neg(self, name="API_KEY", syntax="shell"):
        """A random hard negative usable as a value in key=value text."""
        r = self.rng
        k = pick(r, ["ph", "env", "uuid", "hash", "sha", "b64", "pk"], [30, 25, 12, 10, 8, 8, 7])
        if k == "ph":
            return self.placeholder(name=name)
        if k == "env":
            return self.env_ref(name, syntax)
        if k == "uuid":
            return self.uuid_neg()
        if k == "hash":
            return self.hash_neg()
        if k == "sha":
            return self.sha_neg()
        if k == "b64":
            return self.b64_neg()
        return self.pk_neg()

    def ts(self, fmt="iso"):
        r = self.rng
        t = dt.datetime(2024, 1, 1) + dt.timedelta(seconds=r.randrange(0, 560 * 86400))
        if fmt == "iso":
            return t.strftime("%Y-%m-%dT%H:%M:%S") + f".{r.randrange(1000):03d}Z"
        if fmt == "space":
            return t.strftime("%Y-%m-%d %H:%M:%S") + f",{r.randrange(1000):03d}"
        if fmt == "syslog":
            return t.strftime("%b %d %H:%M:%S")
        if fmt == "date":
            return t.strftime("%Y-%m-%d")
        if fmt == "git":
            return t.strftime("%a %b %d %H:%M:%S %Y") + " " + r.choice(["+0100", "+0200", "-0500", "+0000"])
        raise ValueError(fmt)

    def name_ascii(self):
        return re.sub(r"[^a-z0-9_]", "", self.fk.user_name().lower()) or "dev"


# --------------------------------------------------------------------------------------------
# Template registry
# --------------------------------------------------------------------------------------------
TEMPLATES = []


def template(name, kind, weight=1.0):
    def deco(fn):
        TEMPLATES.append((name, kind, weight, fn))
        return fn
    return deco


PROMPT_OPENERS = {
    "en": ["Why does this fail? Here is my config:", "Can you spot what's wrong here?", "This keeps throwing 401s, any idea why?",
           "Quick question - is this the right format?", "My deploy broke after I changed this:", "pls help, it worked yesterday"],
    "de": ["Warum schlägt das fehl? Hier ist meine Konfiguration:", "Kannst du mir sagen, was hier falsch ist?",
           "Seit dem Update bekomme ich nur noch Fehler:", "Ist das Format so richtig?"],
    "fr": ["Pourquoi ça plante ? Voici ma config :", "Tu vois ce qui cloche ici ?", "J'ai une erreur 401 avec ça :",
           "Est-ce que le format est bon ?"],
    "es": ["¿Por qué falla esto? Esta es mi configuración:", "¿Ves qué está mal aquí?", "Me da error 401 con esto:",
           "¿Está bien este formato?"],
    "it": ["Perché non funziona? Ecco la mia configurazione:", "Riesci a vedere cosa c'è che non va?",
           "Mi dà errore 401 con questo:"],
    "nl": ["Waarom faalt dit? Hier is mijn config:", "Zie jij wat hier fout gaat?", "Ik krijg steeds een 401 hiermee:"],
    "pl": ["Dlaczego to nie działa? Oto moja konfiguracja:", "Widzisz, co tu jest nie tak?", "Dostaję błąd 401 z tym:"],
    "pt": ["Porque é que isto falha? Aqui está a minha configuração:", "Consegues ver o que está mal?",
           "Estou a receber 401 com isto:"],
}
PROMPT_CLOSERS = {
    "en": ["", "Thanks!", "Running it in Docker if that matters.", "Any help appreciated 🙏", "It's for a side project."],
    "de": ["", "Danke!", "Läuft in Docker, falls das wichtig ist.", "Bin für jede Hilfe dankbar 🙏"],
    "fr": ["", "Merci !", "Ça tourne dans Docker, si ça compte.", "Merci d'avance 🙏"],
    "es": ["", "¡Gracias!", "Lo ejecuto en Docker, por si importa.", "Cualquier ayuda se agradece 🙏"],
    "it": ["", "Grazie!", "Gira in Docker, se può servire."],
    "nl": ["", "Bedankt!", "Draait in Docker, als dat uitmaakt."],
    "pl": ["", "Dzięki!", "Działa w Dockerze, jeśli to ważne."],
    "pt": ["", "Obrigado!", "Corre em Docker, se isso importar."],
}


def opener(c):
    return pick(c.rng, PROMPT_OPENERS[c.lang])


def closer(c):
    return pick(c.rng, PROMPT_CLOSERS[c.lang])


# --------------------------------------------------------------------------------------------
# Records and self-check
# --------------------------------------------------------------------------------------------
def to_record(idx, frag, template_name, kind, locale):
    text, spans, negs = "", [], []
    cp = bp = 0
    for t, k, typ, sub in frag.parts:
        if not t:
            continue
        if k is not None:
            item = {"start": cp, "end": cp + len(t), "start_byte": bp, "end_byte": bp + len(t.encode("utf-8")),
                    "type": typ}
            if sub is not None:
                item["subtype"] = sub
            item["text"] = t
            (spans if k == "span" else negs).append(item)
        text += t
        cp += len(t)
        bp += len(t.encode("utf-8"))
    return {"id": f"sec-p-{idx:06d}", "text": text, "spans": spans, "negatives": negs, "split": "probe",
            "meta": {"template": template_name, "kind": kind, "locale": locale}}


SHAPES = {
    ("AWS_ACCESS_KEY_ID", "AKIA"): r"AKIA[A-Z2-7]{16}",
    ("AWS_ACCESS_KEY_ID", "ASIA"): r"ASIA[A-Z2-7]{16}",
    ("AWS_SECRET_ACCESS_KEY", None): r"[A-Za-z0-9+/]{40}",
    ("GITHUB_TOKEN", "fine_grained"): r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}",
    ("SLACK_TOKEN", "xoxb"): r"xoxb-\d{12}-\d{13}-[A-Za-z0-9]{24}",
    ("SLACK_TOKEN", "xoxp"): r"xoxp-\d{12}-\d{12}-\d{13}-[a-f0-9]{32}",
    ("SLACK_TOKEN", "xapp"): r"xapp-1-A[A-Z0-9]{10}-\d{13}-[a-f0-9]{64}",
    ("GOOGLE_API_KEY", None): r"AIza[A-Za-z0-9_\-]{35}",
    ("OPENAI_API_KEY", "legacy"): r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
    ("OPENAI_API_KEY", "project"): r"sk-proj-[A-Za-z0-9_\-]{74}T3BlbkFJ[A-Za-z0-9_\-]{74}",
    ("OPENAI_API_KEY", "svcacct"): r"sk-svcacct-[A-Za-z0-9_\-]{74}T3BlbkFJ[A-Za-z0-9_\-]{74}",
    ("ANTHROPIC_API_KEY", None): r"sk-ant-api03-[A-Za-z0-9_\-]{93}AA",
}
for _p in ("ghp", "gho", "ghu", "ghs", "ghr"):
    SHAPES[("GITHUB_TOKEN", _p)] = _p + r"_[A-Za-z0-9]{36}"
for _p in ("sk_live", "rk_live", "sk_test"):
    SHAPES[("STRIPE_KEY", _p)] = _p + r"_(?:[A-Za-z0-9]{24}|51[A-Za-z0-9]{97})"

PEM_HEADERS = {"RSA": "RSA PRIVATE KEY", "EC": "EC PRIVATE KEY", "PKCS8": "PRIVATE KEY", "OPENSSH": "OPENSSH PRIVATE KEY"}


def _unembed_pem(s):
    """PEM text as it appears in the record -> plain PEM (undo JSON/.env \\n escapes and YAML/heredoc indentation)."""
    if "\\n" in s:
        s = s.replace("\\r\\n", "\n").replace("\\n", "\n")
    s = s.replace("\r\n", "\n")
    return "\n".join(line.strip() for line in s.split("\n"))


class CheckError(Exception):
    pass


def check_record(rec, pool_public):
    text = rec["text"]
    tb = text.encode("utf-8")
    items = [(s, "span") for s in rec["spans"]] + [(s, "neg") for s in rec["negatives"]]
    for s, k in items:
        if text[s["start"]:s["end"]] != s["text"]:
            raise CheckError(f"{rec['id']}: code-point slice mismatch for {s['type']}")
        if tb[s["start_byte"]:s["end_byte"]].decode("utf-8") != s["text"]:
            raise CheckError(f"{rec['id']}: byte slice mismatch for {s['type']}")
        if not s["text"] or s["text"] != s["text"].strip():
            raise CheckError(f"{rec['id']}: empty or padded span {s['text']!r}")
        if (k == "span") != (s["type"] in SECRET_TYPES) or (k == "neg") != (s["type"] in NEG_TYPES):
            raise CheckError(f"{rec['id']}: bad type {s['type']} in {k}")
    ordered = sorted((s["start"], s["end"]) for s, _ in items)
    for (a1, b1), (a2, b2) in zip(ordered, ordered[1:]):
        if a2 < b1:
            raise CheckError(f"{rec['id']}: overlapping spans at {a1}-{b1} / {a2}-{b2}")
    for s in rec["spans"]:
        t, sub, v = s["type"], s.get("subtype"), s["text"]
        # a labelled value must not run on into more token characters
        before = text[s["start"] - 1] if s["start"] else " "
        after = text[s["end"]] if s["end"] < len(text) else " "
        if t != "PRIVATE_KEY" and (re.match(r"[A-Za-z0-9_]", before) or re.match(r"[A-Za-z0-9]", after)):
            raise CheckError(f"{rec['id']}: {t} span {v!r} touches token characters ({before!r}, {after!r})")
        shape = SHAPES.get((t, sub))
        if shape and not re.fullmatch(shape, v):
            raise CheckError(f"{rec['id']}: {t}/{sub} has the wrong shape: {v!r}")
        if t in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY",
                 "GOOGLE_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY") and (t, sub) not in SHAPES:
            raise CheckError(f"{rec['id']}: unexpected subtype {t}/{sub}")
        if t == "GITHUB_TOKEN" and sub != "fine_grained":
            body, crc = v[4:34], v[34:]
            if b62_fixed(zlib.crc32(body.encode())) != crc:
                raise CheckError(f"{rec['id']}: GitHub CRC32 suffix does not verify: {v}")
        elif t == "JWT":
            parts = v.split(".")
            if len(parts) != 3:
                raise CheckError(f"{rec['id']}: JWT without 3 parts")
            header = json.loads(b64url_dec(parts[0]))
            json.loads(b64url_dec(parts[1]).decode("utf-8"))
            sig = b64url_dec(parts[2])
            if header.get("alg") != sub:
                raise CheckError(f"{rec['id']}: JWT alg {header.get('alg')} != subtype {sub}")
            want = {"HS256": 32, "HS384": 48, "HS512": 64, "ES256": 64}.get(sub)
            signing_input = f"{parts[0]}.{parts[1]}".encode()
            if sub == "RS256":
                if not any(_verifies(k, sig, signing_input) for k in pool_public["rsa"]):
                    raise CheckError(f"{rec['id']}: RS256 signature does not verify")
            elif sub == "ES256":
                der = asym_utils.encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
                if not any(_verifies(k, der, signing_input, ecdsa=True) for k in pool_public["ec256"]):
                    raise CheckError(f"{rec['id']}: ES256 signature does not verify")
            elif len(sig) != want:
                raise CheckError(f"{rec['id']}: {sub} signature has {len(sig)} bytes")
        elif t == "PRIVATE_KEY":
            pem = _unembed_pem(v)
            head = PEM_HEADERS[sub]
            if not (pem.startswith(f"-----BEGIN {head}-----\n") and pem.endswith(f"\n-----END {head}-----")):
                raise CheckError(f"{rec['id']}: PEM {sub} header/footer wrong")
            if sub == "OPENSSH":
                serialization.load_ssh_private_key(pem.encode(), password=None)
            else:
                serialization.load_pem_private_key(pem.encode(), password=None)
        elif t == "PASSWORD_IN_URL":
            if not (text[s["start"] - 1] == ":" and text[s["end"]] == "@"):
                raise CheckError(f"{rec['id']}: URL password not between ':' and '@'")
            if not re.search(re.escape(sub) + r"://[^\s:/@]*:$", text[:s["start"]]):
                raise CheckError(f"{rec['id']}: URL scheme {sub} not found before password")
        elif t == "GENERIC_SECRET":
            if sub not in ("password", "high_entropy") or re.search(r"\s", v):
                raise CheckError(f"{rec['id']}: bad GENERIC_SECRET {sub} {v!r}")
    for s in rec["negatives"]:
        t, v = s["type"], s["text"]
        if t in ("NEG_PUBLIC_KEY", "NEG_CERTIFICATE") and v.startswith("-----"):
            pem = _unembed_pem(v).encode()
            if t == "NEG_CERTIFICATE":
                x509.load_pem_x509_certificate(pem)
            else:
                serialization.load_pem_public_key(pem)
        elif t == "NEG_PUBLIC_KEY":
            serialization.load_ssh_public_key(v.encode())
        elif t == "NEG_BASE64_PLAINTEXT":
            base64.b64decode(v, validate=True).decode("utf-8")
        elif t == "NEG_UUID":
            uuid.UUID(v)
        elif t == "NEG_GIT_SHA" and not re.fullmatch(r"[0-9a-f]{7,40}", v):
            raise CheckError(f"{rec['id']}: bad git sha {v}")
        elif t == "NEG_HASH" and s.get("subtype") in ("md5", "sha1", "sha256", "sha512"):
            if len(v) != {"md5": 32, "sha1": 40, "sha256": 64, "sha512": 128}[s["subtype"]]:
                raise CheckError(f"{rec['id']}: bad {s['subtype']} length")


def _verifies(pub, sig, data, ecdsa=False):
    try:
        if ecdsa:
            pub.verify(sig, data, ec.ECDSA(hashes.SHA256()))
        else:
            pub.verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
        return True
    except Exception:
        return False


def check_all(records, pool):
    pool_public = {"rsa": [k.public_key() for k in pool.rsa], "ec256": [k.public_key() for k in pool.ec256]}
    for i, rec in enumerate(records, 1):
        if rec["id"] != f"sec-p-{i:06d}":
            raise CheckError(f"id out of sequence: {rec['id']}")
        check_record(rec, pool_public)
    texts = [r["text"] for r in records]
    if len(set(texts)) != len(texts):
        raise CheckError("duplicate texts")
    tmpl = {r["meta"]["template"] for r in records}
    if len(tmpl) < 30:
        raise CheckError(f"only {len(tmpl)} templates")
    types = collections.Counter(s["type"] for r in records for s in r["spans"])
    for t in SECRET_TYPES:
        if types[t] < 25:
            raise CheckError(f"type {t} has only {types[t]} spans")
    no_spans = sum(1 for r in records if not r["spans"]) / len(records)
    with_negs = sum(1 for r in records if r["negatives"]) / len(records)
    if not (0.10 <= no_spans <= 0.22):
        raise CheckError(f"texts without spans: {no_spans:.1%} (want ~15%)")
    if not (0.24 <= with_negs <= 0.40):
        raise CheckError(f"texts with negatives: {with_negs:.1%} (want ~30%)")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
def allocate(n, weights):
    total = sum(weights)
    raw = [n * w / total for w in weights]
    counts = [int(x) for x in raw]
    rest = sorted(range(len(weights)), key=lambda i: -(raw[i] - counts[i]))
    for i in rest[: n - sum(counts)]:
        counts[i] += 1
    return counts


def generate(seed, n=N_TEXTS):
    rng = random.Random(seed)
    pool = KeyPool(random.Random(rng.getrandbits(64)))
    gen = Gen(rng, pool)
    fakers = {}
    for loc in LOCALES:
        fakers[loc] = Faker(loc)
    counts = allocate(n, [w for _, _, w, _ in TEMPLATES])
    plan = [t for t, cnt in zip(TEMPLATES, counts) for _ in range(cnt)]
    rng.shuffle(plan)
    records, seen = [], set()
    for name, kind, _, fn in plan:
        for attempt in range(30):
            locale = pick(rng, LOCALES, LOCALE_WEIGHTS)
            fk = fakers[locale]
            fk.seed_instance(rng.getrandbits(32))
            gen.fk = fk
            c = Ctx(rng, gen, fk, locale)
            out = fn(c)
            frag, k = (out if isinstance(out, tuple) else (out, kind))
            rec = to_record(len(records) + 1, frag, name, k, locale)
            if rec["text"] in seen:
                continue
            # Optional hard negatives are sprinkled generously by the templates; thin them out so that about 30% of
            # all texts carry negatives (about half of those are the negative-only p_neg_* templates).
            if rec["spans"] and rec["negatives"] and attempt < 10 and rng.random() < NEG_THIN:
                continue
            break
        else:
            raise CheckError(f"template {name} keeps producing duplicates")
        seen.add(rec["text"])
        records.append(rec)
    return records, pool


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("-n", type=int, default=N_TEXTS, help="number of texts (default %(default)s)")
    args = ap.parse_args(argv)
    if faker.VERSION != FAKER_VERSION:
        print(f"warning: Faker {faker.VERSION} installed, the probe was made with {FAKER_VERSION}; "
              f"values will differ", file=sys.stderr)
    records, pool = generate(args.seed, args.n)
    try:
        check_all(records, pool)
    except CheckError as e:
        sys.exit(f"SELF-CHECK FAILED: {e}")
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    # report
    spans = [s for r in records for s in r["spans"]]
    negs = [s for r in records for s in r["negatives"]]
    print(f"wrote {len(records)} texts to {args.out} (seed {args.seed})")
    print(f"spans {len(spans)}, negatives {len(negs)}, templates {len({r['meta']['template'] for r in records})}, "
          f"texts without spans {sum(1 for r in records if not r['spans'])}, "
          f"texts with negatives {sum(1 for r in records if r['negatives'])}, "
          f"non-ASCII texts {sum(1 for r in records if not r['text'].isascii())}")
    print("self-check passed: slices (code point + UTF-8 byte), no overlaps, token shapes, GitHub CRC32, "
          "JWT decode + signatures, PEM private/public/cert parse, URL passwords, base64/UUID negatives")
    print("\nspans by type:")
    for t, cnt in sorted(collections.Counter(s["type"] for s in spans).items()):
        print(f"  {t:24s} {cnt}")
    print("\nspans by type/subtype:")
    for (t, sub), cnt in sorted(collections.Counter((s["type"], s.get("subtype", "-")) for s in spans).items()):
        print(f"  {t + '/' + sub:40s} {cnt}")
    print("\nnegatives by type:")
    for t, cnt in sorted(collections.Counter(s["type"] for s in negs).items()):
        print(f"  {t:24s} {cnt}")
    print("\ntexts by template (texts / spans / negatives):")
    by_t = collections.defaultdict(lambda: [0, 0, 0])
    for r in records:
        b = by_t[r["meta"]["template"]]
        b[0] += 1
        b[1] += len(r["spans"])
        b[2] += len(r["negatives"])
    for t, (a, b, c_) in sorted(by_t.items()):
        print(f"  {t:28s} {a:4d} {b:4d} {c_:4d}")
    print("\nkinds:", dict(sorted(collections.Counter(r["meta"]["kind"] for r in records).items())))
    return 0


# ============================================================================================
# Templates (each a document kind / sentence shape that the dev set does not use)
# ============================================================================================
QCTX = {"": "bare", '"': "dq", "'": "sq", "`": "bt"}


def filler_env(c, n):
    r, fk = c.rng, c.fk
    pool = [f"APP_NAME={fk.domain_word()}", f"NODE_ENV={r.choice(['production', 'staging', 'development'])}",
            f"PORT={r.choice([3000, 8000, 8080, 5000, 4000])}", f"LOG_LEVEL={r.choice(['info', 'debug', 'warn'])}",
            f"TZ={r.choice(['Europe/Berlin', 'Europe/Paris', 'UTC', 'America/New_York', 'Europe/Lisbon'])}",
            f"S3_BUCKET={fk.domain_word()}-{r.choice(['assets', 'uploads', 'backups'])}",
            f"AWS_REGION={r.choice(['eu-west-1', 'us-east-1', 'eu-central-1'])}", "DEBUG=false",
            f"APP_URL=https://{fk.domain_name()}", f"MAIL_FROM={fk.company_email()}", f"WORKERS={r.randint(2, 16)}",
            f"FEATURE_NEW_CHECKOUT={r.choice(['true', 'false'])}", f"CACHE_TTL={r.choice([60, 300, 3600])}",
            f"SMTP_HOST=smtp.{fk.domain_name()}", f"SMTP_PORT={r.choice([25, 465, 587])}"]
    return r.sample(pool, n)


def secret_lines(c, n, ctx, exclude=()):
    """n drawn secret kinds -> list of (NAME, Frag)."""
    out = []
    used = set(exclude)
    for _ in range(n):
        k = c.draw(exclude=used)
        used.add(k)
        out.extend(c.kv(k, ctx))
    return out


def maybe_env_ref(c, p, fmt, name, syntax):
    """With chance p, fmt with ⟨e⟩ an env-var reference to name (a hard negative); otherwise empty.

    syntax may be a list; one is then picked, only when the reference is used."""
    if not chance(c.rng, p):
        return R("")
    if isinstance(syntax, list):
        syntax = pick(c.rng, syntax)
    return R(fmt, e=c.env_ref(name, syntax))


@template("p_dotenv", "config", 1.3)
def t_dotenv(c):
    r, fk = c.rng, c.fk
    qs = pick(r, ["", '"', "'"], [55, 30, 15])
    ctx = QCTX[qs]
    lines = []
    if chance(r, 0.6):
        lines.append(R(f"# {r.choice(['.env.production', '.env', '.env.local', 'staging.env'])} ({r.choice(['owner', 'maintained by', 'last edited by'])}: {fk.name()})"))
    fill = filler_env(c, r.randint(2, 5))
    secrets = secret_lines(c, r.randint(1, 3), ctx)
    if qs == '"' and chance(r, 0.25):
        secrets += c.kv("PRIVATE_KEY", ctx)
    items = [R(f) for f in fill] + [R(f"⟨n⟩={qs}⟨v⟩{qs}", n=nm, v=v) for nm, v in secrets]
    if chance(r, 0.25):
        nm = pick(r, ["SENTRY_AUTH_TOKEN", "MAILGUN_API_KEY", "PUSHER_SECRET", "ALGOLIA_ADMIN_KEY", "OPENAI_API_KEY"])
        items.append(R(f"⟨n⟩={qs}⟨v⟩{qs}", n=nm, v=c.any_neg(nm, "shell")))
    r.shuffle(items)
    body = maybe_crlf(r, J("\n", lines + items), 0.1)
    return body + ("\n" if chance(r, 0.5) else "")


@template("p_compose", "config", 1.1)
def t_compose(c):
    r, fk = c.rng, c.fk
    db_pw = S(c.gen.password("yaml"), "GENERIC_SECRET", "password")
    img = "postgres:16-alpine"
    image = R(f"    image: {img}")
    if chance(r, 0.2):
        image = R(f"    image: {img}@sha256:⟨h⟩", h=c.hash_neg("sha256"))
    mapping = chance(r, 0.5)
    app = c.name_ascii()[:10] or "app"
    url, scheme = c.url(scheme="postgres", host="db", user=app)
    extra = secret_lines(c, r.randint(1, 2), "yaml" if mapping else "bare", exclude=("PASSWORD_IN_URL",))
    if mapping:
        env = [R(f"      {nm}: ⟨v⟩", v=v) if chance(r, 0.6) else R(f"      {nm}: \"⟨v⟩\"", v=v) for nm, v in extra]
        env.insert(0, R("      DATABASE_URL: ⟨u⟩", u=url))
    else:
        env = [R(f"      - {nm}=⟨v⟩", v=v) for nm, v in extra]
        env.insert(0, R("      - DATABASE_URL=⟨u⟩", u=url))
    if chance(r, 0.2):
        nm = pick(r, ["STRIPE_WEBHOOK_SECRET", "GITHUB_TOKEN", "JWT_SECRET"])
        ref = c.env_ref(nm, "compose")
        env.append(R(f"      {nm}: ⟨v⟩", v=ref) if mapping else R(f"      - {nm}=⟨v⟩", v=ref))
    return R(f"""services:
  db:
⟨image⟩
    restart: unless-stopped
    environment:
      POSTGRES_USER: {app}
      POSTGRES_PASSWORD: ⟨pw⟩
      POSTGRES_DB: {app}
    volumes:
      - pgdata:/var/lib/postgresql/data
  {r.choice(['api', 'web', 'backend', 'worker'])}:
    build: .
    depends_on: [db]
    environment:
⟨env⟩
    ports:
      - "{r.choice([8000, 8080, 3000])}:{r.choice([8000, 8080, 3000])}"
volumes:
  pgdata: {{}}
""", image=image, pw=db_pw, env=J("\n", env))


@template("p_k8s_secret", "config", 1.0)
def t_k8s_secret(c):
    r, fk = c.rng, c.fk
    items = secret_lines(c, r.randint(1, 3), "yaml")
    lines = []
    for nm, v in items:
        key = nm if chance(r, 0.5) else style(nm, "kebab")
        lines.append(R(f"  {key}: \"⟨v⟩\"", v=v) if chance(r, 0.5) else R(f"  {key}: ⟨v⟩", v=v))
    data = ""
    negs = {}
    if chance(r, 0.3):
        user = c.name_ascii()
        negs["b"] = N(base64.b64encode(user.encode()).decode(), "NEG_BASE64_PLAINTEXT")
        data = "data:\n  username: ⟨b⟩\n"
    name = f"{fk.domain_word()}-{r.choice(['credentials', 'secrets', 'api-keys', 'env'])}"
    return R(f"""apiVersion: v1
kind: Secret
metadata:
  name: {name}
  namespace: {r.choice(['default', 'prod', 'payments', 'staging', 'platform'])}
  labels:
    app.kubernetes.io/name: {fk.domain_word()}
type: Opaque
{data}stringData:
⟨lines⟩
""", lines=J("\n", lines), **negs)


@template("p_k8s_deploy_env", "config", 1.0)
def t_k8s_env(c):
    r, fk = c.rng, c.fk
    items = secret_lines(c, r.randint(1, 2), "dq")
    envs = [R(f"            - name: LOG_LEVEL\n              value: \"{r.choice(['info', 'debug'])}\"")]
    for nm, v in items:
        envs.append(R(f"            - name: {nm}\n              value: \"⟨v⟩\"", v=v))
    if chance(r, 0.5):
        envs.append(R(f"            - name: {pick(r, PW_NAMES)}\n              valueFrom:\n                secretKeyRef:\n"
                      f"                  name: {fk.domain_word()}-db\n                  key: password"))
    if chance(r, 0.3):
        envs.append(R("            - name: API_URL\n              value: \"https://$(API_HOST)/v1\"".replace(
            "$(API_HOST)", "⟨ref⟩"), ref=c.env_ref("API_HOST", "k8s")))
    r.shuffle(envs)
    app = fk.domain_word()
    return R(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {app}
spec:
  replicas: {r.randint(1, 4)}
  selector:
    matchLabels:
      app: {app}
  template:
    metadata:
      labels:
        app: {app}
    spec:
      containers:
        - name: {app}
          image: ghcr.io/{c.name_ascii()}/{app}:{r.randint(1, 3)}.{r.randint(0, 20)}.{r.randint(0, 9)}
          env:
⟨envs⟩
""", envs=J("\n", envs))


@template("p_helm_values", "config", 0.9)
def t_helm(c):
    r, fk = c.rng, c.fk
    pw = S(c.gen.password("yaml"), "GENERIC_SECRET", "password")
    k1 = c.draw(exclude=("AWS", "PASSWORD_IN_URL", "GENERIC_pw"))
    (nm, v), = c.kv(k1, "yaml") if k1 != "AWS" else [("X", None)]
    svc = {"GITHUB_TOKEN": "github", "SLACK_TOKEN": "slack", "STRIPE_KEY": "stripe", "GOOGLE_API_KEY": "maps",
           "OPENAI_API_KEY": "openai", "ANTHROPIC_API_KEY": "anthropic", "JWT": "upstream", "GENERIC_he": "webhooks"}[k1]
    key = {"GITHUB_TOKEN": "token", "SLACK_TOKEN": "botToken", "STRIPE_KEY": "secretKey", "GOOGLE_API_KEY": "apiKey",
           "OPENAI_API_KEY": "apiKey", "ANTHROPIC_API_KEY": "apiKey", "JWT": "bearerToken", "GENERIC_he": "signingSecret"}[k1]
    quote = pick(r, ["", '"', "'"])
    neg = ""
    kw = {}
    if chance(r, 0.35):
        neg = "\n  sentry:\n    dsnSecret: ⟨ref⟩"
        kw["ref"] = c.env_ref("SENTRY_DSN", "helm")
    return R(f"""# values-{r.choice(['prod', 'staging', 'eu'])}.yaml
replicaCount: {r.randint(1, 5)}
image:
  repository: {fk.domain_word()}/{fk.domain_word()}
  tag: "{r.randint(1, 4)}.{r.randint(0, 30)}.{r.randint(0, 9)}"
postgresql:
  enabled: true
  auth:
    username: {c.name_ascii()}
    {r.choice(['password', 'postgresPassword'])}: {quote}⟨pw⟩{quote}
    database: {fk.domain_word()}
externalServices:
  {svc}:
    {key}: {quote}⟨v⟩{quote}{neg}
resources:
  limits:
    memory: {r.choice(['256Mi', '512Mi', '1Gi'])}
""", pw=pw, v=v, **kw)


@template("p_terraform", "config", 1.1)
def t_terraform(c):
    r, fk = c.rng, c.fk
    blocks = []
    variant = r.randrange(4)
    if variant == 0:
        aid, _ = c.tok("AWS_ACCESS_KEY_ID")
        sec, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        blocks.append(R(f"""provider "aws" {{
  region     = "{r.choice(['eu-west-1', 'us-east-1', 'eu-central-1'])}"
  access_key = "⟨a⟩"
  secret_key = "⟨s⟩"
}}""", a=aid, s=sec))
    elif variant == 1:
        tok, _ = c.tok("GITHUB_TOKEN")
        blocks.append(R(f"""provider "github" {{
  owner = "{fk.domain_word()}"
  token = "⟨t⟩"
}}""", t=tok))
    elif variant == 2:
        v = S(rs(r, B64URL, 40), "GENERIC_SECRET", "high_entropy")
        blocks.append(R(f"""provider "cloudflare" {{
  api_token = "⟨t⟩"
}}""", t=v))
    else:
        tok, _ = c.tok("SLACK_TOKEN", "xoxb")
        blocks.append(R("""provider "slack" {
  token = "⟨t⟩"
}""", t=tok))
    pw = S(c.gen.password("dq"), "GENERIC_SECRET", "password")
    blocks.append(R("""variable "db_password" {
  type      = string
  default   = "⟨pw⟩"
  sensitive = true
}""", pw=pw))
    dbpw = c.env_ref("DB_PASSWORD", "terraform") if chance(r, 0.3) else R("aws_secretsmanager_secret_version.db.secret_string")
    blocks.append(R(f"""resource "aws_db_instance" "{fk.domain_word()}" {{
  identifier        = "{fk.domain_word()}-{r.choice(['prod', 'db'])}"
  engine            = "{r.choice(['postgres', 'mysql'])}"
  instance_class    = "db.t3.{r.choice(['micro', 'small', 'medium'])}"
  allocated_storage = {r.choice([20, 50, 100])}
  username          = "{c.name_ascii()[:16]}"
  password          = ⟨p⟩
}}""", p=dbpw))
    return J("\n\n", blocks) + "\n"


@template("p_toml", "config", 1.0)
def t_toml(c):
    r, fk = c.rng, c.fk
    qs = pick(r, ['"', "'"], [70, 30])
    ctx = QCTX[qs]
    secs = []
    if chance(r, 0.5):
        url, _ = c.url()
        secs.append(R(f"[database]\nurl = {qs}⟨u⟩{qs}\npool_size = {r.randint(5, 20)}", u=url))
    else:
        pw = S(c.gen.password(ctx), "GENERIC_SECRET", "password")
        secs.append(R(f"[database]\nhost = {qs}{c.host()}{qs}\nport = {r.choice([5432, 3306])}\nuser = {qs}{c.name_ascii()}{qs}\n"
                      f"{pick(r, ['password', 'passwd', 'pass'])} = {qs}⟨pw⟩{qs}", pw=pw))
    k = c.draw(exclude=("AWS", "PASSWORD_IN_URL", "GENERIC_pw"))
    (nm, v), = c.kv(k, ctx)
    section = style(nm, "lower").split("_")[0]
    key = "_".join(style(nm, "lower").split("_")[1:]) or "key"
    secs.append(R(f"[services.{section}]\n{key} = {qs}⟨v⟩{qs}\ntimeout = {r.choice([10, 30, 60])}", v=v))
    if chance(r, 0.2):
        secs.append(R(f"[telemetry]\napi_key = {qs}⟨n⟩{qs}", n=c.placeholder(name="API_KEY")))
    head = R(f"# config.toml\n[app]\nname = \"{fk.domain_word()}\"\ndebug = {r.choice(['false', 'true'])}")
    return J("\n\n", [head] + secs) + "\n"


@template("p_aws_credentials", "config", 0.9)
def t_aws_creds(c):
    r = c.rng
    sp = pick(r, [" = ", "=", " ="])
    profiles = []
    names = r.sample(["default", "staging", "prod", "ci", "admin", "dev", "backup"], r.randint(1, 3))
    if "default" in names:
        names.remove("default")
        names.insert(0, "default")
    ex_idx = r.randrange(len(names)) if (len(names) > 1 and chance(r, 0.4)) else -1
    for i, nm in enumerate(names):
        header = f"[{nm}]" if nm == "default" or chance(r, 0.5) else f"[profile {nm}]"
        if i == ex_idx:
            a, s = c.placeholder("aws_id"), c.placeholder("aws_secret")
        else:
            a, _ = c.tok("AWS_ACCESS_KEY_ID")
            s, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        lines = R(f"{header}\naws_access_key_id{sp}⟨a⟩\naws_secret_access_key{sp}⟨s⟩", a=a, s=s)
        if chance(r, 0.5):
            lines = lines + f"\nregion{sp}{r.choice(['eu-west-1', 'us-east-1', 'eu-central-1', 'us-west-2'])}"
        profiles.append(lines)
    return maybe_crlf(r, J("\n\n", profiles) + "\n", 0.15)


@template("p_ini_app", "config", 1.0)
def t_ini(c):
    r, fk = c.rng, c.fk
    v = r.randrange(4)
    if v == 0:   # .pypirc
        tok = S("pypi-AgEIcHlwaS5vcmc" + rs(r, B64URL, r.randint(120, 160)), "GENERIC_SECRET", "password")
        out = R("[distutils]\nindex-servers =\n    pypi\n    private\n\n[pypi]\nusername = __token__\npassword = ⟨t⟩\n\n"
                f"[private]\nrepository = https://pypi.{fk.domain_name()}/\nusername = {c.name_ascii()}\npassword = ⟨p⟩\n",
                t=tok, p=S(c.gen.password("ini"), "GENERIC_SECRET", "password"))
    elif v == 1:  # my.cnf
        out = R(f"[client]\nuser = {r.choice(['root', c.name_ascii()])}\npassword = ⟨p⟩\nhost = {c.host()}\nport = 3306\n\n"
                "[mysqldump]\nsingle-transaction\n", p=S(c.gen.password("ini"), "GENERIC_SECRET", "password"))
    elif v == 2:  # odbc.ini
        out = R(f"[{fk.domain_word()}_dsn]\nDriver = PostgreSQL Unicode\nServername = {c.host()}\nDatabase = {fk.domain_word()}\n"
                f"UserName = {c.name_ascii()}\nPassword = ⟨p⟩\nPort = 5432\n", p=S(c.gen.password("ini"), "GENERIC_SECRET", "password"))
    else:         # app ini with localised keys
        lang = c.lang
        pk = pick(r, LOCAL_PW_KEYS[lang])
        sk = pick(r, LOCAL_SECRET_KEYS[lang])
        out = R(f"; {fk.company()}\n[server]\nhost = {c.host()}\nport = {r.choice([8080, 8443, 9000])}\n\n[auth]\nuser = {c.name_ascii()}\n"
                f"{pk} = ⟨p⟩\n{sk} = ⟨s⟩\n", p=S(c.gen.password("ini"), "GENERIC_SECRET", "password"),
                s=S(c.gen.high_entropy("ini"), "GENERIC_SECRET", "high_entropy"))
    return maybe_crlf(r, out, 0.2)


@template("p_json_config", "config", 1.1)
def t_json_config(c):
    r, fk = c.rng, c.fk
    ind = pick(r, [2, 4])
    sp = " " * ind
    if chance(r, 0.5):   # appsettings.json with an ADO.NET connection string
        pw = S(c.gen.password("ado"), "GENERIC_SECRET", "password")
        k = c.draw(exclude=("AWS", "PASSWORD_IN_URL", "GENERIC_pw"))
        (nm, v), = c.kv(k, "json")
        sect = style(nm, "pascal")
        db = fk.domain_word()
        return R(f"""{{
{sp}"Logging": {{
{sp}{sp}"LogLevel": {{ "Default": "Information", "Microsoft.AspNetCore": "Warning" }}
{sp}}},
{sp}"ConnectionStrings": {{
{sp}{sp}"DefaultConnection": "Server=tcp:{db}-sql.database.windows.net,1433;Initial Catalog={db};User ID={c.name_ascii()};Password=⟨pw⟩;Encrypt=True;TrustServerCertificate=False;"
{sp}}},
{sp}"Integrations": {{
{sp}{sp}"{sect}": "⟨v⟩"
{sp}}},
{sp}"AllowedHosts": "*"
}}""", pw=pw, v=v)
    items = secret_lines(c, r.randint(1, 3), "json")
    entries = []
    for nm, v in items:
        key = style(nm, pick(r, ["camel", "lower", "UPPER"]))
        entries.append(R(f'{sp}{sp}"{key}": "⟨v⟩"', v=v))
    if chance(r, 0.35):
        entries.append(R(f'{sp}{sp}"webhookId": "⟨u⟩"', u=c.uuid_neg()))
    if chance(r, 0.3):
        entries.append(R(f'{sp}{sp}"analyticsKey": "⟨p⟩"', p=c.placeholder(name="ANALYTICS_KEY")))
    r.shuffle(entries)
    return R(f"""{{
{sp}"name": "{fk.domain_word()}",
{sp}"version": "{r.randint(0, 3)}.{r.randint(0, 20)}.{r.randint(0, 9)}",
{sp}"{r.choice(['credentials', 'secrets', 'auth', 'providers'])}": {{
⟨e⟩
{sp}}},
{sp}"timeoutMs": {r.choice([5000, 10000, 30000])}
}}""", e=J(",\n", entries))


@template("p_xml_config", "config", 0.9)
def t_xml(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:  # maven settings.xml
        pw = S(c.gen.password("xml"), "GENERIC_SECRET", "password")
        return R(f"""<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>{fk.domain_word()}-releases</id>
      <username>{c.name_ascii()}</username>
      <password>⟨pw⟩</password>
    </server>
  </servers>
</settings>""", pw=pw)
    if v == 1:  # web.config
        pw = S(c.gen.password("xml"), "GENERIC_SECRET", "password")
        k = c.draw(exclude=("AWS", "PASSWORD_IN_URL", "GENERIC_pw"))
        (nm, val), = c.kv(k, "xml")
        return R(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="Environment" value="{r.choice(['Production', 'Staging'])}" />
    <add key="{style(nm, 'pascal')}" value="⟨v⟩" />
  </appSettings>
  <connectionStrings>
    <add name="Main" connectionString="Data Source={c.host()};Initial Catalog={fk.domain_word()};User Id={c.name_ascii()};Password=⟨pw⟩;" providerName="System.Data.SqlClient" />
  </connectionStrings>
</configuration>""", v=val, pw=pw)
    # hibernate.cfg.xml
    pw = S(c.gen.password("xml"), "GENERIC_SECRET", "password")
    return R(f"""<hibernate-configuration>
  <session-factory>
    <property name="hibernate.connection.driver_class">org.postgresql.Driver</property>
    <property name="hibernate.connection.url">jdbc:postgresql://{c.host()}:5432/{fk.domain_word()}</property>
    <property name="hibernate.connection.username">{c.name_ascii()}</property>
    <property name="hibernate.connection.password">⟨pw⟩</property>
    <property name="hibernate.dialect">org.hibernate.dialect.PostgreSQLDialect</property>
  </session-factory>
</hibernate-configuration>""", pw=pw)


@template("p_spring", "config", 1.0)
def t_spring(c):
    r, fk = c.rng, c.fk
    pw = S(c.gen.password("bare"), "GENERIC_SECRET", "password")
    mail_pw = S(c.gen.password("bare"), "GENERIC_SECRET", "password")
    jwt_secret = S(c.gen.high_entropy("bare"), "GENERIC_SECRET", "high_entropy")
    host, db = c.host(), fk.domain_word()
    if chance(r, 0.5):
        sep = pick(r, ["=", ": ", " = "])
        lines = [R(f"spring.application.name{sep}{fk.domain_word()}"),
                 R(f"spring.datasource.url{sep}jdbc:postgresql://{host}:5432/{db}"),
                 R(f"spring.datasource.username{sep}{c.name_ascii()}"),
                 R(f"spring.datasource.password{sep}⟨p⟩", p=pw),
                 R(f"spring.mail.host{sep}smtp.{fk.domain_name()}"),
                 R(f"spring.mail.password{sep}⟨p⟩", p=mail_pw),
                 R(f"app.security.jwt.secret{sep}⟨p⟩", p=jwt_secret)]
        if chance(r, 0.4):
            lines.append(R(f"app.stripe.api-key{sep}⟨p⟩", p=c.env_ref("STRIPE_API_KEY", "spring")))
        return J("\n", lines) + "\n"
    extra = maybe_env_ref(c, 0.4, "\n  stripe:\n    api-key: ⟨e⟩", "STRIPE_API_KEY", "spring")
    return R(f"""spring:
  datasource:
    url: jdbc:postgresql://{host}:5432/{db}
    username: {c.name_ascii()}
    password: ⟨p⟩
  mail:
    host: smtp.{fk.domain_name()}
    password: ⟨m⟩
app:
  security:
    jwt:
      secret: ⟨j⟩
      expiration: {r.choice([3600, 86400])}⟨extra⟩
""", p=pw, m=mail_pw, j=jwt_secret, extra=extra)


@template("p_jdbc", "code", 1.0)
def t_jdbc(c):
    r, fk = c.rng, c.fk
    host, db, user = c.host(), fk.domain_word(), c.name_ascii()
    v = r.randrange(4)
    if v == 0:
        pw = S(c.gen.url_password(), "PASSWORD_IN_URL", "jdbc:mysql")
        url = R(f"jdbc:mysql://{user}:⟨p⟩@{host}:3306/{db}?useSSL=true", p=pw)
    elif v == 1:
        pw = S(c.gen.password("url"), "GENERIC_SECRET", "password")
        url = R(f"jdbc:postgresql://{host}:5432/{db}?user={user}&password=⟨p⟩&ssl=true", p=pw)
    elif v == 2:
        pw = S(c.gen.password("ado"), "GENERIC_SECRET", "password")
        url = R(f"jdbc:sqlserver://{host}:1433;databaseName={db};user={user};password=⟨p⟩;encrypt=true", p=pw)
    else:
        pw = S(c.gen.url_password(), "PASSWORD_IN_URL", "jdbc:mysql")
        url = R(f"jdbc:mysql://{user}:⟨p⟩@{host}/{db}?serverTimezone=UTC&useUnicode=true", p=pw)
    ctxv = r.randrange(3)
    if ctxv == 0:
        return R(f'String url = "⟨u⟩";\nConnection conn = DriverManager.getConnection(url);\n', u=url)
    if ctxv == 1:
        return R(f"db.url=⟨u⟩\ndb.pool.max={r.choice([10, 20, 50])}\n", u=url)
    return R(f"{c.ts('space')} INFO  [main] o.f.c.i.d.DatabaseFactory : Database: ⟨u⟩ (PostgreSQL 15.4)\n", u=url), "log"


@template("p_shell_export", "code", 1.2)
def t_shell(c):
    r, fk = c.rng, c.fk
    qs = pick(r, ["", '"', "'"], [40, 35, 25])
    items = secret_lines(c, r.randint(1, 3), QCTX[qs])
    lines = [R(f"export {nm}={qs}⟨v⟩{qs}", v=v) for nm, v in items]
    if chance(r, 0.3):
        nm = pick(r, ["NPM_TOKEN", "VAULT_TOKEN", "DOCKER_PASSWORD"])
        lines.append(R(f"export {nm}=⟨v⟩", v=c.env_ref("CI_" + nm, "shell")))
    v = r.randrange(3)
    if v == 0:   # ~/.zshrc
        pre = [R('export PATH="$HOME/.local/bin:$PATH"'), R(f"alias k=kubectl"), R("# API keys")]
        post = [R('eval "$(direnv hook zsh)"')]
        return J("\n", pre + lines + post) + "\n"
    if v == 1:   # terminal transcript
        prompt = f"{c.name_ascii()}@{fk.domain_word()}:~/src/{fk.domain_word()}$ "
        body = J("\n", [R(prompt) + ln for ln in lines])
        return body + f"\n{prompt}{r.choice(['python3 main.py', 'npm run dev', 'go run .', 'make deploy'])}\n" + \
            r.choice(["Traceback (most recent call last):", "Error: 401 Unauthorized", "listening on :8080", "ok"]), "log"
    # history output
    start = r.randint(400, 2000)
    return J("\n", [R(f"{start + i:5d}  ") + ln for i, ln in enumerate(lines)] +
             [R(f"{start + len(lines):5d}  {r.choice(['history | tail', 'env | grep KEY', 'clear'])}")]), "log"


CURL_TARGETS = {
    "OPENAI_API_KEY": ("https://api.openai.com/v1/chat/completions", '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "ping"}]}'),
    "GITHUB_TOKEN": ("https://api.github.com/user/repos?per_page=100", None),
    "SLACK_TOKEN": ("https://slack.com/api/chat.postMessage", '{"channel": "C0123ABCD", "text": "deploy finished"}'),
    "JWT": (None, None),
    "GENERIC_he": (None, None),
    "ANTHROPIC_API_KEY": ("https://api.anthropic.com/v1/models", None),
}


@template("p_curl_bearer", "code", 1.2)
def t_curl_bearer(c):
    r, fk = c.rng, c.fk
    kind = pick(r, list(CURL_TARGETS), [22, 20, 14, 24, 14, 6])
    url, body = CURL_TARGETS[kind]
    if url is None:
        url = f"https://api.{fk.domain_name()}/v{r.randint(1, 3)}/{r.choice(['orders', 'invoices', 'users/me', 'events'])}"
    v, _ = c.tok(kind, ctx="dq") if kind.startswith("GENERIC") else c.tok(kind)
    qq = pick(r, ['"', "'"])
    scheme = "token" if kind == "GITHUB_TOKEN" and chance(r, 0.4) else "Bearer"
    if kind == "STRIPE_KEY":
        scheme = "Bearer"
    parts = [R(f"curl {r.choice(['-sS', '-s', '-v', '--fail', ''])} {'-X POST ' if body else ''}{url}".replace("  ", " "))]
    parts.append(R(f"-H {qq}Authorization: {scheme} ⟨v⟩{qq}", v=v))
    if body:
        parts.append(R(f"-H {qq}Content-Type: application/json{qq}"))
        parts.append(R(f"-d '{body}'"))
    if chance(r, 0.2):
        parts.append(R(f"-H {qq}X-Request-Id: ⟨u⟩{qq}", u=c.uuid_neg()))
    if chance(r, 0.5):
        return J(" \\\n  ", parts) + "\n"
    return J(" ", parts)


@template("p_curl_apikey", "code", 1.1)
def t_curl_apikey(c):
    r, fk = c.rng, c.fk
    v = r.randrange(5)
    qq = pick(r, ['"', "'"])
    if v == 0:
        tok, _ = c.tok("ANTHROPIC_API_KEY")
        return R(f"curl https://api.anthropic.com/v1/messages \\\n  --header {qq}x-api-key: ⟨t⟩{qq} \\\n"
                 f"  --header {qq}anthropic-version: 2023-06-01{qq} \\\n  --header {qq}content-type: application/json{qq} \\\n"
                 f"  --data '{{\"model\": \"claude-3-5-sonnet-latest\", \"max_tokens\": 256, \"messages\": [{{\"role\": \"user\", \"content\": \"Hello\"}}]}}'",
                 t=tok)
    if v == 1:
        tok, _ = c.tok("GOOGLE_API_KEY")
        addr = fk.street_address().replace(" ", "+")
        return R(f'curl "https://maps.googleapis.com/maps/api/geocode/json?address={addr}&key=⟨t⟩"', t=tok)
    if v == 2:
        tok, _ = c.tok("GOOGLE_API_KEY")
        return R(f"curl -X POST -H {qq}x-goog-api-key: ⟨t⟩{qq} -H {qq}Content-Type: application/json{qq} "
                 f"https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent -d @req.json", t=tok)
    if v == 3:
        tok, _ = c.tok("STRIPE_KEY")
        return R(f"curl https://api.stripe.com/v1/charges \\\n  -u ⟨t⟩: \\\n  -d amount={r.randint(100, 99999)} \\\n"
                 f"  -d currency={r.choice(['eur', 'usd', 'gbp'])} \\\n  -d source=tok_visa", t=tok)
    tok = S(c.gen.high_entropy("sq"), "GENERIC_SECRET", "high_entropy")
    hdr = pick(r, ["X-API-Key", "x-api-key", "Api-Key", "X-Auth-Token"])
    if chance(r, 0.5):
        return R(f"Invoke-RestMethod -Uri https://api.{fk.domain_name()}/v2/reports -Headers @{{ \"{hdr}\" = \"⟨t⟩\" }}", t=tok)
    return R(f"curl -H {qq}{hdr}: ⟨t⟩{qq} https://api.{fk.domain_name()}/v2/reports?from={c.ts('date')}", t=tok)


@template("p_http_dump", "log", 1.0)
def t_http(c):
    r, fk = c.rng, c.fk
    v = r.randrange(4)
    ua = pick(r, ["python-requests/2.31.0", "axios/1.6.8", "curl/8.4.0", "Go-http-client/2.0", "okhttp/4.12.0"])
    if v == 0:
        tok, _ = c.tok("ANTHROPIC_API_KEY")
        return R(f"POST /v1/messages HTTP/1.1\nHost: api.anthropic.com\nx-api-key: ⟨t⟩\nanthropic-version: 2023-06-01\n"
                 f"content-type: application/json\nuser-agent: {ua}\ncontent-length: {r.randint(80, 900)}\n", t=tok)
    if v == 1:
        tok, _ = c.tok("GITHUB_TOKEN")
        return R(f"GET /repos/{fk.domain_word()}/{fk.domain_word()}/actions/runs HTTP/1.1\nHost: api.github.com\n"
                 f"Accept: application/vnd.github+json\nAuthorization: {r.choice(['token', 'Bearer'])} ⟨t⟩\n"
                 f"X-GitHub-Api-Version: 2022-11-28\nUser-Agent: {ua}\n", t=tok)
    if v == 2:
        tok, _ = c.tok("JWT")
        return R(f"GET /account HTTP/2\nHost: {fk.domain_name()}\nCookie: locale={c.locale}; session=⟨t⟩; _ga=GA1.2.{r.randint(10**8, 10**9)}.{r.randint(10**9, 2*10**9)}\n"
                 f"User-Agent: Mozilla/5.0\nAccept: text/html\n", t=tok)
    tok, _ = c.tok("JWT")
    return R(f"HTTP/1.1 200 OK\nContent-Type: application/json\nSet-Cookie: access_token=⟨t⟩; Path=/; HttpOnly; Secure; SameSite=Lax\n"
             f"X-Request-Id: ⟨u⟩\n\n{{\"ok\": true}}", t=tok, u=c.uuid_neg())


@template("p_cli_flags", "code", 0.9)
def t_cli(c):
    r, fk = c.rng, c.fk
    v = r.randrange(6)
    if v == 0:
        pw = S(c.gen.password("sq"), "GENERIC_SECRET", "password")
        return R(f"docker login {r.choice(['ghcr.io', 'registry.gitlab.com', fk.domain_name()])} -u {c.name_ascii()} --password '⟨p⟩'", p=pw)
    if v == 1:
        tok, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        aid, _ = c.tok("AWS_ACCESS_KEY_ID")
        return R("aws configure set aws_access_key_id ⟨a⟩ --profile ci\naws configure set aws_secret_access_key ⟨s⟩ --profile ci", a=aid, s=tok)
    if v == 2:
        tok, _ = c.tok("STRIPE_KEY", pick(r, ["sk_test", "sk_live", "rk_live"]))
        return R(f"stripe listen --forward-to localhost:{r.choice([3000, 4242, 8000])}/webhook --api-key ⟨t⟩", t=tok)
    if v == 3:
        tok = S(c.gen.password("bare"), "GENERIC_SECRET", "password")
        return R(f"mysqldump --user={c.name_ascii()} --password=⟨p⟩ --host={c.host()} {fk.domain_word()} > dump.sql", p=tok)
    if v == 4:
        tok, _ = c.tok("GITHUB_TOKEN")
        return R(f"echo ⟨t⟩ | gh auth login --with-token && gh repo clone {fk.domain_word()}/{fk.domain_word()}", t=tok)
    tok, _ = c.tok("SLACK_TOKEN", "xoxb")
    return R(f"python -m slack_cli --token=⟨t⟩ --channel '#{fk.domain_word()}' --text 'backup done'", t=tok)


def py_client_line(c, kind, q):
    """A Python statement that hard-codes one secret -> Frag."""
    r, fk = c.rng, c.fk
    if kind == "AWS":
        a, _ = c.tok("AWS_ACCESS_KEY_ID")
        s, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        return R(f"s3 = boto3.client(\n    {q}s3{q},\n    aws_access_key_id={q}⟨a⟩{q},\n    aws_secret_access_key={q}⟨s⟩{q},\n"
                 f"    region_name={q}{r.choice(['eu-west-1', 'us-east-1'])}{q},\n)", a=a, s=s)
    if kind == "GITHUB_TOKEN":
        t, _ = c.tok(kind)
        return R(f"gh = Github(auth=Auth.Token({q}⟨t⟩{q}))", t=t)
    if kind == "SLACK_TOKEN":
        t, sub = c.tok(kind)
        return R(f"client = WebClient(token={q}⟨t⟩{q})" if sub != "xapp" else f"handler = SocketModeHandler(app, {q}⟨t⟩{q})", t=t)
    if kind == "STRIPE_KEY":
        t, _ = c.tok(kind)
        return R(f"client = stripe.StripeClient({q}⟨t⟩{q})", t=t)
    if kind == "GOOGLE_API_KEY":
        t, _ = c.tok(kind)
        return R(f"gmaps = googlemaps.Client(key={q}⟨t⟩{q})" if chance(r, 0.5) else f"genai.configure(api_key={q}⟨t⟩{q})", t=t)
    if kind == "OPENAI_API_KEY":
        t, _ = c.tok(kind)
        return R(f"client = OpenAI(api_key={q}⟨t⟩{q})", t=t)
    if kind == "ANTHROPIC_API_KEY":
        t, _ = c.tok(kind)
        return R(f"client = anthropic.Anthropic(api_key={q}⟨t⟩{q})", t=t)
    if kind == "JWT":
        t, _ = c.tok(kind)
        return R(f"HEADERS = {{{q}Authorization{q}: {q}Bearer ⟨t⟩{q}}}", t=t)
    if kind == "PASSWORD_IN_URL":
        u, _ = c.url(scheme=pick(r, ["postgresql+psycopg2", "mysql+pymysql", "postgresql"]))
        return R(f"engine = create_engine({q}⟨u⟩{q}, pool_pre_ping=True)", u=u)
    if kind == "GENERIC_pw":
        p = S(c.gen.password("sq" if q == "'" else "dq"), "GENERIC_SECRET", "password")
        return R(f"conn = psycopg2.connect(host={q}{c.host()}{q}, dbname={q}{fk.domain_word()}{q}, user={q}{c.name_ascii()}{q}, password={q}⟨p⟩{q})", p=p)
    p = S(c.gen.high_entropy("sq" if q == "'" else "dq"), "GENERIC_SECRET", "high_entropy")
    nm = pick(r, ["SECRET_KEY", "WEBHOOK_SECRET", "API_SECRET", "CLIENT_SECRET", "SIGNING_KEY"])
    return R(f"{nm} = {q}⟨p⟩{q}", p=p)


PY_IMPORTS = {"AWS": "import boto3", "GITHUB_TOKEN": "from github import Auth, Github",
              "SLACK_TOKEN": "from slack_sdk import WebClient", "STRIPE_KEY": "import stripe",
              "GOOGLE_API_KEY": "import googlemaps", "OPENAI_API_KEY": "from openai import OpenAI",
              "ANTHROPIC_API_KEY": "import anthropic", "JWT": "import requests",
              "PASSWORD_IN_URL": "from sqlalchemy import create_engine", "GENERIC_pw": "import psycopg2",
              "GENERIC_he": "import hmac"}


@template("p_python_src", "code", 1.3)
def t_python(c):
    r, fk = c.rng, c.fk
    q = pick(r, ['"', "'"])
    kinds = [c.draw() for _ in range(r.randint(1, 2))]
    kinds = list(dict.fromkeys(kinds))
    imports = sorted({PY_IMPORTS[k] for k in kinds} | {"import os"})
    body = [py_client_line(c, k, q) for k in kinds]
    if chance(r, 0.35):
        nm = pick(r, ["SENTRY_DSN", "REDIS_PASSWORD", "MAPBOX_TOKEN"])
        body.append(R(f"{style(nm, 'lower')} = ⟨e⟩", e=c.env_ref(nm, pick(r, ["python", "python_get"]))))
    if chance(r, 0.25):
        body.insert(0, R(f'DJANGO_SECRET_KEY = "django-insecure-⟨k⟩"'.replace("django-insecure-⟨k⟩", "⟨k⟩"),
                         k=S("django-insecure-" + rs(r, "abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)", 50),
                             "GENERIC_SECRET", "high_entropy")))
    doc = R(f'"""{r.choice(["Sync orders", "Nightly export", "Slack notifier", "Geocode addresses", "LLM helper"])} - {fk.name()}."""\n')
    func = R(f"\n\ndef main():\n    {r.choice(['print(run())', 'sync()', 'export_all()'])}\n\n\nif __name__ == \"__main__\":\n    main()\n")
    return doc + J("\n", [R(i) for i in imports]) + "\n\n" + J("\n", body) + (func if chance(r, 0.5) else R("\n"))


@template("p_js_src", "code", 1.2)
def t_js(c):
    r, fk = c.rng, c.fk
    q = pick(r, ["'", '"', "`"], [45, 25, 30])
    ctx = QCTX[q]
    k = c.draw(exclude=("AWS",))
    v = r.randrange(2)
    lines = []
    clients = {  # kind -> (import, client construction with the token as ⟨t⟩)
        "STRIPE_KEY": ("import Stripe from 'stripe';", f"const stripe = new Stripe({q}⟨t⟩{q}, {{ apiVersion: '2024-06-20' }});"),
        "GITHUB_TOKEN": ('import { Octokit } from "@octokit/rest";', f"const octokit = new Octokit({{ auth: {q}⟨t⟩{q} }});"),
        "OPENAI_API_KEY": ("import OpenAI from 'openai';", f"const openai = new OpenAI({{ apiKey: {q}⟨t⟩{q} }});"),
        "ANTHROPIC_API_KEY": ("import Anthropic from '@anthropic-ai/sdk';",
                              f"const anthropic = new Anthropic({{\n  apiKey: {q}⟨t⟩{q},\n}});"),
        "SLACK_TOKEN": ("const { WebClient } = require('@slack/web-api');", f"const web = new WebClient({q}⟨t⟩{q});"),
    }
    if k in clients:
        t, _ = c.tok(k)
        lines = [R(clients[k][0]), R(clients[k][1], t=t)]
    elif k == "GOOGLE_API_KEY":
        t, _ = c.tok(k)
        proj = fk.domain_word()
        lines = [R("const firebaseConfig = {"), R(f"  apiKey: {q}⟨t⟩{q},", t=t), R(f"  authDomain: {q}{proj}.firebaseapp.com{q},"),
                 R(f"  projectId: {q}{proj}{q},"), R(f"  storageBucket: {q}{proj}.appspot.com{q},"), R("};"),
                 R("const app = initializeApp(firebaseConfig);")]
    elif k == "JWT":
        t, _ = c.tok(k)
        lines = [R(f"const res = await fetch({q}https://api.{fk.domain_name()}/v1/me{q}, {{"),
                 R(f"  headers: {{ Authorization: {q}Bearer ⟨t⟩{q} }},", t=t), R("});")]
    elif k == "PASSWORD_IN_URL":
        u, _ = c.url(scheme=pick(r, ["mongodb+srv", "mongodb", "redis", "postgres"]))
        lines = [R(f"await mongoose.connect({q}⟨u⟩{q});" if "mongo" in u.plain() else f"const client = createClient({{ url: {q}⟨u⟩{q} }});", u=u)]
    elif k == "GENERIC_pw":
        p = S(c.gen.password(ctx), "GENERIC_SECRET", "password")
        lines = [R("const pool = new Pool({"), R(f"  host: {q}{c.host()}{q},"), R(f"  user: {q}{c.name_ascii()}{q},"),
                 R(f"  password: {q}⟨p⟩{q},", p=p), R("  port: 5432,"), R("});")]
    else:
        p = S(c.gen.high_entropy(ctx), "GENERIC_SECRET", "high_entropy")
        nm = pick(r, ["WEBHOOK_SECRET", "SESSION_SECRET", "CLIENT_SECRET", "apiSecret", "signingSecret"])
        lines = [R(f"const {nm} = {q}⟨p⟩{q};", p=p)]
    if chance(r, 0.2):
        nm = pick(r, ["SENTRY_DSN", "DATABASE_URL", "JWT_SECRET"])
        lines.append(R(f"const {style(nm, 'camel')} = ⟨e⟩;", e=c.env_ref(nm, "js")))
    if chance(r, 0.2):
        lines.append(R("const auth = `Bearer ${token}`;"))
    return J("\n", lines) + "\n"


@template("p_go_src", "code", 1.0)
def t_go(c):
    r, fk = c.rng, c.fk
    k = c.draw(exclude=("AWS",))
    pkg = "main"
    decl = pick(r, ["const", ":="])
    if k in ("PASSWORD_IN_URL",):
        u, _ = c.url(scheme=pick(r, ["postgres", "postgresql", "mysql", "redis", "amqp"]))
        val, nm = u, "dsn"
    elif k.startswith("GENERIC"):
        val, _ = c.tok(k, ctx="dq")
        nm = "dbPassword" if k == "GENERIC_pw" else pick(r, ["apiSecret", "hmacKey", "clientSecret"])
    else:
        val, _ = c.tok(k)
        nm = {"GITHUB_TOKEN": "githubToken", "SLACK_TOKEN": "slackToken", "STRIPE_KEY": "stripeKey",
              "GOOGLE_API_KEY": "mapsKey", "OPENAI_API_KEY": "openAIKey", "ANTHROPIC_API_KEY": "anthropicKey",
              "JWT": "bearer"}[k]
    if decl == "const":
        head = R(f"package {pkg}\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nconst {nm} = \"⟨v⟩\"\n\nfunc main() {{\n", v=val)
        body = R(f"\tfmt.Println(len({nm}))\n")
    else:
        head = R(f"package {pkg}\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {{\n")
        body = R(f"\t{nm} := \"⟨v⟩\"\n\tfmt.Println(len({nm}))\n", v=val) if chance(r, 0.6) else \
            R(f"\t{nm} := `⟨v⟩`\n\tfmt.Println(len({nm}))\n", v=val)
    extra = maybe_env_ref(c, 0.25, "\tregion := ⟨e⟩\n\t_ = region\n", "AWS_REGION", "go")
    return head + body + extra + "}\n"


@template("p_java_src", "code", 1.0)
def t_java(c):
    r, fk = c.rng, c.fk
    k = c.draw()
    cls = fk.domain_word().capitalize() + r.choice(["Config", "Client", "Service"])
    if k == "AWS":
        a, _ = c.tok("AWS_ACCESS_KEY_ID")
        s, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        inner = R("    private static final AwsBasicCredentials CREDS =\n        AwsBasicCredentials.create(\"⟨a⟩\", \"⟨s⟩\");", a=a, s=s)
    elif k == "GENERIC_pw":
        p = S(c.gen.password("dq"), "GENERIC_SECRET", "password")
        inner = R(f"    Properties props = new Properties();\n    {{\n        props.setProperty(\"user\", \"{c.name_ascii()}\");\n"
                  f"        props.setProperty(\"password\", \"⟨p⟩\");\n    }}", p=p)
    elif k == "PASSWORD_IN_URL":
        u, _ = c.url(scheme=pick(r, ["amqp", "mongodb", "redis"]))
        inner = R("    private static final String BROKER_URI = \"⟨u⟩\";", u=u)
    else:
        val, nm = c.named_tok(k, "UPPER", ctx="dq")
        inner = R(f"    private static final String {nm} = \"⟨v⟩\";", v=val)
    extra = maybe_env_ref(c, 0.35, "\n    private final String region = ⟨e⟩;", "AWS_REGION", "java")
    return R(f"package com.{fk.domain_word()}.{r.choice(['config', 'integration', 'infra'])};\n\npublic class {cls} {{\n") + \
        inner + extra + R(f"\n\n    public static void main(String[] args) {{\n        System.out.println(\"{cls} ready\");\n    }}\n}}\n")


@template("p_ruby_src", "code", 0.9)
def t_ruby(c):
    r, fk = c.rng, c.fk
    q = pick(r, ["'", '"'])
    k = c.draw(exclude=("AWS",))
    if k == "STRIPE_KEY" or k == "OPENAI_API_KEY" or k == "ANTHROPIC_API_KEY" or k == "GOOGLE_API_KEY":
        val, _ = c.tok(k)
        line = R(f"Rails.application.configure do\n  config.x.{style(k, 'lower')} = {q}⟨v⟩{q}\nend", v=val)
    elif k == "GITHUB_TOKEN":
        val, _ = c.tok(k)
        line = R(f"client = Octokit::Client.new(access_token: {q}⟨v⟩{q})\nclient.auto_paginate = true", v=val)
    elif k == "SLACK_TOKEN":
        val, _ = c.tok(k, "xoxb")
        line = R(f"Slack.configure do |config|\n  config.token = {q}⟨v⟩{q}\nend", v=val)
    elif k == "PASSWORD_IN_URL":
        u, _ = c.url(scheme=pick(r, ["postgres", "redis", "mysql"]))
        line = R(f"ActiveRecord::Base.establish_connection({q}⟨u⟩{q})", u=u)
    elif k == "JWT":
        val, _ = c.tok(k)
        line = R(f"HTTParty.get(url, headers: {{ {q}Authorization{q} => {q}Bearer ⟨v⟩{q} }})", v=val)
    else:
        val, _ = c.tok(k, ctx=QCTX[q])
        key = "password" if k == "GENERIC_pw" else pick(r, ["api_key", "secret", "client_secret", "token"])
        line = R(f"SETTINGS = {{\n  {q}host{q} => {q}{c.host()}{q},\n  {q}{key}{q} => {q}⟨v⟩{q},\n}}.freeze", v=val)
    extra = maybe_env_ref(c, 0.25, "\nSentry.init { |c| c.dsn = ⟨e⟩ }", "SENTRY_DSN", ["ruby", "ruby_fetch"])
    return R(f"# frozen_string_literal: true\n# {r.choice(['config/initializers', 'lib/tasks', 'app/services'])}/{fk.domain_word()}.rb\n\n") + line + extra + "\n"


@template("p_php_src", "code", 0.9)
def t_php(c):
    r, fk = c.rng, c.fk
    if chance(r, 0.5):   # wp-config.php
        pw = S(c.gen.password("sq"), "GENERIC_SECRET", "password")
        salt = S(rs(r, ALNUM + "!#$%&()*+,-./:;<=>?@[]^_{|}~", 64), "GENERIC_SECRET", "high_entropy")
        return R(f"<?php\ndefine( 'DB_NAME', '{fk.domain_word()}' );\ndefine( 'DB_USER', '{c.name_ascii()}' );\n"
                 f"define( 'DB_PASSWORD', '⟨pw⟩' );\ndefine( 'DB_HOST', '{c.host()}' );\ndefine( 'AUTH_KEY', '⟨salt⟩' );\n",
                 pw=pw, salt=salt)
    val, key = c.named_tok(c.draw(exclude=("AWS", "PASSWORD_IN_URL")), "lower", ctx="sq")
    neg = maybe_env_ref(c, 0.4, "    'mail_password' => ⟨e⟩,\n", "MAIL_PASSWORD", "php")
    return R(f"<?php\n\nreturn [\n    'app_name' => '{fk.domain_word()}',\n    '{key}' => '⟨v⟩',\n", v=val) + neg + R("];\n")


@template("p_csharp_src", "code", 0.7)
def t_csharp(c):
    fk = c.fk
    val, nm = c.named_tok(c.draw(exclude=("AWS", "PASSWORD_IN_URL")), "pascal", ctx="dq")
    neg = maybe_env_ref(c, 0.35, "\n        private static readonly string Region = ⟨e⟩;", "AWS_REGION", "dotnet")
    return R(f"namespace {fk.domain_word().capitalize()}.Infrastructure\n{{\n    internal static class Secrets\n    {{\n"
             f"        public const string {nm} = \"⟨v⟩\";", v=val) + neg + R("\n    }\n}\n")


@template("p_notebook", "code", 0.8)
def t_notebook(c):
    r, fk = c.rng, c.fk
    k = pick(r, ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GENERIC_he"], [40, 25, 15, 20])
    val, _ = c.tok(k, ctx="json")
    nm = pick(r, TYPE_NAMES.get(k, ["WANDB_API_KEY", "PINECONE_API_KEY", "COHERE_API_KEY"]))
    if chance(r, 0.5):
        return R(f"%env {nm}=⟨v⟩\n%pip install -q {r.choice(['openai', 'anthropic', 'langchain', 'google-generativeai'])}\n", v=val)
    src = R("{\n \"cell_type\": \"code\",\n \"execution_count\": " + str(r.randint(1, 40)) + ",\n \"metadata\": {},\n \"source\": [\n"
            "  \"import os\\n\",\n  \"os.environ[\\\"" + nm + "\\\"] = \\\"⟨v⟩\\\"\\n\",\n  \"df = load_data()\"\n ]\n}", v=val)
    return src


@template("p_gha_workflow", "config", 1.1)
def t_gha(c):
    r, fk = c.rng, c.fk
    sha = c.sha_neg() if chance(r, 0.4) else R("v4")
    refs = [R("      NODE_AUTH_TOKEN: ⟨e⟩", e=c.env_ref("NPM_TOKEN", "gha"))] if chance(r, 0.35) else []
    hard = []
    k = c.draw(exclude=("PASSWORD_IN_URL",))
    if k == "AWS":
        a, _ = c.tok("AWS_ACCESS_KEY_ID")
        s, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        step = R(f"      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ⟨a⟩\n"
                 f"          aws-secret-access-key: ⟨s⟩\n          aws-region: {r.choice(['eu-west-1', 'us-east-1'])}", a=a, s=s)
    elif k == "SLACK_TOKEN":
        t, _ = c.tok(k, "xoxb")
        step = R("      - uses: slackapi/slack-github-action@v1.26.0\n        with:\n          channel-id: 'C0" + rs(r, BASE32, 8) +
                 "'\n          slack-message: \"Deploy ${{ github.sha }} done\"\n        env:\n          SLACK_BOT_TOKEN: ⟨t⟩", t=t)
    elif k == "GITHUB_TOKEN":
        t, _ = c.tok(k)
        step = R("      - uses: actions/checkout@⟨sha⟩\n        with:\n          token: ⟨t⟩\n          submodules: recursive", t=t, sha=sha)
        sha = None
    else:
        val, sub = c.tok(k, ctx="yaml")
        nm = c.name_for(k, sub)
        hard = [R(f"      {nm}: ⟨v⟩", v=val)]
        step = R(f"      - run: {r.choice(['npm ci && npm test', 'pytest -q', 'make release', './scripts/deploy.sh'])}")
    env = refs + hard
    env_block = (R("    env:\n") + J("\n", env) + "\n") if env else R("")
    checkout = R("      - uses: actions/checkout@⟨sha⟩\n", sha=sha) if sha is not None else R("")
    return R(f"name: {r.choice(['deploy', 'ci', 'release', 'nightly'])}\non:\n  push:\n    branches: [main]\njobs:\n  build:\n"
             f"    runs-on: ubuntu-latest\n") + env_block + R("    steps:\n") + checkout + step + "\n"


@template("p_jenkinsfile", "code", 0.7)
def t_jenkins(c):
    r, fk = c.rng, c.fk
    k = c.draw(exclude=("AWS", "PASSWORD_IN_URL"))
    val, sub = c.tok(k, ctx="sq")
    nm = c.name_for(k, sub)
    creds = R("")
    if chance(r, 0.5):
        creds = R(f"\n        REGISTRY_CREDS = credentials('{fk.domain_word()}-registry')")
    return R(f"pipeline {{\n    agent any\n    environment {{\n        {nm} = '⟨v⟩'", v=val) + creds + \
        R(f"\n    }}\n    stages {{\n        stage('Build') {{\n            steps {{\n                sh '{r.choice(['./gradlew build', 'mvn -B package', 'npm ci'])}'\n"
          "            }\n        }\n    }\n}\n")


def gha_ts(c):
    """Monotonic GitHub Actions style timestamps within one text."""
    r = c.rng
    t = getattr(c, "_gha_t", None)
    if t is None:
        t = dt.datetime(2024, 1, 1) + dt.timedelta(seconds=r.randrange(0, 560 * 86400))
    t = t + dt.timedelta(microseconds=r.randrange(0, 3_000_000))
    c._gha_t = t
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}" + rs(r, "0123456789", 1) + "Z"


@template("p_ci_log", "log", 1.0)
def t_ci_log(c):
    r, fk = c.rng, c.fk
    lines = []
    t0 = gha_ts(c)
    lines.append(R(f"{t0} ##[group]Run ./scripts/deploy.sh"))
    lines.append(R(f"{t0} ./scripts/deploy.sh"))
    lines.append(R(f"{t0} shell: /usr/bin/bash -e {{0}}"))
    lines.append(R(f"{t0} env:"))
    nm = pick(r, ["API_KEY", "DEPLOY_TOKEN", "NPM_TOKEN", "SLACK_WEBHOOK"])
    if chance(r, 0.4):
        lines.append(R(f"{t0}   {nm}: ⟨m⟩", m=N("***", "NEG_EXAMPLE_PLACEHOLDER", "masked")))
    else:
        lines.append(R(f"{t0}   DEPLOY_ENV: {pick(r, ['staging', 'production', 'preview'])}"))
    lines.append(R(f"{t0} ##[endgroup]"))
    k = c.draw(exclude=("GENERIC_pw",))
    if k == "AWS":
        a, _ = c.tok("AWS_ACCESS_KEY_ID")
        s, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        leak = R("+ aws configure set aws_access_key_id ⟨a⟩\n" + gha_ts(c) + " + aws configure set aws_secret_access_key ⟨s⟩", a=a, s=s)
    elif k == "PASSWORD_IN_URL":
        u, _ = c.url()
        leak = R("+ psql ⟨u⟩ -c 'select 1'", u=u)
    else:
        val, sub = c.tok(k, ctx="sq")
        leak = R(f"+ curl -fsS -H 'Authorization: Bearer ⟨v⟩' https://api.{fk.domain_name()}/deploy", v=val) if chance(r, 0.5) else \
            R(f"+ echo {c.name_for(k, sub)}=⟨v⟩", v=val)
    lines.append(R(f"{gha_ts(c)} ") + leak)
    lines.append(R(f"{gha_ts(c)} {r.choice(['HTTP/2 401', 'deploy ok', 'Error: Process completed with exit code 1.', '200 OK'])}"))
    return J("\n", lines)


@template("p_app_log", "log", 1.3)
def t_app_log(c):
    r, fk = c.rng, c.fk
    v = r.randrange(5)
    if v == 0:   # logfmt with headers map
        k = pick(r, ["OPENAI_API_KEY", "JWT", "GENERIC_he", "GITHUB_TOKEN"])
        val, _ = c.tok(k, ctx="bare")
        return R(f"ts={c.ts('iso')} level=debug caller=client.go:{r.randint(40, 400)} msg=\"outgoing request\" method=POST "
                 f"url=https://api.{fk.domain_name()}/v1/sync headers=\"map[Authorization:[Bearer ⟨v⟩] Content-Type:[application/json]]\" "
                 f"request_id=⟨u⟩", v=val, u=c.uuid_neg())
    if v == 1:   # JSON log with DSN
        u, _ = c.url()
        if chance(r, 0.5):
            return R(f"{{\"ts\":\"{c.ts('iso')}\",\"level\":\"INFO\",\"logger\":\"db\",\"msg\":\"connecting\",\"dsn\":\"⟨u⟩\","
                     f"\"attempt\":{r.randint(1, 5)},\"trace_id\":\"⟨t⟩\"}}", u=u, t=c.uuid_neg())
        return R(f"{{\"ts\":\"{c.ts('iso')}\",\"level\":\"INFO\",\"logger\":\"worker\",\"msg\":\"job received\",\"broker\":\"⟨u⟩\","
                 f"\"payload_b64\":\"⟨b⟩\"}}", u=u, b=c.b64_neg())
    if v == 2:   # python logging / urllib3 with token in query
        k = pick(r, ["SLACK_TOKEN", "GOOGLE_API_KEY", "JWT"])
        val, _ = c.tok(k)
        path = {"SLACK_TOKEN": "/api/conversations.history?token=⟨v⟩&channel=C0" + rs(r, BASE32, 8),
                "GOOGLE_API_KEY": "/maps/api/place/textsearch/json?query=cafe&key=⟨v⟩",
                "JWT": "/v1/export?format=csv&access_token=⟨v⟩"}[k]
        host = {"SLACK_TOKEN": "slack.com", "GOOGLE_API_KEY": "maps.googleapis.com", "JWT": f"api.{fk.domain_name()}"}[k]
        return R(f"{c.ts('space')} DEBUG urllib3.connectionpool: https://{host}:443 \"GET {path} HTTP/1.1\" {r.choice([200, 401, 429])} None", v=val)
    if v == 3:   # nginx access log
        val, _ = c.tok("GOOGLE_API_KEY") if chance(r, 0.5) else c.tok("JWT")
        ip = f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        key = "key" if val.parts[0][2] == "GOOGLE_API_KEY" else "token"
        return R(f"{ip} - - [{r.randint(10, 28)}/{r.choice(['Mar', 'Apr', 'Jul', 'Oct'])}/2024:{r.randint(10, 23)}:{r.randint(10, 59)}:{r.randint(10, 59)} +0000] "
                 f"\"GET /api/v2/geo?q={fk.city().replace(' ', '+')}&{key}=⟨v⟩ HTTP/1.1\" 200 {r.randint(200, 9000)} \"-\" \"Mozilla/5.0\"", v=val)
    # java-ish warn with key echoed
    k = pick(r, ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "STRIPE_KEY", "GENERIC_he"])
    val, _ = c.tok(k, ctx="bare")
    return R(f"{c.ts('space')} WARN  [{r.choice(['main', 'pool-1-thread-3', 'http-nio-8080-exec-7'])}] c.{fk.domain_word()}.ApiClient - "
             f"request rejected (401), apiKey=⟨v⟩, retry in {r.choice([5, 10, 30])}s", v=val)


@template("p_stacktrace", "log", 1.1)
def t_stack(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        host = c.host()
        u2, scheme = c.url(scheme=pick(r, ["postgresql", "postgres"]), host=host)
        return R(f"Traceback (most recent call last):\n  File \"/app/{fk.domain_word()}/db.py\", line {r.randint(10, 99)}, in connect\n"
                 "    conn = psycopg2.connect(\"⟨u⟩\")\n  File \"/usr/local/lib/python3.11/site-packages/psycopg2/__init__.py\", line 122, in connect\n"
                 "    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)\n"
                 f"psycopg2.OperationalError: connection to server at \"{host}\", port 5432 failed: "
                 f"FATAL:  password authentication failed for user \"{c.name_ascii()}\"\n", u=u2)
    if v == 1:
        pw = S(c.gen.url_password(), "PASSWORD_IN_URL", "jdbc:mysql")
        return R(f"com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure\n"
                 f"\tat com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(SQLError.java:174)\n"
                 f"\tat com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:359)\n"
                 f"Caused by: java.net.UnknownHostException: {fk.domain_word()}-db (url=jdbc:mysql://{c.name_ascii()}:⟨p⟩@{fk.domain_word()}-db:3306/app)\n"
                 f"\t... {r.randint(5, 40)} more\n", p=pw)
    # python traceback with locals (sentry style)
    val, nm = c.named_tok(c.draw(exclude=("AWS", "PASSWORD_IN_URL", "GENERIC_pw")), "lower", ctx="sq")
    api = fk.domain_name()
    return R(f"Traceback (most recent call last):\n  File \"/srv/{fk.domain_word()}/client.py\", line {r.randint(20, 300)}, in fetch\n"
             f"    resp.raise_for_status()\n    Local variables:\n      {nm} = '⟨v⟩'\n      url = 'https://api.{api}/v1/items'\n"
             f"      retries = {r.randint(0, 3)}\nrequests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.{api}/v1/items\n",
             v=val)


def mini_config(c, n=None):
    """A short config snippet with 1-2 secrets -> (fence language, Frag)."""
    r = c.rng
    n = n or r.randint(1, 2)
    fmt = pick(r, ["env", "yaml", "json", "python", "toml"])
    if fmt == "env":
        items = secret_lines(c, n, "bare")
        return "", J("\n", [R(f"{nm}=⟨v⟩", v=v) for nm, v in items] + [R(x) for x in filler_env(c, r.randint(0, 2))])
    if fmt == "yaml":
        items = secret_lines(c, n, "yaml")
        return "yaml", R(f"{r.choice(['app', 'service', 'integrations'])}:\n") + J("\n", [R(f"  {style(nm, 'lower')}: ⟨v⟩", v=v) for nm, v in items])
    if fmt == "json":
        items = secret_lines(c, n, "json")
        return "json", R("{\n") + J(",\n", [R(f'  "{style(nm, "camel")}": "⟨v⟩"', v=v) for nm, v in items]) + "\n}"
    if fmt == "toml":
        items = secret_lines(c, n, "dq")
        return "toml", R("[settings]\n") + J("\n", [R(f'{style(nm, "lower")} = "⟨v⟩"', v=v) for nm, v in items])
    kinds = list(dict.fromkeys(c.draw() for _ in range(n)))
    return "python", J("\n", [py_client_line(c, k, pick(r, ['"', "'"])) for k in kinds])


@template("p_chat_config_prompt", "prompt", 1.4)
def t_chat_cfg(c):
    r = c.rng
    lang, snippet = mini_config(c)
    fence = pick(r, ["```", "```", "~~~", ""])
    if fence:
        block = R(f"{fence}{lang}\n") + snippet + f"\n{fence}"
    else:
        block = snippet
    tail = closer(c)
    neg = R("")
    if chance(r, 0.25):
        neg = R(f"\n(request id ⟨u⟩)", u=c.uuid_neg())
    return R(opener(c) + pick(r, ["\n\n", "\n", " "])) + block + (("\n\n" + tail) if tail else "") + neg


INLINE = {
    "en": ["I rotated my key yesterday and now ⟨k⟩ returns 403 - is it revoked?", "Is it safe to paste this here? ⟨k⟩",
           "my token (⟨k⟩) stopped working after we enabled SSO", "Using ⟨k⟩, the API says invalid_auth. What am I missing?",
           "Here's the key I'm using: ⟨k⟩. Postman works, the app doesn't.", "can you check if \"⟨k⟩\" is a valid format?",
           "Which scopes does ⟨k⟩ have? I can't find it in the dashboard"],
    "de": ["Mein Token ⟨k⟩ funktioniert seit gestern nicht mehr, woran liegt das?", "Mit dem Schlüssel ⟨k⟩ bekomme ich 403. Ist der gesperrt?",
           "Hab den Key „⟨k⟩“ eingetragen, aber die App meldet ungültige Anmeldedaten."],
    "fr": ["Ma clé ⟨k⟩ renvoie une erreur 401, pourquoi ?", "J'utilise le jeton «\u00a0⟨k⟩\u00a0» mais l'API refuse la requête.",
           "Est-ce que ⟨k⟩ a expiré ? Ça marchait hier."],
    "es": ["¿Por qué mi clave ⟨k⟩ da error 401?", "Con el token ⟨k⟩ la API responde invalid_auth. ¿Qué hago mal?",
           "He pegado «⟨k⟩» en el panel pero no funciona."],
    "it": ["La mia chiave ⟨k⟩ restituisce 401, perché?", "Uso il token ⟨k⟩ ma l'API lo rifiuta."],
    "nl": ["Mijn sleutel ⟨k⟩ geeft een 401, hoe kan dat?", "Met token ⟨k⟩ krijg ik invalid_auth terug."],
    "pl": ["Mój klucz ⟨k⟩ zwraca 401 – dlaczego?", "Używam tokenu ⟨k⟩, ale API go odrzuca."],
    "pt": ["A minha chave ⟨k⟩ dá erro 401, porquê?", "Uso o token ⟨k⟩ mas a API recusa."],
}


@template("p_chat_inline", "prompt", 1.3)
def t_chat_inline(c):
    r = c.rng
    k = c.draw(exclude=("AWS", "GENERIC_pw", "GENERIC_he", "PASSWORD_IN_URL"))
    val, _ = c.tok(k)
    s = R(pick(r, INLINE[c.lang]), k=val)
    if chance(r, 0.2):
        s = s + R(" " + pick(r, PROMPT_CLOSERS[c.lang][1:]))
    if c.lang == "en" and chance(r, 0.3):
        s = s + R(" The sample key from the docs (⟨p⟩) fails too.", p=c.placeholder())
    return s


ANSWER_OPEN = {
    "en": ["The 401 comes from the header: the SDK expects the raw key, not a `Bearer` prefix. Here is your config with the fix:",
           "Your snippet looks almost right - the only problem is the region/endpoint. Corrected version:",
           "Sure! Here's a working example based on what you sent:"],
    "de": ["Der Fehler kommt vom Header: Das SDK erwartet den reinen Schlüssel. Hier die korrigierte Konfiguration:",
           "Fast richtig - nur der Endpunkt stimmt nicht. Korrigierte Version:"],
    "fr": ["L'erreur 401 vient de l'en-tête : le SDK attend la clé brute. Voici la config corrigée :",
           "Presque bon - seul le point de terminaison est faux. Version corrigée :"],
    "es": ["El 401 viene de la cabecera: el SDK espera la clave sin prefijo. Aquí tienes la configuración corregida:",
           "Casi está bien, solo falla el endpoint. Versión corregida:"],
}
ANSWER_WARN = {
    "en": "⚠️ You've shared a live credential (`⟨k⟩`). Revoke it now and load it from the environment instead, e.g. `⟨ref⟩`.",
    "de": "⚠️ Du hast einen echten Schlüssel gepostet (`⟨k⟩`). Bitte sofort widerrufen und stattdessen aus der Umgebung laden, z. B. `⟨ref⟩`.",
    "fr": "⚠️ Vous avez partagé une clé active (`⟨k⟩`). Révoquez-la et chargez-la depuis l'environnement, par ex. `⟨ref⟩`.",
    "es": "⚠️ Has compartido una credencial real (`⟨k⟩`). Revócala y cárgala desde el entorno, p. ej. `⟨ref⟩`.",
}


@template("p_model_answer", "answer", 1.3)
def t_answer(c):
    r = c.rng
    lang = c.lang if c.lang in ANSWER_OPEN else "en"
    k = c.draw(exclude=("AWS", "PASSWORD_IN_URL", "GENERIC_pw"))
    val, sub = c.tok(k, ctx="dq")
    nm = c.name_for(k, sub)
    code_lang = pick(r, ["python", "js", "yaml", "bash"])
    if code_lang == "python":
        code = R(f"import os\n\n{style(nm, 'lower')} = \"⟨v⟩\"\nclient = make_client({style(nm, 'lower')}, timeout=30)", v=val)
        ref = c.env_ref(nm, "python")
    elif code_lang == "js":
        code = R(f"const {style(nm, 'camel')} = \"⟨v⟩\";\nconst client = makeClient({{ key: {style(nm, 'camel')}, timeout: 30_000 }});", v=val)
        ref = c.env_ref(nm, "js")
    elif code_lang == "yaml":
        code = R(f"client:\n  {style(nm, 'camel')}: \"⟨v⟩\"\n  timeout: 30s", v=val)
        ref = c.env_ref(nm, "shell")
    else:
        code = R(f"export {nm}=\"⟨v⟩\"\n./run.sh --timeout 30", v=val)
        ref = c.env_ref(nm, "shell")
    warn = R("")
    if chance(r, 0.65):
        # the answer quotes the key again, masked or in full
        again = Frag([(val.parts[0][0], "span", val.parts[0][2], val.parts[0][3])]) if chance(r, 0.6) else c.masked(val.parts[0][0])
        warn = R("\n\n" + ANSWER_WARN[lang], k=again, ref=ref)
    return R(pick(r, ANSWER_OPEN[lang]) + f"\n\n```{code_lang}\n") + code + "\n```" + warn


SLACK_LINES = {
    "en": ["anyone have the staging creds?", "here you go, pls don't paste it in public channels:", "thx!", "🙏",
           "works now, thanks", "rotating this tomorrow btw"],
    "de": ["hat jemand die Staging-Zugangsdaten?", "hier, bitte nicht in öffentliche Channels kopieren:", "danke!", "👍",
           "läuft jetzt", "rotiere ich morgen"],
    "fr": ["quelqu'un a les accès de staging ?", "tiens, ne le colle pas dans un canal public stp :", "merci !", "👍",
           "ça marche", "je le change demain"],
    "es": ["¿alguien tiene las credenciales de staging?", "aquí tienes, no lo pegues en canales públicos:", "¡gracias!", "👍",
           "ya funciona", "mañana lo roto"],
}


@template("p_slack_msg", "message", 1.1)
def t_slack(c):
    r, fk = c.rng, c.fk
    lang = c.lang if c.lang in SLACK_LINES else "en"
    L = SLACK_LINES[lang]
    a, b = fk.name(), fk.name()
    h, m = r.randint(8, 18), r.randint(0, 50)
    k = c.draw()
    if k == "AWS":
        a_, _ = c.tok("AWS_ACCESS_KEY_ID")
        s_, _ = c.tok("AWS_SECRET_ACCESS_KEY")
        payload = R("```\naws_access_key_id=⟨a⟩\naws_secret_access_key=⟨s⟩\n```", a=a_, s=s_)
    elif k == "PASSWORD_IN_URL":
        u, _ = c.url()
        payload = R("`⟨u⟩`", u=u)
    else:
        val, sub = c.tok(k, ctx="bt")
        payload = R(f"`{c.name_for(k, sub)}=⟨v⟩`", v=val) if (k.startswith("GENERIC") or chance(r, 0.6)) else R("⟨v⟩", v=val)
    lines = [R(f"[{h:02d}:{m:02d}] {a}: {L[0]}"), R(f"[{h:02d}:{m + 2:02d}] {b}: {L[1]} ") + payload,
             R(f"[{h:02d}:{m + 3:02d}] {a}: {pick(r, L[2:])}")]
    if chance(r, 0.3):
        lines.append(R(f"[{h:02d}:{m + 5:02d}] {b}: prod one is ⟨p⟩ in the vault", p=c.env_ref("PROD_API_KEY", "vault")))
    return J("\n", lines)


@template("p_issue", "message", 1.1)
def t_issue(c):
    r, fk = c.rng, c.fk
    lang, snippet = mini_config(c, 1)
    ver = f"{r.randint(1, 5)}.{r.randint(0, 30)}.{r.randint(0, 9)}"
    if chance(r, 0.5):
        neg = R("")
        if chance(r, 0.35):
            neg = R(f"\nCommit: ⟨s⟩", s=c.sha_neg())
        return R(f"**Describe the bug**\nAfter upgrading to v{ver} the client fails with `401 Unauthorized`.\n\n**To Reproduce**\n"
                 f"1. Put this in the config:\n```{lang}\n") + snippet + R(f"\n```\n2. Run `{r.choice(['npm start', 'make run', 'python -m app'])}`\n\n"
                                                                            f"**Environment**\n- OS: {r.choice(['macOS 14.4', 'Ubuntu 22.04', 'Windows 11'])}\n- Version: {ver}") + neg
    key = f"{r.choice(['OPS', 'PLAT', 'INFRA', 'PAY'])}-{r.randint(100, 9999)}"
    return R(f"{key}: {r.choice(['Staging deploy fails', 'Webhook signature mismatch', 'Cron job cannot auth'])}\n"
             f"Reporter: {fk.name()}\nPriority: {r.choice(['Major', 'Critical', 'Minor'])}\n\nh3. Config used\n{{code}}\n") + snippet + \
        R("\n{code}\n\nh3. Expected\nJob authenticates and finishes.")


EMAIL_CRED = {
    "en": ("Hi {n},\n\nhere are the credentials for the staging server:\n", "User: {u}\nPassword: ", "\n\nBest,\n{m}"),
    "de": ("Hallo {n},\n\nhier die Zugangsdaten für den Staging-Server:\n", "Benutzer: {u}\nPasswort: ", "\n\nViele Grüße\n{m}"),
    "fr": ("Bonjour {n},\n\nvoici les identifiants du serveur de recette :\n", "Utilisateur : {u}\nMot de passe : ", "\n\nCordialement,\n{m}"),
    "es": ("Hola {n}:\n\nte paso las credenciales del servidor de pruebas:\n", "Usuario: {u}\nContraseña: ", "\n\nUn saludo,\n{m}"),
    "it": ("Ciao {n},\n\necco le credenziali del server di staging:\n", "Utente: {u}\nPassword: ", "\n\nA presto,\n{m}"),
    "nl": ("Hoi {n},\n\nhierbij de inloggegevens voor de testserver:\n", "Gebruiker: {u}\nWachtwoord: ", "\n\nGroet,\n{m}"),
    "pl": ("Cześć {n},\n\noto dane logowania do serwera testowego:\n", "Użytkownik: {u}\nHasło: ", "\n\nPozdrawiam,\n{m}"),
    "pt": ("Olá {n},\n\naqui estão as credenciais do servidor de testes:\n", "Utilizador: {u}\nSenha: ", "\n\nCumprimentos,\n{m}"),
}
API_KEY_LABEL = {"en": "API key", "de": "API-Schlüssel", "fr": "Clé API", "es": "Clave API", "it": "Chiave API",
                 "nl": "API-sleutel", "pl": "Klucz API", "pt": "Chave API"}


@template("p_email_credentials", "message", 1.1)
def t_email(c):
    r, fk = c.rng, c.fk
    head, cred, foot = EMAIL_CRED[c.lang]
    pw = S(c.gen.password("any"), "GENERIC_SECRET", "password")
    out = R(head.format(n=fk.first_name()) + f"Host: {c.host()}\n" + cred.format(u=c.name_ascii()) + "⟨p⟩", p=pw)
    if chance(r, 0.5):
        k = c.draw(exclude=("AWS", "PASSWORD_IN_URL", "GENERIC_pw"))
        val, _ = c.tok(k)
        out = out + R(f"\n{API_KEY_LABEL[c.lang]}: ⟨v⟩", v=val)
    return out + R(foot.format(m=fk.name()))


@template("p_git_diff", "diff", 1.3)
def t_diff(c):
    r, fk = c.rng, c.fk
    path = pick(r, ["config/settings.py", "src/config.ts", ".env.staging", "deploy/values.yaml", "app/config.rb", "internal/cfg/cfg.go"])
    ext = path.rsplit(".", 1)[-1]
    k = c.draw(exclude=("AWS",))
    if k == "PASSWORD_IN_URL":
        new_val, _ = c.url()
        nm = "DATABASE_URL"
    else:
        new_val, sub = c.tok(k, ctx="dq")
        nm = c.name_for(k, sub)
    syntax = {"py": "python", "ts": "js", "staging": "shell", "yaml": "helm", "rb": "ruby", "go": "go"}[ext]

    def line(v, sign):
        if ext == "py":
            return R(f"{sign}{nm} = \"⟨v⟩\"", v=v) if isinstance(v, Frag) and v.parts[0][1] != "neg" else R(f"{sign}{nm} = ⟨v⟩", v=v)
        if ext == "ts":
            return R(f"{sign}export const {style(nm, 'camel')} = '⟨v⟩';", v=v) if v.parts[0][1] != "neg" else R(f"{sign}export const {style(nm, 'camel')} = ⟨v⟩;", v=v)
        if ext == "staging":
            return R(f"{sign}{nm}=⟨v⟩", v=v)
        if ext == "yaml":
            return R(f"{sign}  {style(nm, 'camel')}: ⟨v⟩", v=v)
        if ext == "rb":
            return R(f"{sign}  config.{style(nm, 'lower')} = '⟨v⟩'", v=v) if v.parts[0][1] != "neg" else R(f"{sign}  config.{style(nm, 'lower')} = ⟨v⟩", v=v)
        return R(f"{sign}\t{style(nm, 'camel')} := \"⟨v⟩\"", v=v) if v.parts[0][1] != "neg" else R(f"{sign}\t{style(nm, 'camel')} := ⟨v⟩", v=v)

    ref = c.env_ref(nm, syntax) if syntax != "shell" else c.env_ref(nm, "shell")
    mode = pick(r, ["add", "replace_ref", "remove"], [45, 25, 30])
    if mode == "add":          # hard-coded key replaces an env reference (leak introduced)
        minus, plus = line(ref, "-"), line(new_val, "+")
    elif mode == "replace_ref":  # leak removed: old hard-coded value is still in the diff
        minus, plus = line(new_val, "-"), line(ref, "+")
    else:                       # key rotated: both old and new values are secrets
        if k == "PASSWORD_IN_URL":
            old_val, _ = c.url()
        else:
            old_val, _ = c.tok(k, ctx="dq") if k.startswith("GENERIC") else c.tok(k, sub)
        minus, plus = line(old_val, "-"), line(new_val, "+")
    a, b = c.sha_neg(short=True), c.sha_neg(short=True)
    ctx_before = pick(r, {"py": [" DEBUG = False", " TIMEOUT = 30"], "ts": [" export const timeoutMs = 30_000;", " // integrations"],
                          "staging": [" LOG_LEVEL=info", " # integrations"], "yaml": ["   replicas: 2", " # integrations"],
                          "rb": ["   config.log_level = :info", " # integrations"], "go": ["\ttimeout := 30 * time.Second", " // integrations"]}[ext])
    ctx_after = pick(r, {"py": [" LOG_LEVEL = 'info'", " "], "ts": [" ", " export default config;"], "staging": [" PORT=8080", " "],
                         "yaml": ["   region: eu-west-1", " "], "rb": [" end", " "], "go": [" }", " "]}[ext])
    ln = r.randint(3, 120)
    return R(f"diff --git a/{path} b/{path}\nindex ⟨a⟩..⟨b⟩ 100644\n--- a/{path}\n+++ b/{path}\n@@ -{ln},3 +{ln},3 @@\n{ctx_before}\n",
             a=a, b=b) + minus + "\n" + plus + "\n" + R(ctx_after)


@template("p_conn_strings", "code", 1.3)
def t_conn(c):
    r, fk = c.rng, c.fk
    v = r.randrange(5)
    if v == 0:
        u, scheme = c.url(scheme=pick(r, ["postgresql", "postgres"]))
        return R(f"psql \"⟨u⟩\" -c '\\dt'", u=u)
    if v == 1:
        u, _ = c.url(scheme="mongodb+srv")
        return R(f"mongosh \"⟨u⟩\" --apiVersion 1", u=u)
    if v == 2:
        u, _ = c.url(scheme=pick(r, ["redis", "rediss"]))
        return R(f"redis-cli -u ⟨u⟩ ping", u=u)
    if v == 3:   # ops notes
        lines = []
        for label in r.sample(["primary", "replica", "cache", "broker", "analytics"], r.randint(2, 3)):
            scheme = {"primary": "postgresql", "replica": "postgres", "cache": "redis", "broker": "amqp", "analytics": "mysql"}[label]
            u, _ = c.url(scheme=scheme)
            lines.append(R(f"- {label}: ⟨u⟩", u=u))
        if chance(r, 0.3):
            lines.append(R(f"- search: https://{fk.domain_word()}.es.internal:9200 (user ⟨x⟩)", x=c.env_ref("ES_USER", "shell")))
        return R(f"## {fk.domain_word()} {r.choice(['prod', 'staging'])} endpoints\n") + J("\n", lines)
    u, _ = c.url(scheme=pick(r, ["amqp", "amqps"]))
    return R(f"CELERY = {{\n    'broker_url': '⟨u⟩',\n    'result_backend': 'rpc://',\n}}", u=u)


@template("p_netrc", "config", 0.8)
def t_netrc(c):
    r, fk = c.rng, c.fk
    entries = []
    if chance(r, 0.6):
        t, _ = c.tok("GITHUB_TOKEN")
        entries.append(R(f"machine {r.choice(['github.com', 'api.github.com'])}\n  login {c.name_ascii()}\n  password ⟨t⟩", t=t))
    entries.append(R(f"machine {r.choice(['ftp', 'files', 'sftp'])}.{fk.domain_name()} login {c.name_ascii()} password ⟨p⟩",
                     p=S(c.gen.password("bare"), "GENERIC_SECRET", "password")))
    if chance(r, 0.5) or len(entries) == 1:
        entries.append(R(f"machine api.{fk.domain_name()}\n  login {c.name_ascii()}\n  password ⟨p⟩",
                         p=S(c.gen.high_entropy("bare"), "GENERIC_SECRET", "password")))
    r.shuffle(entries)
    return J("\n", entries) + "\n"


@template("p_pkg_registry_rc", "config", 1.0)
def t_npmrc(c):
    r, fk = c.rng, c.fk
    v = r.randrange(4)
    if v == 0:
        tok = S("npm_" + rs(r, ALNUM, 36), "GENERIC_SECRET", "high_entropy")
        extra = maybe_env_ref(c, 0.4, "\n//npm.pkg.github.com/:_authToken=⟨e⟩", "NODE_AUTH_TOKEN", "shell")
        return R(f"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=⟨t⟩\nalways-auth=true", t=tok) + extra + "\n"
    if v == 1:
        t, _ = c.tok("GITHUB_TOKEN", pick(r, ["ghp", "fine_grained"]))
        return R(f"@{fk.domain_word()}:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=⟨t⟩\n", t=t)
    if v == 2:
        tok = S(c.gen.high_entropy("dq"), "GENERIC_SECRET", "high_entropy")
        return R(f"nodeLinker: node-modules\nnpmScopes:\n  {fk.domain_word()}:\n    npmRegistryServer: \"https://npm.{fk.domain_name()}\"\n"
                 f"    npmAuthToken: \"⟨t⟩\"\n", t=tok)
    pw = S(c.gen.url_password(), "PASSWORD_IN_URL", "https")
    return R(f"[global]\nindex-url = https://{c.name_ascii()}:⟨p⟩@pypi.{fk.domain_name()}/simple\ntimeout = 60\n", p=pw)


@template("p_dockerfile", "code", 1.0)
def t_dockerfile(c):
    r, fk = c.rng, c.fk
    base, run, cmd = pick(r, [("python:3.12-slim", "RUN pip install --no-cache-dir -r requirements.txt", '["python", "-m", "app"]'),
                              ("node:20-alpine", "RUN npm ci --omit=dev", '["node", "server.js"]'),
                              ("golang:1.22", "RUN go build -o /bin/app .", '["/bin/app"]'),
                              ("eclipse-temurin:21-jre", "RUN ./gradlew --no-daemon bootJar", '["java", "-jar", "app.jar"]')])
    frm = R(f"FROM {base}@sha256:⟨h⟩", h=c.hash_neg("sha256")) if chance(r, 0.25) else R(f"FROM {base}")
    lines = [frm, R("WORKDIR /app")]
    k = c.draw(exclude=("AWS",))
    if k == "PASSWORD_IN_URL":
        pw = S(c.gen.url_password(), "PASSWORD_IN_URL", "https")
        lines.append(R(f"ARG PIP_INDEX_URL=https://{c.name_ascii()}:⟨p⟩@pypi.{fk.domain_name()}/simple", p=pw))
    else:
        val, sub = c.tok(k, ctx="dq")
        nm = c.name_for(k, sub)
        lines.append(R(f"ENV {nm}=⟨v⟩", v=val) if chance(r, 0.5) else R(f"ENV {nm}=\"⟨v⟩\"", v=val))
    if chance(r, 0.2):
        lines.append(R("ARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=⟨e⟩\" > .npmrc", e=c.env_ref("NPM_TOKEN", "shell")))
    lines += [R("COPY . ."), R(run), R("CMD " + cmd)]
    return J("\n", lines) + "\n"


@template("p_sql", "code", 0.8)
def t_sql(c):
    r, fk = c.rng, c.fk
    user = c.name_ascii()
    pw = S(c.gen.password("sql"), "GENERIC_SECRET", "password")
    v = r.randrange(3)
    if v == 0:
        out = R(f"CREATE ROLE {user} WITH LOGIN PASSWORD '⟨p⟩';\nGRANT CONNECT ON DATABASE {fk.domain_word().replace('-', '_')} TO {user};", p=pw)
    elif v == 1:
        out = R(f"CREATE USER '{user}'@'%' IDENTIFIED BY '⟨p⟩';\nGRANT SELECT, INSERT ON shop.* TO '{user}'@'%';\nFLUSH PRIVILEGES;", p=pw)
    else:
        out = R(f"ALTER USER {user} WITH PASSWORD '⟨p⟩';", p=pw)
    if chance(r, 0.4):
        k = pick(r, ["STRIPE_KEY", "SLACK_TOKEN", "GOOGLE_API_KEY"])
        val, _ = c.tok(k)
        out = out + R(f"\nUPDATE settings SET value = '⟨v⟩' WHERE name = '{style(k, 'lower')}';", v=val)
    if chance(r, 0.3):
        out = out + R(f"\nINSERT INTO users (email, password_hash) VALUES ('{fk.free_email()}', '⟨h⟩');", h=N(c.gen.bcrypt(), "NEG_HASH", "bcrypt"))
    return out + "\n"


@template("p_git_remote", "log", 0.8)
def t_git_remote(c):
    r, fk = c.rng, c.fk
    org, repo = fk.domain_word(), fk.domain_word()
    v = r.randrange(3)
    if v == 0:
        t, _ = c.tok("GITHUB_TOKEN", pick(r, ["ghs", "ghp", "fine_grained"]))
        user = pick(r, ["x-access-token", "oauth2", c.name_ascii()])
        return R(f"$ git clone https://{user}:⟨t⟩@github.com/{org}/{repo}.git\nCloning into '{repo}'...\nremote: Enumerating objects: {r.randint(100, 9999)}, done.", t=t)
    if v == 1:
        pw = S("glpat-" + rs(r, ALNUM + "-_", 20), "PASSWORD_IN_URL", "https")
        return R(f"$ git remote -v\norigin\thttps://oauth2:⟨p⟩@gitlab.com/{org}/{repo}.git (fetch)\norigin\thttps://oauth2:⟨q⟩@gitlab.com/{org}/{repo}.git (push)",
                 p=pw, q=S(pw.parts[0][0], "PASSWORD_IN_URL", "https"))
    pw = S(c.gen.url_password(), "PASSWORD_IN_URL", "https")
    sha = c.sha_neg()
    return R(f"[remote \"origin\"]\n\turl = https://{c.name_ascii()}:⟨p⟩@git.{fk.domain_name()}/{org}/{repo}.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
             f"[branch \"main\"]\n\tremote = origin\n\tmerge = refs/heads/main\n# last fetched ⟨s⟩", p=pw, s=sha), "config"


def indent_pem(pem, pad):
    """Indent every line after the first (the first line follows the YAML key / heredoc marker)."""
    lines = pem.split("\n")
    return lines[0] + "".join("\n" + pad + ln for ln in lines[1:])


@template("p_pem_raw", "code", 1.4)
def t_pem_raw(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        pem, sub = c.gen.pem(pick(r, ["OPENSSH", "RSA"], [70, 30]))
        fname = "id_ed25519" if sub == "OPENSSH" else "id_rsa"
        return R(f"{c.name_ascii()}@{fk.domain_word()}:~$ cat ~/.ssh/{fname}\n⟨k⟩\n{c.name_ascii()}@{fk.domain_word()}:~$ ssh -T git@github.com\n"
                 f"git@github.com: Permission denied (publickey).", k=S(pem, "PRIVATE_KEY", sub)), "log"
    if v == 1:
        pem, sub = c.gen.pem(pick(r, ["RSA", "PKCS8", "EC"]))
        cert = c.cert_neg()
        parts = [cert, S(pem, "PRIVATE_KEY", sub)]
        if chance(r, 0.5):
            parts.reverse()
        return R(f"# {fk.domain_word()}.pem - {r.choice(['nginx', 'haproxy', 'traefik'])} bundle\n") + J("\n", parts) + "\n", "config"
    pem, sub = c.gen.pem()
    lead = {"en": "ssh/openssl keeps saying 'invalid format' for this key, what's wrong with it?",
            "de": "ssh meldet bei diesem Schlüssel 'invalid format', was stimmt nicht?",
            "fr": "ssh me dit 'invalid format' pour cette clé, qu'est-ce qui ne va pas ?",
            "es": "ssh dice 'invalid format' con esta clave, ¿qué le pasa?"}.get(c.lang, "why is this key rejected?")
    return R(lead + pick(r, ["\n\n", "\n"]) + "⟨k⟩" + pick(r, ["", "\n", "\n\nthanks"]), k=S(pem, "PRIVATE_KEY", sub)), "prompt"


@template("p_pem_json", "config", 1.3)
def t_pem_json(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        pem, sub = c.gen.pem("PKCS8")
        proj = f"{fk.domain_word()}-{r.randint(100000, 999999)}"
        sa = f"{r.choice(['deployer', 'ci', 'exporter', 'backend'])}@{proj}.iam.gserviceaccount.com"
        return R(f"{{\n  \"type\": \"service_account\",\n  \"project_id\": \"{proj}\",\n  \"private_key\": \"⟨k⟩\\n\",\n"
                 f"  \"client_email\": \"{sa}\",\n  \"client_id\": \"{r.randint(10 ** 20, 10 ** 21 - 1)}\",\n"
                 f"  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}}",
                 k=S(json.dumps(pem)[1:-1], "PRIVATE_KEY", sub))
    if v == 1:
        pem, sub = c.gen.pem("RSA")
        secret = S(c.gen.high_entropy("json"), "GENERIC_SECRET", "high_entropy")
        return R(f"{{\"app_id\": {r.randint(100000, 999999)}, \"webhook_secret\": \"⟨w⟩\", \"private_key\": \"⟨k⟩\"}}",
                 w=secret, k=S(json.dumps(pem)[1:-1], "PRIVATE_KEY", sub))
    pem, sub = c.gen.pem(pick(r, ["RSA", "EC", "PKCS8"]))
    cert = c.pool.cert_pem(r)
    return R(f"{{\n  \"request_id\": \"⟨u⟩\",\n  \"lease_id\": \"\",\n  \"data\": {{\n    \"certificate\": \"⟨c⟩\",\n"
             f"    \"private_key\": \"⟨k⟩\",\n    \"private_key_type\": \"{ {'RSA': 'rsa', 'EC': 'ec', 'PKCS8': 'rsa'}[sub] }\",\n"
             f"    \"serial_number\": \"{':'.join(rs(r, HEX, 2) for _ in range(16))}\"\n  }}\n}}",
             u=c.uuid_neg(), c=N(json.dumps(cert)[1:-1], "NEG_CERTIFICATE"), k=S(json.dumps(pem)[1:-1], "PRIVATE_KEY", sub))


@template("p_pem_embedded", "config", 1.3)
def t_pem_embedded(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        pem, sub = c.gen.pem(pick(r, ["RSA", "PKCS8", "EC"]))
        cert = c.pool.cert_pem(r)
        return R(f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {fk.domain_word()}-tls\ntype: kubernetes.io/tls\nstringData:\n"
                 "  tls.crt: |\n    ⟨c⟩\n  tls.key: |\n    ⟨k⟩\n",
                 c=N(indent_pem(cert, "    "), "NEG_CERTIFICATE"), k=S(indent_pem(pem, "    "), "PRIVATE_KEY", sub))
    if v == 1:
        pem, sub = c.gen.pem(pick(r, ["RSA", "OPENSSH", "EC"]))
        return R(f"resource \"github_repository_deploy_key\" \"{fk.domain_word()}\" {{\n  title      = \"ci\"\n  repository = \"{fk.domain_word()}\"\n  read_only  = true\n}}\n\n"
                 f"locals {{\n  deploy_private_key = <<-EOT\n    ⟨k⟩\n  EOT\n}}\n", k=S(indent_pem(pem, "    "), "PRIVATE_KEY", sub))
    pem, sub = c.gen.pem()
    q = pick(r, ['"""', "'''"])
    return R(f"# {fk.domain_word()}/signing.py\nPRIVATE_KEY = {q}⟨k⟩{q}\n\n\ndef sign(payload: bytes) -> bytes:\n    return _sign(PRIVATE_KEY, payload)\n",
             k=S(pem, "PRIVATE_KEY", sub)), "code"


# ---- texts whose only labels are hard negatives -------------------------------------------------
@template("p_neg_readme_setup", "doc", 1.1)
def t_neg_readme(c):
    r, fk = c.rng, c.fk
    lines = []
    for nm, hint in r.sample([("OPENAI_API_KEY", None), ("AWS_ACCESS_KEY_ID", "aws_id"), ("AWS_SECRET_ACCESS_KEY", "aws_secret"),
                              ("STRIPE_SECRET_KEY", None), ("SLACK_BOT_TOKEN", None), ("GITHUB_TOKEN", None),
                              ("DATABASE_URL", "url"), ("DB_PASSWORD", None)], r.randint(2, 4)):
        if hint == "url":
            u, _ = c.url(neg_password=(pick(r, ["<password>", "${DB_PASSWORD}", "changeme", "YOUR_PASSWORD"]),
                                       "NEG_EXAMPLE_PLACEHOLDER", "placeholder"))
            lines.append(R(f"{nm}=⟨u⟩", u=u))
        else:
            ph = c.placeholder(hint) if hint else N(pick(r, PH_BY_KIND[ph_kind(nm)]), "NEG_EXAMPLE_PLACEHOLDER", "placeholder")
            lines.append(R(f"{nm}=⟨v⟩", v=ph))
    intro = pick(r, ["## Configuration\n\nCopy `.env.example` to `.env` and fill in your own values:\n\n```env\n",
                     "### Setup\n\n1. Create an API key in the dashboard.\n2. Add it to your environment:\n\n```bash\n",
                     "## Konfiguration\n\nLege eine `.env` an (Beispielwerte ersetzen!):\n\n```\n"])
    if "bash" in intro:
        lines = [R("export ") + ln for ln in lines]
    outro = "Ersetze die Beispielwerte durch deine eigenen Schlüssel." if "Konfiguration" in intro else \
        "Never commit real keys; the values above are examples."
    return R(intro) + J("\n", lines) + R("\n```\n\n" + outro)


@template("p_neg_lockfile", "code", 1.1)
def t_neg_lock(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        pkgs = r.sample(["lodash", "axios", "chalk", "semver", "debug", "ms", "uuid", "yaml", "commander", "zod"], r.randint(2, 3))
        blocks = []
        for p in pkgs:
            ver = f"{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}"
            blocks.append(R(f"    \"node_modules/{p}\": {{\n      \"version\": \"{ver}\",\n      \"resolved\": \"https://registry.npmjs.org/{p}/-/{p}-{ver}.tgz\",\n"
                            f"      \"integrity\": \"⟨i⟩\"\n    }}", i=c.integrity_neg()))
        return R("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n") + J(",\n", blocks) + R("\n  }\n}\n")
    if v == 1:
        blocks = []
        for p in r.sample(["serde", "tokio", "anyhow", "rand", "regex", "clap", "log"], r.randint(2, 3)):
            blocks.append(R(f"[[package]]\nname = \"{p}\"\nversion = \"{r.randint(0, 2)}.{r.randint(0, 40)}.{r.randint(0, 9)}\"\n"
                            "source = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"⟨h⟩\"", h=c.hash_neg("sha256")))
        return J("\n\n", blocks) + "\n"
    lines = []
    for p in r.sample(["github.com/google/uuid", "golang.org/x/sync", "github.com/spf13/cobra", "go.uber.org/zap", "github.com/stretchr/testify"], r.randint(2, 3)):
        ver = f"v{r.randint(0, 1)}.{r.randint(0, 20)}.{r.randint(0, 9)}"
        lines.append(R(f"{p} {ver} h1:⟨h⟩", h=N(base64.b64encode(r.randbytes(32)).decode(), "NEG_HASH", "go_sum")))
    return J("\n", lines) + "\n"


@template("p_neg_git_log", "log", 1.0)
def t_neg_gitlog(c):
    r, fk = c.rng, c.fk
    if chance(r, 0.5):
        lines = [R("⟨s⟩ ", s=c.sha_neg(short=True)) + pick(r, ["fix: rotate leaked key (moved to vault)", "chore(deps): bump axios",
                                                                "feat: add Stripe webhooks", "revert \"add debug logging\"",
                                                                "docs: explain API_KEY setup", f"Merge pull request #{r.randint(10, 999)} from {fk.domain_word()}/main"])
                 for _ in range(r.randint(3, 5))]
        return J("\n", lines)
    name = fk.name()
    return R(f"commit ⟨s⟩\nAuthor: {name} <{fk.free_email()}>\nDate:   {c.ts('git')}\n\n    {r.choice(['Remove hard-coded credentials', 'Use env vars for API keys', 'Rotate webhook secret'])}\n\n"
             f"    Change-Id: I⟨cid⟩\n    Signed-off-by: {name} <{fk.free_email()}>", s=c.sha_neg(), cid=N(c.gen.git_sha(), "NEG_HASH", "gerrit_change_id"))


@template("p_neg_hashes", "log", 1.0)
def t_neg_hashes(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        users = [R(f"{c.name_ascii()}:⟨h⟩", h=N(c.gen.bcrypt(), "NEG_HASH", "bcrypt")) for _ in range(r.randint(2, 3))]
        if chance(r, 0.4):
            users.append(R(f"{c.name_ascii()}:⟨h⟩", h=N(c.gen.argon2(), "NEG_HASH", "argon2")))
        return R("# .htpasswd\n") + J("\n", users)
    if v == 1:
        kind = pick(r, ["sha256", "sha1", "md5", "sha512"], [60, 15, 15, 10])
        lines = [R("⟨h⟩  ", h=c.hash_neg(kind)) + f"{fk.domain_word()}-{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}-{r.choice(['linux-amd64.tar.gz', 'darwin-arm64.zip', 'x86_64.AppImage'])}"
                 for _ in range(r.randint(2, 4))]
        return R(f"$ {kind}sum -c SHA{kind[3:].upper() or 'SUMS'}SUMS\n" if kind.startswith("sha") else "$ md5sum *\n") + J("\n", lines)
    rows = [R(f"{fk.domain_word():<18} {r.choice(['latest', '1.4.2', 'v2', 'main'])}   sha256:⟨h⟩   {r.randint(20, 900)}MB", h=c.hash_neg("sha256"))
            for _ in range(r.randint(2, 3))]
    return R("REPOSITORY         TAG      DIGEST                                                                    SIZE\n") + J("\n", rows)


@template("p_neg_env_refs", "config", 1.1)
def t_neg_refs(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        names = r.sample(["OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "STRIPE_KEY", "DB_PASSWORD", "SLACK_BOT_TOKEN", "NPM_TOKEN"], 3)
        return R("jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n") + J("\n", [R(f"      {n}: ⟨e⟩", e=c.env_ref(n, "gha")) for n in names]) + \
            R("\n    steps:\n      - run: ./deploy.sh\n")
    if v == 1:
        names = r.sample(["POSTGRES_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "GITHUB_TOKEN", "ANTHROPIC_API_KEY"], 3)
        return R(f"services:\n  {fk.domain_word()}:\n    image: {fk.domain_word()}:latest\n    environment:\n") + \
            J("\n", [R(f"      {n}: ⟨e⟩", e=c.env_ref(n, pick(r, ["shell", "compose"]))) for n in names]) + "\n"
    names = r.sample(["OPENAI_API_KEY", "DB_PASSWORD", "GOOGLE_API_KEY", "API_SECRET"], 3)
    syn = pick(r, ["python", "js", "go", "ruby"])
    tmpl = {"python": "{n} = ⟨e⟩", "js": "const {n} = ⟨e⟩;", "go": "\t{n} := ⟨e⟩", "ruby": "{n} = ⟨e⟩"}[syn]
    return J("\n", [R(tmpl.format(n=style(n, "camel" if syn in ("js", "go") else "lower")), e=c.env_ref(n, syn)) for n in names]) + "\n", "code"


NEG_QUESTIONS = {
    "en": ["How do I rotate credentials without downtime?", "What's the best way to store a Stripe key in GitHub Actions?",
           "Should API keys live in .env or in a secrets manager?", "Why does my JWT expire after 15 minutes?"],
    "de": ["Wie rotiere ich API-Schlüssel ohne Ausfall?", "Wo speichere ich am besten ein Passwort für die CI?"],
    "fr": ["Comment faire tourner mes clés API sans coupure ?", "Où stocker un mot de passe pour la CI ?"],
    "es": ["¿Cómo roto las claves API sin cortar el servicio?", "¿Dónde guardo una contraseña para la CI?"],
}


@template("p_neg_question", "prompt", 1.0)
def t_neg_q(c):
    r = c.rng
    lang = c.lang if c.lang in NEG_QUESTIONS else "en"
    q_ = pick(r, NEG_QUESTIONS[lang])
    v = r.randrange(4)
    if v == 0:
        return R(q_ + f" My request id was ⟨u⟩ if that helps.", u=c.uuid_neg())
    if v == 1:
        return R(f"What does this decode to? ⟨b⟩", b=c.b64_neg()) if lang == "en" else R(q_ + " (base64: ⟨b⟩)", b=c.b64_neg())
    if v == 2:
        return R(q_ + " The docs use `⟨p⟩` as the example value.", p=c.placeholder())
    return R(q_)


@template("p_neg_pubkeys", "config", 1.0)
def t_neg_pub(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        lines = []
        for _ in range(r.randint(1, 3)):
            line, _ = c.pool.ssh_public(r, "")
            lines.append(R("⟨k⟩ ", k=N(line, "NEG_PUBLIC_KEY", "openssh")) + f"{c.name_ascii()}@{fk.domain_word()}")
        return R("# ~/.ssh/authorized_keys\n") + J("\n", lines) + "\n"
    if v == 1:
        return R(f"jwt:\n  issuer: https://auth.{fk.domain_name()}/\n  public_key: |\n    ⟨k⟩\n",
                 k=N(indent_pem(c.pool.public_pem(r, "spki"), "    "), "NEG_PUBLIC_KEY", "spki"))
    return R("Here is our CA certificate, add it to your trust store:\n\n⟨c⟩\n\nand the signing key's public half:\n\n⟨k⟩",
             c=c.cert_neg(), k=c.pub_neg()), "message"


@template("p_neg_masked_cli", "log", 1.0)
def t_neg_masked(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        return R(f"      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n"
                 f"   profile                <not set>             None    None\naccess_key     ⟨a⟩ shared-credentials-file\n"
                 f"secret_key     ⟨s⟩ shared-credentials-file\n    region                {r.choice(['eu-west-1', 'us-east-1'])}      config-file    ~/.aws/config",
                 a=N("*" * 16 + rs(r, BASE32, 4), "NEG_EXAMPLE_PLACEHOLDER", "masked"),
                 s=N("*" * 16 + rs(r, ALNUM, 4), "NEG_EXAMPLE_PLACEHOLDER", "masked"))
    if v == 1:
        tok, _ = c.gen.github(pick(r, ["gho", "ghp"]))
        return R(f"github.com\n  ✓ Logged in to github.com account {c.name_ascii()} (keyring)\n  - Active account: true\n"
                 f"  - Git operations protocol: https\n  - Token: ⟨t⟩\n  - Token scopes: 'gist', 'read:org', 'repo'",
                 t=N(tok[:4] + "*" * 36, "NEG_EXAMPLE_PLACEHOLDER", "masked"))
    val, _ = c.gen.openai() if chance(r, 0.5) else c.gen.anthropic()
    return R(f"NAME            KEY              CREATED       LAST USED\n{fk.domain_word():<15} ⟨k⟩   {c.ts('date')}    {c.ts('date')}\n"
             f"{fk.domain_word():<15} ⟨k2⟩   {c.ts('date')}    never",
             k=c.masked(val), k2=c.masked(c.gen.openai()[0]))



@template("p_neg_frontend_keys", "code", 0.9)
def t_neg_frontend(c):
    """Publishable / public identifiers that are meant to ship to browsers."""
    r, fk = c.rng, c.fk
    pk = c.pk_neg()
    if chance(r, 0.5):
        return R(f"<script src=\"https://js.stripe.com/v3/\"></script>\n<script>\n  const stripe = Stripe('⟨pk⟩', {{ locale: '{c.lang}' }});\n"
                 f"  const elements = stripe.elements();\n</script>", pk=pk)
    return R(f"// public config, safe to commit\nexport const publicConfig = {{\n  stripePublishableKey: \"⟨pk⟩\",\n"
             f"  sentryRelease: \"⟨s⟩\",\n  buildId: \"⟨u⟩\",\n}};\n", pk=pk, s=c.sha_neg(), u=c.uuid_neg())



@template("p_neg_b64_payload", "log", 0.8)
def t_neg_b64(c):
    r, fk = c.rng, c.fk
    v = r.randrange(3)
    if v == 0:
        return R("$ echo '⟨b⟩' | base64 -d", b=c.b64_neg())
    if v == 1:
        return R(f"{{\"event\": \"{r.choice(['message.created', 'push', 'invoice.paid'])}\", \"id\": \"⟨u⟩\", \"encoding\": \"base64\", \"body\": \"⟨b⟩\"}}",
                 u=c.uuid_neg(), b=c.b64_neg())
    return R(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {fk.domain_word()}-motd\nbinaryData:\n  motd.txt: ⟨b⟩\n", b=c.b64_neg()), "config"


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Faker builds some of its lists from sets; pin hashing so the output is byte-for-byte reproducible.
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))
    sys.exit(main())
