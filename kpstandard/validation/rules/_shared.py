"""Rules that apply to every document type: lines, totals, HS codes, multilingual text."""

from __future__ import annotations

import datetime
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from operator import attrgetter
from typing import Any

from kpstandard.model import (
    ImportConfirmation,
    KPCertificate,
    ReceivedLine,
    ShipmentLine,
    ShipmentTotals,
)
from kpstandard.model.meta import Node, default_model
from kpstandard.model.values import ENGLISH, MultilingualText, english_tag
from kpstandard.validation.rules._registry import (
    NONE,
    Context,
    Document,
    DocumentType,
    Violation,
    Violations,
    rule,
)

BOTH: tuple[DocumentType, ...] = ("kp-certificate", "import-confirmation")

Shipped = KPCertificate | ImportConfirmation
"""A document with lines and totals."""
Line = ShipmentLine | ReceivedLine
Path = tuple[str | int, ...]


def document_day(document: Shipped, context: Context) -> datetime.date:
    """The day code lists are judged on: ``--at``, else the document's own date."""
    if context.at is not None:
        return context.at
    if isinstance(document, KPCertificate):
        return document.date_of_issue
    return document.certificate.date_of_issue  # an import confirmation: its certificate's date


def lines_of(document: Shipped) -> tuple[Path, tuple[Line, ...]]:
    """The path to a document's lines and the lines themselves."""
    if isinstance(document, KPCertificate):
        return ("shipment", "lines"), document.shipment.lines
    return ("lines",), document.lines


def totals_of(document: Shipped) -> tuple[Path, ShipmentTotals]:
    """The path to a document's totals and the totals themselves."""
    if isinstance(document, KPCertificate):
        return ("shipment", "totals"), document.shipment.totals
    return ("totals",), document.totals


