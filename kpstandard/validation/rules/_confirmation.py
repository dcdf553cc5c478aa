"""Rules of the Import Confirmation, alone and against the certificate it confirms."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from decimal import Decimal

from kpstandard.model import ImportConfirmation, KPCertificate, Party, ShipmentTotals
from kpstandard.model.values import ENGLISH, english_tag, english_version
from kpstandard.syntax.locate import AttrPath
from kpstandard.validation.rules._registry import (
    NONE,
    Context,
    DocumentType,
    Violation,
    Violations,
    rule,
)
from kpstandard.validation.rules._shared import Line

CONFIRMATION: tuple[DocumentType, ...] = ("import-confirmation",)
WITH_CERTIFICATE = ("certificate",)
DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
}


def _certificate(context: Context) -> KPCertificate:
    """The certificate a rule that ``needs`` it is run with (the engine skips it otherwise)."""
    assert context.certificate is not None
    return context.certificate


@rule(
    "KP-R-026",
    requirement="KP-REQ-024",
    applies_to=CONFIRMATION,
    title="The confirmation number begins with the importing Participant's code",
)
def confirmation_number_prefix(document: ImportConfirmation, context: Context) -> Violations:
    if document.confirmation_number.startswith(document.importing_participant):
        return NONE
    return (
        Violation(
            ("confirmation_number",),
            f"confirmation number {document.confirmation_number} does not begin with "
            f"{document.importing_participant}, the importing Participant's code",
        ),
    )


@rule(
    "KP-R-027",
    requirement="KP-REQ-026",
    applies_to=CONFIRMATION,
    title="The date of receipt is no earlier than the certificate's date of issue",
)
def received_after_issue(document: ImportConfirmation, context: Context) -> Violations:
    issued = document.certificate.date_of_issue
    if context.certificate is not None:
        issued = max(issued, context.certificate.date_of_issue)
    if document.date_of_receipt >= issued:
        return NONE
    return (
        Violation(
            ("date_of_receipt",),
            f"date of receipt {document.date_of_receipt} is before the certificate's date of "
            f"issue {issued}",
        ),
    )


@rule(
    "KP-R-028",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The certificate reference (number, exporting Participant, date of issue) matches "
    "the certificate",
    needs=WITH_CERTIFICATE,
)
def reference_matches(document: ImportConfirmation, context: Context) -> Violations:
    certificate, reference = _certificate(context), document.certificate
    return [
        Violation(("certificate", attr), f"{label} is {ours}, but the certificate says {theirs}")
        for attr, ours, theirs, label in (
            ("number", reference.number, certificate.certificate_number, "certificate number"),
            (
                "exporting_participant",
                reference.exporting_participant,
                certificate.exporting_participant,
                "exporting Participant",
            ),
            (
                "date_of_issue",
                reference.date_of_issue,
                certificate.date_of_issue,
                "date of issue",
            ),
        )
        if ours != theirs
    ]


@rule(
    "KP-R-029",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The importing Participant matches the certificate",
    needs=WITH_CERTIFICATE,
)
def importing_participant_matches(document: ImportConfirmation, context: Context) -> Violations:
    theirs = _certificate(context).importing_participant
    if document.importing_participant == theirs:
        return NONE
    return (
        Violation(
            ("importing_participant",),
            f"importing Participant is {document.importing_participant}, but the certificate "
            f"was issued for {theirs}",
        ),
    )


def _party_rule(
    attr: str, party: Callable[[ImportConfirmation | KPCertificate], Party]
) -> Callable[[ImportConfirmation, Context], Violations]:
    def check(document: ImportConfirmation, context: Context) -> Violations:
        ours, theirs = party(document), party(_certificate(context))
        found: list[Violation] = []
        if english_version(ours.name) != english_version(theirs.name):
            found.append(
                Violation(
                    (attr, "name", english_tag(ours.name) or ENGLISH),
                    f"{attr} name is {english_version(ours.name)!r}, but the certificate says "
                    f"{english_version(theirs.name)!r}",
                )
            )
        for field, mine, other in (
            ("country", ours.country, theirs.country),
            ("licence_number", ours.licence_number, theirs.licence_number),
        ):
            if mine != other:
                found.append(
                    Violation(
                        (attr, field),
                        f"{attr} {field.replace('_', ' ')} is {mine}, but the "
                        f"certificate says {other}",
                    )
                )
        return found

    return check


def _importer(document: ImportConfirmation | KPCertificate) -> Party:
    return document.importer


def _exporter(document: ImportConfirmation | KPCertificate) -> Party:
    return document.exporter


rule(
    "KP-R-030",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    title="The importer (English name, country, licence number) matches the certificate",
    needs=WITH_CERTIFICATE,
)(_party_rule("importer", _importer))
rule(
    "KP-R-031",
    requirement="KP-REQ-024",
    applies_to=CONFIRMATION,
    title="The exporter (English name, country, licence number) matches the certificate",
    needs=WITH_CERTIFICATE,
)(_party_rule("exporter", _exporter))


Amount = Callable[[Line | ShipmentTotals], Decimal | int]


def _by_hs_code(lines: tuple[Line, ...], amount: Amount) -> dict[str, Decimal | int]:
    """The sum of one amount of the lines, per HS code."""
    sums: dict[str, Decimal | int] = {}
    for line in lines:
        sums[line.hs_code] = sums.get(line.hs_code, 0) + amount(line)
    return sums


def _hs_code_differences(
    document: ImportConfirmation, certificate: KPCertificate
) -> list[tuple[AttrPath, str, str]]:
    """Where the HS codes received differ from the certificate's: a received line under a code
    the certificate does not state, then each certificate code with no received line; with the
    code and a message."""
    theirs = {line.hs_code for line in certificate.shipment.lines}
    ours = {line.hs_code for line in document.lines}
    found: list[tuple[AttrPath, str, str]] = [
        (
            ("lines", index, "hs_code"),
            line.hs_code,
            f"HS code {line.hs_code} is not on the certificate",
        )
        for index, line in enumerate(document.lines)
        if line.hs_code not in theirs
    ]
    found += [
        (("lines",), missing, f"the certificate's HS code {missing} has no received line")
        for missing in sorted(theirs - ours)
    ]
    return found


@rule(
    "KP-R-032",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    until="1.0",
    title="The HS codes received are those of the certificate",
    needs=WITH_CERTIFICATE,
)
def hs_codes_match(document: ImportConfirmation, context: Context) -> Violations:
    return [
        Violation(path, message)
        for path, _, message in _hs_code_differences(document, _certificate(context))
    ]


def _line_amount_rule(
    attr: str, amount: Amount, label: str
) -> Callable[[ImportConfirmation, Context], Violations]:
    def check(document: ImportConfirmation, context: Context) -> Violations:
        certificate = _certificate(context)
        theirs = _by_hs_code(certificate.shipment.lines, amount)
        ours = _by_hs_code(document.lines, amount)
        found: list[Violation] = []
        for index, line in enumerate(document.lines):
            if line.hs_code not in theirs or line.hs_code not in ours:
                continue
            received, certified = ours[line.hs_code], theirs[line.hs_code]
            if received != certified:
                found.append(
                    Violation(
                        ("lines", index, attr),
                        f"{label} received under {line.hs_code} is {received}, but the "
                        f"certificate says {certified}",
                    )
                )
                ours.pop(line.hs_code)  # one finding per HS code
        total, certified_total = amount(document.totals), amount(certificate.shipment.totals)
        if total != certified_total:
            found.append(
                Violation(
                    ("totals", attr),
                    f"total {label} received is {total}, but the certificate says "
                    f"{certified_total}",
                )
            )
        return found

    return check


def _parcels(item: Line | ShipmentTotals) -> int:
    return item.parcels


def _carats(item: Line | ShipmentTotals) -> Decimal:
    return item.carats


def _value_usd(item: Line | ShipmentTotals) -> Decimal:
    return item.value_usd


rule(
    "KP-R-033",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    until="1.0",
    title="The number of parcels received matches the certificate, per HS code and in total",
    needs=WITH_CERTIFICATE,
)(_line_amount_rule("parcels", _parcels, "number of parcels"))
rule(
    "KP-R-034",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    until="1.0",
    title="The carat weight received matches the certificate, per HS code and in total",
    needs=WITH_CERTIFICATE,
)(_line_amount_rule("carats", _carats, "carat weight"))
rule(
    "KP-R-035",
    requirement="KP-REQ-025",
    applies_to=CONFIRMATION,
    until="1.0",
    title="The value received matches the certificate, per HS code and in total",
    needs=WITH_CERTIFICATE,
)(_line_amount_rule("value_usd", _value_usd, "value in US$"))


@rule(
    "KP-R-036",
    requirement="KP-REQ-024",
    applies_to=CONFIRMATION,
    title="The certificate digest is the digest of the certificate's exact bytes",
    needs=("certificate_bytes",),
)
def digest_matches(document: ImportConfirmation, context: Context) -> Violations:
    digest = document.certificate.digest
    assert context.certificate_bytes is not None
    computed = base64.b64encode(
        hashlib.new(DIGESTS[digest.algorithm], context.certificate_bytes).digest()
    ).decode("ascii")
    if digest.value == computed:
        return NONE
    return (
        Violation(
            ("certificate", "digest", "value"),
            f"the digest is {digest.value}, but the certificate's bytes digest to {computed}: "
            "the confirmation refers to another document, or the certificate was altered",
        ),
    )


# --- 1.1: the outcome of a confirmation, its discrepancies and reasons [KP-REQ-052] -----------

CONFIRMED = "confirmed"
WITH_DISCREPANCIES = "confirmed-with-discrepancies"
REFUSED = "refused"
QUANTITY_OF_ATTR = {"parcels": "parcels", "carats": "carats", "value_usd": "value"}
HS_CODE = "hs-code"
"""The discrepancy quantity of an HS code received that differs from the certificate's."""


