"""Area ``rules``: named mutations of golden document objects, each breaking or grazing one rule.

A mutation changes the data, so both syntaxes carry it alike: each case gives a JSON and an XML
vector. The expectation of each case is written here by hand from the requirement it cites; where
one change honestly breaks two rules (an HS code changed in a confirmation differs from the
certificate's set of codes and from its sums per code), every rule it breaks is listed.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from cryptography.hazmat.primitives import serialization

import kpstandard
from kpstandard.conformance.generate import _boundaries
from kpstandard.conformance.generate._case import RuleCase
from kpstandard.conformance.generate._common import TRUST_LIST, is_confirmation, verification_time
from kpstandard.conformance.generate._draft import Accept, Bytes, Draft, NotJudged, Reject
from kpstandard.conformance.generate._golden import (
    Mutation,
    change,
    day,
    golden_bytes,
    golden_object,
    shift,
    value_at,
)
from kpstandard.model import Discrepancy, Origin

__all__ = ["drafts"]

AREA = "rules"
ROLES = ("validator",)

R = {n: f"KP-R-{n:03d}" for n in range(1, 50)}

LINE0 = ("shipment", "lines", 0)
LINE1 = ("shipment", "lines", 1)
TOTALS = ("shipment", "totals")
RECEIVED0 = ("lines", 0)
RECEIVED_TOTALS = ("totals",)

SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384"
SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512"


# --- mutations --------------------------------------------------------------------------------


def _set(*pairs: tuple[tuple[str | int, ...], Any]) -> Mutation:
    def mutate(document: Any) -> Any:
        for path, value in pairs:
            document = change(document, path, value)
        return document

    return mutate


def _dated(issue: str, expiry: str, **extra: Any) -> Mutation:
    """Move a certificate to other dates (and change other top-level fields)."""
    pairs = [(("date_of_issue",), day(issue)), (("date_of_expiry",), day(expiry))]
    pairs += [((name,), value) for name, value in extra.items()]
    return _set(*pairs)


def _line_and_totals(attr: str, value: Decimal | int, line: int = 0) -> Mutation:
    """Set a line's amount and keep the totals equal to the sum of the lines."""

    def mutate(document: Any) -> Any:
        path = ("shipment", "lines", line, attr)
        delta = value - value_at(document, path)
        return shift(change(document, path, value), (*TOTALS, attr), delta)

    return mutate


def _received(attr: str, delta: Decimal | int) -> Mutation:
    """Change a received line's amount and the received totals alike."""
    return lambda d: shift(shift(d, (*RECEIVED0, attr), delta), (*RECEIVED_TOTALS, attr), delta)


def _without_zone(line: int) -> Mutation:
    return _set((("shipment", "lines", line, "origin_zone"), None))


def _cf_without_zones(issue: str, expiry: str) -> Mutation:
    def mutate(document: Any) -> Any:
        document = _dated(issue, expiry)(document)
        for index in range(len(document.shipment.lines)):
            document = _without_zone(index)(document)
        return document

    return mutate


def _digest(algorithm: str, hash_name: str) -> Mutation:
    certificate = golden_bytes("bw-eu-unmixed", "xml")
    value = base64.b64encode(hashlib.new(hash_name, certificate).digest()).decode()
    return _set(
        (("certificate", "digest", "algorithm"), algorithm),
        (("certificate", "digest", "value"), value),
    )


def _exact_decimal_totals(document: Any) -> Any:
    """Amounts whose sums a binary float gets wrong (0.1 + 0.2, cents beyond 15 digits)."""
    return _set(
        ((*LINE0, "carats"), Decimal("0.10")),
        ((*LINE1, "carats"), Decimal("0.20")),
        ((*TOTALS, "carats"), Decimal("0.30")),
        ((*LINE0, "value_usd"), Decimal("99999999900000.01")),
        ((*LINE1, "value_usd"), Decimal("18600.02")),
        ((*TOTALS, "value_usd"), Decimal("99999999918600.03")),
    )(document)


def _ten_lines(attr: str, each: Decimal, total: Decimal) -> Mutation:
    """Ten copies of the first line, each of ``each`` in ``attr``, the other totals kept exact,
    and ``total`` stated for ``attr``."""

    def mutate(document: Any) -> Any:
        first = change(document.shipment.lines[0], (attr,), each)
        document = change(document, ("shipment", "lines"), (first,) * 10)
        for other in ("carats", "value_usd", "parcels"):
            value = total if other == attr else getattr(first, other) * 10
            document = change(document, (*TOTALS, other), value)
        return document

    return mutate


def _two_values(first: Decimal, second: Decimal, total: Decimal) -> Mutation:
    return _set(
        ((*LINE0, "value_usd"), first),
        ((*LINE1, "value_usd"), second),
        ((*TOTALS, "value_usd"), total),
    )


def _lines_reversed(document: Any) -> Any:
    return change(document, ("lines",), tuple(reversed(document.lines)))


def _json_twin_digest(document: Any) -> Any:
    twin = golden_bytes("bw-eu-unmixed", "json")
    value = base64.b64encode(hashlib.sha256(twin).digest()).decode()
    return change(document, ("certificate", "digest", "value"), value)


def _reformatted_certificate() -> bytes:
    """The golden certificate's data, written again with other whitespace: other octets."""
    return golden_bytes("bw-eu-unmixed", "xml").replace(b"\n  ", b"\n    ")


def _moved(path: tuple[str | int, ...], **delta: int) -> Mutation:
    """Move the instant at ``path`` by a timedelta's worth of days or seconds."""
    return lambda d: change(d, path, value_at(d, path) + datetime.timedelta(**delta))


BW_CERTIFICATES = ("participants", 2, "authorities", 0, "certificates")
"""The Botswana authority's certificates in the golden trust list: the current one, and one
retired in 2025 after key rotation."""
BW_RETIRED = (*BW_CERTIFICATES, 1)


def _history_out_of_order(document: Any) -> Any:
    history = value_at(document, (*BW_RETIRED, "status_history"))
    later = change(history[1], ("since",), history[0].since - datetime.timedelta(days=1))
    return change(document, (*BW_RETIRED, "status_history", 1), later)


def _participant_twice(document: Any) -> Any:
    return change(document, ("participants",), (*document.participants, document.participants[0]))


ZA_CERTIFICATES = ("participants", 11, "authorities", 0, "certificates")
"""The South African authority's certificates: the current one, and one revoked for compromise."""


def _certificate_twice(document: Any) -> Any:
    """BW's retired certificate replaced by its current one: one certificate, two entries."""
    current = value_at(document, (*BW_CERTIFICATES, 0, "certificate"))
    return change(document, (*BW_RETIRED, "certificate"), current)


def _revoked_listed_again(document: Any) -> Any:
    """ZA's revoked certificate listed for BW too, granted: the revocation dodged."""
    revoked = value_at(document, (*ZA_CERTIFICATES, 1))
    entry = change(revoked, ("status_history",), revoked.status_history[:1])
    certificates = value_at(document, BW_CERTIFICATES)
    return change(document, BW_CERTIFICATES, (*certificates, entry))


def _third_certificate(document: Any) -> Any:
    """A third, different certificate for BW (the rogue test certificate, listed nowhere else)."""
    from kpstandard.conformance.generate._pki import authority

    der = authority("rogue").certificate.public_bytes(serialization.Encoding.DER)
    first = value_at(document, (*BW_CERTIFICATES, 0))
    entry = change(first, ("certificate",), base64.b64encode(der).decode("ascii"))
    certificates = value_at(document, BW_CERTIFICATES)
    return change(document, BW_CERTIFICATES, (*certificates, entry))


def _weak_rsa_listed(document: Any) -> Any:
    """An RSA-1024 certificate (issued by the test root CA) listed for BW beside its two."""
    from kpstandard.conformance.generate._pki import weak_rsa

    der = weak_rsa().certificate.public_bytes(serialization.Encoding.DER)
    first = value_at(document, (*BW_CERTIFICATES, 0))
    entry = change(first, ("certificate",), base64.b64encode(der).decode("ascii"))
    certificates = value_at(document, BW_CERTIFICATES)
    return change(document, BW_CERTIFICATES, (*certificates, entry))


