"""``kpcert trust-list``: build, sign and verify an Authority Trust List."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kpstandard.cli._common import EXIT_FAILED, EXIT_OK, UsageError, read_limited, write_output
from kpstandard.cli._signing import (
    add_verification_time,
    run_sign,
    trust_list_outcome,
    whole_number,
)
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.pipeline import build_trust_list


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "trust-list",
        help="build, sign and verify an Authority Trust List",
        description="The Authority Trust List names, per Participant, the authorities and the "
        "certificates with which they sign, with validity and status history; its operator "
        "signs it.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    build = actions.add_parser(
        "build",
        help="build an unsigned trust list from a YAML description",
        description="Build an unsigned trust list from a YAML (or JSON) description in the trust "
        "list's JSON form, where a certificate may be given as `file: cert.pem`.",
    )
    build.add_argument("description", metavar="DESCRIPTION", help="the YAML or JSON description")
    build.add_argument(
        "--to", choices=("xml", "json"), default="xml", help="output syntax (default: xml)"
    )
    build.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    build.set_defaults(run=run_build)

    sign = actions.add_parser(
        "sign",
        help="sign a trust list with the operator's key",
        description="Sign a trust list with the list operator's key (enveloped XML signature).",
    )
    sign.add_argument("path", metavar="PATH", help="the unsigned trust list")
    sign.add_argument("--key", required=True, metavar="KEY", help="the operator's key (PEM)")
    sign.add_argument("--cert", required=True, metavar="CERT", help="its certificate (PEM)")
    sign.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    sign.set_defaults(run=run_sign, xades=False)

    verify = actions.add_parser(
        "verify",
        help="verify a trust list against the operator's pinned certificate",
        description="Verify a trust list: signed by the pinned operator, valid, not older than "
        "an issue already accepted (--min-sequence, --state-file) and (with --verification-time) "
        "in force at that time. Exit 0 when it can be used, 1 otherwise, 2 for bad usage.",
    )
    verify.add_argument("trust_list", metavar="TL", help="the signed trust list")
    verify.add_argument(
        "--trust-anchor", required=True, metavar="CERT", help="the operator's certificate (PEM)"
    )
    verify.add_argument(
        "--min-sequence",
        type=whole_number,
        metavar="N",
        help="refuse the list if its sequence number (issue) is below N",
    )
    verify.add_argument(
        "--state-file",
        metavar="PATH",
        help="remember the highest issue accepted per list operator in this JSON file (created "
        "when missing) and refuse an older one",
    )
    add_verification_time(verify, "--at")
    verify.set_defaults(run=run_verify)


def run_build(args: argparse.Namespace) -> int:
    try:
        data = build_trust_list(Path(args.description), args.to)
    except InvalidDocumentError as exc:
        print(f"{args.description}: the trust list it describes is invalid:", file=sys.stderr)
        for finding in exc.findings:
            print(f"  {finding.code} {finding.location or '/'}: {finding.message}", file=sys.stderr)
        return EXIT_FAILED
    except KPStandardError as exc:
        raise UsageError(str(exc)) from exc
    write_output(data, args.output)
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    read_limited(args.trust_list)  # an unreadable path is a usage error, not an invalid list
    outcome = trust_list_outcome(args)
    assert outcome is not None
    trust_list = outcome.trust_list
    if trust_list is None:
        reasons = "; ".join(f"{f.code}: {f.message}" for f in outcome.findings)
        print(
            f"kpcert: the trust list {args.trust_list} cannot be used: {reasons}", file=sys.stderr
        )
        return EXIT_FAILED
    document = trust_list.document
    listed = sum(len(a.certificates) for p in document.participants for a in p.authorities)
    print(
        f"{args.trust_list}: signed by the pinned operator; issue {document.sequence_number}, "
        f"issued {document.issued.isoformat()}, next update {document.next_update.isoformat()}; "
        f"{len(document.participants)} Participants, {listed} certificates"
    )
    when = args.verification_time
    if when is not None and not trust_list.current_at(when):
        print(f"KP-TM-001: not in force at {when.isoformat()}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
