"""Approximate dates of the Participants list (issue 12): from version 1.1 a finding that rests on
an approximate date, for a document dated within its uncertainty (31 days either side,
spec/codelists/README.md), is a warning; outside it, and in 1.0 documents, an error as before.
Both syntaxes, exact codes and severities."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import kpstandard
from kpstandard.codelists import APPROXIMATE_WINDOW, Period
from kpstandard.findings import Severity, Verdict
from tests.rule_cases import change, golden

SYNTAXES = ("json", "xml")
HYBRID = "bw-eu-hybrid"  # a 1.1 certificate


def _certificate(
    exporter: str, importer: str, issued: datetime.date, *, spec_version: str = "1.1"
) -> Any:
    document = golden(HYBRID)
    for path, value in (
        (("spec_version",), spec_version),
        (("exporting_participant",), exporter),
        (("importing_participant",), importer),
        (("certificate_number",), f"{exporter}0000042"),
        (("exporter", "country"), exporter),
        (("importer", "country"), importer),
        (("date_of_issue",), issued),
        (("date_of_expiry",), issued + datetime.timedelta(days=30)),
    ):
        document = change(document, path, value)
    if spec_version == "1.0":  # 1.0 has no hybrid mode (KP-R-042)
        document = change(document, ("hybrid_mode",), None)
    return document


def _judged(document: Any, syntax: str) -> tuple[Verdict, list[tuple[str, Severity]]]:
    report = kpstandard.validate(kpstandard.dumps(document, syntax))  # type: ignore[arg-type]
    return report.verdict, [(f.code, f.severity) for f in report.findings]


WARNING, ERROR = Severity.WARNING, Severity.ERROR


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("issued", "severity"),
    [
        (datetime.date(2006, 2, 20), WARNING),  # 10 days after the approximate start
        (datetime.date(2006, 3, 13), WARNING),  # 31 days after: the last day of the window
        (datetime.date(2006, 3, 14), ERROR),  # 32 days after
        (datetime.date(2006, 6, 1), ERROR),
        (datetime.date(2006, 9, 20), WARNING),  # 11 days before the approximate end
    ],
)
def test_brazil_s_self_suspension_near_its_approximate_dates(
    issued: datetime.date, severity: Severity, syntax: str
) -> None:
    verdict, findings = _judged(_certificate("BR", "AE", issued), syntax)
    assert findings == [("KP-R-005", severity)]
    assert verdict is (Verdict.VALID if severity is WARNING else Verdict.INVALID)


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_1_0_certificate_is_judged_as_before(syntax: str) -> None:
    document = _certificate("BR", "AE", datetime.date(2006, 2, 20), spec_version="1.0")
    assert _judged(document, syntax) == (Verdict.INVALID, [("KP-R-005", ERROR)])


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("issued", "severity"),
    [
        (datetime.date(2021, 11, 1), WARNING),  # 11 days before Kyrgyzstan's approximate admission
        (datetime.date(2021, 10, 1), ERROR),  # 42 days before
    ],
)
def test_an_importer_before_its_approximate_admission(
    issued: datetime.date, severity: Severity, syntax: str
) -> None:
    verdict, findings = _judged(_certificate("BW", "KG", issued), syntax)
    assert findings == [("KP-R-004", severity)]
    assert verdict is (Verdict.VALID if severity is WARNING else Verdict.INVALID)


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_an_exact_date_gives_an_error_the_day_before(syntax: str) -> None:
    # Cameroon's admission, 14 August 2012, is not approximate: no window
    verdict, findings = _judged(_certificate("BW", "CM", datetime.date(2012, 8, 13)), syntax)
    assert (verdict, findings) == (Verdict.INVALID, [("KP-R-004", ERROR)])


def test_the_window_reaches_31_days_either_side_of_either_date() -> None:
    start, end = datetime.date(2006, 2, 10), datetime.date(2006, 10, 1)
    period = Period(start, end, "test", approximate=True)
    assert datetime.timedelta(days=31) == APPROXIMATE_WINDOW
    assert period.uncertain_on(start - APPROXIMATE_WINDOW)
    assert not period.uncertain_on(start - APPROXIMATE_WINDOW - datetime.timedelta(days=1))
    assert period.uncertain_on(end + APPROXIMATE_WINDOW)
    assert not period.uncertain_on(datetime.date(2006, 6, 1))
    assert not Period(start, end, "test").uncertain_on(start)


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("issued", "severity"),
    [
        (datetime.date(2016, 6, 1), WARNING),  # 7 days before Berberati's approximate declaration
        (datetime.date(2016, 4, 1), ERROR),  # 68 days before: outside the window
    ],
)
def test_a_line_from_a_compliant_zone_just_before_its_approximate_date(
    issued: datetime.date, severity: Severity, syntax: str
) -> None:
    document = _certificate("CF", "AE", issued)
    for index in range(len(document.shipment.lines)):
        line = ("shipment", "lines", index)
        document = change(document, (*line, "origin_zone"), "CF-BERBERATI")
        document = change(document, (*line, "origin", "countries"), ("CF",))
        document = change(document, (*line, "origin", "mixed"), False)
    verdict, findings = _judged(document, syntax)
    assert {code for code, _ in findings} == {"KP-R-006"}
    assert {found for _, found in findings} == {severity}
    assert verdict is (Verdict.VALID if severity is WARNING else Verdict.INVALID)


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_provenance_just_before_its_approximate_admission(syntax: str) -> None:
    # Kyrgyzstan's admission, 12 November 2021, is approximate: a provenance on 1 November 2021
    document = _certificate("BW", "AE", datetime.date(2021, 11, 1))
    document = change(document, ("country_of_provenance",), "KG")
    assert _judged(document, syntax) == (Verdict.VALID, [("KP-R-044", WARNING)])