def outcome(document: ImportConfirmation) -> str:
    """The confirmation's outcome: "confirmed" when it states none (all a 1.0 one can say)."""
    return document.outcome or CONFIRMED


def _stated(document: ImportConfirmation, quantity: str) -> set[str | None]:
    """The HS codes (None: the totals) for which ``quantity`` is stated as a discrepancy."""
    return {d.hs_code for d in document.discrepancies or () if d.quantity == quantity}


def _differences(
    document: ImportConfirmation, certificate: KPCertificate, attr: str, amount: Amount
) -> list[tuple[AttrPath, str | None, Decimal | int, Decimal | int]]:
    """Where the received ``amount`` differs from the certificate's: per HS code (on the first
    received line of that code; None for the totals), with the received and certified values."""
    theirs = _by_hs_code(certificate.shipment.lines, amount)
    ours = _by_hs_code(document.lines, amount)
    found: list[tuple[AttrPath, str | None, Decimal | int, Decimal | int]] = []
    for index, line in enumerate(document.lines):
        code = line.hs_code
        if code in theirs and code in ours and ours[code] != theirs[code]:
            found.append((("lines", index, attr), code, ours.pop(code), theirs[code]))
    total, certified = amount(document.totals), amount(certificate.shipment.totals)
    if total != certified:
        found.append((("totals", attr), None, total, certified))
    return found


