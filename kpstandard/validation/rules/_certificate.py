"""Rules of the KP Certificate: numbering, Participants, origin, dates, fixed texts."""

from __future__ import annotations

import datetime
import importlib.util
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from kpstandard.codelists import Participant, Restriction
from kpstandard.findings import Severity
from kpstandard.model import KPCertificate
from kpstandard.model.meta import version_key
from kpstandard.model.values import ENGLISH, english_tag
from kpstandard.syntax.locate import AttrPath
from kpstandard.validation.rules._registry import (
    NONE,
    Context,
    DocumentType,
    Violation,
    Violations,
    rule,
)
from kpstandard.validation.rules._shared import BOTH, Shipped, document_day

CERTIFICATE: tuple[DocumentType, ...] = ("kp-certificate",)
TITLE = "Kimberley Process Certificate"
STATEMENT = (
    "The rough diamonds in this shipment have been handled in accordance with the provisions of "
    "the Kimberley Process Certification Scheme for rough diamonds"
)
COMPLIANT_ZONES_ONLY = "compliant-zones-only"
SUPERVISED_ZONES = "supervised-zones"


APPROXIMATE_SINCE = "1.1"
"""The first version whose findings resting on an approximate date are warnings [KP-REQ-106]."""
APPROXIMATE = (
    "; the list's date is approximate and this day lies within its uncertainty, so the finding "
    "is a warning (spec/codelists/README.md)"
)


def _resting(document: KPCertificate, uncertain: bool, message: str) -> tuple[str, Severity | None]:
    """The message and severity of a finding that may rest on an approximate date of a code list:
    a warning when it does and the document declares 1.1 or later, else the rule's own
    [KP-REQ-106]."""
    if uncertain and version_key(document.spec_version) >= version_key(APPROXIMATE_SINCE):
        return message + APPROXIMATE, Severity.WARNING
    return message, None


def _within(entry: Participant) -> str:
    """For an issuing entity within a Participant's participation, what its standing rests on."""
    if entry.within is None:
        return ""
    return (
        f"; {entry.code} issues its certificates within the participation of {entry.within}, "
        f"and trades under the scheme only while {entry.within} does"
    )


@cache
def _iso_alpha_2() -> frozenset[str]:
    """The alpha-2 codes ISO 3166-1 assigns, in lower case, from pycountry's ISO 3166-1 data.

    Its database file is read without importing pycountry, whose import looks up its own version
    through ``importlib.metadata`` (15 ms of every start of ``kpcert``); where the file is not
    where pycountry keeps it, through pycountry's API. Both give the same codes (a test checks).
    """
    found = importlib.util.find_spec("pycountry")
    for folder in (found.submodule_search_locations or []) if found else []:
        try:
            entries = json.loads((Path(folder) / "databases" / "iso3166-1.json").read_bytes())
            return frozenset(str(entry["alpha_2"]).lower() for entry in entries["3166-1"])
        except (OSError, ValueError, KeyError, TypeError):
            break
    import pycountry

    return frozenset(country.alpha_2.lower() for country in pycountry.countries)


def iso_country(code: str) -> bool:
    """Whether ISO 3166-1 assigns ``code`` to a country (``EU`` is reserved, not assigned)."""
    return code.lower() in _iso_alpha_2()


@rule(
    "KP-R-001",
    requirement="KP-REQ-006",
    applies_to=CERTIFICATE,
    title="The certificate number begins with the exporting Participant's (or issuing "
    "entity's) code",
)
def number_prefix(document: KPCertificate, context: Context) -> Violations:
    # The number prefix of every entry of the Participants list is its code (EU, HK, TW): the
    # list records no other prefix.
    if document.certificate_number.startswith(document.exporting_participant):
        return NONE
    return (
        Violation(
            ("certificate_number",),
            f"certificate number {document.certificate_number} does not begin with "
            f"{document.exporting_participant}, the code of the exporting Participant or "
            "issuing entity",
        ),
    )


@rule(
    "KP-R-002",
    requirement="KP-REQ-028",
    applies_to=CERTIFICATE,
    title="The exporting and importing Participants differ",
)
def participants_differ(document: KPCertificate, context: Context) -> Violations:
    if document.exporting_participant != document.importing_participant:
        return NONE
    return (
        Violation(
            ("importing_participant",),
            f"{document.importing_participant} is both the exporting and the importing "
            "Participant; a certificate covers trade between two Participants",
        ),
    )


