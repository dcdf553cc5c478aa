"""The ASGI application of ``kpcert serve``: validate, verify, convert, render, and the page.

Every request body is a document's exact bytes (JSON or XML), read up to ``max_body``, or, for
validate, verify and the page, a bundle (``_bundle.py``): the document with its status evidence
and, for an import confirmation, the certificate it confirms. The
answer is the same JSON report ``kpcert validate --format json`` / ``kpcert verify --format json``
print for one document. The judging runs in a worker thread under a per-worker capacity limit and
a deadline; nothing is kept between requests but the trust list.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.resources
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
from cryptography.hazmat.primitives.serialization import Encoding
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kpstandard import findings as F
from kpstandard._api import convert, document_type_of, validate, verify
from kpstandard._resources import spec_dir
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.findings import UNSIGNED, DocumentReport, Layer, LayerResult, LayerStatus
from kpstandard.service import _errors as E
from kpstandard.service._bundle import Bundle, BundleError, is_bundle, parse_bundle
from kpstandard.service._config import ServiceConfig
from kpstandard.service._status import status_json
from kpstandard.service._trust import TrustStore
from kpstandard.signature.trustlist import TrustList
from kpstandard.signature.verify import check_signature
from kpstandard.syntax._json import to_json_value

__all__ = ["create_app"]

log = logging.getLogger("kpstandard.service")
STATIC = Path(str(importlib.resources.files("kpstandard.service") / "static"))
Handler = Callable[[Request], Awaitable[Response]]
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; media-src 'self' blob:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class _TooLarge(Exception):
    pass


class _BadParameter(Exception):
    pass


class _BadBundle(Exception):
    pass


BUNDLE_FACTOR = 4
"""A bundle's body may be this many times ``max_body`` (each document in it at most
``max_body``): base64 adds a third, and the evidence comes beside the document."""


async def _inputs(request: Request, limit: int) -> Bundle:
    """The document (and, in a bundle, its evidence and confirmed certificate) of a request."""
    if not is_bundle(request.headers.get("content-type")):
        return Bundle(await _body(request, limit))
    body = await _body(request, limit * BUNDLE_FACTOR)
    try:
        return parse_bundle(body, limit=limit)
    except BundleError as exc:
        raise _BadBundle(str(exc)) from None


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused past ``limit`` bytes without reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _instant(text: str | None) -> datetime.datetime | None:
    if not text:
        return None
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise _BadParameter(f"not an ISO 8601 instant: {text[:64]!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise _BadParameter(f"not an ISO 8601 date: {text[:64]!r}") from None


def _choice(text: str | None, choices: tuple[str, ...], name: str) -> str:
    if text not in choices:
        raise _BadParameter(f"{name} must be one of {', '.join(choices)}")
    return text


def signer_json(data: bytes, trust_list: TrustList | None) -> dict[str, Any] | None:
    """Who signed (as the embedded certificate says) and the trust-list entries that list it."""
    check = check_signature(data)
    if check.signer is None:
        return None
    try:
        fingerprint = hashlib.sha256(check.signer.public_bytes(Encoding.DER)).hexdigest()
        subject = check.signer.subject.rfc4514_string()
    except Exception:  # an odd embedded certificate: untrusted input
        return None
    listed = []
    if trust_list is not None:
        for listing in trust_list.listings(check.signer):
            listed.append(
                {
                    "participant": listing.participant,
                    "authority": listing.authority.identifier,
                    "authorityName": dict(listing.authority.name),
                    "validFrom": listing.entry.valid_from.isoformat(),
                    "validUntil": listing.entry.valid_until.isoformat()
                    if listing.entry.valid_until
                    else None,
                }
            )
    return {"subject": subject, "sha256": fingerprint, "listedAs": listed}


def _time_ran(report: DocumentReport) -> bool:
    """Whether the signature and trust held, so the time layer (and the status) was judged."""
    return any(r.layer is Layer.TIME and r.status is not LayerStatus.NOT_RUN for r in report.layers)


def _document_json(report: DocumentReport) -> Any:
    if report.document is None:
        return None
    return to_json_value(document_type_of(report.document), report.document)


class Service:
    """The handlers, bound to one configuration and one trust store."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.store = (
            TrustStore(
                config.trust_list,
                config.trust_anchor or "",
                min_sequence=config.min_sequence,
                reload_interval=config.reload_interval,
            )
            if config.trust_list
            else None
        )
        self.limiter = anyio.CapacityLimiter(max(1, config.concurrency))
        self.waiting = 0

    def trust_list(self) -> TrustList | None:
        return None if self.store is None else self.store.current()

    async def run(self, function: Callable[[], Response]) -> Response:
        """Run blocking work in a thread, under the capacity limit and the deadline."""
        if self.waiting >= self.config.backlog:
            return E.refuse(E.BUSY)
        self.waiting += 1
        try:
            with anyio.fail_after(self.config.timeout):
                return await anyio.to_thread.run_sync(
                    function, abandon_on_cancel=True, limiter=self.limiter
                )
        except TimeoutError:
            return E.refuse(E.TIMEOUT, f"no answer within {self.config.timeout:g} s")
        finally:
            self.waiting -= 1

    def guard(self, handler: Handler) -> Handler:
        async def guarded(request: Request) -> Response:
            try:
                response = await handler(request)
            except _TooLarge:
                response = E.refuse(E.TOO_LARGE, f"at most {self.config.max_body} bytes")
            except _BadParameter as exc:
                response = E.refuse(E.BAD_PARAMETER, str(exc))
            except _BadBundle as exc:
                response = E.refuse(E.BAD_BUNDLE, str(exc))
            except ClientDisconnect:
                response = Response(status_code=499)
            except Exception as exc:  # the promise: a request never crashes the service
                log.exception("internal error in %s", request.url.path)
                response = E.refuse(E.INTERNAL, f"{type(exc).__name__} in {request.url.path}")
            response.headers.update(SECURITY_HEADERS)
            return response

        return guarded

    async def validate(self, request: Request) -> Response:
        given = await _inputs(request, self.config.max_body)
        if given.status_evidence:
            raise _BadParameter("status evidence is judged by /v1/verify, not /v1/validate")
        at = _date(request.query_params.get("rulesDate"))

        def work() -> Response:
            report = validate(given.document, at=at, certificate=given.certificate)
            return JSONResponse(report.to_json())

        return await self.run(work)

    def _verification(self, given: Bundle, when: datetime.datetime | None) -> dict[str, Any]:
        tl = self.trust_list()
        if tl is None:
            raise LookupError
        instant = when or datetime.datetime.now(datetime.UTC)
        data = given.document
        report = verify(
            data,
            trust_list=tl,
            verification_time=instant,
            certificate=given.certificate,
            status_evidence=given.status_evidence,
            anchor_ended_keys=given.anchor_ended_keys,
        )
        result = report.to_json()
        result["signer"] = signer_json(data, tl)
        if report.valid:
            result["document"] = _document_json(report)
        result["trustList"] = {"sequence": tl.document.sequence_number, "usable": True}
        result["verificationTime"] = instant.isoformat()
        if _time_ran(report):
            result["status"] = status_json(report, data, given.status_evidence, tl, instant)
        else:
            result["status"] = None
        return result

    def _no_trust_list(self) -> Response:
        findings = [f.to_json() for f in self.store.findings] if self.store else []
        return E.refuse(E.NO_TRUST_LIST, findings=findings)

    async def verify(self, request: Request) -> Response:
        given = await _inputs(request, self.config.max_body)
        when = _instant(request.query_params.get("verificationTime"))
        if self.trust_list() is None:
            return self._no_trust_list()
        return await self.run(lambda: JSONResponse(self._verification(given, when)))

    async def convert(self, request: Request) -> Response:
        data = await _body(request, self.config.max_body)
        to = _choice(request.query_params.get("to"), ("json", "xml"), "to")

        def work() -> Response:
            try:
                out = convert(data, to)  # type: ignore[arg-type]
            except InvalidDocumentError as exc:
                return E.refuse(E.UNPROCESSABLE, findings=[f.to_json() for f in exc.findings])
            media = "application/json" if to == "json" else "application/xml"
            return Response(out, media_type=media)

        return await self.run(work)

    async def render(self, request: Request) -> Response:
        data = await _body(request, self.config.max_body)
        kind = _choice(request.query_params.get("format", "pdf"), ("pdf", "html"), "format")

        def work() -> Response:
            from kpstandard.render import render

            try:
                out = render(data, kind, status_url=self.config.status_url)  # type: ignore[arg-type]
            except InvalidDocumentError as exc:
                return E.refuse(E.UNPROCESSABLE, findings=[f.to_json() for f in exc.findings])
            media = "application/pdf" if kind == "pdf" else "text/html; charset=utf-8"
            return Response(out, media_type=media)

        return await self.run(work)

    async def verify_print(self, request: Request) -> Response:
        data = await _body(request, self.config.max_body)
        payload = request.query_params.get("payload")
        if not payload:
            raise _BadParameter("payload (the text of the printout's QR code) is required")

        def work() -> Response:
            from kpstandard.render import check_printout

            check = check_printout(payload, data)
            return JSONResponse({"matches": check.matches, "problems": list(check.problems)})

        return await self.run(work)

    def _inspect(self, given: Bundle, when: datetime.datetime | None) -> dict[str, Any]:
        """For the page: verify when signed and a trust list is loaded, else validate; and the
        document laid out as HTML (what the signature covers, when it holds)."""
        from kpstandard.render import read_source
        from kpstandard.render._html import certificate_fragment

        # Any signature, even one that does not hold, means the document is verified, never just
        # validated: a tampered signed document must show "invalid", not its content as valid.
        data = given.document
        check = check_signature(data)
        signed = check.syntax == "xml" and all(f.code != UNSIGNED.code for f in check.findings)
        tl = self.trust_list()
        if signed and tl is not None:
            result = self._verification(given, when)
            result["mode"] = "verify"
        elif signed and not check.holds:  # no trust list, but the signature is broken anyway
            report = DocumentReport(
                syntax="xml",
                type=check.document_type,
                findings=check.findings,
                layers=(LayerResult(Layer.SIGNATURE, LayerStatus.FAILED),),
            )
            result = report.to_json()
            result["mode"] = "validate"
            result["signer"] = None
        else:
            report = validate(data, certificate=given.certificate)
            result = report.to_json()
            result["mode"] = "validate"
            result["signer"] = signer_json(data, None) if signed else None
        result["layout"] = None
        result.setdefault("status", None)
        # An authentic certificate whose only defect is its status (void, replaced, unknown to its
        # registry) is shown with that status; nothing else that is not valid is laid out.
        status_only = {F.STATUS_CHANGED.code, F.NOT_IN_REGISTRY.code, F.EVIDENCE_UNUSABLE.code}
        authentic = (
            result["mode"] == "verify"
            and all(
                f["code"] in status_only or f["severity"] != "error" for f in result["findings"]
            )
            and result["status"] is not None
            and result["status"]["status"] != "not-judged"
        )
        showable = result["mode"] == "validate" or result["verdict"] == "valid" or authentic
        if showable:
            try:
                source = read_source(data, status_url=self.config.status_url)
            except (InvalidDocumentError, KPStandardError):
                source = None
            if source is not None:
                result["layout"] = certificate_fragment(source)
                result["payload"] = source.payload.text() if source.payload else None
        return result

    async def inspect(self, request: Request) -> Response:
        given = await _inputs(request, self.config.max_body)
        when = _instant(request.query_params.get("verificationTime"))
        return await self.run(lambda: JSONResponse(self._inspect(given, when)))

    async def health(self, request: Request) -> Response:
        body: dict[str, Any] = {"status": "ok", "trustList": None}
        if self.store is not None:
            self.store.current()
            body["trustList"] = {
                "sequence": self.store.sequence,
                "usable": self.store.trust_list is not None,
                "findings": [f.to_json() for f in self.store.findings],
            }
        return JSONResponse(body)

    async def page(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def openapi(self, request: Request) -> Response:
        return FileResponse(spec_dir() / "service" / "openapi.yaml", media_type="application/yaml")


async def _not_found(request: Request, exc: Exception) -> Response:
    return E.refuse(E.NOT_FOUND)


def create_app(config: ServiceConfig | None = None) -> Starlette:
    """The application for one configuration (default: the one in the environment)."""
    config = config or ServiceConfig.from_environment()
    service = Service(config)
    g = service.guard
    routes = [
        Route("/", g(service.page), methods=["GET"]),
        Route("/openapi.yaml", g(service.openapi), methods=["GET"]),
        Route("/v1/health", g(service.health), methods=["GET"]),
        Route("/v1/validate", g(service.validate), methods=["POST"]),
        Route("/v1/verify", g(service.verify), methods=["POST"]),
        Route("/v1/convert", g(service.convert), methods=["POST"]),
        Route("/v1/render", g(service.render), methods=["POST"]),
        Route("/v1/verify-print", g(service.verify_print), methods=["POST"]),
        Route("/v1/inspect", g(service.inspect), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: _not_found})
    app.state.service = service
    return app
