"""Trade measures of the Participants list (issue 12): each judged on the date of issue, in both
syntaxes, with the exact finding code; the boundaries are conformance vectors
(``kpstandard/conformance/generate/_boundaries.py``)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import kpstandard
from kpstandard.codelists import default_codelists
from kpstandard.findings import Severity, Verdict
from tests.rule_cases import LINE0, change, golden

SYNTAXES = ("json", "xml")


def _certificate(
    exporter: str, importer: str, issued: datetime.date, *, base: str = "bw-eu-unmixed"
) -> Any:
    document = golden(base)
    for path, value in (
        (("exporting_participant",), exporter),
        (("importing_participant",), importer),
        (("certificate_number",), f"{exporter}0000042"),
        (("exporter", "country"), exporter),
        (("date_of_issue",), issued),
        (("date_of_expiry",), issued + datetime.timedelta(days=30)),
    ):
        document = change(document, path, value)
    return document


def _codes(document: Any, syntax: str) -> tuple[Verdict, set[str]]:
    report = kpstandard.validate(kpstandard.dumps(document, syntax))  # type: ignore[arg-type]
    return report.verdict, {f.code for f in report.findings}


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("issued", "refused"),
    [
        (datetime.date(2005, 12, 14), False),  # the day before resolution 1643
        (datetime.date(2005, 12, 15), True),  # its day of adoption
        (datetime.date(2010, 6, 1), True),
        (datetime.date(2014, 4, 28), True),  # the day before resolution 2153
        (datetime.date(2014, 4, 29), False),
    ],
)
def test_cote_d_ivoire_exports_under_the_un_embargo(
    issued: datetime.date, refused: bool, syntax: str
) -> None:
    verdict, codes = _codes(_certificate("CI", "AE", issued), syntax)
    assert (verdict, codes) == (
        (Verdict.INVALID, {"KP-R-005"}) if refused else (Verdict.VALID, set())
    )


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_imports_into_cote_d_ivoire_were_not_barred(syntax: str) -> None:
    assert _codes(_certificate("BW", "CI", datetime.date(2010, 6, 1)), syntax) == (
        Verdict.VALID,
        set(),
    )


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_brazil_self_suspended_its_exports_in_2006(syntax: str) -> None:
    assert _codes(_certificate("BR", "AE", datetime.date(2006, 6, 1)), syntax) == (
        Verdict.INVALID,
        {"KP-R-005"},
    )
    assert _codes(_certificate("BR", "AE", datetime.date(2006, 11, 1)), syntax) == (
        Verdict.VALID,
        set(),
    )
    assert _codes(_certificate("BW", "BR", datetime.date(2006, 6, 1)), syntax) == (
        Verdict.VALID,
        set(),
    )


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("issued", "refused"),
    [
        (datetime.date(2015, 7, 16), True),  # the 2013 suspension as a whole
        (datetime.date(2015, 7, 17), True),  # amended: imports into the CAR stay refused
        (datetime.date(2024, 11, 14), True),
        (datetime.date(2024, 11, 15), False),  # lifted by the Dubai Plenary
    ],
)
def test_imports_into_the_car_stay_refused_after_2015(
    issued: datetime.date, refused: bool, syntax: str
) -> None:
    document = change(_certificate("BW", "CF", issued), ("importer", "country"), "CF")
    verdict, codes = _codes(document, syntax)
    assert (verdict, codes) == (
        (Verdict.INVALID, {"KP-R-005"}) if refused else (Verdict.VALID, set())
    )


def test_the_car_may_export_from_a_compliant_zone_while_imports_stay_refused() -> None:
    standing = default_codelists().standing("CF", datetime.date(2017, 1, 1))
    assert standing is not None
    assert standing.may_trade(exporting=True)
    assert not standing.may_trade(exporting=False)
    assert _codes(golden("cf-eu-compliant-zone"), "json") == (Verdict.VALID, set())


def _marange(issued: datetime.date, *, spec_version: str = "1.1") -> Any:
    document = _certificate("ZW", "EU", issued, base="bw-eu-hybrid")
    document = change(document, (*LINE0, "origin_zone"), "ZW-MARANGE")
    return document if spec_version == "1.1" else change(document, ("spec_version",), "1.0")


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_marange_line_under_supervision_is_a_warning(syntax: str) -> None:
    report = kpstandard.validate(kpstandard.dumps(_marange(datetime.date(2010, 8, 11)), syntax))  # type: ignore[arg-type]
    assert report.verdict is Verdict.VALID
    assert [(f.code, f.severity) for f in report.findings] == [("KP-R-050", Severity.WARNING)]


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_marange_line_after_the_kinshasa_agreement_is_not_reported(syntax: str) -> None:
    assert _codes(_marange(datetime.date(2011, 11, 1)), syntax) == (Verdict.VALID, set())


def test_zimbabwe_outside_marange_is_not_reported() -> None:
    document = change(_marange(datetime.date(2010, 8, 11)), (*LINE0, "origin_zone"), None)
    assert _codes(document, "json") == (Verdict.VALID, set())


def _ivorian_origin(
    issued: datetime.date, *, spec_version: str = "1.1", mixed: bool = False
) -> Any:
    """A certificate of Botswana to the EU whose first line is of Ivorian origin (or mixed with
    Côte d'Ivoire among its countries)."""
    document = golden("bw-eu-hybrid")
    document = change(document, ("date_of_issue",), issued)
    document = change(document, ("date_of_expiry",), issued + datetime.timedelta(days=30))
    countries = ("BW", "CI") if mixed else ("CI",)
    document = change(document, (*LINE0, "origin", "countries"), countries)
    if mixed:
        document = change(document, (*LINE0, "origin", "mixed"), True)
    if spec_version == "1.0":
        document = change(document, ("hybrid_mode",), None)
        document = change(document, ("spec_version",), "1.0")
    return document


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("mixed", [False, True], ids=["unmixed", "mixed"])
def test_a_line_of_ivorian_origin_under_the_embargo_is_a_warning(syntax: str, mixed: bool) -> None:
    document = _ivorian_origin(datetime.date(2010, 6, 1), mixed=mixed)
    report = kpstandard.validate(kpstandard.dumps(document, syntax))  # type: ignore[arg-type]
    assert report.verdict is Verdict.VALID
    assert [(f.code, f.severity) for f in report.findings] == [("KP-R-053", Severity.WARNING)]
    assert "UN Security Council embargo" in report.findings[0].message


@pytest.mark.parametrize(
    "issued",
    [datetime.date(2005, 12, 14), datetime.date(2014, 4, 29)],
    ids=["before-1643", "from-2153"],
)
def test_a_line_of_ivorian_origin_outside_the_embargo_is_not_reported(
    issued: datetime.date,
) -> None:
    assert _codes(_ivorian_origin(issued), "json") == (Verdict.VALID, set())


def test_a_1_0_certificate_is_not_judged_by_kp_r_053() -> None:
    assert _codes(_ivorian_origin(datetime.date(2010, 6, 1), spec_version="1.0"), "json") == (
        Verdict.VALID,
        set(),
    )


def test_kp_r_005_names_a_un_embargo_as_such() -> None:
    report = kpstandard.validate(
        kpstandard.dumps(_certificate("CI", "AE", datetime.date(2010, 6, 1)), "json")
    )
    (finding,) = report.findings
    assert finding.code == "KP-R-005"
    assert "under a UN Security Council embargo" in finding.message
    assert "suspended" not in finding.message
