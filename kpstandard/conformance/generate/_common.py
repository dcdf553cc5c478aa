"""What the areas' tables share: the context of a golden document, the codes by family."""

from __future__ import annotations

from typing import Any

from kpstandard.conformance._versions import code_in_version
from kpstandard.conformance.generate._draft import Bytes, noon_after
from kpstandard.conformance.generate._golden import golden_bytes, golden_object

__all__ = [
    "CERTIFICATE_RULES",
    "CONFIRMATION_RULES",
    "INPUT_CODES",
    "SCHEMA_CODES",
    "TRUST_LIST_RULES",
    "certificate_of",
    "codes",
    "verification_time_of",
]


def codes(prefix: str, *numbers: int) -> tuple[str, ...]:
    return tuple(f"KP-{prefix}-{n:03d}" for n in numbers)


INPUT_CODES = codes("P", *range(1, 8))
SCHEMA_CODES = (*codes("S", *range(1, 7)), "KP-S-099")
CERTIFICATE_RULES = codes("R", *range(1, 26))
"""The rules of a KP Certificate (KP-R-001 to KP-R-025)."""
CONFIRMATION_RULES = codes("R", 9, *range(12, 22), *range(26, 37))
"""The rules of an import confirmation: the shared ones and KP-R-026 to KP-R-036."""
TRUST_LIST_RULES = codes("R", 21, *range(37, 41))
"""The rules of an Authority Trust List: English versions, and KP-R-037 to KP-R-040."""
TRUST_LIST = "trust-list"


def is_confirmation(stem: str) -> bool:
    return stem.startswith("ic-")


def certificate_of(stem: str) -> Bytes | None:
    """For a golden import confirmation, the exact XML bytes of the certificate it confirms (its
    digest is over those bytes); None for a certificate."""
    if not is_confirmation(stem):
        return None
    confirmed = stem.removeprefix("ic-")
    return Bytes(golden_bytes(confirmed, "xml"), "xml", shared_name=confirmed)


def verification_time_of(stem: str) -> str:
    """The pinned clock for a vector based on a golden document: noon on the day after its date of
    issue (a confirmation: after its date of receipt; a trust list: after it was issued), inside
    every certificate's validity."""
    return verification_time(golden_object(stem))


def verification_time(document: Any) -> str:
    for attr in ("date_of_receipt", "date_of_issue"):
        if hasattr(document, attr):
            return noon_after(getattr(document, attr))
    return noon_after(document.issued.date())  # a trust list


def rules_of(stem: str) -> tuple[str, ...]:
    """The rules a golden document passes: those of its type that its declared version has."""
    if stem == TRUST_LIST:
        return TRUST_LIST_RULES
    rules = CONFIRMATION_RULES if is_confirmation(stem) else CERTIFICATE_RULES
    version = getattr(golden_object(stem), "spec_version", None)
    if version is None:
        return rules
    return tuple(code for code in rules if code_in_version(code, version))
