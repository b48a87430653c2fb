"""Hostile text: what an attacker, a careless paste or an imported file puts in a field."""

from __future__ import annotations

# name -> text. Each is tried in every field of every entry point.
HOSTILE: dict[str, str] = {
    "markup": "[b]bold[/b] [red]red[/]",
    "closing tag": "Bob [/]",
    "unbalanced": "Ann [ACME Corp",
    "click": "[@click=app.quit]quit[/]",
    "link": "[link=https://evil.example]x[/link]",
    "variable": "$name ${x} $(rm -rf)",
    "osc52": "Eve\x1b]52;c;ZXZpbA==\x07 clip",
    "title": "Tia\x1b]0;pwned\x07 title",
    "clear": "Cy\x1b[2J\x1b[H clear",
    "bel nul": "Bel\x07\x00 null",
    "c1": "Cee\x9b31m c1",
    "rtl": "Rita \u202eevil\u202c",
    "combining": "Zoe\u0308\u0301\u0301 e\u0301",
    "emoji": "Fam 👨‍👩‍👧‍👦 🏳️‍🌈",
    "cjk": "王小明 李",
    "longest": "L" * 200,
}

# What must never reach a terminal from any of the above.
FORBIDDEN = ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u202c")


def assert_clean(text: str) -> None:
    """No escape sequence, control character or direction override in ``text``."""
    for bad in FORBIDDEN:
        assert bad not in text, f"{bad!r} reached the output: {text!r}"
