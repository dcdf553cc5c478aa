"""Chunks of work done by forked worker processes, their results read back in order.

What ``kpcert validate --jobs N`` uses where processes can be forked (Linux): it costs the main
process less than :class:`concurrent.futures.ProcessPoolExecutor`, which hands every chunk and
every result through two threads of the main process. Here there is no thread:

- the workers are forked once the caches are warm (they inherit them); each has two pipes of its
  own, one for its tasks and one for its results;
- the main process walks the chunks (one walk, so every document is done exactly once even when
  the folder changes during the run) and sends chunk ``i`` to worker ``i mod N`` (the documents
  of a batch cost about the same, so the shares balance), at most :data:`WINDOW` chunks ahead of
  what it has read back from that worker;
- each worker pickles the result of a chunk to its result pipe, in parts when ``work`` yields
  more than one (a part says how many of the chunk's tasks it covers), then an end record; the
  main process reads chunk ``i`` from worker ``i mod N``, so the results come in the order of the
  chunks.

No write of the main process can block for good: a worker is sent a chunk only when its task
pipe holds it (the pipe is made 1 MiB where the system allows), or when everything sent to it was
answered (it is then waiting for that chunk). A worker ahead of the reader waits on its full
result pipe: memory stays bounded.

A worker that dies (killed by a signal, or exited) is noticed at once: its result pipe ends before
the chunk's end record. The tasks of the chunk it was doing that no part covered are done again,
in pieces of ``retry`` tasks, each by a worker of its own, one after the other: a piece whose
worker dies too (or a rest no larger than ``retry``) goes to ``failed`` with the worker's end as
the exception. So one poisoned document costs its piece and nothing more, however large the
chunks. Then a new worker is forked and sent the chunks the dead one had waiting; when none can
be forked (no process or descriptor to be had), those chunks go to ``failed`` and the other
workers go on. A chunk whose work raises is answered with the error and the worker goes on; the
rest of its tasks is done again in the same way. Interrupted (Ctrl-C, or an error while writing
the output), the main process kills and reaps its workers before the exception goes on; a worker
whose main process has gone finds its task pipe closed and ends.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import IO, Generic, TypeVar

__all__ = ["WINDOW", "WorkerDied", "available", "in_order"]

T = TypeVar("T")
R = TypeVar("R")

WINDOW = 2
"""Chunks sent to a worker before its first result is read: one to work on, one waiting."""
_PIPE_SIZE = 1 << 20
"""The task pipe's size asked for: two chunks of 64 paths fit even at 4 KiB per path (a larger
chunk waits until its worker is idle; the worker then reads it as it is written)."""

_HEADER = struct.Struct("<BQ")
"""A record: its kind and the length of what follows."""
_TASK, _PART, _END, _ERROR = 0, 1, 2, 3
"""A chunk of tasks (to a worker); a part of its result, pickled with the number of tasks it
covers; the end of the chunk; the error its work raised (what no part covered is done again)."""


class WorkerDied(Exception):
    """A worker process ended before it answered (what ``failed`` is given)."""


def available() -> bool:
    """Whether workers can be forked here (Linux; elsewhere the caller uses a pool)."""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _record(kind: int, payload: bytes) -> bytes:
    return _HEADER.pack(kind, len(payload)) + payload


def _read(reader: IO[bytes]) -> tuple[int, bytes] | None:
    """The next record of a pipe, or None: it ended first."""
    header = reader.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    kind, size = _HEADER.unpack(header)
    payload = reader.read(size)
    return (kind, payload) if len(payload) == size else None


Work = Callable[[list[T]], Iterable[tuple[int, R]]]
"""What a worker does with a chunk: the parts of its result, in order, each with the number of
the chunk's tasks it covers."""


def _serve(tasks: IO[bytes], work: Work[T, R], out: IO[bytes]) -> None:
    """A worker's loop: each chunk of the task pipe, its parts and its end to the result pipe."""
    while (task := _read(tasks)) is not None:
        try:
            for part in work(pickle.loads(task[1])):
                out.write(_record(_PART, pickle.dumps(part, -1)))
                out.flush()  # sent: kept even if this worker dies before the chunk's end
            kind, payload = _END, b""
        except Exception as exc:  # the rest of the chunk is done again; the worker goes on
            kind, payload = _ERROR, f"{type(exc).__name__}: {exc}".encode(errors="replace")
        out.write(_record(kind, payload))
        out.flush()


