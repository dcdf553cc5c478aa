"""Where the standard's data files are: ``spec/`` in a checkout, ``kpstandard/_spec`` in a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import IO, Any

import yaml

_PACKAGE = Path(__file__).resolve().parent


@cache
def spec_dir() -> Path:
    """Return the folder that holds the standard (model, code lists, schemas, text).

    A wheel carries ``spec/`` as ``kpstandard/_spec``; a source checkout (editable install, tests)
    has it beside the package.
    """
    for candidate in (_PACKAGE / "_spec", _PACKAGE.parent / "spec"):
        if (candidate / "model" / "model.yaml").is_file():
            return candidate
    raise FileNotFoundError("the kpstandard spec/ folder is missing from this installation")


def source_root() -> Path | None:
    """Return the root of the source checkout when running from one, else None.

    Only a checkout can be rebuilt (``kpcert spec build`` writes into it).
    """
    root = _PACKAGE.parent
    return root if (root / "spec" / "model" / "model.yaml").is_file() else None


_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (the same documents, ten times faster),
else the pure-Python one: the model and code lists are read at every start of the command."""


def load_yaml(stream: IO[str] | str) -> Any:
    """Read YAML safely (no Python objects), with libyaml when it is there.

    Raises:
        yaml.YAMLError: the text is not YAML.
    """
    return yaml.load(stream, Loader=_YAML_LOADER)