def _stated_amount_rule(
    attr: str, amount: Amount, label: str
) -> Callable[[ImportConfirmation, Context], Violations]:
    quantity = QUANTITY_OF_ATTR[attr]

    def check(document: ImportConfirmation, context: Context) -> Violations:
        if outcome(document) == REFUSED:  # a refused shipment is judged by its reasons
            return NONE
        differences = _differences(document, _certificate(context), attr, amount)
        if not differences:
            return NONE
        stated = _stated(document, quantity)
        return [
            Violation(
                path,
                f"{label} received {'in total' if code is None else 'under ' + code} is "
                f"{received}, but the certificate says {certified}; state the difference as a "
                f'discrepancy (outcome "{WITH_DISCREPANCIES}") or refuse the shipment',
            )
            for path, code, received, certified in differences
            if code not in stated
        ]

    return check


rule(
    "KP-R-045",
    requirement="KP-REQ-052",
    applies_to=CONFIRMATION,
    title="A number of parcels received that differs from the certificate is stated as a "
    "discrepancy",
    needs=WITH_CERTIFICATE,
    since="1.1",
)(_stated_amount_rule("parcels", _parcels, "number of parcels"))
rule(
    "KP-R-046",
    requirement="KP-REQ-052",
    applies_to=CONFIRMATION,
    title="A carat weight received that differs from the certificate is stated as a discrepancy",
    needs=WITH_CERTIFICATE,
    since="1.1",
)(_stated_amount_rule("carats", _carats, "carat weight"))
rule(
    "KP-R-047",
    requirement="KP-REQ-052",
    applies_to=CONFIRMATION,
    title="A value received that differs from the certificate is stated as a discrepancy",
    needs=WITH_CERTIFICATE,
    since="1.1",
)(_stated_amount_rule("value_usd", _value_usd, "value in US$"))


