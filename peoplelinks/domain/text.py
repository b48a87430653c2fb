"""Cleaning untrusted text before it is stored.

Names and notes come from the keyboard and from imported files. Terminal escape
sequences and control characters must never reach the screen, so they are
removed at the boundary, once, before a record is validated.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences,
# and the 8-bit C1 CSI/OSC introducers.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]          # CSI
    | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c)   # OSC, ended by BEL or ST
    | \x1b[PX^_].*?(?:\x1b\\|\x9c)             # DCS, SOS, PM, APC strings
    | \x1b[@-Z\\-_]                            # other Fe escapes
    | \x1b.?                                   # a lone or unknown escape
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides
# that can make text display differently from what it is.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clean_text(value: str, *, multiline: bool = False, strip: bool = True) -> str:
    """Return ``value`` without escape sequences and control characters.

    Single-line text also has its runs of white space folded to one space.
    Multi-line text keeps its newlines (``\\r\\n`` becomes ``\\n``) and tabs
    become spaces. Both are stripped at the ends, unless not ``strip`` (text
    pasted into the middle of a field keeps the space that joins it to the rest).
    """
    if strip and not multiline and value.isprintable():
        # Printable: no escape, control or bidi character, and no white space but
        # plain spaces (the common case, and every field of an import): fold them.
        return " ".join(value.split())
    text = _ESCAPES.sub("", value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        text = _CONTROLS.sub("", text)
        if not strip:
            return text
        lines = [line.rstrip() for line in text.split("\n")]
        return "\n".join(lines).strip("\n").strip()
    text = _SPACES.sub(" ", _CONTROLS.sub(" ", text))
    return text.strip() if strip else text


_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to write to a terminal: escape sequences and control characters
    (but newlines) removed, nothing else touched. For what did not go through
    :func:`clean_text` on the way in: file names, paths, messages quoting them."""
    if not _UNSAFE.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text)).replace("\t", " ")


def plural(n: int, word: str) -> str:
    """``1 contact``, ``2 contacts``, ``30,000 contacts``."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
