"""Area ``rules``: every dated interval of the Participants code list, at its boundaries.

Each period of ``spec/codelists/participants.yaml`` (a membership from admission to withdrawal, a
suspension, an export-only suspension, the compliant-zones restriction and each of its zones) is
in force on day D when ``from <= D`` and, if it has a ``to``, ``D < to`` (the list's header): a
certificate is judged on its date of issue (KP-REQ-033). So each interval gets, by hand below,
its first day, its last day and the day after (and the day before where that is outside), with
the outcome that rule gives. The table copies the dates of the list; a test
(``tests/test_conformance_vectors.py``) fails when the list has an interval the table lacks.

A period marked ``approximate`` in the list rests on a date the sources do not fix to the day,
and the list lets a validator report findings resting on it as warnings: only its days inside
are vectors (an implementation must accept them), never the days outside.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kpstandard.conformance.generate._case import RuleCase
from kpstandard.conformance.generate._draft import Accept, Reject
from kpstandard.conformance.generate._golden import day

__all__ = ["INTERVALS", "Interval", "cases"]

R3, R4, R5, R6, R50 = "KP-R-003", "KP-R-004", "KP-R-005", "KP-R-006", "KP-R-050"
BW = "bw-eu-unmixed"
CF = "cf-eu-compliant-zone"
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Interval:
    """One dated period of the list, copied by hand."""

    code: str
    kind: str
    """``membership``, ``suspension``, ``export-suspension``, ``import-suspension``,
    ``restriction``, ``zone``, ``supervised-restriction`` or ``supervised-zone``."""
    start: str
    end: str | None = None
    """Exclusive: the first day the period no longer applies."""
    approximate: bool = False
    zone: str | None = None


M, S, XS, RS, Z = "membership", "suspension", "export-suspension", "restriction", "zone"
IS, SR, SZ = "import-suspension", "supervised-restriction", "supervised-zone"

INTERVALS: tuple[Interval, ...] = (
    Interval("BW", M, "2003-01-01"),  # the KPCS begins: every founding Participant alike
    Interval("BD", M, "2012-11-30", approximate=True),
    Interval("BG", M, "2003-10-31", "2007-01-01", approximate=True),
    Interval("BR", M, "2003-10-31"),
    Interval("CG", M, "2003-01-01", "2004-07-09"),
    Interval("CG", M, "2007-11-08"),
    Interval("CM", M, "2012-08-14"),
    Interval("GA", M, "2018-11-16", approximate=True),
    Interval("GB", M, "2021-01-01"),
    Interval("GH", M, "2004-10-29", approximate=True),
    Interval("HR", M, "2003-01-01", "2013-07-01"),
    Interval("HU", M, "2003-01-01", "2004-05-01"),
    Interval("ID", M, "2005-11-17", approximate=True),
    Interval("KG", M, "2021-11-12", approximate=True),
    Interval("KH", M, "2012-11-30", approximate=True),
    Interval("KZ", M, "2012-11-30", approximate=True),
    Interval("LB", M, "2003-01-01", "2004-01-01", approximate=True),
    Interval("LB", M, "2005-11-17", approximate=True),
    Interval("LR", M, "2007-05-04"),
    Interval("ML", M, "2013-11-22", approximate=True),
    Interval("MX", M, "2008-11-06"),
    Interval("MY", M, "2003-10-31", approximate=True),
    Interval("MZ", M, "2021-11-12", approximate=True),
    Interval("NO", M, "2004-04-01", approximate=True),
    Interval("NZ", M, "2005-01-14", approximate=True),
    Interval("PA", M, "2012-11-30", approximate=True),
    Interval("PL", M, "2003-05-05", "2004-05-01"),
    Interval("QA", M, "2021-11-12", approximate=True),
    Interval("RO", M, "2003-10-31", "2007-01-01"),
    Interval("SG", M, "2004-04-01", approximate=True),
    Interval("SI", M, "2003-05-05", "2004-05-01"),
    Interval("SZ", M, "2012-11-30", approximate=True),
    Interval("TG", M, "2003-10-31"),
    Interval("TR", M, "2007-08-14"),
    Interval("UZ", M, "2024-11-15"),
    Interval("VN", M, "2003-10-31", approximate=True),
    Interval("CF", S, "2013-05-23", "2015-07-17"),
    Interval("VE", S, "2008-06-19", "2016-11-17"),
    Interval("GH", XS, "2006-11-24", "2006-12-06"),
    Interval("CI", XS, "2005-12-15", "2014-04-29"),  # UN SC resolutions 1643 and 2153
    Interval("BR", XS, "2006-02-10", "2006-10-01", approximate=True),  # self-suspension
    Interval("CF", IS, "2015-07-17", "2024-11-15"),  # the 2013 suspension as amended in 2015
    Interval("ZW", SR, "2009-11-05", "2011-11-01", approximate=True),  # Marange, supervised
    Interval("ZW", SZ, "2009-11-05", approximate=True, zone="ZW-MARANGE"),
    Interval("CF", RS, "2015-07-17", "2024-11-15"),
    Interval("CF", Z, "2016-06-08", zone="CF-BERBERATI"),
    Interval("CF", Z, "2016-09-19", zone="CF-BODA"),
    Interval("CF", Z, "2016-09-19", zone="CF-CARNOT"),
    Interval("CF", Z, "2016-09-19", zone="CF-NOLA"),
)
"""Every dated period of the Participants list (the founding memberships from 2003-01-01 that
never ended are one interval, shown by BW)."""


@dataclass(frozen=True)
class Boundary:
    """A case of this table, before it becomes a RuleCase."""

    name: str
    description: str
    requirement: str
    base: str
    changes: dict[str, Any]
    issue: datetime.date
    accept: bool
    codes: tuple[str, ...]
    zone: str | None = None
    """Name this zone on every line (None: keep the lines; ``""``: name no zone)."""
    comment: str | None = None
    exporter_country: str | None = None
    """Move the exporter's address to this country (None: keep it)."""
    warnings: tuple[str, ...] = ()
    """For an accepted case: the warnings an implementation must report (KP-R-050)."""


