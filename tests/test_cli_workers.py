"""``kpcert validate --jobs N`` with forked workers: order, a worker that dies, a chunk that raises.

Behaviour only (no timing): the output is in the order of the walk whatever the worker; a worker
killed by a signal costs the documents of the chunk it was doing (each reported KP-X-001 with the
signal named) and nothing else; Ctrl-C stops the command and every worker.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

import kpstandard
from kpstandard.cli import _forked, _validate, main

from conftest import make_certificate

pytestmark = pytest.mark.skipif(
    not _forked.available(), reason="workers are forked only on Linux (elsewhere: a pool)"
)

CHUNKS = 15
"""Files of the batch, in CHUNKs: the first chunk is validated in the main process, the rest go
to two workers in chunks whose sizes are multiples of CHUNK (see :func:`_piece`)."""


def _folder(tmp_path: Path) -> list[str]:
    certificate = kpstandard.dumps(make_certificate(), "json")
    names = [f"{index:03d}.json" for index in range(CHUNKS * _validate.CHUNK)]
    for name in names:
        (tmp_path / name).write_bytes(certificate)
    return names


def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def _piece(index: int) -> set[str]:
    """The files of :func:`_folder` in the piece of CHUNK files that holds file ``index``: the
    chunks' sizes are multiples of CHUNK here, so a chunk done again is cut at these bounds."""
    start = index - index % _validate.CHUNK
    return {f"{i:03d}.json" for i in range(start, start + _validate.CHUNK)}


def test_a_worker_killed_by_a_signal_costs_the_piece_of_its_document_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    names = _folder(tmp_path)
    real = _validate.validate_bytes

    def validate_bytes(data: bytes, **options: Any) -> Any:
        if str(options.get("path", "")).endswith("200.json"):  # chunk 3: the first worker's
            os.kill(os.getpid(), signal.SIGKILL)
        return real(data, **options)

    monkeypatch.setattr(_validate, "validate_bytes", validate_bytes)
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "2"]) == 1
    lines = _lines(capsys.readouterr().out)
    assert [Path(r["path"]).name for r in lines[:-1]] == names
    # The rest of the chunk is done again in pieces of 64, each by a worker of its own: the
    # piece with 200.json kills its worker too and is not judged; the others are.
    lost = _piece(200)
    for report in lines[:-1]:
        if Path(report["path"]).name in lost:
            assert report["verdict"] == "not-judged"
            assert [f["code"] for f in report["findings"]] == ["KP-X-001"]
            assert "killed by signal 9 (SIGKILL)" in report["findings"][0]["message"]
        else:  # chunk 5 too, done by the worker forked in the dead one's place
            assert report["verdict"] == "valid"
    assert lines[-1]["summary"]["not_judged"] == len(lost)


def test_what_a_dead_worker_sent_before_it_died_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    names = _folder(tmp_path)
    real = _validate.validate_bytes
    log = tmp_path.parent / f"{tmp_path.name}-validated.log"

    def validate_bytes(data: bytes, **options: Any) -> Any:
        with log.open("a") as validated:  # every validation, in whichever process
            validated.write(f"{options.get('path')}\n")
        if str(options.get("path", "")).endswith("520.json"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(data, **options)

    def chunks(self: _validate._ChunkSizes, tasks: Iterator[_validate.Task]) -> Any:
        # Files 64-127, 128-191, then chunks of 256: 192-447, 448-703 (with 520), 704-959.
        return iter(lambda: list(islice(tasks, 256 if self.seconds else 64)), [])

    monkeypatch.setattr(_validate, "validate_bytes", validate_bytes)
    monkeypatch.setattr(_validate._ChunkSizes, "chunks", chunks)
    monkeypatch.setattr(_validate, "RESULT_BYTES", 1)  # a part sent for every 64 documents
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "2"]) == 1
    lines = _lines(capsys.readouterr().out)
    assert [Path(r["path"]).name for r in lines[:-1]] == names
    lost = _piece(520)
    for report in lines[:-1]:
        name = Path(report["path"]).name
        assert report["verdict"] == ("not-judged" if name in lost else "valid"), name
    assert lines[-1]["summary"]["not_judged"] == len(lost)
    counted = Counter(Path(line).name for line in log.read_text().splitlines())
    assert counted["500.json"] == 1  # sent in a part before the worker died: not done again
    assert counted["515.json"] == 2  # its part was not sent: done again (and left again)
    assert counted["650.json"] == 1  # after the document that killed it: done once, again