def _standing_rule(
    attr: str, participant: Callable[[KPCertificate], str], role: str
) -> Callable[[KPCertificate, Context], Violations]:
    def check(document: KPCertificate, context: Context) -> Violations:
        code = participant(document)
        day = document_day(document, context)
        standing = context.codelists.standing(code, day)
        if standing is None:
            return (Violation((attr,), f"{code}, the {role} Participant, is not a KP Participant"),)
        if standing.participant:
            return NONE
        entry = context.codelists.participants[code]
        message, severity = _resting(
            document,
            entry.membership_uncertain(day),
            f"{code} ({entry.name}), the {role} Participant, was not a KP Participant on {day}"
            + _within(entry),
        )
        return (Violation((attr,), message, severity),)

    return check


def _exporting(document: KPCertificate) -> str:
    return document.exporting_participant


def _importing(document: KPCertificate) -> str:
    return document.importing_participant


rule(
    "KP-R-003",
    requirement="KP-REQ-018",
    applies_to=CERTIFICATE,
    title="The exporting Participant was a Participant on the date of issue",
)(_standing_rule("exporting_participant", _exporting, "exporting"))
rule(
    "KP-R-004",
    requirement="KP-REQ-018",
    applies_to=CERTIFICATE,
    title="The importing Participant was a Participant on the date of issue",
)(_standing_rule("importing_participant", _importing, "importing"))


SUSPENSION_WORDS = {
    "suspended": "was suspended",
    "voluntary-suspension": "had suspended itself",
    "un-embargo": "was under a UN Security Council embargo",
}
"""How KP-R-005 names each kind of suspension of the Participants list."""


@rule(
    "KP-R-005",
    requirement="KP-REQ-018",
    applies_to=CERTIFICATE,
    title="Neither Participant was suspended on the date of issue",
)
def not_suspended(document: KPCertificate, context: Context) -> Violations:
    day = document_day(document, context)
    found: list[Violation] = []
    for attr, code, role, exporting in (
        ("exporting_participant", document.exporting_participant, "exporting", True),
        ("importing_participant", document.importing_participant, "importing", False),
    ):
        standing = context.codelists.standing(code, day)
        if (
            standing is not None
            and standing.participant
            and standing.suspension
            and not standing.may_trade(exporting=exporting)
        ):
            entry = context.codelists.participants[code]
            barred = SUSPENSION_WORDS.get(standing.suspension_kind or "", "was suspended")
            message, severity = _resting(
                document,
                standing.suspension.uncertain_on(day),
                f"{entry.code} ({entry.name}), the {role} Participant, {barred} on {day} "
                f"(from {standing.suspension.start}; {standing.suspension.source})"
                + _within(entry),
            )
            found.append(Violation((attr,), message, severity))
    return found


def _exporter_restrictions(
    document: KPCertificate, context: Context, kind: str
) -> tuple[datetime.date, list[Restriction]]:
    """The document's day, and the exporting Participant's restrictions of one kind in force on it
    (KP-R-006 and KP-R-050 judge the lines against them)."""
    day = document_day(document, context)
    standing = context.codelists.standing(document.exporting_participant, day)
    restrictions = standing.restrictions if standing is not None else ()
    return day, [r for r in restrictions if r.kind == kind]


@rule(
    "KP-R-006",
    requirement="KP-REQ-019",
    applies_to=CERTIFICATE,
    title="A Participant limited to compliant zones names a zone in force on every line",
)
def compliant_zones(document: KPCertificate, context: Context) -> Violations:
    day, restrictions = _exporter_restrictions(document, context, COMPLIANT_ZONES_ONLY)
    found: list[Violation] = []
    for restriction in restrictions:
        zones = {zone.id for zone in restriction.zones_on(day)}
        listed = ", ".join(sorted(zones)) or "none yet"
        for index, line in enumerate(document.shipment.lines):
            if line.origin_zone not in zones:
                what = "names no zone" if line.origin_zone is None else f"names {line.origin_zone}"
                # Uncertain when the restriction's dates, or the named zone's, are approximate
                # near the day (a zone whose approximate start is just after it).
                uncertain = restriction.period.uncertain_on(day) or any(
                    zone.id == line.origin_zone and zone.period.uncertain_on(day)
                    for zone in restriction.zones
                )
                message, severity = _resting(
                    document,
                    uncertain,
                    f"on {day} {document.exporting_participant} may export only from "
                    f"compliant zones ({listed}); this line {what}",
                )
                found.append(
                    Violation(("shipment", "lines", index, "origin_zone"), message, severity)
                )
    return found


