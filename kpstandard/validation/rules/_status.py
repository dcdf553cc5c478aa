"""Rules of the Certificate Status Notice and the Status Response, each document alone.

The rules that need several documents (a notice against its certificate, the notices of one
certificate against each other, a response as time evidence) are judged where those documents
meet: :mod:`kpstandard.status` and the pipeline's status evidence (spec/text/lifecycle.md).
"""

from __future__ import annotations

import datetime

from kpstandard.model import CertificateStatusNotice, StatusResponse
from kpstandard.validation.rules._registry import (
    NONE,
    Context,
    DocumentType,
    Violation,
    Violations,
    rule,
)

NOTICE: tuple[DocumentType, ...] = ("certificate-status-notice",)
RESPONSE: tuple[DocumentType, ...] = ("status-response",)
NOTICE_STATUSES = frozenset({"void", "replaced", "lost", "stolen", "withdrawn"})
"""The statuses a notice gives; a registry answers them, "issued" or "unknown"."""


@rule(
    "KP-R-060",
    requirement="KP-REQ-072",
    applies_to=NOTICE,
    title="The notice number begins with the code of the certificate's exporting Participant",
)
def notice_number_prefix(document: CertificateStatusNotice, context: Context) -> Violations:
    participant = document.certificate.exporting_participant
    if document.notice_number.startswith(participant):
        return NONE
    return (
        Violation(
            ("notice_number",),
            f"notice number {document.notice_number} does not begin with {participant}, the "
            "certificate's exporting Participant: only its exporting authority issues notices",
        ),
    )


@rule(
    "KP-R-061",
    requirement="KP-REQ-072",
    applies_to=NOTICE,
    title="The certificate number concerned begins with its exporting Participant's code",
)
def notice_certificate_prefix(document: CertificateStatusNotice, context: Context) -> Violations:
    reference = document.certificate
    if reference.number.startswith(reference.exporting_participant):
        return NONE
    return (
        Violation(
            ("certificate", "number"),
            f"certificate number {reference.number} does not begin with "
            f"{reference.exporting_participant}, the exporting Participant the notice names",
        ),
    )


@rule(
    "KP-R-062",
    requirement="KP-REQ-073",
    applies_to=NOTICE,
    title='A notice names a replacement certificate exactly when the status is "replaced"',
)
def notice_replacement_named(document: CertificateStatusNotice, context: Context) -> Violations:
    if document.status == "replaced" and document.replaced_by is None:
        return (
            Violation(
                ("status",),
                'the status is "replaced" but the notice names no replacement (replacedBy)',
            ),
        )
    if document.status != "replaced" and document.replaced_by is not None:
        return (
            Violation(
                ("replaced_by",),
                f"the notice names replacement {document.replaced_by} but its status is "
                f'"{document.status}", not "replaced"',
            ),
        )
    return NONE


@rule(
    "KP-R-063",
    requirement="KP-REQ-073",
    applies_to=NOTICE,
    title="A replacement is another certificate of the same exporting Participant",
)
def notice_replacement_number(document: CertificateStatusNotice, context: Context) -> Violations:
    replacement = document.replaced_by
    reference = document.certificate
    if replacement is None:
        return NONE
    if replacement == reference.number:
        message = f"certificate {replacement} cannot replace itself"
    elif not replacement.startswith(reference.exporting_participant):
        message = (
            f"replacement {replacement} does not begin with {reference.exporting_participant}: "
            "a replacement is issued by the exporting authority of the certificate it replaces"
        )
    else:
        return NONE
    return (Violation(("replaced_by",), message),)


@rule(
    "KP-R-064",
    requirement="KP-REQ-074",
    applies_to=NOTICE,
    title="The notice takes effect no earlier than the certificate's date of issue",
)
def notice_after_issue(document: CertificateStatusNotice, context: Context) -> Violations:
    issued = document.certificate.date_of_issue
    if document.effective_from.astimezone(datetime.UTC).date() >= issued:
        return NONE
    return (
        Violation(
            ("effective_from",),
            f"the notice takes effect at {document.effective_from.isoformat()}, before the "
            f"certificate's date of issue {issued}",
        ),
    )


