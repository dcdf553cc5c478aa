"""Talking to an implementation under test: a child process on stdin/stdout, or an HTTP service.

Whatever the implementation does, the runner gets an :class:`Exchange` back, never an exception:
an answer, or the way it failed. A process that exits is ``crashed``; one that does not answer in
time is ``timeout`` (and when its answer arrives only once its input is closed, the record says it
does not flush); a line that is not JSON, not a valid answer, or answers another seq is a
``protocol-error``. Text on stderr is neither: it is kept for the record. After any failure the
process is ended (its whole process group) and the next test starts a new one.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import queue
import shlex
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass
from typing import IO, Any, Protocol

from kpstandard.conformance.protocol import (
    OUTCOMES,
    PROTOCOL_VERSION,
    Run,
    Start,
    Started,
    message_errors,
)

__all__ = [
    "Exchange",
    "HttpTransport",
    "StartError",
    "StdioTransport",
    "Transport",
]

MAX_LINE = 64 * 1024 * 1024
"""The longest answer line read; a longer one is a protocol error (and is not kept)."""
STDERR_KEPT = 16 * 1024
"""How much of the implementation's stderr is kept for the record of a failed test."""
STDERR_HEAD = 4 * 1024
"""Of which, at most, its first lines (the rest is its end)."""

CRASHED = "crashed"
TIMEOUT = "timeout"
PROTOCOL_ERROR = "protocol-error"


@dataclass(frozen=True)
class Exchange:
    """What came of one command."""

    answer: dict[str, Any] | None
    """The answer, valid against its schema and echoing the seq; None on failure."""
    failure: str | None = None
    """``crashed``, ``timeout`` or ``protocol-error`` when there is no answer."""
    detail: str = ""
    """What exactly happened, for the record."""
    stderr: str = ""
    """What the implementation wrote on stderr meanwhile (the end of it)."""
    seconds: float = 0.0


class StartError(Exception):
    """The implementation could not be started, or did not answer start as the protocol asks."""


class Transport(Protocol):
    """A way to reach an implementation."""

    description: str
    """How it is reached (the command, or the URL), for the report."""

    def start(self, start: Start, timeout: float) -> Started:
        """Start (or restart) the implementation and shake hands.

        Raises:
            StartError: it did not come up, or did not answer start correctly.
        """
        ...

    def run(self, run: Run, timeout: float) -> Exchange: ...

    @property
    def ready(self) -> bool:
        """Whether a started implementation is there to take the next run."""
        ...

    def stop(self) -> None: ...


def _check_answer(command: str, raw: bytes, seq: int | None) -> tuple[dict[str, Any] | None, str]:
    """Parse and check one answer; return it, or None with what is wrong."""
    try:
        value = json.loads(raw)
    except ValueError as exc:  # JSONDecodeError, or UnicodeDecodeError for bytes not in UTF-8
        shown = raw[:120].decode("utf-8", "replace")
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
        return None, f"invalid JSON ({reason}): {shown!r}"
    if command == "run" and isinstance(value, dict) and value.get("outcome") not in OUTCOMES:
        # The schema would only say "valid under none of the answers": say which member is wrong.
        return None, (
            f"not a valid run answer: outcome {value.get('outcome')!r} is not one of "
            f"{', '.join(OUTCOMES)}"
        )
    problems = message_errors(command, value, response=True)
    if problems:
        return None, f"not a valid {command} answer: {problems[0]}"
    if seq is not None and value.get("seq") != seq:
        return None, f"wrong seq: answered {value.get('seq')!r} to seq {seq}"
    return value, ""


def _started(raw: bytes) -> Started:
    try:
        version = json.loads(raw).get("version", PROTOCOL_VERSION)
    except (ValueError, AttributeError):
        version = PROTOCOL_VERSION  # the check below says what is wrong
    if version != PROTOCOL_VERSION:
        raise StartError(
            f"the implementation speaks protocol version {version}; this runner speaks "
            f"{PROTOCOL_VERSION}"
        )
    value, problem = _check_answer("start", raw, None)
    if value is None:
        raise StartError(f"the answer to start is {problem}")
    return Started.from_json(value)