def _shift(text: str, days: int) -> datetime.date:
    return day(text) + datetime.timedelta(days=days)


def _exporting(code: str) -> dict[str, Any]:
    importing = "BW" if code not in ("BW",) else "AE"
    return {
        "exporting_participant": code,
        "importing_participant": importing,
        "certificate_number": f"{code}0241187",
    }


def _importing(code: str) -> dict[str, Any]:
    return {"importing_participant": code}


def _membership(i: Interval) -> Iterator[Boundary]:
    tag = f"{i.code.lower()}-{i.start}"
    what = f"{i.code}'s membership from {i.start}" + (f" to {i.end} (exclusive)" if i.end else "")
    founding = i.code == "BW" and i.start == "2003-01-01"
    if not i.approximate:
        codes = (R3, R4) if founding else (R3,)
        yield Boundary(
            f"exporter-{tag}-day-before",
            f"Exported by {i.code} on the day before {what} (not yet a Participant)",
            "KP-REQ-018",
            BW,
            _exporting(i.code) if not founding else {},
            _shift(i.start, -1),
            False,
            codes,
            comment="Before 2003-01-01 no Participant existed: the importing one was none yet "
            "either."
            if founding
            else None,
        )
    yield Boundary(
        f"exporter-{tag}-first-day",
        f"Exported by {i.code} on the first day of {what}",
        "KP-REQ-018",
        BW,
        _exporting(i.code) if not founding else {},
        day(i.start),
        True,
        (R3,),
    )
    if i.end is None:
        return
    yield Boundary(
        f"exporter-{tag}-last-day",
        f"Exported by {i.code} on the last day of {what}",
        "KP-REQ-018",
        BW,
        _exporting(i.code),
        _shift(i.end, -1),
        True,
        (R3,),
    )
    if not i.approximate:
        yield Boundary(
            f"exporter-{tag}-day-after",
            f"Exported by {i.code} on the day after {what} (no longer a Participant)",
            "KP-REQ-018",
            BW,
            _exporting(i.code),
            day(i.end),
            False,
            (R3,),
        )


