"""The command's parser, described as data for its reference page (``kpcert spec build``)."""

from __future__ import annotations

import argparse

from kpstandard._cli_doc import ArgumentDoc, CommandDoc

__all__ = ["describe"]


def describe(
    parser: argparse.ArgumentParser, prog: str | None = None, help_text: str = "", intro: str = ""
) -> CommandDoc:
    """Describe a parser and its subparsers; hidden options (help SUPPRESS) are left out."""
    prog = prog or parser.prog
    arguments = tuple(
        ArgumentDoc(_invocation(action), _help(action))
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction | argparse._SubParsersAction)
        and action.help != argparse.SUPPRESS
    )
    subcommands = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, subparser in action.choices.items():
                subcommands.append(describe(subparser, f"{prog} {name}", helps.get(name, "")))
    return CommandDoc(
        prog=prog,
        description=parser.description or "",
        help=help_text,
        usage=_usage(parser, prog),
        arguments=arguments,
        subcommands=tuple(subcommands),
        intro=intro,
    )


def _metavar(action: argparse.Action) -> str:
    if isinstance(action.metavar, str):
        return action.metavar
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return "{" + ",".join(str(c) for c in action.choices) + "}"
    return action.dest.upper()


def _invocation(action: argparse.Action) -> str:
    """How an argument is written, every spelling of an option: ``-o OUT, --output OUT``."""
    if not action.option_strings:
        return _positional(action)
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    return ", ".join(f"{flag} {_metavar(action)}" for flag in action.option_strings)


def _positional(action: argparse.Action) -> str:
    metavar = _metavar(action)
    return {
        "+": f"{metavar} [{metavar} ...]",
        "*": f"[{metavar} ...]",
        "?": f"[{metavar}]",
    }.get(str(action.nargs), metavar)


def _usage(parser: argparse.ArgumentParser, prog: str, width: int = 88) -> str:
    """A usage line built from the actions (argparse's own depends on the terminal's width)."""
    parts: list[str] = []
    positionals = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._SubParsersAction):
            positionals.append(f"{_metavar(action)} ...")
        elif not action.option_strings:
            positionals.append(_positional(action))
        else:
            flag = action.option_strings[-1]
            text = flag if action.nargs == 0 else f"{flag} {_metavar(action)}"
            parts.append(text if action.required else f"[{text}]")
    lines = [prog]
    for part in parts + positionals:
        if len(lines[-1]) + 1 + len(part) > width and lines[-1].strip() != prog:
            lines.append(" " * len(prog))
        lines[-1] += " " + part
    return "\n".join(lines)


def _help(action: argparse.Action) -> str:
    text = action.help or ""
    if "%(" in text:  # argparse's own substitutions, as --help would print them
        text = text % {**vars(action), "prog": ""}
    return ("required: " if action.required and action.option_strings else "") + text