# --- stdin/stdout -----------------------------------------------------------------------------


class _EndOfOutput:
    """Put in the line queue when the implementation's stdout closes."""


class _Overlong:
    """Put in the line queue for a line longer than MAX_LINE."""


_EOF = _EndOfOutput()
_OVERLONG = _Overlong()
Line = bytes | _EndOfOutput | _Overlong


def _pump_lines(stream: IO[bytes], lines: queue.Queue[Line]) -> None:
    """Split the implementation's stdout into lines, in a thread, whatever it writes."""
    buffer = bytearray()
    discarding = False
    fd = stream.fileno()
    while True:
        try:
            chunk = os.read(fd, 1024 * 1024)
        except OSError:
            chunk = b""
        if not chunk:
            if buffer and not discarding:
                lines.put(bytes(buffer))  # an unterminated last line is still an answer
            lines.put(_EOF)
            return
        buffer += chunk
        while (end := buffer.find(b"\n")) >= 0:
            if not discarding:
                lines.put(bytes(buffer[:end]))
            discarding = False
            del buffer[: end + 1]
        if len(buffer) > MAX_LINE and not discarding:
            lines.put(_OVERLONG)
            discarding = True
        if discarding:
            buffer.clear()


class _Tail:
    """What a stream wrote since a mark: its first lines and its end, with a running count.

    An adapter's exception line often comes first and the traceback's end last: both are kept,
    and what lies between them is left out when there is more than :data:`STDERR_KEPT`.
    """

    def __init__(self) -> None:
        self._chunks: deque[bytes] = deque()
        self._kept = 0
        self.total = 0
        self._head = bytearray()
        self._head_start = 0
        self._lock = threading.Lock()

    def mark(self) -> int:
        """Start a new window (a test): its first bytes are kept from here."""
        with self._lock:
            self._head = bytearray()
            self._head_start = self.total
            return self.total

    def add(self, chunk: bytes) -> None:
        with self._lock:
            if len(self._head) < STDERR_HEAD:
                self._head += chunk[: STDERR_HEAD - len(self._head)]
            self._chunks.append(chunk)
            self._kept += len(chunk)
            self.total += len(chunk)
            while self._kept - len(self._chunks[0]) >= STDERR_KEPT:
                self._kept -= len(self._chunks.popleft())

    def since(self, mark: int) -> str:
        with self._lock:
            data = b"".join(self._chunks)
            written = self.total - mark
            wanted = min(written, len(data), STDERR_KEPT)
            tail = data[len(data) - wanted :] if wanted > 0 else b""
            if written <= wanted or mark != self._head_start:
                return tail.decode("utf-8", "replace")
            head = bytes(self._head)
            if b"\n" in head:
                head = head[: head.rindex(b"\n") + 1]  # whole lines
            tail = tail[len(tail) - (STDERR_KEPT - len(head)) :]
            if b"\n" in tail:
                tail = tail[tail.index(b"\n") + 1 :]
            left_out = written - len(head) - len(tail)
            return (
                head.decode("utf-8", "replace")
                + f"[... {left_out} bytes of stderr left out ...]\n"
                + tail.decode("utf-8", "replace")
            )


def _ends(text: str, most: int) -> str:
    """The first and the last characters of a long text, at most ``most`` in all."""
    if len(text) <= most:
        return text
    return f"{text[: most // 2]} [...] {text[len(text) - most // 2 :]}"


def _pump_tail(stream: IO[bytes], tail: _Tail) -> None:
    """Drain stderr in a thread (a full pipe would block the implementation), keeping its end."""
    fd = stream.fileno()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        tail.add(chunk)


