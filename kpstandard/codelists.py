"""The code lists of the standard as dated data: who was a Participant, and under what terms, when.

A validator judges a document against the lists as they stood on its date of issue, never as they
stand today [KP-REQ-033]. Every period is half-open: in force on day D when ``from <= D`` and
(no ``to``, or ``D < to``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from kpstandard._resources import load_spec_yaml, spec_dir

__all__ = [
    "APPROXIMATE_WINDOW",
    "ISSUING_ENTITY",
    "PARTICIPANT",
    "CodeLists",
    "HSCode",
    "Participant",
    "Period",
    "Restriction",
    "Standing",
    "Territory",
    "Zone",
    "default_codelists",
    "load_codelists",
]


def _date(text: Any) -> datetime.date:
    return datetime.date.fromisoformat(str(text))


APPROXIMATE_WINDOW = datetime.timedelta(days=31)
"""How far either side of an approximate date its uncertainty reaches (spec/codelists/README.md):
a finding on a day within it rests on that date, and is a warning from version 1.1."""


@dataclass(frozen=True)
class Period:
    """A dated period of a code-list entry: ``start <= day < end``."""

    start: datetime.date
    end: datetime.date | None
    source: str
    approximate: bool = False
    """The sources do not fix a date of this period to the day."""

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def uncertain_on(self, day: datetime.date) -> bool:
        """Whether the period is approximate and ``day`` lies within :data:`APPROXIMATE_WINDOW`
        of its start or end: whether the period covers ``day`` is then not known for sure."""
        if not self.approximate:
            return False
        return abs(day - self.start) <= APPROXIMATE_WINDOW or (
            self.end is not None and abs(day - self.end) <= APPROXIMATE_WINDOW
        )

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> Period:
        return cls(
            start=_date(raw["from"]),
            end=_date(raw["to"]) if raw.get("to") else None,
            source=" ".join(str(raw.get("source", "")).split()),
            approximate=bool(raw.get("approximate", False)),
        )


@dataclass(frozen=True)
class Zone:
    """A zone from which a restricted Participant may export."""

    id: str
    name: str
    period: Period


@dataclass(frozen=True)
class Restriction:
    """A condition in force for a Participant over a period."""

    kind: str
    """``compliant-zones-only`` (exports only from the listed zones) or ``supervised-zones``
    (exports from the listed zones only under KP supervision)."""
    period: Period
    zones: tuple[Zone, ...]

    def zones_on(self, day: datetime.date) -> tuple[Zone, ...]:
        return tuple(z for z in self.zones if z.period.covers(day))


@dataclass(frozen=True)
class Standing:
    """A Participant's standing on one day."""

    participant: bool
    """Admitted and not withdrawn on that day."""
    suspension: Period | None
    """The suspension in force, if any."""
    suspension_scope: str | None
    """``export`` when only exports are suspended, ``import`` when only imports are; None (or
    ``all``) when all trade is."""
    restrictions: tuple[Restriction, ...]
    suspension_kind: str | None = None
    """The kind of the suspension in force: ``suspended`` (a KP decision),
    ``voluntary-suspension`` (by the Participant itself) or ``un-embargo`` (a UN Security Council
    measure); None when none is in force."""

    def may_trade(self, *, exporting: bool) -> bool:
        """Whether the Participant may export (or import) under the scheme on that day."""
        if not self.participant:
            return False
        if self.suspension is None:
            return True
        if self.suspension_scope == "export":  # only exports were suspended
            return not exporting
        if self.suspension_scope == "import":  # only imports (exports as restrictions allow)
            return exporting
        return False


@dataclass(frozen=True)
class Territory:
    """A country or territory, other than the Participant's own code, whose exporters and
    importers trade under the Participant's certificates for a period (an EU Member State)."""

    code: str
    period: Period
    part: str | None = None
    """Only this part of the code's country belongs to the Participant (Northern Ireland of GB
    under the EU from 2021): an address in the code cannot show which part it is in, so a
    validator warns instead of deciding (KP-R-051)."""


