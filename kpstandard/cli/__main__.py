"""``python -m kpstandard.cli``."""

import sys

from kpstandard.cli import main

sys.exit(main())