def test_the_piece_of_a_chunk_whose_work_raises_is_not_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    names = _folder(tmp_path)
    real = _validate._validate_chunk

    def validate_chunk(tasks: list[_validate.Task]) -> _validate.Batch:
        if any(path.endswith("330.json") for path, _, _ in tasks):  # chunk 4 (320-447)
            raise MemoryError("raised for the test")
        return real(tasks)

    monkeypatch.setattr(_validate, "_validate_chunk", validate_chunk)
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "2"]) == 1
    lines = _lines(capsys.readouterr().out)
    assert [Path(r["path"]).name for r in lines[:-1]] == names
    lost = _piece(330)  # the rest of its chunk done again: only this piece raises again
    for report in lines[:-1]:
        if Path(report["path"]).name in lost:
            assert [f["code"] for f in report["findings"]] == ["KP-X-001"]
            assert "MemoryError: raised for the test" in report["findings"][0]["message"]
        else:
            assert report["verdict"] == "valid"


@pytest.mark.parametrize(("output", "parts"), [(100, [256]), (10_000, [128, 128])])
def test_a_worker_sends_a_chunk_in_parts_of_about_a_mebibyte(
    monkeypatch: pytest.MonkeyPatch, output: int, parts: list[int]
) -> None:
    def validate_chunk(tasks: list[_validate.Task]) -> _validate.Batch:
        return _validate.Batch(["valid"] * len(tasks), ["x" * output] * len(tasks), [], [])

    monkeypatch.setattr(_validate, "_validate_chunk", validate_chunk)
    monkeypatch.setattr(_validate, "_options", {})  # no encoding asked for: the lines as they are
    tasks: list[_validate.Task] = [(f"{index}.json", None, False) for index in range(256)]
    sent = list(_validate._worker_chunk(tasks))
    assert [count for count, _ in sent] == parts  # reports of 10 KB: 1 MiB after 128 of them
    assert [len(batch.outputs) for _, batch in sent] == parts


def _sized(jobs: int, seconds_per_document: float, count: int = 10_000) -> list[int]:
    """The sizes of the chunks cut for ``jobs`` workers that report each result at once."""
    tasks: list[_validate.Task] = [(f"{index}.json", None, False) for index in range(count)]
    sizes = _validate._ChunkSizes(jobs)
    cut = []
    for chunk in sizes.chunks(iter(tasks)):
        cut.append(chunk)
        done = len(chunk) * seconds_per_document
        sizes.observe(_validate.Batch(["valid"] * len(chunk), [], [], [], seconds=done))
    assert [task for chunk in cut for task in chunk] == tasks  # every task, in order
    return [len(chunk) for chunk in cut]


def test_chunks_grow_to_the_largest_for_quick_documents() -> None:
    sizes = _sized(2, 100e-6)  # 100 µs a document: 1,000 in a tenth of a second
    # Two workers: a round of two chunks of 64, then each round twice as large, up to what a
    # tenth of a second holds (1,000), never more than 1,024.
    assert sizes[:10] == [64, 64, 128, 128, 256, 256, 512, 512, 1000, 1000]
    assert set(sizes[10:-1]) == {1000}
    assert _sized(3, 10e-6)[:9] == [64, 64, 64, 128, 128, 128, 256, 256, 256]
    assert max(_sized(2, 10e-6)) == 1024


def test_chunks_stay_small_for_slow_documents() -> None:
    assert set(_sized(2, 25e-3, count=2_000)[:-1]) == {64}  # 25 ms a document (many findings)
    assert _sized(2, 400e-6)[:8] == [64, 64, 128, 128, 250, 250, 250, 250]


@pytest.mark.parametrize("jobs", [1, 2, 3, 5])
def test_results_come_in_the_order_of_the_chunks(jobs: int) -> None:
    chunks = iter([[index, index * 10] for index in range(11)])
    done = list(_forked.in_order(chunks, _whole(sum), lambda c, e: -1, jobs, retry=1))
    assert done == [index * 11 for index in range(11)]


def _whole(work: Any) -> Any:
    """A chunk's work as one part that covers the whole chunk."""
    return lambda chunk: [(len(chunk), work(chunk))]


