"""Rules that apply to every document type: lines, totals, HS codes, multilingual text."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from kpstandard.model.meta import default_model
from kpstandard.model.values import ENGLISH, english_version
from kpstandard.syntax._plan import ClassPlan, document_plan
from kpstandard.validation.rules._registry import Context, DocumentType, Violation, rule

BOTH: tuple[DocumentType, ...] = ("kp-certificate", "import-confirmation")


def document_day(document: Any, context: Context) -> datetime.date:
    """The day code lists are judged on: ``--at``, else the document's own date."""
    if context.at is not None:
        return context.at
    if hasattr(document, "date_of_issue"):
        day: datetime.date = document.date_of_issue
        return day
    day = document.certificate.date_of_issue  # an import confirmation: its certificate's date
    return day  # noqa: RET504 (named for the comment)


def plan_of(document: Any) -> ClassPlan:
    """The binding plan of a document object's type."""
    return document_plan(default_model().document(type(document).__name__))


def lines_of(document: Any) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """The path to a document's lines and the lines themselves."""
    if hasattr(document, "shipment"):
        return ("shipment", "lines"), document.shipment.lines
    return ("lines",), document.lines


def totals_of(document: Any) -> tuple[tuple[str, ...], Any]:
    if hasattr(document, "shipment"):
        return ("shipment", "totals"), document.shipment.totals
    return ("totals",), document.totals


def decimals(value: Decimal) -> int:
    """The number of digits written after the decimal point."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _amounts(document: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Each line with its path, then the totals with theirs."""
    base, lines = lines_of(document)
    for index, line in enumerate(lines):
        yield (*base, index), line
    totals_path, totals = totals_of(document)
    yield totals_path, totals


@rule(
    "KP-R-012",
    requirement="KP-REQ-015",
    applies_to=BOTH,
    title="Every HS code is one of the subheadings in scope of the KPCS on the document's date",
)
def hs_code_in_scope(document: Any, context: Context) -> Iterator[Violation]:
    base, lines = lines_of(document)
    day = document_day(document, context)
    for index, line in enumerate(lines):
        entry = context.codelists.hs_code(line.hs_code, day)
        if entry is None:
            yield Violation(
                (*base, index, "hs_code"),
                f"HS code {line.hs_code} is not a diamond subheading in force on {day}; "
                "use 7102.10, 7102.21 or 7102.31",
            )
        elif not entry.in_scope:
            yield Violation(
                (*base, index, "hs_code"),
                f"HS code {line.hs_code} ({entry.description}) is outside the KPCS: only rough "
                "diamonds (7102.10, 7102.21, 7102.31) travel with a KP Certificate",
            )


def _precision_rule(attr: str, label: str, advice: str) -> Any:
    def check(document: Any, context: Context) -> Iterator[Violation]:
        for path, item in _amounts(document):
            value = getattr(item, attr)
            if decimals(value) > 2:
                yield Violation(
                    (*path, attr), f"{label} {value} has {decimals(value)} decimals; {advice}"
                )

    return check


@rule(
    "KP-R-013",
    requirement="KP-REQ-012",
    applies_to=BOTH,
    title="Carat weights are at least 0.01 ct",
)
def carats_minimum(document: Any, context: Context) -> Iterator[Violation]:
    for path, item in _amounts(document):
        if item.carats < Decimal("0.01"):
            yield Violation((*path, "carats"), f"carat weight {item.carats} is below 0.01 ct")


rule(
    "KP-R-014",
    requirement="KP-REQ-012",
    applies_to=BOTH,
    title="Carat weights have at most two decimals",
)(_precision_rule("carats", "carat weight", "write it with at most two"))


@rule(
    "KP-R-015",
    requirement="KP-REQ-013",
    applies_to=BOTH,
    title="Values in US$ are positive",
)
def value_positive(document: Any, context: Context) -> Iterator[Violation]:
    for path, item in _amounts(document):
        if item.value_usd <= 0:
            yield Violation((*path, "value_usd"), f"value US${item.value_usd} is not positive")


rule(
    "KP-R-016",
    requirement="KP-REQ-013",
    applies_to=BOTH,
    title="Values in US$ have at most two decimals",
)(_precision_rule("value_usd", "value in US$", "write it in dollars and cents"))


@rule(
    "KP-R-017",
    requirement="KP-REQ-014",
    applies_to=BOTH,
    title="Every line has at least one parcel",
)
def parcels_minimum(document: Any, context: Context) -> Iterator[Violation]:
    base, lines = lines_of(document)
    for index, line in enumerate(lines):
        if line.parcels < 1:
            yield Violation((*base, index, "parcels"), "a line has at least one parcel")


def _total_rule(attr: str, label: str) -> Any:
    def check(document: Any, context: Context) -> Iterator[Violation]:
        _, lines = lines_of(document)
        path, totals = totals_of(document)
        expected = sum(
            (getattr(line, attr) for line in lines), Decimal(0) if attr != "parcels" else 0
        )
        stated = getattr(totals, attr)
        if stated != expected:
            yield Violation(
                (*path, attr),
                f"total {label} is {stated}, but the lines add up to {expected}",
            )

    return check


rule(
    "KP-R-018",
    requirement="KP-REQ-017",
    applies_to=BOTH,
    title="The total carat weight equals the sum of the lines",
)(_total_rule("carats", "carat weight"))
rule(
    "KP-R-019",
    requirement="KP-REQ-017",
    applies_to=BOTH,
    title="The total value equals the sum of the lines",
)(_total_rule("value_usd", "value in US$"))
rule(
    "KP-R-020",
    requirement="KP-REQ-017",
    applies_to=BOTH,
    title="The total number of parcels equals the sum of the lines",
)(_total_rule("parcels", "number of parcels"))


def _multilingual(
    plan: ClassPlan, obj: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every multilingual text in a document object, with its path."""
    for field in plan.multilingual:
        value = getattr(obj, field.attr)
        if value is None:
            continue
        items = enumerate(value) if field.repeated else ((None, value),)
        for index, item in items:
            here = (*path, field.attr) if index is None else (*path, field.attr, index)
            if field.group is None:
                yield here, item
            else:
                yield from _multilingual(field.group, item, here)


@rule(
    "KP-R-021",
    requirement="KP-REQ-005",
    applies_to=(*BOTH, "authority-trust-list"),
    title="Every multilingual text has an English version",
)
def every_text_in_english(document: Any, context: Context) -> Iterator[Violation]:
    for path, text in _multilingual(plan_of(document), document, ()):
        if english_version(text) is None:
            languages = ", ".join(sorted(text))
            yield Violation(
                (*path, ENGLISH),
                f"the text is given in {languages} only; add the English version "
                '(language tag "en")',
            )