class _Worker(Generic[T]):
    """The main process's end of a worker: its pid, pipes, and the chunks it has not answered."""

    def __init__(self, pid: int, tasks: int, results: IO[bytes], capacity: int) -> None:
        self.pid: int | None = pid
        """None once reaped: its number may then be another process's."""
        self.tasks: int | None = tasks
        self.results = results
        self.capacity = capacity
        self.waiting: deque[int] = deque()
        """The size of each task record sent and not answered yet, in order."""
        self.error: BaseException | None = None
        """Why the tasks of its last chunk were left (by :func:`_results`), or None."""

    def may_take(self, size: int) -> bool:
        if not self.waiting:  # idle: it reads the whole record as it is written
            return True
        return len(self.waiting) < WINDOW and sum(self.waiting) + size <= self.capacity

    def send(self, record: bytes) -> None:
        self.waiting.append(len(record))
        view = memoryview(record)
        try:
            while view and self.tasks is not None:
                view = view[os.write(self.tasks, view) :]
        except BrokenPipeError:  # it died: seen when its result is read
            pass

    def answered(self) -> None:
        self.waiting.popleft()

    def finish(self) -> None:
        """No more tasks: the worker ends when it has read them all."""
        fd, self.tasks = self.tasks, None  # forgotten first: an interrupt never closes it twice
        if fd is not None:
            os.close(fd)

    def forget(self) -> None:
        """In another worker: close this one's pipes (so that only the main process holds them,
        and each worker sees the end of its task pipe)."""
        self.finish()
        self.results.close()

    def close(self, *, kill: bool) -> str:
        """Stop waiting for this worker: kill it if asked, reap it, say how it ended. Once it is
        reaped, nothing is sent to its number again."""
        self.finish()
        self.results.close()
        pid, self.pid = self.pid, None
        if pid is None:
            return "worker process ended"
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # reaped by the system (SIGCHLD ignored): how is not known
            return f"worker process {pid} ended (how is not known)"
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = str(number)
            return f"worker process {pid} was killed by signal {number} ({name})"
        return f"worker process {pid} exited with status {os.waitstatus_to_exitcode(status)}"


