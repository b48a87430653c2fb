"""Commands about the job-search strategy: objective, goals, today, coverage, paths."""

from __future__ import annotations

import argparse
from typing import Any

from peoplelinks.cli.common import Command, _cut, _day, _int, _json, _open, _out
from peoplelinks.errors import InputError


def _objective_json(objective: Any) -> dict[str, Any]:
    data: dict[str, Any] = objective.model_dump(mode="json")
    return data


def _show_objective(objective: Any) -> None:
    if not objective.is_set:
        _out("no objective yet: peoplelinks objective --role 'Product manager' "
             "--target-company Fabrikam --target-company Contoso ...")
    rows = [("role", objective.role),
            ("level", "" if objective.level == "unknown" else objective.level),
            ("industries", ", ".join(objective.industries)),
            ("targets", "; ".join(objective.target_companies)),
            ("locations", "; ".join(objective.locations)),
            ("pitch", objective.pitch)]
    for label, value in rows:
        if value:
            _out(f"  {label:11}{value}")
    g = objective.weekly_goals
    _out(f"  {'goals':11}{g.meetings} face-to-face meetings, {g.events} event(s), "
         f"{g.followups} follow-ups done, {g.new_contacts} new contacts a week")


def cmd_objective(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    for key, attr in (("role", "role"), ("level", "level"), ("pitch", "pitch"),
                      ("industries", "industry"), ("target_companies", "target_company"),
                      ("locations", "location")):
        value = getattr(args, attr)
        if value is not None:
            changes[key] = value
    writing = bool(changes or args.add_target or args.remove_target)
    with _open(args, write=writing) as app:
        objective = app.db.objective
        if writing:
            objective = app.set_objective(changes, add_targets=args.add_target or (),
                                          remove_targets=args.remove_target or ())
        if args.json:
            _json(_objective_json(objective))
        else:
            _show_objective(objective)
    return 0


def _step_json(app: Any, step: Any) -> dict[str, Any]:
    contact = app.db.contacts[step.contact_id]
    return {"contact_id": step.contact_id, "name": contact.name, "company": contact.company,
            "via": step.describe(app.db.contacts),
            "last_contact": step.last_contact.isoformat() if step.last_contact else None}


def _path_json(app: Any, path: Any) -> dict[str, Any]:
    return {"target": path.target, "length": path.length, "warmth": round(path.warmth, 3),
            "steps": [_step_json(app, step) for step in path.steps]}


def _show_path(app: Any, path: Any, indent: str = "  ") -> None:
    for n, step in enumerate(path.steps, start=1):
        contact = app.db.contacts[step.contact_id]
        last = f"last talk {_day(step.last_contact)}" if step.last_contact else "never talked"
        _out(f"{indent}{n}. #{contact.id} {contact.label} — {step.describe(app.db.contacts)} "
             f"({last})")


def cmd_paths(args: argparse.Namespace) -> int:
    limit = _int(args.limit, "limit", "") if args.limit is not None else 5
    with _open(args, write=False) as app:
        company = app.company(args.company)
        found = app.paths(company, limit=limit)
        if args.json:
            _json({"company": company, "paths": [_path_json(app, p) for p in found]})
            return 0
        if not found:
            _out(f"no warm path to anyone at {company}: nobody there is linked to you "
                 "yet (add who you know there, or ask your contacts who does)")
            return 0
        _out(f"warm paths to {company}")
        for n, path in enumerate(found, start=1):
            target = app.db.contacts[path.target]
            _out(f"{n}. to #{target.id} {target.label}: {path.length} step(s)")
            _show_path(app, path, "   ")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    with _open(args, write=False) as app:
        rows = app.coverage()
        contacts = app.db.contacts
        if args.json:
            _json({"targets": [{
                "company": row.company, "nobody": row.nobody, "contacts": list(row.contacts),
                "last_contact": row.last_contact.isoformat() if row.last_contact else None,
                "leads": list(row.leads),
                "path": _path_json(app, row.path) if row.path else None} for row in rows]})
            return 0
        if not rows:
            _out("no target companies yet: peoplelinks objective --add-target COMPANY")
            return 0
        for row in rows:
            if row.nobody:
                flag = "NOBODY THERE"
            else:
                flag = f"{len(row.contacts)} contact(s), {len(row.leads)} lead(s)"
            last = f", last talk {_day(row.last_contact)}" if row.last_contact else ""
            _out(f"{row.company}: {flag}{last}")
            for cid in row.contacts[:5]:
                c = contacts[cid]
                _out(f"  #{cid:<5} {_cut(c.name, 24)} {c.title}")
            for cid in row.leads[:5]:
                _out(f"  #{cid:<5} {_cut(contacts[cid].name, 24)} lead, not contacted yet")
            if row.path is not None:
                _out("  warmest way in:")
                _show_path(app, row.path, "    ")
    return 0


def _bar(done: int, target: int, width: int = 10) -> str:
    """A progress bar in text: ``██████░░░░``."""
    if target <= 0:
        return "off".ljust(width)
    filled = min(width, round(width * done / target))
    return "█" * filled + "░" * (width - filled)


def _goals_set(pairs: list[str]) -> dict[str, int]:
    changes: dict[str, int] = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq:
            raise InputError(f"goals: {pair!r} is not NAME=NUMBER (e.g. meetings=5)",
                             field="goals")
        changes[name.strip().replace("-", "_")] = _int(value.strip(), f"goals {name.strip()}",
                                                       "")
    return changes


def _week_json(week: Any) -> dict[str, Any]:
    return {"start": week.start.isoformat(), "all_met": week.all_met,
            "goals": {g.name: {"done": g.done, "target": g.target, "met": g.met}
                      for g in week.goals}}


def _dashboard_json(app: Any, board: Any) -> dict[str, Any]:
    shape = board.shape
    return {
        "week": _week_json(board.week), "weeks": [_week_json(w) for w in board.weeks],
        "streak": board.streak,
        "network": {
            "contacts": shape.total, "leads": shape.leads,
            "per_circle": {str(k): v for k, v in shape.per_circle.items()},
            "per_generation": {str(k): v for k, v in shape.per_generation.items()},
            "month_meetings": shape.month_meetings,
            "month_meetings_past_first_generation": shape.month_meetings_past_first,
            "meetings_by_level": {str(k): v for k, v in shape.meetings_by_level.items()},
            "target_level": str(shape.target_level),
            "recent_meetings": shape.recent_meetings,
            "recent_with_job_seekers": shape.recent_with_job_seekers,
            "too_many_job_seekers": shape.too_many_job_seekers,
            "top_referrers": [{"contact_id": r.contact_id,
                               "name": app.db.contacts[r.contact_id].name,
                               "referred": r.referred, "became_active": r.became_active}
                              for r in shape.top_referrers]},
        "objective_shared": board.objective_shared,
        "recommendations_asked": board.recommendations_asked,
        "recommendations_given": board.recommendations_given,
    }


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _show_dashboard(app: Any, board: Any) -> None:
    week = board.week
    _out(f"week of {_day(week.start)}")
    for g in week.goals:
        mark = "  met" if g.met and not g.off else ""
        _out(f"  {g.label:24} {_bar(g.done, g.target)} {g.done}/{g.target}{mark}")
    weeks = " ".join("■" if w.all_met else "□" for w in board.weeks)
    _out(f"last {len(board.weeks)} weeks: {weeks}   streak: {board.streak} week(s) with "
         "every goal met")
    shape = board.shape
    circles = " · ".join(f"{k} {v}" for k, v in shape.per_circle.items())
    gens = " · ".join(f"gen {k}: {v}" for k, v in shape.per_generation.items())
    _out(f"network: {shape.total} contacts ({shape.leads} leads) — {circles}")
    _out(f"  {gens}")
    _out(f"  this month: {shape.month_meetings} meeting(s), "
         f"{shape.month_meetings_past_first} past the first generation "
         f"({_percent(shape.month_meetings_past_first, shape.month_meetings)})")
    levels = " · ".join(f"{k} {v}" for k, v in shape.meetings_by_level.items() if v)
    _out(f"  meetings by level (90 days): {levels or 'none'} (target: {shape.target_level})")
    seekers = (f"  with job seekers: {shape.recent_with_job_seekers} of "
               f"{shape.recent_meetings} recent meetings "
               f"({_percent(shape.recent_with_job_seekers, shape.recent_meetings)})")
    if shape.too_many_job_seekers:
        seekers += " — over half: network with people who are working"
    _out(seekers)
    _out(f"  objective told to {board.objective_shared}; recommendations asked "
         f"{board.recommendations_asked}, given {board.recommendations_given}")
    for r in shape.top_referrers:
        _out(f"  referrer #{r.contact_id} {app.db.contacts[r.contact_id].name}: "
             f"{r.referred} referral(s), {r.became_active} became active")


def cmd_goals(args: argparse.Namespace) -> int:
    changes = _goals_set(args.set) if args.set else {}
    with _open(args, write=bool(changes)) as app:
        if changes:
            app.set_goals(changes)
        board = app.dashboard()
        if args.json:
            _json(_dashboard_json(app, board))
        else:
            _show_dashboard(app, board)
    return 0


_HOW = {"log": "peoplelinks log {who}", "plan": "peoplelinks plan {who} --date WHEN",
        "done": "peoplelinks done F{fid}", "snooze": "peoplelinks snooze F{fid} WHEN",
        "open": "peoplelinks show {who}"}


def _today_json(item: Any) -> dict[str, Any]:
    return {"kind": item.kind, "why": item.why, "title": item.title,
            "contact_id": item.contact_id, "followup_id": item.followup_id,
            "plan_id": item.plan_id, "action": item.action}


def cmd_today(args: argparse.Namespace) -> int:
    import shlex  # noqa: PLC0415

    with _open(args, write=False) as app:
        items = app.today_items()
        if args.json:
            _json([_today_json(item) for item in items])
            return 0
        if not items:
            _out("nothing to do today: no follow-up due, no meeting planned, goals on track")
            return 0
        for n, item in enumerate(items, start=1):
            _out(f"{n:2}. {item.title}")
            who = (shlex.quote(app.db.contacts[item.contact_id].name)
                   if item.contact_id is not None else "")
            how = _HOW.get(item.action, "").format(who=who, fid=item.followup_id)
            if item.plan_id is not None:  # the brief before, the log after
                how = (f"peoplelinks brief P{item.plan_id}; after it: peoplelinks log {who} "
                       f"--plan P{item.plan_id}")
            hint = f" — {how}" if who or item.followup_id else ""
            label = "" if item.why.startswith(item.kind) else f"{item.kind}: "
            _out(f"    {label}{item.why}{hint}")
    return 0


def add_commands(command: Command) -> None:
    """Add the strategy commands to the parser."""
    p = command("objective", cmd_objective,
                "show or set the job search objective (a list option replaces the list)")
    p.add_argument("--role", metavar="ROLE")
    p.add_argument("--level", metavar="LEVEL", help="ic, manager, director or executive")
    p.add_argument("--industry", action="append", metavar="INDUSTRY")
    p.add_argument("--target-company", dest="target_company", action="append",
                   metavar="COMPANY", help="a target company (repeat; replaces the list)")
    p.add_argument("--add-target", action="append", metavar="COMPANY",
                   help="add one target company")
    p.add_argument("--remove-target", action="append", metavar="COMPANY",
                   help="remove one target company")
    p.add_argument("--location", action="append", metavar="PLACE")
    p.add_argument("--pitch", metavar="TEXT", help="your one-line pitch")
    p.add_argument("--json", action="store_true")
    p = command("goals", cmd_goals, "this week's goals against the log, the last weeks, "
                                    "the streak and the shape of your network")
    p.add_argument("--set", nargs="+", metavar="NAME=N",
                   help="set goals: meetings=5 events=1 followups=5 new_contacts=3 (0: off)")
    p.add_argument("--json", action="store_true")
    p = command("today", cmd_today, "what to do now, ranked: meetings planned, overdue "
                                    "follow-ups, keep in touch, goals, target companies, "
                                    "leads, referrals to ask for")
    p.add_argument("--json", action="store_true")
    p = command("coverage", cmd_coverage, "how well your network covers each target company "
                                          "(companies with nobody first)")
    p.add_argument("--json", action="store_true")
    p = command("paths", cmd_paths, "warm ways into a company: who can introduce you to "
                                    "someone there, shortest and warmest first")
    p.add_argument("company", metavar="COMPANY")
    p.add_argument("--limit", metavar="N", help="how many paths (default 5)")
    p.add_argument("--json", action="store_true")
