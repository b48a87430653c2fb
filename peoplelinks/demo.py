"""A realistic demo network: a product manager's search, three circles, four generations.

Everything is written through the service verbs, so the demo exercises the
same rules as real use. Dates are relative to today so the follow-ups pane
always shows something overdue, due today, this week and later.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from peoplelinks.domain.models import Contact
from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks

OBJECTIVE = {
    "role": "Senior Product Manager",
    "level": "manager",
    "industries": ["health tech", "logistics software"],
    "target_companies": ["Contoso Health", "Northwind Analytics", "Fabrikam Robotics",
                         "Blue Yonder Airlines", "Proseware"],
    "locations": ["Chicago, IL", "Remote (US)"],
}

# key, name, company, title, level, circle, status, employment, introduced by, how met, tags, notes
PEOPLE: list[tuple[str, str, str, str, str, str, str, str, str | None, str, list[str], str]] = [
    ("dev", "Dev Patel", "Litware", "Staff Engineer", "ic", "personal", "active", "employed",
     None, "college roommate", ["alumni", "engineering"], "Knows half of Chicago's data teams."),
    ("maria", "Maria Gonzalez", "Lakeshore Clinic", "Nurse Manager", "manager", "personal",
     "active", "employed", None, "sister-in-law", ["family", "healthcare"], ""),
    ("omar", "Omar Haddad", "", "Neighbour", "unknown", "personal", "active", "job-seeking",
     None, "neighbour, running club", ["running"], "Also job hunting (finance). Swap leads."),
    ("grace", "Grace Okafor", "St. Mark's Choir", "Choir director", "unknown", "personal",
     "dormant", "employed", None, "congregation", ["congregation"], ""),
    ("karen", "Karen Liu", "Globex Logistics", "Director of Product", "director", "work",
     "active", "employed", None, "my manager at Globex 2019-2024", ["former-manager", "globex"],
     "Will write a recommendation. Prefers a call over email."),
    ("ben", "Ben Carter", "Globex Logistics", "Senior PM", "ic", "work", "active", "employed",
     None, "co-worker at Globex", ["globex"], ""),
    ("lena", "Lena Fischer", "Initech", "Engineering Manager", "manager", "work", "active",
     "employed", None, "co-worker at Globex, now Initech", ["globex"], ""),
    ("tariq", "Tariq Aziz", "Globex Logistics", "VP Operations", "executive", "work",
     "not-helpful", "employed", None, "skip-level at Globex", ["globex"],
     "Polite but said he cannot refer outside candidates."),
    ("rachel", "Rachel Kim", "Chicago PM Association", "Chapter organizer", "manager",
     "network", "active", "employed", None, "PMA monthly meetup", ["pma", "events"],
     "Runs the monthly meetup; happy to introduce people."),
    ("hugo", "Hugo Lambert", "Adventure Works", "Product Director", "director", "network",
     "active", "employed", None, "PMA meetup, October", ["pma"], ""),
    ("sofia", "Sofia Marin", "", "Product Manager", "ic", "network", "active", "job-seeking",
     None, "career transition workshop", ["workshop"], "Also looking; we trade job postings."),
    ("priya", "Priya Shah", "Northwind Analytics", "Director of Product", "director",
     "network", "active", "employed", "dev", "introduced by Dev", ["target"],
     "Hiring a PM for the forecasting team next quarter."),
    ("tom", "Tom Becker", "Northwind Analytics", "Group PM", "manager", "network", "active",
     "employed", "priya", "introduced by Priya", ["target"], "Owns the logistics dashboard."),
    ("aisha", "Aisha Karim", "Northwind Analytics", "VP Product", "executive", "network",
     "lead", "employed", "tom", "referred by Tom", ["target"],
     "Tom says she decides on headcount."),
    ("marcus", "Marcus Hill", "Contoso Health", "Director, Patient Apps", "director", "network",
     "active", "employed", "karen", "introduced by Karen", ["target", "healthcare"], ""),
    ("elena", "Elena Rossi", "Contoso Health", "Principal PM", "ic", "network", "lead",
     "employed", "marcus", "referred by Marcus", ["target"], ""),
    ("sam", "Sam Ortiz", "Contoso Health", "Product Manager", "manager", "network", "active",
     "employed", "marcus", "referred by Marcus", ["target"], "Ex-nurse turned PM, like Maria."),
    ("james", "James Wright", "Fabrikam Robotics", "Chief Product Officer", "executive",
     "network", "active", "employed", "rachel", "introduced by Rachel at PMA", ["target"], ""),
    ("nina", "Nina Volkova", "Fabrikam Robotics", "Recruiter", "ic", "network", "lead",
     "employed", "james", "referred by James", ["target", "recruiter"], ""),
    ("li", "Li Wei", "Blue Yonder Airlines", "Senior PM, Cargo", "ic", "network", "active",
     "employed", "ben", "introduced by Ben", ["target"], ""),
    ("carlos", "Carlos Mendes", "Blue Yonder Airlines", "Engineering Director", "director",
     "network", "lead", "employed", "li", "referred by Li", ["target"], ""),
    ("hannah", "Hannah Berg", "Tailspin Toys", "UX Lead", "manager", "network", "active",
     "employed", "hugo", "introduced by Hugo", ["design"], ""),
    ("yusuf", "Yusuf Demir", "Wide World Importers", "Supply Chain Analyst", "ic", "network",
     "active", "employed", "omar", "introduced by Omar", ["logistics"], ""),
    ("julia", "Julia Novak", "Lucerne Publishing", "Career coach", "unknown", "network",
     "active", "employed", "maria", "introduced by Maria", ["coach"],
     "Suggested 5 meetings a week and one association event."),
    ("pete", "Pete Sorensen", "Initech", "Product Manager", "ic", "network", "dormant",
     "employed", "lena", "introduced by Lena", [], ""),
    ("zoe", "Zoe Adams", "Adventure Works", "Head of Talent", "director", "network", "lead",
     "employed", "hugo", "referred by Hugo", ["recruiter"], ""),
    ("ravi", "Ravi Kumar", "Northwind Analytics", "Data Scientist", "ic", "network", "active",
     "employed", "dev", "introduced by Dev", ["target", "engineering"], ""),
    ("mei", "Mei Tanaka", "Contoso Health", "Clinical Informatics Lead", "manager", "network",
     "lead", "employed", "sam", "referred by Sam", ["target", "healthcare"], ""),
    ("derek", "Derek Olsen", "", "Former founder", "executive", "network", "do-not-contact",
     "job-seeking", None, "startup weekend", [], "Asked not to be contacted about jobs."),
    ("fatima", "Fatima Zahra", "Globex Logistics", "Program Manager", "ic", "work", "active",
     "employed", None, "co-worker at Globex", ["globex"], ""),
]

# contacts, days ago, kind, notes, gave, got, referrals, next step, due (days from today)
LOG: list[tuple[list[str], int, str, str, str, str, list[str], str, int | None]] = [
    (["grace"], 220, "message", "Caught up after choir practice.", "", "", [], "", None),
    (["pete"], 200, "coffee", "Pete was heads-down on a launch.", "", "", [], "", None),
    (["fatima"], 190, "call", "Farewell call when I left Globex.", "", "", [], "", None),
    (["dev"], 60, "coffee", "Told Dev my objective: senior PM in health tech or logistics.",
     "Reviewed his conference talk", "Names at Northwind", ["priya", "ravi"],
     "Send thank-you note", -58),
    (["karen"], 45, "call", "Karen agreed to be a reference.", "",
     "Advice: lead with the routing project", ["marcus"], "Send Karen my updated resume", -40),
    (["priya"], 30, "coffee", "Forecasting team PM role opens next quarter.",
     "Shared a dashboard teardown", "Team structure, hiring timeline", ["tom"],
     "Send the teardown deck", -2),
    (["rachel"], 21, "event", "PMA meetup on pricing.", "Volunteered to help at check-in",
     "Intro to James", ["james"], "", None),
    (["marcus"], 14, "video", "Patient apps roadmap; they need logistics experience.",
     "Intro to Yusuf for their supply team", "Two names on his team", ["elena", "sam"],
     "Follow up on Elena intro", 0),
    (["tom"], 10, "coffee", "Walked through the dashboard; Tom suggests Aisha.", "",
     "Headcount is Aisha's call", ["aisha"], "Ask Tom for intro to Aisha", 3),
    (["james"], 7, "meeting", "30 min at Fabrikam HQ; robotics fleet software.",
     "Article on warehouse routing", "Recruiter contact", ["nina"], "Email Nina", 5),
    (["ben"], 6, "message", "Ben connected me with Li.", "", "", ["li"], "", None),
    (["li"], 4, "coffee", "Cargo product team; Carlos runs engineering.",
     "Feedback on their booking flow", "Org chart of cargo", ["carlos"],
     "Check back with Li after their planning cycle", 30),
    (["sam"], 3, "video", "Sam moved from nursing to PM; very open.", "Introduced Sam to Maria",
     "Interview loop details", ["mei"], "Send thank-you note", -2),
    (["hugo"], 2, "coffee", "Hugo's team is not hiring, but Zoe is.", "", "", ["zoe", "hannah"],
     "Send thank-you note", 1),
    (["sofia", "omar"], 1, "meeting", "Job seekers' circle: swapped leads.", "Two postings",
     "One posting", [], "", None),
    (["julia"], 1, "call", "Coaching: weekly goals and the objective.", "", "Weekly goals",
     [], "Draft my 30-second pitch", 6),
]


# What some of those talks also did (DOMAIN.md section 2: tell a few chosen people
# your objective early, and ask them for a recommendation).
LOG_EXTRAS: dict[tuple[str, int], dict[str, bool]] = {
    ("dev", 60): {"shared_objective": True},
    ("karen", 45): {"shared_objective": True, "asked_for_recommendation": True},
    ("julia", 1): {"shared_objective": True},
}

# The two weeks before this one, with every weekly goal met (a streak of two):
# weeks back, day of that week (0 = Monday), who, kind, notes, next step (done the
# next day, for the follow-ups goal).
GOAL_TALKS: list[tuple[int, int, str, str, str, str]] = [
    (2, 0, "hannah", "coffee", "Design-led product teams at Tailspin.",
     "Send Hannah the case study"),
    (2, 1, "rachel", "event", "PMA panel: product in health tech.", ""),
    (2, 2, "yusuf", "meeting", "Walked through their supply chain tools.",
     "Send Yusuf the routing article"),
    (1, 0, "lena", "coffee", "Initech's platform team; she offered a referral later.",
     "Thank Lena"),
    (1, 1, "rachel", "event", "PMA workshop: pricing experiments.", ""),
    (1, 2, "ravi", "coffee", "The forecasting stack at Northwind.", "Send Ravi my notes"),
]
# Contacts added in those weeks (for the new-contacts goal): who, weeks back, day.
ADDED_IN_WEEK = {"hannah": (2, 0), "yusuf": (1, 0)}
GOALS = {"meetings": 3, "events": 1, "followups": 1, "new_contacts": 1}


def load_demo(app: PeopleLinks, *, force: bool = False) -> int:
    """Write the demo network; refuse a database that has contacts unless ``force``.

    With ``force`` the existing contacts go to the trash first (never deleted).
    Returns the number of contacts added.
    """
    live = app.contacts()
    if live and not force:
        raise InputError(
            f"demo: the database already has {len(live)} contacts; use --force to move them "
            "to the trash and load the demo"
        )
    if live:
        app.backup("before-demo")
    with app.batch("Loaded the demo network"):
        _write_demo(app, live)
    return len(PEOPLE)


def _write_demo(app: PeopleLinks, live: list[Contact]) -> None:
    for contact in live:
        app.delete_contact(contact.id)
    today = app.today
    ids: dict[str, int] = {}
    monday = today - timedelta(days=today.weekday())

    def week_day(back: int, day: int) -> date:
        return monday - timedelta(days=7 * back - day)

    for (key, name, company, title, level, circle, status, employment, by, how_met, tags,
         notes) in PEOPLE:
        if key in ADDED_IN_WEEK:
            added = datetime.combine(week_day(*ADDED_IN_WEEK[key]), time(12)).astimezone(UTC)
        else:  # Three months ago, so the demo looks the same whatever the real date.
            added = datetime.combine(today - timedelta(days=90), time(12), tzinfo=UTC)
        contact = app.add_contact(allow_duplicate=True, data={
            "name": name, "company": company, "title": title, "level": level, "circle": circle,
            "status": status, "employment": employment,
            "introduced_by": ids[by] if by else None, "how_met": how_met, "tags": tags,
            "notes": notes, "created": added, "updated": added,
            "emails": [f"{name.split()[0].lower()}@example.com"] if circle != "personal" else [],
        })
        ids[key] = contact.id
    for who, ago, kind, notes, gave, got, refs, action, due in LOG:
        when = today - timedelta(days=ago)
        app.log(
            [ids[k] for k in who], kind=kind, when=when, notes=notes, gave=gave, got=got,
            referrals=[ids[k] for k in refs], next_action=action,
            next_due=today + timedelta(days=due) if due is not None else None,
            shared_objective=LOG_EXTRAS.get((who[0], ago), {}).get("shared_objective", False),
            asked_for_recommendation=LOG_EXTRAS.get((who[0], ago), {}).get(
                "asked_for_recommendation", False),
        )
    for back, day, person, kind, notes, action in GOAL_TALKS:
        when = week_day(back, day)
        result = app.log([ids[person]], kind=kind, when=when, notes=notes, outcome="good",
                         next_action=action,
                         next_due=when + timedelta(days=1) if action else None)
        if result.followup is not None:
            app.complete_followup(result.followup.id, on=when + timedelta(days=1))
    app.set_objective(OBJECTIVE)
    app.set_goals(GOALS)
    # A meeting to come, planned (DOMAIN.md section 6).
    app.plan_meeting(ids["tom"], today + timedelta(days=2), place="Blue Bottle, Wacker Dr",
                     purpose="Ask Tom to introduce me to Aisha", agenda=[
                         "Feedback on the dashboard teardown", "Northwind's 2027 roadmap",
                         "An introduction to Aisha"],
                     help_them="Share the routing article; intro to Yusuf (supply chain)",
                     learn="How Aisha decides on headcount", ask_for=["Aisha Karim"])
