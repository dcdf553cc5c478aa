#!/usr/bin/env python3
"""A fake implementation that misbehaves on command, to test the conformance runner.

Like bowtie's fauxmplementations: each option names a misbehaviour and, where it takes one, the
test ids it happens on. Without options it answers as the reference implementation does.

    fake_adapter.py --base accept            accept everything (a converter echoes its input)
    fake_adapter.py --base reject            reject everything with the generic KP-S-099
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
    fake_adapter.py --roles validator --syntaxes xml
    fake_adapter.py --listen 127.0.0.1:0     the same, over HTTP
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

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
    parser.add_argument("--base", choices=("reference", "accept", "reject"), default="reference")
    for name in ("crash", "hang", "garbage", "invalid", "wrong-seq", "no-flush", "skip", "error"):
        parser.add_argument(f"--{name}-on", action="append", default=[], metavar="ID")
    parser.add_argument("--no-flush", action="store_true")
    parser.add_argument("--stderr-noise", type=int, default=0)
    parser.add_argument("--crash-at-start", action="store_true")
    parser.add_argument("--protocol-version", type=int, default=1)
    parser.add_argument("--roles", default="validator,converter")
    parser.add_argument("--syntaxes", default="json,xml")
    parser.add_argument("--listen")
    return parser.parse_args(argv)


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
            answer = (
                Answer(run.seq, "output", output=Payload(run.input.data, run.context.target))
                if run.role == "converter"
                else Answer(run.seq, "accept")
            )
        elif a.base == "reject":
            answer = Answer(run.seq, "reject", codes=("KP-S-099",))
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
    if arguments.listen:
        serve(Fake(arguments), arguments.listen)
        sys.exit(0)
    sys.exit(serve_stdio(Fake(arguments)))