PARTICIPANT = "participant"
ISSUING_ENTITY = "issuing-entity"


@dataclass(frozen=True)
class Participant:
    """An entry of the Participants list: a Participant, or an issuing entity (a separate customs
    territory or trading entity that issues its own certificates with its own authority and
    number prefix, not counted as a Participant of its own). Rules ask whether a code may trade
    under the scheme through :meth:`CodeLists.standing`, which answers for both."""

    code: str
    name: str
    membership: tuple[Period, ...]
    """The periods in which the entry trades under the scheme (for an issuing entity: in which
    its own certificates are recognised)."""
    suspensions: tuple[tuple[Period, str | None], ...]
    """The suspension periods and their scope (``export``, ``import``; None: all trade)."""
    restrictions: tuple[Restriction, ...]
    max_validity_days: int | None = None
    max_validity_months: int | None = None
    territories: tuple[Territory, ...] = ()
    suspension_kinds: tuple[str, ...] = ()
    """The kind of each of ``suspensions``, in the same order."""
    kind: str = PARTICIPANT
    """``participant`` or ``issuing-entity``."""
    within: str | None = None
    """For an issuing entity within a Participant's participation, that Participant's code
    (Hong Kong: CN); None otherwise."""

    @property
    def is_participant(self) -> bool:
        """Whether the entry is a Participant of its own (counted in the KP's totals)."""
        return self.kind == PARTICIPANT

    def territory_of(self, country: str, day: datetime.date) -> Territory | None:
        """The listed territory ``country`` is on ``day``; None when it is not listed then.

        The Participant's own code is not a listed territory: see :meth:`covers_country`.
        """
        return next(
            (t for t in self.territories if t.code == country and t.period.covers(day)), None
        )

    def membership_uncertain(self, day: datetime.date) -> bool:
        """Whether a membership period of approximate dates begins or ends near ``day``."""
        return any(period.uncertain_on(day) for period in self.membership)

    def territory_uncertain(self, country: str, day: datetime.date) -> bool:
        """Whether a listed territory ``country`` has a period of approximate dates near ``day``."""
        return any(t.code == country and t.period.uncertain_on(day) for t in self.territories)

    def covers_country(self, country: str, day: datetime.date) -> bool:
        """Whether an address in ``country`` belongs to the Participant on ``day``."""
        return country == self.code or self.territory_of(country, day) is not None

    def standing(self, day: datetime.date) -> Standing:
        index = next((i for i, (p, _) in enumerate(self.suspensions) if p.covers(day)), None)
        kinds = self.suspension_kinds
        return Standing(
            participant=any(p.covers(day) for p in self.membership),
            suspension=self.suspensions[index][0] if index is not None else None,
            suspension_scope=self.suspensions[index][1] if index is not None else None,
            restrictions=tuple(r for r in self.restrictions if r.period.covers(day)),
            suspension_kind=kinds[index] if index is not None and index < len(kinds) else None,
        )

    def latest_expiry(self, issued: datetime.date) -> datetime.date | None:
        """The last date of expiry the Participant's policy allows for a date of issue."""
        if self.max_validity_days is not None:
            return issued + datetime.timedelta(days=self.max_validity_days)
        if self.max_validity_months is not None:
            month = issued.month - 1 + self.max_validity_months
            year, month = issued.year + month // 12, month % 12 + 1
            day = min(issued.day, _days_in_month(year, month))
            return datetime.date(year, month, day)
        return None


