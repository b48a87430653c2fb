"""Random changes to a database, for property tests of what is derived from it."""

from __future__ import annotations

import random
from datetime import timedelta

from peoplelinks.service import PeopleLinks


def random_change(app: PeopleLinks, rng: random.Random, step: int) -> None:
    """One change picked by ``rng``: add a contact (maybe introduced by another), log a
    talk (maybe with a follow-up), rename, delete a talk or a contact, change a status,
    snooze a keep-in-touch reminder, set a circle's interval, finish a follow-up, undo
    or redo."""
    people = [c.id for c in app.contacts()]
    action = rng.random()
    if action < 0.35 or len(people) < 3:
        intro = rng.choice(people) if people and rng.random() < 0.5 else None
        app.add_contact({"name": rng.choice(["Ann Lee", "Bo", "Cy Ma"]), "company": "Acme",
                         "introduced_by": intro}, allow_duplicate=True)
    elif action < 0.6:
        app.log(rng.sample(people, rng.randint(1, 2)), notes=f"talk {step}",
                next_action=rng.choice(["", "write"]),
                kind=rng.choice(["coffee", "email"]),
                when=app.today - timedelta(days=rng.randint(0, 400)),
                referrals=rng.sample(people, rng.randint(0, 2)),
                asked_for_referrals=rng.random() < 0.5)
    elif action < 0.7:
        app.edit_contact(rng.choice(people), {"name": rng.choice(["Di", "Ann Lee"])})
    elif action < 0.75 and app.db.interactions:
        app.delete_log(rng.choice(sorted(app.db.interactions)), leads=rng.choice(["keep", "trash"]))
    elif action < 0.78:
        app.delete_contact(rng.choice(people))
    elif action < 0.81:
        app.edit_contact(rng.choice(people), {"status": rng.choice(["lead", "dormant",
                                                                    "active"])})
    elif action < 0.84:
        who = app.contact(rng.choice(people))
        current = app.next_contact(who)
        if current is not None:
            app.snooze_keep_in_touch(who.id, current + timedelta(days=rng.randint(1, 90)))
    elif action < 0.86:
        app.set_keep_in_touch(rng.choice(["network", "work"]), rng.randint(0, 60))
    elif action < 0.88 and (undone := [f for f in app.db.followups.values() if not f.done]):
        app.complete_followup(rng.choice(undone).id)
    elif action < 0.9:
        app.undo()
    elif app.changes()[1]:
        app.redo()
    else:
        app.undo()
