"""The command line: ``peoplelinks [--db PATH] COMMAND ...``.

Every command calls the same :class:`~peoplelinks.service.PeopleLinks` verbs as
the TUI. Errors are one line on stderr starting ``error:``; the exit code is 2
for bad input and 1 for anything else that failed. With no command, the TUI
opens.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NoReturn

from peoplelinks import __version__
from peoplelinks.errors import InputError, PeopleLinksError
from peoplelinks.paths import resolve_db_path

Handler = Callable[[argparse.Namespace], int]


class _Formatter(argparse.HelpFormatter):
    """Keeps every command name on the line of its help ("edit-followup  change ...").

    argparse measures the command names without the extra indent it prints them
    with, so long names would push their help onto the next line."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction) and action.choices:
            longest = max(len(name) for name in action.choices)
            self._action_max_length = max(
                self._action_max_length,
                longest + self._current_indent + 2 * self._indent_increment)


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one ``error:`` line and exits 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from peoplelinks.domain.text import clean_text  # noqa: PLC0415

        # argparse quotes what was typed: keep it to one line with no escape codes.
        sys.stderr.write(f"error: {clean_text(message)} (see '{self.prog} --help')\n")
        raise SystemExit(2)


# ---- helpers -------------------------------------------------------------------


class _Session:
    """The database for one command: opened on entry, closed on exit, and what the
    user must hear about (unreadable records, a journal set aside, a fold that
    failed) said on stderr as ``warning:`` lines, which never change the exit code."""

    def __init__(self, args: argparse.Namespace, write: bool) -> None:
        self.args = args
        self.write = write
        self.app: Any = None
        self._said = 0

    def __enter__(self) -> Any:
        from peoplelinks.service import PeopleLinks  # noqa: PLC0415 - keep --help fast

        self.app = PeopleLinks.open(resolve_db_path(self.args.db), read_only=not self.write)
        self._warn()
        problems = self.app.db.problems
        if problems and getattr(self.args, "func", None) is not cmd_doctor:
            where = ", ".join(f"{p.table} #{p.doc_id}" for p in problems[:5])
            more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
            _warning(f"{len(problems)} record(s) could not be read ({where}{more}) and are "
                     "left untouched; run 'peoplelinks doctor'")
        return self.app

    def __exit__(self, *exc: object) -> None:
        self.app.close()
        self._warn()

    def _warn(self) -> None:
        warnings = self.app.db.warnings
        for message in warnings[self._said:]:
            _warning(message)
        self._said = len(warnings)


def _warning(message: str) -> None:
    sys.stderr.write(f"warning: {message}\n")


def _open(args: argparse.Namespace, *, write: bool) -> _Session:
    return _Session(args, write)