@rule(
    "KP-R-048",
    requirement="KP-REQ-052",
    applies_to=CONFIRMATION,
    title="Discrepancies come only with, and always with, the outcome "
    '"confirmed-with-discrepancies"; reasons only with, and always with, a refusal',
    since="1.1",
)
def outcome_consistent(document: ImportConfirmation, context: Context) -> Violations:
    stated = outcome(document)
    found: list[Violation] = []
    if stated == WITH_DISCREPANCIES and not document.discrepancies:
        found.append(Violation(("outcome",), f'the outcome is "{stated}" but none is stated'))
    elif stated != WITH_DISCREPANCIES and document.discrepancies:
        found.append(
            Violation(
                ("discrepancies", 0),
                f'discrepancies are stated but the outcome is "{stated}"; set the outcome '
                f'"{WITH_DISCREPANCIES}"',
            )
        )
    if stated == REFUSED and not document.refusal_reasons:
        found.append(Violation(("outcome",), "a refusal states at least one reason"))
    elif stated != REFUSED and document.refusal_reasons:
        found.append(
            Violation(
                ("refusal_reasons",),
                f'reasons for a refusal are given but the outcome is "{stated}"',
            )
        )
    return found


@rule(
    "KP-R-052",
    requirement="KP-REQ-052",
    applies_to=CONFIRMATION,
    title="An HS code received that the certificate does not state, or one it states with "
    'nothing received, is stated as a discrepancy (quantity "hs-code") unless the shipment is '
    "refused",
    needs=WITH_CERTIFICATE,
    since="1.1",
)
def hs_codes_stated(document: ImportConfirmation, context: Context) -> Violations:
    if outcome(document) == REFUSED:  # a refused shipment is judged by its reasons
        return NONE
    stated = _stated(document, HS_CODE)
    return [
        Violation(
            path,
            f'{message}; state it as a discrepancy (quantity "{HS_CODE}", outcome '
            f'"{WITH_DISCREPANCIES}") or refuse the shipment',
        )
        for path, code, message in _hs_code_differences(document, _certificate(context))
        if code not in stated
    ]


_AMOUNTS: dict[str, tuple[str, Amount]] = {
    "parcels": ("parcels", _parcels),
    "carats": ("carats", _carats),
    "value": ("value_usd", _value_usd),
}


@rule(
    "KP-R-049",
    requirement="KP-REQ-052",
    applies_to=CONFIRMATION,
    title="Each stated discrepancy names a quantity (or an HS code) that differs from the "
    "certificate",
    needs=WITH_CERTIFICATE,
    since="1.1",
)
def discrepancies_real(document: ImportConfirmation, context: Context) -> Violations:
    if not document.discrepancies:
        return NONE
    certificate = _certificate(context)
    found: list[Violation] = []
    for index, discrepancy in enumerate(document.discrepancies):
        differing: set[str | None]
        if discrepancy.quantity == HS_CODE:
            differing = {code for _, code, _ in _hs_code_differences(document, certificate)}
            if discrepancy.hs_code not in differing:
                found.append(
                    Violation(
                        ("discrepancies", index),
                        f"HS code {discrepancy.hs_code} was received as the certificate states "
                        "it: a discrepancy of the HS code names a code received but not "
                        "certified, or certified but not received"
                        if discrepancy.hs_code is not None
                        else "a discrepancy of the HS code names the HS code",
                    )
                )
            continue
        attr, amount = _AMOUNTS[discrepancy.quantity]
        differing = {code for _, code, _, _ in _differences(document, certificate, attr, amount)}
        if discrepancy.hs_code not in differing:
            where = "in total" if discrepancy.hs_code is None else f"under {discrepancy.hs_code}"
            found.append(
                Violation(
                    ("discrepancies", index),
                    f"the {discrepancy.quantity} received {where} equals the certificate's: "
                    "a discrepancy states a difference",
                )
            )
    return found
