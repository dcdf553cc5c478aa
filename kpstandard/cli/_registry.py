"""``kpcert registry``: an exporting authority's issuing registry, in one SQLite file.

kpcert registry record SIGNED --db FILE     record a signed certificate before it leaves
kpcert registry notice SIGNED --db FILE     record a signed status notice of a recorded one
kpcert registry status NUMBER --digest D    answer with a signed Status Response
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
from pathlib import Path
from typing import Any

from kpstandard._api import dumps, sign
from kpstandard.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    instant_argument,
    print_json,
    read_bytes,
    write_output,
)
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.model import Authority
from kpstandard.registry import RegistryError, SQLiteRegistry, add_notice, record, respond
from kpstandard.signature.keys import load_certificate, load_private_key

__all__ = ["register"]


def register(commands: Any) -> None:
    registry = commands.add_parser(
        "registry",
        help="keep an exporting authority's issuing registry and answer status questions",
        description="The issuing registry of an exporting authority (spec/text/lifecycle.md): "
        "record every certificate before it leaves the authority's system, record its status "
        "notices, and answer 'did you issue this number with this digest, and its status?' with "
        "a signed Status Response. Exit 0 on success, 1 when the registry refuses, 2 for bad "
        "usage.",
    )
    actions = registry.add_subparsers(dest="action", required=True, metavar="ACTION")

    parser = actions.add_parser(
        "record",
        help="record a signed certificate",
        description="Record a signed KP Certificate (number, SHA-256 digest of its bytes, the "
        "instant of this system's clock) before it leaves the authority's system. Recording the "
        "same bytes again keeps the first instant; the same number with other bytes is refused.",
    )
    parser.add_argument("path", metavar="PATH", help="the signed certificate (XML)")
    _db(parser)
    parser.set_defaults(run=run_record)

    parser = actions.add_parser(
        "notice",
        help="record a signed Certificate Status Notice",
        description="Record a signed Certificate Status Notice of a recorded certificate: same "
        "digest and issuing authority, not before the record, and no change after void, "
        "replaced or withdrawn.",
    )
    parser.add_argument("path", metavar="PATH", help="the signed notice (XML)")
    _db(parser)
    parser.set_defaults(run=run_notice)

    parser = actions.add_parser(
        "status",
        help="answer with a signed Status Response",
        description="Answer 'did you issue this number with this digest, and its status?' with "
        "a Status Response signed with the authority's key: issued, a notice's status, or "
        "unknown when no certificate with that number and digest was recorded.",
    )
    parser.add_argument("number", metavar="NUMBER", help="the certificate number asked about")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--digest", metavar="BASE64", help="the SHA-256 digest asked about")
    what.add_argument(
        "--certificate", metavar="PATH", help="the signed certificate asked about (its digest)"
    )
    _db(parser)
    parser.add_argument("--key", required=True, metavar="KEY", help="the authority's key (PEM)")
    parser.add_argument("--cert", required=True, metavar="CERT", help="its certificate (PEM)")
    parser.add_argument(
        "--authority", required=True, metavar="ID", help="the authority's identifier"
    )
    parser.add_argument(
        "--authority-name", required=True, metavar="NAME", help="the authority's name, English"
    )
    parser.add_argument(
        "--answered-at",
        type=instant_argument,
        metavar="TIME",
        help="the instant of the answer (default: now; set it only to replay an answer in tests)",
    )
    parser.add_argument("-o", "--output", metavar="PATH", help="write here (default: stdout)")
    parser.set_defaults(run=run_status)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", required=True, metavar="FILE", help="the registry's SQLite file (created if new)"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )


def _open(args: argparse.Namespace) -> SQLiteRegistry:
    try:
        return SQLiteRegistry(args.db)
    except RegistryError as exc:
        raise UsageError(str(exc)) from exc


def _refused(args: argparse.Namespace, exc: Exception) -> int:
    if getattr(args, "format", "text") == "json":
        print_json({"recorded": False, "error": str(exc)})
    else:
        print(f"{args.path}: refused: {exc}")
    return EXIT_FAILED


def run_record(args: argparse.Namespace) -> int:
    data = read_bytes(args.path)
    with _open(args) as store:
        try:
            entry = record(store, data)
        except KPStandardError as exc:
            return _refused(args, exc)
    if args.format == "json":
        print_json(
            {
                "recorded": True,
                "number": entry.number,
                "digestSha256": entry.digest,
                "recordedAt": entry.recorded_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
    else:
        print(f"{entry.number}: recorded at {entry.recorded_at.isoformat()} ({entry.digest})")
    return EXIT_OK


def run_notice(args: argparse.Namespace) -> int:
    data = read_bytes(args.path)
    with _open(args) as store:
        try:
            notice = add_notice(store, data)
        except KPStandardError as exc:
            return _refused(args, exc)
    if args.format == "json":
        print_json({"recorded": True, "notice": notice.notice_number, "status": notice.status})
    else:
        print(
            f"{notice.notice_number}: recorded; certificate {notice.certificate.number} is "
            f"{notice.status} from {notice.effective_from.isoformat()}"
        )
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    digest = args.digest
    if args.certificate is not None:
        digest = base64.b64encode(hashlib.sha256(read_bytes(args.certificate)).digest()).decode()
    try:
        key = load_private_key(Path(args.key))
        certificate = load_certificate(Path(args.cert))
    except KPStandardError as exc:
        raise UsageError(str(exc)) from exc
    authority = Authority(name={"en": args.authority_name}, identifier=args.authority)
    when: datetime.datetime | None = args.answered_at
    with _open(args) as store:
        try:
            answer = respond(
                store,
                args.number,
                digest,
                participant=args.number[:2],
                authority=authority,
                now=when,
            )
            signed = sign(dumps(answer, "xml"), key=key, certificate=certificate)
        except InvalidDocumentError as exc:
            codes = ", ".join(f"{f.code} {f.message}" for f in exc.findings)
            print(f"{args.number}: no answer, the response does not conform: {codes}")
            return EXIT_FAILED
        except KPStandardError as exc:
            print(f"{args.number}: no answer: {exc}")
            return EXIT_FAILED
    write_output(signed, args.output)
    return EXIT_OK
