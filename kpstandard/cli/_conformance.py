"""``kpcert conformance``: the conformance suite's vectors, runner, adapter and self-check.

kpcert conformance run [--adapter "COMMAND" | --url URL] [--node URL --kit DIR]
                       [--role ROLE ...] [--versions 1.0,1.1] [--report-dir DIR]
kpcert conformance adapter [--listen HOST:PORT]
kpcert conformance check
kpcert conformance generate
kpcert conformance report REPORT.jsonl
kpcert conformance exchange --url URL --kit DIR [--make-kit] [--restart-command CMD]
    (the same as ``run --node URL --kit DIR --area exchange``; kept for existing scripts)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from kpstandard.cli._common import EXIT_FAILED, EXIT_OK, UsageError, plural, print_json
from kpstandard.conformance._manifest import AREAS, EXCHANGE_AREA, ROLES
from kpstandard.conformance._report import InvalidReport, read_report
from kpstandard.conformance._suite import InvalidSuiteError, default_suite_dir, load_suite

DEFAULT_REPORT_DIR = "conformance-report"


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "conformance",
        help="run the conformance suite against an implementation, or check the suite",
        description="The conformance suite: test vectors in conformance/, a runner that drives an "
        "implementation through the adapter protocol, the reference implementation's own adapter, "
        "and a check of the suite itself.",
    )
    sub = parser.add_subparsers(dest="conformance_command", required=True, metavar="COMMAND")
    _register_run(sub)
    _register_adapter(sub)
    _register_check(sub)
    _register_generate(sub)
    _register_report(sub)
    _register_exchange(sub)


def _suite_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--suite",
        metavar="DIR",
        help="the suite folder (default: conformance/ of this installation)",
    )


def _suite_dir(args: argparse.Namespace) -> Path:
    if args.suite:
        folder = Path(args.suite)
        if not (folder / "schemas" / "manifest.schema.json").is_file():
            raise UsageError(f"{folder} is not a conformance suite folder")
        return folder
    try:
        return default_suite_dir()
    except InvalidSuiteError as exc:
        raise UsageError(str(exc)) from exc


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default); json for programs",
    )


# --- run ---------------------------------------------------------------------------------------


def _register_run(sub: Any) -> None:
    parser = sub.add_parser(
        "run",
        help="run the suite against an implementation",
        description="Run the conformance suite against an implementation reached through the "
        "adapter protocol: a command speaking JSON lines on stdin/stdout (--adapter), or a service "
        "answering POST /start, /run and /stop (--url). Crashes, hangs and garbled answers are "
        "recorded on the test where they happen, and the run goes on. Writes report.jsonl, "
        "summary.json, junit.xml, report.html and badge.json to the report folder. Exit 0 when "
        "every applicable MUST test passed, 1 otherwise, 2 for bad usage. A run limited by "
        "--area, --test or --role (leaving out a role the implementation declares) is partial: "
        "its reports say 'not a conformance claim' and record the selection. With --node (and "
        "--kit), the exchange area is played against an exchange node over the exchange "
        "protocol, in the same report; --node alone tests only the node. With --versions, tests "
        "of no version claimed are recorded not applicable.",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--adapter", metavar="COMMAND", help="the command that starts the adapter")
    target.add_argument("--url", metavar="URL", help="the base URL of an adapter service")
    _node_options(parser, required=False)
    parser.add_argument(
        "--versions",
        metavar="V[,V...]",
        help="the versions of the standard the implementation supports, e.g. 1.0,1.1 (default: "
        "every version); tests of no version claimed are recorded not applicable",
    )
    parser.add_argument(
        "--role",
        action="append",
        choices=ROLES,
        metavar="ROLE",
        help=f"test only this role (repeatable; default every role: {', '.join(ROLES)})",
    )
    parser.add_argument(
        "--area",
        action="append",
        choices=list(AREAS),
        metavar="AREA",
        help=f"run only this area (repeatable; {', '.join(AREAS)})",
    )
    parser.add_argument(
        "--test",
        action="append",
        metavar="PATTERN",
        help="run only tests whose id matches this pattern, e.g. 'KP-V-HOS-*' (repeatable)",
    )
    parser.add_argument(
        "--report-dir",
        metavar="DIR",
        default=DEFAULT_REPORT_DIR,
        help=f"where the report goes (default: ./{DEFAULT_REPORT_DIR})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds the implementation has to answer one test (default 10)",
    )
    parser.add_argument(
        "--start-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="seconds it has to answer start (default 30)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    _suite_option(parser)
    _format_option(parser)
    parser.set_defaults(run=run)


def _versions(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    from kpstandard.conformance._versions import all_versions

    claimed = tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))
    unknown = [v for v in claimed if v not in all_versions()]
    if unknown or not claimed:
        raise UsageError(
            f"--versions takes versions of the standard separated by commas "
            f"({', '.join(all_versions())}), not {text!r}"
        )
    return claimed


def run(args: argparse.Namespace) -> int:
    from kpstandard.conformance._render import write_renderings
    from kpstandard.conformance._runner import RunOptions, plan, run_suite
    from kpstandard.conformance._summary import summarize, text_summary
    from kpstandard.conformance._transport import HttpTransport, StdioTransport, Transport

    if args.timeout <= 0 or args.start_timeout <= 0:
        raise UsageError("timeouts are positive numbers of seconds")
    if not (args.adapter or args.url or args.node):
        raise UsageError("give an implementation (--adapter or --url), a node (--node), or both")
    node = _node_target(args)
    areas = args.area
    if node is not None and not (args.adapter or args.url):
        areas = [EXCHANGE_AREA]  # a node alone: the exchange area only
        if args.area and args.area != [EXCHANGE_AREA]:
            raise UsageError("with --node alone only the exchange area runs; give --adapter too")
    try:
        suite = load_suite(_suite_dir(args), areas=areas)
    except InvalidSuiteError as exc:
        raise UsageError(str(exc)) from exc
    options = RunOptions(
        roles=tuple(args.role or ROLES),
        areas=tuple(args.area) if args.area else None,
        tests=tuple(args.test or ()),
        timeout=args.timeout,
        start_timeout=args.start_timeout,
        versions=_versions(args.versions),
    )
    report_dir = Path(args.report_dir)
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
        stream = (report_dir / "report.jsonl").open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the report to {report_dir}: {exc.strerror or exc}") from exc
    transport: Transport | None = None
    try:
        if args.adapter:
            transport = StdioTransport(args.adapter)
        elif args.url:
            transport = HttpTransport(args.url)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    total = (sum(1 for _ in plan(suite, options)) if transport is not None else 0) + sum(
        1 for _ in suite.exchange_tests()
    )
    show = not args.no_progress and sys.stderr.isatty()
    with stream, tqdm(total=total, unit="test", disable=not show, file=sys.stderr) as bar:

        def tick(_: dict[str, Any]) -> None:
            bar.update(1)

        run_suite(suite, transport, stream, options, node=node, progress=tick)
    report = read_report(report_dir / "report.jsonl")
    write_renderings(report, report_dir)
    summary = summarize(report)
    if args.format == "json":
        print_json(summary)
    else:
        print(text_summary(summary))
        print(f"report: {report_dir / 'report.html'} (and report.jsonl, junit.xml, badge.json)")
    return EXIT_OK if summary["mustPassed"] else EXIT_FAILED


# --- adapter -------------------------------------------------------------------------------


def _register_adapter(sub: Any) -> None:
    parser = sub.add_parser(
        "adapter",
        help="the reference implementation's adapter (protocol on stdin/stdout)",
        description="Speak the adapter protocol for the reference implementation: JSON lines on "
        "stdin/stdout, or, with --listen, HTTP (POST /start, /run, /stop). Roles: validator, "
        "verifier, issuer, converter, importer. "
        '`kpcert conformance run --adapter "kpcert conformance adapter"` tests it.',
    )
    parser.add_argument(
        "--listen",
        metavar="HOST:PORT",
        help="serve the protocol over HTTP here instead (port 0 picks a free port, printed on "
        "stderr)",
    )
    parser.set_defaults(run=adapter)


def adapter(args: argparse.Namespace) -> int:
    from kpstandard.conformance._adapter import handle_json, serve_stdio
    from kpstandard.conformance._http import serve_http

    if not args.listen:
        return serve_stdio()
    host, _, port = args.listen.rpartition(":")
    if not port.isdigit():
        raise UsageError(f"--listen takes HOST:PORT, not {args.listen!r}")
    serve_http(handle_json, host or "127.0.0.1", int(port))
    return EXIT_OK


# --- check ---------------------------------------------------------------------------------------


def _register_check(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help="verify the suite itself",
        description="Verify the conformance suite: manifests valid against their schema, ids "
        "unique and never reused, hashes matching, vectors regenerating byte for byte, every "
        "positive vector valid under xmllint and xmlschema (XML) or jsonschema-rs and "
        "python-jsonschema (JSON), every signed positive vector verified with libxmlsec1 (the "
        "xmlsec bindings, and the xmlsec1 command) against the test root CA, every finding code "
        "with a negative and a positive vector, every warning code with an accepting vector that "
        "expects it (or a recorded reason), every machine-checkable MUST requirement with a "
        "vector. A cross-check whose tool is missing is skipped with a note that says so. Exit 0 "
        "when the suite is sound, 1 otherwise.",
    )
    parser.add_argument(
        "--require-tools",
        action="store_true",
        help="fail when an independent tool of a cross-check is missing (xmllint, xmlsec1, the "
        "xmlschema or xmlsec package) instead of skipping it with a note: for CI",
    )
    _suite_option(parser)
    _format_option(parser)
    parser.set_defaults(run=check)


def check(args: argparse.Namespace) -> int:
    from kpstandard.conformance._check import check_suite

    result = check_suite(_suite_dir(args), require_tools=args.require_tools)
    if args.format == "json":
        print_json(result.to_json())
    else:
        for note in result.notes:
            print(f"note: {note}")
        for problem in result.problems:
            print(f"problem: {problem}")
        counts = result.counts
        print(
            f"{counts.get('vectors', 0)} vectors ("
            + ", ".join(f"{area} {n}" for area, n in counts.get("areas", {}).items())
            + "); by role: "
            + ", ".join(f"{role} {n}" for role, n in counts.get("roles", {}).items())
            + "; by version of the standard: "
            + ", ".join(
                f"{version} {n}"
                for version, n in counts.get("tests by version of the standard", {}).items()
            )
        )
        print("the suite is sound" if result.ok else plural(len(result.problems), "problem"))
    return EXIT_OK if result.ok else EXIT_FAILED


# --- generate --------------------------------------------------------------------------------


def _register_generate(sub: Any) -> None:
    parser = sub.add_parser(
        "generate",
        help="regenerate the vectors from the golden documents (in a source checkout)",
        description="Write the vectors of every area into the suite folder from the golden "
        "documents and the mutation tables, giving new vectors the next free ids and retiring the "
        "ids of vectors no longer made. Regenerating an unchanged suite changes no byte.",
    )
    _suite_option(parser)
    parser.set_defaults(run=generate)


def generate(args: argparse.Namespace) -> int:
    from kpstandard.conformance.generate import write

    folder = _suite_dir(args)
    try:
        result = write(folder)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    total = sum(m.size for m in result.manifests.values())
    print(
        f"{total} vectors in {folder} ("
        + ", ".join(f"{area} {m.size}" for area, m in result.manifests.items())
        + f"); {len(result.new_ids)} new ids, {len(result.retired_ids)} retired, "
        f"{len(result.pending)} held back"
    )
    for key, reason in result.pending:
        print(f"  held back: {key}: {reason}")
    return EXIT_OK


# --- report ------------------------------------------------------------------------------------


def _register_report(sub: Any) -> None:
    parser = sub.add_parser(
        "report",
        help="read a report back and render it again",
        description="Read a report.jsonl (a report without its footer is rejected: the run was "
        "cut short), print its summary and, with --report-dir, write its renderings there.",
    )
    parser.add_argument("report", metavar="REPORT", help="a report.jsonl")
    parser.add_argument("--report-dir", metavar="DIR", help="write the renderings here")
    _format_option(parser)
    parser.set_defaults(run=report)


def report(args: argparse.Namespace) -> int:
    from kpstandard.conformance._render import write_renderings
    from kpstandard.conformance._summary import summarize, text_summary

    try:
        loaded = read_report(Path(args.report))
    except OSError as exc:
        raise UsageError(f"cannot read {args.report}: {exc.strerror or exc}") from exc
    except InvalidReport as exc:
        raise UsageError(f"{args.report} is not a complete report: {exc}") from exc
    if args.report_dir:
        folder = Path(args.report_dir)
        folder.mkdir(parents=True, exist_ok=True)
        write_renderings(loaded, folder)
    summary = summarize(loaded)
    if args.format == "json":
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print(text_summary(summary))
    return EXIT_OK if summary["mustPassed"] else EXIT_FAILED


# --- exchange ----------------------------------------------------------------------------------


def _node_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    node = "--url" if required else "--node"
    parser.add_argument(
        node,
        metavar="URL",
        required=required,
        dest="node",
        help="the base URL of the exchange node under test (it serves EU/EU-BE-FPSECO-DO of the "
        "test PKI, configured from the kit)",
    )
    parser.add_argument(
        "--kit",
        metavar="DIR",
        help="the kit folder of the node: the trust list naming the node at its URL, its test "
        "keys, a node.toml (write it with kpcert conformance exchange --make-kit)",
    )
    parser.add_argument(
        "--restart-command",
        metavar="COMMAND",
        help="a command that stops and starts the node keeping its data, returning when it "
        "answers again (without it the durability test does not apply)",
    )
    parser.add_argument(
        "--node-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="seconds the node has to answer one request (default 30)",
    )


def _node_target(args: argparse.Namespace) -> Any:
    """The exchange node of the command line (an ExchangeTarget), or None."""
    if not args.node:
        return None
    import shlex
    import subprocess

    from kpstandard.conformance._exchange import ExchangeTarget, Kit

    if not args.kit:
        raise UsageError("--node needs --kit DIR, the kit the node was configured from")
    if args.node_timeout <= 0:
        raise UsageError("timeouts are positive numbers of seconds")
    kit_dir = Path(args.kit)
    if not (kit_dir / "trust-list.xml").is_file():
        raise UsageError(f"{kit_dir} holds no kit; write one with --make-kit first")
    kit = Kit(
        kit_dir,
        kit_dir / "trust-list.xml",
        kit_dir / "operator.cert.pem",
        kit_dir / "node.key.pem",
        kit_dir / "node.cert.pem",
        kit_dir / "node.toml",
    )
    restart = None
    if args.restart_command:
        command = shlex.split(args.restart_command)

        def restart() -> None:
            subprocess.run(command, check=True, timeout=120)

    return ExchangeTarget(args.node, kit, restart=restart, timeout=args.node_timeout)


def _register_exchange(sub: Any) -> None:
    parser = sub.add_parser(
        "exchange",
        help="test an exchange node over the protocol (the exchange role)",
        description="The exchange role: the runner plays a peer node (BW/BW-MME-DH of the test "
        "PKI) against a node under test that serves EU/EU-BE-FPSECO-DO at --url: the tests of "
        "the exchange area (conformance/exchange/manifest.json). The same as `kpcert conformance "
        "run --node URL --kit DIR`, which can also test an adapter in the same report. First "
        "write the kit with --make-kit and configure the node from it (TEST KEYS ONLY). Writes "
        "report.jsonl, summary.json, junit.xml, report.html and badge.json. Exit 0 when every "
        "applicable MUST test passed, 1 otherwise.",
    )
    _node_options(parser, required=True)
    parser.add_argument(
        "--make-kit",
        action="store_true",
        help="write the kit into --kit for the node at --url and stop (start the node from it)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        dest="node_timeout",
        default=30.0,
        help="seconds the node has to answer one request (the same as --node-timeout)",
    )
    parser.add_argument(
        "--versions",
        metavar="V[,V...]",
        help="the versions of the standard the node supports (default: every version)",
    )
    parser.add_argument(
        "--report-dir",
        metavar="DIR",
        default=DEFAULT_REPORT_DIR,
        help=f"where the report goes (default: {DEFAULT_REPORT_DIR})",
    )
    _suite_option(parser)
    _format_option(parser)
    parser.set_defaults(run=exchange)


def exchange(args: argparse.Namespace) -> int:
    from kpstandard.conformance._exchange import make_kit
    from kpstandard.conformance._render import write_renderings
    from kpstandard.conformance._runner import RunOptions, run_suite
    from kpstandard.conformance._summary import summarize

    if not args.kit:
        raise UsageError("--kit DIR is required")
    kit_dir = Path(args.kit)
    if args.make_kit:
        try:
            made = make_kit(kit_dir, args.node, suite=_suite_dir(args))
        except OSError as exc:
            raise UsageError(f"cannot write the kit to {kit_dir}: {exc.strerror or exc}") from exc
        print(
            f"kit written to {kit_dir}; start the node with: kpcert node serve --config "
            f"{made.node_config}"
        )
        return EXIT_OK
    node = _node_target(args)
    try:
        suite = load_suite(_suite_dir(args), areas=[EXCHANGE_AREA])
    except InvalidSuiteError as exc:
        raise UsageError(str(exc)) from exc
    report_dir = Path(args.report_dir)
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
        stream = (report_dir / "report.jsonl").open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the report to {report_dir}: {exc.strerror or exc}") from exc
    with stream:
        records = run_suite(
            suite, None, stream, RunOptions(versions=_versions(args.versions)), node=node
        )
    report = read_report(report_dir / "report.jsonl")
    write_renderings(report, report_dir)
    summary = summarize(report)
    if args.format == "json":
        print_json({"records": records, "footer": report.footer, "summary": summary})
    else:
        for record in records:
            detail = f": {record['detail']}" if "detail" in record else ""
            print(f"{record['id']} {record['name']}: {record['grade']}{detail}")
        print(f"report: {report_dir / 'report.html'} (and report.jsonl, junit.xml, badge.json)")
    return EXIT_OK if summary["mustPassed"] else EXIT_FAILED
