"""Trade statistics of Annex III from a set of certificates (Technical Annex Article 19).

Sums the carat weight and value of every counted certificate per quarter of its date of issue,
exporting and importing Participant and HS code, in exact decimals, and counts the certificates
behind each sum. A certificate is counted when it passes the input, schema and rules layers (its
signature is not verified here: the figures are those of the documents given). The same
certificate given twice (say in JSON and in XML) counts once; a certificate whose replacement is
among the documents is replaced by it, and one that a status notice among the documents makes
void, withdrawn or replaced is not counted (lost and stolen certificates are). Everything else
(not a certificate, invalid, unreadable, a different document under a number already counted) is
listed as skipped, with its codes.

Production, stocks and trade on paper certificates cannot be computed from documents (Article
19(3)); the importing side's figures by date of receipt need the import confirmations.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kpstandard._api import validate
from kpstandard.findings import INTERNAL_ERROR, Severity

__all__ = ["Skipped", "TradeRow", "TradeStatistics", "quarter_of", "trade_statistics"]

_CERTIFICATE = "kp-certificate"
_NOTICE = "certificate-status-notice"
_CANCELLING = frozenset({"void", "withdrawn", "replaced"})
"""The statuses after which a certificate's shipment is not (or no longer under it) trade."""


@dataclass(frozen=True)
class TradeRow:
    """The certificates of one quarter, Participant pair and HS code, summed."""

    quarter: str
    """The quarter of the date of issue, ``YYYY-Qn``."""
    exporting_participant: str
    importing_participant: str
    hs_code: str
    carats: Decimal
    """The sum of the lines' carat weights (exact)."""
    value_usd: Decimal
    """The sum of the lines' values in US dollars (exact)."""
    certificates: int
    """How many certificates have at least one line of this HS code."""

    def to_json(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter,
            "exportingParticipant": self.exporting_participant,
            "importingParticipant": self.importing_participant,
            "hsCode": self.hs_code,
            "carats": str(self.carats),
            "valueUsd": str(self.value_usd),
            "certificates": self.certificates,
        }


@dataclass(frozen=True)
class Skipped:
    """A document that was not counted, and why."""

    path: str
    reason: str
    codes: tuple[str, ...] = ()
    """The finding codes that refused it, when it was refused."""
    problem: bool = True
    """False when skipping it loses nothing (a copy, a replaced certificate, another type)."""

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason, "codes": list(self.codes)}


@dataclass(frozen=True)
class TradeStatistics:
    """The rows, sorted, and the documents not counted."""

    rows: tuple[TradeRow, ...]
    counted: int
    """The certificates behind the rows."""
    skipped: tuple[Skipped, ...]

    @property
    def complete(self) -> bool:
        """True when no document was left out for a defect (invalid, unreadable, conflicting)."""
        return not any(s.problem for s in self.skipped)

    def to_json(self) -> dict[str, Any]:
        return {
            "certificates": self.counted,
            "signatures": "not verified",
            "rows": [r.to_json() for r in self.rows],
            "skipped": [s.to_json() for s in self.skipped],
        }


def quarter_of(day: datetime.date) -> str:
    """``2024-Q3`` for a day of July, August or September 2024."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def trade_statistics(documents: Iterable[tuple[str, bytes | None]]) -> TradeStatistics:
    """Sum the certificates among ``documents`` (name and bytes; None when unreadable).

    Never raises on a document: one that cannot be judged is skipped with the reason.
    """
    counted: dict[tuple[str, str], tuple[str, Any]] = {}
    cancelled: dict[tuple[str, str], tuple[str, str]] = {}
    skipped: list[Skipped] = []
    for name, data in documents:
        if data is None:
            skipped.append(Skipped(name, "unreadable"))
            continue
        try:
            report = validate(data)
        except Exception:  # validate never raises; if it did, the figures would silently lack it
            skipped.append(Skipped(name, "internal error", (INTERNAL_ERROR.code,)))
            continue
        errors = tuple(
            dict.fromkeys(f.code for f in report.findings if f.severity is Severity.ERROR)
        )
        if errors or report.document is None:
            skipped.append(Skipped(name, "invalid", errors))
            continue
        document = report.document
        if report.type == _NOTICE and document.status in _CANCELLING:
            ref = document.certificate
            cancelled[(ref.exporting_participant, ref.number)] = (name, document.status)
            continue
        if report.type != _CERTIFICATE:
            skipped.append(Skipped(name, f"not a KP certificate ({report.type})", problem=False))
            continue
        key = (document.exporting_participant, document.certificate_number)
        if key in counted:
            first, earlier = counted[key]
            if earlier == document:
                skipped.append(Skipped(name, f"the same certificate as {first}", problem=False))
            else:
                skipped.append(Skipped(name, f"another certificate under the number of {first}"))
            continue
        counted[key] = (name, document)
    for name, document in list(counted.values()):
        replaced = (document.exporting_participant, document.replaces)
        if document.status == "replacement" and replaced in counted:
            old_name, _ = counted.pop(replaced)
            skipped.append(Skipped(old_name, f"replaced by {name}", problem=False))
    for key, (notice, status) in cancelled.items():
        if key in counted:
            old_name, _ = counted.pop(key)
            skipped.append(Skipped(old_name, f"{status} by the notice {notice}", problem=False))
    return TradeStatistics(_rows(d for _, d in counted.values()), len(counted), tuple(skipped))


def _rows(certificates: Iterable[Any]) -> tuple[TradeRow, ...]:
    sums: dict[tuple[str, str, str, str], list[Any]] = {}
    for document in certificates:
        seen: set[tuple[str, str, str, str]] = set()
        for line in document.shipment.lines:
            key = (
                quarter_of(document.date_of_issue),
                document.exporting_participant,
                document.importing_participant,
                line.hs_code,
            )
            total = sums.setdefault(key, [Decimal(0), Decimal(0), 0])
            total[0] += line.carats
            total[1] += line.value_usd
            if key not in seen:
                seen.add(key)
                total[2] += 1
    return tuple(
        TradeRow(*key, carats=c, value_usd=v, certificates=n)
        for key, (c, v, n) in sorted(sums.items())
    )