def _suspension(i: Interval) -> Iterator[Boundary]:
    assert i.end is not None
    tag = f"{i.code.lower()}-{i.start}"
    what = f"the suspension of {i.code} from {i.start} to {i.end} (exclusive)"
    # CF: importing into it, since exports were restricted to compliant zones after it.
    sides = [("importer", _importing)] if i.code == "CF" else []
    sides += [("exporter", _exporting)] if i.code != "CF" else []
    for side, changes in sides:
        verb = "Exported by" if side == "exporter" else "Imported into"
        for suffix, when, accept, label in (
            ("day-before", _shift(i.start, -1), True, "on the day before"),
            ("first-day", day(i.start), False, "on the first day of"),
            ("last-day", _shift(i.end, -1), False, "on the last day of"),
            ("day-after", day(i.end), True, "on the day after"),
        ):
            if i.code == "CF" and suffix == "day-after":
                continue  # amended in 2015, not repealed: imports stay refused (import-suspension)
            yield Boundary(
                f"{side}-{tag}-suspension-{suffix}",
                f"{verb} {i.code} {label} {what}",
                "KP-REQ-018",
                BW,
                changes(i.code),
                when,
                accept,
                (R5,),
            )


def _middle(i: Interval) -> datetime.date:
    assert i.end is not None
    return day(i.start) + (day(i.end) - day(i.start)) / 2


def _export_suspension(i: Interval) -> Iterator[Boundary]:
    assert i.end is not None
    tag = f"{i.code.lower()}-{i.start}"
    what = f"the suspension of {i.code}'s exports from {i.start} to {i.end} (exclusive)"
    if i.approximate:  # neither boundary is fixed to the day: only the middle, and imports
        yield Boundary(
            f"exporter-{tag}-export-suspension-middle",
            f"Exported by {i.code} in the middle of {what} (both dates approximate)",
            "KP-REQ-018",
            BW,
            _exporting(i.code),
            _middle(i),
            False,
            (R5,),
        )
        yield Boundary(
            f"importer-{tag}-export-suspension-middle",
            f"Imported into {i.code} in the middle of {what}: only its exports were suspended",
            "KP-REQ-018",
            BW,
            _importing(i.code),
            _middle(i),
            True,
            (R5,),
        )
        return
    for suffix, when, accept, label in (
        ("day-before", _shift(i.start, -1), True, "on the day before"),
        ("first-day", day(i.start), False, "on the first day of"),
        ("last-day", _shift(i.end, -1), False, "on the last day of"),
        ("day-after", day(i.end), True, "on the day after"),
    ):
        yield Boundary(
            f"exporter-{tag}-export-suspension-{suffix}",
            f"Exported by {i.code} {label} {what}",
            "KP-REQ-018",
            BW,
            _exporting(i.code),
            when,
            accept,
            (R5,),
        )
    for suffix, when, label in (
        ("first-day", day(i.start), "on the first day of"),
        ("last-day", _shift(i.end, -1), "on the last day of"),
    ):
        yield Boundary(
            f"importer-{tag}-export-suspension-{suffix}",
            f"Imported into {i.code} {label} {what}: only its exports were suspended",
            "KP-REQ-018",
            BW,
            _importing(i.code),
            when,
            True,
            (R5,),
        )


def _import_suspension(i: Interval) -> Iterator[Boundary]:
    assert i.end is not None
    tag = f"{i.code.lower()}-{i.start}"
    what = f"the suspension of {i.code}'s imports from {i.start} to {i.end} (exclusive)"
    for suffix, when, accept, label in (
        ("first-day", day(i.start), False, "on the first day of"),
        ("last-day", _shift(i.end, -1), False, "on the last day of"),
        ("day-after", day(i.end), True, "on the day after"),
    ):
        yield Boundary(
            f"importer-{tag}-import-suspension-{suffix}",
            f"Imported into {i.code} {label} {what}",
            "KP-REQ-018",
            BW,
            _importing(i.code),
            when,
            accept,
            (R5,),
        )


