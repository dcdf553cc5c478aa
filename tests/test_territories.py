"""KP-R-051 (standard 1.1): the exporter's address belongs to the exporting Participant and the
importer's to the importing one, on the date of issue, by the territories of the Participants
list (the EU's Member States by date, Northern Ireland in part). Both syntaxes, exact codes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import kpstandard
from kpstandard.codelists import default_codelists
from kpstandard.findings import Verdict
from tests.rule_cases import change, golden

SYNTAXES = ("json", "xml")
HYBRID = "bw-eu-hybrid"  # a 1.1 certificate from Botswana to the EU, importer in Belgium


def _into_eu(importer_country: str, issued: datetime.date) -> Any:
    document = golden(HYBRID)
    for path, value in (
        (("importer", "country"), importer_country),
        (("date_of_issue",), issued),
        (("date_of_expiry",), issued + datetime.timedelta(days=30)),
    ):
        document = change(document, path, value)
    return document


def _judged(document: Any, syntax: str) -> tuple[Verdict, set[str], list[str]]:
    report = kpstandard.validate(kpstandard.dumps(document, syntax))  # type: ignore[arg-type]
    return (
        report.verdict,
        {f.code for f in report.findings},
        [f.location for f in report.findings if f.code == "KP-R-051"],
    )


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("country", "issued", "refused"),
    [
        ("GB", datetime.date(2020, 12, 31), False),  # last day of the transition period
        ("HR", datetime.date(2013, 6, 30), True),  # Croatia still a Participant of its own
        ("HR", datetime.date(2013, 7, 1), False),  # a Member State from its accession
        ("YT", datetime.date(2013, 12, 31), True),  # Mayotte not yet an outermost region
        ("YT", datetime.date(2014, 1, 1), False),
        ("RE", datetime.date(2026, 2, 16), False),  # an outermost region, its own ISO code
        ("US", datetime.date(2026, 2, 16), True),
    ],
)
def test_importer_into_the_eu_by_its_member_states_on_the_day(
    country: str, issued: datetime.date, refused: bool, syntax: str
) -> None:
    verdict, codes, locations = _judged(_into_eu(country, issued), syntax)
    if refused:
        assert (verdict, codes) == (Verdict.INVALID, {"KP-R-051"})
        assert len(locations) == 1
        if syntax == "json":
            assert locations == ["/importer/country"]
    else:
        assert (verdict, codes) == (Verdict.VALID, set())


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_hong_kong_exporter_on_a_certificate_of_the_mainland_is_refused(syntax: str) -> None:
    # Hong Kong is not a territory of China in the list: the two control schemes are separate
    # (TID), and no source shows a Mainland certificate naming a trader in Hong Kong.
    document = golden("hk-ae-mixed-origins")
    document = change(document, ("exporting_participant",), "CN")
    document = change(document, ("certificate_number",), "CN" + document.certificate_number[2:])
    verdict, codes, locations = _judged(document, syntax)
    assert (verdict, codes) == (Verdict.INVALID, {"KP-R-051"})
    assert len(locations) == 1


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_mainland_exporter_on_a_hong_kong_certificate(syntax: str) -> None:
    document = change(golden("hk-ae-mixed-origins"), ("exporter", "country"), "CN")
    verdict, codes, locations = _judged(document, syntax)
    assert (verdict, codes) == (Verdict.INVALID, {"KP-R-051"})
    assert len(locations) == 1


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_1_0_certificate_is_not_judged_by_the_1_1_rule(syntax: str) -> None:
    document = change(golden("bw-eu-unmixed"), ("importer", "country"), "US")
    assert _judged(document, syntax)[:2] == (Verdict.VALID, set())


def test_every_territory_has_a_source_and_an_iso_code() -> None:
    import pycountry

    for participant in default_codelists().participants.values():
        for territory in participant.territories:
            assert territory.period.source, (participant.code, territory.code)
            assert pycountry.countries.get(alpha_2=territory.code), territory.code
            assert territory.code != participant.code


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("country", "issued", "refused"),
    [
        ("MC", datetime.date(2026, 2, 16), False),  # Monaco, in the customs territory
        ("AX", datetime.date(2026, 2, 16), False),  # the Åland Islands, part of Finland
        ("GL", datetime.date(2014, 3, 29), True),  # Greenland, before it joined the EU's scheme
        ("GL", datetime.date(2014, 3, 30), False),
        ("JE", datetime.date(2020, 12, 31), False),  # Jersey, with the United Kingdom
        ("JE", datetime.date(2021, 1, 1), True),
        ("IM", datetime.date(2020, 12, 31), False),
        ("FO", datetime.date(2026, 2, 16), True),  # the Faroe Islands, outside the Union
        ("NC", datetime.date(2026, 2, 16), True),  # New Caledonia, an overseas territory
        ("LI", datetime.date(2026, 2, 16), True),  # Liechtenstein: Swiss customs territory
    ],
)
def test_places_of_their_own_into_the_eu(
    country: str, issued: datetime.date, refused: bool, syntax: str
) -> None:
    verdict, codes, _ = _judged(_into_eu(country, issued), syntax)
    expected = (Verdict.INVALID, {"KP-R-051"}) if refused else (Verdict.VALID, set())
    assert (verdict, codes) == expected


def _between(exporter: str, importer: str, exporter_country: str, importer_country: str) -> Any:
    document = golden(HYBRID)
    for path, value in (
        (("exporting_participant",), exporter),
        (("importing_participant",), importer),
        (("certificate_number",), f"{exporter}0000042"),
        (("exporter", "country"), exporter_country),
        (("importer", "country"), importer_country),
    ):
        document = change(document, path, value)
    return document


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("exporter", "importer", "exporter_country", "importer_country", "refused"),
    [
        ("CH", "BW", "LI", "BW", False),  # Liechtenstein exports under Switzerland
        ("BW", "US", "BW", "PR", False),  # Puerto Rico imports under the United States
        ("BW", "US", "BW", "GU", False),
        ("BW", "NO", "BW", "SJ", True),  # Svalbard: not shown under Norway's regulation
        ("BW", "AU", "BW", "CX", True),  # Christmas Island: not examined yet
    ],
)
def test_territories_of_other_participants(
    exporter: str,
    importer: str,
    exporter_country: str,
    importer_country: str,
    refused: bool,
    syntax: str,
) -> None:
    document = _between(exporter, importer, exporter_country, importer_country)
    verdict, codes, _ = _judged(document, syntax)
    expected = (Verdict.INVALID, {"KP-R-051"}) if refused else (Verdict.VALID, set())
    assert (verdict, codes) == expected


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("side", ["importer", "exporter"])
def test_an_address_in_gb_on_an_eu_certificate_after_2020_is_a_warning(
    side: str, syntax: str
) -> None:
    # From 2021 GB is a Participant of its own, but Regulation (EC) No 2368/2002 still applies in
    # Northern Ireland (Windsor Framework, Annex 2): the address country GB cannot show the part
    # of the United Kingdom, so the importing authority checks the address.
    if side == "exporter":
        document = _between("EU", "BW", "GB", "BW")
        document = change(document, ("date_of_issue",), datetime.date(2021, 1, 1))
        document = change(document, ("date_of_expiry",), datetime.date(2021, 1, 31))
    else:
        document = _into_eu("GB", datetime.date(2021, 1, 1))
    report = kpstandard.validate(kpstandard.dumps(document, syntax))  # type: ignore[arg-type]
    assert report.verdict is Verdict.VALID
    assert [(f.code, f.severity.value) for f in report.findings] == [("KP-R-051", "warning")]
    assert "Northern Ireland" in report.findings[0].message
    if syntax == "json":
        assert report.findings[0].location == f"/{side}/country"


def test_gb_belongs_to_the_eu_only_in_part_and_only_from_2021() -> None:
    eu = default_codelists().participants["EU"]
    before = eu.territory_of("GB", datetime.date(2020, 12, 31))
    after = eu.territory_of("GB", datetime.date(2021, 1, 1))
    assert before is not None
    assert before.part is None
    assert after is not None
    assert after.part == "Northern Ireland"
