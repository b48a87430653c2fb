"""Generate a realistic peoplelinks database of any size, deterministically.

The output is the file layout peoplelinks itself writes (TinyDB's
``{table: {id: document}}`` plus the ``_meta`` record), built from the real
pydantic models so that every document is exactly what the app would store::

    python bench/generate.py /tmp/big.json --contacts 30000 --interactions 50000

The same arguments (and seed) always give the same bytes: every value comes
from one seeded :class:`random.Random`, and dates count back from a fixed
anchor day (``--today``, default :data:`DEFAULT_TODAY`), not from the clock.

Shape of the data:
- contacts get ids 1..N, created over the three years before the anchor (the
  first tenth "imported" on day one), with names, companies, titles matching a
  level, tags, emails, phones, notes; about 60% were introduced by a contact
  with a *lower* id, so the referral graph has no cycles; ~2% are in the trash;
- interactions (1..M) have one or two contacts (some people get far more
  attention than others), only contacts that already existed on that date,
  and some list referrals (contacts the first person introduced);
- follow-ups (about M/5) hang off interactions; the older ones are mostly done.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from peoplelinks.domain.enums import Circle, Employment, Kind, Level, Status
from peoplelinks.domain.models import Contact, FollowUp, Interaction, Objective
from peoplelinks.store.tablelines import table_lines

SCHEMA = 1
DEFAULT_TODAY = date(2026, 1, 1)
HISTORY_DAYS = 3 * 365
INTRODUCED_SHARE = 0.60
FOLLOWUP_SHARE = 0.20

FIRST_NAMES = ["Aaliyah", "Aaron", "Abdul", "Abigail", "Adaeze", "Adam", "Adrian", "Ahmed", "Aiko", "Aisha", "Alejandro", "Alex", "Alice", "Amara", "Amelia", "Amir", "Ana", "Anders", "Andrea", "Andrew", "Anika", "Ann", "Antoine", "Anya", "Arjun", "Astrid", "Ayesha", "Beatriz", "Ben", "Bianca", "Bogdan", "Brian", "Bruno", "Camila", "Carlos", "Carmen", "Caroline", "Chen", "Chloe", "Chidi", "Chris", "Clara", "Daniel", "Daniela", "Dev", "Diego", "Dmitri", "Elena", "Eli", "Elif", "Emeka", "Emily", "Emma", "Eric", "Esther", "Ethan", "Fatima", "Felix", "Fernanda", "Fiona", "Francesca", "Gabriel", "Grace", "Hana", "Hannah", "Hassan", "Hugo", "Ibrahim", "Ingrid", "Isabel", "Ivan", "Jack", "Jamal", "James", "Jana", "Javier", "Jin", "Joao", "Jonas", "Jordan", "Jose", "Julia", "Kai", "Karen", "Karim", "Kate", "Kenji", "Kevin", "Kofi", "Lars", "Laura", "Leila", "Lena", "Leo", "Li", "Lina", "Lucas", "Lucia", "Luis", "Maya", "Marco", "Maria", "Mariam", "Marta", "Mateo", "Mei", "Mia", "Michael", "Miguel", "Mohammed", "Nadia", "Naomi", "Nina", "Noah", "Nora", "Olga", "Oliver", "Olivia", "Omar", "Oscar", "Pablo", "Paul", "Pedro", "Pia", "Priya", "Rachel", "Rafael", "Rahul", "Ravi", "Rosa", "Ruth", "Sam", "Samira", "Sara", "Sebastian", "Sofia", "Sunil", "Takeshi", "Tariq", "Tom", "Tomas", "Valentina", "Victor", "Wei", "Yara", "Yusuf", "Zara", "Zoe"]

LAST_NAMES = ["Abebe", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Anderson", "Aziz", "Bakker", "Banerjee", "Becker", "Berg", "Bianchi", "Brown", "Carter", "Castillo", "Chen", "Cohen", "Costa", "Cruz", "Das", "Demir", "Diaz", "Dubois", "Edwards", "Eriksson", "Evans", "Fernandez", "Fischer", "Fontaine", "Garcia", "Gomez", "Gonzalez", "Green", "Gupta", "Haddad", "Hall", "Hansen", "Harris", "Hashemi", "Hernandez", "Hill", "Hoffmann", "Horvat", "Hughes", "Ibrahim", "Ito", "Ivanova", "Jackson", "Jansen", "Jensen", "Johnson", "Jones", "Kaur", "Khan", "Kim", "Kowalski", "Kumar", "Lambert", "Larsen", "Lee", "Lewis", "Li", "Lima", "Liu", "Lopez", "Martin", "Martinez", "Mehta", "Mendes", "Meyer", "Moreau", "Morales", "Moreno", "Murphy", "Nakamura", "Nguyen", "Novak", "Nowak", "Okafor", "Oliveira", "Olsen", "Ortiz", "Park", "Patel", "Pereira", "Petrov", "Popescu", "Quinn", "Ramirez", "Reddy", "Reyes", "Richter", "Rivera", "Roberts", "Rodriguez", "Rossi", "Russo", "Santos", "Sato", "Schmidt", "Schneider", "Shah", "Silva", "Singh", "Smith", "Sorensen", "Suzuki", "Tanaka", "Taylor", "Thomas", "Torres", "Tran", "Turner", "Volkova", "Wagner", "Walker", "Wang", "Weber", "White", "Williams", "Wilson", "Wong", "Wright", "Wu", "Yamamoto", "Yang", "Yilmaz", "Young", "Zhang"]

COMPANIES = [
    "Contoso Health", "Northwind Analytics", "Fabrikam Robotics", "Blue Yonder Airlines",
    "Proseware", "Litware", "Globex Logistics", "Initech", "Adventure Works", "Tailspin Toys",
    "Wide World Importers", "Lucerne Publishing", "Woodgrove Bank", "Coho Winery",
    "Alpine Ski House", "Margie's Travel", "Trey Research", "Humongous Insurance",
    "Relecloud", "Fourth Coffee", "Graphic Design Institute", "School of Fine Art",
    "Lakeshore Clinic", "Southridge Video", "Consolidated Messenger", "City Power & Light",
    "Wingtip Toys", "VanArsdel", "Munson's Pickles", "Bellows College", "Datum Corporation",
    "Nod Publishers", "Tailwind Traders", "Contoso Pharmaceuticals", "Fabrikam Residences",
    "Northwind Traders", "Best For You Organics", "Lamna Healthcare", "Boulder Innovations",
    "Cronus Cloud", "Hexa Logistics", "Ironclad Security", "Juniper Data", "Keystone Finance",
    "Meridian Labs", "Nimbus Software", "Orion Freight", "Pioneer Mobility", "Quartz Payments",
    "Redwood Learning", "Summit Energy", "Tidal Marine", "Umbra Games", "Vertex Biotech",
    "Willow Retail", "Xylo Music", "Yellowstone Media", "Zephyr Aerospace",
]

TITLES: dict[Level, list[str]] = {
    Level.IC: ["Product Manager", "Senior Product Manager", "Software Engineer",
               "Staff Engineer", "Data Scientist", "UX Designer", "Business Analyst",
               "Recruiter", "Technical Writer", "Account Executive", "Operations Analyst",
               "Supply Chain Analyst", "Nurse", "Financial Analyst"],
    Level.MANAGER: ["Engineering Manager", "Group PM", "Design Manager", "Recruiting Lead",
                    "Nurse Manager", "Sales Manager", "Data Science Manager", "UX Lead"],
    Level.DIRECTOR: ["Director of Product", "Engineering Director", "Director, Patient Apps",
                     "Head of Data", "Director of Operations", "Head of Talent"],
    Level.EXECUTIVE: ["VP Product", "VP Engineering", "Chief Product Officer", "CTO", "COO",
                      "VP Operations", "Founder & CEO"],
    Level.UNKNOWN: ["", "", "Consultant", "Career coach", "Student", "Freelancer"],
}

TAGS = ["alumni", "target", "recruiter", "hiring-manager", "pma", "events", "globex",
        "healthcare", "logistics", "fintech", "design", "engineering", "data", "running",
        "congregation", "family", "mentor", "former-manager", "workshop", "remote",
        "chicago", "referral", "board", "volunteer"]

HOW_MET = ["college roommate", "former co-worker", "PMA monthly meetup", "conference hallway",
           "career transition workshop", "neighbour", "running club", "LinkedIn message",
           "alumni mixer", "volunteering", "kids' school", "hackathon", "webinar Q&A",
           "congregation", "gym", "cold email that worked"]

SENTENCES = [
    "Prefers a call over email.", "Hiring a PM for the forecasting team next quarter.",
    "Knows half of the data teams in town.", "Happy to introduce people.",
    "Also job hunting; we swap leads.", "Said to check back after the reorg.",
    "Owns the logistics dashboard.", "Runs the monthly meetup.",
    "Moved from nursing into product.", "Mentioned a referral bonus program.",
    "Cannot refer outside candidates, but gave good advice.",
    "Interested in the health-tech space.", "Has a team opening in the spring.",
    "Recommended two books on negotiation.", "Offered to review my resume.",
    "Wants an update once I have interviews lined up.", "Travels a lot; text first.",
    "Based in Chicago, works remote two days a week.",
    "Suggested talking to their VP about the platform team.",
    "Was promoted recently; send congratulations.",
]

GAVE = ["Sent an article on supply chain forecasting.", "Introduced them to a designer.",
        "Shared my notes from the PMA talk.", "Reviewed their product brief.",
        "Recommended a candidate for their team.", ""]
GOT = ["Two names at target companies.", "Advice on the interview loop.",
       "An intro to the hiring manager.", "Feedback on my resume.",
       "A heads-up about an opening.", ""]
ACTIONS = ["Send thanks", "Send the article I promised", "Check back about the opening",
           "Ask for an intro to their VP", "Share my updated resume",
           "Follow up after the interview", "Congratulate on the promotion",
           "Invite to the next PMA meetup"]

KIND_WEIGHTS = [(Kind.COFFEE, 30), (Kind.CALL, 18), (Kind.VIDEO, 14), (Kind.EMAIL, 16),
                (Kind.MESSAGE, 10), (Kind.MEETING, 5), (Kind.EVENT, 4), (Kind.INTERVIEW, 2),
                (Kind.OTHER, 1)]
STATUS_WEIGHTS = [(Status.ACTIVE, 70), (Status.LEAD, 12), (Status.DORMANT, 12),
                  (Status.NOT_HELPFUL, 4), (Status.DO_NOT_CONTACT, 2)]
LEVEL_WEIGHTS = [(Level.IC, 45), (Level.MANAGER, 22), (Level.DIRECTOR, 12),
                 (Level.EXECUTIVE, 6), (Level.UNKNOWN, 15)]
CIRCLE_WEIGHTS = [(Circle.NETWORK, 65), (Circle.WORK, 22), (Circle.PERSONAL, 13)]
EMPLOYMENT_WEIGHTS = [(Employment.EMPLOYED, 70), (Employment.JOB_SEEKING, 10),
                      (Employment.UNKNOWN, 20)]


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _domain(company: str) -> str:
    word = "".join(ch for ch in company.lower() if ch.isalnum() or ch == " ").split()
    return "".join(word[:2]) + ".com"


def _stamp(day: date, rng: random.Random) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randint(7, 21), rng.randint(0, 59),
                    rng.randint(0, 59), tzinfo=UTC)


def _text(rng: random.Random, most: int) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(0, most)))


def build(contacts: int, interactions: int, seed: int = 1,
          today: date = DEFAULT_TODAY) -> dict[str, dict[str, Any]]:
    """The tables of a generated database (documents as the app stores them)."""
    if contacts < 1 or interactions < 0:
        raise ValueError("need at least one contact and no negative counts")
    rng = random.Random(seed)
    start = today - timedelta(days=HISTORY_DAYS)

    # ---- contacts -----------------------------------------------------------
    imported = max(1, contacts // 10)
    created_days: list[date] = []
    for cid in range(1, contacts + 1):
        offset = 0 if cid <= imported else rng.randint(0, HISTORY_DAYS)
        created_days.append(start + timedelta(days=offset))
    created_days.sort()  # ids follow the order contacts were added
    people: list[Contact] = []
    for cid in range(1, contacts + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        level = _pick(rng, LEVEL_WEIGHTS)
        company = rng.choice(COMPANIES) if rng.random() < 0.88 else ""
        emails = []
        if rng.random() < 0.75:
            host = _domain(company) if company and rng.random() < 0.7 else "example.org"
            emails.append(f"{first.lower()}.{last.lower()}{cid}@{host}")
            if rng.random() < 0.15:
                emails.append(f"{first.lower()}{cid}@mail.example.net")
        phones = [f"+1 312-555-{rng.randint(0, 9999):04d}"] if rng.random() < 0.4 else []
        introduced_by = None
        if cid > 1 and rng.random() < INTRODUCED_SHARE:
            # Half from anyone before, half from someone met around the same time.
            low = 1 if rng.random() < 0.5 else max(1, cid - 200)
            introduced_by = rng.randint(low, cid - 1)
        created = _stamp(created_days[cid - 1], rng)
        updated = created + timedelta(days=rng.randint(0, 60)) if rng.random() < 0.3 else created
        if updated.date() > today:
            updated = created
        deleted = updated + timedelta(hours=5) if rng.random() < 0.02 else None
        how_met = (f"introduced by #{introduced_by}" if introduced_by and rng.random() < 0.5
                   else rng.choice(HOW_MET))
        people.append(Contact(
            id=cid, name=f"{first} {last}", company=company,
            title=rng.choice(TITLES[level]), level=level, circle=_pick(rng, CIRCLE_WEIGHTS),
            status=_pick(rng, STATUS_WEIGHTS), employment=_pick(rng, EMPLOYMENT_WEIGHTS),
            emails=emails, phones=phones,
            profile_url=(f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{cid}"
                         if rng.random() < 0.5 else ""),
            tags=rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3])),
            how_met=how_met, notes=_text(rng, 3),
            warning="Do not mention the old project." if rng.random() < 0.01 else "",
            introduced_by=introduced_by,
            keep_in_touch_days=rng.choice([30, 60, 90, 120]) if rng.random() < 0.1 else None,
            created=created, updated=updated, deleted_at=deleted,
        ))

    children: dict[int, list[int]] = {}
    for person in people:
        if person.introduced_by:
            children.setdefault(person.introduced_by, []).append(person.id)

    # ---- interactions -------------------------------------------------------
    # Some people get far more attention than others: capped Pareto weights.
    cum_weights = list(itertools.accumulate(min(rng.paretovariate(2.0), 25.0) for _ in people))
    day_of = [start + timedelta(days=rng.randint(0, HISTORY_DAYS)) for _ in range(interactions)]
    day_of.sort()
    logs: list[Interaction] = []
    for iid in range(1, interactions + 1):
        day = day_of[iid - 1]
        known = max(1, bisect.bisect_right(created_days, day))  # contacts existing by then
        total = cum_weights[known - 1]

        def someone(total: float = total, known: int = known) -> int:
            return min(bisect.bisect_left(cum_weights, rng.random() * total), known - 1) + 1

        ids = [someone()]
        if rng.random() < 0.15:
            other = someone()
            if other != ids[0]:
                ids.append(other)
        referrals: list[int] = []
        kids = children.get(ids[0], [])
        if kids and rng.random() < 0.3:
            referrals = sorted(rng.sample(kids, min(len(kids), rng.randint(1, 2))))
        logs.append(Interaction(
            id=iid, contact_ids=ids, date=day, kind=_pick(rng, KIND_WEIGHTS),
            notes=_text(rng, 2), gave=rng.choice(GAVE), got=rng.choice(GOT),
            referrals=referrals, asked_for_referrals=bool(referrals) or rng.random() < 0.2,
            created=_stamp(day, rng),
        ))

    # ---- follow-ups ---------------------------------------------------------
    wanted = round(interactions * FOLLOWUP_SHARE)
    sources = sorted(rng.sample(range(interactions), wanted)) if wanted else []
    follows: list[FollowUp] = []
    for fid, index in enumerate(sources, start=1):
        log = logs[index]
        due = log.date + timedelta(days=rng.randint(2, 21))
        done = due < today - timedelta(days=7) and rng.random() < 0.85
        done_at = _stamp(min(due, today), rng) if done else None
        follows.append(FollowUp(
            id=fid, contact_id=log.contact_ids[0], action=rng.choice(ACTIONS), due=due,
            done=done, done_at=done_at, interaction_id=log.id, created=log.created,
        ))

    objective = Objective(
        role="Senior Product Manager", level=Level.IC,
        industries=["health tech", "logistics software"],
        target_companies=COMPANIES[:5], locations=["Chicago, IL", "Remote (US)"],
        updated=datetime(start.year, start.month, start.day, 9, tzinfo=UTC),
    )

    def table(records: list[Any]) -> dict[str, Any]:
        return {str(r.id): r.model_dump(mode="json") for r in records}

    return {
        "_meta": {"1": {"schema": SCHEMA, "seq": 0, "next_id": {
            "contacts": contacts + 1, "interactions": interactions + 1,
            "followups": len(follows) + 1, "plans": 1,
        }}},
        "contacts": table(people),
        "interactions": table(logs),
        "followups": table(follows),
        "objective": {"1": objective.model_dump(mode="json")},
    }


def generate(path: str | os.PathLike[str], contacts: int, interactions: int, seed: int = 1,
             *, today: date = DEFAULT_TODAY, check: bool = True) -> Path:
    """Write a generated database to ``path`` (replacing it) and return the path.

    With ``check`` (the default) the file is then opened with
    :meth:`Database.open` (read-only: same loading and validation, no lock or
    backup files) and must load with no problems, no dangling reference and no
    introduction cycle; :class:`RuntimeError` otherwise.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Laid out as the app writes it: a table per line (see peoplelinks/store/tablelines.py).
    data = b"".join(table_lines(build(contacts, interactions, seed, today)))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # private, like the app's
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    if check:
        verify(path, contacts, interactions)
    return path