@rule(
    "KP-R-050",
    requirement="KP-REQ-019",
    applies_to=CERTIFICATE,
    title="A line that names a zone whose exports are allowed only under KP supervision is "
    "reported for the importing authority to confirm the supervision (a line that names no zone "
    "is not: nothing requires one)",
    severity=Severity.WARNING,
    since="1.1",
)
def supervised_zones(document: KPCertificate, context: Context) -> Violations:
    # Limitation: the origin zone of a line is optional, so only a line that names the zone can
    # be reported; a certificate that names none passes silently, and the importing authority's
    # own enquiry remains the check (spec/codelists/README.md).
    day, restrictions = _exporter_restrictions(document, context, SUPERVISED_ZONES)
    found: list[Violation] = []
    for restriction in restrictions:
        zones = {zone.id: zone for zone in restriction.zones_on(day)}
        for index, line in enumerate(document.shipment.lines):
            zone = zones.get(line.origin_zone or "")
            if zone is None:
                continue
            found.append(
                Violation(
                    ("shipment", "lines", index, "origin_zone"),
                    f"on {day} exports from {zone.id} ({zone.name}) were allowed only under the "
                    "supervision of the Kimberley Process, which a certificate does not show: "
                    f"the importing authority confirms it ({restriction.period.source})",
                )
            )
    return found


@rule(
    "KP-R-053",
    requirement="KP-REQ-018",
    applies_to=CERTIFICATE,
    title="A line whose country of origin is under a UN embargo on the export of its rough "
    "diamonds on the date of issue is reported, when another Participant exports it",
    severity=Severity.WARNING,
    since="1.1",
)
def origin_under_un_embargo(document: KPCertificate, context: Context) -> Violations:
    # A warning, not an error: the certificate cannot show whether the goods left the embargoed
    # country before the measure (a lawful re-export of old stock) or were moved out during it
    # through a neighbour (what the measure bars); the importing authority decides [KP-REQ-018].
    day = document_day(document, context)
    found: list[Violation] = []
    for index, line in enumerate(document.shipment.lines):
        for country in dict.fromkeys(line.origin.countries or ()):
            if country == document.exporting_participant:
                continue  # the exporting Participant's own embargo is KP-R-005's finding
            standing = context.codelists.standing(country, day)
            if (
                standing is None
                or standing.suspension is None
                or standing.suspension_kind != "un-embargo"
                or standing.may_trade(exporting=True)
            ):
                continue
            found.append(
                Violation(
                    ("shipment", "lines", index, "origin"),
                    f"the line's country of origin {country} was under a UN Security Council "
                    f"embargo on the export of its rough diamonds on {day} (from "
                    f"{standing.suspension.start}; {standing.suspension.source}): the importing "
                    "authority establishes when and how the goods left it",
                )
            )
    return found


@rule(
    "KP-R-007",
    requirement="KP-REQ-004",
    applies_to=CERTIFICATE,
    title="Each line names its countries of origin or is marked mixed origin, never both",
    until="1.0",
)
def origin_either_or(document: KPCertificate, context: Context) -> Violations:
    found: list[Violation] = []
    for index, line in enumerate(document.shipment.lines):
        mixed, countries = bool(line.origin.mixed), bool(line.origin.countries)
        if mixed and countries:
            found.append(
                Violation(
                    ("shipment", "lines", index, "origin"),
                    "the line is marked mixed origin and also names countries of origin; "
                    "choose one",
                )
            )
        elif not mixed and not countries:
            found.append(
                Violation(
                    ("shipment", "lines", index, "origin"),
                    "the line names no country of origin and is not marked mixed origin",
                )
            )
    return found


