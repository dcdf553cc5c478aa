"""The command imports only the module of the command it runs (start-up, issue 11)."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from kpstandard import cli


def _registered(name: str) -> list[str]:
    commands = argparse.ArgumentParser().add_subparsers()
    if name == "_spec":
        cli._spec.register(commands, describe=cli.describe)
    else:
        cli._module(name).register(commands)
    return list(commands.choices)


def test_every_command_is_named_with_the_module_that_registers_it() -> None:
    by_module: dict[str, list[str]] = {}
    for command, module in cli.COMMANDS.items():
        by_module.setdefault(module, []).append(command)
    for module, commands in by_module.items():
        assert _registered(module) == commands


def test_the_whole_parser_has_every_command_in_order() -> None:
    subparsers = next(
        a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    )
    assert list(subparsers.choices) == list(cli.COMMANDS)


@pytest.mark.parametrize("command", sorted(set(cli.COMMANDS) - {"spec"}))
def test_one_command_parses_as_the_whole_parser_does(command: str) -> None:
    def helped(parser: argparse.ArgumentParser) -> str:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return sub.choices[command].format_help()

    assert helped(cli.build_parser(command)) == helped(cli.build_parser())


def test_validate_does_not_import_the_conformance_runner_or_the_servers() -> None:
    code = (
        "import sys; from kpstandard.cli import main; "
        "main(['validate', '--no-progress', 'examples/documents/za-ae-original.json']); "
        "print(sorted(m for m in sys.modules if m.startswith(('kpstandard.conformance', "
        "'kpstandard.node', 'kpstandard.service', 'starlette', 'uvicorn'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
