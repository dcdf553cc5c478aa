"""Rules of the KP Certificate: numbering, Participants, origin, dates, fixed texts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pycountry

from kpstandard.model.values import english_tag
from kpstandard.validation.rules._registry import Context, DocumentType, Violation, rule
from kpstandard.validation.rules._shared import BOTH, document_day

CERTIFICATE: tuple[DocumentType, ...] = ("kp-certificate",)
TITLE = "Kimberley Process Certificate"
STATEMENT = (
    "The rough diamonds in this shipment have been handled in accordance with the provisions of "
    "the Kimberley Process Certification Scheme for rough diamonds"
)
COMPLIANT_ZONES_ONLY = "compliant-zones-only"


def iso_country(code: str) -> bool:
    """Whether ISO 3166-1 assigns ``code`` to a country (``EU`` is reserved, not assigned)."""
    return pycountry.countries.get(alpha_2=code) is not None


@rule(
    "KP-R-001",
    requirement="KP-REQ-006",
    applies_to=CERTIFICATE,
    title="The certificate number begins with the exporting Participant's code",
)
def number_prefix(document: Any, context: Context) -> Iterator[Violation]:
    if not document.certificate_number.startswith(document.exporting_participant):
        yield Violation(
            ("certificate_number",),
            f"certificate number {document.certificate_number} does not begin with "
            f"{document.exporting_participant}, the exporting Participant's code",
        )


@rule(
    "KP-R-002",
    requirement="KP-REQ-028",
    applies_to=CERTIFICATE,
    title="The exporting and importing Participants differ",
)
def participants_differ(document: Any, context: Context) -> Iterator[Violation]:
    if document.exporting_participant == document.importing_participant:
        yield Violation(
            ("importing_participant",),
            f"{document.importing_participant} is both the exporting and the importing "
            "Participant; a certificate covers trade between two Participants",
        )


def _standing_rule(attr: str, role: str, exporting: bool) -> Any:
    def check(document: Any, context: Context) -> Iterator[Violation]:
        code = getattr(document, attr)
        day = document_day(document, context)
        entry = context.codelists.participant(code)
        if entry is None:
            yield Violation((attr,), f"{code}, the {role} Participant, is not a KP Participant")
            return
        standing = entry.standing(day)
        if not standing.participant:
            yield Violation(
                (attr,),
                f"{code} ({entry.name}), the {role} Participant, was not a KP Participant on {day}",
            )

    return check


rule(
    "KP-R-003",
    requirement="KP-REQ-018",
    applies_to=CERTIFICATE,
    title="The exporting Participant was a Participant on the date of issue",
)(_standing_rule("exporting_participant", "exporting", exporting=True))
rule(
    "KP-R-004",
    requirement="KP-REQ-018",
    applies_to=CERTIFICATE,
    title="The importing Participant was a Participant on the date of issue",
)(_standing_rule("importing_participant", "importing", exporting=False))


@rule(
    "KP-R-005",
    requirement="KP-REQ-018",
    applies_to=CERTIFICATE,
    title="Neither Participant was suspended on the date of issue",
)
def not_suspended(document: Any, context: Context) -> Iterator[Violation]:
    day = document_day(document, context)
    for attr, role, exporting in (
        ("exporting_participant", "exporting", True),
        ("importing_participant", "importing", False),
    ):
        entry = context.codelists.participant(getattr(document, attr))
        if entry is None:
            continue
        standing = entry.standing(day)
        if (
            standing.participant
            and standing.suspension
            and not standing.may_trade(exporting=exporting)
        ):
            yield Violation(
                (attr,),
                f"{entry.code} ({entry.name}), the {role} Participant, was suspended on {day} "
                f"(from {standing.suspension.start}; {standing.suspension.source})",
            )


@rule(
    "KP-R-006",
    requirement="KP-REQ-019",
    applies_to=CERTIFICATE,
    title="A Participant limited to compliant zones names a zone in force on every line",
)
def compliant_zones(document: Any, context: Context) -> Iterator[Violation]:
    day = document_day(document, context)
    entry = context.codelists.participant(document.exporting_participant)
    if entry is None:
        return
    for restriction in entry.standing(day).restrictions:
        if restriction.kind != COMPLIANT_ZONES_ONLY:
            continue
        zones = {zone.id for zone in restriction.zones_on(day)}
        listed = ", ".join(sorted(zones)) or "none yet"
        for index, line in enumerate(document.shipment.lines):
            if line.origin_zone not in zones:
                what = "names no zone" if line.origin_zone is None else f"names {line.origin_zone}"
                yield Violation(
                    ("shipment", "lines", index, "origin_zone"),
                    f"on {day} {entry.code} may export only from compliant zones ({listed}); "
                    f"this line {what}",
                )


@rule(
    "KP-R-007",
    requirement="KP-REQ-004",
    applies_to=CERTIFICATE,
    title="Each line names its countries of origin or is marked mixed origin, never both",
)
def origin_either_or(document: Any, context: Context) -> Iterator[Violation]:
    for index, line in enumerate(document.shipment.lines):
        mixed, countries = bool(line.origin.mixed), bool(line.origin.countries)
        if mixed and countries:
            yield Violation(
                ("shipment", "lines", index, "origin"),
                "the line is marked mixed origin and also names countries of origin; choose one",
            )
        elif not mixed and not countries:
            yield Violation(
                ("shipment", "lines", index, "origin"),
                "the line names no country of origin and is not marked mixed origin",
            )


@rule(
    "KP-R-008",
    requirement="KP-REQ-004",
    applies_to=CERTIFICATE,
    title="Countries of origin are countries of ISO 3166-1",
)
def origin_countries_exist(document: Any, context: Context) -> Iterator[Violation]:
    for index, line in enumerate(document.shipment.lines):
        for position, code in enumerate(line.origin.countries or ()):
            if not iso_country(code):
                yield Violation(
                    ("shipment", "lines", index, "origin", "countries", position),
                    f"{code} is not an ISO 3166-1 country; a country of origin is where the "
                    'diamonds were mined ("EU" is not one)',
                )


@rule(
    "KP-R-009",
    requirement="KP-REQ-011",
    applies_to=BOTH,
    title="The exporter's and importer's countries are countries of ISO 3166-1",
)
def party_countries_exist(document: Any, context: Context) -> Iterator[Violation]:
    for attr in ("exporter", "importer"):
        code = getattr(document, attr).country
        if not iso_country(code):
            yield Violation(
                (attr, "country"),
                f"{code} is not an ISO 3166-1 country; give the country of the {attr}'s address "
                '(an EU Member State, not "EU")',
            )


@rule(
    "KP-R-010",
    requirement="KP-REQ-009",
    applies_to=CERTIFICATE,
    title="The date of expiry is later than the date of issue",
)
def expiry_after_issue(document: Any, context: Context) -> Iterator[Violation]:
    if document.date_of_expiry <= document.date_of_issue:
        yield Violation(
            ("date_of_expiry",),
            f"date of expiry {document.date_of_expiry} is not later than the date of issue "
            f"{document.date_of_issue}",
        )


@rule(
    "KP-R-011",
    requirement="KP-REQ-009",
    applies_to=CERTIFICATE,
    title="The validity does not exceed the exporting Participant's maximum",
)
def maximum_validity(document: Any, context: Context) -> Iterator[Violation]:
    entry = context.codelists.participant(document.exporting_participant)
    latest = entry.latest_expiry(document.date_of_issue) if entry is not None else None
    if latest is not None and document.date_of_expiry > latest:
        policy = (
            f"{entry.max_validity_months} months"  # type: ignore[union-attr]
            if entry.max_validity_months  # type: ignore[union-attr]
            else f"{entry.max_validity_days} days"  # type: ignore[union-attr]
        )
        yield Violation(
            ("date_of_expiry",),
            f"date of expiry {document.date_of_expiry} is after {latest}: "
            f"{document.exporting_participant} certificates are valid for at most {policy}",
        )


@rule(
    "KP-R-022",
    requirement="KP-REQ-002",
    applies_to=CERTIFICATE,
    title='The English title is exactly "Kimberley Process Certificate"',
)
def fixed_title(document: Any, context: Context) -> Iterator[Violation]:
    tag = english_tag(document.title)
    if tag is not None and document.title[tag] != TITLE:
        english = document.title[tag]
        yield Violation(("title", tag), f'the English title is "{english}"; it must be "{TITLE}"')


@rule(
    "KP-R-023",
    requirement="KP-REQ-003",
    applies_to=CERTIFICATE,
    title="The English statement is exactly the text of Annex I",
)
def fixed_statement(document: Any, context: Context) -> Iterator[Violation]:
    tag = english_tag(document.statement)
    if tag is not None and document.statement[tag] != STATEMENT:
        yield Violation(
            ("statement", tag),
            f'the English statement differs from Annex I: it must be "{STATEMENT}"',
        )


@rule(
    "KP-R-024",
    requirement="KP-REQ-034",
    applies_to=CERTIFICATE,
    title="A replacement names the certificate it replaces, of the same Participant; "
    "an original names none",
)
def replacement(document: Any, context: Context) -> Iterator[Violation]:
    if document.status == "replacement" and document.replaces is None:
        yield Violation(
            ("replaces",),
            "a replacement certificate names the number of the certificate it replaces",
        )
    elif document.status == "original" and document.replaces is not None:
        yield Violation(
            ("replaces",),
            'an original certificate replaces nothing: set status "replacement" or remove it',
        )
    elif document.replaces is not None and not document.replaces.startswith(
        document.exporting_participant
    ):
        yield Violation(
            ("replaces",),
            f"the replaced certificate {document.replaces} was not issued by "
            f"{document.exporting_participant}",
        )
    elif document.replaces == document.certificate_number:
        yield Violation(("replaces",), "a certificate cannot replace itself")


@rule(
    "KP-R-025",
    requirement="KP-REQ-029",
    applies_to=CERTIFICATE,
    title="The country of provenance, where given, was a Participant on the date of issue",
)
def provenance_participant(document: Any, context: Context) -> Iterator[Violation]:
    code = document.country_of_provenance
    if code is None:
        return
    day = document_day(document, context)
    entry = context.codelists.participant(code)
    if entry is None or not entry.standing(day).participant:
        yield Violation(
            ("country_of_provenance",),
            f"{code}, the country of provenance, was not a KP Participant on {day}",
        )
