"""``python -m kpstandard.conformance.generate [FOLDER]``: write the vectors into the suite folder.

The same as ``kpcert conformance generate``, without the command (which sits above this package).
"""

from __future__ import annotations

import sys
from pathlib import Path

from kpstandard._resources import source_root
from kpstandard.conformance.generate import write


def main(argv: list[str]) -> int:
    root = source_root()
    folder = Path(argv[0]) if argv else (root / "conformance" if root else None)
    if folder is None:
        print("not running from a source checkout; give the suite folder", file=sys.stderr)
        return 2
    result = write(folder)
    total = sum(m.size for m in result.manifests.values())
    print(f"{total} vectors in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
