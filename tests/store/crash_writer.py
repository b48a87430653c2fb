"""A writer for the crash test: writes forever, printing each acknowledged write.

Run as ``python crash_writer.py DB_PATH START``. Each write is either a new
contact or a log (an interaction plus a follow-up, which must land together).
The journal is compacted often so that kills also land inside compactions.
"""

from __future__ import annotations

import sys
from pathlib import Path

from peoplelinks.service import PeopleLinks


def main() -> None:
    path, start = Path(sys.argv[1]), int(sys.argv[2])
    app = PeopleLinks.open(path)
    app.db.storage.compact_at = 6_000
    n = start
    while True:
        contact = app.add_contact({"name": f"writer {n}", "notes": "x" * (n % 50)})
        print(f"contact {n} {contact.id}", flush=True)
        if n % 3 == 0:
            result = app.log([contact.id], notes=f"log {n}", next_action=f"follow {n}")
            print(f"log {n} {result.interaction.id}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
