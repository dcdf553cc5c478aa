"""One named mutation per business rule: a valid example changed so that exactly that rule fires.

The rule tests run every case in both syntaxes; the same cases write the per-rule documents of
``examples/invalid/`` (``python tests/rule_cases.py`` regenerates them, and a test fails when they
are stale). Each case says, by hand, where its findings must be: the expectation is never copied
from what the implementation answers.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kpstandard  # noqa: E402
from kpstandard.findings import Severity  # noqa: E402
from kpstandard.syntax.locate import AttrPath  # noqa: E402
from kpstandard.validation.rules import RULES  # noqa: E402

DOCUMENTS = ROOT / "examples" / "documents"
INVALID = ROOT / "examples" / "invalid"
WARNINGS = ROOT / "examples" / "warnings"
"""The examples of rules that only warn: they conform, so they are not in ``invalid/``."""


def golden(stem: str) -> Any:
    return kpstandard.load((DOCUMENTS / f"{stem}.json").read_bytes())


def certificate_bytes(stem: str) -> bytes:
    return (DOCUMENTS / f"{stem}.xml").read_bytes()


def change(obj: Any, path: AttrPath, value: Any) -> Any:
    """Return ``obj`` with the value at ``path`` (attribute names and indexes) replaced."""
    head, *rest = path
    if isinstance(obj, tuple):
        assert isinstance(head, int)
        items = list(obj)
        items[head] = change(obj[head], rest, value) if rest else value
        return tuple(items)
    assert isinstance(head, str)
    current = getattr(obj, head)
    return dataclasses.replace(obj, **{head: change(current, rest, value) if rest else value})


def get(obj: Any, path: AttrPath) -> Any:
    for part in path:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


def shift(obj: Any, path: AttrPath, delta: Any) -> Any:
    return change(obj, path, get(obj, path) + delta)


LINE0 = ("shipment", "lines", 0)
LINE1 = ("shipment", "lines", 1)
LINE2 = ("shipment", "lines", 2)
BW_CERT = ("participants", 2, "authorities", 0, "certificates", 0)
"""The Botswana authority's current certificate on the example trust list."""
TOTALS = ("shipment", "totals")


