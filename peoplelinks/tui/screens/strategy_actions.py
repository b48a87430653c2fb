"""The main screen's job-search commands (issue 10): today's list, meeting plans, target
companies, warm paths, briefs, and whom to try instead of someone who cannot help.

A mixin of :class:`~peoplelinks.tui.screens.main.MainScreen`, kept apart so the
main screen's module stays about browsing and the logbook; every method runs
on the main screen (``self: MainScreen``) and acts through its own flows, so
each change goes the one way and is undoable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.worker import get_current_worker

from peoplelinks.domain.models import Contact, MeetingPlan
from peoplelinks.domain.text import printable
from peoplelinks.gcpause import collect_now
from peoplelinks.tui.screens.today import TodayChoice, TodayScreen

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

    from peoplelinks.tui.screens.coverage import CoverageChoice
    from peoplelinks.tui.screens.duplicates import Merged
    from peoplelinks.tui.screens.export_file import Exported
    from peoplelinks.tui.screens.import_file import Imported
    from peoplelinks.tui.screens.main import MainScreen
    from peoplelinks.tui.screens.paths import PathsChoice

# Seconds without a change or a key before the views are worked out in the background.
PREPARE_DELAY = 1.0


class StrategyActions:
    """Actions of the job-search commands (see :mod:`peoplelinks.tui.commands`)."""

    _prepare_timer: Timer | None = None
    _prepare_worker: Worker[None] | None = None

    @property
    def _main(self) -> MainScreen:
        """The main screen this is part of (typed as such for the checker)."""
        return cast("MainScreen", self)

    # ---- worked out ahead -------------------------------------------------------

    def prepare_views(self) -> None:
        """Work out today's list, the dashboard and coverage in a thread once the user
        pauses after a change (and after the start), so that opening one finds it
        ready: at 30,000 contacts the first working-out takes a few hundred ms. It
        waits for a pause because the thread shares the interpreter with the UI: a
        key arriving stops it between two steps (see :meth:`hold_preparing`), and
        nothing half-made is kept (see
        :meth:`~peoplelinks.service.strategy.StrategyVerbs.prepare`)."""
        main = self._main
        if main._prepare_timer is not None:
            main._prepare_timer.stop()  # a burst of changes: once, after the last
        main._prepare_timer = main.set_timer(PREPARE_DELAY, self._start_preparing)

    def hold_preparing(self) -> None:
        """A key or a paste arrived: stop working the views out, and start again
        after the next pause."""
        main = self._main
        worker = main._prepare_worker
        if worker is not None and worker.is_running:
            worker.cancel()
            main._prepare_worker = None
            self.prepare_views()
        elif main._prepare_timer is not None:
            self.prepare_views()  # the wait starts again

    def _start_preparing(self) -> None:
        main = self._main
        main._prepare_timer = None
        service = main.service
        collect_now()  # the user paused after a change: the garbage of its redraws

        def work() -> None:
            worker = get_current_worker()
            service.prepare(stop=lambda: worker.is_cancelled)

        main._prepare_worker = main.run_worker(work, thread=True, group="prepare",
                                               name="prepare-views", exit_on_error=False)

    # ---- import and export --------------------------------------------------------

    def action_import_file(self, kind: str = "linkedin") -> None:
        from peoplelinks.tui.screens.import_file import ImportScreen  # noqa: PLC0415 - on first use
        main = self._main
        main.app.push_screen(ImportScreen(main.service, kind), main._imported)

    def _imported(self, done: Imported | None) -> None:
        """Show the network as the import left it, on the first person it added."""
        main = self._main
        if done is None:
            return
        main.show_data_changed(done.first_id)
        if done.first_id is not None:
            main.jump_to(done.first_id)
        main.notify(printable(done.message), markup=False, timeout=6)

    def action_export_file(self) -> None:
        from peoplelinks.tui.screens.export_file import ExportScreen  # noqa: PLC0415 - on first use
        main = self._main

        def exported(done: Exported | None) -> None:
            if done is not None:
                said = printable(done.summary)
                main.notify(said[0].upper() + said[1:], markup=False, timeout=6)

        main.app.push_screen(ExportScreen(main.service), exported)

    def action_duplicates(self) -> None:
        from peoplelinks.tui.screens.duplicates import DuplicatesScreen  # noqa: PLC0415 - on first use
        main = self._main
        main.app.push_screen(DuplicatesScreen(main.service, main.contact_list.highlighted),
                             main._merged)

    def _merged(self, done: Merged | None) -> None:
        main = self._main
        if done is None:
            return
        main.show_data_changed(done.keep)
        main.jump_to(done.keep)
        main.notify(f"{done.summary} (ctrl+z takes it back)", markup=False, timeout=5)

    # ---- today --------------------------------------------------------------------

    def action_today(self) -> None:
        main = self._main
        main.app.push_screen(TodayScreen(main.service), main._today_chosen)

    def _today_chosen(self, choice: TodayChoice | None) -> None:
        """Carry out what was chosen on today's list, with the screen's own flows."""
        from peoplelinks.tui.screens.brief import BriefScreen  # noqa: PLC0415 - on first use
        main = self._main
        if choice is None:
            return
        item = choice.item
        if item.contact_id is not None:
            main.jump_to(item.contact_id)
        if choice.action == "log":
            main.action_quick_log()
        elif choice.action == "plan":
            main.action_plan_meeting()
        elif choice.action in ("done", "snooze") and item.followup_id is not None:
            followup = main.service.followup(item.followup_id)
            if choice.action == "done":
                main._change_followup(lambda: main.service.complete_followup(followup.id),
                                      "Done: {fu.action}")
            else:
                main._snooze(followup)
        elif choice.action == "snooze" and item.contact_id is not None:
            main._snooze_reminder(item.contact_id)
        elif choice.action == "open" and item.plan_id is not None and item.contact_id:
            # A meeting today: read its brief before going (l logs it after).
            main.app.push_screen(BriefScreen(main.service, item.contact_id, item.plan_id))

    # ---- meeting plans ------------------------------------------------------------

    def _edit_plan(self, plan_id: int) -> None:
        from peoplelinks.tui.screens.plan_form import PlanForm  # noqa: PLC0415 - on first use
        main = self._main
        plan = main.service.plan(plan_id)

        def saved(changed: MeetingPlan | None) -> None:
            if changed is not None:
                main.refresh_followups(same_place=True)
                main.notify(f"Saved P{changed.id}: meeting on {changed.date:%a %d %b}",
                            markup=False, timeout=3)

        main.app.push_screen(main._form(PlanForm, main.service.contact(plan.contact_id),
                                        plan=plan), saved)

    def action_plan_meeting(self) -> None:
        from peoplelinks.tui.screens.plan_form import PlanForm  # noqa: PLC0415 - on first use
        main = self._main
        contact = main._current()
        if contact is None:
            main.notify("No contact highlighted", severity="warning")
            return

        def saved(plan: MeetingPlan | None) -> None:
            if plan is not None:
                main.refresh_followups(same_place=True)
                main.notify(f"Planned P{plan.id}: meeting with {contact.name} on "
                            f"{plan.date:%a %d %b}", markup=False, timeout=4)

        main.app.push_screen(main._form(PlanForm, contact), saved)

    def action_brief(self) -> None:
        from peoplelinks.tui.screens.brief import BriefScreen  # noqa: PLC0415 - on first use
        main = self._main
        contact = main._current()
        if contact is None:
            main.notify("No contact highlighted", severity="warning")
            return
        main.app.push_screen(BriefScreen(main.service, contact.id))

    # ---- target companies and warm paths -------------------------------------------

    def action_coverage(self) -> None:
        from peoplelinks.tui.screens.coverage import CoverageScreen  # noqa: PLC0415 - on first use
        main = self._main
        main.app.push_screen(CoverageScreen(main.service), main._coverage_chosen)

    def _coverage_chosen(self, choice: CoverageChoice | None) -> None:
        main = self._main
        if choice is None:
            return
        action, what = choice
        if action == "open" and isinstance(what, int):
            main.jump_to(what)
        elif action == "paths" and isinstance(what, str):
            main._paths_to(what)
        elif action == "objective":
            main.action_edit_objective()

    def action_warm_paths(self) -> None:
        main = self._main
        contact = main._current()
        if contact is None or not contact.company:
            who = contact.name if contact is not None else "No contact highlighted"
            main.notify(f"{who}: warm paths lead into a company, and there is none here "
                        "(c lists your target companies)", severity="warning", markup=False)
            return
        main._paths_to(contact.company)

    def _paths_to(self, company: str) -> None:
        from peoplelinks.tui.screens.paths import PathsScreen  # noqa: PLC0415 - on first use
        main = self._main
        main.app.push_screen(PathsScreen(main.service, company), main._path_chosen)

    def _path_chosen(self, choice: PathsChoice | None) -> None:
        main = self._main
        if choice is None:
            return
        action, contact_id = choice
        main.jump_to(contact_id)
        if action == "plan":  # a meeting with the first person on the way in
            main.action_plan_meeting()

    # ---- replacing the strings of lights that do not work ---------------------------

    def _suggest_instead(self, contact: Contact) -> None:
        """Whom to try instead of someone who cannot or will not help."""
        main = self._main
        found = main.service.replacements(contact.id, limit=4)
        if found:
            names = main.service.db.contacts
            lines = "\n".join(f"{names[s.contact_id].name} — {s.reason}" for s in found)
            main.notify(f"Try instead of {contact.name}:\n{lines}", markup=False, timeout=10,
                        title="Someone else to try")