def _days_in_month(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


@dataclass(frozen=True)
class HSCode:
    code: str
    description: str
    in_scope: bool
    period: Period


STANDINGS_CACHED = 16_384
"""How many (Participant, day) standings a :class:`CodeLists` keeps, least recently used first
out: a batch of documents of the same few days costs one computation per Participant and day."""


@dataclass(frozen=True)
class CodeLists:
    """The Participants and HS codes lists, loaded once."""

    participants: Mapping[str, Participant]
    hs_codes: Mapping[str, HSCode]
    versions: Mapping[str, str]
    """The version of each list (its ``version`` field), by list name."""
    _standings: Callable[[str, datetime.date], Standing | None] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # The lists never change after loading, so a standing is a pure function of (code, day).
        cached = lru_cache(maxsize=STANDINGS_CACHED)(self._compute_standing)
        object.__setattr__(self, "_standings", cached)

    def participant(self, code: str) -> Participant | None:
        return self.participants.get(code)

    def standing(self, code: str, day: datetime.date) -> Standing | None:
        """The standing of Participant ``code`` on ``day``; None when the code is not listed.

        Computed once per (code, day) and then looked up (the last ``STANDINGS_CACHED`` are kept).
        """
        return self._standings(code, day)

    def _compute_standing(self, code: str, day: datetime.date) -> Standing | None:
        entry = self.participants.get(code)
        if entry is None:
            return None
        own = entry.standing(day)
        parent = self.participants.get(entry.within) if entry.within else None
        if parent is None:
            return own
        # An issuing entity within a Participant's participation trades under the scheme only
        # while that Participant does: its own period, and the Participant's standing.
        covering = parent.standing(day)
        source = own if own.suspension is not None or covering.suspension is None else covering
        return Standing(
            participant=own.participant and covering.participant,
            suspension=source.suspension,
            suspension_scope=source.suspension_scope,
            restrictions=own.restrictions,
            suspension_kind=source.suspension_kind,
        )

    def issuing_entities(self, participant: str) -> tuple[Participant, ...]:
        """The issuing entities within ``participant``'s participation (CN: Hong Kong)."""
        return tuple(e for e in self.participants.values() if e.within == participant)

    def hs_code(self, code: str, day: datetime.date) -> HSCode | None:
        entry = self.hs_codes.get(code)
        return entry if entry is not None and entry.period.covers(day) else None


def _participant(raw: Mapping[str, Any]) -> Participant:
    return Participant(
        code=str(raw["code"]),
        name=str(raw["name"]),
        membership=tuple(Period.from_raw(p) for p in raw.get("membership", ())),
        suspensions=tuple((Period.from_raw(s), s.get("scope")) for s in raw.get("suspensions", ())),
        suspension_kinds=tuple(str(s["kind"]) for s in raw.get("suspensions", ())),
        restrictions=tuple(
            Restriction(
                kind=str(r["kind"]),
                period=Period.from_raw(r),
                zones=tuple(
                    Zone(id=str(z["id"]), name=str(z["name"]), period=Period.from_raw(z))
                    for z in r.get("zones", ())
                ),
            )
            for r in raw.get("restrictions", ())
        ),
        max_validity_days=raw.get("max_validity_days"),
        max_validity_months=raw.get("max_validity_months"),
        territories=tuple(
            Territory(
                code=str(t["code"]),
                period=Period.from_raw(t),
                part=str(t["part"]) if t.get("part") else None,
            )
            for t in raw.get("territories", ())
        ),
        kind=str(raw.get("kind", PARTICIPANT)),
        within=str(raw["within"]) if raw.get("within") else None,
    )


def load_codelists(directory: Path | None = None) -> CodeLists:
    """Load the code lists from ``spec/codelists`` (by default, the installed standard's)."""
    directory = directory or spec_dir() / "codelists"
    participants_raw = load_spec_yaml(directory / "participants.yaml")  # read at every start
    hs_raw = load_spec_yaml(directory / "hs-codes.yaml")
    return CodeLists(
        participants={e["code"]: _participant(e) for e in participants_raw["entries"]},
        hs_codes={
            e["code"]: HSCode(
                code=str(e["code"]),
                description=str(e["description"]),
                in_scope=bool(e["in_scope"]),
                period=Period.from_raw(e),
            )
            for e in hs_raw["entries"]
        },
        versions={
            "participants": str(participants_raw["version"]),
            "hs-codes": str(hs_raw["version"]),
        },
    )


@cache
def default_codelists() -> CodeLists:
    """The installed standard's code lists, loaded once per process."""
    return load_codelists()