def _halves(chunk: list[int]) -> Iterator[tuple[int, list[int]]]:
    """A part for each half of a chunk; a chunk with 5 raises before its first part, one with 17
    kills its worker after it."""
    middle = len(chunk) // 2
    if 5 in chunk:
        raise ValueError("five")
    yield middle, chunk[:middle]
    if 17 in chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    yield len(chunk) - middle, chunk[middle:]


def test_parts_and_pieces_done_again() -> None:
    chunks = iter([[0, 1], list(range(2, 12)), list(range(12, 22))])
    done = [
        ("failed", part[1], "SIGKILL" in part[2] or part[2])
        if part and part[0] == "failed"
        else part
        for part in _forked.in_order(
            chunks, _halves, lambda c, e: ("failed", c, str(e)), 2, retry=3
        )
    ]
    assert done[:2] == [[0], [1]]  # a chunk comes in its parts
    # 2-11 raises (it holds 5): done again in pieces of 3, of which 5-7 raises again.
    assert done[2:7] == [[2], [3, 4], ("failed", [5, 6, 7], "ValueError: five"), [8], [9, 10]]
    assert done[7:9] == [[], [11]]
    # 12-21 kills its worker after its first half: the rest, 17-21, is done again in pieces;
    # 17-19 kills again after its first part, 17: 18 and 19 are left.
    assert done[9:] == [list(range(12, 17)), [17], ("failed", [18, 19], True), [20], [21]]


def test_parts_that_cover_too_few_tasks_leave_the_rest_to_failed() -> None:
    chunks = iter([[0, 1, 2]])
    done = list(
        _forked.in_order(
            chunks, lambda c: [(1, c[:1])], lambda c, e: ("failed", c, str(e)), 1, retry=5
        )
    )
    assert done == [[0], ("failed", [1, 2], "the parts covered 1 of 3 tasks")]


def _dies_on_seven(chunk: list[int]) -> list[tuple[int, list[int]]]:
    if 7 in chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    return [(len(chunk), chunk)]


def test_when_no_worker_can_be_forked_in_a_dead_ones_place_the_others_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Found by attack: running out of descriptors when forking the replacement ended the run.
    real, forks = _forked._fork, []

    def fork(*args: Any) -> Any:
        forks.append(1)
        if len(forks) > 2:  # the two workers, then nothing more to be had
            raise OSError(24, "Too many open files")
        return real(*args)

    monkeypatch.setattr(_forked, "_fork", fork)
    chunks = iter([[index, index + 100] for index in range(12)])
    done = list(
        _forked.in_order(chunks, _dies_on_seven, lambda c, e: ("failed", c, str(e)), 2, retry=1)
    )
    # Chunk 7 died with its worker and could not be done again, nor could its worker's waiting
    # chunk (9): both are left with the reason; every other chunk is done by the worker left,
    # in order, each once.
    assert [part[1] if part[0] == "failed" else part for part in done] == [
        [index, index + 100] for index in range(12)
    ]
    failed = {part[1][0]: part[2] for part in done if part[0] == "failed"}
    assert set(failed) == {7, 9}
    assert all("Too many open files" in reason for reason in failed.values())


