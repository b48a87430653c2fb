"""A batch that fails brings every record it changed back as it was, in memory too:
records that existed before (a contact edited, the objective changed) are restored,
not dropped or reset to blank."""

from __future__ import annotations

import pytest

from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks


def test_a_failed_batch_restores_edited_records(app: PeopleLinks) -> None:
    ann = app.add_contact({"name": "Ann", "company": "Fabrikam"})
    objective = app.set_objective({"role": "Product manager", "target_companies": ["Contoso"]})
    changes = len(app.changes()[0])
    with pytest.raises(InputError), app.batch("Changed the objective and goals"):
        app.edit_contact(ann.id, {"company": "Contoso"})
        app.set_objective({"role": "Staff PM"})
        app.set_goals({"meetings": 500})  # refused: the whole batch goes back
    assert app.db.objective == objective
    assert app.contact(ann.id).company == "Fabrikam"
    assert app.search("ann")[0].id == ann.id
    assert len(app.changes()[0]) == changes  # nothing was written either
