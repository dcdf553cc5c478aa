"""A 1.1 import confirmation can report a missing parcel or a different HS code (KP-REQ-052):
stated as a discrepancy of quantity "hs-code" (KP-R-052, successor of KP-R-032), or as a line
received with zero that a discrepancy covers (KP-R-013/015/017 accept the zero), or by a refusal."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from rule_cases import certificate_bytes, golden

import kpstandard
from kpstandard.model import Discrepancy, ReceivedLine, ShipmentTotals

CERTIFICATE = certificate_bytes("bw-eu-hybrid")
"""BW0241202: 7102.31 (1520.45 ct, US$2450000.00, 3 parcels), 7102.21 (310.20 ct, US$18600.00,
1 parcel)."""
MISSING = "ic-bw-eu-hybrid-missing-parcel"
"""Its confirmation: the 7102.21 parcel missing, stated (hs-code) with the totals."""
TOTALS = tuple(Discrepancy(quantity=q) for q in ("carats", "value", "parcels"))


def codes(document: Any, certificate: bytes = CERTIFICATE) -> list[tuple[str, str]]:
    report = kpstandard.validate(kpstandard.dumps(document, "json"), certificate=certificate)
    return sorted((f.code, f.location) for f in report.findings)


def missing(**changes: Any) -> Any:
    return dataclasses.replace(golden(MISSING), **changes)


def test_a_missing_parcel_stated_as_an_hs_code_discrepancy_is_accepted() -> None:
    assert codes(missing()) == []


def test_a_missing_parcel_not_stated_is_refused_by_kp_r_052() -> None:
    document = missing(discrepancies=missing().discrepancies[1:])
    assert codes(document) == [("KP-R-052", "/lines")]


def test_a_missing_parcel_in_a_refusal_is_judged_by_the_reasons() -> None:
    document = missing(
        outcome="refused", discrepancies=None, refusal_reasons={"en": "Parcel missing"}
    )
    assert codes(document) == []


def test_a_1_0_confirmation_keeps_kp_r_032() -> None:
    document = missing(spec_version="1.0", outcome=None, discrepancies=None)
    assert codes(document) == [
        ("KP-R-032", "/lines"),
        ("KP-R-033", "/totals/parcels"),
        ("KP-R-034", "/totals/carats"),
        ("KP-R-035", "/totals/valueUsd"),
    ]


def test_another_hs_code_received_is_stated_for_both_codes() -> None:
    base = golden("ic-bw-eu-hybrid")
    lines = (base.lines[0], dataclasses.replace(base.lines[1], hs_code="7102.10"))
    stated = (
        *base.discrepancies,
        Discrepancy(hs_code="7102.10", quantity="hs-code"),
        Discrepancy(hs_code="7102.21", quantity="hs-code"),
    )
    document = dataclasses.replace(base, lines=lines, discrepancies=stated)
    assert codes(document) == []
    document = dataclasses.replace(document, discrepancies=stated[:-1])
    assert codes(document) == [("KP-R-052", "/lines")]
    document = dataclasses.replace(document, discrepancies=(*stated[:2], stated[3]))
    assert codes(document) == [("KP-R-052", "/lines/1/hsCode")]


def test_an_hs_code_discrepancy_that_is_none_is_refused_by_kp_r_049() -> None:
    document = missing(
        discrepancies=(*missing().discrepancies, Discrepancy(hs_code="7102.31", quantity="hs-code"))
    )
    assert codes(document) == [("KP-R-049", "/discrepancies/4")]
    document = missing(discrepancies=(*missing().discrepancies, Discrepancy(quantity="hs-code")))
    assert codes(document) == [("KP-R-049", "/discrepancies/4")]


def _zero_line(*stated: Discrepancy) -> Any:
    zero = ReceivedLine(
        hs_code="7102.21", carats=Decimal("0.00"), value_usd=Decimal("0.00"), parcels=0
    )
    return missing(lines=(*missing().lines, zero), discrepancies=(*stated, *TOTALS))


ZERO_STATED = tuple(
    Discrepancy(hs_code="7102.21", quantity=q) for q in ("carats", "value", "parcels")
)


def test_a_line_received_with_zero_that_discrepancies_cover_is_accepted() -> None:
    assert codes(_zero_line(*ZERO_STATED)) == []


def test_a_zero_not_covered_by_a_discrepancy_is_still_refused() -> None:
    assert codes(_zero_line(*ZERO_STATED[1:])) == [
        ("KP-R-013", "/lines/1/carats"),
        ("KP-R-046", "/lines/1/carats"),
    ]
    assert codes(_zero_line(ZERO_STATED[0], ZERO_STATED[2])) == [
        ("KP-R-015", "/lines/1/valueUsd"),
        ("KP-R-047", "/lines/1/valueUsd"),
    ]
    assert codes(_zero_line(*ZERO_STATED[:2])) == [
        ("KP-R-017", "/lines/1/parcels"),
        ("KP-R-045", "/lines/1/parcels"),
    ]


def test_zero_totals_are_accepted_when_stated() -> None:
    nothing = ReceivedLine(
        hs_code="7102.31", carats=Decimal("0.00"), value_usd=Decimal("0.00"), parcels=0
    )
    document = missing(
        lines=(nothing,),
        totals=ShipmentTotals(carats=Decimal("0.00"), value_usd=Decimal("0.00"), parcels=0),
        discrepancies=(
            Discrepancy(hs_code="7102.21", quantity="hs-code"),
            *(Discrepancy(hs_code="7102.31", quantity=q) for q in ("carats", "value", "parcels")),
            *TOTALS,
        ),
    )
    assert codes(document) == []