def decimals(value: Decimal) -> int:
    """The number of digits written after the decimal point."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amounts_of(document: Shipped) -> tuple[Line | ShipmentTotals, ...]:
    """The lines, then the totals: everything that states carats, a value and parcels."""
    if isinstance(document, KPCertificate):
        shipment = document.shipment
        return (*shipment.lines, shipment.totals)
    return (*document.lines, document.totals)


def zero_stated(document: Shipped, index: int, quantity: str, value: Decimal | int) -> bool:
    """Whether item ``index`` of :func:`amounts_of` states zero for ``quantity`` (``carats``,
    ``value``, ``parcels``) and a discrepancy of a 1.1 import confirmation covers it: a parcel
    certified and not received is recorded as received with nothing [KP-REQ-052]."""
    if value != 0 or not isinstance(document, ImportConfirmation):
        return False
    code = document.lines[index].hs_code if index < len(document.lines) else None
    return any(d.hs_code == code and d.quantity == quantity for d in document.discrepancies or ())


def amount_path(document: Shipped, index: int) -> Path:
    """The path of item ``index`` of :func:`amounts_of`: a line, or the totals after the last."""
    base, lines = lines_of(document)
    return (*base, index) if index < len(lines) else totals_of(document)[0]


@rule(
    "KP-R-012",
    requirement="KP-REQ-015",
    applies_to=BOTH,
    title="Every HS code is one of the subheadings in scope of the KPCS on the document's date",
)
def hs_code_in_scope(document: Shipped, context: Context) -> Violations:
    base, lines = lines_of(document)
    day = document_day(document, context)
    found: list[Violation] = []
    for index, line in enumerate(lines):
        entry = context.codelists.hs_code(line.hs_code, day)
        if entry is None:
            found.append(
                Violation(
                    (*base, index, "hs_code"),
                    f"HS code {line.hs_code} is not a diamond subheading in force on {day}; "
                    "use 7102.10, 7102.21 or 7102.31",
                )
            )
        elif not entry.in_scope:
            found.append(
                Violation(
                    (*base, index, "hs_code"),
                    f"HS code {line.hs_code} ({entry.description}) is outside the KPCS: only "
                    "rough diamonds (7102.10, 7102.21, 7102.31) travel with a KP Certificate",
                )
            )
    return found


Amount = Callable[[Line | ShipmentTotals], Decimal]


def _carats(item: Line | ShipmentTotals) -> Decimal:
    return item.carats


def _value_usd(item: Line | ShipmentTotals) -> Decimal:
    return item.value_usd


def _precision_rule(
    attr: str, amount: Amount, label: str, advice: str
) -> Callable[[Shipped, Context], Violations]:
    def check(document: Shipped, context: Context) -> Violations:
        found: list[Violation] = []
        for index, item in enumerate(amounts_of(document)):
            value = amount(item)
            if not value.same_quantum(_HUNDREDTH) and decimals(value) > 2:  # cents: at a glance
                found.append(
                    Violation(
                        (*amount_path(document, index), attr),
                        f"{label} {value} has {decimals(value)} decimals; {advice}",
                    )
                )
        return found

    return check


@rule(
    "KP-R-013",
    requirement="KP-REQ-012",
    applies_to=BOTH,
    title="Carat weights are at least 0.01 ct (or zero where a 1.1 discrepancy states it)",
)
def carats_minimum(document: Shipped, context: Context) -> Violations:
    return [
        Violation(
            (*amount_path(document, index), "carats"),
            f"carat weight {item.carats} is below 0.01 ct",
        )
        for index, item in enumerate(amounts_of(document))
        if item.carats < _HUNDREDTH and not zero_stated(document, index, "carats", item.carats)
    ]


_HUNDREDTH = Decimal("0.01")

rule(
    "KP-R-014",
    requirement="KP-REQ-012",
    applies_to=BOTH,
    title="Carat weights have at most two decimals",
)(_precision_rule("carats", _carats, "carat weight", "write it with at most two"))


@rule(
    "KP-R-015",
    requirement="KP-REQ-013",
    applies_to=BOTH,
    title="Values in US$ are positive (or zero where a 1.1 discrepancy states it)",
)
def value_positive(document: Shipped, context: Context) -> Violations:
    return [
        Violation(
            (*amount_path(document, index), "value_usd"),
            f"value US${item.value_usd} is not positive",
        )
        for index, item in enumerate(amounts_of(document))
        if item.value_usd <= 0 and not zero_stated(document, index, "value", item.value_usd)
    ]


rule(
    "KP-R-016",
    requirement="KP-REQ-013",
    applies_to=BOTH,
    title="Values in US$ have at most two decimals",
)(_precision_rule("value_usd", _value_usd, "value in US$", "write it in dollars and cents"))


@rule(
    "KP-R-017",
    requirement="KP-REQ-014",
    applies_to=BOTH,
    title="Every line has at least one parcel (or none where a 1.1 discrepancy states it)",
)
def parcels_minimum(document: Shipped, context: Context) -> Violations:
    base, lines = lines_of(document)
    return [
        Violation((*base, index, "parcels"), "a line has at least one parcel")
        for index, line in enumerate(lines)
        if line.parcels < 1 and not zero_stated(document, index, "parcels", line.parcels)
    ]


def _total_rule(
    attr: str,
    amount: Callable[[Line | ShipmentTotals], Decimal | int],
    zero: Decimal | int,
    label: str,
) -> Callable[[Shipped, Context], Violations]:
    def check(document: Shipped, context: Context) -> Violations:
        _, lines = lines_of(document)
        path, totals = totals_of(document)
        expected = sum(map(amount, lines), zero)
        stated = amount(totals)
        if stated != expected:
            return (
                Violation(
                    (*path, attr), f"total {label} is {stated}, but the lines add up to {expected}"
                ),
            )
        return NONE

    return check


def _parcels(item: Line | ShipmentTotals) -> int:
    return item.parcels


rule(
    "KP-R-018",
    requirement="KP-REQ-017",
    applies_to=BOTH,
    title="The total carat weight equals the sum of the lines",
)(_total_rule("carats", _carats, Decimal(0), "carat weight"))
rule(
    "KP-R-019",
    requirement="KP-REQ-017",
    applies_to=BOTH,
    title="The total value equals the sum of the lines",
)(_total_rule("value_usd", _value_usd, Decimal(0), "value in US$"))
rule(
    "KP-R-020",
    requirement="KP-REQ-017",
    applies_to=BOTH,
    title="The total number of parcels equals the sum of the lines",
)(_total_rule("parcels", _parcels, 0, "number of parcels"))


# --- multilingual text: one pass over the texts the model declares ------------------------------

_TEXT, _TEXTS, _GROUP, _GROUPS = range(4)
Step = tuple[Callable[[object], Any], tuple[str, ...], int, "Walk"]
"""Where a text (or a group that holds texts) sits: how to get it from the object the walk
starts at, its attribute path, what it is, and the walk below it."""
Walk = tuple[Step, ...]
"""The fields of a class that are, or lead down to, a multilingual text; every other field is
skipped. A group that every document has once (an authority, a party) is folded into the walk of
the class above it, so the texts of a certificate are read by a flat list of attribute getters."""


def _walk(node: Node, prefix: tuple[str, ...] = ()) -> list[Step]:
    steps: list[Step] = []
    for child in node.children:
        parts = (*prefix, child.attr)
        if child.is_group and child.required and not child.repeated:
            steps += _walk(child, parts)  # always there: read its texts through it
        elif child.is_group:
            below = tuple(_walk(child))
            if below:
                kind = _GROUPS if child.repeated else _GROUP
                steps.append((attrgetter(".".join(parts)), parts, kind, below))
        elif child.type is not None and child.type.kind == "multilingual":
            kind = _TEXTS if child.repeated else _TEXT
            steps.append((attrgetter(".".join(parts)), parts, kind, ()))
    return steps


_WALKS: dict[str, Walk] = {}


def texts_walk(cls: type[Document]) -> Walk:
    """Where a document class holds multilingual texts, read from the model once per class."""
    walk = _WALKS.get(cls.__name__)
    if walk is None:
        walk = _WALKS[cls.__name__] = tuple(_walk(default_model().document(cls.__name__).root))
    return walk


def _has_english(text: MultilingualText) -> bool:
    return ENGLISH in text or english_tag(text) is not None


def _all_in_english(walk: Walk, obj: object) -> bool:
    """Whether every text below ``obj`` has an English version: the pass for valid documents."""
    for get, _, kind, below in walk:
        value = get(obj)
        if value is None:
            continue
        if kind == _TEXT:
            if ENGLISH not in value and english_tag(value) is None:
                return False
        elif kind == _GROUPS:
            for item in value:
                if not _all_in_english(below, item):
                    return False
        elif kind == _GROUP:
            if not _all_in_english(below, value):
                return False
        elif not all(_has_english(text) for text in value):
            return False
    return True


def multilingual_texts(
    walk: Walk, obj: object, path: Path
) -> Iterator[tuple[Path, MultilingualText]]:
    """Every multilingual text below ``obj``, with its path, in model order."""
    for get, parts, kind, below in walk:
        value = get(obj)
        if value is None:
            continue
        here = (*path, *parts)
        if kind == _TEXT:
            yield here, value
        elif kind == _GROUP:
            yield from multilingual_texts(below, value, here)
        elif kind == _TEXTS:
            for index, text in enumerate(value):
                yield (*here, index), text
        else:
            for index, item in enumerate(value):
                yield from multilingual_texts(below, item, (*here, index))


@rule(
    "KP-R-021",
    requirement="KP-REQ-005",
    applies_to=(
        *BOTH,
        "authority-trust-list",
        "certificate-status-notice",
        "status-response",
        "receipt",
    ),
    title="Every multilingual text has an English version",
)
def every_text_in_english(document: Document, context: Context) -> Violations:
    walk = texts_walk(type(document))
    if _all_in_english(walk, document):
        return NONE
    return [
        Violation(
            (*path, ENGLISH),
            f"the text is given in {', '.join(sorted(text))} only; add the English version "
            '(language tag "en")',
        )
        for path, text in multilingual_texts(walk, document, ())
        if not _has_english(text)
    ]


# --- versions: a document carries only the terms of the version it declares [KP-REQ-055] ------

_VERSIONED: dict[str, bool] = {}


def _versioned(node: Node) -> bool:
    """Whether ``node`` or a node below it was added after the first version, or retired."""
    found = _VERSIONED.get(node.id)
    if found is None:
        first = default_model().spec_versions[0]
        found = _VERSIONED[node.id] = any(
            n.since != first or n.until is not None for n in node.walk()
        )
    return found


_VERSIONED_CHILDREN: dict[str, tuple[Node, ...]] = {}


def _versioned_children(node: Node) -> tuple[Node, ...]:
    """The children of ``node`` that are, or hold, a term of some versions only (once per node)."""
    found = _VERSIONED_CHILDREN.get(node.id)
    if found is None:
        found = _VERSIONED_CHILDREN[node.id] = tuple(c for c in node.children if _versioned(c))
    return found


_Step = tuple[str, bool, bool, bool, Node]
"""A child to look at: its attribute, whether it is outside the version, is a group, repeats."""
_STEPS: dict[tuple[str, str], tuple[_Step, ...]] = {}
_STEPS_KEPT = 4096


def _steps(node: Node, version: str) -> tuple[_Step, ...]:
    """The children of ``node`` to look at in a document of ``version`` (once per node and
    version): those outside it, and the groups in it that hold a term of some versions only."""
    found = _STEPS.get((node.id, version))
    if found is None:
        found = tuple(
            (child.attr, not child.in_version(version), child.is_group, child.repeated, child)
            for child in _versioned_children(node)
        )
        found = tuple(step for step in found if step[1] or step[2])
        if len(_STEPS) < _STEPS_KEPT:
            _STEPS[node.id, version] = found
    return found


def _outside(
    node: Node, obj: object, version: str, path: Path, found: list[tuple[Path, Node]]
) -> None:
    for attr, outside, is_group, repeated, child in _steps(node, version):
        value = getattr(obj, attr)
        if value is None or value == ():
            continue
        here = (*path, attr)
        if outside:
            found.append((((*here, 0) if repeated else here), child))
        elif is_group:
            if repeated:
                for index, item in enumerate(value):
                    _outside(child, item, version, (*here, index), found)
            else:
                _outside(child, value, version, here, found)


def terms_outside(node: Node, obj: object, version: str, path: Path) -> Iterator[tuple[Path, Node]]:
    """The terms and groups below ``obj`` (of model ``node``) that ``version`` does not have.

    Collected by a plain recursion into a list (a generator per group costs more than the walk),
    with what each node's children are in a version worked out once.
    """
    found: list[tuple[Path, Node]] = []
    _outside(node, obj, version, path, found)
    return iter(found)


@rule(
    "KP-R-042",
    requirement="KP-REQ-055",
    applies_to=typing.get_args(DocumentType),  # every document declares its version
    title="A document carries only the terms of the version of the standard it declares",
    since="1.0",
)
def terms_of_declared_version(document: Document, context: Context) -> Violations:
    root = default_model().document(type(document).__name__).root
    if not _versioned(root):
        return NONE
    version = document.spec_version
    return [
        Violation(
            path,
            f"{node.id} {node.name} is a term of version "
            f"{node.since if node.until is None else node.since + ' to ' + node.until} of the "
            f"standard; this document declares {version}",
        )
        for path, node in terms_outside(root, document, version, ())
    ]
