"""``python -m kpstandard.conformance.generate``: write the vectors into the suite folder."""

from __future__ import annotations

import sys

from kpstandard.cli import main

if __name__ == "__main__":
    sys.exit(main(["conformance", "generate", *sys.argv[1:]]))