@rule(
    "KP-R-043",
    requirement="KP-REQ-004",
    applies_to=CERTIFICATE,
    title="An unmixed line names exactly one country of origin; a mixed line names none, "
    "or two or more",
    since="1.1",
)
def origin_unmixed_or_mixed(document: KPCertificate, context: Context) -> Violations:
    found: list[Violation] = []
    for index, line in enumerate(document.shipment.lines):
        countries = line.origin.countries or ()
        if line.origin.mixed:
            if len(countries) == 1:
                message = (
                    f"the line is marked mixed origin but names one country ({countries[0]}): "
                    "a parcel from one country is of unmixed origin"
                )
            elif len(set(countries)) < len(countries):
                message = "the countries of mining origin of a mixed line are each named once"
            else:
                continue
        elif len(countries) == 1:
            continue
        elif not countries:
            message = "the line names no country of origin and is not marked mixed origin"
        else:
            message = (
                f"the line names {len(countries)} countries of origin and is not marked mixed: "
                "a line of unmixed origin names one country; mark it mixed origin"
            )
        found.append(Violation(("shipment", "lines", index, "origin"), message))
    return found


@rule(
    "KP-R-008",
    requirement="KP-REQ-004",
    applies_to=CERTIFICATE,
    title="Countries of origin are countries of ISO 3166-1",
)
def origin_countries_exist(document: KPCertificate, context: Context) -> Violations:
    return [
        Violation(
            ("shipment", "lines", index, "origin", "countries", position),
            f"{code} is not an ISO 3166-1 country; a country of origin is where the "
            'diamonds were mined ("EU" is not one)',
        )
        for index, line in enumerate(document.shipment.lines)
        for position, code in enumerate(line.origin.countries or ())
        if not iso_country(code)
    ]


@rule(
    "KP-R-009",
    requirement="KP-REQ-011",
    applies_to=BOTH,
    title="The exporter's and importer's countries are countries of ISO 3166-1",
)
def party_countries_exist(document: Shipped, context: Context) -> Violations:
    return [
        Violation(
            (attr, "country"),
            f"{code} is not an ISO 3166-1 country; give the country of the {attr}'s address "
            '(an EU Member State, not "EU")',
        )
        for attr, code in (
            ("exporter", document.exporter.country),
            ("importer", document.importer.country),
        )
        if not iso_country(code)
    ]


@rule(
    "KP-R-010",
    requirement="KP-REQ-009",
    applies_to=CERTIFICATE,
    title="The date of expiry is later than the date of issue",
)
def expiry_after_issue(document: KPCertificate, context: Context) -> Violations:
    if document.date_of_expiry > document.date_of_issue:
        return NONE
    return (
        Violation(
            ("date_of_expiry",),
            f"date of expiry {document.date_of_expiry} is not later than the date of issue "
            f"{document.date_of_issue}",
        ),
    )


@rule(
    "KP-R-011",
    requirement="KP-REQ-009",
    applies_to=CERTIFICATE,
    title="The validity does not exceed the exporting Participant's maximum",
)
def maximum_validity(document: KPCertificate, context: Context) -> Violations:
    entry = context.codelists.participant(document.exporting_participant)
    if entry is None:
        return NONE
    latest = entry.latest_expiry(document.date_of_issue)
    if latest is None or document.date_of_expiry <= latest:
        return NONE
    policy = (
        f"{entry.max_validity_months} months"
        if entry.max_validity_months
        else f"{entry.max_validity_days} days"
    )
    return (
        Violation(
            ("date_of_expiry",),
            f"date of expiry {document.date_of_expiry} is after {latest}: "
            f"{document.exporting_participant} certificates are valid for at most {policy}",
        ),
    )


@rule(
    "KP-R-022",
    requirement="KP-REQ-002",
    applies_to=CERTIFICATE,
    title='The English title is exactly "Kimberley Process Certificate"',
)
def fixed_title(document: KPCertificate, context: Context) -> Violations:
    if document.title.get(ENGLISH) == TITLE:  # the usual case, without looking further
        return NONE
    tag = english_tag(document.title)
    if tag is None or document.title[tag] == TITLE:
        return NONE
    english = document.title[tag]
    return (Violation(("title", tag), f'the English title is "{english}"; it must be "{TITLE}"'),)


@rule(
    "KP-R-023",
    requirement="KP-REQ-003",
    applies_to=CERTIFICATE,
    title="The English statement is exactly the text of Annex I",
)
def fixed_statement(document: KPCertificate, context: Context) -> Violations:
    if document.statement.get(ENGLISH) == STATEMENT:
        return NONE
    tag = english_tag(document.statement)
    if tag is None or document.statement[tag] == STATEMENT:
        return NONE
    return (
        Violation(
            ("statement", tag),
            f'the English statement differs from Annex I: it must be "{STATEMENT}"',
        ),
    )


