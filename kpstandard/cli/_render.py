"""``kpcert render`` (a printable HTML page or PDF with the QR verification payload) and
``kpcert verify-print`` (does a printout's QR payload name this signed document?)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kpstandard.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    plural,
    print_json,
    read_bytes,
    write_output,
)
from kpstandard.errors import InvalidDocumentError


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "render",
        help="render a document as a printable PDF or HTML page with a QR code",
        description="Render a document as a person reads it: the Annex I elements in order, every "
        "language version, marked as a rendering, and for a signed document a QR code carrying "
        "its verification payload (spec/text/printout.md). The same input gives the same bytes. "
        "An unsigned document renders as a draft without a QR code. Exit 0 when rendered, 1 when "
        "the document is refused (not schema-valid, or a signature that does not hold), 2 for bad "
        "usage.",
    )
    parser.add_argument("path", metavar="PATH", help="the document; - for standard input")
    parser.add_argument("--format", choices=("pdf", "html"), default="pdf", help="default: pdf")
    parser.add_argument(
        "--status-url",
        metavar="URL",
        help="where the issuing registry answers status queries (https://...), put in the QR "
        "payload",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of standard output"
    )
    parser.set_defaults(run=run_render)

    parser = commands.add_parser(
        "verify-print",
        help="check a printout's QR payload against the signed digital document",
        description="Check that a printout and a signed digital document are the same: the QR "
        "payload (as a QR reader shows it) must parse, and name the document's type, issuing "
        "Participant, number and the SHA-256 of its exact bytes. Then verify the digital "
        "document itself with `kpcert verify`. Exit 0 when they match, 1 when not, 2 for bad "
        "usage.",
    )
    parser.add_argument("payload", metavar="PAYLOAD", help="the text of the printout's QR code")
    parser.add_argument("path", metavar="PATH", help="the signed document; - for standard input")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default); json: the comparison as one object",
    )
    parser.set_defaults(run=run_verify_print)


def _render_module() -> Any:
    try:
        import kpstandard.render as render
    except ImportError as exc:
        raise UsageError(
            f"rendering needs the render extra: pip install 'kpstandard[render]' ({exc.name})"
        ) from exc
    return render


def run_render(args: argparse.Namespace) -> int:
    render = _render_module()
    if args.status_url and not args.status_url.startswith("https://"):
        raise UsageError("--status-url must be an https:// URL")
    data = read_bytes(args.path)
    try:
        out = render.render(data, args.format, status_url=args.status_url)
    except InvalidDocumentError as exc:
        count = plural(len(exc.findings), "problem")
        print(f"{args.path}: not rendered, the document is refused ({count}):", file=sys.stderr)
        for finding in exc.findings:
            print(f"  {finding.code} {finding.location or '/'}: {finding.message}", file=sys.stderr)
        return EXIT_FAILED
    except RuntimeError as exc:
        raise UsageError(str(exc)) from exc
    write_output(out, args.output)
    return EXIT_OK


def run_verify_print(args: argparse.Namespace) -> int:
    render = _render_module()
    check = render.check_printout(args.payload, read_bytes(args.path))
    if args.format == "json":
        print_json({"matches": check.matches, "problems": list(check.problems)})
    elif check.matches:
        print(f"{args.path}: the printout matches ({check.payload.text()})")
    else:
        print(f"{args.path}: the printout does not match:")
        for problem in check.problems:
            print(f"  {problem}")
    return EXIT_OK if check.matches else EXIT_FAILED