@rule(
    "KP-R-065",
    requirement="KP-REQ-070",
    applies_to=NOTICE,
    title='A notice with the reason "other" says the reason in words',
)
def notice_other_reason_text(document: CertificateStatusNotice, context: Context) -> Violations:
    if document.reason != "other" or document.reason_text is not None:
        return NONE
    return (
        Violation(
            ("reason",),
            'the reason is "other" but the notice gives no reason text (reasonText)',
        ),
    )


@rule(
    "KP-R-066",
    requirement="KP-REQ-075",
    applies_to=RESPONSE,
    title="A status response is about a certificate of the responding Participant",
)
def response_number_prefix(document: StatusResponse, context: Context) -> Violations:
    if document.certificate_number.startswith(document.participant):
        return NONE
    return (
        Violation(
            ("certificate_number",),
            f"certificate number {document.certificate_number} does not begin with "
            f"{document.participant}: an authority answers only for the certificates its "
            "Participant issues",
        ),
    )


@rule(
    "KP-R-067",
    requirement="KP-REQ-075",
    applies_to=RESPONSE,
    title='A response gives the recorded-at instant exactly when the status is not "unknown"',
)
def response_recorded_at(document: StatusResponse, context: Context) -> Violations:
    if document.status == "unknown" and document.recorded_at is not None:
        return (
            Violation(
                ("recorded_at",),
                'the status is "unknown" (not recorded) but the response gives a recorded-at '
                "instant",
            ),
        )
    if document.status != "unknown" and document.recorded_at is None:
        return (
            Violation(
                ("status",),
                f'the status is "{document.status}" but the response gives no recorded-at '
                "instant (recordedAt)",
            ),
        )
    return NONE


@rule(
    "KP-R-068",
    requirement="KP-REQ-075",
    applies_to=RESPONSE,
    title="A status response gives the status's effective instant and replacement as it requires",
)
def response_status_details(document: StatusResponse, context: Context) -> Violations:
    found: list[Violation] = []
    changed = document.status in NOTICE_STATUSES
    if changed and document.status_since is None:
        found.append(
            Violation(
                ("status",),
                f'the status "{document.status}" needs the instant it took effect (statusSince)',
            )
        )
    if not changed and document.status_since is not None:
        found.append(
            Violation(
                ("status_since",),
                f'the status "{document.status}" has no effective instant; statusSince is not '
                "allowed",
            )
        )
    if (document.status == "replaced") != (document.replaced_by is not None):
        where = ("status",) if document.replaced_by is None else ("replaced_by",)
        found.append(
            Violation(
                where,
                'a replacement (replacedBy) is named exactly when the status is "replaced"; the '
                f'status is "{document.status}"',
            )
        )
    return found


@rule(
    "KP-R-069",
    requirement="KP-REQ-075",
    applies_to=RESPONSE,
    title="Recorded-at, status-since and answered-at instants are in that order",
)
def response_instants_in_order(document: StatusResponse, context: Context) -> Violations:
    found: list[Violation] = []
    answered = document.answered_at
    if document.recorded_at is not None and document.recorded_at > answered:
        found.append(
            Violation(
                ("recorded_at",),
                f"recorded at {document.recorded_at.isoformat()}, after the answer "
                f"({answered.isoformat()})",
            )
        )
    since = document.status_since
    if since is not None and since > answered:
        found.append(
            Violation(
                ("status_since",),
                f"the status takes effect at {since.isoformat()}, after the answer "
                f"({answered.isoformat()})",
            )
        )
    if since is not None and document.recorded_at is not None and since < document.recorded_at:
        found.append(
            Violation(
                ("status_since",),
                f"the status takes effect at {since.isoformat()}, before the certificate was "
                f"recorded ({document.recorded_at.isoformat()})",
            )
        )
    return found