@rule(
    "KP-R-024",
    requirement="KP-REQ-034",
    applies_to=CERTIFICATE,
    title="A replacement names the certificate it replaces, of the same Participant; "
    "an original names none",
)
def replacement(document: KPCertificate, context: Context) -> Violations:
    if document.status == "replacement" and document.replaces is None:
        message = "a replacement certificate names the number of the certificate it replaces"
    elif document.status == "original" and document.replaces is not None:
        message = 'an original certificate replaces nothing: set status "replacement" or remove it'
    elif document.replaces is not None and not document.replaces.startswith(
        document.exporting_participant
    ):
        message = (
            f"the replaced certificate {document.replaces} was not issued by "
            f"{document.exporting_participant}"
        )
    elif document.replaces == document.certificate_number:
        message = "a certificate cannot replace itself"
    else:
        return NONE
    return (Violation(("replaces",), message),)


@rule(
    "KP-R-025",
    requirement="KP-REQ-029",
    applies_to=CERTIFICATE,
    title="The country of provenance, where given, was a Participant on the date of issue",
    until="1.0",
)
def provenance_participant(document: KPCertificate, context: Context) -> Violations:
    code = document.country_of_provenance
    if code is None:
        return NONE
    day = document_day(document, context)
    standing = context.codelists.standing(code, day)
    if standing is not None and standing.participant:
        return NONE
    return (
        Violation(
            ("country_of_provenance",),
            f"{code}, the country of provenance, was not a KP Participant on {day}",
        ),
    )


def _ever_participant(context: Context, code: str, day: datetime.date) -> bool:
    """Whether ``code`` was a Participant on some day on or before ``day``."""
    entry = context.codelists.participant(code)
    return entry is not None and any(period.start <= day for period in entry.membership)


@rule(
    "KP-R-044",
    requirement="KP-REQ-029",
    applies_to=CERTIFICATE,
    title="Each country of provenance, of the shipment or of a line, was a Participant on or "
    "before the date of issue",
    since="1.1",
)
def provenance_was_participant(document: KPCertificate, context: Context) -> Violations:
    # Provenance is a past export: the import happened before the date of issue, so a former
    # Participant (Croatia before it joined the EU) is a valid provenance [KP-REQ-029].
    day = document_day(document, context)
    given: list[tuple[AttrPath, str]] = []
    if document.country_of_provenance is not None:
        given.append((("country_of_provenance",), document.country_of_provenance))
    for index, line in enumerate(document.shipment.lines):
        if line.country_of_provenance is not None:
            given.append(
                (("shipment", "lines", index, "country_of_provenance"), line.country_of_provenance)
            )
    found: list[Violation] = []
    for path, code in given:
        if _ever_participant(context, code, day):
            continue
        entry = context.codelists.participant(code)
        message, severity = _resting(
            document,
            entry is not None and entry.membership_uncertain(day),
            f"{code}, a country of provenance, was never a KP Participant on or before {day}",
        )
        found.append(Violation(path, message, severity))
    return found


@rule(
    "KP-R-051",
    requirement="KP-REQ-056",
    applies_to=CERTIFICATE,
    title="The exporter's country belongs to the exporting Participant and the importer's to "
    "the importing one on the date of issue",
    since="1.1",
)
def parties_in_participants(document: KPCertificate, context: Context) -> Violations:
    # A Participant not listed on the day is another rule's finding (KP-R-003/004): judged here
    # only against a listed one, by its own code and the territories the list records for it.
    day = document_day(document, context)
    found: list[Violation] = []
    for attr, country, participant, side in (
        ("exporter", document.exporter.country, document.exporting_participant, "exporting"),
        ("importer", document.importer.country, document.importing_participant, "importing"),
    ):
        entry = context.codelists.participant(participant)
        if entry is None or country == entry.code:
            continue
        territory = entry.territory_of(country, day)
        if territory is not None and territory.part is not None:
            message = (
                f"the {attr}'s address is in {country}, of which only {territory.part} belonged "
                f"to {participant}, the {side} Participant, on {day}: check that the address is "
                f"in {territory.part}"
            )
            found.append(Violation((attr, "country"), message, Severity.WARNING))
            continue
        if territory is not None:
            continue
        message, severity = _resting(
            document,
            entry.territory_uncertain(country, day),
            f"the {attr}'s address is in {country}, which did not belong to {participant}, "
            f"the {side} Participant, on {day}",
        )
        found.append(Violation((attr, "country"), message, severity))
    return found
