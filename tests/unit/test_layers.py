"""The layers below the TUI never load Textual (startup cost, and clean layering)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["peoplelinks.domain.models", "peoplelinks.domain.graph", "peoplelinks.domain.dates",
     "peoplelinks.domain.search", "peoplelinks.domain.schedule", "peoplelinks.store.database",
     "peoplelinks.interop.jsonio", "peoplelinks.service", "peoplelinks.cli", "peoplelinks.demo"],
)
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_help_does_not_import_tinydb_or_textual() -> None:
    code = ("import sys; from peoplelinks.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('textual', 'tinydb', 'pydantic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
