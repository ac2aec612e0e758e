#!/usr/bin/env python3
"""Convert the sources in seeds/ (or --sources DIR) into Markdown pages in docs/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
