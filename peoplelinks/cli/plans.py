"""Commands about meeting plans: plan, plans, edit-plan, cancel-plan, brief."""

from __future__ import annotations

import argparse
from typing import Any

from peoplelinks.cli.common import (
    Command,
    _cut,
    _day,
    _json,
    _open,
    _out,
    _pid,
    _plan_id,
    _when,
)


def _plan_json(app: Any, plan: Any) -> dict[str, Any]:
    from peoplelinks.interop.jsonio import plan_json  # noqa: PLC0415

    contact = app.db.contacts.get(plan.contact_id)
    return plan_json(plan, contact.name if contact else None)


def _plan_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The plan fields given on the command line (only those given)."""
    data: dict[str, Any] = {}
    for key in ("place", "purpose", "help_them", "learn"):
        value = getattr(args, key)
        if value is not None:
            data[key] = value
    for key in ("agenda", "ask_for"):
        value = getattr(args, key)
        if value is not None:
            data[key] = value
    return data


def _said(app: Any, plan: Any, verb: str) -> None:
    name = app.db.contacts[plan.contact_id].name
    where = f" at {plan.place}" if plan.place else ""
    _out(f"{verb} {_pid(plan.id)}: meeting with {name} on {_day(plan.date)}{where}")


def cmd_plan(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        contact = app.resolve(args.who)
        when = _when(args.date, "due")
        assert when is not None  # --date is required
        plan = app.plan_meeting(contact.id, when, **_plan_fields(args))
        if args.json:
            _json(_plan_json(app, plan))
            return 0
        _said(app, plan, "planned")
        _out(f"  brief: peoplelinks brief {_pid(plan.id)}; after it: peoplelinks log "
             f"'{contact.name}' --plan {_pid(plan.id)}")
    return 0


def cmd_edit_plan(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        changes = _plan_fields(args)
        if args.date is not None:
            changes["date"] = _when(args.date, "due")
        plan = app.edit_plan(_plan_id(args.id), **changes)
        _said(app, plan, "plan")
    return 0


def cmd_cancel_plan(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        plan = app.cancel_plan(_plan_id(args.id))
        _said(app, plan, "cancelled")
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    with _open(args, write=False) as app:
        plans = (sorted(app.db.plans.values(), key=lambda p: (p.date, p.id)) if args.all
                 else app.planned())
        if args.json:
            _json([_plan_json(app, p) for p in plans])
            return 0
        if not plans:
            _out("no meeting planned: plan one with peoplelinks plan WHO --date WHEN")
            return 0
        for p in plans:
            name = _cut(app.db.contacts[p.contact_id].name, 24)
            state = "" if p.status == "planned" else f"  [{p.status}]"
            late = "  (not logged yet)" if p.status == "planned" and p.date < app.today else ""
            _out(f"  {_pid(p.id):<5} {_day(p.date)}  {name} {p.purpose or p.place}{state}{late}")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    with _open(args, write=False) as app:
        text = args.who.strip()
        if text[:1] in ("P", "p") and text[1:].isdigit():
            plan = app.plan(int(text[1:]))
            _out(app.brief(plan.contact_id, plan_id=plan.id).rstrip("\n"))
        else:
            _out(app.brief(app.resolve(args.who).id).rstrip("\n"))
    return 0


def _plan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--place", metavar="PLACE")
    p.add_argument("--purpose", metavar="TEXT", help="why you are meeting")
    p.add_argument("--agenda", action="append", metavar="TEXT",
                   help="an agenda item (repeat for several; replaces the agenda)")
    p.add_argument("--help-them", dest="help_them", metavar="TEXT",
                   help="how you can help them: make or save them money, an intro, an article")
    p.add_argument("--learn", metavar="TEXT", help="what you want to learn")
    p.add_argument("--ask-for", dest="ask_for", action="append", metavar="NAME_OR_ROLE",
                   help="whom you want to be referred to (repeat for several)")


def add_commands(command: Command) -> None:
    """Add the meeting-plan commands to the parser."""
    p = command("plan", cmd_plan, "plan a meeting with someone (see it in due and the "
                                  "follow-ups pane; log it with log --plan)")
    p.add_argument("who", metavar="WHO")
    p.add_argument("--date", metavar="WHEN", required=True, help="when you will meet")
    _plan_options(p)
    p.add_argument("--json", action="store_true")
    p = command("edit-plan", cmd_edit_plan, "change a meeting plan")
    p.add_argument("id", metavar="PLAN_ID", help="P4 (or 4)")
    p.add_argument("--date", metavar="WHEN")
    _plan_options(p)
    p = command("cancel-plan", cmd_cancel_plan, "cancel a planned meeting (undoable)")
    p.add_argument("id", metavar="PLAN_ID")
    p = command("plans", cmd_plans, "list the meetings planned")
    p.add_argument("--all", action="store_true", help="held and cancelled ones too")
    p.add_argument("--json", action="store_true")
    p = command("brief", cmd_brief, "a one-page Markdown brief to read before meeting "
                                    "someone: the plan, the card, how you are connected, "
                                    "the last talks, open follow-ups")
    p.add_argument("who", metavar="WHO", help="a contact, or a plan id (P4)")
