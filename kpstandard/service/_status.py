"""The certificate's status as the verification page and ``/v1/verify`` show it.

The verdict and its findings come from the pipeline (:func:`kpstandard.verify` with the status
evidence); this module only states, for a person, what the evidence says: the status, since when,
the replacement, and which notice or status response says so. Each item of evidence is verified
again here against the same trust list, so nothing unverified is ever shown as a status.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from kpstandard import findings as F
from kpstandard._api import verify
from kpstandard.findings import DocumentReport
from kpstandard.model import CertificateStatusNotice, KPCertificate, StatusResponse
from kpstandard.signature.trustlist import TrustList
from kpstandard.status import digest_matches, status_of

__all__ = ["status_json"]

_UNANCHORED = (F.UNANCHORED_REVOKED.code, F.UNANCHORED_ENDED.code)


def _about(response: StatusResponse, certificate: KPCertificate, data: bytes) -> bool:
    return (
        response.certificate_number == certificate.certificate_number
        and response.participant == certificate.exporting_participant
        and response.responding_authority.identifier == certificate.issuing_authority.identifier
        and digest_matches(response.digest.algorithm, response.digest.value, data)
    )


def _instant(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def status_json(
    report: DocumentReport,
    data: bytes,
    evidence: Sequence[bytes],
    trust_list: TrustList,
    instant: datetime.datetime,
) -> dict[str, Any] | None:
    """The ``status`` member of a verification: None when the document is not a certificate
    whose signature and trust held (no status can be said of it).

    ``status`` is ``issued`` (in force as far as the evidence says), a status of a notice
    (``void``, ``replaced``, ``lost``, ``stolen``, ``withdrawn``), ``unknown`` (its registry
    recorded no such certificate), ``not-judged`` (its date is not anchored: KP-ST-001/002), or
    ``not-checked`` (no evidence was given: the document alone cannot say it was not voided).
    """
    certificate = report.document
    if not isinstance(certificate, KPCertificate):
        return None
    codes = {f.code for f in report.findings}
    items: list[dict[str, Any]] = []
    notices: list[CertificateStatusNotice] = []
    responses: list[StatusResponse] = []
    for index, item in enumerate(evidence, 1):
        checked = verify(item, trust_list=trust_list, verification_time=instant)
        found = checked.document
        entry: dict[str, Any] = {
            "index": index,
            "type": checked.type,
            "verdict": checked.verdict.value,
        }
        if checked.valid and isinstance(found, CertificateStatusNotice):
            entry["number"] = found.notice_number
            notices.append(found)
        elif checked.valid and isinstance(found, StatusResponse):
            entry["authority"] = found.responding_authority.identifier
            entry["answeredAt"] = _instant(found.answered_at)
            if _about(found, certificate, data):
                responses.append(found)
        items.append(entry)
    result: dict[str, Any] = {
        "status": "not-checked" if not evidence else "issued",
        "since": None,
        "replacedBy": None,
        "saidBy": None,
        "evidence": items,
    }
    unanchored = [f for f in report.findings if f.code in _UNANCHORED]
    if unanchored:
        result.update(status="not-judged", code=unanchored[0].code, saidBy=unanchored[0].message)
        return result
    state = status_of(certificate, notices, at=instant, data=data)
    if not state.in_force:
        result.update(
            status=state.status,
            since=_instant(state.since),
            replacedBy=state.replaced_by,
            saidBy=f"Certificate Status Notice {state.notice}",
        )
        return result
    for response in responses:
        who = f"status response of {response.responding_authority.identifier}'s registry"
        said = f"{who}, answered at {_instant(response.answered_at)}"
        since = response.status_since
        if response.status == "unknown":
            result.update(status="unknown", saidBy=said)
        elif response.status != "issued" and since is not None and since <= instant:
            result.update(
                status=response.status,
                since=_instant(since),
                replacedBy=response.replaced_by,
                saidBy=said,
            )
        elif result["saidBy"] is None:
            result["saidBy"] = said
        if result["status"] != "issued":
            break
    if result["status"] == "issued" and F.STATUS_CHANGED.code in codes:
        result["status"] = "changed"  # the pipeline saw a change this summary cannot name
    return result