def verify(path: Path, contacts: int, interactions: int) -> None:
    """Open ``path`` the way the app does and insist it is clean and complete."""
    from peoplelinks.service import PeopleLinks  # noqa: PLC0415
    from peoplelinks.store.database import Database  # noqa: PLC0415

    db = Database.open(path, read_only=True)
    try:
        found = [f"{p.table} #{p.doc_id}: {p.message}" for p in db.problems]
        found += [f"{p.where}: {p.message}" for p in PeopleLinks(db).doctor()]
        counts = (len(db.contacts), len(db.interactions))
        if counts != (contacts, interactions):
            found.append(f"loaded {counts}, expected {(contacts, interactions)}")
    finally:
        db.close()
    if found:
        raise RuntimeError(f"{path} does not load cleanly: " + "; ".join(found[:10]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="database file to write (replaced)")
    parser.add_argument("--contacts", type=int, default=300)
    parser.add_argument("--interactions", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY,
                        help=f"anchor day the history ends on (default {DEFAULT_TODAY})")
    parser.add_argument("--no-check", action="store_true",
                        help="skip opening the result with Database.open")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    path = generate(args.path, args.contacts, args.interactions, args.seed,
                    today=args.today, check=not args.no_check)
    size = path.stat().st_size / 1e6
    print(f"{path}: {args.contacts} contacts, {args.interactions} interactions, "
          f"{round(args.interactions * FOLLOWUP_SHARE)} follow-ups, {size:.1f} MB "
          f"in {time.perf_counter() - began:.1f} s"
          + ("" if args.no_check else " (opens cleanly)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
