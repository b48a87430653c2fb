"""Commands about conversations and follow-ups: log, due, followup, edit-followup, done,
snooze, keep-in-touch."""

from __future__ import annotations

import argparse

from peoplelinks.cli.common import (
    Command,
    _cut,
    _day,
    _fid,
    _followup_id,
    _int,
    _json,
    _lid,
    _open,
    _out,
    _when,
)
from peoplelinks.errors import InputError


def cmd_log(args: argparse.Namespace) -> int:
    from peoplelinks.domain.referrals import parse_referral  # noqa: PLC0415

    with _open(args, write=True) as app:
        people = [app.resolve(args.who)] + [app.resolve(w) for w in args.with_ or []]
        people = list({p.id: p for p in people}.values())  # each once, in the order given
        result = app.log(
            [p.id for p in people], kind=args.kind, when=_when(args.date, "date"),
            notes=args.notes or "", gave=args.gave or "", got=args.got or "",
            referrals=[parse_referral(r) for r in args.referral or []],
            next_action=args.next or "", next_due=_when(args.due, "due"),
            asked_for_referrals=args.asked,
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
        if result.followup:
            f = result.followup
            _out(f"  follow-up {_fid(f.id)}: {f.action}, due {_day(f.due)}")
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from peoplelinks.domain.schedule import Bucket  # noqa: PLC0415
    from peoplelinks.interop.jsonio import followup_json  # noqa: PLC0415

    with _open(args, write=False) as app:
        report = app.due()
        contacts = app.db.contacts
        if args.json:
            _json({
                "today": report.today.isoformat(),
                "followups": [followup_json(f, contacts[f.contact_id].name) | {"bucket": b.value}
                              for b in Bucket for f in report.followups[b]],
                "keep_in_touch": [
                    {"contact_id": d.contact.id, "name": d.contact.name,
                     "last_contact": d.last_contact.isoformat() if d.last_contact else None,
                     "next_contact": d.next_contact.isoformat()}
                    for d in report.keep_in_touch],
            })
            return 0
        titles = {Bucket.OVERDUE: "overdue", Bucket.TODAY: "today",
                  Bucket.WEEK: "this week", Bucket.LATER: "later"}
        shown = False
        for b in Bucket:
            if report.followups[b]:
                shown = True
                _out(f"{titles[b]}")
                for f in report.followups[b]:
                    name = _cut(contacts[f.contact_id].name, 24)
                    _out(f"  {_fid(f.id):<5} {_day(f.due)}  {name} {f.action}")
        if report.keep_in_touch:
            shown = True
            _out("keep in touch")
            for d in report.keep_in_touch:
                last = d.last_contact.isoformat() if d.last_contact else "never logged"
                _out(f"  {f'#{d.contact.id}':<5} {_cut(d.contact.name, 24)} last: {last}, "
                     f"due since {d.next_contact.isoformat()}")
        if not shown:
            _out("nothing due: every follow-up is done and every contact is in touch")
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        item = app.complete_followup(_followup_id(args.id))
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
    p = command("snooze", cmd_snooze, "move a follow-up to a new due date")
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.add_argument("when", metavar="WHEN")

    p = command("keep-in-touch", cmd_keep_in_touch,
                "show or set the default days between contacts of a circle")
    p.add_argument("circle", metavar="CIRCLE", nargs="?", help="personal, network or work")
    p.add_argument("days", metavar="DAYS", nargs="?", help="0: not tracked")
