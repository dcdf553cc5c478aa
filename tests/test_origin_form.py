"""KP-R-043 (standard 1.1) enforces the MUST of KP-REQ-004: a line not marked mixed names exactly
one country of origin; a line marked mixed names none, or two or more. KP-REQ-053 keeps only the
SHOULD (name the countries of mining origin where known)."""

from __future__ import annotations

from typing import Any

import pytest
from rule_cases import LINE2, change, golden

import kpstandard
from kpstandard.model import Origin
from kpstandard.validation.rules import RULES
from kpstandard.validation.rules._registry import Rule

BASE = "hk-ae-mixed-origins"
"""A 1.1 certificate; its third line is of unmixed Botswana origin."""


def findings(origin: Origin, syntax: str) -> list[tuple[str, str]]:
    document: Any = change(golden(BASE), (*LINE2, "origin"), origin)
    report = kpstandard.validate(kpstandard.dumps(document, syntax))
    return [(f.code, f.location) for f in report.findings]


WHERE = {
    "json": "/shipment/lines/2/origin",
    "xml": "/kp:KPCertificate/kp:Shipment/kp:Line[3]/kp:Origin",
}


def test_kp_r_043_enforces_the_must_of_kp_req_004() -> None:
    rule: Rule = RULES["KP-R-043"]
    assert rule.requirement == "KP-REQ-004"


@pytest.mark.parametrize("syntax", ["json", "xml"])
@pytest.mark.parametrize(
    "origin",
    [
        Origin(mixed=None, countries=None),
        Origin(mixed=False, countries=None),
        Origin(mixed=None, countries=("BW", "ZA")),
        Origin(mixed=True, countries=("BW",)),
    ],
    ids=["neither-mixed-nor-a-country", "not-mixed-no-country", "unmixed-two", "mixed-one"],
)
def test_a_line_of_no_form_is_refused(origin: Origin, syntax: str) -> None:
    assert findings(origin, syntax) == [("KP-R-043", WHERE[syntax])]


@pytest.mark.parametrize(
    "origin",
    [
        Origin(mixed=None, countries=("BW",)),
        Origin(mixed=True, countries=None),
        Origin(mixed=True, countries=("BW", "ZA")),
    ],
    ids=["one-country", "mixed", "mixed-with-countries"],
)
def test_the_forms_of_origin_are_accepted(origin: Origin) -> None:
    assert findings(origin, "json") == []
