"""Chunks of work done by forked worker processes, their results read back in order.

What ``kpcert validate --jobs N`` uses where processes can be forked (Linux): it costs the main
process less than :class:`concurrent.futures.ProcessPoolExecutor`, which sends every chunk of
paths to a worker and every result back through two threads of the main process. Here:

- the workers are forked after the caches are warm and each inherits the iterator of chunks as
  it stands; worker ``k`` of ``N`` does the chunks ``k``, ``k + N``, ``k + 2N``, ... (a static,
  interleaved share: the documents of a batch cost about the same) and skips the others. The main
  process sends nothing;
- each worker writes each result, pickled, to a pipe of its own, then an end mark;
- the main process reads chunk ``i`` from worker ``i mod N``: the results come in the order of
  the chunks, and a worker ahead of the reader waits on its full pipe (memory stays bounded).

A worker that dies (killed by a signal, or exited) is noticed at once: its pipe ends before its
end mark. The main process then takes the chunk it was doing and hands it to ``failed`` (with
the worker's status as the exception), and forks a new worker for the rest of that share, so one
poisoned document costs its chunk and nothing more. A worker whose work raises sends the error in
place of the result (``failed`` again). Interrupted (Ctrl-C, or an error while writing), the main
process kills and reaps its workers before the exception goes on; a worker whose main process
has gone stops at its next write (the pipe is broken).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from typing import IO, Any, Generic, TypeVar

__all__ = ["WorkerDied", "available", "in_order"]

T = TypeVar("T")
R = TypeVar("R")

_HEADER = struct.Struct("<BQ")
"""A record: its kind and the length of what follows."""
_RESULT, _ERROR, _END = 0, 1, 2


class WorkerDied(Exception):
    """A worker process ended before its share was done (what ``failed`` is given)."""


def available() -> bool:
    """Whether workers can be forked here (Linux; elsewhere the caller uses a pool)."""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _skip(chunks: Iterator[Any], count: int) -> None:
    deque(islice(chunks, count), maxlen=0)


def _work(
    chunks: Iterator[list[T]],
    work: Callable[[list[T]], R],
    offset: int,
    stride: int,
    out: IO[bytes],
) -> None:
    _skip(chunks, offset)
    for chunk in chunks:
        try:
            kind, payload = _RESULT, pickle.dumps(work(chunk), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the chunk is reported as failed; the share goes on
            kind, payload = _ERROR, f"{type(exc).__name__}: {exc}".encode(errors="replace")
        out.write(_HEADER.pack(kind, len(payload)) + payload)
        out.flush()
        _skip(chunks, stride - 1)
    out.write(_HEADER.pack(_END, 0))
    out.flush()


class _Worker(Generic[T]):
    def __init__(self, pid: int, reader: IO[bytes]) -> None:
        self.pid = pid
        self.reader = reader

    def close(self, *, kill: bool) -> str:
        """Stop waiting for this worker: kill it if asked, reap it, say how it ended."""
        self.reader.close()
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return f"worker process {self.pid} ended"
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = str(number)
            return f"worker process {self.pid} was killed by signal {number} ({name})"
        return f"worker process {self.pid} exited with status {os.waitstatus_to_exitcode(status)}"


def _fork(
    chunks: Iterator[list[T]],
    work: Callable[[list[T]], R],
    offset: int,
    stride: int,
    siblings: list[_Worker[T]],
) -> _Worker[T]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the caller's frames
        code = 0
        try:
            os.close(read_end)
            for sibling in siblings:  # only the main process may hold a pipe's reading end,
                sibling.reader.close()  # so that a worker's write fails once it has gone
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it without a traceback
            with os.fdopen(write_end, "wb", buffering=1 << 16) as out:
                _work(chunks, work, offset, stride, out)
        except BaseException:  # a broken pipe: the main process has gone or stopped reading
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return _Worker(pid, os.fdopen(read_end, "rb", buffering=1 << 16))


def _read(reader: IO[bytes]) -> tuple[int, bytes] | None:
    """The next record of a worker, or None: its pipe ended first (it died)."""
    header = reader.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    kind, size = _HEADER.unpack(header)
    payload = reader.read(size)
    return (kind, payload) if len(payload) == size else None


def in_order(
    chunks: Iterator[list[T]],
    work: Callable[[list[T]], R],
    failed: Callable[[list[T], BaseException], R],
    jobs: int,
) -> Iterator[R]:
    """``work(chunk)`` for each chunk, done by ``jobs`` forked workers, yielded in order.

    ``chunks`` is not advanced in this process unless a worker dies (then up to the chunk it was
    doing, to tell ``failed`` which it was). ``work`` runs in the workers only; its results must
    pickle. ``failed(chunk, exc)`` stands for the result of a chunk whose worker died or whose
    work raised.
    """
    workers: list[_Worker[T]] = []
    position = 0  # chunks consumed from `chunks` in this process
    try:
        for offset in range(jobs):
            workers.append(_fork(chunks, work, offset, jobs, workers))
        index = 0
        while True:
            worker = workers[index % jobs]
            record = _read(worker.reader)
            if record is not None and record[0] == _END:
                break  # no chunk `index`, so none after it: the others end too
            if record is not None and record[0] == _RESULT:
                result: R = pickle.loads(record[1])
                yield result
                index += 1
                continue
            _skip(chunks, index - position)
            chunk = next(chunks)
            position = index + 1
            if record is not None:  # the work raised: the worker goes on with its share
                yield failed(chunk, RuntimeError(record[1].decode(errors="replace")))
            else:  # the worker died: a new one takes the rest of its share
                died = WorkerDied(worker.close(kill=True))
                workers[index % jobs] = _fork(chunks, work, jobs - 1, jobs, workers)
                yield failed(chunk, died)
            index += 1
        for worker in workers:  # each ends once its share is done
            worker.close(kill=_read(worker.reader) is None)
        workers.clear()
    finally:
        for worker in workers:  # interrupted, or the consumer stopped: stop them all
            worker.close(kill=True)
