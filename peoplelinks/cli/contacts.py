"""Commands about contacts: add, edit, delete, undelete, trash, list, show."""

from __future__ import annotations

import argparse
from typing import Any

from peoplelinks.cli.common import (
    Command,
    _contact_fields,
    _contact_json,
    _cut,
    _day,
    _fid,
    _json,
    _lid,
    _open,
    _out,
)
from peoplelinks.errors import InputError


def cmd_add(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        contact = app.add_contact(_contact_fields(args, app),
                                  allow_duplicate=args.allow_duplicate)
        _out(f"added #{contact.id} {contact.label}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        old = app.resolve(args.who)
        changes = _contact_fields(args, app)
        if not changes:
            raise InputError("edit: nothing to change; give at least one option such as --title")
        contact = app.edit_contact(old.id, changes)
        _out(f"updated #{contact.id} {contact.label}")
        if contact.status != old.status and contact.status in ("not-helpful", "dormant"):
            _suggest(app, contact, quiet=True)
    return 0


def _suggest(app: Any, contact: Any, *, quiet: bool = False) -> None:
    """Replace the string of lights that does not work: others to try."""
    found = app.replacements(contact.id)
    if not found:
        if not quiet:
            _out(f"nobody to suggest instead of {contact.name} yet: no one else at their "
                 "company or in their circle, and no lead waiting")
        return
    _out(f"  try instead of {contact.name}:")
    for s in found:
        _out(f"    #{s.contact_id:<5} {app.db.contacts[s.contact_id].label} — {s.reason}")


def cmd_suggest(args: argparse.Namespace) -> int:
    with _open(args, write=False) as app:
        contact = app.resolve(args.who)
        if args.json:
            _json([{"contact_id": s.contact_id, "name": app.db.contacts[s.contact_id].name,
                    "reason": s.reason} for s in app.replacements(contact.id)])
            return 0
        _suggest(app, contact)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        contact = app.delete_contact(app.resolve(args.who).id)
        _out(f"moved #{contact.id} {contact.label} to the trash "
             f"(restore with: peoplelinks undelete {contact.id})")
    return 0


def cmd_undelete(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        contact = app.restore_contact(app.resolve(args.who, trash=True).id)
        _out(f"restored #{contact.id} {contact.label}")
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    with _open(args, write=False) as app:
        gone = app.contacts(trash=True)
        if args.json:
            _json([_contact_json(app, c) for c in gone])
            return 0
        if not gone:
            _out("the trash is empty")
        for c in gone:
            _out(f"#{c.id:<5} {_cut(c.label, 50)} deleted {c.deleted_at:%Y-%m-%d %H:%M} UTC")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args, write=False) as app:
        found = app.search(args.query or "")
        if args.json:
            _json([_contact_json(app, c) for c in found])
            return 0
        if not found:
            _out("no contacts match" if args.query else
                 "no contacts yet: add one with 'peoplelinks add NAME' or try 'peoplelinks demo'")
            return 0
        _out(f"{'id':>5}  {'name':24} {'company':22} {'circle':8} {'status':14} "
             f"{'gen':>3}  {'last':10}  next")
        for c in found:
            last, nxt = app.last_contact(c.id), app.next_contact(c)
            _out(f"{c.id:>5}  {_cut(c.name, 24)} {_cut(c.company, 22)} {c.circle:8} "
                 f"{c.status:14} {app.generation(c.id) or '':>3}  "
                 f"{last.isoformat() if last else '-':10}  {nxt.isoformat() if nxt else '-'}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from peoplelinks.interop.jsonio import followup_json, interaction_json  # noqa: PLC0415

    with _open(args, write=False) as app:
        c = app.resolve(args.who)
        history = app.db.interactions_of(c.id)
        followups = app.db.followups_of(c.id)
        if args.json:
            data = _contact_json(app, c)
            data["interactions"] = [interaction_json(i) for i in history]
            data["followups"] = [followup_json(f) for f in followups]
            _json(data)
            return 0
        _show_contact(app, c, history, followups)
    return 0


def _show_contact(app: Any, c: Any, history: list[Any], followups: list[Any]) -> None:
    intro = app.introducer(c)
    rows = [
        ("company", c.company), ("title", c.title), ("level", c.level), ("circle", c.circle),
        ("status", c.status), ("employment", c.employment), ("emails", ", ".join(c.emails)),
        ("phones", ", ".join(c.phones)), ("profile", c.profile_url), ("tags", ", ".join(c.tags)),
        ("how met", c.how_met),
        ("introduced by", f"#{intro.id} {intro.label}" if intro else ""),
        ("introduced", ", ".join(f"#{p.id} {p.name}" for p in app.introduced(c.id))),
        ("generation", str(app.generation(c.id) or "")),
        ("last contact", _day(app.last_contact(c.id))),
        ("next contact", _day(app.next_contact(c))),
        ("warning", c.warning),
        ("objective shared", _day(c.objective_shared_on) if c.objective_shared_on else ""),
        ("recommendation", "; ".join(
            f"{label} {_day(day)}" for label, day in
            (("asked", c.recommendation_asked_on), ("given", c.recommendation_given_on))
            if day)),
    ]
    _out(f"#{c.id} {c.name}" + ("  [in the trash]" if c.in_trash else ""))
    for label, value in rows:
        if value:
            _out(f"  {label:14} {value}")
    if c.notes:
        _out("  notes")
        for line in c.notes.splitlines():
            _out(f"    {line}")
    _show_followups(followups)
    _show_history(app, c, history)


SHOWN = 20  # interactions, and done follow-ups, shown in text; --json has them all


def _show_followups(followups: list[Any]) -> None:
    """Open follow-ups by due date, then the latest done ones, marked done."""
    open_fu = [f for f in followups if not f.done]
    done = sorted((f for f in followups if f.done),
                  key=lambda f: (f.done_at or f.created, f.id), reverse=True)
    if not open_fu and not done:
        return
    _out("follow-ups")
    for f in open_fu:
        _out(f"  {_fid(f.id):<5} {_day(f.due)}  {f.action}")
    for f in done[:SHOWN]:
        when = f" {f.done_at.astimezone():%Y-%m-%d}" if f.done_at else ""  # local day
        _out(f"  {_fid(f.id):<5} done{when}  {f.action}")
    if len(done) > SHOWN:
        _out(f"  ... and {len(done) - SHOWN} more done (show --json lists them all)")


def _show_history(app: Any, c: Any, history: list[Any]) -> None:
    """Interactions, newest first: who else was there, what was given and got, the
    referrals (each with its contact id) and whether referrals were asked for."""
    if not history:
        return
    contacts = app.db.contacts

    def who(cid: int) -> str:
        person = contacts.get(cid)
        return f"#{cid} {person.label if person else '(unknown)'}"

    _out("interactions (newest first)")
    for item in history[:SHOWN]:
        first = item.notes.splitlines()[0] if item.notes else ""
        _out(f"  {_lid(item.id):<5} {item.date.isoformat()} {item.kind:9} {first}")
        others = [cid for cid in item.contact_ids if cid != c.id]
        if others:
            _out(f"      with: {', '.join(who(cid) for cid in others)}")
        for label, text in (("gave", item.gave), ("got", item.got)):
            if text:
                _out(f"      {label}: {text.splitlines()[0]}")
        if item.referrals:
            _out(f"      referrals: {', '.join(who(cid) for cid in item.referrals)}")
        if item.asked_for_referrals:
            _out("      asked for referrals")
    if len(history) > SHOWN:
        _out(f"  ... and {len(history) - SHOWN} older (show --json lists them all)")


def _contact_options(p: argparse.ArgumentParser, *, edit: bool) -> None:
    lists = "replaces the list; repeat for several" if edit else "repeat for several"
    p.add_argument("--company")
    p.add_argument("--title")
    p.add_argument("--level", help="ic, manager, director, executive or unknown")
    p.add_argument("--circle", help="personal, network or work (default: network)")
    p.add_argument("--status", help="lead, active, dormant, not-helpful or do-not-contact")
    p.add_argument("--employment", help="employed, job-seeking or unknown")
    p.add_argument("--email", action="append", help=f"an email address ({lists})")
    p.add_argument("--phone", action="append", help=f"a phone number ({lists})")
    p.add_argument("--tag", action="append", help=f"a tag ({lists})")
    p.add_argument("--introduced-by", metavar="WHO",
                   help="id or name of who introduced them" + (" ('none' clears)" if edit else ""))
    p.add_argument("--how-met", metavar="TEXT")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--profile-url", metavar="URL")
    p.add_argument("--warning", metavar="TEXT", help="e.g. 'repair this relationship'")
    for flag, what in (("objective-shared", "you told them your objective"),
                       ("recommendation-asked", "you asked them for a recommendation"),
                       ("recommendation-given", "they gave you a recommendation")):
        p.add_argument(f"--{flag}", metavar="WHEN", help=f"when {what} ('none' clears)")
    p.add_argument("--keep-in-touch", metavar="DAYS",
                   help="days between contacts (0: never; 'default': by circle)")


def add_commands(command: Command) -> None:
    """Add this module's commands with the CLI's ``command(name, handler, help)``."""
    p = command("add", cmd_add, "add a contact")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--allow-duplicate", action="store_true",
                   help="add even when someone of that name, email or profile exists")
    _contact_options(p, edit=False)

    p = command("edit", cmd_edit, "change a contact's fields")
    p.add_argument("who", metavar="WHO", help="id or name")
    p.add_argument("--name")
    _contact_options(p, edit=True)

    p = command("delete", cmd_delete, "move a contact to the trash")
    p.add_argument("who", metavar="WHO")
    p = command("undelete", cmd_undelete, "restore a contact from the trash")
    p.add_argument("who", metavar="WHO")
    p = command("trash", cmd_trash, "list the contacts in the trash")
    p.add_argument("--json", action="store_true")

    p = command("list", cmd_list, "list contacts, or those matching QUERY")
    p.add_argument("query", metavar="QUERY", nargs="?")
    p.add_argument("--json", action="store_true")

    p = command("show", cmd_show, "show everything about a contact")
    p.add_argument("who", metavar="WHO")
    p.add_argument("--json", action="store_true")
    p = command("suggest", cmd_suggest, "whom to try instead of someone who cannot help: "
                                        "the same company, the same circle, new leads")
    p.add_argument("who", metavar="WHO")
    p.add_argument("--json", action="store_true")
