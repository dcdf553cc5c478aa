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


def test_validating_unsigned_documents_imports_no_cryptography_yaml_or_pycountry() -> None:
    # Each costs 13 to 35 ms of every start of the command and none is needed here: the
    # signature modules load with a trust list, the model and code lists come from
    # kpstandard/_spec_data.py, and the ISO 3166-1 codes are read from pycountry's data file.
    code = (
        "import sys; from kpstandard.cli import main; "
        "main(['validate', '--no-progress', 'examples/documents/za-ae-original.json', "
        "'examples/documents/za-ae-original.xml']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'cryptography', 'yaml', "
        "'pycountry', 'signxml'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "za-ae-original.xml: valid" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_iso_3166_codes_read_from_pycountrys_file_are_pycountrys() -> None:
    import pycountry

    from kpstandard.validation.rules._certificate import _iso_alpha_2

    assert _iso_alpha_2() == {country.alpha_2.lower() for country in pycountry.countries}
    assert "bw" in _iso_alpha_2()
    assert "eu" not in _iso_alpha_2()
