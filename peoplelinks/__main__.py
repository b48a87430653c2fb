"""Allow ``python -m peoplelinks``."""

from peoplelinks.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
