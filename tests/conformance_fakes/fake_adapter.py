#!/usr/bin/env python3
"""A fake implementation that misbehaves on command, to test the conformance runner.

Like bowtie's fauxmplementations: each option names a misbehaviour and, where it takes one, the
test ids it happens on. Without options it answers as the reference implementation does.

    fake_adapter.py --base accept            accept everything (a converter and an issuer echo
                                             their input, a verifier returns it as the signed data)
    fake_adapter.py --base reject            reject everything with the generic KP-S-099
    fake_adapter.py --base ignore-trust-list a verifier that accepts any signature that holds and
                                             fits the profile, whoever signed it, whenever
    fake_adapter.py --base first-signature   a verifier that checks the first ds:Signature only,
                                             blind to any other
    fake_adapter.py --crash-on KP-V-SCH-0003 exit with status 3 on that test
    fake_adapter.py --hang-on ID             never answer that test
    fake_adapter.py --garbage-on ID          answer that test with a line that is not JSON
    fake_adapter.py --invalid-on ID          answer with JSON that is no valid answer
    fake_adapter.py --wrong-seq-on ID        answer that test with another seq
    fake_adapter.py --no-flush               never flush stdout (block-buffered, as a pipe is)
    fake_adapter.py --no-flush-on ID         do not flush the answer to that test
    fake_adapter.py --stderr-noise BYTES     write that much to stderr on every test
    fake_adapter.py --skip-on ID / --error-on ID
    fake_adapter.py --crash-at-start         exit before answering start
    fake_adapter.py --protocol-version N     claim another protocol version
    fake_adapter.py --roles validator --syntaxes xml   (default: every role, both syntaxes)
    fake_adapter.py --listen 127.0.0.1:0     the same, over HTTP
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import os
import sys
import time
from typing import Any

import kpstandard
from kpstandard.conformance import _adapter
from kpstandard.conformance._http import serve_http
from kpstandard.conformance.protocol import (
    Answer,
    Implementation,
    MessageError,
    Payload,
    Run,
    Start,
    Started,
    Stop,
    Stopped,
    decode_command,
)


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--base",
        choices=("reference", "accept", "reject", "ignore-trust-list", "first-signature"),
        default="reference",
    )
    for name in ("crash", "hang", "garbage", "invalid", "wrong-seq", "no-flush", "skip", "error"):
        parser.add_argument(f"--{name}-on", action="append", default=[], metavar="ID")
    parser.add_argument("--no-flush", action="store_true")
    parser.add_argument("--stderr-noise", type=int, default=0)
    parser.add_argument("--crash-at-start", action="store_true")
    parser.add_argument("--protocol-version", type=int, default=1)
    parser.add_argument("--roles", default="validator,verifier,issuer,converter,importer")
    parser.add_argument("--syntaxes", default="json,xml")
    parser.add_argument("--versions", help="the versions of the standard to declare at start")
    parser.add_argument("--listen")
    return parser.parse_args(argv)


DS = "{http://www.w3.org/2000/09/xmldsig#}Signature"


def ignore_trust_list(run: Run) -> Answer:
    """A verifier that checks the signature (profile, digest, value) and the signed content, but
    never asks the trust list who signed, nor the clock when."""
    from kpstandard.signature.verify import check_signature

    checked = check_signature(run.input.data)
    if not checked.holds or checked.signed_bytes is None:
        return Answer(run.seq, "reject", codes=tuple(f.code for f in checked.findings))
    certificate = run.context.certificate.data if run.context.certificate else None
    report = kpstandard.validate(checked.signed_bytes, certificate=certificate)
    if not report.valid:
        codes = tuple(f.code for f in report.findings) or ("KP-S-099",)
        return Answer(run.seq, "reject", codes=codes)
    output = Payload(checked.signed_bytes, "xml") if run.role == "verifier" else None
    return Answer(run.seq, "accept", output=output)


def _first_signature_only() -> None:
    """Make the reference's profile check blind to every ds:Signature but the first: it judges a
    copy without the others, and the first is verified where it stands (a generic XML signature
    library finds the first Signature and stops there)."""
    from kpstandard.signature import verify

    check_profile = verify._check_profile

    def lax(root: Any, document: Any) -> Any:
        view = copy.deepcopy(root)
        for extra in list(view.iter(DS))[1:]:
            extra.getparent().remove(extra)
        profiled = check_profile(view, document)
        return dataclasses.replace(profiled, signature=next(root.iter(DS)))

    verify._check_profile = lax


class Fake:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def started(self) -> dict[str, Any]:
        implementation = Implementation(
            name=f"fake-{self.args.base}",
            version="0.0.0",
            language="python",
            roles=tuple(self.args.roles.split(",")),
            syntaxes=tuple(self.args.syntaxes.split(",")),
            versions=tuple(self.args.versions.split(",")) if self.args.versions else None,
        )
        return {**Started(1, implementation).to_json(), "version": self.args.protocol_version}

    def answer(self, run: Run) -> dict[str, Any] | bytes | None:
        """The answer to a run: a JSON value, raw bytes to write, or None for no answer."""
        test = run.test_id
        a = self.args
        if a.stderr_noise:
            sys.stderr.write("n" * a.stderr_noise + "\n")
            sys.stderr.flush()
        if test in a.crash_on:
            sys.stderr.write(f"fake: crashing on {test} as asked\n")
            sys.stderr.flush()
            os._exit(3)
        if test in a.hang_on:
            time.sleep(3600)
        if test in a.garbage_on:
            return b"this is not JSON at all\n"
        if test in a.invalid_on:
            return {"seq": run.seq, "outcome": "maybe"}
        if test in a.skip_on:
            return Answer(
                run.seq, "skipped", reason="a known failure", issue="https://example.invalid/1"
            ).to_json()
        if test in a.error_on:
            return Answer(run.seq, "errored", message="an error of its own").to_json()
        if a.base == "accept":
            if run.role in ("converter", "issuer"):
                answer = Answer(
                    run.seq, "output", output=Payload(run.input.data, run.context.target)
                )
            elif run.role == "verifier":
                answer = Answer(run.seq, "accept", output=Payload(run.input.data, "xml"))
            else:
                answer = Answer(run.seq, "accept")
        elif a.base == "reject":
            answer = Answer(run.seq, "reject", codes=("KP-S-099",))
        elif a.base == "ignore-trust-list" and run.role in ("verifier", "importer"):
            answer = ignore_trust_list(run)
        else:
            answer = _adapter.answer(run)
        value = answer.to_json()
        if test in a.wrong_seq_on:
            value["seq"] = run.seq + 1000
        return value

    def handle(self, command: Start | Run | Stop) -> dict[str, Any] | bytes | None:
        if isinstance(command, Start):
            return self.started()
        if isinstance(command, Run):
            return self.answer(command)
        return Stopped().to_json()


def write(out: Any, reply: dict[str, Any] | bytes, flush: bool) -> None:
    import json

    data = reply if isinstance(reply, bytes) else json.dumps(reply).encode() + b"\n"
    out.write(data)
    if flush:
        out.flush()


def serve_stdio(fake: Fake) -> int:
    # A pipe that is never flushed: block-buffered and big, as stdout is when it is not a terminal.
    out = os.fdopen(sys.stdout.fileno(), "wb", buffering=1 << 20, closefd=False)
    for line in sys.stdin.buffer:
        try:
            command = decode_command(line)
        except MessageError as exc:
            sys.stderr.write(f"fake: {exc}\n")
            continue
        if isinstance(command, Start) and fake.args.crash_at_start:
            return 4
        reply = fake.handle(command)
        if reply is not None:
            test = command.test_id if isinstance(command, Run) else ""
            write(out, reply, flush=not fake.args.no_flush and test not in fake.args.no_flush_on)
        if isinstance(command, Stop):
            break
    out.flush()
    return 0


def serve(fake: Fake, listen: str) -> None:
    def handle_json(command: str, body: Any) -> tuple[int, dict[str, Any]]:
        import json

        parsed = decode_command(json.dumps(body))
        reply = fake.handle(parsed)
        if isinstance(reply, bytes):  # garbage on the wire: the runner must say so
            return 200, {"garbage": reply.decode()}
        return 200, reply or {}

    host, _, port = listen.rpartition(":")
    serve_http(handle_json, host, int(port))


if __name__ == "__main__":
    arguments = options(sys.argv[1:])
    if arguments.base == "first-signature":
        _first_signature_only()
    if arguments.listen:
        serve(Fake(arguments), arguments.listen)
        sys.exit(0)
    sys.exit(serve_stdio(Fake(arguments)))