class StdioTransport:
    """An implementation as a child process speaking JSON lines on stdin/stdout."""

    def __init__(self, command: str, *, grace: float = 1.0) -> None:
        self.argv = shlex.split(command)
        if not self.argv:
            raise ValueError("empty adapter command")
        self.description = f"stdio: {command}"
        self.grace = grace
        """How long to wait for an answer once stdin is closed, and for the process to exit."""
        self._process: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[Line] = queue.Queue()
        self._stderr = _Tail()
        self._stderr_pump: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _spawn(self) -> None:
        self._end()
        self._lines = queue.Queue()
        self._stderr = _Tail()
        try:
            process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                bufsize=0,
                start_new_session=True,  # its own process group, so that its children end with it
            )
        except OSError as exc:
            raise StartError(f"cannot run {self.argv[0]}: {exc.strerror or exc}") from exc
        assert process.stdout is not None
        assert process.stderr is not None
        threading.Thread(
            target=_pump_lines, args=(process.stdout, self._lines), daemon=True
        ).start()
        self._stderr_pump = threading.Thread(
            target=_pump_tail, args=(process.stderr, self._stderr), daemon=True
        )
        self._stderr_pump.start()
        self._process = process

    def _send(self, value: dict[str, Any]) -> bool:
        assert self._process is not None
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(value, separators=(",", ":")).encode() + b"\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError):
            return False
        return True

    def _next_line(self, timeout: float) -> Line | None:
        try:
            return self._lines.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return None

    def _exit_detail(self) -> str:
        assert self._process is not None
        try:
            status = self._process.wait(timeout=self.grace)
        except subprocess.TimeoutExpired:
            return "it closed its stdout"
        if status < 0:
            try:
                return f"it was killed by signal {signal.Signals(-status).name}"
            except ValueError:
                return f"it was killed by signal {-status}"
        return f"it exited with status {status}"

    def _late_answer(self, seq: int) -> bool:
        """Close stdin and wait a moment: does the answer come now? Then it was never flushed."""
        assert self._process is not None
        assert self._process.stdin is not None
        with contextlib.suppress(OSError):
            self._process.stdin.close()
        deadline = time.monotonic() + self.grace
        while (remaining := deadline - time.monotonic()) > 0:
            line = self._next_line(remaining)
            if line is None or isinstance(line, _EndOfOutput):
                return False
            if isinstance(line, bytes):
                try:
                    value = json.loads(line)
                except ValueError:
                    continue
                if isinstance(value, dict) and value.get("seq", seq) == seq:
                    return True
        return False

    def _end(self) -> None:
        """End the process and its process group, whatever state they are in."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.05)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # the group this transport created, no other
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)

    def start(self, start: Start, timeout: float) -> Started:
        self._spawn()
        if not self._send(start.to_json()):
            detail = self._exit_detail()
            self._end()
            raise StartError(f"the implementation did not read start: {detail}")
        line = self._next_line(timeout)
        if line is None:
            unflushed = self._late_answer(0)
            self._end()
            if unflushed:
                raise StartError(
                    f"no answer to start within {timeout:g} s, but one came when its stdin was "
                    "closed: the implementation does not flush stdout after each line"
                )
            raise StartError(f"no answer to start within {timeout:g} s")
        if isinstance(line, _EndOfOutput):
            detail = self._exit_detail()
            tail = self._stderr.since(0).strip()
            self._end()
            raise StartError(
                f"the implementation ended before answering start: {detail}"
                + (f"; stderr: {_ends(tail, 500)}" if tail else "")
            )
        if isinstance(line, _Overlong):
            self._end()
            raise StartError("the answer to start is longer than any answer may be")
        try:
            return _started(line)
        except StartError:
            self._end()
            raise

    def run(self, run: Run, timeout: float) -> Exchange:
        began = time.monotonic()
        mark = self._stderr.mark()

        def failed(failure: str, detail: str) -> Exchange:
            exited = self._process is not None and self._process.poll() is not None
            if exited and self._stderr_pump is not None:  # what it said last, before it died
                self._stderr_pump.join(self.grace)
            stderr = self._stderr.since(mark)
            self._end()  # after a failure the stream is in an unknown state: start afresh
            return Exchange(None, failure, detail, stderr, time.monotonic() - began)

        if self._process is None:
            return failed(CRASHED, "the implementation is not running")
        if not self._send(run.to_json()):
            return failed(CRASHED, f"it did not read the command: {self._exit_detail()}")
        line = self._next_line(timeout)
        if line is None:
            if self._late_answer(run.seq):
                return failed(
                    TIMEOUT,
                    f"no answer within {timeout:g} s; the answer came only when its stdin was "
                    "closed: flush stdout after each answer",
                )
            return failed(TIMEOUT, f"no answer within {timeout:g} s")
        if isinstance(line, _EndOfOutput):
            return failed(CRASHED, self._exit_detail())
        if isinstance(line, _Overlong):
            return failed(PROTOCOL_ERROR, f"an answer line longer than {MAX_LINE} bytes")
        value, problem = _check_answer("run", line, run.seq)
        if value is None:
            return failed(PROTOCOL_ERROR, problem)
        return Exchange(value, None, "", self._stderr.since(mark), time.monotonic() - began)

    def stop(self) -> None:
        if (
            self._process is not None
            and self._process.poll() is None
            and self._send({"cmd": "stop"})
        ):
            line = self._next_line(self.grace)
            if isinstance(line, bytes):
                _check_answer("stop", line, None)  # an answer is optional on stdio
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=self.grace)
        self._end()


# --- HTTP ------------------------------------------------------------------------------------


class HttpTransport:
    """An implementation running as a service: POST /start, /run, /stop with JSON bodies."""

    def __init__(self, url: str) -> None:
        self.base = url.rstrip("/")
        self.description = f"http: {self.base}"
        self._started = False

    @property
    def ready(self) -> bool:
        return self._started

    def _post(
        self, command: str, body: dict[str, Any], timeout: float
    ) -> tuple[bytes | None, str, str]:
        """POST a command; return (answer body, failure, detail)."""
        request = urllib.request.Request(
            f"{self.base}/{command}",
            data=json.dumps(body, separators=(",", ":")).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read(MAX_LINE + 1), "", ""
        except urllib.error.HTTPError as exc:
            text = exc.read(300).decode("utf-8", "replace")
            return None, PROTOCOL_ERROR, f"HTTP status {exc.code}: {text}"
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                return None, TIMEOUT, f"no answer within {timeout:g} s"
            return None, CRASHED, f"the service is unreachable: {exc.reason}"
        except TimeoutError:
            return None, TIMEOUT, f"no answer within {timeout:g} s"
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            return None, CRASHED, f"the connection broke: {type(exc).__name__}: {exc}"

    def start(self, start: Start, timeout: float) -> Started:
        raw, failure, detail = self._post("start", start.to_json(), timeout)
        if raw is None:
            raise StartError(f"start failed ({failure}): {detail}")
        started = _started(raw)
        self._started = True
        return started

    def run(self, run: Run, timeout: float) -> Exchange:
        began = time.monotonic()
        raw, failure, detail = self._post("run", run.to_json(), timeout)
        if raw is None:
            return Exchange(None, failure, detail, "", time.monotonic() - began)
        if len(raw) > MAX_LINE:
            return Exchange(None, PROTOCOL_ERROR, "an answer longer than any answer may be")
        value, problem = _check_answer("run", raw, run.seq)
        if value is None:
            return Exchange(None, PROTOCOL_ERROR, problem, "", time.monotonic() - began)
        return Exchange(value, None, "", "", time.monotonic() - began)

    def stop(self) -> None:
        if self._started:
            self._post("stop", {"cmd": "stop"}, 5.0)
        self._started = False
