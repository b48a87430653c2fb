"""The application's verbs, shared by the command line and the TUI.

:class:`PeopleLinks` wraps an open :class:`~peoplelinks.store.database.Database`.
Every change a person can make goes through a method here, which validates the
input (errors name the field and the value), applies the rules that span
records (introducers exist, no introduction cycles, leads become active once
met) and commits all its records in one durable write.
"""

from __future__ import annotations

from peoplelinks.service.base import validated
from peoplelinks.service.logbook import LogResult
from peoplelinks.service.merging import MergingVerbs
from peoplelinks.service.safety import Problem
from peoplelinks.service.transfer import ImportReport

__all__ = ["ImportReport", "LogResult", "PeopleLinks", "Problem", "validated"]


class PeopleLinks(MergingVerbs):
    """The application: one open database and the verbs that change it.

    The verbs live in modules by concern (contacts, logbook, follow-ups,
    settings, plans, strategy, safety, transfer, exchange, merging), stacked one on another; this
    is the one facade the CLI and the TUI use."""
