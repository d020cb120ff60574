"""detect-secrets (Yelp), in process, with its default plugins and filters.

A text is scanned the way ``detect-secrets scan`` scans a file (line-based plugins, then its
filters), minus the file read: ``detect_secrets.core.scan._process_line_based_plugins`` on the
text's lines under ``default_settings()``. detect-secrets reports a line and a secret value, not
offsets, so the span is the value's first occurrence in that line (left to right), in bytes.

Type map (plugin secret_type -> scored type); everything else is "*" (a secret of unknown type).
"""

from __future__ import annotations

from typing import Dict, List, Tuple

from scoring import char_to_byte_offsets

TYPE_MAP = {
    "GitHub Token": "GITHUB_TOKEN",
    "Slack Token": "SLACK_TOKEN",
    "Stripe Access Key": "STRIPE_KEY",
    "JSON Web Token": "JWT",
    "Private Key": "PRIVATE_KEY",
    "Basic Auth Credentials": "PASSWORD_IN_URL",
    "Secret Keyword": "GENERIC_SECRET",
    "OpenAI Token": "OPENAI_API_KEY",
    # "AWS Access Key" covers both the key id (AKIA...) and the 40-char secret: split by shape.
}
# detect-secrets flags public IPv4 addresses too; they are not secrets: left out of scoring.
NOT_SECRETS = {"Public IP (ipv4)"}


def _aws_type(value: str) -> str:
    return "AWS_ACCESS_KEY_ID" if value[:4] in ("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA") \
        else "AWS_SECRET_ACCESS_KEY"


class DetectSecrets:
    """A loaded detect-secrets with its default settings."""

    def __init__(self) -> None:
        from importlib.metadata import version
        from detect_secrets.core import scan
        from detect_secrets.settings import default_settings
        self.version = version("detect-secrets")
        self._scan = scan
        self._settings = default_settings()
        self._settings.__enter__()  # keeps the default settings active for this process

    def raw(self, text: str) -> List[Tuple[int, str, str]]:
        """(line number, secret_type, secret_value) for one text."""
        lines = list(enumerate(text.split("\n"), start=1))
        return [(s.line_number, s.type, s.secret_value or "")
                for s in self._scan._process_line_based_plugins(lines=lines, filename="prompt.txt")]

    def spans(self, text: str) -> List[Tuple[int, int, str]]:
        """Byte spans with scored types for one text."""
        lines = text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        offsets = char_to_byte_offsets(text)
        cursors: Dict[int, int] = {}
        result = []
        for line_number, secret_type, value in self.raw(text):
            if secret_type in NOT_SECRETS or not value:
                continue
            line = lines[line_number - 1]
            at = line.find(value, cursors.get(line_number, 0))
            if at < 0:
                at = line.find(value)
            if at < 0:
                continue
            cursors[line_number] = at + len(value)
            start = starts[line_number - 1] + at
            if secret_type == "AWS Access Key":
                kind = _aws_type(value)
            else:
                kind = TYPE_MAP.get(secret_type, "*")
            result.append((offsets[start], offsets[start + len(value)], kind))
        # Two plugins often report one value (Secret Keyword and an entropy or vendor plugin):
        # keep only the most specific report of a span (vendor type > GENERIC_SECRET > "*").
        rank = lambda kind: 0 if kind == "*" else 1 if kind == "GENERIC_SECRET" else 2  # noqa: E731
        best: Dict[Tuple[int, int], str] = {}
        for start, end, kind in result:
            if (start, end) not in best or rank(kind) > rank(best[(start, end)]):
                best[(start, end)] = kind
        return sorted((start, end, kind) for (start, end), kind in best.items())