def test_a_fork_that_fails_leaves_no_descriptor_open(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    before = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", no_fork)
    for _ in range(20):
        with pytest.raises(OSError, match="temporarily unavailable"):
            _forked._fork(_whole(sum), [])
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_worker_that_exits_is_named_by_its_status() -> None:
    def exits(chunk: list[int]) -> list[tuple[int, list[int]]]:
        if 3 in chunk:
            os._exit(7)
        return [(len(chunk), chunk)]

    done = list(
        _forked.in_order(iter([[1], [3], [5]]), exits, lambda c, e: (c, str(e)), 1, retry=1)
    )
    assert done[0] == [1]
    assert done[2] == [5]
    assert done[1][0] == [3]
    assert done[1][1].endswith("exited with status 7")


def test_no_chunk_at_all() -> None:
    empty: Iterator[list[int]] = iter([])
    assert list(_forked.in_order(empty, _whole(sum), lambda c, e: -1, 2, retry=1)) == []


def test_ctrl_c_stops_the_command_and_its_workers(tmp_path: Path) -> None:
    certificate = kpstandard.dumps(make_certificate(), "json")
    for index in range(6000):
        (tmp_path / f"{index:04d}.json").write_bytes(certificate)
    command = [sys.executable, "-m", "kpstandard.cli", "validate", "--format", "jsonl"]
    process = subprocess.Popen(
        [*command, "--jobs", "2", "--no-progress", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell gives a foreground job
    )
    assert process.stdout is not None
    process.stdout.readline()  # the batch has started: the workers are forked by now
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
    try:
        _, errors = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # a hang is the failure this test is for
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("kpcert validate did not stop on SIGINT")
    assert process.returncode == 130  # interrupted, not finished before the signal
    assert errors.decode().splitlines() == ["kpcert: interrupted"]
    with pytest.raises(ProcessLookupError):  # no worker of the group is left behind
        os.killpg(process.pid, 0)


def _mixed_folder(tmp_path: Path) -> None:
    """Documents with names out of ASCII, and an invalid one, in several worker chunks."""
    certificate = kpstandard.dumps(make_certificate(), "json")
    for index in range(CHUNKS * _validate.CHUNK):
        (tmp_path / f"{index:03d}-zürich.json").write_bytes(certificate)
    (tmp_path / "300-zürich.json").write_bytes(b"{}")


@pytest.mark.parametrize("output_format", ["text", "jsonl"])
def test_workers_write_what_one_process_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    _mixed_folder(tmp_path)
    outputs = []
    for jobs in ("1", "2", "3"):
        assert main(["validate", str(tmp_path), "--format", output_format, "--jobs", jobs]) == 1
        outputs.append(capsys.readouterr())
    assert outputs[0].out == outputs[1].out == outputs[2].out
    assert outputs[0].err == outputs[1].err == outputs[2].err == ""
    assert "300-zürich.json" in outputs[0].out


def _jsonl_by_jobs(folder: Path, encoding: str) -> list[bytes]:
    """Standard output of ``kpcert validate --format jsonl`` with one job, then two, written in
    ``encoding`` (PYTHONIOENCODING); each run exits 1 (the one invalid document)."""
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    outputs = []
    for jobs in ("1", "2"):
        command = [sys.executable, "-m", "kpstandard.cli", "validate", str(folder)]
        done = subprocess.run(
            [*command, "--format", "jsonl", "--jobs", jobs],
            capture_output=True,
            env=environment,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    return outputs


def test_workers_encode_as_standard_output_does(tmp_path: Path) -> None:
    _mixed_folder(tmp_path)
    outputs = _jsonl_by_jobs(tmp_path, "ascii:backslashreplace")
    assert outputs[0] == outputs[1]
    assert b"300-z\\xfcrich.json" in outputs[0]  # the stream's error handler, in the workers too


def test_one_job_imports_no_worker_machinery() -> None:
    # pickle and signal (about 2 ms of the start) serve the workers only; tempfile serves JUnit.
    code = (
        "import sys; from kpstandard.cli import main; "
        "main(['validate', '--no-progress', '--jobs', '1', "
        "'examples/documents/za-ae-original.json']); "
        "print(sorted({'kpstandard.cli._forked', 'pickle', 'tempfile'} & set(sys.modules)))"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_confirmations_in_worker_chunks_meet_their_certificates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    certificate = kpstandard.dumps(make_certificate(), "json")
    for index in range(3 * _validate.CHUNK):  # first, so that the examples go to the workers
        (tmp_path / f"a-{index:03d}.json").write_bytes(certificate)
    examples = Path(__file__).resolve().parents[1] / "examples" / "documents"
    for path in examples.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    outputs = []
    for jobs in ("1", "2"):
        main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", jobs])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    reports = _lines(outputs[1])[:-1]
    confirmations = [r for r in reports if r["type"] == "import-confirmation"]
    assert confirmations
    assert all(r["verdict"] == "valid" for r in confirmations)  # each met its certificate


def test_a_progress_bar_with_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _mixed_folder(tmp_path)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # a person watching
    outputs = []
    for jobs in ("1", "2"):
        assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", jobs]) == 1
        outputs.append(capsys.readouterr())
    assert outputs[0].out == outputs[1].out
    total = CHUNKS * _validate.CHUNK
    for captured in outputs:
        assert f"{total}/{total}" in captured.err  # the bar counted every document


def test_the_chunks_are_walked_once_in_the_main_process() -> None:
    walked: list[int] = []  # appended to where the iterator runs

    def chunks() -> Iterator[list[int]]:
        for index in range(9):
            walked.append(index)
            yield [index]

    done = list(_forked.in_order(chunks(), _whole(lambda c: c[0]), lambda c, e: -1, 2, retry=1))
    assert done == list(range(9))
    assert walked == list(range(9))  # here, once: a folder changing meanwhile is walked once


@pytest.mark.parametrize("pipe_size", [1 << 20, 4096])  # as asked; the least a pipe holds
def test_large_chunks_and_results_do_not_block_the_pipes(pipe_size: int) -> None:
    # Chunks and results larger than a pipe's default 64 KiB, both ways at once: a deadlock
    # would hang, so the check runs in a process of its own with a time limit.
    code = (
        "from kpstandard.cli import _forked\n"
        f"_forked._PIPE_SIZE = {pipe_size}\n"
        "chunks = iter([[str(i) * 150_000] * 3 for i in range(10)])\n"
        "work = lambda c: [(len(c), c * 2)]\n"
        "done = list(_forked.in_order(chunks, work, lambda c, e: None, 3, retry=1))\n"
        "assert [len(d) for d in done] == [6] * 10 and done[9][0][:2] == '99', done\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=root
    )
    assert done.stdout == "ok\n", done.stderr


def test_the_pool_where_workers_cannot_be_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _mixed_folder(tmp_path)
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "1"]) == 1
    one = capsys.readouterr()
    monkeypatch.setattr(_forked, "available", lambda: False)  # as on macOS or Windows
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "2"]) == 1
    assert capsys.readouterr() == one


