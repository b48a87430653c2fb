"""Exporting from the TUI (X, the palette): a name proposed for what is chosen, the
file written in a thread, an existing file replaced only on a second press, a path
that cannot be written said under the fields; and importing any CSV with its
columns mapped by hand, the mapping shown in the preview."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from peoplelinks.interop.linkedin import read_linkedin
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.export_file import ExportScreen
from peoplelinks.tui.screens.import_file import ImportScreen
from tests.conftest import TODAY
from tests.tui.helpers import main_screen

GENERIC = Path(__file__).parent.parent / "interop" / "data" / "generic.csv"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def note(app: PeopleLinksApp) -> str:
    return str(app.screen.query_one("#file-note", Static).content)


async def settle(app: PeopleLinksApp, pilot: Pilot[None]) -> None:
    await app.screen.workers.wait_for_complete()
    await pilot.pause()


async def open_export(app: PeopleLinksApp, pilot: Pilot[None], kind: str = "") -> None:
    """X on the main screen, and the output chosen when ``kind`` is given."""
    await pilot.pause()
    await pilot.press("X")
    await pilot.pause()
    if kind:
        app.screen.query_one("#kind", Select).value = kind
        await pilot.pause()


async def preview_csv(app: PeopleLinksApp, pilot: Pilot[None], path: Path,
                      columns: str) -> None:
    """From the welcome screen: i, any CSV, the path and columns typed, enter."""
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    screen = app.screen
    screen.query_one("#kind", Select).value = "csv"
    screen.query_one("#path", Input).value = str(path)
    screen.query_one("#columns", Input).value = columns
    await pilot.press("enter")
    await settle(app, pilot)


async def test_x_exports_csv_under_a_proposed_name(demo_app: PeopleLinksApp,
                                                   home: Path) -> None:
    people = demo_app.service.count()
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await open_export(demo_app, pilot)
        screen = demo_app.screen
        assert isinstance(screen, ExportScreen)
        path = screen.query_one("#path", Input)
        assert path.value == f"~/peoplelinks-{TODAY.isoformat()}.json"
        screen.query_one("#kind", Select).value = "csv"
        await pilot.pause()
        assert path.value == f"~/peoplelinks-{TODAY.isoformat()}.csv"  # follows the choice
        await pilot.press("enter")
        await settle(demo_app, pilot)
        assert demo_app.screen is main_screen(demo_app)
    written = home / f"peoplelinks-{TODAY.isoformat()}.csv"
    rows = list(csv.reader(written.open(encoding="utf-8")))
    assert len(rows) == people + 1  # the header, then everyone


async def test_an_existing_file_is_replaced_only_on_a_second_press(
        demo_app: PeopleLinksApp, home: Path) -> None:
    target = home / "network.md"
    target.write_text("mine")
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_export(demo_app, pilot)
        screen = demo_app.screen
        screen.query_one("#kind", Select).value = "md"
        await pilot.pause()
        screen.query_one("#path", Input).value = "~/network.md"
        await pilot.press("ctrl+s")
        await settle(demo_app, pilot)
        assert "~/network.md exists" in note(demo_app)
        assert target.read_text() == "mine"
        await pilot.press("ctrl+s")
        await settle(demo_app, pilot)
        assert demo_app.screen is main_screen(demo_app)
    assert target.read_text().startswith("# ")


async def test_a_path_that_cannot_be_written_is_said_and_nothing_closes(
        demo_app: PeopleLinksApp, home: Path) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_export(demo_app, pilot)
        demo_app.screen.query_one("#path", Input).value = "~/no/such/folder/x.json"
        await pilot.press("enter")
        await settle(demo_app, pilot)
        assert isinstance(demo_app.screen, ExportScreen)
        assert f"the folder {home}/no/such/folder does not exist" in note(demo_app)
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)


async def test_a_vdir_export_writes_a_card_per_contact(demo_app: PeopleLinksApp,
                                                       home: Path) -> None:
    people = demo_app.service.count()
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await open_export(demo_app, pilot, "vdir")
        assert demo_app.screen.query_one("#path", Input).value == "~/peoplelinks-vdir"
        await pilot.press("ctrl+s")
        await settle(demo_app, pilot)
        assert demo_app.screen is main_screen(demo_app)
    assert len(list((home / "peoplelinks-vdir").glob("*.vcf"))) == people


async def test_any_csv_with_columns_mapped_by_hand(empty_app: PeopleLinksApp) -> None:
    service = empty_app.service
    async with empty_app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = empty_app.screen
        assert isinstance(screen, ImportScreen)
        assert not screen.query_one("#columns-row").display  # only for any CSV
        screen.query_one("#kind", Select).value = "csv"
        await pilot.pause()
        assert screen.query_one("#columns-row").display
        screen.query_one("#path", Input).value = str(GENERIC)
        screen.query_one("#columns", Input).value = "Firm=company, Job=title"
        await pilot.press("enter")
        await settle(empty_app, pilot)
        assert "columns: " in note(empty_app)
        assert "Firm → company" in note(empty_app) and "Job → title" in note(empty_app)
        assert "2 contacts would be added" in note(empty_app)
        assert service.count() == 0
        await pilot.press("ctrl+s")
        await settle(empty_app, pilot)
    ann = service.resolve("Ann Lee")
    assert (ann.company, ann.title) == ("Acme", "Director of Sales")


async def test_a_malformed_column_map_names_it(empty_app: PeopleLinksApp) -> None:
    async with empty_app.run_test(size=(110, 32)) as pilot:
        await preview_csv(empty_app, pilot, GENERIC, "Firm company")
        assert "map: 'Firm company' is not COLUMN=FIELD" in note(empty_app)
        assert empty_app.service.count() == 0


async def test_escape_closes_the_open_list_before_the_screen(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await open_export(demo_app, pilot)
        screen = demo_app.screen
        choices = screen.query_one("#kind", Select)
        choices.focus()
        await pilot.press("enter")  # the choices open
        await pilot.pause()
        assert choices.expanded
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is screen and not choices.expanded
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)


async def test_completion_never_lists_a_name_with_terminal_codes(
        demo_app: PeopleLinksApp, home: Path) -> None:
    from textual_autocomplete import TargetState  # noqa: PLC0415

    from peoplelinks.tui.screens.file_dialog import SafePathAutoComplete  # noqa: PLC0415

    (home / "people.vcf").write_text("x")
    (home / "\x1b]0;pwned\x07.vcf").write_text("x")
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await open_export(demo_app, pilot)
        completion = demo_app.screen.query_one(SafePathAutoComplete)
        text = f"{home}/"
        offered = [item.value for item in
                   completion.get_candidates(TargetState(text, len(text)))]
    assert "people.vcf" in offered
    assert not [name for name in offered if "\x1b" in name or "\x07" in name]


async def test_a_vdir_into_a_folder_with_other_files_asks_first(demo_app: PeopleLinksApp,
                                                                home: Path) -> None:
    folder = home / "cards"
    folder.mkdir()
    (folder / "someone.vcf").write_text("BEGIN:VCARD\nFN:X\nEND:VCARD\n")
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await open_export(demo_app, pilot, "vdir")
        demo_app.screen.query_one("#path", Input).value = "~/cards"
        await pilot.press("ctrl+s")
        await settle(demo_app, pilot)
        assert "~/cards holds 1 file" in note(demo_app)
        assert len(list(folder.iterdir())) == 1  # nothing written yet
        await pilot.press("ctrl+s")
        await settle(demo_app, pilot)
        assert demo_app.screen is main_screen(demo_app)
    assert len(list(folder.iterdir())) == demo_app.service.count() + 1


async def test_importing_what_is_here_already_says_there_is_nothing_to_do(
        demo_app: PeopleLinksApp) -> None:
    file = Path(__file__).parent.parent / "interop" / "data" / "linkedin_connections.csv"
    demo_app.service.import_parsed(read_linkedin(file))
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        demo_app.screen.query_one("#path", Input).value = str(file)
        await pilot.press("enter")
        await settle(demo_app, pilot)
        assert "Nothing to import" in note(demo_app)
        assert "ctrl+z takes it back" not in note(demo_app)


async def test_codes_in_a_files_header_never_reach_the_screen(empty_app: PeopleLinksApp,
                                                              tmp_path: Path) -> None:
    hostile = tmp_path / "people.csv"
    hostile.write_text("name,\x1b]0;pwned\x07Firm\nAnn Lee,Acme\n")
    async with empty_app.run_test(size=(110, 32)) as pilot:
        await preview_csv(empty_app, pilot, hostile, "Nope=company")
        said = note(empty_app)
        assert "Nope" in said and "Firm" in said  # the error names the columns...
        assert "\x1b" not in said and "\x07" not in said  # ...without their codes
