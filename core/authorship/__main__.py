"""`python -m core.authorship train|predict ...`: the command line in core.authorship.cli."""

from core.authorship.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