def _authority_twice(document: Any) -> Any:
    """The Botswana authority's identifier given to the next Participant's authority too."""
    identifier = value_at(document, ("participants", 2, "authorities", 0, "identifier"))
    return change(document, ("participants", 3, "authorities", 0, "identifier"), identifier)


BW = "bw-eu-unmixed"
EU = "eu-ae-mixed"
CF = "cf-eu-compliant-zone"
GB = "gb-us-after-brexit"
ZA_REPLACEMENT = "za-ae-replacement"
IC = "ic-bw-eu-unmixed"
LATER = "2026-03-01T12:00:00Z"
"""A verification time long after the dated cases' dates of issue."""

CASES: tuple[RuleCase, ...] = (
    # --- KP-R-001 numbering [KP-REQ-006] ------------------------------------------------------
    RuleCase(
        "number-of-another-participant",
        "The certificate number begins with another Participant's code",
        "KP-REQ-006",
        BW,
        _set((("certificate_number",), "ZA0001234")),
        Reject((R[1],)),
        at=("/certificateNumber", "/kp:KPCertificate/kp:CertificateNumber"),
    ),
    RuleCase(
        "eu-number-of-a-member-state",
        "An EU certificate numbered with a Member State's code instead of EU",
        "KP-REQ-006",
        EU,
        _set((("certificate_number",), "BE00012345")),
        Reject((R[1],)),
    ),
    RuleCase(
        "shortest-number",
        "A certificate number of the Participant's code and one character",
        "KP-REQ-006",
        BW,
        _set((("certificate_number",), "BW7")),
        Accept((R[1],)),
    ),
    # --- KP-R-002 [KP-REQ-028] ----------------------------------------------------------------
    RuleCase(
        "same-participant-both-ends",
        "The exporting Participant is also the importing one",
        "KP-REQ-028",
        BW,
        _set((("importing_participant",), "BW")),
        Reject((R[2],)),
        at=("/importingParticipant", "/kp:KPCertificate/kp:ImportingParticipant"),
    ),
    # --- KP-R-003..005 good standing [KP-REQ-018] -------------------------------------------
    RuleCase(
        "exporter-before-admission",
        "The United Kingdom exports on 31 December 2020, the day before it became a Participant",
        "KP-REQ-018",
        GB,
        _dated("2020-12-31", "2021-02-27"),
        Reject((R[3],)),
    ),
    RuleCase(
        "exporter-on-the-day-of-admission",
        "The United Kingdom exports on 1 January 2021, its first day as a Participant",
        "KP-REQ-018",
        GB,
        _dated("2021-01-01", "2021-02-28"),
        Accept((R[3],)),
    ),
    RuleCase(
        "importer-state-not-participant",
        "The importing Participant is a Member State of the EU, not a Participant itself",
        "KP-REQ-018",
        BW,
        _set((("importing_participant",), "FR")),
        Reject((R[4],)),
    ),
    RuleCase(
        "importer-before-admission",
        "A certificate to the United Kingdom dated the day before it became a Participant",
        "KP-REQ-018",
        BW,
        _dated("2020-12-31", "2021-02-27", importing_participant="GB"),
        Reject((R[4],)),
    ),
    RuleCase(
        "importer-on-the-day-of-admission",
        "A certificate to the United Kingdom dated its first day as a Participant",
        "KP-REQ-018",
        BW,
        _dated("2021-01-01", "2021-02-28", importing_participant="GB"),
        Accept((R[4],)),
    ),
    RuleCase(
        "exporter-suspended",
        "The Central African Republic exports while suspended (2014)",
        "KP-REQ-018",
        CF,
        _dated("2014-01-10", "2014-03-10"),
        Reject((R[5],)),
    ),
    RuleCase(
        "exporter-on-the-first-day-of-suspension",
        "The Central African Republic exports on the first day of its suspension",
        "KP-REQ-018",
        CF,
        _dated("2013-05-23", "2013-07-22"),
        Reject((R[5],)),
    ),
    RuleCase(
        "exporter-on-the-day-before-suspension",
        "The Central African Republic exports on the day before its suspension",
        "KP-REQ-018",
        CF,
        _dated("2013-05-22", "2013-07-21"),
        Accept((R[5],)),
    ),
    RuleCase(
        "importer-suspended",
        "A certificate to the Central African Republic while it was suspended",
        "KP-REQ-018",
        BW,
        _dated("2014-01-10", "2014-03-10", importing_participant="CF"),
        Reject((R[5],)),
    ),
    # --- KP-REQ-033: code lists as they stood on the date of issue ---------------------------
    RuleCase(
        "suspension-judged-on-the-date-of-issue",
        "A certificate issued during a suspension that has since ended is judged as of its date "
        "of issue, not as of the verification time",
        "KP-REQ-033",
        CF,
        _dated("2014-01-10", "2014-03-10"),
        Reject((R[5],)),
        verification_time=LATER,
    ),
    RuleCase(
        "standing-judged-on-the-date-of-issue",
        "A certificate issued before a suspension, verified during it, is judged as of its date "
        "of issue",
        "KP-REQ-033",
        CF,
        _dated("2013-05-01", "2013-06-30"),
        Accept((R[5],)),
        verification_time="2014-01-10T12:00:00Z",
    ),
    RuleCase(
        "restriction-judged-on-the-date-of-issue",
        "A certificate issued under the compliant-zones restriction, since lifted, names no zone",
        "KP-REQ-033",
        CF,
        _cf_without_zones("2023-06-14", "2023-08-13"),
        Reject((R[6],)),
        verification_time=LATER,
    ),
    # --- KP-R-006 restrictions [KP-REQ-019] ----------------------------------------------------
    RuleCase(
        "line-without-compliant-zone",
        "A line of a certificate from a Participant limited to compliant zones names no zone",
        "KP-REQ-019",
        CF,
        _without_zone(0),
        Reject((R[6],)),
        at=(
            "/shipment/lines/0/originZone",
            "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:OriginZone",
        ),
    ),
    RuleCase(
        "zone-not-listed",
        "A line names a zone that is not a listed compliant zone",
        "KP-REQ-019",
        CF,
        _set(((*LINE0, "origin_zone"), "CF-BANGUI")),
        Reject((R[6],)),
        at=(
            "/shipment/lines/0/originZone",
            "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:OriginZone",
        ),
    ),
    RuleCase(
        "no-zone-on-the-last-day-of-the-restriction",
        "No zone named on the last day of the compliant-zones restriction",
        "KP-REQ-019",
        CF,
        _cf_without_zones("2024-11-14", "2025-01-13"),
        Reject((R[6],)),
    ),
    RuleCase(
        "no-zone-once-the-restriction-is-lifted",
        "No zone named on the day the compliant-zones restriction was lifted",
        "KP-REQ-019",
        CF,
        _cf_without_zones("2024-11-15", "2025-01-14"),
        Accept((R[6],)),
    ),
    # --- KP-R-007, KP-R-008 origin [KP-REQ-004] ---------------------------------------------
    RuleCase(
        "mixed-and-countries",
        "A line marked mixed origin that also names countries of origin",
        "KP-REQ-004",
        BW,
        _set(((*LINE0, "origin", "mixed"), True)),
        Reject((R[7],)),
    ),
    RuleCase(
        "neither-mixed-nor-countries",
        "A line that names no country of origin and is not marked mixed",
        "KP-REQ-004",
        BW,
        _set(((*LINE0, "origin"), Origin())),
        Reject((R[7],)),
    ),
    RuleCase(
        "not-mixed-with-countries",
        "A line marked explicitly not mixed that names its country of origin",
        "KP-REQ-004",
        BW,
        _set(((*LINE0, "origin", "mixed"), False)),
        Accept((R[7],)),
    ),
    RuleCase(
        "origin-eu",
        'A country of origin "EU", which is no country',
        "KP-REQ-004",
        BW,
        _set(((*LINE0, "origin", "countries"), ("EU",))),
        Reject((R[8],)),
    ),
    RuleCase(
        "origin-uk",
        'A country of origin "UK", reserved but not assigned in ISO 3166-1 (GB is)',
        "KP-REQ-004",
        GB,
        _set(((*LINE0, "origin", "countries"), ("UK",))),
        Reject((R[8],)),
    ),
    # --- KP-R-009 parties [KP-REQ-011] --------------------------------------------------------
    RuleCase(
        "importer-country-eu",
        'The importer\'s country "EU" instead of the Member State of its address',
        "KP-REQ-011",
        BW,
        _set((("importer", "country"), "EU")),
        Reject((R[9],)),
    ),
    RuleCase(
        "confirmation-exporter-country-eu",
        'A confirmation gives the exporter\'s country as "EU"',
        "KP-REQ-011",
        IC,
        _set((("exporter", "country"), "EU")),
        Reject((R[9], R[31])),
    ),
    # --- KP-R-010, KP-R-011 dates [KP-REQ-009] -----------------------------------------------
    RuleCase(
        "expiry-before-issue",
        "The date of expiry is before the date of issue",
        "KP-REQ-009",
        BW,
        _dated("2026-02-16", "2026-02-15"),
        Reject((R[10],)),
        at=("/dateOfExpiry", "/kp:KPCertificate/kp:DateOfExpiry"),
    ),
    RuleCase(
        "expiry-on-the-day-of-issue",
        "The date of expiry is the date of issue",
        "KP-REQ-009",
        BW,
        _dated("2026-02-16", "2026-02-16"),
        Reject((R[10],)),
    ),
    RuleCase(
        "expiry-the-day-after-issue",
        "The date of expiry is the day after the date of issue",
        "KP-REQ-009",
        BW,
        _dated("2026-02-16", "2026-02-17"),
        Accept((R[10],)),
    ),
    RuleCase(
        "eu-valid-exactly-two-months",
        "An EU certificate valid exactly two months, the EU's maximum",
        "KP-REQ-009",
        EU,
        _dated("2026-03-10", "2026-05-10"),
        Accept((R[11],)),
    ),
    RuleCase(
        "eu-valid-two-months-and-a-day",
        "An EU certificate valid two months and a day",
        "KP-REQ-009",
        EU,
        _dated("2026-03-10", "2026-05-11"),
        Reject((R[11],)),
    ),
    RuleCase(
        "eu-end-of-month-to-february",
        "An EU certificate issued on 31 December and valid until 28 February, the last day of the "
        "month two months later",
        "KP-REQ-009",
        EU,
        _dated("2026-12-31", "2027-02-28"),
        Accept((R[11],)),
    ),
    RuleCase(
        "eu-end-of-month-past-february",
        "An EU certificate issued on 31 December and valid until 1 March",
        "KP-REQ-009",
        EU,
        _dated("2026-12-31", "2027-03-01"),
        Reject((R[11],)),
    ),
    # --- KP-R-012 HS codes [KP-REQ-015] --------------------------------------------------------
    RuleCase(
        "worked-diamonds",
        "A line of worked non-industrial diamonds (7102.39), outside the scheme",
        "KP-REQ-015",
        BW,
        _set(((*LINE0, "hs_code"), "7102.39")),
        Reject((R[12],)),
    ),
    RuleCase(
        "worked-industrial-diamonds",
        "A line of worked industrial diamonds (7102.29), outside the scheme",
        "KP-REQ-015",
        BW,
        _set(((*LINE1, "hs_code"), "7102.29")),
        Reject((R[12],)),
        at=("/shipment/lines/1/hsCode", "/kp:KPCertificate/kp:Shipment/kp:Line[2]/kp:HSCode"),
    ),
    RuleCase(
        "hs-code-not-of-diamonds",
        "A line under 7103.10, a heading that is not diamonds",
        "KP-REQ-015",
        BW,
        _set(((*LINE0, "hs_code"), "7103.10")),
        Reject((R[12],)),
    ),
    RuleCase(
        "confirmation-worked-diamonds",
        "A confirmation receives worked diamonds (7102.39)",
        "KP-REQ-015",
        IC,
        _set(((*RECEIVED0, "hs_code"), "7102.39")),
        Reject((R[12], R[32], R[33], R[34], R[35])),
    ),
    # --- KP-R-013..017 amounts [KP-REQ-012, 013, 014] -----------------------------------------
    RuleCase(
        "line-below-one-hundredth-carat",
        "A line of 0.00 carats",
        "KP-REQ-012",
        BW,
        _line_and_totals("carats", Decimal("0.00")),
        Reject((R[13],)),
        at=("/shipment/lines/0/carats", "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:Carats"),
    ),
    RuleCase(
        "line-of-one-hundredth-carat",
        "A line of 0.01 carats, the least the standard allows",
        "KP-REQ-012",
        BW,
        _line_and_totals("carats", Decimal("0.01")),
        Accept((R[13],)),
    ),
    RuleCase(
        "carats-three-decimals",
        "A carat weight with three decimals",
        "KP-REQ-012",
        BW,
        _line_and_totals("carats", Decimal("1520.455")),
        Reject((R[14],)),
    ),
    RuleCase(
        "carats-one-decimal",
        "A carat weight with one decimal",
        "KP-REQ-012",
        BW,
        _line_and_totals("carats", Decimal("1520.5")),
        Accept((R[14],)),
    ),
    RuleCase(
        "value-zero",
        "A line worth US$0.00",
        "KP-REQ-013",
        BW,
        _line_and_totals("value_usd", Decimal("0.00")),
        Reject((R[15],)),
    ),
    RuleCase(
        "value-one-cent",
        "A line worth one cent, the least positive value",
        "KP-REQ-013",
        BW,
        _line_and_totals("value_usd", Decimal("0.01"), line=1),
        Accept((R[15],)),
    ),
    RuleCase(
        "value-three-decimals",
        "A value in US$ with three decimals",
        "KP-REQ-013",
        BW,
        _line_and_totals("value_usd", Decimal("2450000.005")),
        Reject((R[16],)),
    ),
    RuleCase(
        "value-whole-dollars",
        "A value in US$ without decimals",
        "KP-REQ-013",
        BW,
        _line_and_totals("value_usd", Decimal("2450000")),
        Accept((R[16],)),
    ),
    RuleCase(
        "line-without-parcels",
        "A line of zero parcels",
        "KP-REQ-014",
        BW,
        _line_and_totals("parcels", 0),
        Reject((R[17],)),
    ),
    RuleCase(
        "line-of-one-parcel",
        "Every line of one parcel",
        "KP-REQ-014",
        BW,
        _line_and_totals("parcels", 1),
        Accept((R[17], R[20])),
    ),
    # --- KP-R-018..020 totals [KP-REQ-017] ----------------------------------------------------
    RuleCase(
        "total-carats-wrong",
        "The total carat weight is one carat more than the sum of the lines",
        "KP-REQ-017",
        BW,
        lambda d: shift(d, (*TOTALS, "carats"), Decimal("1.00")),
        Reject((R[18],)),
        at=("/shipment/totals/carats", "/kp:KPCertificate/kp:Shipment/kp:Totals/kp:Carats"),
    ),
    RuleCase(
        "total-carats-off-by-one-hundredth",
        "The total carat weight is 0.01 carat more than the sum of the lines",
        "KP-REQ-017",
        BW,
        lambda d: shift(d, (*TOTALS, "carats"), Decimal("0.01")),
        Reject((R[18],)),
    ),
    RuleCase(
        "total-value-wrong",
        "The total value is US$100 more than the sum of the lines",
        "KP-REQ-017",
        BW,
        lambda d: shift(d, (*TOTALS, "value_usd"), Decimal("100.00")),
        Reject((R[19],)),
        at=("/shipment/totals/valueUsd", "/kp:KPCertificate/kp:Shipment/kp:Totals/kp:ValueUSD"),
    ),
    RuleCase(
        "total-parcels-wrong",
        "The total number of parcels is one more than the sum of the lines",
        "KP-REQ-017",
        BW,
        lambda d: shift(d, (*TOTALS, "parcels"), 1),
        Reject((R[20],)),
        at=("/shipment/totals/parcels", "/kp:KPCertificate/kp:Shipment/kp:Totals/kp:Parcels"),
    ),
    RuleCase(
        "totals-in-exact-decimal-arithmetic",
        "Totals that are exact in decimal but not in binary floating point (0.10 + 0.20 carats; "
        "values with cents beyond fifteen significant digits)",
        "KP-REQ-017",
        BW,
        _exact_decimal_totals,
        Accept((R[18], R[19])),
    ),
    RuleCase(
        "confirmation-totals-wrong",
        "A confirmation's total carat weight is not the sum of its lines (nor the certificate's)",
        "KP-REQ-017",
        IC,
        lambda d: shift(d, (*RECEIVED_TOTALS, "carats"), Decimal("1.00")),
        Reject((R[18], R[34])),
    ),
    # --- KP-R-021..023 texts [KP-REQ-005, 002, 003] -----------------------------------------
    RuleCase(
        "exporter-name-without-english",
        "The exporter's name only in Setswana",
        "KP-REQ-005",
        BW,
        _set((("exporter", "name"), {"tn": "Kalahari Rough Diamond Traders"})),
        Reject((R[21],)),
    ),
    RuleCase(
        "quality-without-english",
        "A line's quality characteristics only in French",
        "KP-REQ-005",
        BW,
        _set(((*LINE1, "quality_characteristics"), {"fr": "Boart industriel"})),
        Reject((R[21],)),
    ),
    RuleCase(
        "title-altered",
        "The English title is not exactly that of Annex I (a lower-case c)",
        "KP-REQ-002",
        BW,
        _set((("title",), {"en": "Kimberley Process certificate"})),
        Reject((R[22],)),
    ),
    RuleCase(
        "title-with-trailing-space",
        "The English title with a trailing space",
        "KP-REQ-002",
        BW,
        _set((("title",), {"en": "Kimberley Process Certificate "})),
        Reject((R[22],)),
    ),
    RuleCase(
        "english-with-a-region-subtag",
        'An exporter\'s name whose only English version is tagged "en-GB" (its primary subtag is '
        '"en")',
        "KP-REQ-005",
        BW,
        _set((("exporter", "name"), {"en-GB": "Kalahari Rough Diamond Traders (Pty) Ltd"})),
        Accept((R[21],)),
    ),
    RuleCase(
        "statement-altered",
        "The English statement is not the text of Annex I",
        "KP-REQ-003",
        BW,
        _set((("statement",), {"en": "These rough diamonds are conflict free"})),
        Reject((R[23],)),
    ),
    # --- KP-R-024 replacement [KP-REQ-034] ---------------------------------------------------
    RuleCase(
        "replacement-naming-nothing",
        "A replacement certificate that does not name the certificate it replaces",
        "KP-REQ-034",
        ZA_REPLACEMENT,
        _set((("replaces",), None)),
        Reject((R[24],)),
    ),
    RuleCase(
        "original-naming-a-replaced-certificate",
        "An original certificate that names a certificate it replaces",
        "KP-REQ-034",
        ZA_REPLACEMENT,
        _set((("status",), "original")),
        Reject((R[24],)),
    ),
    RuleCase(
        "replacement-of-another-participant",
        "A replacement of a certificate of another Participant",
        "KP-REQ-034",
        ZA_REPLACEMENT,
        _set((("replaces",), "BW2026005077")),
        Reject((R[24],)),
    ),
    RuleCase(
        "replacement-of-itself",
        "A certificate that replaces itself",
        "KP-REQ-034",
        ZA_REPLACEMENT,
        _set((("replaces",), "ZA2026005102")),
        Reject((R[24],)),
    ),
    # --- KP-R-025 provenance [KP-REQ-029] -----------------------------------------------------
    RuleCase(
        "provenance-not-participant",
        "A country of provenance that is not a Participant (an EU Member State)",
        "KP-REQ-029",
        GB,
        _set((("country_of_provenance",), "FR")),
        Reject((R[25],)),
    ),
    RuleCase(
        "provenance-before-admission",
        "A country of provenance that became a Participant only later",
        "KP-REQ-029",
        BW,
        _dated("2020-06-01", "2020-07-31", country_of_provenance="GB"),
        Reject((R[25],)),
    ),
    # --- KP-R-026..036 the confirmation and its certificate [KP-REQ-024..026] ----------------
    RuleCase(
        "confirmation-number-of-the-exporter",
        "A confirmation numbered with the exporting Participant's code",
        "KP-REQ-024",
        IC,
        _set((("confirmation_number",), "BW2026000123")),
        Reject((R[26],)),
    ),
    RuleCase(
        "received-before-issue",
        "A date of receipt before the certificate's date of issue",
        "KP-REQ-026",
        IC,
        _set((("date_of_receipt",), day("2026-02-15"))),
        Reject((R[27],)),
    ),
    RuleCase(
        "received-on-the-day-of-issue",
        "A date of receipt on the certificate's date of issue",
        "KP-REQ-026",
        IC,
        _set((("date_of_receipt",), day("2026-02-16"))),
        Accept((R[27],)),
    ),
    RuleCase(
        "reference-to-another-number",
        "The confirmation refers to another certificate number",
        "KP-REQ-025",
        IC,
        _set((("certificate", "number"), "BW0009999")),
        Reject((R[28],)),
    ),
    RuleCase(
        "reference-with-another-date",
        "The confirmation refers to the certificate with another date of issue",
        "KP-REQ-025",
        IC,
        _set((("certificate", "date_of_issue"), day("2026-02-17"))),
        Reject((R[28],)),
    ),
    RuleCase(
        "reference-to-another-exporting-participant",
        "The confirmation names another exporting Participant than the certificate",
        "KP-REQ-025",
        IC,
        _set((("certificate", "exporting_participant"), "ZA")),
        Reject((R[28],)),
    ),
    RuleCase(
        "received-in-another-participant",
        "The confirmation is issued by another Participant than the certificate's importer",
        "KP-REQ-025",
        IC,
        _set(
            (("importing_participant",), "AE"),
            (("confirmation_number",), "AE2026000123"),
        ),
        Reject((R[29],)),
    ),
    RuleCase(
        "importer-renamed",
        "The confirmation names another importer than the certificate",
        "KP-REQ-025",
        IC,
        _set((("importer", "name"), {"en": "Another Importer BV"})),
        Reject((R[30],)),
    ),
    RuleCase(
        "importer-licence-differs",
        "The confirmation gives the importer another licence number than the certificate",
        "KP-REQ-025",
        IC,
        _set((("importer", "licence_number"), "BE-DR-00001")),
        Reject((R[30],)),
    ),
    RuleCase(
        "importer-name-without-english",
        "The confirmation names the importer only in Dutch",
        "KP-REQ-005",
        IC,
        _set((("importer", "name"), {"nl": "Scheldt Ruwe Diamanten NV"})),
        Reject((R[21], R[30])),
    ),
    RuleCase(
        "exporter-licence-differs",
        "The confirmation gives the exporter another licence number than the certificate",
        "KP-REQ-024",
        IC,
        _set((("exporter", "licence_number"), "BW-LIC-0000/1")),
        Reject((R[31],)),
    ),
    RuleCase(
        "exporter-renamed",
        "The confirmation names another exporter than the certificate",
        "KP-REQ-024",
        IC,
        _set((("exporter", "name"), {"en": "Another Exporter (Pty) Ltd"})),
        Reject((R[31],)),
    ),
    RuleCase(
        "hs-code-not-certified",
        "A received line under an HS code in scope that the certificate does not list",
        "KP-REQ-025",
        IC,
        _set(((*RECEIVED0, "hs_code"), "7102.10")),
        Reject((R[32], R[33], R[34], R[35])),
    ),
    RuleCase(
        "received-lines-in-another-order",
        "The received lines in another order than the certificate's lines",
        "KP-REQ-025",
        IC,
        _lines_reversed,
        Accept((R[32], R[33], R[34], R[35])),
    ),
    RuleCase(
        "one-parcel-more",
        "One parcel more received than certified",
        "KP-REQ-025",
        IC,
        _received("parcels", 1),
        Reject((R[33],)),
    ),
    RuleCase(
        "carats-short",
        "Fewer carats received than certified",
        "KP-REQ-025",
        IC,
        _received("carats", -Decimal("20.45")),
        Reject((R[34],)),
    ),
    RuleCase(
        "value-differs",
        "Another value in US$ received than certified",
        "KP-REQ-025",
        IC,
        _received("value_usd", Decimal("1000.00")),
        Reject((R[35],)),
    ),
    RuleCase(
        "confirmation-without-its-certificate",
        "A conforming confirmation validated without the certificate it confirms: the comparisons "
        "with the certificate cannot run, so it is not judged (never valid)",
        "KP-REQ-045",
        IC,
        lambda d: d,
        NotJudged(),
        without_certificate=True,
    ),
    RuleCase(
        "digest-of-another-document",
        "The certificate digest is the digest of another document",
        "KP-REQ-024",
        IC,
        _set((("certificate", "digest", "value"), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")),
        Reject((R[36],)),
    ),
    RuleCase(
        "digest-of-the-json-twin",
        "The certificate digest computed over the certificate's JSON twin, not its XML octets",
        "KP-REQ-024",
        IC,
        _json_twin_digest,
        Reject((R[36],)),
    ),
    RuleCase(
        "certificate-reformatted",
        "The certificate given is the same data written with other whitespace: the digest is over "
        "the exact octets, so it no longer matches",
        "KP-REQ-024",
        IC,
        lambda d: d,
        Reject((R[36],)),
        certificate=_reformatted_certificate(),
    ),
    RuleCase(
        "digest-sha384",
        "The certificate digest made with SHA-384",
        "KP-REQ-024",
        IC,
        _digest(SHA384, "sha384"),
        Accept((R[36],)),
    ),
    # --- KP-R-037..040 the Authority Trust List [KP-REQ-038, KP-REQ-037, KP-REQ-035] --------
    RuleCase(
        "trust-list-next-update-before-issue",
        "A trust list whose next update is before its issue",
        "KP-REQ-038",
        TRUST_LIST,
        lambda d: change(d, ("next_update",), d.issued - datetime.timedelta(days=1)),
        Reject((R[37],)),
    ),
    RuleCase(
        "trust-list-next-update-at-issue",
        "A trust list whose next update is the instant of its issue",
        "KP-REQ-038",
        TRUST_LIST,
        lambda d: change(d, ("next_update",), d.issued),
        Reject((R[37],)),
    ),
    RuleCase(
        "trust-list-next-update-a-second-after-issue",
        "A trust list whose next update is one second after its issue",
        "KP-REQ-038",
        TRUST_LIST,
        lambda d: change(d, ("next_update",), d.issued + datetime.timedelta(seconds=1)),
        Accept((R[37],)),
    ),
    RuleCase(
        "trust-list-history-out-of-order",
        "A listed certificate retired before it was granted",
        "KP-REQ-037",
        TRUST_LIST,
        _history_out_of_order,
        Reject((R[38],)),
    ),
    RuleCase(
        "trust-list-history-without-grant",
        "A listed certificate whose history begins with its retirement",
        "KP-REQ-037",
        TRUST_LIST,
        _set(((*BW_RETIRED, "status_history", 0, "status"), "retired")),
        Reject((R[38],)),
    ),
    RuleCase(
        "trust-list-valid-until-before-valid-from",
        "A listed certificate valid until a day before it is valid from",
        "KP-REQ-037",
        TRUST_LIST,
        lambda d: change(
            d,
            (*BW_CERTIFICATES, 0, "valid_until"),
            value_at(d, (*BW_CERTIFICATES, 0, "valid_from")) - datetime.timedelta(days=1),
        ),
        Reject((R[38],)),
    ),
    RuleCase(
        "trust-list-valid-for-one-second",
        "A listed certificate valid until one second after it is valid from",
        "KP-REQ-037",
        TRUST_LIST,
        lambda d: change(
            d,
            (*BW_CERTIFICATES, 0, "valid_until"),
            value_at(d, (*BW_CERTIFICATES, 0, "valid_from")) + datetime.timedelta(seconds=1),
        ),
        Accept((R[38],)),
    ),
    RuleCase(
        "trust-list-certificate-not-x509",
        "A listed certificate that is base64 but no X.509 certificate",
        "KP-REQ-035",
        TRUST_LIST,
        _set(
            ((*BW_CERTIFICATES, 0, "certificate"), base64.b64encode(b"not a certificate").decode())
        ),
        Reject((R[39],)),
    ),
    RuleCase(
        "trust-list-weak-rsa-key",
        "A trust list that lists, for BW-MME-DH, a certificate with an RSA key of 1024 bits",
        "KP-REQ-035",
        TRUST_LIST,
        _weak_rsa_listed,
        Reject((R[39],)),
        at=(
            "/participants/2/authorities/0/certificates/2/certificate",
            "/kp:AuthorityTrustList/kp:Participant[3]/kp:Authority[1]/kp:SigningCertificate[3]"
            "/kp:Certificate",
        ),
    ),
    RuleCase(
        "trust-list-participant-twice",
        "A Participant listed twice",
        "KP-REQ-037",
        TRUST_LIST,
        _participant_twice,
        Reject((R[40],)),
    ),
    RuleCase(
        "trust-list-authority-twice",
        "One authority identifier listed for two Participants",
        "KP-REQ-037",
        TRUST_LIST,
        _authority_twice,
        Reject((R[40],)),
    ),
    RuleCase(
        "trust-list-certificate-twice",
        "One certificate in two entries of an authority",
        "KP-REQ-037",
        TRUST_LIST,
        _certificate_twice,
        Reject((R[41],)),
    ),
    RuleCase(
        "trust-list-revoked-certificate-listed-again",
        "A certificate revoked for compromise under one Participant listed again, granted, under "
        "another",
        "KP-REQ-037",
        TRUST_LIST,
        _revoked_listed_again,
        Reject((R[41],)),
        comment="Listed twice, a certificate could be revoked under one entry and granted under "
        "another.",
    ),
    RuleCase(
        "trust-list-third-certificate",
        "An authority with a third certificate, different from the two it has",
        "KP-REQ-037",
        TRUST_LIST,
        _third_certificate,
        Accept((R[41],)),
    ),
    RuleCase(
        "digest-sha512",
        "The certificate digest made with SHA-512",
        "KP-REQ-024",
        IC,
        _digest(SHA512, "sha512"),
        Accept((R[36],)),
    ),
)


TOTAL_CARATS_AT = ("/shipment/totals/carats", "/kp:KPCertificate/kp:Shipment/kp:Totals/kp:Carats")
TOTAL_VALUE_AT = (
    "/shipment/totals/valueUsd",
    "/kp:KPCertificate/kp:Shipment/kp:Totals/kp:ValueUSD",
)

FLOAT_CASES: tuple[RuleCase, ...] = (
    # Totals in binary floating point go wrong by a cent: in a float, ten times 0.10 is
    # 0.9999999999999999, ten times 1234.10 is 12341.000000000002, and above 2**46 a cent is
    # below the spacing of doubles. A float sum compared exactly refuses the exact totals; one
    # compared with a tolerance of a cent accepts the totals a cent off. [KP-REQ-017: the sums
    # are exact decimal sums]
    RuleCase(
        "float-carats-ten-tenths-exact",
        "Ten lines of 0.10 carat and a total of exactly 1.00 carat (a float sum is "
        "0.9999999999999999)",
        "KP-REQ-017",
        BW,
        _ten_lines("carats", Decimal("0.10"), Decimal("1.00")),
        Accept((R[18],)),
    ),
    RuleCase(
        "float-carats-ten-tenths-a-hundredth-short",
        "Ten lines of 0.10 carat and a total of 0.99 carat, one hundredth short (within a cent "
        "of the float sum 0.9999999999999999)",
        "KP-REQ-017",
        BW,
        _ten_lines("carats", Decimal("0.10"), Decimal("0.99")),
        Reject((R[18],)),
        at=TOTAL_CARATS_AT,
    ),
    RuleCase(
        "float-values-ten-lines-exact",
        "Ten lines of US$1234.10 and a total of exactly US$12341.00 (a float sum is "
        "12341.000000000002)",
        "KP-REQ-017",
        BW,
        _ten_lines("value_usd", Decimal("1234.10"), Decimal("12341.00")),
        Accept((R[19],)),
    ),
    RuleCase(
        "float-values-ten-lines-a-cent-over",
        "Ten lines of US$1234.10 and a total of US$12341.01, a cent over (within a cent of the "
        "float sum 12341.000000000002)",
        "KP-REQ-017",
        BW,
        _ten_lines("value_usd", Decimal("1234.10"), Decimal("12341.01")),
        Reject((R[19],)),
        at=TOTAL_VALUE_AT,
    ),
    RuleCase(
        "float-values-a-cent-below-double-precision",
        "Lines of US$99999999900000.00 and US$18600.02 with a total of US$99999999918600.01, a "
        "cent short: as doubles, the stated total and the sum are the same number",
        "KP-REQ-017",
        BW,
        _two_values(
            Decimal("99999999900000.00"), Decimal("18600.02"), Decimal("99999999918600.01")
        ),
        Reject((R[19],)),
        at=TOTAL_VALUE_AT,
    ),
)


# --- version 1.1 [KP-REQ-052, KP-REQ-053, KP-REQ-055, KP-REQ-029] ----------------------------

HK = "hk-ae-mixed-origins"
"""A 1.1 Hong Kong re-export: provenance per line, a mixed line naming its countries of origin."""
HYBRID = "bw-eu-hybrid"
IC_HYBRID = "ic-bw-eu-hybrid"
"""A 1.1 confirmation of the hybrid-mode certificate, carats re-weighed and stated as discrepancies
on the first line and in total."""
LINE2 = ("shipment", "lines", 2)


def _trade(exporter: str, importer: str, issued: str) -> Mutation:
    """A certificate between two other Participants, both addresses in them, issued on a day."""
    on = day(issued)
    return _set(
        (("exporting_participant",), exporter),
        (("importing_participant",), importer),
        (("certificate_number",), f"{exporter}0000042"),
        (("exporter", "country"), exporter),
        (("importer", "country"), importer),
        (("date_of_issue",), on),
        (("date_of_expiry",), on + datetime.timedelta(days=30)),
    )


def _ivorian_origin(issued: str) -> Mutation:
    """The hybrid certificate issued on a day, its first line of Ivorian origin."""
    on = day(issued)
    return _set(
        (("date_of_issue",), on),
        (("date_of_expiry",), on + datetime.timedelta(days=30)),
        ((*LINE0, "origin", "countries"), ("CI",)),
    )


def _compose(*mutations: Mutation) -> Mutation:
    def mutate(document: Any) -> Any:
        for mutation in mutations:
            document = mutation(document)
        return document

    return mutate


def _discrepancies(*extra: Any, keep: slice = slice(None)) -> Mutation:
    return lambda d: change(d, ("discrepancies",), (*d.discrepancies[keep], *extra))


def _refused(reasons: Any) -> Mutation:
    return _set(
        (("outcome",), "refused"), (("discrepancies",), None), (("refusal_reasons",), reasons)
    )


R52 = "KP-R-052"


def _missing_parcel(*, stated: bool = True) -> Mutation:
    """The confirmation of the hybrid certificate without its 7102.21 line (310.20 ct,
    US$18600.00, 1 parcel), the totals' differences stated, and the HS code if ``stated``."""

    def mutate(document: Any) -> Any:
        received = document.lines[0]
        stated_code = (Discrepancy(hs_code="7102.21", quantity="hs-code"),) if stated else ()
        return dataclasses.replace(
            document,
            lines=(dataclasses.replace(received, carats=Decimal("1520.45")),),
            totals=dataclasses.replace(
                document.totals,
                carats=Decimal("1520.45"),
                value_usd=Decimal("2450000.00"),
                parcels=3,
            ),
            discrepancies=(
                *stated_code,
                *(Discrepancy(quantity=q) for q in ("carats", "value", "parcels")),
            ),
        )

    return mutate


def _zero_line(quantities: tuple[str, ...]) -> Mutation:
    """The confirmation of the hybrid certificate with its 7102.21 line received with nothing,
    the ``quantities`` of that line stated as discrepancies, and the totals'."""

    def mutate(document: Any) -> Any:
        document = _missing_parcel(stated=False)(document)
        zero = dataclasses.replace(
            document.lines[0],
            hs_code="7102.21",
            carats=Decimal("0.00"),
            value_usd=Decimal("0.00"),
            parcels=0,
        )
        return dataclasses.replace(
            document,
            lines=(*document.lines, zero),
            discrepancies=(
                *(Discrepancy(hs_code="7102.21", quantity=q) for q in quantities),
                *document.discrepancies,
            ),
        )

    return mutate


VERSION_CASES: tuple[RuleCase, ...] = (
    RuleCase(
        "v1-1-hybrid-mode",
        "A 1.1 certificate in hybrid mode: the digital twin of a paper original, paper governs",
        "KP-REQ-055",
        HYBRID,
        lambda d: d,
        Accept((R[42],)),
    ),
    RuleCase(
        "v1-0-with-a-term-of-1-1",
        "A certificate declaring 1.0 that carries the hybrid mode, a term added by 1.1",
        "KP-REQ-055",
        HYBRID,
        _set((("spec_version",), "1.0")),
        Reject((R[42],)),
        at=("/hybridMode", "/kp:KPCertificate/kp:HybridMode"),
    ),
    RuleCase(
        "v1-1-mixed-with-countries",
        "A 1.1 certificate whose mixed line names its countries of mining origin",
        "KP-REQ-053",
        HK,
        lambda d: d,
        Accept((R[43], R[44])),
    ),
    RuleCase(
        "v1-0-mixed-with-countries",
        "The same certificate declaring 1.0, without the 1.1 terms: mixed and countries is a "
        "defect in 1.0",
        "KP-REQ-004",
        HK,
        lambda d: dataclasses.replace(
            d,
            spec_version="1.0",
            shipment=dataclasses.replace(
                d.shipment,
                quality_characteristics=None,
                lines=tuple(
                    dataclasses.replace(line, country_of_provenance=None)
                    for line in d.shipment.lines
                ),
            ),
        ),
        Reject((R[7],)),
        at=("/shipment/lines/0/origin", "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:Origin"),
    ),
    RuleCase(
        "v1-1-unmixed-several-countries",
        "A 1.1 line not marked mixed that names two countries of origin",
        "KP-REQ-004",
        HK,
        _set(((*LINE2, "origin", "countries"), ("BW", "ZA"))),
        Reject((R[43],)),
        at=("/shipment/lines/2/origin", "/kp:KPCertificate/kp:Shipment/kp:Line[3]/kp:Origin"),
    ),
    RuleCase(
        "v1-1-mixed-one-country",
        "A 1.1 line marked mixed that names one country of origin",
        "KP-REQ-004",
        HK,
        _set(((*LINE0, "origin"), Origin(mixed=True, countries=("BW",)))),
        Reject((R[43],)),
        at=("/shipment/lines/0/origin", "/kp:KPCertificate/kp:Shipment/kp:Line[1]/kp:Origin"),
    ),
    RuleCase(
        "v1-1-origin-neither-mixed-nor-a-country",
        "A 1.1 line neither marked mixed nor naming a country of origin",
        "KP-REQ-004",
        HK,
        _set(((*LINE2, "origin"), Origin(mixed=None, countries=None))),
        Reject((R[43],)),
        at=("/shipment/lines/2/origin", "/kp:KPCertificate/kp:Shipment/kp:Line[3]/kp:Origin"),
    ),
    RuleCase(
        "v1-1-provenance-former-participant",
        "A 1.1 re-export of goods imported from Croatia, a Participant until it joined the EU",
        "KP-REQ-029",
        HK,
        _set(((*LINE1, "country_of_provenance"), "HR")),
        Accept((R[44],)),
    ),
    RuleCase(
        "v1-1-provenance-never-participant",
        "A 1.1 line whose country of provenance was never a Participant",
        "KP-REQ-029",
        HK,
        _set(((*LINE1, "country_of_provenance"), "FR")),
        Reject((R[44],)),
        at=(
            "/shipment/lines/1/countryOfProvenance",
            "/kp:KPCertificate/kp:Shipment/kp:Line[2]/kp:CountryOfProvenance",
        ),
    ),
    RuleCase(
        "v1-1-importer-outside-importing-participant",
        "A 1.1 certificate to the EU whose importer's address is in the United States",
        "KP-REQ-056",
        HYBRID,
        _set((("importer", "country"), "US")),
        Reject(("KP-R-051",)),
        at=("/importer/country", "/kp:KPCertificate/kp:Importer/kp:Country"),
    ),
    RuleCase(
        "v1-1-importer-gb-last-day-in-eu",
        "A 1.1 certificate to the EU, importer in the United Kingdom, issued on 31 December 2020, "
        "the last day of the transition period",
        "KP-REQ-056",
        HYBRID,
        _set(
            (("importer", "country"), "GB"),
            (("date_of_issue",), day("2020-12-31")),
            (("date_of_expiry",), day("2021-01-30")),
        ),
        Accept(("KP-R-051",)),
    ),
    RuleCase(
        "v1-1-importer-gb-after-brexit-northern-ireland",
        "A 1.1 certificate to the EU, importer's address country GB, issued on 1 January 2021: "
        "Regulation (EC) No 2368/2002 still applies in Northern Ireland (Windsor Framework, "
        "Annex 2)",
        "KP-REQ-056",
        HYBRID,
        _set(
            (("importer", "country"), "GB"),
            (("date_of_issue",), day("2021-01-01")),
            (("date_of_expiry",), day("2021-01-31")),
        ),
        Accept(("KP-R-051",)),
        comment="The address country GB cannot show whether the importer is in Northern Ireland: "
        "an implementation may warn (the reference does, KP-R-051), but must accept.",
    ),
    RuleCase(
        "v1-1-exporter-hong-kong-on-a-certificate-of-the-mainland",
        "A 1.1 certificate of China's Mainland authority for an exporter in Hong Kong: the two "
        "control schemes are separate, a Hong Kong trader uses Hong Kong's certificates",
        "KP-REQ-056",
        HK,
        lambda d: dataclasses.replace(
            d, exporting_participant="CN", certificate_number="CN" + d.certificate_number[2:]
        ),
        Reject(("KP-R-051",)),
        at=("/exporter/country", "/kp:KPCertificate/kp:Exporter/kp:Country"),
    ),
    RuleCase(
        "v1-1-exporter-outside-exporting-participant",
        "A 1.1 certificate issued by Hong Kong for an exporter on the mainland of China",
        "KP-REQ-056",
        HK,
        _set((("exporter", "country"), "CN")),
        Reject(("KP-R-051",)),
        at=("/exporter/country", "/kp:KPCertificate/kp:Exporter/kp:Country"),
    ),
    RuleCase(
        "v1-1-discrepancies-stated",
        "A 1.1 confirmation whose re-weighed carats differ, each difference stated",
        "KP-REQ-052",
        IC_HYBRID,
        lambda d: d,
        Accept((R[45], R[46], R[47], R[48], R[49])),
    ),
    RuleCase(
        "v1-1-parcel-more-not-stated",
        "A 1.1 confirmation with one parcel more received, not stated as a discrepancy",
        "KP-REQ-052",
        IC_HYBRID,
        _received("parcels", 1),
        Reject((R[45],)),
    ),
    RuleCase(
        "v1-1-line-carats-not-stated",
        "A 1.1 confirmation whose line carats differ and only the total difference is stated",
        "KP-REQ-052",
        IC_HYBRID,
        _discrepancies(keep=slice(1, None)),
        Reject((R[46],)),
    ),
    RuleCase(
        "v1-1-value-not-stated",
        "A 1.1 confirmation with another value received, not stated as a discrepancy",
        "KP-REQ-052",
        IC_HYBRID,
        _received("value_usd", -Decimal("100.00")),
        Reject((R[47],)),
    ),
    RuleCase(
        "v1-1-discrepancies-but-confirmed",
        'A 1.1 confirmation stating discrepancies with the outcome "confirmed"',
        "KP-REQ-052",
        IC_HYBRID,
        _set((("outcome",), "confirmed")),
        Reject((R[48],)),
    ),
    RuleCase(
        "v1-1-refused-with-reasons",
        "A 1.1 refusal with its reason, whatever was received",
        "KP-REQ-052",
        IC_HYBRID,
        _refused({"en": "Seal of the container broken on arrival"}),
        Accept((R[45], R[46], R[47], R[48])),
    ),
    RuleCase(
        "v1-1-refused-without-reasons",
        "A 1.1 refusal that states no reason",
        "KP-REQ-052",
        IC_HYBRID,
        _refused(None),
        Reject((R[48],)),
    ),
    RuleCase(
        "v1-1-discrepancy-that-is-none",
        "A 1.1 discrepancy stated for a quantity received as certified",
        "KP-REQ-052",
        IC_HYBRID,
        _discrepancies(Discrepancy(hs_code="7102.21", quantity="parcels")),
        Reject((R[49],)),
    ),
    RuleCase(
        "v1-1-missing-parcel-stated",
        "A 1.1 confirmation: the certificate's 7102.21 parcel not received, stated as a "
        'discrepancy of quantity "hs-code" with the totals',
        "KP-REQ-052",
        IC_HYBRID,
        _missing_parcel(),
        Accept((R[49], R52)),
    ),
    RuleCase(
        "v1-1-missing-parcel-not-stated",
        "A 1.1 confirmation: the certificate's 7102.21 parcel not received, only the totals stated",
        "KP-REQ-052",
        IC_HYBRID,
        _missing_parcel(stated=False),
        Reject((R52,)),
    ),
    RuleCase(
        "v1-1-missing-parcel-refused",
        "A 1.1 refusal, with its reason, of a shipment whose 7102.21 parcel was not received",
        "KP-REQ-052",
        IC_HYBRID,
        _compose(_missing_parcel(), _refused({"en": "The parcel under 7102.21 is missing"})),
        Accept((R52, R[48])),
        comment="KP-R-032 (1.0) refused it whatever the outcome; from 1.1 a refusal is judged by "
        "its reasons.",
    ),
    RuleCase(
        "v1-1-parcel-received-with-zero-stated",
        "A 1.1 confirmation: the 7102.21 line received with 0.00 ct, US$0.00 and 0 parcels, each "
        "stated as a discrepancy",
        "KP-REQ-052",
        IC_HYBRID,
        _zero_line(("carats", "value", "parcels")),
        Accept((R[13], R[15], R[17], R[45], R[46], R[47])),
    ),
    RuleCase(
        "v1-1-parcel-received-with-zero-carats-not-stated",
        "A 1.1 confirmation: the 7102.21 line received with 0.00 ct, US$0.00 and 0 parcels; the "
        "value and parcels stated as discrepancies, the carats not",
        "KP-REQ-052",
        IC_HYBRID,
        _zero_line(("value", "parcels")),
        Reject((R[13], R[46])),
        comment="The zero carats are neither stated (KP-R-046) nor, therefore, allowed "
        "(KP-R-013): one change breaks both.",
    ),
    RuleCase(
        "v1-1-hs-code-discrepancy-that-is-none",
        'A 1.1 confirmation stating a discrepancy of quantity "hs-code" for 7102.21, received as '
        "certified",
        "KP-REQ-052",
        IC_HYBRID,
        _discrepancies(Discrepancy(hs_code="7102.21", quantity="hs-code")),
        Reject((R[49],)),
    ),
    *(
        RuleCase(
            name,
            f"A 1.1 certificate {description}",
            "KP-REQ-106",
            HYBRID,
            _trade(exporter, importer, issued),
            expected,
            comment=comment,
            at=at,
        )
        for name, description, exporter, importer, issued, expected, comment, at in (
            (
                "v1-1-approximate-suspension-within-its-window",
                "from Brazil to the UAE issued on 20 February 2006, 10 days after the "
                "approximate start of Brazil's self-suspension",
                "BR",
                "AE",
                "2006-02-20",
                Accept((R[5],), warnings=(R[5],)),
                "Within the uncertainty window (31 days either side of an approximate date) the "
                "suspension is only a warning: an implementation must accept the certificate, "
                "and report the warning.",
                None,
            ),
            (
                "v1-1-approximate-suspension-outside-its-window",
                "from Brazil to the UAE issued on 14 March 2006, 32 days after the approximate "
                "start of Brazil's self-suspension",
                "BR",
                "AE",
                "2006-03-14",
                Reject((R[5],)),
                None,
                ("/exportingParticipant", "/kp:KPCertificate/kp:ExportingParticipant"),
            ),
            (
                "v1-1-approximate-admission-within-its-window",
                "from Botswana to Kyrgyzstan issued on 1 November 2021, 11 days before its "
                "approximate admission",
                "BW",
                "KG",
                "2021-11-01",
                Accept((R[4],), warnings=(R[4],)),  # KP-REQ-106: reported as a warning
                None,
                None,
            ),
            (
                "v1-1-approximate-admission-outside-its-window",
                "from Botswana to Kyrgyzstan issued on 1 October 2021, 42 days before its "
                "approximate admission",
                "BW",
                "KG",
                "2021-10-01",
                Reject((R[4],)),
                None,
                ("/importingParticipant", "/kp:KPCertificate/kp:ImportingParticipant"),
            ),
        )
    ),
    RuleCase(
        "v1-1-line-of-ivorian-origin-under-the-un-embargo",
        "A 1.1 certificate of Botswana to the EU issued on 1 June 2010, its first line of "
        "Ivorian origin, while UN Security Council resolution 1643 barred the import of rough "
        "diamonds from Côte d'Ivoire",
        "KP-REQ-018",
        HYBRID,
        _ivorian_origin("2010-06-01"),
        Accept(("KP-R-053",)),
        comment="A warning, not a refusal: the certificate cannot show whether the goods left "
        "Côte d'Ivoire before the embargo. An implementation may warn (the reference does, "
        "KP-R-053), but must accept.",
    ),
    RuleCase(
        "v1-1-line-of-ivorian-origin-after-the-embargo",
        "A 1.1 certificate of Botswana to the EU issued on 29 April 2014, the day resolution "
        "2153 ended the embargo, its first line of Ivorian origin",
        "KP-REQ-018",
        HYBRID,
        _ivorian_origin("2014-04-29"),
        Accept(("KP-R-053",)),
    ),
    RuleCase(
        "v1-1-importer-in-monaco",
        "A 1.1 certificate to the EU whose importer's address is in Monaco, part of the Union's "
        "customs territory",
        "KP-REQ-056",
        HYBRID,
        _set((("importer", "country"), "MC")),
        Accept(("KP-R-051",)),
    ),
    RuleCase(
        "v1-1-importer-in-greenland-before-2014-03-30",
        "A 1.1 certificate to the EU issued on 29 March 2014, importer in Greenland, which joined "
        "the Union's certification scheme on 30 March 2014",
        "KP-REQ-056",
        HYBRID,
        _set(
            (("importer", "country"), "GL"),
            (("date_of_issue",), day("2014-03-29")),
            (("date_of_expiry",), day("2014-04-28")),
        ),
        Reject(("KP-R-051",)),
        at=("/importer/country", "/kp:KPCertificate/kp:Importer/kp:Country"),
    ),
    RuleCase(
        "v1-1-exporter-in-liechtenstein-under-switzerland",
        "A 1.1 certificate of Switzerland to Botswana whose exporter's address is in "
        "Liechtenstein, part of the Swiss customs territory",
        "KP-REQ-056",
        HYBRID,
        _compose(_trade("CH", "BW", "2026-02-16"), _set((("exporter", "country"), "LI"))),
        Accept(("KP-R-051",)),
    ),
    RuleCase(
        "v1-1-importer-in-puerto-rico-under-the-united-states",
        "A 1.1 certificate of Botswana to the United States whose importer's address is in "
        "Puerto Rico",
        "KP-REQ-056",
        HYBRID,
        _compose(_trade("BW", "US", "2026-02-16"), _set((("importer", "country"), "PR"))),
        Accept(("KP-R-051",)),
    ),
    RuleCase(
        "v1-1-hong-kong-certificate-numbered-as-china",
        "A 1.1 certificate issued by Hong Kong (an issuing entity, number prefix HK) whose number "
        "begins with CN, the code of the Participant whose participation covers it",
        "KP-REQ-006",
        HK,
        _set((("certificate_number",), "CN2026001187")),
        Reject((R[1],)),
        at=("/certificateNumber", "/kp:KPCertificate/kp:CertificateNumber"),
    ),
    RuleCase(
        "v1-1-certificate-of-chinese-taipei",
        "A 1.1 certificate issued by the rough-diamond trading entity of Chinese Taipei (an "
        "issuing entity of the Participants list, not a Participant of its own)",
        "KP-REQ-018",
        HK,
        _set(
            (("exporting_participant",), "TW"),
            (("certificate_number",), "TW2026000042"),
            (("exporter", "country"), "TW"),
        ),
        Accept((R[3], "KP-R-051")),
    ),
    RuleCase(
        "v1-1-hong-kong-to-the-mainland",
        "A 1.1 certificate of Hong Kong to China: the two control schemes are separate, so the "
        "shipment goes from one entry of the Participants list to another",
        "KP-REQ-028",
        HK,
        _set((("importing_participant",), "CN"), (("importer", "country"), "CN")),
        Accept((R[2], R[4], "KP-R-051")),
    ),
    RuleCase(
        "v1-0-approximate-suspension-within-its-window",
        "A 1.0 certificate from Brazil to the UAE issued on 20 February 2006, 10 days after the "
        "approximate start of Brazil's self-suspension",
        "KP-REQ-018",
        HYBRID,
        _compose(
            _trade("BR", "AE", "2006-02-20"),
            _set((("spec_version",), "1.0"), (("hybrid_mode",), None)),
        ),
        Reject((R[5],)),
        comment="A 1.0 document is judged as before (KP-REQ-055): the warning of KP-REQ-106 is "
        "from 1.1.",
        at=("/exportingParticipant", "/kp:KPCertificate/kp:ExportingParticipant"),
    ),
    RuleCase(
        "v1-0-confirmation-that-differs",
        "A 1.0 confirmation whose carats differ: 1.0 has no discrepancies, it cannot confirm",
        "KP-REQ-025",
        IC_HYBRID,
        _set((("spec_version",), "1.0"), (("outcome",), None), (("discrepancies",), None)),
        Reject((R[34],)),
    ),
)


def _drafts(case: RuleCase) -> Iterator[Draft]:
    document = case.mutate(golden_object(case.base))
    certificate = None
    if is_confirmation(case.base) and not case.without_certificate:
        confirmed = case.base.removeprefix("ic-")
        certificate = (
            Bytes(case.certificate, "xml")
            if case.certificate is not None
            else Bytes(golden_bytes(confirmed, "xml"), "xml", shared_name=confirmed)
        )
    for syntax in ("json", "xml"):
        expected = case.expected
        if case.at is not None and isinstance(expected, Reject):
            expected = dataclasses.replace(expected, location=case.at[syntax == "xml"])
        yield Draft(
            key=f"{AREA}/{case.name}/{syntax}",
            name=case.name,
            description=f"{case.description} ({syntax.upper()})",
            requirement=case.requirement,
            roles=ROLES,
            input=Bytes(kpstandard.dumps(document, syntax), syntax),
            verification_time=case.verification_time or verification_time(document),
            expected=expected,
            base=case.base,
            mutation=case.name,
            certificate=certificate,
            comment=case.comment,
            pending=case.pending,
        )


def drafts() -> Iterator[Draft]:
    """Every vector of the rules area, in a stable order."""
    for case in (*CASES, *FLOAT_CASES, *_boundaries.cases(), *VERSION_CASES):
        yield from _drafts(case)
