"""Refusals of the service: requests it does not judge, each with a stable code.

These are not findings about a document (a document's defects are findings in the report, with
the library's codes); they say why a request got no report. The body is
``{"error": {"code": ..., "message": ...}}``, described in ``spec/service/openapi.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import JSONResponse

__all__ = ["REFUSALS", "Refusal", "refuse"]


@dataclass(frozen=True)
class Refusal:
    code: str
    status: int
    title: str


TOO_LARGE = Refusal("KP-SV-001", 413, "The request body is larger than the service accepts")
BAD_PARAMETER = Refusal("KP-SV-002", 400, "A query parameter is missing or malformed")
TIMEOUT = Refusal("KP-SV-003", 503, "The request took longer than the service allows")
NO_TRUST_LIST = Refusal("KP-SV-004", 503, "No usable trust list is configured for verification")
INTERNAL = Refusal("KP-SV-005", 500, "An internal error of the service (a bug; please report it)")
UNPROCESSABLE = Refusal("KP-SV-006", 422, "The document cannot be converted or rendered")
BUSY = Refusal("KP-SV-007", 503, "Too many requests are waiting; try again later")
NOT_FOUND = Refusal("KP-SV-008", 404, "No such resource")
BAD_BUNDLE = Refusal("KP-SV-009", 400, "The bundle (a document with its evidence) is malformed")
REFUSALS = (
    TOO_LARGE,
    BAD_PARAMETER,
    TIMEOUT,
    NO_TRUST_LIST,
    INTERNAL,
    UNPROCESSABLE,
    BUSY,
    NOT_FOUND,
    BAD_BUNDLE,
)


def refuse(refusal: Refusal, message: str = "", **extra: object) -> JSONResponse:
    body: dict[str, object] = {"code": refusal.code, "message": message or refusal.title}
    body.update(extra)
    headers = {"Retry-After": "1"} if refusal.status == 503 else None
    return JSONResponse({"error": body}, status_code=refusal.status, headers=headers)
