"""Parapet categories -> scored types (/work/shared/formats/README.md section 1)."""

from __future__ import annotations

from typing import Optional

PII_TYPES = ("EMAIL PHONE CREDIT_CARD IBAN US_SSN IP_ADDRESS URL PERSON LOCATION DATE_OF_BIRTH "
             "US_PASSPORT US_DRIVER_LICENSE CRYPTO").split()
SECRET_TYPES = ("AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY GITHUB_TOKEN SLACK_TOKEN STRIPE_KEY "
                "GOOGLE_API_KEY OPENAI_API_KEY ANTHROPIC_API_KEY JWT PRIVATE_KEY PASSWORD_IN_URL "
                "GENERIC_SECRET").split()
SPECIAL = {"secret.generic": "GENERIC_SECRET"}


def category_type(category: str) -> Optional[str]:
    """``pii.email`` -> EMAIL; another ``secret.*`` -> "*"; anything else unscored -> None."""
    if category in SPECIAL:
        return SPECIAL[category]
    prefix, _, rest = category.partition(".")
    name = rest.split(".")[0].upper()
    if prefix == "pii" and name in PII_TYPES:
        return name
    if prefix == "secret":
        return name if name in SECRET_TYPES else "*"
    return None
