"""Every console example in the README and the guides does what it says.

Each ``$ command`` of a ```` ```console ```` block is run, in the order of its file, in a scratch
folder that sees the repository's examples, standard and suite, with the exit code the text
implies; output lines shown under a command must appear in what it prints. A command that cannot
run here (a placeholder for the reader's own system, a network address, a tool this machine may
lack) is listed below with the reason, so that a new example is run unless someone says why not.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs" / "guides").glob("*.md")),
    ROOT / "conformance" / "GUIDE.md",
]

NOT_RUN = {
    "pip install": "installs the package: the test suite runs in an installed environment",
    "sphinx-build": "builds the documentation site: tests/test_docs.py and CI do",
    "kpcert spec build": "rewrites generated files of the checkout: tests/test_cli.py runs it",
    'kp-adapter.jar"': "a placeholder for the reader's own Java adapter",
    '"./my-adapter"': "a placeholder for the reader's own adapter",
    '"./adapter"': "a placeholder for the reader's own adapter",
    "--url https://": "a placeholder address of the reader's own service",
    "--node https://": "a placeholder address of the reader's own exchange node (tests/test_"
    "conformance_exchange.py runs the same form against the reference node on loopback)",
    "--url http://127.0.0.1:8080": "needs the reader's service listening (tests/test_conformance_"
    "runner.py serves the reference on loopback and runs the same form)",
    "curl ": "talks to the reader's service",
    "kpcert serve": "runs a server until it is stopped: tests/test_service.py starts it on a free "
    "loopback port",
    "kpcert node ": "needs the demo's two nodes running (started with '&' above): "
    "tests/test_node.py starts two nodes on loopback and runs the same commands",
    "old-checkout/": "a placeholder for the reader's older checkout",
}
"""Command fragments that are not run, with why."""

EXIT_CODES = {
    "kpcert validate examples/documents examples/invalid": 1,  # the invalid examples
    "kpcert validate --format json examples/invalid/": 1,
    "kpcert validate --format sarif examples/documents examples/invalid": 1,
    "kpcert validate --rules-date 2014-01-01": 1,  # CAR was not yet restricted to zones then
    'kpcert conformance run --adapter "node examples/adapters/node-minimal': 1,  # XSD only
    "kpcert verify examples/signed/za-in-container.xml": 1,  # void by its notice: KP-ST-004
}
"""Commands whose documented outcome is a failure exit code (by prefix); every other is 0."""


@dataclass(frozen=True)
class Example:
    document: Path
    line: int
    command: str
    output: tuple[str, ...]


def _examples(document: Path) -> list[Example]:
    found: list[Example] = []
    block: list[tuple[int, str]] | None = None
    for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), 1):
        if block is None:
            if line.strip() == "```console":
                block = []
            continue
        if line.strip().startswith("```"):
            found += _commands(document, block)
            block = None
            continue
        block.append((number, line))
    return found


def _commands(document: Path, block: list[tuple[int, str]]) -> list[Example]:
    commands: list[Example] = []
    pending: tuple[int, str] | None = None
    output: list[str] = []

    def close() -> None:
        if pending is not None:
            commands.append(Example(document, pending[0], pending[1], tuple(output)))

    for number, line in block:
        if line.startswith("$ "):
            close()
            pending, output = (number, line[2:]), []
        elif pending is not None and pending[1].endswith("\\"):
            pending = (pending[0], pending[1][:-1] + " " + line.strip())
        elif line.strip():
            output.append(line.strip())
    close()
    return commands


ALL = [example for document in DOCUMENTS for example in _examples(document)]


def _has_release_tag(tag: str) -> bool:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}"],
            cwd=ROOT,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return found.returncode == 0


def _reason_not_to_run(command: str) -> str | None:
    for fragment, reason in NOT_RUN.items():
        if fragment in command:
            return reason
    if command.startswith('kpcert conformance run --adapter "node') and not shutil.which("node"):
        return "needs Node.js"
    if command.startswith("kpcert spec diff spec-1.0") and not _has_release_tag("spec-1.0"):
        return "the release tag spec-1.0 is not in this checkout (a clone without tags or history)"
    return None


def _expected_exit(command: str) -> int:
    bare = re.sub(r"\s+#.*$", "", command)
    for prefix, code in EXIT_CODES.items():
        if bare.startswith(prefix):
            return code
    return 0


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("console")
    for name in ("examples", "spec", "conformance", "docs", "kpstandard"):
        (folder / name).symlink_to(ROOT / name)
    return folder


def test_every_console_example_is_found() -> None:
    assert len(ALL) > 20
    assert {e.document.name for e in ALL} >= {"README.md", "GUIDE.md", "signing.md"}


@pytest.mark.parametrize("example", ALL, ids=[f"{e.document.name}:{e.line}" for e in ALL])
def test_console_example(example: Example, scratch: Path) -> None:
    reason = _reason_not_to_run(example.command)
    if reason is not None:
        pytest.skip(f"not run: {reason}")
    command = re.sub(r"\s+#[^\"']*$", "", example.command)
    kpcert = Path(sys.executable).with_name("kpcert")
    environment = {**os.environ, "PATH": f"{kpcert.parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(
        ["bash", "-c", command],
        cwd=scratch,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        check=False,
    )
    expected = _expected_exit(example.command)
    assert run.returncode == expected, (
        shlex.quote(command),
        run.stdout[-2000:],
        run.stderr[-2000:],
    )
    for line in example.output:
        if line == "...":
            continue
        # "..." inside a shown line stands for what the text leaves out (a long digest, say).
        pattern = ".*".join(re.escape(part) for part in line.split("..."))
        assert re.search(pattern, run.stdout), (line, run.stdout[-2000:])
