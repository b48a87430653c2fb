"""Correcting from the command line: edit-log, delete-log, reopen, snooze-contact; and log's
--next-for, --no-reach-out and --close; add refuses a look-alike unless --allow-duplicate."""

from __future__ import annotations

import pytest

from tests.cli.conftest import CLI


@pytest.fixture
def talked(cli: CLI) -> CLI:
    cli.ok("add", "Ann Lee", "--company", "Acme")
    cli.ok("add", "Bob Stone")
    cli.ok("followup", "Ann", "Email Ann to ask for coffee")
    return cli


def test_log_for_someone_else_closing_a_followup_with_reach_outs(talked: CLI) -> None:
    out = talked.ok("log", "Ann", "--with", "Bob", "--referral", "Cy Dee @ Initech",
                    "--next", "Connect with Bob", "--next-for", "Bob", "--close", "F1")
    assert "follow-up F2 for Bob Stone: Connect with Bob" in out
    assert "follow-up F3 for Cy Dee: Reach out to Cy Dee (referred by Ann Lee)" in out
    assert "done: F1 Email Ann to ask for coffee" in out
    assert talked.json("show", "Bob")["followups"][0]["action"] == "Connect with Bob"
    quiet = talked.ok("log", "Ann", "--referral", "Dee Eff", "--no-reach-out")
    assert "Reach out" not in quiet
    assert talked.json("show", "Dee Eff")["followups"] == []


def test_log_lists_what_is_still_open(talked: CLI) -> None:
    out = talked.ok("log", "Ann")
    assert "still open for Ann Lee: F1 Email Ann to ask for coffee" in out
    assert "peoplelinks done F1" in out


def test_edit_log_changes_any_field(talked: CLI) -> None:
    talked.ok("log", "Ann", "--notes", "first", "--kind", "call")
    out = talked.ok("edit-log", "L1", "--notes", "fixed", "--kind", "coffee", "--with", "Ann",
                    "--with", "Bob", "--referral", "Bob", "--asked", "yes", "--date",
                    "yesterday")
    assert out.startswith("saved L1: coffee with Ann Lee, Bob Stone on ")
    (talk,) = talked.json("show", "Bob")["interactions"]
    assert (talk["notes"], talk["kind"], talk["referrals"], talk["asked_for_referrals"]) == (
        "fixed", "coffee", [2], True)
    assert talked.fails(2, "edit-log", "L1") == (
        "edit-log: nothing to change; give at least one option such as --notes")
    assert "log: no logged talk has id 9" in talked.fails(2, "edit-log", "L9", "--notes", "x")
    assert "is not a log id (#12 is a contact" in talked.fails(2, "edit-log", "#12",
                                                               "--notes", "x")


def test_delete_log_asks_about_its_leads_then_undo(talked: CLI) -> None:
    talked.ok("log", "Ann", "--referral", "Cy Dee", "--next", "Thank Ann")
    message = talked.fails(2, "delete-log", "L1")
    assert "this log created #3 Cy Dee; keep them, or move them to the trash" in message
    out = talked.ok("delete-log", "L1", "--leads", "trash")
    assert out.startswith("deleted L1: the coffee of ")
    assert talked.json("show", "Ann")["interactions"] == []
    assert [c["name"] for c in talked.json("trash")] == ["Cy Dee"]
    talked.ok("undo")
    assert talked.json("show", "Ann")["interactions"][0]["id"] == 1


def test_reopen_and_snooze_contact(talked: CLI) -> None:
    talked.ok("done", "F1")
    assert talked.ok("reopen", "F1").startswith("reopened F1 Email Ann to ask for coffee")
    out = talked.ok("snooze-contact", "Bob", "in 9 months")
    assert "keep in touch with #2 Bob Stone: next on" in out
    assert talked.json("show", "Bob")["next_contact_on"] is not None
    assert "a snooze never moves a date earlier" in talked.fails(2, "snooze-contact", "Bob",
                                                         "2026-01-01")


def test_add_refuses_a_look_alike_unless_meant(talked: CLI) -> None:
    message = talked.fails(2, "add", "ann lee")
    assert "looks like someone already here: #1 Ann Lee (Acme)" in message
    assert "--allow-duplicate" in message
    assert talked.ok("add", "ann lee", "--allow-duplicate") == "added #3 ann lee\n"