def _fork(work: Work[T, R], siblings: list[_Worker[T]]) -> _Worker[T]:
    """Fork a worker. Raises OSError (no pipe or process to be had) with nothing left open."""
    import fcntl  # here: the module is imported (not used) where there is no fcntl

    # Ctrl-C is held while the worker is made: the new worker takes it once its handler is the
    # default (it ends, without a traceback), this process once the worker is known.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    made: list[int] = []
    try:
        made += os.pipe()
        made += os.pipe()
        task_read, task_write, result_read, result_write = made
        with contextlib.suppress(OSError):  # larger than the system allows: the default stays
            fcntl.fcntl(task_write, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        capacity = fcntl.fcntl(task_write, fcntl.F_GETPIPE_SZ)
        pid = os.fork()
    except BaseException:
        for fd in made:
            os.close(fd)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    if pid == 0:  # the worker: never returns into the caller's frames
        code = 0
        try:
            os.close(task_write)
            os.close(result_read)
            for sibling in siblings:
                sibling.forget()
            if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # as the main process
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it, no traceback
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            with (
                os.fdopen(task_read, "rb", buffering=1 << 16) as tasks,
                os.fdopen(result_write, "wb", buffering=1 << 16) as out,
            ):
                _serve(tasks, work, out)
        except BaseException:  # a broken pipe: the main process has gone or stopped reading
            code = 1
        finally:
            os._exit(code)
    os.close(task_read)
    os.close(result_write)
    results = os.fdopen(result_read, "rb", buffering=1 << 16)
    worker: _Worker[T] = _Worker(pid, task_write, results, capacity)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return worker


def _children_reaped_here() -> Callable[[], object]:
    """An inherited SIGCHLD = SIG_IGN makes the system reap the workers, and how one ended (the
    signal that killed it) is lost: the default is set while they run, the caller's after."""
    try:
        if signal.getsignal(signal.SIGCHLD) is not signal.SIG_IGN:
            return lambda: None
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    except ValueError:  # not the main thread: left as it is
        return lambda: None
    return lambda: signal.signal(signal.SIGCHLD, signal.SIG_IGN)


def _parts(worker: _Worker[T]) -> Generator[tuple[int, R], None, BaseException | None]:
    """The parts a worker sends for the chunk it is doing. Returns None at the chunk's end, the
    error its work raised, or :class:`WorkerDied` (the worker closed) when its pipe ended first."""
    while (answer := _read(worker.results)) is not None:
        kind, payload = answer
        if kind == _PART:
            part: tuple[int, R] = pickle.loads(payload)
            yield part
        elif kind == _END:
            return None
        else:
            return RuntimeError(payload.decode(errors="replace"))
    return WorkerDied(worker.close(kill=False))  # its pipe ended: it has exited, or is exiting


def _results(worker: _Worker[T], chunk: list[T]) -> Generator[R, None, list[T]]:
    """The results of the parts a worker sends for ``chunk``; returns the tasks no part covered
    (none at the chunk's end). The error that left them is in :attr:`_Worker.error`."""
    done = 0
    parts: Generator[tuple[int, R], None, BaseException | None] = _parts(worker)
    while True:
        try:
            count, result = next(parts)
        except StopIteration as end:
            worker.error = end.value
            if worker.error is None and done != len(chunk):  # never a task lost or doubled
                worker.error = RuntimeError(f"the parts covered {done} of {len(chunk)} tasks")
            return chunk[done:] if worker.error is not None else []
        done += count
        yield result


def _redo(
    rest: list[T],
    error: BaseException,
    work: Work[T, R],
    failed: Callable[[list[T], BaseException], R],
    retry: int,
    siblings: list[_Worker[T]],
) -> Iterator[R]:
    """The tasks of a chunk left by a dead worker or an error, done again in pieces of ``retry``
    tasks, each by a worker of its own; a piece left again (or a rest no larger than ``retry``)
    goes to ``failed``."""
    if not rest:
        return
    if len(rest) <= retry:
        yield failed(rest, error)
        return
    for start in range(0, len(rest), retry):
        piece = rest[start : start + retry]
        try:
            worker = _fork(work, siblings)
        except OSError as exc:  # no more pipes or processes allowed: the rest is left
            yield failed(rest[start:], exc)
            return
        ended = False
        try:
            worker.send(_record(_TASK, pickle.dumps(piece, -1)))
            worker.finish()  # it ends after this piece
            left = yield from _results(worker, piece)
            if left and worker.error is not None:
                yield failed(left, worker.error)
            ended = True
        finally:
            worker.close(kill=not ended)


def in_order(
    chunks: Iterator[list[T]],
    work: Work[T, R],
    failed: Callable[[list[T], BaseException], R],
    jobs: int,
    *,
    retry: int,
) -> Iterator[R]:
    """The results of ``work`` for each chunk, done by ``jobs`` forked workers, yielded in order
    (the parts of a chunk one by one).

    ``chunks`` is walked in this process only; each chunk must pickle, and so must each part.
    ``work`` runs in the workers only. ``failed(tasks, exc)`` stands for the result of tasks whose
    worker died or whose work raised; the tasks of a chunk larger than ``retry`` are first done
    again in pieces of ``retry`` (see the module's text).
    """
    workers: list[_Worker[T]] = []
    restore = _children_reaped_here()
    try:
        for _ in range(jobs):
            try:
                workers.append(_fork(work, workers))
            except OSError:  # no more pipes or processes allowed: fewer workers, if any
                if not workers:
                    raise
                break
        alive = list(range(len(workers)))  # the workers that take chunks
        gone: BaseException = WorkerDied("no worker process")  # why a gone one's chunks are left
        sent: deque[tuple[list[T], int, bytes]] = deque()  # chunk, its worker (-1: gone), record
        index = 0
        pending = next(chunks, None)
        while True:
            while pending is not None and alive:  # send as far ahead as the workers take
                slot = alive[index % len(alive)]
                record = _record(_TASK, pickle.dumps(pending, -1))
                if not workers[slot].may_take(len(record)):
                    break
                workers[slot].send(record)
                sent.append((pending, slot, record))
                index += 1
                pending = next(chunks, None)
            if not sent:
                if pending is None:
                    break
                # No worker is left: the rest is left as a dead worker's chunk would be.
                yield from _redo(pending, gone, work, failed, retry, workers)
                pending = next(chunks, None)
                continue
            chunk, slot, _ = sent.popleft()
            if slot < 0:
                yield from _redo(chunk, gone, work, failed, retry, workers)
                continue
            worker = workers[slot]
            rest = yield from _results(worker, chunk)
            error = worker.error
            if error is None:
                worker.answered()
                continue
            if not isinstance(error, WorkerDied):
                worker.answered()
                yield from _redo(rest, error, work, failed, retry, workers)
                continue
            # First what it left (the process it freed may be the only one to be had), then a
            # worker in its place for the chunks it had waiting.
            yield from _redo(rest, error, work, failed, retry, workers)
            try:
                workers[slot] = replacement = _fork(work, workers)
            except OSError as exc:  # none to be had: its chunks are left, the others go on
                alive.remove(slot)
                gone = exc
                sent = deque((c, -1 if s == slot else s, r) for c, s, r in sent)
                continue
            for _, later, record in sent:  # what the dead one had not answered (WINDOW - 1)
                if later == slot:
                    replacement.send(record)
        for worker in workers:  # each ends once it has read its last task
            worker.finish()
        for worker in workers:
            worker.close(kill=False)
        workers.clear()
    finally:
        for worker in workers:  # interrupted, or the consumer stopped: stop them all
            worker.close(kill=True)
        restore()
