"""Rules of the Import Confirmation, alone and against the certificate it confirms."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from kpstandard.model.values import ENGLISH, english_tag, english_version
from kpstandard.validation.rules._registry import Context, DocumentType, Violation, rule

CONFIRMATION: tuple[DocumentType, ...] = ("import-confirmation",)
WITH_CERTIFICATE = ("certificate",)
DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
}


@rule(
    "KP-R-026",
    requirement="KP-REQ-024",
    applies_to=CONFIRMATION,
    title="The confirmation number begins with the importing Participant's code",
)
def confirmation_number_prefix(document: Any, context: Context) -> Iterator[Violation]:
    if not document.confirmation_number.startswith(document.importing_participant):
        yield Violation(
            ("confirmation_number",),
            f"confirmation number {document.confirmation_number} does not begin with "
            f"{document.importing_participant}, the importing Participant's code",
        )


@rule(
    "KP-R-027",
    requirement="KP-REQ-026",
    applies_to=CONFIRMATION,
    title="The date of receipt is no earlier than the certificate's date of issue",
)
def received_after_issue(document: Any, context: Context) -> Iterator[Violation]:
    issued = document.certificate.date_of_issue
    if context.certificate is not None:
        issued = max(issued, context.certificate.date_of_issue)
    if document.date_of_receipt < issued:
        yield Violation(
            ("date_of_receipt",),
            f"date of receipt {document.date_of_receipt} is before the certificate's date of "
            f"issue {issued}",
        )


@rule(
    "KP-R-028",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The certificate reference (number, exporting Participant, date of issue) matches "
    "the certificate",
    needs=WITH_CERTIFICATE,
)
def reference_matches(document: Any, context: Context) -> Iterator[Violation]:
    certificate = context.certificate
    for attr, theirs, label in (
        ("number", certificate.certificate_number, "certificate number"),
        ("exporting_participant", certificate.exporting_participant, "exporting Participant"),
        ("date_of_issue", certificate.date_of_issue, "date of issue"),
    ):
        ours = getattr(document.certificate, attr)
        if ours != theirs:
            yield Violation(
                ("certificate", attr), f"{label} is {ours}, but the certificate says {theirs}"
            )


@rule(
    "KP-R-029",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The importing Participant matches the certificate",
    needs=WITH_CERTIFICATE,
)
def importing_participant_matches(document: Any, context: Context) -> Iterator[Violation]:
    theirs = context.certificate.importing_participant
    if document.importing_participant != theirs:
        yield Violation(
            ("importing_participant",),
            f"importing Participant is {document.importing_participant}, but the certificate "
            f"was issued for {theirs}",
        )


def _party_rule(attr: str) -> Any:
    def check(document: Any, context: Context) -> Iterator[Violation]:
        ours, theirs = getattr(document, attr), getattr(context.certificate, attr)
        if english_version(ours.name) != english_version(theirs.name):
            yield Violation(
                (attr, "name", english_tag(ours.name) or ENGLISH),
                f"{attr} name is {english_version(ours.name)!r}, but the certificate says "
                f"{english_version(theirs.name)!r}",
            )
        for field in ("country", "licence_number"):
            if getattr(ours, field) != getattr(theirs, field):
                yield Violation(
                    (attr, field),
                    f"{attr} {field.replace('_', ' ')} is {getattr(ours, field)}, but the "
                    f"certificate says {getattr(theirs, field)}",
                )

    return check


rule(
    "KP-R-030",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The importer (English name, country, licence number) matches the certificate",
    needs=WITH_CERTIFICATE,
)(_party_rule("importer"))
rule(
    "KP-R-031",
    requirement="KP-REQ-024",
    applies_to=CONFIRMATION,
    title="The exporter (English name, country, licence number) matches the certificate",
    needs=WITH_CERTIFICATE,
)(_party_rule("exporter"))


def _by_hs_code(lines: Any) -> dict[str, dict[str, Any]]:
    sums: dict[str, dict[str, Any]] = {}
    for line in lines:
        entry = sums.setdefault(
            line.hs_code, {"carats": Decimal(0), "value_usd": Decimal(0), "parcels": 0}
        )
        entry["carats"] += line.carats
        entry["value_usd"] += line.value_usd
        entry["parcels"] += line.parcels
    return sums


@rule(
    "KP-R-032",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The HS codes received are those of the certificate",
    needs=WITH_CERTIFICATE,
)
def hs_codes_match(document: Any, context: Context) -> Iterator[Violation]:
    theirs = {line.hs_code for line in context.certificate.shipment.lines}
    ours = {line.hs_code for line in document.lines}
    for index, line in enumerate(document.lines):
        if line.hs_code not in theirs:
            yield Violation(
                ("lines", index, "hs_code"), f"HS code {line.hs_code} is not on the certificate"
            )
    for missing in sorted(theirs - ours):
        yield Violation(("lines",), f"the certificate's HS code {missing} has no received line")


def _line_amount_rule(attr: str, label: str) -> Any:
    def check(document: Any, context: Context) -> Iterator[Violation]:
        theirs = _by_hs_code(context.certificate.shipment.lines)
        ours = _by_hs_code(document.lines)
        for index, line in enumerate(document.lines):
            if line.hs_code not in theirs or line.hs_code not in ours:
                continue
            received, certified = ours[line.hs_code][attr], theirs[line.hs_code][attr]
            if received != certified:
                yield Violation(
                    ("lines", index, attr),
                    f"{label} received under {line.hs_code} is {received}, but the certificate "
                    f"says {certified}",
                )
                ours.pop(line.hs_code)  # one finding per HS code
        total, certified_total = (
            getattr(document.totals, attr),
            getattr(context.certificate.shipment.totals, attr),
        )
        if total != certified_total:
            yield Violation(
                ("totals", attr),
                f"total {label} received is {total}, but the certificate says {certified_total}",
            )

    return check


rule(
    "KP-R-033",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The number of parcels received matches the certificate, per HS code and in total",
    needs=WITH_CERTIFICATE,
)(_line_amount_rule("parcels", "number of parcels"))
rule(
    "KP-R-034",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The carat weight received matches the certificate, per HS code and in total",
    needs=WITH_CERTIFICATE,
)(_line_amount_rule("carats", "carat weight"))
rule(
    "KP-R-035",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The value received matches the certificate, per HS code and in total",
    needs=WITH_CERTIFICATE,
)(_line_amount_rule("value_usd", "value in US$"))


@rule(
    "KP-R-036",
    requirement="KP-REQ-024",
    applies_to=CONFIRMATION,
    title="The certificate digest is the digest of the certificate's exact bytes",
    needs=("certificate_bytes",),
)
def digest_matches(document: Any, context: Context) -> Iterator[Violation]:
    digest = document.certificate.digest
    assert context.certificate_bytes is not None
    computed = base64.b64encode(
        hashlib.new(DIGESTS[digest.algorithm], context.certificate_bytes).digest()
    ).decode("ascii")
    if digest.value != computed:
        yield Violation(
            ("certificate", "digest", "value"),
            f"the digest is {digest.value}, but the certificate's bytes digest to {computed}: "
            "the confirmation refers to another document, or the certificate was altered",
        )
