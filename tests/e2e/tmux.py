"""Drive the real app in a real terminal: tmux send-keys to type, capture-pane to read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def require_tmux() -> str:
    """The tmux binary; CI must have it (.ci/run installs it), elsewhere the test skips."""
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is not installed (.ci/run should have installed it)")
        pytest.skip("tmux is not installed")
    return found


class Terminal:
    """One tmux session running a command at a fixed size."""

    def __init__(self, command: list[str], *, width: int = 120, height: int = 36,
                 env: dict[str, str] | None = None) -> None:
        self.tmux = require_tmux()
        self.name = f"pl-{uuid.uuid4().hex[:8]}"
        # The app opens on the main screen, as these tests expect; a test of the
        # today-first start gives PEOPLELINKS_START=today.
        environment = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT),
                       "PEOPLELINKS_START": "main", **(env or {})}
        environment.pop("TMUX", None)
        # The app must measure the tmux window, not sizes inherited from the runner
        # (pytest-xdist workers carry COLUMNS/LINES of 80x24).
        for inherited in ("COLUMNS", "LINES"):
            environment.pop(inherited, None)
        shell_command = " ".join(_quote(part) for part in command)
        subprocess.run([self.tmux, "-L", self.name, "new-session", "-d", "-s", self.name,
                        "-x", str(width), "-y", str(height), shell_command],
                       check=True, env=environment)

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Type ``keys`` (tmux key names such as Enter, Escape, C-s; or literal text)."""
        args = [self.tmux, "-L", self.name, "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        subprocess.run([*args, *keys], check=True)

    def paste(self, text: str) -> None:
        """Paste ``text`` as a terminal does: bracketed (when the app asked for it)."""
        tmux = [self.tmux, "-L", self.name]
        subprocess.run([*tmux, "set-buffer", "-b", "paste", "--", text], check=True)
        subprocess.run([*tmux, "paste-buffer", "-p", "-d", "-b", "paste", "-t", self.name],
                       check=True)

    def title(self) -> str:
        """The pane's title (what the program set with an OSC title sequence)."""
        out = subprocess.run([self.tmux, "-L", self.name, "display-message", "-p", "-t",
                              self.name, "#{pane_title}"], capture_output=True, text=True)
        return out.stdout.rstrip("\n")

    def tab(self, settle: float = 0.3) -> None:
        """Press tab and give the focus a moment to move, as a person would."""
        self.keys("Tab")
        time.sleep(settle)

    def screen(self) -> str:
        """The visible screen as text."""
        out = subprocess.run([self.tmux, "-L", self.name, "capture-pane", "-p", "-t", self.name],
                             capture_output=True, text=True)
        return out.stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Wait until ``text`` is on screen; return the screen."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")

    def wait_gone(self, text: str, timeout: float = 15.0) -> str:
        """Wait until ``text`` is no longer on screen (a modal closed); return the screen."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text not in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never went away; the screen was:\n{shown}")

    def wait_closed(self, timeout: float = 10.0) -> None:
        """Wait until the program ended and tmux closed the session."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            alive = subprocess.run([self.tmux, "-L", self.name, "has-session", "-t", self.name],
                                   capture_output=True)
            if alive.returncode != 0:
                return
            time.sleep(0.1)
        raise AssertionError(f"the app did not exit; the screen was:\n{self.screen()}")

    def close(self) -> None:
        """Kill the session (and its server) if still there."""
        subprocess.run([self.tmux, "-L", self.name, "kill-server"], capture_output=True)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def peoplelinks(*args: str) -> list[str]:
    """The command line to run peoplelinks with this interpreter."""
    return [sys.executable, "-m", "peoplelinks", *args]
