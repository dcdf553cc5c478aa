"""The command's description as data: what the reference page of ``kpcert`` is made from.

The command describes itself (``kpstandard.cli.describe``) and hands this to the build, so that the
build, below the command in the dependency order, never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ArgumentDoc", "CommandDoc"]


@dataclass(frozen=True)
class ArgumentDoc:
    """One argument of a command."""

    invocation: str
    """How it is written, every spelling of an option: ``-o OUT, --output OUT``."""
    help: str


@dataclass(frozen=True)
class CommandDoc:
    """A command or subcommand, and the subcommands below it."""

    prog: str
    """The whole invocation: ``kpcert trust-list verify``."""
    description: str
    help: str
    """The one line its parent lists it with."""
    usage: str
    arguments: tuple[ArgumentDoc, ...]
    subcommands: tuple[CommandDoc, ...]
    intro: str = ""
    """For the top command: what the page says after its description."""

    def walk(self) -> tuple[CommandDoc, ...]:
        """Every subcommand below this one, depth first, in the order the parser lists them."""
        found: list[CommandDoc] = []
        for sub in self.subcommands:
            found += [sub, *sub.walk()]
        return tuple(found)