# Found by review (each failed before its fix).


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_an_encoding_with_a_byte_order_mark_writes_one_mark(tmp_path: Path, encoding: str) -> None:
    _mixed_folder(tmp_path)
    outputs = _jsonl_by_jobs(tmp_path, encoding)
    assert outputs[0] == outputs[1]
    lines = outputs[1].decode(encoding).splitlines()
    assert len(lines) == CHUNKS * _validate.CHUNK + 1  # and the summary


def test_workers_keep_an_ignored_sigint_ignored(tmp_path: Path) -> None:
    # Run in the background of a script (SIGINT ignored), a Ctrl-C to the group must not kill
    # the workers: with one job the command ignores it, so with two.
    _mixed_folder(tmp_path)
    script = (
        "import os, signal, sys\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "from kpstandard.cli import _validate, main\n"
        "real = _validate.validate_bytes\n"
        "def validate_bytes(data, **options):\n"
        "    if str(options.get('path', '')).endswith('200-zürich.json'):\n"
        "        os.killpg(0, signal.SIGINT)\n"
        "    return real(data, **options)\n"
        "_validate.validate_bytes = validate_bytes\n"
        "sys.exit(main(['validate', sys.argv[1], '--format', 'jsonl', '--jobs', '2']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        check=False,
        start_new_session=True,  # its own process group: the signal reaches no one else
        timeout=120,
    )
    lines = _lines(done.stdout.decode())
    assert lines[-1]["summary"]["not_judged"] == 0, done.stderr
    assert done.returncode == 1  # the one invalid document


def test_a_worker_reaped_once_is_never_signalled_again(monkeypatch: pytest.MonkeyPatch) -> None:
    killed: list[int] = []
    monkeypatch.setattr(_forked.os, "kill", lambda pid, number: killed.append(pid))
    worker = _forked._fork(lambda chunk: chunk, [])
    worker.finish()
    first = worker.close(kill=False)
    assert "exited with status 0" in first
    assert worker.close(kill=True) == "worker process ended"
    assert killed == []


def test_an_inherited_ignored_sigchld_still_names_the_signal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        test_a_worker_killed_by_a_signal_costs_the_piece_of_its_document_only(
            tmp_path, monkeypatch, capsys
        )
        assert signal.getsignal(signal.SIGCHLD) is signal.SIG_IGN  # restored after the run
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_more_jobs_than_the_descriptors_allow_run_with_fewer_workers(tmp_path: Path) -> None:
    import resource

    _mixed_folder(tmp_path)

    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (40, 40))

    command = [sys.executable, "-m", "kpstandard.cli", "validate", str(tmp_path)]
    done = subprocess.run(
        [*command, "--format", "jsonl", "--jobs", "20"],
        capture_output=True,
        preexec_fn=few_descriptors,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # the one invalid document, no internal error
    assert _lines(done.stdout.decode())[-1]["summary"]["documents"] == CHUNKS * _validate.CHUNK
