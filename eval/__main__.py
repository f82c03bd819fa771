"""``python -m eval [name ...]``: run each analysis's labelled evaluation and print its figures.

Each module in ``MODULES`` has ``main() -> int`` (0 when its targets are met on the held-out part).
Add an analysis by writing ``eval/<name>.py`` and one line here.
"""

from __future__ import annotations

import importlib
import sys

MODULES = [
    "duplication",
    "winwin",
    "alignment",
]


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")] or MODULES
    status = 0
    for name in names:
        module = importlib.import_module(f"eval.{name}")
        status |= module.main()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