@dataclass(frozen=True)
class RuleCase:
    """A rule, the valid example it starts from, the change, and where the findings must be."""

    rule: str
    slug: str
    base: str
    """The stem of the valid example in examples/documents."""
    mutate: Callable[[Any], Any]
    paths: tuple[AttrPath, ...]
    """Every location (as an attribute path) where the rule must report, and nowhere else."""
    certificate: str | None = None
    """For an import confirmation: the stem of the certificate it is checked against."""
    at: datetime.date | None = None

    @property
    def stem(self) -> str:
        return f"{self.rule}-{self.slug}"

    def document(self) -> Any:
        return self.mutate(golden(self.base))

    def context(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.certificate:
            extra["certificate"] = certificate_bytes(self.certificate)
        if self.at:
            extra["at"] = self.at
        return extra


def _suspended_exporter(doc: Any) -> Any:
    doc = change(doc, ("exporting_participant",), "VE")
    doc = change(doc, ("certificate_number",), "VE2010000031")
    doc = change(doc, ("exporter", "country"), "VE")
    doc = change(doc, ("date_of_issue",), datetime.date(2010, 3, 1))
    return change(doc, ("date_of_expiry",), datetime.date(2010, 4, 1))


def _before_admission(doc: Any) -> Any:
    doc = change(doc, ("exporting_participant",), "QA")
    doc = change(doc, ("certificate_number",), "QA2020000007")
    doc = change(doc, ("exporter", "country"), "QA")
    doc = change(doc, ("date_of_issue",), datetime.date(2020, 5, 1))
    return change(doc, ("date_of_expiry",), datetime.date(2020, 6, 1))


def _ivorian_origin(doc: Any) -> Any:
    """A 1.1 certificate of Botswana, June 2010, its first line of Ivorian origin."""
    doc = change(doc, ("date_of_issue",), datetime.date(2010, 6, 1))
    doc = change(doc, ("date_of_expiry",), datetime.date(2010, 7, 1))
    return change(doc, (*LINE0, "origin", "countries"), ("CI",))


def _marange(doc: Any) -> Any:
    """A 1.1 certificate of Zimbabwe, August 2010, one line from the Marange fields."""
    doc = change(doc, ("exporting_participant",), "ZW")
    doc = change(doc, ("certificate_number",), "ZW2010000812")
    doc = change(doc, ("exporter", "country"), "ZW")
    doc = change(doc, ("date_of_issue",), datetime.date(2010, 8, 11))
    doc = change(doc, ("date_of_expiry",), datetime.date(2010, 9, 10))
    doc = change(doc, (*LINE0, "origin", "countries"), ("ZW",))
    return change(doc, (*LINE0, "origin_zone"), "ZW-MARANGE")


def _line0_and_totals(attr: str, delta: Any) -> Callable[[Any], Any]:
    return lambda doc: shift(shift(doc, (*LINE0, attr), delta), (*TOTALS, attr), delta)


def _received(attr: str, delta: Any) -> Callable[[Any], Any]:
    return lambda doc: shift(shift(doc, ("lines", 0, attr), delta), ("totals", attr), delta)


VOID = "notice-za-in-container-void"
REPLACED = "notice-za-ae-original-replaced"
RESPONSE = "status-response-za-ae-replacement"


def _instant(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


STATUS_CASES: tuple[RuleCase, ...] = (
    # Certificate Status Notices and Status Responses (issue 13, spec/text/lifecycle.md)
    RuleCase(
        "KP-R-060",
        "notice-number-of-another-participant",
        VOID,
        lambda d: change(d, ("notice_number",), "BWN2026000038"),
        (("notice_number",),),
    ),
    RuleCase(
        "KP-R-061",
        "notice-certificate-of-another-participant",
        VOID,
        lambda d: change(d, ("certificate", "number"), "BW2026004731"),
        (("certificate", "number"),),
    ),
    RuleCase(
        "KP-R-062",
        "replaced-naming-no-replacement",
        REPLACED,
        lambda d: change(d, ("replaced_by",), None),
        (("status",),),
    ),
    RuleCase(
        "KP-R-063",
        "replacement-of-another-participant",
        REPLACED,
        lambda d: change(d, ("replaced_by",), "BW2026005102"),
        (("replaced_by",),),
    ),
    RuleCase(
        "KP-R-064",
        "notice-effective-before-issue",
        VOID,
        lambda d: change(d, ("effective_from",), _instant("2026-04-06T23:00:00Z")),
        (("effective_from",),),
    ),
    RuleCase(
        "KP-R-065",
        "other-reason-without-text",
        VOID,
        lambda d: change(change(d, ("reason",), "other"), ("reason_text",), None),
        (("reason",),),
    ),
    RuleCase(
        "KP-R-066",
        "response-about-another-participant",
        RESPONSE,
        lambda d: change(d, ("certificate_number",), "BW2026005102"),
        (("certificate_number",),),
    ),
    RuleCase(
        "KP-R-067",
        "issued-without-recorded-at",
        RESPONSE,
        lambda d: change(d, ("recorded_at",), None),
        (("status",),),
    ),
    RuleCase(
        "KP-R-068",
        "void-without-status-since",
        RESPONSE,
        lambda d: change(d, ("status",), "void"),
        (("status",),),
    ),
    RuleCase(
        "KP-R-069",
        "recorded-after-the-answer",
        RESPONSE,
        lambda d: change(d, ("recorded_at",), _instant("2026-05-21T00:00:00Z")),
        (("recorded_at",),),
    ),
)

CASES: tuple[RuleCase, ...] = (
    RuleCase(
        "KP-R-001",
        "number-of-another-participant",
        "bw-eu-unmixed",
        lambda d: change(d, ("certificate_number",), "ZA0001234"),
        (("certificate_number",),),
    ),
    RuleCase(
        "KP-R-002",
        "same-participant-both-ends",
        "bw-eu-unmixed",
        lambda d: change(d, ("importing_participant",), "BW"),
        (("importing_participant",),),
    ),
    RuleCase(
        "KP-R-003",
        "qatar-before-admission",
        "bw-eu-unmixed",
        _before_admission,
        (("exporting_participant",),),
    ),
    RuleCase(
        "KP-R-004",
        "importer-state-not-participant",
        "bw-eu-unmixed",
        lambda d: change(d, ("importing_participant",), "FR"),
        (("importing_participant",),),
    ),
    RuleCase(
        "KP-R-005",
        "venezuela-during-suspension",
        "bw-eu-unmixed",
        _suspended_exporter,
        (("exporting_participant",),),
    ),
    RuleCase(
        "KP-R-006",
        "line-without-compliant-zone",
        "cf-eu-compliant-zone",
        lambda d: change(d, (*LINE0, "origin_zone"), None),
        ((*LINE0, "origin_zone"),),
    ),
    RuleCase(
        "KP-R-007",
        "mixed-and-countries",
        "bw-eu-unmixed",
        lambda d: change(d, (*LINE0, "origin", "mixed"), True),
        ((*LINE0, "origin"),),
    ),
    RuleCase(
        "KP-R-008",
        "origin-not-a-country",
        "bw-eu-unmixed",
        lambda d: change(d, (*LINE0, "origin", "countries"), ("EU",)),
        ((*LINE0, "origin", "countries", 0),),
    ),
    RuleCase(
        "KP-R-009",
        "importer-country-eu",
        "bw-eu-unmixed",
        lambda d: change(d, ("importer", "country"), "EU"),
        (("importer", "country"),),
    ),
    RuleCase(
        "KP-R-010",
        "expiry-before-issue",
        "bw-eu-unmixed",
        lambda d: change(d, ("date_of_expiry",), datetime.date(2026, 2, 15)),
        (("date_of_expiry",),),
    ),
    RuleCase(
        "KP-R-011",
        "eu-valid-three-months",
        "eu-ae-mixed",
        lambda d: change(d, ("date_of_expiry",), datetime.date(2026, 6, 10)),
        (("date_of_expiry",),),
    ),
    RuleCase(
        "KP-R-012",
        "worked-diamonds-out-of-scope",
        "bw-eu-unmixed",
        lambda d: change(d, (*LINE0, "hs_code"), "7102.39"),
        ((*LINE0, "hs_code"),),
    ),
    RuleCase(
        "KP-R-013",
        "line-below-one-hundredth-carat",
        "bw-eu-unmixed",
        lambda d: _line0_and_totals("carats", -Decimal("1520.45"))(d),
        ((*LINE0, "carats"),),
    ),
    RuleCase(
        "KP-R-014",
        "carats-three-decimals",
        "bw-eu-unmixed",
        _line0_and_totals("carats", Decimal("0.001")),
        ((*LINE0, "carats"), (*TOTALS, "carats")),
    ),
    RuleCase(
        "KP-R-015",
        "value-zero",
        "bw-eu-unmixed",
        _line0_and_totals("value_usd", -Decimal("2450000.00")),
        ((*LINE0, "value_usd"),),
    ),
    RuleCase(
        "KP-R-016",
        "value-three-decimals",
        "bw-eu-unmixed",
        _line0_and_totals("value_usd", Decimal("0.005")),
        ((*LINE0, "value_usd"), (*TOTALS, "value_usd")),
    ),
    RuleCase(
        "KP-R-017",
        "line-without-parcels",
        "bw-eu-unmixed",
        _line0_and_totals("parcels", -3),
        ((*LINE0, "parcels"),),
    ),
    RuleCase(
        "KP-R-018",
        "total-carats-wrong",
        "bw-eu-unmixed",
        lambda d: shift(d, (*TOTALS, "carats"), Decimal("1.00")),
        ((*TOTALS, "carats"),),
    ),
    RuleCase(
        "KP-R-019",
        "total-value-wrong",
        "bw-eu-unmixed",
        lambda d: shift(d, (*TOTALS, "value_usd"), Decimal("100.00")),
        ((*TOTALS, "value_usd"),),
    ),
    RuleCase(
        "KP-R-020",
        "total-parcels-wrong",
        "bw-eu-unmixed",
        lambda d: shift(d, (*TOTALS, "parcels"), 1),
        ((*TOTALS, "parcels"),),
    ),
    RuleCase(
        "KP-R-021",
        "exporter-name-without-english",
        "bw-eu-unmixed",
        lambda d: change(d, ("exporter", "name"), {"tn": "Okavango Diamond Company"}),
        (("exporter", "name", "en"),),
    ),
    RuleCase(
        "KP-R-022",
        "title-altered",
        "bw-eu-unmixed",
        lambda d: change(d, ("title",), {"en": "Kimberley Process certificate of origin"}),
        (("title", "en"),),
    ),
    RuleCase(
        "KP-R-023",
        "statement-altered",
        "bw-eu-unmixed",
        lambda d: change(d, ("statement",), {"en": "These rough diamonds are conflict free"}),
        (("statement", "en"),),
    ),
    RuleCase(
        "KP-R-024",
        "replacement-naming-nothing",
        "bw-eu-unmixed",
        lambda d: change(d, ("status",), "replacement"),
        (("replaces",),),
    ),
    RuleCase(
        "KP-R-025",
        "provenance-not-participant",
        "bw-eu-unmixed",
        lambda d: change(d, ("country_of_provenance",), "FR"),
        (("country_of_provenance",),),
    ),
    RuleCase(
        "KP-R-026",
        "confirmation-number-of-exporter",
        "ic-bw-eu-unmixed",
        lambda d: change(d, ("confirmation_number",), "BW2026000123"),
        (("confirmation_number",),),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-027",
        "received-before-issue",
        "ic-bw-eu-unmixed",
        lambda d: change(d, ("date_of_receipt",), datetime.date(2026, 2, 1)),
        (("date_of_receipt",),),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-028",
        "reference-to-another-number",
        "ic-bw-eu-unmixed",
        lambda d: change(d, ("certificate", "number"), "BW0009999"),
        (("certificate", "number"),),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-029",
        "received-in-another-participant",
        "ic-bw-eu-unmixed",
        lambda d: change(
            change(d, ("importing_participant",), "AE"), ("confirmation_number",), "AE2026000123"
        ),
        (("importing_participant",),),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-030",
        "importer-renamed",
        "ic-bw-eu-unmixed",
        lambda d: change(d, ("importer", "name"), {"en": "Another Importer BV"}),
        (("importer", "name", "en"),),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-031",
        "exporter-licence-differs",
        "ic-bw-eu-unmixed",
        lambda d: change(d, ("exporter", "licence_number"), "BW-LIC-0000/1"),
        (("exporter", "licence_number"),),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-032",
        "hs-code-not-certified",
        "ic-bw-eu-unmixed",
        lambda d: change(d, ("lines", 0, "hs_code"), "7102.10"),
        (("lines", 0, "hs_code"), ("lines",)),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-033",
        "one-parcel-more",
        "ic-bw-eu-unmixed",
        _received("parcels", 1),
        (("lines", 0, "parcels"), ("totals", "parcels")),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-034",
        "carats-short",
        "ic-bw-eu-unmixed",
        _received("carats", -Decimal("20.45")),
        (("lines", 0, "carats"), ("totals", "carats")),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-035",
        "value-differs",
        "ic-bw-eu-unmixed",
        _received("value_usd", Decimal("1000.00")),
        (("lines", 0, "value_usd"), ("totals", "value_usd")),
        certificate="bw-eu-unmixed",
    ),
    RuleCase(
        "KP-R-037",
        "next-update-not-after-issue",
        "trust-list",
        lambda d: change(d, ("next_update",), d.issued),
        (("next_update",),),
    ),
    RuleCase(
        "KP-R-038",
        "history-not-starting-with-grant",
        "trust-list",
        lambda d: change(d, (*BW_CERT, "status_history", 0, "status"), "retired"),
        ((*BW_CERT, "status_history", 0, "status"),),
    ),
    RuleCase(
        "KP-R-039",
        "certificate-not-x509",
        "trust-list",
        lambda d: change(d, (*BW_CERT, "certificate"), "AAAA"),
        ((*BW_CERT, "certificate"),),
    ),
    RuleCase(
        "KP-R-040",
        "participant-twice",
        "trust-list",
        lambda d: change(d, ("participants", 1, "code"), "AE"),
        (("participants", 1, "code"),),
    ),
    RuleCase(
        "KP-R-041",
        "certificate-listed-twice",
        "trust-list",
        lambda d: change(
            d,
            ("participants", 2, "authorities", 0, "certificates", 1, "certificate"),
            get(d, (*BW_CERT, "certificate")),
        ),
        (("participants", 2, "authorities", 0, "certificates", 1, "certificate"),),
    ),
    RuleCase(
        "KP-R-036",
        "digest-of-another-document",
        "ic-bw-eu-unmixed",
        lambda d: change(
            d, ("certificate", "digest", "value"), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        ),
        (("certificate", "digest", "value"),),
        certificate="bw-eu-unmixed",
    ),
    # --- version 1.1 ------------------------------------------------------------------------
    RuleCase(
        "KP-R-042",
        "term-of-a-later-version",
        "bw-eu-unmixed",
        lambda d: change(
            d,
            ("hybrid_mode",),
            kpstandard.model.HybridMode(paper_serial_number="BW-KPC-0241187", governing="paper"),
        ),
        (("hybrid_mode",),),
    ),
    RuleCase(
        "KP-R-043",
        "unmixed-several-countries",
        "hk-ae-mixed-origins",
        lambda d: change(d, (*LINE2, "origin", "countries"), ("BW", "ZA")),
        ((*LINE2, "origin"),),
    ),
    RuleCase(
        "KP-R-044",
        "line-provenance-never-participant",
        "hk-ae-mixed-origins",
        lambda d: change(d, (*LINE1, "country_of_provenance"), "FR"),
        ((*LINE1, "country_of_provenance"),),
    ),
    RuleCase(
        "KP-R-045",
        "parcel-more-not-stated",
        "ic-bw-eu-hybrid",
        _received("parcels", 1),
        (("lines", 0, "parcels"), ("totals", "parcels")),
        certificate="bw-eu-hybrid",
    ),
    RuleCase(
        "KP-R-046",
        "carats-short-on-a-line-not-stated",
        "ic-bw-eu-hybrid",
        lambda d: change(d, ("discrepancies",), d.discrepancies[1:]),
        (("lines", 0, "carats"),),
        certificate="bw-eu-hybrid",
    ),
    RuleCase(
        "KP-R-047",
        "value-differs-not-stated",
        "ic-bw-eu-hybrid",
        _received("value_usd", -Decimal("100.00")),
        (("lines", 0, "value_usd"), ("totals", "value_usd")),
        certificate="bw-eu-hybrid",
    ),
    RuleCase(
        "KP-R-048",
        "discrepancies-but-confirmed",
        "ic-bw-eu-hybrid",
        lambda d: change(d, ("outcome",), "confirmed"),
        (("discrepancies", 0),),
        certificate="bw-eu-hybrid",
    ),
    RuleCase(
        "KP-R-049",
        "discrepancy-that-is-none",
        "ic-bw-eu-hybrid",
        lambda d: change(
            d,
            ("discrepancies",),
            (
                *d.discrepancies,
                kpstandard.model.Discrepancy(hs_code="7102.21", quantity="parcels"),
            ),
        ),
        (("discrepancies", 2),),
        certificate="bw-eu-hybrid",
    ),
    RuleCase(
        "KP-R-052",
        "missing-parcel-not-stated",
        "ic-bw-eu-hybrid-missing-parcel",
        lambda d: change(d, ("discrepancies",), d.discrepancies[1:]),
        (("lines",),),
        certificate="bw-eu-hybrid",
    ),
    RuleCase(
        "KP-R-053",
        "ivorian-origin-under-the-un-embargo",
        "bw-eu-hybrid",
        _ivorian_origin,
        ((*LINE0, "origin"),),
    ),
    RuleCase(
        "KP-R-050",
        "marange-line-under-supervision",
        "bw-eu-hybrid",
        _marange,
        ((*LINE0, "origin_zone"),),
    ),
    RuleCase(
        "KP-R-051",
        "importer-outside-importing-participant",
        "bw-eu-hybrid",
        lambda d: change(d, ("importer", "country"), "US"),
        (("importer", "country"),),
    ),
    *STATUS_CASES,
)


def example_path(case: RuleCase, syntax: str) -> Path:
    """Where the example of a case is: ``invalid/``, or ``warnings/`` for a rule that only warns."""
    warning = RULES[case.rule].severity is Severity.WARNING
    return (WARNINGS if warning else INVALID) / f"{case.stem}.{syntax}"


def expected_files() -> dict[Path, bytes]:
    """The per-rule examples: path -> bytes."""
    files = {}
    for case in CASES:
        document = case.document()
        for syntax in ("json", "xml"):
            files[example_path(case, syntax)] = kpstandard.dumps(document, syntax)  # type: ignore[arg-type]
    return files


CONTEXT_FILE = "RULE-CONTEXT.json"
"""What a per-rule example needs besides itself: the certificate, or a date to judge it at."""


def context_file() -> bytes:
    needs = {
        case.stem: {
            k: v
            for k, v in {
                "certificate": f"examples/documents/{case.certificate}.xml"
                if case.certificate
                else None,
                "at": case.at.isoformat() if case.at else None,
            }.items()
            if v
        }
        for case in CASES
        if case.certificate or case.at
    }
    return (json.dumps(needs, indent=2) + "\n").encode()


if __name__ == "__main__":
    for path, data in {**expected_files(), INVALID / CONTEXT_FILE: context_file()}.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(CASES) * 2 + 1} files to {INVALID} and {WARNINGS}")
