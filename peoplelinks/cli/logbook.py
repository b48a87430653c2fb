"""Commands about conversations and follow-ups: log, edit-log, delete-log, due, followup,
edit-followup, done, snooze, reopen, snooze-contact, keep-in-touch."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from peoplelinks.cli.common import (
    Command,
    _cut,
    _day,
    _fid,
    _followup_id,
    _int,
    _json,
    _lid,
    _log_id,
    _open,
    _out,
    _pid,
    _plan_id,
    _when,
)
from peoplelinks.errors import InputError


def cmd_log(args: argparse.Namespace) -> int:
    from peoplelinks.domain.referrals import parse_referral  # noqa: PLC0415

    with _open(args, write=True) as app:
        people = [app.resolve(args.who)] + [app.resolve(w) for w in args.with_ or []]
        people = list({p.id: p for p in people}.values())  # each once, in the order given
        next_for = app.resolve(args.next_for, field="next_for").id if args.next_for else None
        result = app.log(
            [p.id for p in people], kind=args.kind, when=_when(args.date, "date"),
            notes=args.notes or "", gave=args.gave or "", got=args.got or "",
            referrals=[parse_referral(r) for r in args.referral or []],
            next_action=args.next or "", next_due=_when(args.due, "due"),
            asked_for_referrals=args.asked, next_for=next_for,
            reach_out=not args.no_reach_out,
            close=[_followup_id(f) for f in args.close or []],
            outcome=args.outcome, shared_objective=args.shared_objective,
            asked_for_recommendation=args.asked_recommendation,
            plan_id=_plan_id(args.plan) if args.plan else None,
            repair=not args.no_repair, warning=args.warning,
        )
        item = result.interaction
        names = ", ".join(p.name for p in people)
        _out(f"logged {_lid(item.id)}: {item.kind} with {names} on {_day(item.date)}")
        for lead in result.new_leads:
            _out(f"  new lead #{lead.id} {lead.label}, introduced by {people[0].name}")
        for linked in result.linked:
            _out(f"  referral #{linked.id} {linked.label} (already a contact)")
        for met in result.activated:
            _out(f"  #{met.id} {met.name} is no longer a lead: now active")
        contacts = app.db.contacts
        if result.plan is not None:
            _out(f"  held the meeting planned as {_pid(result.plan.id)}")
        extra = [result.followup, result.repair]
        for f in [*(f for f in extra if f is not None), *result.reach_outs]:
            _out(f"  follow-up {_fid(f.id)} for {contacts[f.contact_id].name}: {f.action}, "
                 f"due {_day(f.due)}")
        for f in result.closed:
            _out(f"  done: {_fid(f.id)} {f.action}")
        for f in result.still_open:
            _out(f"  still open for {contacts[f.contact_id].name}: {_fid(f.id)} {f.action} "
                 f"(if this talk answered it: peoplelinks done {_fid(f.id)})")
    return 0


def _people(app: Any, names: list[str] | None, field: str) -> list[int] | None:
    return None if names is None else [app.resolve(w, field=field).id for w in names]


def cmd_edit_log(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    with _open(args, write=True) as app:
        item = app.interaction(_log_id(args.id))
        for key, value in (("kind", args.kind), ("notes", args.notes), ("gave", args.gave),
                           ("got", args.got)):
            if value is not None:
                changes[key] = value
        if args.date is not None:
            changes["date"] = _when(args.date, "date")
        if args.with_ is not None:
            changes["contact_ids"] = _people(app, args.with_, "with")
        if args.referral is not None or args.no_referrals:
            changes["referrals"] = _people(app, args.referral or [], "referrals")
        for key, attr in (("asked_for_referrals", "asked"),
                          ("asked_for_recommendation", "asked_recommendation"),
                          ("shared_objective", "shared_objective")):
            if getattr(args, attr) is not None:
                changes[key] = getattr(args, attr) == "yes"
        if args.outcome is not None:
            changes["outcome"] = "" if args.outcome == "none" else args.outcome
        if not changes:
            raise InputError("edit-log: nothing to change; give at least one option such as "
                             "--notes")
        item = app.edit_log(item.id, **changes)
        names = ", ".join(app.contact(c).name for c in item.contact_ids)
        _out(f"saved {_lid(item.id)}: {item.kind} with {names} on {_day(item.date)}")
    return 0


def cmd_delete_log(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        log_id = _log_id(args.id)
        leads = args.leads
        made = app.log_leads(log_id)
        if made and leads is None and sys.stdin.isatty() and sys.stdout.isatty():
            listed = ", ".join(f"#{c.id} {c.label}" for c in made)
            sys.stdout.write(f"This log created {listed}. Keep them (k) or move them to the "
                             "trash (t)? [k/t] ")
            sys.stdout.flush()
            answer = sys.stdin.readline().strip().lower()
            leads = {"k": "keep", "keep": "keep", "t": "trash", "trash": "trash"}.get(answer)
            if leads is None:
                raise InputError("delete-log: nothing deleted (answer k or t)")
        item = app.delete_log(log_id, leads=leads)
        _out(f"deleted {_lid(item.id)}: the {item.kind} of {_day(item.date)} and its "
             "follow-ups ('peoplelinks undo' brings them back)")
    return 0


def cmd_reopen(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        item = app.reopen_followup(_followup_id(args.id))
        _out(f"reopened {_fid(item.id)} {item.action}, due {_day(item.due)}")
    return 0


def cmd_snooze_contact(args: argparse.Namespace) -> int:
    from peoplelinks.domain.dates import snooze_date  # noqa: PLC0415

    with _open(args, write=True) as app:
        who = app.resolve(args.who)
        current = app.next_contact(who)
        if current is None:
            raise InputError(f"contact: {who.name} (#{who.id}) has no keep-in-touch reminder")
        contact = app.snooze_keep_in_touch(who.id, snooze_date(args.when, app.today, current))
        _out(f"keep in touch with #{contact.id} {contact.name}: next on "
             f"{_day(contact.next_contact_on)} (the next talk clears it)")
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from peoplelinks.domain.schedule import Bucket  # noqa: PLC0415
    from peoplelinks.interop.jsonio import followup_json, plan_json  # noqa: PLC0415

    with _open(args, write=False) as app:
        report = app.due()
        contacts = app.db.contacts
        if args.json:
            _json({
                "today": report.today.isoformat(),
                "followups": [followup_json(f, report.owners[f.contact_id]) | {"bucket": b.value}
                              for b in Bucket for f in report.followups[b]],
                "keep_in_touch": [
                    {"contact_id": d.contact_id, "name": d.name,
                     "last_contact": d.last_contact.isoformat() if d.last_contact else None,
                     "next_contact": d.next_contact.isoformat()}
                    for d in report.keep_in_touch],
                "plans": [plan_json(p, contacts[p.contact_id].name) for p in report.plans],
            })
            return 0
        titles = {Bucket.OVERDUE: "overdue", Bucket.TODAY: "today",
                  Bucket.WEEK: "this week", Bucket.LATER: "later"}
        shown = False
        if report.plans:
            shown = True
            _out("meetings planned")
            for p in report.plans:
                late = "  (not logged yet)" if p.date < report.today else ""
                _out(f"  {_pid(p.id):<5} {_day(p.date)}  {_cut(contacts[p.contact_id].name, 24)} "
                     f"{p.purpose or p.place}{late}")
        for b in Bucket:
            if report.followups[b]:
                shown = True
                _out(f"{titles[b]}")
                for f in report.followups[b]:
                    name = _cut(report.owners[f.contact_id], 24)
                    _out(f"  {_fid(f.id):<5} {_day(f.due)}  {name} {f.action}")
        if report.keep_in_touch:
            shown = True
            _out("keep in touch")
            for d in report.keep_in_touch:
                last = d.last_contact.isoformat() if d.last_contact else "never logged"
                _out(f"  {f'#{d.contact_id}':<5} {_cut(d.name, 24)} last: {last}, "
                     f"due since {d.next_contact.isoformat()}")
        if not shown:
            _out("nothing due: every follow-up is done and every contact is in touch")
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        item = app.complete_followup(_followup_id(args.id), on=_when(args.date, "date"))
        _out(f"done: {_fid(item.id)} {item.action}")
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    from peoplelinks.domain.dates import snooze_date  # noqa: PLC0415

    with _open(args, write=True) as app:
        old = app.followup(_followup_id(args.id))
        due = snooze_date(args.when, app.today, old.due) if not old.done else old.due
        item = app.snooze_followup(old.id, due)
        _out(f"snoozed {_fid(item.id)} {item.action} to {_day(item.due)}")
    return 0


def cmd_followup(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        who = app.resolve(args.who)
        item = app.add_followup(who.id, args.action, _when(args.due, "due"))
        _out(f"follow-up {_fid(item.id)} for {who.name}: {item.action}, due {_day(item.due)}")
    return 0


def cmd_edit_followup(args: argparse.Namespace) -> int:
    if args.action is None and args.due is None:
        raise InputError("edit-followup: give --action, --due or both")
    with _open(args, write=True) as app:
        item = app.edit_followup(_followup_id(args.id), action=args.action,
                                 due=_when(args.due, "due"))
        _out(f"saved {_fid(item.id)} {item.action}, due {_day(item.due)}")
    return 0


def cmd_keep_in_touch(args: argparse.Namespace) -> int:
    if (args.circle is None) != (args.days is None):
        raise InputError("keep-in-touch: give both a circle and a number of days, or neither")
    with _open(args, write=args.circle is not None) as app:
        if args.circle is not None:
            app.set_keep_in_touch(args.circle, _int(args.days, "keep_in_touch_days"))
        for circle, days in app.db.settings.keep_in_touch_days.items():
            _out(f"{circle:9} {'not tracked' if days == 0 else f'every {days} days'}")
    return 0


def add_commands(command: Command) -> None:
    """Add this module's commands with the CLI's ``command(name, handler, help)``."""
    p = command("log", cmd_log, "log an interaction (a coffee chat, a call...)")
    p.add_argument("who", metavar="WHO")
    p.add_argument("--with", dest="with_", action="append", metavar="WHO",
                   help="another contact who was there (repeat for several)")
    p.add_argument("--kind", default="coffee",
                   help="coffee, call, video, email, message, meeting, event, interview, other")
    p.add_argument("--date", metavar="WHEN", help="when it happened (default: today)")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--gave", metavar="TEXT", help="what you gave: help, an intro, an article")
    p.add_argument("--got", metavar="TEXT", help="what you learned or received")
    p.add_argument("--referral", action="append", metavar="NAME",
                   help="'Name', 'Name @ Company' or 'Name @ Company - note' (repeat)")
    p.add_argument("--asked", action="store_true", help="you asked for referrals")
    p.add_argument("--next", metavar="ACTION", help="the next step, as a follow-up")
    p.add_argument("--due", metavar="WHEN",
                   help="when the next step is due (default: a week after the date)")
    p.add_argument("--next-for", metavar="WHO",
                   help="whom the next step is for: one of the people logged (default: WHO)")
    p.add_argument("--no-reach-out", action="store_true",
                   help="no 'Reach out to NAME' follow-up for the new leads")
    p.add_argument("--outcome", choices=("good", "neutral", "poor"),
                   help="how it went (poor: a 'repair' follow-up is filed)")
    p.add_argument("--no-repair", action="store_true",
                   help="after a poor meeting, file no 'repair' follow-up")
    p.add_argument("--warning", metavar="TEXT",
                   help="set the contact's warning (e.g. 'repair this relationship')")
    p.add_argument("--shared-objective", action="store_true",
                   help="you told them your job search objective")
    p.add_argument("--asked-recommendation", action="store_true",
                   help="you asked them for a recommendation")
    p.add_argument("--plan", metavar="PLAN_ID",
                   help="the meeting plan this talk held (P4), marked held")
    p.add_argument("--close", action="append", metavar="FOLLOWUP_ID",
                   help="a follow-up of theirs this talk answered: mark it done (repeat)")

    p = command("edit-log", cmd_edit_log, "change a logged talk (see 'show WHO' for L ids)")
    p.add_argument("id", metavar="LOG_ID", help="L12 (or 12)")
    p.add_argument("--with", dest="with_", action="append", metavar="WHO",
                   help="who was there (repeat; replaces the list)")
    p.add_argument("--kind")
    p.add_argument("--date", metavar="WHEN")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--gave", metavar="TEXT")
    p.add_argument("--got", metavar="TEXT")
    p.add_argument("--referral", action="append", metavar="WHO",
                   help="a contact they referred (repeat; replaces the list)")
    p.add_argument("--no-referrals", action="store_true", help="clear the referrals")
    p.add_argument("--asked", choices=("yes", "no"), help="whether you asked for referrals")
    p.add_argument("--asked-recommendation", choices=("yes", "no"),
                   help="whether you asked for a recommendation")
    p.add_argument("--shared-objective", choices=("yes", "no"),
                   help="whether you told them your objective")
    p.add_argument("--outcome", choices=("good", "neutral", "poor", "none"),
                   help="how it went (none: not said)")
    p = command("delete-log", cmd_delete_log,
                "delete a logged talk and the follow-ups it created (undoable)")
    p.add_argument("id", metavar="LOG_ID")
    p.add_argument("--leads", choices=("keep", "trash"),
                   help="what becomes of the leads it created (asked when there are some)")

    p = command("due", cmd_due, "follow-ups and keep-in-touch contacts that are due")
    p.add_argument("--json", action="store_true")
    p = command("followup", cmd_followup, "add a follow-up for a contact")
    p.add_argument("who", metavar="WHO")
    p.add_argument("action", metavar="ACTION", help="e.g. 'send the article I promised'")
    p.add_argument("--due", metavar="WHEN", help="when it is due (default: in 1 week)")
    p = command("edit-followup", cmd_edit_followup, "change a follow-up's action or due date")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.add_argument("--action", metavar="TEXT")
    p.add_argument("--due", metavar="WHEN")
    p = command("done", cmd_done, "mark a follow-up done")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.add_argument("--date", metavar="WHEN",
                   help="the day you did it, when not today (counts in that week's goals)")
    p = command("snooze", cmd_snooze, "move a follow-up to a new due date")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.add_argument("when", metavar="WHEN")
    p = command("reopen", cmd_reopen, "open a done follow-up again")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p = command("snooze-contact", cmd_snooze_contact,
                "move a contact's keep-in-touch reminder later (the next talk clears it)")
    p.add_argument("who", metavar="WHO")
    p.add_argument("when", metavar="WHEN")

    p = command("keep-in-touch", cmd_keep_in_touch,
                "show or set the default days between contacts of a circle")
    p.add_argument("circle", metavar="CIRCLE", nargs="?", help="personal, network or work")
    p.add_argument("days", metavar="DAYS", nargs="?", help="0: not tracked")