def _supervised_restriction(i: Interval) -> Iterator[Boundary]:
    # A 1.1 rule (KP-R-050) and a warning: the supervision is not in the certificate, so a
    # line from the zone is accepted (and reported); both dates approximate, only the middle.
    what = f"the supervised-zones restriction of {i.code} from {i.start} to {i.end} (exclusive)"
    yield Boundary(
        f"{i.code.lower()}-supervised-zone-middle",
        f"Exported by {i.code} from a zone under KP supervision in the middle of {what}: "
        "accepted, the supervision is for the importing authority to confirm",
        "KP-REQ-019",
        BW,
        {**_exporting(i.code), "importing_participant": "EU", "spec_version": "1.1"},
        _middle(i),
        True,
        (R50,),
        zone="ZW-MARANGE",
        exporter_country=i.code,  # a 1.1 certificate: the exporter in Zimbabwe (KP-R-051)
        warnings=(R50,),  # reported, or the restriction was ignored altogether
    )


def _supervised_zone(i: Interval) -> Iterator[Boundary]:
    return iter(())  # judged with its restriction (same dates)


def _restriction(i: Interval) -> Iterator[Boundary]:
    assert i.end is not None
    what = f"the compliant-zones restriction of {i.code} from {i.start} to {i.end} (exclusive)"
    yield Boundary(
        "cf-restriction-first-day-without-zone",
        f"Exported by {i.code} naming no zone on the first day of {what}",
        "KP-REQ-019",
        CF,
        {},
        day(i.start),
        False,
        (R6,),
        zone="",
    )
    yield Boundary(
        "cf-restriction-first-day-before-any-zone",
        f"Exported by {i.code} from CF-BERBERATI on the first day of {what}, before any zone was "
        "listed",
        "KP-REQ-019",
        CF,
        {},
        day(i.start),
        False,
        (R6,),
        zone="CF-BERBERATI",
    )
    yield Boundary(
        "cf-restriction-last-day-with-zone",
        f"Exported by {i.code} from CF-BERBERATI on the last day of {what}",
        "KP-REQ-019",
        CF,
        {},
        _shift(i.end, -1),
        True,
        (R6,),
        zone="CF-BERBERATI",
    )


def _zone(i: Interval) -> Iterator[Boundary]:
    assert i.zone is not None
    what = f"the compliant zone {i.zone} (listed from {i.start})"
    yield Boundary(
        f"cf-zone-{i.zone.lower()}-day-before",
        f"Exported by {i.code} from {i.zone} on the day before {what}",
        "KP-REQ-019",
        CF,
        {},
        _shift(i.start, -1),
        False,
        (R6,),
        zone=i.zone,
    )
    yield Boundary(
        f"cf-zone-{i.zone.lower()}-first-day",
        f"Exported by {i.code} from {i.zone} on the first day of {what}",
        "KP-REQ-019",
        CF,
        {},
        day(i.start),
        True,
        (R6,),
        zone=i.zone,
    )


_KINDS = {
    M: _membership,
    S: _suspension,
    XS: _export_suspension,
    IS: _import_suspension,
    RS: _restriction,
    Z: _zone,
    SR: _supervised_restriction,
    SZ: _supervised_zone,
}


def boundaries() -> Iterator[Boundary]:
    """Every boundary case, in the order of the table."""
    for interval in INTERVALS:
        yield from _KINDS[interval.kind](interval)


def mutate(boundary: Boundary) -> Any:
    """The change of the golden document a boundary case makes."""

    def change(document: Any) -> Any:
        length = 59  # within every Participant's longest validity (the EU's two months)
        document = dataclasses.replace(
            document,
            date_of_issue=boundary.issue,
            date_of_expiry=boundary.issue + datetime.timedelta(days=length),
            **boundary.changes,
        )
        if boundary.exporter_country is not None:
            exporter = dataclasses.replace(document.exporter, country=boundary.exporter_country)
            document = dataclasses.replace(document, exporter=exporter)
        if boundary.zone is not None:
            lines = tuple(
                dataclasses.replace(line, origin_zone=boundary.zone or None)
                for line in document.shipment.lines
            )
            document = dataclasses.replace(
                document, shipment=dataclasses.replace(document.shipment, lines=lines)
            )
        return document

    return change


def cases() -> Iterator[Any]:
    """The boundary cases as RuleCases of the rules area."""
    for boundary in boundaries():
        yield RuleCase(
            f"codelist-{boundary.name}",
            boundary.description,
            boundary.requirement,
            boundary.base,
            mutate(boundary),
            Accept(boundary.codes, warnings=boundary.warnings)
            if boundary.accept
            else Reject(boundary.codes),
            comment=boundary.comment,
        )