def _when(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    from peoplelinks.domain.dates import parse_date  # noqa: PLC0415

    return parse_date(text, field=field)


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _json(data: Any) -> None:
    import orjson  # noqa: PLC0415

    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def _day(value: date | None) -> str:
    return f"{value.isoformat()} ({value:%a})" if value else "-"


def _cut(text: str, width: int) -> str:
    """``text`` in exactly ``width`` terminal cells: cut with "…", or padded with spaces.

    Cells, not characters: CJK takes two, combining marks and joined emoji parts none."""
    from rich.cells import cell_len, set_cell_size  # noqa: PLC0415 - ~1 ms over rich itself

    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def _contact_fields(args: argparse.Namespace, app: Any) -> dict[str, Any]:
    """The contact fields given on the command line (only those given)."""
    data: dict[str, Any] = {}
    for key in ("name", "company", "title", "level", "circle", "status", "employment",
                "how_met", "notes", "profile_url", "warning"):
        value = getattr(args, key, None)
        if value is not None:
            data[key] = value
    for key, attr in (("emails", "email"), ("phones", "phone"), ("tags", "tag")):
        value = getattr(args, attr, None)
        if value is not None:
            data[key] = value
    if args.keep_in_touch is not None:
        data["keep_in_touch_days"] = (None if args.keep_in_touch.strip().lower() == "default"
                                      else _int(args.keep_in_touch, "keep_in_touch_days"))
    if args.introduced_by is not None:
        who = args.introduced_by.strip()
        data["introduced_by"] = (None if who.lower() in ("", "none", "-")
                                 else app.resolve(who, field="introduced_by").id)
    return data


def _int(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{field}: {text!r} is not a whole number of days", field=field) from None


def _followup_id(text: str) -> int:
    digits = text.strip().lstrip("#")
    if not digits.isdigit():
        raise InputError(f"follow-up: {text!r} is not a follow-up id (see 'peoplelinks due')",
                         field="follow-up")
    return int(digits)


# ---- commands ------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        contact = app.add_contact(_contact_fields(args, app))
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


def _contact_json(app: Any, contact: Any) -> dict[str, Any]:
    from peoplelinks.interop.jsonio import contact_json  # noqa: PLC0415

    return contact_json(
        contact, generation=app.generation(contact.id),
        last_contact=app.last_contact(contact.id), next_contact=app.next_contact(contact),
        introduced=[c.id for c in app.introduced(contact.id)],
    )


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
    ]
    _out(f"#{c.id} {c.name}" + ("  [in the trash]" if c.in_trash else ""))
    for label, value in rows:
        if value:
            _out(f"  {label:14} {value}")
    if c.notes:
        _out("  notes")
        for line in c.notes.splitlines():
            _out(f"    {line}")
    open_fu = [f for f in followups if not f.done]
    if open_fu:
        _out("follow-ups")
        for f in open_fu:
            _out(f"  #{f.id:<4} {_day(f.due)}  {f.action}")
    if history:
        _out("interactions (newest first)")
        for item in history[:20]:
            first = item.notes.splitlines()[0] if item.notes else ""
            _out(f"  {item.date.isoformat()} {item.kind:9} {first}")
            for label, text in (("gave", item.gave), ("got", item.got)):
                if text:
                    _out(f"      {label}: {text.splitlines()[0]}")


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
        _out(f"logged #{item.id}: {item.kind} with {names} on {_day(item.date)}")
        for lead in result.new_leads:
            _out(f"  new lead #{lead.id} {lead.label}, introduced by {people[0].name}")
        for linked in result.linked:
            _out(f"  referral #{linked.id} {linked.label} (already a contact)")
        for met in result.activated:
            _out(f"  #{met.id} {met.name} is no longer a lead: now active")
        if result.followup:
            f = result.followup
            _out(f"  follow-up #{f.id}: {f.action}, due {_day(f.due)}")
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
                    _out(f"  #{f.id:<4} {_day(f.due)}  {_cut(contacts[f.contact_id].name, 24)} "
                         f"{f.action}")
        if report.keep_in_touch:
            shown = True
            _out("keep in touch")
            for d in report.keep_in_touch:
                last = d.last_contact.isoformat() if d.last_contact else "never logged"
                _out(f"  #{d.contact.id:<4} {_cut(d.contact.name, 24)} last: {last}, "
                     f"due since {d.next_contact.isoformat()}")
        if not shown:
            _out("nothing due: every follow-up is done and every contact is in touch")
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        item = app.complete_followup(_followup_id(args.id))
        _out(f"done: #{item.id} {item.action}")
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        due = _when(args.when, "due")
        item = app.snooze_followup(_followup_id(args.id), due)
        _out(f"snoozed #{item.id} {item.action} to {_day(item.due)}")
    return 0


def cmd_followup(args: argparse.Namespace) -> int:
    with _open(args, write=True) as app:
        who = app.resolve(args.who)
        item = app.add_followup(who.id, args.action, _when(args.due, "due"))
        _out(f"follow-up #{item.id} for {who.name}: {item.action}, due {_day(item.due)}")
    return 0


def cmd_edit_followup(args: argparse.Namespace) -> int:
    if args.action is None and args.due is None:
        raise InputError("edit-followup: give --action, --due or both")
    with _open(args, write=True) as app:
        item = app.edit_followup(_followup_id(args.id), action=args.action,
                                 due=_when(args.due, "due"))
        _out(f"saved #{item.id} {item.action}, due {_day(item.due)}")
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


def cmd_demo(args: argparse.Namespace) -> int:
    from peoplelinks.demo import load_demo  # noqa: PLC0415

    with _open(args, write=True) as app:
        count = load_demo(app, force=args.force)
        _out(f"loaded the demo network: {count} contacts into {app.db.path}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from peoplelinks.cli_safety import offer_quarantine  # noqa: PLC0415

    with _open(args, write=False) as app:
        problems = app.doctor()
        db = app.db
        unreadable = len(db.problems)
        _out(f"checked {db.path}: {len(db.contacts)} contacts, {len(db.interactions)} "
             f"interactions, {len(db.followups)} follow-ups")
        for p in problems:
            _out(f"problem: {p.where}: {p.message}")
        if unreadable:
            _out(f"{unreadable} record(s) could not be read: they are left untouched in the "
                 "file and not shown anywhere (their contact, follow-ups or log are missing "
                 "from lists) until fixed by hand or moved aside")
        _out(f"{len(problems)} problem(s) found" if problems else "no problems found")
    offer_quarantine(args, unreadable)
    return 1 if problems else 0


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_tui(args: argparse.Namespace) -> int:
    if not _has_terminal():
        # A TUI without a terminal would spin, write escape codes and hold the lock.
        raise InputError("the terminal app needs a terminal (stdin and stdout are not one); "
                         "use a command such as 'peoplelinks due' or 'peoplelinks list' "
                         "(see 'peoplelinks --help')")
    path = resolve_db_path(args.db)
    from peoplelinks.tui.app import run  # noqa: PLC0415 - Textual only for the TUI

    return run(path)


# ---- the parser ----------------------------------------------------------------


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
    p.add_argument("--keep-in-touch", metavar="DAYS",
                   help="days between contacts (0: never; 'default': by circle)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = _Parser(prog="peoplelinks",
                     description="A keyboard-driven personal CRM for job-search networking. "
                                 "With no command, opens the terminal app.")
    parser.add_argument("--version", action="version", version=f"peoplelinks {__version__}")
    parser.add_argument("--db", metavar="PATH",
                        help="database file (default: $PEOPLELINKS_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, handler: Handler, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(func=handler)
        return p

    p = command("add", cmd_add, "add a contact")
    p.add_argument("name", metavar="NAME")
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

    p = command("demo", cmd_demo, "load a realistic demo network")
    p.add_argument("--force", action="store_true",
                   help="move existing contacts to the trash first")
    p = command("doctor", cmd_doctor, "validate every record and report problems")
    p.add_argument("--quarantine", action="store_true",
                   help="move records that cannot be read to the quarantine table (undoable)")
    from peoplelinks.cli_safety import add_commands  # noqa: PLC0415

    add_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets a '?' rather than a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "func", cmd_tui)
    try:
        return handler(args)
    except PeopleLinksError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (``peoplelinks list | head``): not an error worth a word.
        import os  # noqa: PLC0415

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        sys.stderr.write(f"error: {exc.strerror or exc}{where}\n")
        return 1

